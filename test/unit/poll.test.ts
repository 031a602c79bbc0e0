import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Service } from '../../core/catalog/catalog';
import { computeVerdict } from '../../core/verdict';
import { pollCycle, recordProblem, refreshService, type PollDeps } from '../../core/poll';
import { getRecord, openStore, type Db } from '../../core/store';
import type { ReadMode } from '../../core/net/access';
import { countUpTo, githubIncidents, githubSummary } from '../../replay/feeds';
import { changeTimes, readGithub } from '../../replay/record';
import { githubService } from './builders';

// Real payloads: GitHub summary during the 2020-04-02 outage, and GitHub's incidents.json
// (resolved incidents with component transitions). See test/fixtures/feeds/PROVENANCE.md.
const ACTIVE = readFileSync('test/fixtures/feeds/statuspage-summary-github-active-incident-major-outage-20200402.json', 'utf8');
const OPERATIONAL = readFileSync('test/fixtures/feeds/statuspage-summary-github-all-operational-20191230.json', 'utf8');
const HISTORY = readFileSync('test/fixtures/feeds/statuspage-incidents-github-resolved-with-component-transitions.json', 'utf8');

const github = githubService;

interface Route {
  status: number;
  body: string;
  etag?: string;
  headers?: Record<string, string>;
}

/**
 * A tiny fake web: routes by URL, honours If-None-Match, logs every request as the network sees it.
 * A `cache: 'no-cache'` request (CORS mode, core/net/access.ts) must carry no conditional header
 * of its own; like a browser, the fake then revalidates with the validator of its own cached copy
 * and, on a match, hands back that copy as a 200 — so the log shows the same conditional requests
 * in both modes.
 */
function fakeWeb(routes: Record<string, Route>) {
  const log: { url: string; ifNoneMatch: string | null }[] = [];
  const browserCache = new Map<string, { etag: string; body: string }>();
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const headers = new Headers(init?.headers);
    const cors = init?.cache === 'no-cache';
    if (cors && (headers.has('if-none-match') || headers.has('if-modified-since')))
      throw new Error('a CORS read sent a conditional header (preflight)');
    const cached = cors ? browserCache.get(url) : undefined;
    const ifNoneMatch = cors ? (cached?.etag ?? null) : headers.get('if-none-match');
    log.push({ url, ifNoneMatch });
    const r = routes[url];
    if (!r) return new Response('not found', { status: 404 });
    if (r.etag && ifNoneMatch === r.etag) {
      if (cached) return new Response(cached.body, { status: 200, headers: { 'content-type': 'application/json', etag: cached.etag } });
      return new Response(null, { status: 304, headers: { etag: r.etag } });
    }
    if (cors && r.etag && r.status === 200) browserCache.set(url, { etag: r.etag, body: r.body });
    return new Response(r.body, {
      status: r.status,
      headers: { 'content-type': 'application/json', ...(r.etag ? { etag: r.etag } : {}), ...r.headers },
    });
  }) as typeof globalThis.fetch;
  return { fetch, log, routes };
}

const SUMMARY = 'https://www.githubstatus.com/api/v2/summary.json';
const INCIDENTS = 'https://www.githubstatus.com/api/v2/incidents.json';

let db: Db;
let n = 0;
beforeEach(async () => {
  db = await openStore(`poll-test-${n++}`);
  mode = 'cors';
});

/** The read mode the tests run in: both modes must keep the 304 / unchanged path. */
let mode: ReadMode = 'cors';
function deps(fetch: typeof globalThis.fetch, now: number): PollDeps {
  return { db, fetch, now: () => now, intervalMs: 60_000, readMode: () => mode };
}

describe.each(['host', 'cors'] as const)('refreshService (%s read)', (m) => {
  beforeEach(() => {
    mode = m;
  });

  it('first poll reads summary and (once) the history; the second sends If-None-Match and keeps data on 304', async () => {
    const web = fakeWeb({
      [SUMMARY]: { status: 200, body: ACTIVE, etag: '"s1"' },
      [INCIDENTS]: { status: 200, body: HISTORY, etag: '"h1"' },
    });
    const t0 = Date.parse('2020-04-02T20:40:00Z');
    const first = await refreshService(github, deps(web.fetch, t0));
    expect(first.snapshot?.incidents).toHaveLength(1);
    expect(first.historyFetchedAt).toBe(t0);
    expect(web.log.map((l) => l.url)).toEqual([SUMMARY, INCIDENTS]);

    const second = await refreshService(github, deps(web.fetch, t0 + 120_000));
    expect(web.log.slice(2)).toEqual([{ url: SUMMARY, ifNoneMatch: '"s1"' }]); // one conditional request, no history
    expect(second.snapshot).toEqual(first.snapshot);
    expect(second.lastSuccessAt).toBe(t0 + 120_000);
    expect(computeVerdict({ hasOfficial: true, official: second, now: t0 + 120_000, staleAfterMs: 900_000 }).verdict).toBe('acknowledged');
  });

  it('an error keeps the last good snapshot, records the problem, and the verdict is unknown', async () => {
    const web = fakeWeb({ [SUMMARY]: { status: 200, body: OPERATIONAL }, [INCIDENTS]: { status: 200, body: HISTORY } });
    const t0 = Date.parse('2026-11-23T12:00:00Z');
    const good = await refreshService(github, deps(web.fetch, t0));
    web.routes[SUMMARY] = { status: 503, body: '{"error":"unavailable"}', headers: { 'retry-after': '120' } };
    const bad = await refreshService(github, deps(web.fetch, t0 + 120_000));
    expect(bad.snapshot).toEqual(good.snapshot);
    expect(bad.lastSuccessAt).toBe(t0);
    expect(bad.problem?.httpStatus).toBe(503);
    expect(bad.backoff!.nextAttemptAt).toBeGreaterThanOrEqual(t0 + 120_000 + 120_000);
    expect(computeVerdict({ hasOfficial: true, official: bad, now: t0 + 120_000, staleAfterMs: 900_000 }).verdict).toBe('unknown');

    // Recovers when the fault goes away (manual refresh skips ordinary backoff).
    web.routes[SUMMARY] = { status: 200, body: OPERATIONAL };
    const again = await refreshService(github, deps(web.fetch, t0 + 300_000), { force: true });
    expect(again.problem).toBeNull();
  });

  it('HTML where JSON was expected is unknown with "it may have moved", and stored data survives', async () => {
    const web = fakeWeb({ [SUMMARY]: { status: 200, body: ACTIVE }, [INCIDENTS]: { status: 200, body: HISTORY } });
    const t0 = Date.parse('2020-04-02T20:40:00Z');
    await refreshService(github, deps(web.fetch, t0));
    web.routes[SUMMARY] = {
      status: 200,
      body: '<!DOCTYPE html><html><body>We moved</body></html>',
      headers: { 'content-type': 'text/html' },
    };
    const rec = await refreshService(github, deps(web.fetch, t0 + 120_000));
    expect(rec.problem?.message).toBe('the status page answered with HTML — it may have moved');
    expect(rec.snapshot?.incidents).toHaveLength(1);
  });

  it('an incident that vanishes from the summary is looked up in the history and shown resolved', async () => {
    const web = fakeWeb({ [SUMMARY]: { status: 200, body: ACTIVE }, [INCIDENTS]: { status: 200, body: '{"page":{},"incidents":[]}' } });
    const t0 = Date.parse('2020-04-02T20:40:00Z');
    const first = await refreshService(github, deps(web.fetch, t0));
    const openId = first.snapshot!.incidents[0]!.id;
    web.routes[SUMMARY] = { status: 200, body: OPERATIONAL };
    const after = await refreshService(github, deps(web.fetch, t0 + 120_000));
    expect(web.log.filter((l) => l.url === INCIDENTS)).toHaveLength(2); // first poll + on vanishing
    // The history did not list it, so what we saw is recorded: it was open, now it is gone.
    expect(after.history[0]).toMatchObject({ id: openId, status: 'resolved', resolvedAt: new Date(t0 + 120_000).toISOString() });
    expect(computeVerdict({ hasOfficial: true, official: after, now: t0 + 180_000, staleAfterMs: 900_000 }).verdict).toBe('resolved');
  });

  it('concurrent refreshes of one service share a single poll', async () => {
    const web = fakeWeb({ [SUMMARY]: { status: 200, body: OPERATIONAL }, [INCIDENTS]: { status: 200, body: HISTORY } });
    const d = deps(web.fetch, Date.parse('2026-11-23T12:00:00Z'));
    const [a, b] = await Promise.all([refreshService(github, d), refreshService(github, d)]);
    expect(a).toBe(b);
    expect(web.log.filter((l) => l.url === SUMMARY)).toHaveLength(1);
  });

  it('a poll killed before its write leaves the previous record intact, and repeating it is harmless', async () => {
    const web = fakeWeb({ [SUMMARY]: { status: 200, body: OPERATIONAL }, [INCIDENTS]: { status: 200, body: HISTORY } });
    const t0 = Date.parse('2026-11-23T12:00:00Z');
    const before = await refreshService(github, deps(web.fetch, t0));
    // The worker dies mid-fetch: the fetch never settles, nothing is written.
    const hanging = (() => new Promise<Response>(() => undefined)) as typeof globalThis.fetch;
    void refreshService(github, { ...deps(hanging, t0 + 120_000) });
    expect(await getRecord(db, 'github')).toEqual(before);
  });

  it('does not poll a feed read seconds ago, unless forced', async () => {
    const web = fakeWeb({ [SUMMARY]: { status: 200, body: OPERATIONAL }, [INCIDENTS]: { status: 200, body: HISTORY } });
    const t0 = Date.parse('2026-11-23T12:00:00Z');
    await refreshService(github, deps(web.fetch, t0));
    const count = web.log.length;
    await refreshService(github, deps(web.fetch, t0 + 1_000));
    expect(web.log.length).toBe(count);
    await refreshService(github, deps(web.fetch, t0 + 1_000), { force: true });
    expect(web.log.length).toBe(count + 1);
  });
});

describe('isPollDue', () => {
  it('a healthy feed is read at every tick unless it was read seconds ago; a failing one keeps its backoff', async () => {
    const { isPollDue } = await import('../../core/poll');
    const t = Date.parse('2026-11-23T12:00:00Z');
    const healthy = (lastAttemptAt: number) =>
      ({ lastAttemptAt, backoff: { failures: 0, nextAttemptAt: lastAttemptAt + 60_000 }, problem: null }) as never;
    expect(isPollDue(healthy(t - 59_000), t)).toBe(true);
    // Read by a tab visit 6 s before the tick: the tick still reads it (it would otherwise wait a whole tick).
    expect(isPollDue(healthy(t - 12_000), t)).toBe(true);
    // Read a second ago: no need.
    expect(isPollDue(healthy(t - 1_000), t)).toBe(false);
    const failing = {
      lastAttemptAt: t - 100_000,
      backoff: { failures: 2, nextAttemptAt: t + 20_000 },
      problem: { code: 'http', message: 'x' },
    } as never;
    expect(isPollDue(failing, t)).toBe(false);
    expect(isPollDue(undefined, t)).toBe(true);
  });
});

describe.each(['host', 'cors'] as const)('unchanged feeds (%s read)', (m) => {
  beforeEach(() => {
    mode = m;
  });

  it('a 304 within 10 minutes of the last parse keeps the snapshot without parsing; later it parses again', async () => {
    const web = fakeWeb({
      [SUMMARY]: { status: 200, body: OPERATIONAL, etag: '"o1"' },
      [INCIDENTS]: { status: 200, body: HISTORY, etag: '"h1"' },
    });
    const t0 = Date.parse('2026-11-23T12:00:00Z');
    const first = await refreshService(github, deps(web.fetch, t0));
    expect(first.parsedAt).toBe(t0);
    const second = await refreshService(github, deps(web.fetch, t0 + 60_000));
    expect(second.parsedAt).toBe(t0);
    expect(second.lastSuccessAt).toBe(t0 + 60_000);
    expect(second.snapshot).toEqual(first.snapshot);
    const later = await refreshService(github, deps(web.fetch, t0 + 11 * 60_000));
    expect(later.parsedAt).toBe(t0 + 11 * 60_000);
    expect(later.snapshot).toEqual(first.snapshot);
  });

  it('an unchanged feed is checked from the validators in the record, without reading the stored body', async () => {
    const web = fakeWeb({
      [SUMMARY]: { status: 200, body: OPERATIONAL, etag: '"o1"' },
      [INCIDENTS]: { status: 200, body: HISTORY, etag: '"h1"' },
    });
    const t0 = Date.parse('2026-11-23T12:00:00Z');
    const first = await refreshService(github, deps(web.fetch, t0));
    expect(first.validators?.[SUMMARY]).toEqual({ etag: '"o1"' });
    // Count reads of the bodies store from here on.
    const reads: string[] = [];
    const realGet = db.get.bind(db);
    db.get = ((store: string, key: string) => {
      if (store === 'bodies') reads.push(key);
      return realGet(store as never, key as never);
    }) as typeof db.get;
    const second = await refreshService(github, deps(web.fetch, t0 + 60_000));
    expect(web.log.at(-1)).toEqual({ url: SUMMARY, ifNoneMatch: '"o1"' });
    expect(second.snapshot).toEqual(first.snapshot);
    expect(reads).toEqual([]);
    // Time to re-parse: now the body is read from storage (still no new download).
    const requestsBefore = web.log.length;
    const later = await refreshService(github, deps(web.fetch, t0 + 11 * 60_000));
    expect(reads).toEqual([SUMMARY]);
    expect(web.log.length).toBe(requestsBefore + 1);
    expect(later.snapshot).toEqual(first.snapshot);
  });

  it('validators whose body storage lost are not trusted: the feed is read again in full', async () => {
    const web = fakeWeb({
      [SUMMARY]: { status: 200, body: OPERATIONAL, etag: '"o1"' },
      [INCIDENTS]: { status: 200, body: HISTORY, etag: '"h1"' },
    });
    const t0 = Date.parse('2026-11-23T12:00:00Z');
    const first = await refreshService(github, deps(web.fetch, t0));
    await db.clear('bodies');
    const later = await refreshService(github, deps(web.fetch, t0 + 11 * 60_000));
    // host: our own conditional request, then a plain one. cors: the browser revalidates both times
    // from its own cache and hands back its copy, which the worker stores again.
    expect(web.log.slice(-2)).toEqual([
      { url: SUMMARY, ifNoneMatch: '"o1"' },
      { url: SUMMARY, ifNoneMatch: m === 'host' ? null : '"o1"' },
    ]);
    expect(later.problem).toBeNull();
    expect(later.snapshot).toEqual(first.snapshot);
    expect(await db.get('bodies', SUMMARY)).toMatchObject({ body: OPERATIONAL });
  });
});

describe('pollCycle (the worker\u2019s batch)', () => {
  const copies = (n: number) => Array.from({ length: n }, (_, i) => ({ ...github, id: `gh${i}` }) as unknown as Service);

  it('polls every service with one read transaction and one write transaction for the batch', async () => {
    const web = fakeWeb({
      [SUMMARY]: { status: 200, body: OPERATIONAL, etag: '"o1"' },
      [INCIDENTS]: { status: 200, body: HISTORY, etag: '"h1"' },
    });
    const t0 = Date.parse('2026-11-23T12:00:00Z');
    const services = copies(6);
    await pollCycle(services, deps(web.fetch, t0));
    const modes: string[] = [];
    const counted = new Proxy(db, {
      get(target, prop) {
        if (prop === 'transaction') {
          return (stores: never, mode?: never) => {
            modes.push(mode ?? 'readonly');
            return target.transaction(stores, mode);
          };
        }
        const v = Reflect.get(target, prop, target) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    await pollCycle(services, { ...deps(web.fetch, t0 + 60_000), db: counted });
    expect(modes).toEqual(['readonly', 'readwrite']);
    for (const s of services) {
      const rec = await getRecord(db, s.id);
      expect(rec?.lastSuccessAt).toBe(t0 + 60_000);
      expect(rec?.snapshot?.indicator).toBe('operational');
    }
  });

  it('a refresh of a service in a running cycle shares the cycle\u2019s result; a precheck refusal is recorded as a problem', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const web = fakeWeb({
      [SUMMARY]: { status: 200, body: OPERATIONAL, etag: '"o1"' },
      [INCIDENTS]: { status: 200, body: HISTORY, etag: '"h1"' },
    });
    const slow = (async (input: RequestInfo | URL, init?: RequestInit) => {
      await gate;
      return web.fetch(input, init);
    }) as typeof globalThis.fetch;
    const t0 = Date.parse('2026-11-23T12:00:00Z');
    const [a, refused] = copies(2);
    const cycle = pollCycle([a!, refused!], deps(slow, t0), {
      precheck: async (s) => (s.id === refused!.id ? { code: 'permission', message: 'not allowed' } : null),
    });
    const shared = refreshService(a!, deps(slow, t0));
    release();
    await cycle;
    const rec = await shared;
    expect(rec.lastSuccessAt).toBe(t0);
    expect(web.log.filter((l) => l.url === SUMMARY)).toHaveLength(1);
    expect((await getRecord(db, refused!.id))?.problem?.code).toBe('permission');
  });

  it('a record written after the batch read it is read again, not overwritten with the older copy', async () => {
    const web = fakeWeb({
      [SUMMARY]: { status: 200, body: OPERATIONAL, etag: '"o1"' },
      [INCIDENTS]: { status: 200, body: HISTORY, etag: '"h1"' },
    });
    const t0 = Date.parse('2026-11-23T12:00:00Z');
    const [a, b] = copies(2);
    await pollCycle([a!, b!], deps(web.fetch, t0));
    // While the next cycle waits on a's request, a problem is recorded for b.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = (async (input: RequestInfo | URL, init?: RequestInit) => {
      await gate;
      return web.fetch(input, init);
    }) as typeof globalThis.fetch;
    const cycle = pollCycle([a!, b!], { ...deps(slow, t0 + 60_000) }, { concurrency: 1 });
    await new Promise((r) => setTimeout(r, 20));
    await recordProblem(b!, { code: 'http', message: 'HTTP 500' }, deps(web.fetch, t0 + 30_000));
    release();
    await cycle;
    const rec = await getRecord(db, b!.id);
    // The cycle saw the newer record (a failure 30 s ago, backing off), so b was not due and the
    // problem stands; with its stale copy it would have polled b and written over the problem.
    expect(rec?.problem?.code).toBe('http');
    expect(rec?.lastAttemptAt).toBe(t0 + 30_000);
    expect(rec?.backoff?.failures).toBe(1);
    expect((await getRecord(db, a!.id))?.lastSuccessAt).toBe(t0 + 60_000);
  });
});

describe('check rows', () => {
  it('an unchanged feed updates only the small check row; readers see the new check time over the stored record', async () => {
    const web = fakeWeb({
      [SUMMARY]: { status: 200, body: OPERATIONAL, etag: '"o1"' },
      [INCIDENTS]: { status: 200, body: HISTORY, etag: '"h1"' },
    });
    const t0 = Date.parse('2026-11-23T12:00:00Z');
    await refreshService(github, deps(web.fetch, t0));
    await refreshService(github, deps(web.fetch, t0 + 60_000));
    const onDisk = await db.get('services', 'github');
    expect(onDisk?.lastSuccessAt).toBe(t0); // the heavy record was not rewritten
    expect((await db.get('checks', 'github'))?.lastSuccessAt).toBe(t0 + 60_000);
    const rec = await getRecord(db, 'github');
    expect(rec?.lastSuccessAt).toBe(t0 + 60_000);
    expect(rec?.snapshot).toEqual(onDisk?.snapshot);
    // A failure rewrites the whole record (the problem is part of it), check row included.
    await recordProblem(github, { code: 'http', message: 'HTTP 503' }, deps(web.fetch, t0 + 120_000));
    expect((await db.get('services', 'github'))?.problem?.code).toBe('http');
    expect((await getRecord(db, 'github'))?.lastAttemptAt).toBe(t0 + 120_000);
    expect((await getRecord(db, 'github'))?.lastSuccessAt).toBe(t0 + 60_000);
  });
});

describe('an incident posted already resolved (retroactive)', () => {
  // Real: GitHub's "[Retroactive] Incident with Git Operations" (25281050), one "Resolved" update,
  // after the 2025-05-26 incident — from the archive in test/fixtures/replay/PROVENANCE.md, served
  // as the replay rebuilds Statuspage's feeds (replay/feeds.ts: ETag = number of changes so far).
  const record = readGithub('test/fixtures/replay/github-retroactive-25281050.jsonl');
  const changes = changeTimes(record);
  const serve = (web: ReturnType<typeof fakeWeb>, t: number) => {
    const etag = `"v${countUpTo(changes, t)}"`;
    web.routes[SUMMARY] = { status: 200, body: githubSummary(record, t), etag };
    web.routes[INCIDENTS] = { status: 200, body: githubIncidents(record, t), etag };
  };

  it('reaches the history at the first poll after it is posted, and an unchanged feed still costs one request', async () => {
    const retro = record.find((i) => i.id === '25281050')!;
    const posted = retro.createdAt;
    const web = fakeWeb({});
    const minute = 60_000;
    const at = async (t: number) => {
      serve(web, t);
      const before = web.log.length;
      const rec = await refreshService(github, deps(web.fetch, t), { force: true });
      return { rec, requests: web.log.slice(before).map((r) => r.url) };
    };
    const first = await at(posted - 3 * minute);
    expect(first.rec.history.map((i) => i.id)).toEqual(['25261970']);
    // Unchanged feed: one conditional request, no history read.
    expect((await at(posted - 2 * minute)).requests).toEqual([SUMMARY]);
    // The retroactive incident is never in summary.json (it was never open), but posting it changed
    // the page: the very next poll reads the history once, and the incident and its text are there.
    const next = await at(posted + minute);
    expect(next.requests).toEqual([SUMMARY, INCIDENTS]);
    const shown = next.rec.history.find((i) => i.id === '25281050');
    expect(shown).toMatchObject({ status: 'resolved', title: '[Retroactive] Incident with Git Operations' });
    expect(shown!.updates.map((u) => u.text)).toEqual([retro.updates[0]!.text]);
    // And unchanged again: back to one request.
    expect((await at(posted + 2 * minute)).requests).toEqual([SUMMARY]);
  });
});
