import { describe, expect, it } from 'vitest';
import { failureKind, isOfflineRequestError, type NavEvent } from '../../../core/local/failures';
import {
  BUCKET_MS,
  KEEP_BUCKETS_MS,
  addObservations,
  outcomeOfError,
  outcomeOfStatus,
  requestEvidence,
  type Observation,
  type RequestBucket,
  type RequestOutcome,
} from '../../../core/local/requests';

const NOW = Date.parse('2026-11-23T12:00:30Z');
const s = 1000;
const obs = (secAgo: number, outcome: RequestOutcome, serviceId = 'primevideo'): Observation => ({
  serviceId,
  at: NOW - secAgo * s,
  outcome,
});
const ok = (secAgo: number, serviceId = 'primevideo') => obs(secAgo, { type: 'answered' }, serviceId);
const http = (secAgo: number, code: number, serviceId = 'primevideo') => obs(secAgo, { type: 'status', code }, serviceId);
const err = (secAgo: number, kind: 'reset' | 'refused' | 'timeout' | 'tls' | 'dns', serviceId = 'primevideo') =>
  obs(secAgo, { type: 'error', kind }, serviceId);
const counts = (o: Observation[]): RequestBucket[] => addObservations([], o, NOW);
const judge = (o: Observation[], events: NavEvent[] = [], online = true) => requestEvidence('primevideo', counts(o), events, NOW, online);

describe('which outcomes count', () => {
  it('5xx is a failure, 4xx and 2xx/3xx are answers, a status of 0 says nothing', () => {
    expect(outcomeOfStatus(503)).toEqual({ type: 'status', code: 503 });
    expect(outcomeOfStatus(500)).toEqual({ type: 'status', code: 500 });
    expect(outcomeOfStatus(404)).toEqual({ type: 'answered' });
    expect(outcomeOfStatus(429)).toEqual({ type: 'answered' });
    expect(outcomeOfStatus(200)).toEqual({ type: 'answered' });
    expect(outcomeOfStatus(304)).toEqual({ type: 'answered' });
    expect(outcomeOfStatus(0)).toBeNull();
  });
  it('network errors by kind (Chromium names)', () => {
    expect(outcomeOfError('net::ERR_CONNECTION_RESET', true)).toEqual({ type: 'error', kind: 'reset' });
    expect(outcomeOfError('net::ERR_EMPTY_RESPONSE', true)).toEqual({ type: 'error', kind: 'reset' });
    expect(outcomeOfError('net::ERR_CONNECTION_REFUSED', true)).toEqual({ type: 'error', kind: 'refused' });
    expect(outcomeOfError('net::ERR_TIMED_OUT', true)).toEqual({ type: 'error', kind: 'timeout' });
    expect(outcomeOfError('net::ERR_CONNECTION_TIMED_OUT', true)).toEqual({ type: 'error', kind: 'timeout' });
    expect(outcomeOfError('net::ERR_SSL_PROTOCOL_ERROR', true)).toEqual({ type: 'error', kind: 'tls' });
    expect(outcomeOfError('net::ERR_CERT_DATE_INVALID', true)).toEqual({ type: 'error', kind: 'tls' });
    expect(outcomeOfError('net::ERR_NAME_NOT_RESOLVED', true)).toEqual({ type: 'error', kind: 'dns' });
  });
  it('aborted and blocked-by-client (ad blockers) never count, in either browser', () => {
    for (const e of [
      'net::ERR_ABORTED',
      'net::ERR_BLOCKED_BY_CLIENT',
      'net::ERR_BLOCKED_BY_RESPONSE',
      'NS_BINDING_ABORTED',
      'NS_ERROR_ABORT',
      'NS_ERROR_TRACKING_URI',
      'something else',
    ]) {
      expect(outcomeOfError(e, true)).toBeNull();
      expect(failureKind(e)).toBeNull();
    }
  });
  it("Firefox's webRequest error names are read with the same rules", () => {
    expect(outcomeOfError('NS_ERROR_NET_RESET', true)).toEqual({ type: 'error', kind: 'reset' });
    expect(outcomeOfError('NS_ERROR_CONNECTION_REFUSED', true)).toEqual({ type: 'error', kind: 'refused' });
    expect(outcomeOfError('NS_ERROR_NET_TIMEOUT', true)).toEqual({ type: 'error', kind: 'timeout' });
    expect(outcomeOfError('NS_ERROR_UNKNOWN_HOST', true)).toEqual({ type: 'error', kind: 'dns' });
    expect(outcomeOfError('SSL_ERROR_BAD_CERT_DOMAIN', true)).toEqual({ type: 'error', kind: 'tls' });
    expect(outcomeOfError('SEC_ERROR_UNKNOWN_ISSUER', true)).toEqual({ type: 'error', kind: 'tls' });
    expect(isOfflineRequestError('NS_ERROR_OFFLINE')).toBe(true);
  });
  it('failures while offline are remembered as offline, not counted', () => {
    expect(outcomeOfError('net::ERR_INTERNET_DISCONNECTED', true)).toEqual({ type: 'offline' });
    expect(outcomeOfError('net::ERR_NETWORK_CHANGED', true)).toEqual({ type: 'offline' });
    expect(outcomeOfError('net::ERR_CONNECTION_RESET', false)).toEqual({ type: 'offline' });
  });
});

describe('counting', () => {
  it('one bucket per service and minute, counts only', () => {
    const b = counts([http(10, 503), http(9, 503), http(8, 502), err(7, 'reset'), ok(6), ok(70), ok(5, 'github')]);
    expect(b).toHaveLength(3);
    const now = b.find((x) => x.serviceId === 'primevideo' && x.at === Math.floor(NOW / BUCKET_MS) * BUCKET_MS)!;
    expect(now).toEqual({
      serviceId: 'primevideo',
      at: Math.floor(NOW / BUCKET_MS) * BUCKET_MS,
      answered: 1,
      status: { '503': 2, '502': 1 },
      errors: { reset: 1 },
      offline: 0,
      firstFailureAt: NOW - 10 * s,
    });
    // Nothing but numbers and the service id is stored.
    expect(JSON.stringify(b)).not.toMatch(/https?:|\/|\?/);
  });
  it('adding never changes the input and merges into existing buckets', () => {
    const first = counts([http(10, 503)]);
    const copy = structuredClone(first);
    const next = addObservations(first, [http(5, 503), ok(4)], NOW);
    expect(first).toEqual(copy);
    expect(next).toHaveLength(1);
    expect(next[0]).toMatchObject({ answered: 1, status: { '503': 2 } });
  });
  it('old buckets are dropped', () => {
    const b = addObservations([], [http((KEEP_BUCKETS_MS + BUCKET_MS) / s, 503), http(10, 503)], NOW);
    expect(b).toHaveLength(1);
  });
});

describe('the rule: ≥ 3 failures and ≥ a third of the requests in 5 minutes', () => {
  it('14 of 20 requests answered 503 → trouble, naming the code, since the first failure', () => {
    const o = [...Array.from({ length: 14 }, (_, i) => http(200 - i * 10, 503)), ...Array.from({ length: 6 }, (_, i) => ok(150 - i * 10))];
    const ev = judge(o);
    expect(ev).toEqual({ trouble: true, failed: 14, total: 20, status: [['503', 14]], errors: [], since: NOW - 200 * s, discounted: null });
  });
  it('a single failing request never does', () => {
    expect(judge([http(10, 503)]).trouble).toBe(false);
  });
  it('two failures are not enough, even if they are all the requests', () => {
    expect(judge([http(20, 503), err(10, 'timeout')]).trouble).toBe(false);
  });
  it('3 failures among 100 answers (one flaky call) are not enough', () => {
    const o = [http(30, 500), http(20, 500), http(10, 500), ...Array.from({ length: 100 }, (_, i) => ok(i))];
    expect(judge(o)).toMatchObject({ trouble: false, failed: 3, total: 103 });
  });
  it('exactly a third is enough; just under is not', () => {
    expect(judge([http(30, 503), http(20, 503), http(10, 503), ok(5), ok(4), ok(3), ok(2), ok(1), ok(0)]).trouble).toBe(true);
    expect(judge([http(30, 503), http(20, 503), http(10, 503), ok(6), ok(5), ok(4), ok(3), ok(2), ok(1), ok(0)]).trouble).toBe(false);
  });
  it('4xx answers are never failures', () => {
    const o = Array.from({ length: 20 }, (_, i) => obs(i, outcomeOfStatus(i % 2 ? 404 : 403)!));
    expect(judge(o)).toMatchObject({ trouble: false, failed: 0, total: 20 });
  });
  it('network errors count and are named by kind, most frequent first', () => {
    const ev = judge([err(50, 'timeout'), err(40, 'reset'), err(30, 'timeout'), http(20, 502), ok(10)]);
    expect(ev).toMatchObject({
      trouble: true,
      failed: 4,
      total: 5,
      status: [['502', 1]],
      errors: [
        ['timeout', 2],
        ['reset', 1],
      ],
    });
  });
  it('failures older than 5 minutes do not count', () => {
    expect(judge([http(400, 503), http(350, 503), http(10, 503)]).trouble).toBe(false);
  });
  it('another service failing does not make this one fail', () => {
    const o = [http(30, 503, 'github'), http(20, 503, 'github'), http(10, 503, 'github'), ok(5)];
    expect(judge(o)).toMatchObject({ trouble: false, failed: 0, total: 1 });
  });
});

describe('this browser, not the service', () => {
  const failing = [err(30, 'reset'), err(20, 'reset'), err(10, 'reset')];
  it('the browser says it is offline → not counted', () => {
    expect(judge(failing, [], false)).toMatchObject({ trouble: false, discounted: 'offline' });
  });
  it('a request failed because the browser was offline in the window → not counted', () => {
    expect(judge([...failing, obs(5, { type: 'offline' }, 'github')])).toMatchObject({ trouble: false, discounted: 'offline' });
  });
  it("other sites fail to load too and none loads → the person's network, not counted", () => {
    const events: NavEvent[] = [
      { at: NOW - 25 * s, serviceId: null, ok: false, error: 'net::ERR_NAME_NOT_RESOLVED' },
      { at: NOW - 15 * s, serviceId: null, ok: false, error: 'net::ERR_TIMED_OUT' },
    ];
    expect(judge(failing, events)).toMatchObject({ trouble: false, discounted: 'other_sites_failing' });
  });
  it("other watched services' requests failing too, none answered → not counted", () => {
    expect(judge([...failing, err(25, 'timeout', 'github'), err(15, 'dns', 'discord')])).toMatchObject({
      discounted: 'other_sites_failing',
    });
  });
  it('other sites failing but another service answering (even 5xx) → still the service', () => {
    const o = [...failing, err(25, 'timeout', 'github'), err(15, 'dns', 'discord'), http(12, 500, 'github')];
    expect(judge(o)).toMatchObject({ trouble: true, discounted: null });
  });
  it('other sites loading while this one fails → counted', () => {
    const events: NavEvent[] = [{ at: NOW - 25 * s, serviceId: null, ok: true }];
    expect(judge(failing, events).trouble).toBe(true);
  });
  it('an offline error (Firefox name) is offline', () => {
    expect(outcomeOfError('NS_ERROR_OFFLINE', true)).toEqual({ type: 'offline' });
  });
});
