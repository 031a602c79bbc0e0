/**
 * Fault suite through the real path: fetchFeed → adapter → refreshService → IndexedDB → verdict.
 * Each fault must end in a clear state (`unknown` with a reason, never `ok`), lose no stored data,
 * and recover when the fault goes away.
 */
import { readFileSync } from 'node:fs';
import { openDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import { refreshService, type PollDeps } from '../../core/poll';
import { DB_VERSION, getRecord, openStore, putRecord, type Db, type ServiceRecord } from '../../core/store';
import { computeVerdict } from '../../core/verdict';
import { githubService } from './builders';

const OPERATIONAL = readFileSync('test/fixtures/feeds/statuspage-summary-github-all-operational-20191230.json', 'utf8');
const ACTIVE = readFileSync('test/fixtures/feeds/statuspage-summary-github-active-incident-major-outage-20200402.json', 'utf8');
const SUMMARY = 'https://www.githubstatus.com/api/v2/summary.json';
const INCIDENTS = 'https://www.githubstatus.com/api/v2/incidents.json';
const github = githubService;

const T0 = Date.parse('2020-04-02T20:40:00Z');
type Fault = (url: string, init?: RequestInit) => Promise<Response>;

const json = (body: string, headers: Record<string, string> = {}) =>
  new Response(body, { headers: { 'content-type': 'application/json', ...headers } });

/** A fake web whose summary endpoint can be switched to a fault and back. */
function web() {
  let fault: Fault | null = null;
  let body = ACTIVE;
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    if (fault && url === SUMMARY) return fault(url, init);
    if (url === SUMMARY) return json(body, { etag: `"${body.length}"` });
    if (url === INCIDENTS) return json('{"page":{},"incidents":[]}');
    return new Response('nope', { status: 404 });
  }) as typeof globalThis.fetch;
  return {
    fetch,
    set: (f: Fault | null) => (fault = f),
    setBody: (b: string) => (body = b),
  };
}

let db: Db;
let n = 0;
beforeEach(async () => {
  db = await openStore(`faults-${n++}`);
});

const deps = (fetch: typeof globalThis.fetch, now: number, _timeoutMs?: number): PollDeps & { timeoutMs?: number } => ({
  db,
  fetch,
  now: () => now,
  intervalMs: 60_000,
});
const verdictOf = (rec: ServiceRecord, now: number) => computeVerdict({ hasOfficial: true, official: rec, now, staleAfterMs: 15 * 60_000 });

/** Good poll, fault poll, recovery poll: the standard story every fault must pass. */
async function story(fault: Fault, expectCode: string | RegExp) {
  const w = web();
  const good = await refreshService(github, deps(w.fetch, T0));
  expect(verdictOf(good, T0).verdict).toBe('acknowledged');

  w.set(fault);
  const bad = await refreshService(github, deps(w.fetch, T0 + 120_000), { force: true });
  const v = verdictOf(bad, T0 + 120_000);
  expect(v.verdict).toBe('unknown');
  expect(v.verdict).not.toBe('ok');
  if (typeof expectCode === 'string') expect(bad.problem?.code).toBe(expectCode);
  else expect(bad.problem?.message).toMatch(expectCode);
  expect(bad.problem?.message.length).toBeGreaterThan(10);
  // No stored data lost: the last good snapshot is still there, in the database too.
  expect(bad.snapshot).toEqual(good.snapshot);
  expect((await getRecord(db, 'github'))?.snapshot).toEqual(good.snapshot);

  w.set(null);
  const again = await refreshService(github, deps(w.fetch, T0 + 60 * 60_000), { force: true });
  expect(again.problem).toBeNull();
  expect(verdictOf(again, T0 + 60 * 60_000).verdict).toBe('acknowledged');
}

describe('fault suite', () => {
  it('timeout (the server never answers)', async () => {
    // fetchFeed's own 10 s deadline is exercised in fetch.test.ts with fake timers; here the fetch
    // rejects the way an aborted request does.
    await story(async (_u, init) => {
      throw Object.assign(new Error('The operation was aborted'), { name: init?.signal ? 'AbortError' : 'AbortError' });
    }, /did not answer|could not be reached|timed out|aborted/i);
  });

  it('429 with Retry-After: rate limited, honoured even by a manual refresh', async () => {
    const w = web();
    await refreshService(github, deps(w.fetch, T0));
    w.set(async () => new Response('slow down', { status: 429, headers: { 'retry-after': '600' } }));
    const limited = await refreshService(github, deps(w.fetch, T0 + 60_000), { force: true });
    expect(limited.problem?.code).toBe('rate_limited');
    expect(verdictOf(limited, T0 + 60_000).verdict).toBe('unknown');
    expect(limited.backoff!.nextAttemptAt).toBeGreaterThanOrEqual(T0 + 60_000 + 600_000);
    w.set(null);
    // Within Retry-After, even a forced refresh does not ask again.
    const held = await refreshService(github, deps(w.fetch, T0 + 120_000), { force: true });
    expect(held.problem?.code).toBe('rate_limited');
    const after = await refreshService(github, deps(w.fetch, T0 + 60_000 + 601_000), { force: true });
    expect(after.problem).toBeNull();
  });

  it.each([500, 502, 503])('HTTP %i', async (status) => {
    await story(async () => new Response('err', { status }), 'http');
  });

  it('DNS failure', async () => {
    await story(async () => {
      throw new TypeError('getaddrinfo ENOTFOUND www.githubstatus.com');
    }, 'network');
  });

  it('TLS failure', async () => {
    await story(async () => {
      throw new TypeError('net::ERR_CERT_AUTHORITY_INVALID');
    }, 'network');
  });

  it('browser offline', async () => {
    await story(async () => {
      throw new TypeError('Failed to fetch');
    }, 'network');
  });

  it('redirect loop', async () => {
    await story(async () => {
      throw new TypeError('redirect count exceeded');
    }, 'network');
  });

  it('301 to another platform (cross-host redirect)', async () => {
    await story(async () => {
      const r = json('{"page":{"name":"Elsewhere"},"components":[]}');
      Object.defineProperty(r, 'redirected', { value: true });
      Object.defineProperty(r, 'url', { value: 'https://github.statuspal.io/api/summary' });
      return r;
    }, 'redirect');
  });

  it('HTML where JSON was expected', async () => {
    await story(async () => new Response('<!doctype html><title>Moved</title>', { headers: { 'content-type': 'text/html' } }), 'html');
  });

  it('a 20 MB response is refused without being read whole', async () => {
    let pulled = 0;
    await story(async () => {
      const chunk = new Uint8Array(1024 * 1024).fill(0x20);
      const stream = new ReadableStream<Uint8Array>({
        pull(c) {
          pulled++;
          if (pulled > 20) c.close();
          else c.enqueue(chunk);
        },
      });
      return new Response(stream, { headers: { 'content-type': 'application/json' } });
    }, 'too_large');
    expect(pulled).toBeLessThanOrEqual(8);
  });

  it('schema change: valid JSON of another shape', async () => {
    await story(async () => json('{"data":{"status":"green"}}'), /expected shape|changed platform|not.*Statuspage/i);
  });

  it('clock skew: data "from the future" and a clock behind the feed never turn into ok or crash', async () => {
    const w = web();
    const past = T0 - 365 * 24 * 3_600_000; // our clock a year behind the feed's timestamps
    const rec = await refreshService(github, deps(w.fetch, past));
    expect(verdictOf(rec, past).verdict).toBe('acknowledged');
    // Clock jumps far ahead: old data is stale → unknown, not ok.
    expect(verdictOf(rec, past + 2 * 3_600_000).verdict).toBe('unknown');
  });

  it('storage quota exceeded while saving: the poll fails loudly, the previous record survives, and the next poll recovers', async () => {
    const w = web();
    const good = await refreshService(github, deps(w.fetch, T0));
    const quotaDb = new Proxy(db, {
      get(target, prop, recv) {
        if (prop === 'transaction') {
          return () => {
            throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
          };
        }
        const v = Reflect.get(target, prop, recv);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    }) as Db;
    w.setBody(OPERATIONAL);
    await expect(refreshService(github, { ...deps(w.fetch, T0 + 120_000), db: quotaDb }, { force: true })).rejects.toThrow(/quota/i);
    expect(await getRecord(db, 'github')).toEqual(good);
    const next = await refreshService(github, deps(w.fetch, T0 + 180_000), { force: true });
    // The open incident is gone from the feed now: resolved (within the hour), then ok.
    expect(verdictOf(next, T0 + 180_000).verdict).toBe('resolved');
    expect(verdictOf(next, T0 + 180_000 + 61 * 60_000).verdict).toBe('unknown'); // and stale data is never ok
  });

  it('IndexedDB upgrade from data written by the first schema keeps it', async () => {
    const name = `upgrade-${n++}`;
    const v1 = await openDB(name, 1, {
      upgrade(d) {
        d.createObjectStore('services', { keyPath: 'serviceId' });
        d.createObjectStore('bodies', { keyPath: 'url' });
      },
    });
    const old: ServiceRecord = {
      serviceId: 'github',
      snapshot: null,
      lastSuccessAt: T0,
      lastAttemptAt: T0,
      problem: null,
      history: [],
      backoff: null,
      historyFetchedAt: null,
    };
    await v1.put('services', old);
    await v1.put('bodies', { url: SUMMARY, body: ACTIVE, validators: { etag: '"x"' }, storedAt: T0 });
    v1.close();
    const upgraded = await openStore(name);
    expect(upgraded.version).toBe(DB_VERSION);
    expect([...upgraded.objectStoreNames].sort()).toEqual(['bodies', 'checks', 'crowd', 'episodes', 'services']);
    expect(await getRecord(upgraded, 'github')).toEqual(old);
    expect((await upgraded.get('bodies', SUMMARY))?.body).toBe(ACTIVE);
    await putRecord(upgraded, { ...old, lastAttemptAt: T0 + 1 });
    expect((await getRecord(upgraded, 'github'))?.lastAttemptAt).toBe(T0 + 1);
  });
});
