import https from 'node:https';
import http from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addPosts, mergeBuckets, BUCKET_MS } from '../../core/crowd/buckets';
import { runBackfill } from '../../core/crowd/backfill';
import { hackerNews } from '../../core/crowd/hn';
import { mastodon } from '../../core/crowd/mastodon';
import { termsForService } from '../../core/crowd/source';
import { detectSpike } from '../../core/crowd/spike';
import { decodeBody, fetchFeed } from '../../core/net/fetch';
import type { ParseContext } from '../../core/official/types';
import { OFFICIAL_KINDS, type OfficialKind } from '../../core/official/kinds';
import { adapterFor } from '../../core/official/registry';
import { computeVerdict, type OfficialState } from '../../core/verdict';
import { AWS_CONTENT_TYPE, GCP_OPEN_ID, SLACK_INCIDENT_TITLE } from '../../demo/formats';
import { catalogServices, startDemoServer, statusHostOf, type CatalogService, type DemoServer } from '../../demo/server';
import { EXPECTED_VERDICT, HEALTHY_SCENARIO, HOSTILE_INCIDENT_NAME, HOSTILE_UPDATE_BODY, shiftTimestamps } from '../../demo/scenarios';
import { readClientHello } from '../../demo/sni';

const T0 = Date.parse('2026-05-01T12:00:00.000Z');
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  bytes: Buffer;
}

/** Request `path` on the demo server as if for `host` (connects to 127.0.0.1, Host header = host). */
function request(
  port: number,
  host: string,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string; plain?: boolean } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const common = {
      host: '127.0.0.1',
      port,
      path,
      method: opts.method ?? 'GET',
      headers: { host, ...(opts.headers ?? {}) },
      agent: false as const,
    };
    const onRes = (res: http.IncomingMessage): void => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: bytes.toString('utf8'), bytes });
      });
      res.on('error', reject);
    };
    const req = opts.plain
      ? http.request(common, onRes)
      : https.request({ ...common, servername: host.includes('.') ? host : undefined, rejectUnauthorized: false }, onRes);
    req.on('error', reject);
    req.end(opts.body);
  });
}

type J = any; // parsed feed JSON, probed field by field

async function json(port: number, host: string, path: string): Promise<J> {
  const r = await request(port, host, path);
  expect(r.status).toBe(200);
  expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
  return JSON.parse(r.body);
}

function allTimestamps(v: unknown, key = '', out: { key: string; ms: number }[] = []): { key: string; ms: number }[] {
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) out.push({ key, ms: Date.parse(v) });
  else if (Array.isArray(v)) v.forEach((x) => allTimestamps(x, key, out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) allTimestamps(x, k, out);
  return out;
}

const GH = 'www.githubstatus.com';
const OPENAI = 'status.openai.com';

describe('demo server', () => {
  let server: DemoServer;
  let clock = T0;

  beforeAll(async () => {
    server = await startDemoServer({ port: 0, now: () => clock, hangMs: 50 });
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(async () => {
    clock = T0;
    const r = await request(server.port, 'localhost', '/__control/reset', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(r.status).toBe(200);
  });

  it('exposes port, SPKI and host rules', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.spki).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(server.hostRules).toBe(`MAP * 127.0.0.1:${server.port}, EXCLUDE localhost`);
  });

  it('default world: github sp-incident, discord sp-ok, openai io-incident', () => {
    const s = server.state();
    expect(s[GH]).toBe('sp-incident');
    expect(s['discordstatus.com']).toBe('sp-ok');
    expect(s[OPENAI]).toBe('io-incident');
  });

  it('sp-incident: real GitHub incident, latest update at now − 4 min, nothing in the future', async () => {
    const summary = await json(server.port, GH, '/api/v2/summary.json');
    expect(summary.page.name).toBe('GitHub');
    expect(summary.page.url).toBe('https://www.githubstatus.com');
    expect(summary.status.indicator).toBe('major');
    expect(summary.incidents).toHaveLength(1);
    const inc = summary.incidents[0];
    expect(inc.status).toBe('investigating');
    expect(inc.impact).toBe('major');
    expect(Date.parse(inc.incident_updates[0].created_at)).toBe(T0 - 4 * MIN);
    expect(inc.incident_updates[0].body).toBe('We are investigating reports of service unavailability.');
    expect(inc.name).toBe('Incident on 2026-05-01 11:50 UTC'); // created 5 min 42 s before its latest update
    expect(inc.shortlink).toBe(`https://www.githubstatus.com/incidents/${inc.id}`);
    for (const t of allTimestamps(summary)) expect(t.ms).toBeLessThanOrEqual(T0);
    for (const t of allTimestamps(summary).filter((x) => x.key === 'updated_at' || x.key === 'created_at')) {
      expect(new Date(t.ms).toISOString()).toMatch(/Z$/);
    }
    const unresolved = await json(server.port, GH, '/api/v2/incidents/unresolved.json');
    expect(unresolved.incidents.map((i: J) => i.id)).toEqual([inc.id]);
    const all = await json(server.port, GH, '/api/v2/incidents.json');
    expect(all.incidents[0].id).toBe(inc.id);
    expect(all.incidents.slice(1).every((i: J) => i.status === 'resolved' && Date.parse(i.resolved_at) <= T0 - 2 * DAY)).toBe(true);
    const status = await json(server.port, GH, '/api/v2/status.json');
    expect(status.status).toEqual(summary.status);
  });

  it('sp-resolved: no open incident, newest resolved_at = now − 20 min', async () => {
    server.setScenario('github', 'sp-resolved');
    const summary = await json(server.port, GH, '/api/v2/summary.json');
    expect(summary.incidents).toEqual([]);
    expect(summary.status.indicator).toBe('none');
    expect(summary.components.every((c: J) => c.status === 'operational')).toBe(true);
    const inc = await json(server.port, GH, '/api/v2/incidents.json');
    const newest = Math.max(...inc.incidents.map((i: J) => Date.parse(i.resolved_at)));
    expect(newest).toBe(T0 - 20 * MIN);
    expect(inc.incidents[0].name).toBe('Incident with Pages and Actions');
    expect(inc.incidents.every((i: J) => i.status === 'resolved')).toBe(true);
    expect((await json(server.port, GH, '/api/v2/incidents/unresolved.json')).incidents).toEqual([]);
  });

  it('sp-ok: all operational, past incidents at least 2 days old', async () => {
    server.setScenario(GH, 'sp-ok');
    const summary = await json(server.port, GH, '/api/v2/summary.json');
    expect(summary.status).toEqual({ indicator: 'none', description: 'All Systems Operational' });
    expect(summary.incidents).toEqual([]);
    expect(summary.scheduled_maintenances).toEqual([]);
    const inc = await json(server.port, GH, '/api/v2/incidents.json');
    expect(inc.incidents.length).toBeGreaterThan(0);
    for (const t of allTimestamps(inc.incidents)) expect(t.ms).toBeLessThanOrEqual(T0 - 2 * DAY);
    expect((await json(server.port, GH, '/api/v2/incidents/unresolved.json')).incidents).toEqual([]);
  });

  it('sp-maintenance: one component under maintenance, maintenance in progress now − 30 min … now + 90 min', async () => {
    server.setScenario('github', 'sp-maintenance');
    const s = await json(server.port, GH, '/api/v2/summary.json');
    expect(s.status.indicator).toBe('maintenance');
    expect(s.incidents).toEqual([]);
    expect(s.components.filter((c: J) => c.status === 'under_maintenance')).toHaveLength(1);
    expect(s.components.filter((c: J) => c.status !== 'operational' && c.status !== 'under_maintenance')).toEqual([]);
    expect(s.scheduled_maintenances).toHaveLength(1);
    const m = s.scheduled_maintenances[0];
    expect(m).toMatchObject({ status: 'in_progress', impact: 'maintenance', resolved_at: null });
    expect(Date.parse(m.scheduled_for)).toBe(T0 - 30 * MIN);
    expect(Date.parse(m.started_at)).toBe(T0 - 30 * MIN);
    expect(Date.parse(m.scheduled_until)).toBe(T0 + 90 * MIN);
    expect(m.incident_updates.map((u: J) => u.status)).toEqual(['in_progress', 'scheduled']);
    const active = await json(server.port, GH, '/api/v2/scheduled-maintenances/active.json');
    expect(active.scheduled_maintenances.map((x: J) => x.id)).toEqual([m.id]);
  });

  it('sp-hostile: exact hostile strings in name and newest update', async () => {
    server.setScenario('github', 'sp-hostile');
    const s = await json(server.port, GH, '/api/v2/summary.json');
    expect(s.incidents[0].name).toBe(HOSTILE_INCIDENT_NAME);
    expect(s.incidents[0].incident_updates[0].body).toBe(HOSTILE_UPDATE_BODY);
    expect(HOSTILE_UPDATE_BODY).toBe('<img src=x onerror="window.x=1">Investigating <script>window.y=2</script>');
    const inc = await json(server.port, GH, '/api/v2/incidents.json');
    expect(inc.incidents[0].name).toBe('<b>Hostile</b> title');
  });

  it('rebrands the page for another service', async () => {
    server.setScenario('discord', 'sp-incident');
    const s = await json(server.port, 'discordstatus.com', '/api/v2/summary.json');
    expect(s.page.name).toBe('Discord');
    expect(s.page.url).toBe('https://discordstatus.com');
    expect(JSON.stringify(s)).not.toContain('githubstatus.com');
    expect(s.components.map((c: J) => c.name)).toContain('Visit discordstatus.com for more information');
  });

  it('io-incident: incident.io shapes, open incident updated now − 6 min', async () => {
    const summary = await json(server.port, OPENAI, '/api/v2/summary.json');
    expect(Object.keys(summary).sort()).toEqual(['components', 'page', 'status']);
    expect(Object.keys(summary.page).sort()).toEqual(['id', 'name', 'updated_at', 'url']);
    expect(summary.page.name).toBe('OpenAI (ChatGPT)');
    expect(summary.status.indicator).toBe('none');
    const comps = await json(server.port, OPENAI, '/api/v2/components.json');
    expect(comps.page).toBeUndefined();
    expect(comps.components.length).toBe(6);
    const inc = await json(server.port, OPENAI, '/api/v2/incidents.json');
    const open = inc.incidents.filter((i: J) => i.status !== 'resolved');
    expect(open).toHaveLength(1);
    expect(open[0].status).toBe('identified');
    expect('resolved_at' in open[0]).toBe(false);
    expect(Date.parse(open[0].incident_updates[0].created_at)).toBe(T0 - 6 * MIN);
    expect(open[0].incident_updates[0].created_at).toMatch(/:\d{2}Z$/); // whole seconds, like incident.io
    for (const t of allTimestamps(inc)) expect(t.ms).toBeLessThanOrEqual(T0);
    const unresolved = await request(server.port, OPENAI, '/api/v2/incidents/unresolved.json');
    expect(unresolved.status).toBe(404);
    expect(unresolved.headers['content-type']).toMatch(/^text\/html/);
  });

  it('io-ok: every incident resolved, at least 2 days ago', async () => {
    server.setScenario('openai', 'io-ok');
    const inc = await json(server.port, OPENAI, '/api/v2/incidents.json');
    expect(inc.incidents.length).toBe(3);
    expect(inc.incidents.every((i: J) => i.status === 'resolved' && typeof i.resolved_at === 'string')).toBe(true);
    expect(inc.incidents.every((i: J) => i.incident_updates[0].status === 'resolved')).toBe(true);
    const ts = allTimestamps(inc.incidents).map((t) => t.ms);
    expect(Math.max(...ts)).toBe(T0 - 2 * DAY);
  });

  it('ETag + If-None-Match round trip, stable while the scenario is unchanged', async () => {
    const logStart = server.requests.length;
    const a = await request(server.port, GH, '/api/v2/summary.json');
    const etag = a.headers['etag'];
    expect(etag).toMatch(/^"[^"]+"$/);
    clock = T0 + 10 * MIN; // the scenario keeps the time it was set: same body, same ETag
    const b = await request(server.port, GH, '/api/v2/summary.json');
    expect(b.headers['etag']).toBe(etag);
    expect(b.body).toBe(a.body);
    const c = await request(server.port, GH, '/api/v2/summary.json', { headers: { 'if-none-match': etag! } });
    expect(c.status).toBe(304);
    expect(c.body).toBe('');
    expect(c.headers['etag']).toBe(etag);
    const weak = await request(server.port, GH, '/api/v2/summary.json', { headers: { 'if-none-match': `"nope", W/${etag}` } });
    expect(weak.status).toBe(304);
    server.setScenario('github', 'sp-ok');
    const d = await request(server.port, GH, '/api/v2/summary.json', { headers: { 'if-none-match': etag! } });
    expect(d.status).toBe(200);
    expect(d.headers['etag']).not.toBe(etag);
    const log = server.requests.slice(logStart).filter((r) => r.host === GH);
    expect(log.map((r) => [r.status, r.ifNoneMatch])).toEqual([
      [200, false],
      [200, false],
      [304, true],
      [304, true],
      [200, true],
    ]);
  });

  it('http-503 answers every path with 503 + Retry-After', async () => {
    server.setScenario('github', 'http-503');
    for (const p of ['/api/v2/summary.json', '/api/v2/incidents.json', '/']) {
      const r = await request(server.port, GH, p);
      expect(r.status).toBe(503);
      expect(r.headers['retry-after']).toBe('120');
      expect(JSON.parse(r.body)).toEqual({ error: 'unavailable' });
    }
  });

  it('html answers 200 text/html where JSON is expected', async () => {
    server.setScenario('github', 'html');
    const r = await request(server.port, GH, '/api/v2/summary.json');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.body).toContain("We've moved");
    expect(() => JSON.parse(r.body)).toThrow();
  });

  it('timeout never answers and drops the connection (hangMs shortened in tests)', async () => {
    server.setScenario('github', 'timeout');
    await expect(request(server.port, GH, '/api/v2/summary.json')).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(server.requests.at(-1)).toMatchObject({ host: GH, status: 0 });
  });

  it('control API: set, state, requests, reset; loopback JSON only', async () => {
    const post = (path: string, body: unknown, ct = 'application/json'): Promise<Reply> =>
      request(server.port, 'localhost', path, { method: 'POST', headers: { 'content-type': ct }, body: JSON.stringify(body) });
    let r = await post('/__control/scenario', { service: 'github', scenario: 'sp-maintenance' });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)[GH]).toBe('sp-maintenance');
    r = await post('/__control/scenario', { host: 'discordstatus.com', scenario: 'http-503' });
    expect(r.status).toBe(200);
    expect(server.state()['discordstatus.com']).toBe('http-503');
    // works on any Host, as the browser would send it
    r = await request(server.port, GH, '/__control/state');
    expect(JSON.parse(r.body)).toEqual(server.state());
    expect((await json(server.port, GH, '/api/v2/summary.json')).status.indicator).toBe('maintenance');
    r = await post('/__control/scenario', { service: 'github', scenario: 'nope' });
    expect(r.status).toBe(400);
    r = await post('/__control/scenario', { service: 'no-such-service', scenario: 'sp-ok' });
    expect(r.status).toBe(400);
    r = await post('/__control/scenario', { service: 'github', scenario: 'sp-ok' }, 'text/plain');
    expect(r.status).toBe(415);
    r = await request(server.port, 'localhost', '/__control/requests');
    const log = JSON.parse(r.body) as { host: string; path: string }[];
    expect(log.some((x) => x.host === GH && x.path === '/api/v2/summary.json')).toBe(true);
    expect(log.some((x) => x.path.startsWith('/__control/'))).toBe(false);
    r = await post('/__control/reset', {});
    expect(JSON.parse(r.body)[GH]).toBe('sp-incident');
    expect(server.state()['discordstatus.com']).toBe('sp-ok');
  });

  it('any host can be given a scenario', async () => {
    server.setScenario('status.example.com', 'sp-ok');
    const s = await json(server.port, 'status.example.com', '/api/v2/summary.json');
    expect(s.page.url).toBe('https://status.example.com');
  });

  it('site hosts get a simulated page; unknown hosts 404; plain HTTP works on the same port', async () => {
    for (const host of ['github.com', 'gist.github.com', 'discord.gg', 'chatgpt.com', 'zoom.us']) {
      const r = await request(server.port, host, '/some/path?x=1');
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toMatch(/^text\/html/);
      expect(r.body).toContain("served by Acknowledged's demo server");
    }
    const gh = await request(server.port, 'github.com', '/');
    expect(gh.body).toContain('Simulated GitHub');
    const unknown = await request(server.port, 'example.org', '/');
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/^text\/plain/);
    const plain = await request(server.port, GH, '/api/v2/status.json', { plain: true });
    expect(plain.status).toBe(200);
    expect(JSON.parse(plain.body).page.name).toBe('GitHub');
  });
});

describe('shiftTimestamps', () => {
  it('moves full ISO date-times, writes UTC Z, leaves dates and other strings alone', () => {
    const input = {
      a: '2024-09-16T22:08:39.333Z',
      b: '2026-07-17T15:34:01.534-04:00',
      c: '2026-09-19T01:10:40Z',
      start_date: '2021-03-30',
      name: 'Incident on 2020-04-02 20:20 UTC',
      n: 3,
      nested: [{ t: '2024-09-16T22:08:39.333Z' }],
    };
    const out = shiftTimestamps(input, 60_000);
    expect(out).toEqual({
      a: '2024-09-16T22:09:39.333Z',
      b: '2026-07-17T19:35:01.534Z',
      c: '2026-09-19T01:11:40Z',
      start_date: '2021-03-30',
      name: 'Incident on 2020-04-02 20:20 UTC',
      n: 3,
      nested: [{ t: '2024-09-16T22:09:39.333Z' }],
    });
    const clamped = shiftTimestamps({ updated_at: '2024-01-01T00:00:00Z', scheduled_until: '2024-01-01T00:00:00Z' }, DAY, {
      notAfter: Date.parse('2024-01-01T12:00:00Z'),
    });
    expect(clamped).toEqual({ updated_at: '2024-01-01T12:00:00Z', scheduled_until: '2024-01-02T00:00:00Z' });
  });
});

// ---------------------------------------------------------------------------------------------
// Feed formats, complaint sources and refused sites: the served bodies go through the real fetch
// module (core/net/fetch.ts, which decodes charsets), the real adapters (core/official/*) and the
// real verdict (core/verdict.ts); complaints through the real sources (core/crowd/*) and spike
// detection.

/** A `fetch` for core code that sends every URL to the demo server (Host/SNI = the URL's host). */
function demoFetch(port: number): typeof globalThis.fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((v, k) => (headers[k] = v));
    let r: Reply;
    try {
      r = await request(port, url.host, url.pathname + url.search, { headers, plain: url.protocol === 'http:' });
    } catch (e) {
      throw new TypeError(`fetch failed: ${(e as Error).message}`);
    }
    const h = new Headers();
    for (const [k, v] of Object.entries(r.headers)) if (typeof v === 'string') h.set(k, v);
    return new Response(r.status === 304 || r.status === 204 ? null : new Uint8Array(r.bytes), { status: r.status, headers: h });
  }) as typeof globalThis.fetch;
}

interface Read {
  state: OfficialState;
  verdict: ReturnType<typeof computeVerdict>;
}

/** What the extension's poller does for one catalog service: endpoints → fetchFeed → adapter → verdict. */
async function readService(port: number, svc: CatalogService, now: number): Promise<Read> {
  const official = svc.official!;
  const adapter = adapterFor(official.kind as OfficialKind);
  const ctx: ParseContext = { now, baseUrl: official.url.replace(/\/+$/, ''), ...(official.scope ? { scope: official.scope } : {}) };
  const deps = { fetch: demoFetch(port), now: () => now };
  const state: OfficialState = { serviceId: svc.id, snapshot: null, lastSuccessAt: null, lastAttemptAt: now, problem: null, history: [] };
  const bodies: string[] = [];
  for (const ep of adapter.endpoints(ctx.baseUrl)) {
    const out = await fetchFeed(ep.url, { expect: ep.expect, timeoutMs: 2_000 }, deps);
    if (out.kind !== 'fresh') {
      state.problem = out.kind === 'failed' ? out.problem : { code: 'internal', message: 'unexpected 304' };
      return { state, verdict: computeVerdict({ hasOfficial: true, official: state, now, staleAfterMs: 15 * MIN }) };
    }
    bodies.push(out.text);
  }
  const parsed = adapter.parse(bodies, ctx);
  if (!parsed.ok) state.problem = parsed.problem;
  else {
    state.snapshot = parsed.value;
    state.lastSuccessAt = now;
    state.history = [...parsed.value.recent];
    if (adapter.history) {
      const ep = adapter.history.endpoint(ctx.baseUrl);
      const out = await fetchFeed(ep.url, { expect: ep.expect, timeoutMs: 2_000 }, deps);
      if (out.kind === 'fresh') {
        const h = adapter.history.parse(out.text, ctx);
        if (h.ok) state.history.push(...h.value);
      }
    }
  }
  return { state, verdict: computeVerdict({ hasOfficial: true, official: state, now, staleAfterMs: 15 * MIN }) };
}

const svcById = (id: string): CatalogService => {
  const s = catalogServices().find((x) => x.id === id);
  if (!s) throw new Error(`catalog has no ${id}`);
  return s;
};

describe('demo server: every feed format', () => {
  let server: DemoServer;
  let clock = T0;
  beforeAll(async () => {
    server = await startDemoServer({ port: 0, now: () => clock, hangMs: 50 });
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => {
    clock = T0;
  });

  it('every catalog service with an official feed is served, and the real adapter + verdict give what its scenario promises', async () => {
    const world = server.world();
    const kinds = new Set<string>();
    for (const svc of catalogServices()) {
      if (!svc.official) continue;
      const host = statusHostOf(svc)!;
      const scenario = world.status[host];
      expect(scenario, `${svc.id} (${host}) has no scenario`).toBeDefined();
      const { verdict, state } = await readService(server.port, svc, T0);
      expect(verdict.verdict, `${svc.id}: ${scenario} → ${verdict.reason} ${state.problem?.message ?? ''}`).toBe(
        EXPECTED_VERDICT[scenario!],
      );
      kinds.add(svc.official.kind);
    }
    // Every kind was exercised, except those no catalog entry uses yet: each of those has its own
    // test below, on a host the catalog does not name — hund in test/e2e/platforms.spec.ts, as this
    // file's fetch buffers whole answers and the demo server holds event streams open.
    const uncatalogued = ['cachet', 'betterstack', 'rootly', 'sorry', 'uptimekuma', 'gatus', 'hund'];
    expect(OFFICIAL_KINDS.filter((k) => !kinds.has(k) && !uncatalogued.includes(k))).toEqual([]);
  }, 60_000);

  it('healthy scenario per kind: HEALTHY_SCENARIO covers every kind and each one reads as ok', async () => {
    expect(Object.keys(HEALTHY_SCENARIO).sort()).toEqual([...OFFICIAL_KINDS].sort());
    for (const kind of OFFICIAL_KINDS) {
      const svc = catalogServices().find((s) => s.official?.kind === kind);
      if (!svc) continue;
      server.setScenario(svc.id, HEALTHY_SCENARIO[kind]);
      const { verdict } = await readService(server.port, svc, T0);
      expect(verdict.verdict, `${kind} via ${svc.id}: ${verdict.reason}`).toBe('ok');
    }
    await request(server.port, 'localhost', '/__control/reset', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
  });

  it('cachet-ok parses with the Cachet adapter (no catalog entry uses Cachet: served on any host)', async () => {
    server.setScenario('status.example-cachet.org', 'cachet-ok');
    const svc: CatalogService = {
      id: 'x-cachet',
      name: 'Cachet demo',
      domains: [],
      official: { kind: 'cachet', url: 'https://status.example-cachet.org' },
    };
    const { verdict, state } = await readService(server.port, svc, T0);
    expect(verdict.verdict).toBe('ok');
    expect(state.snapshot!.components.map((c) => c.status)).toEqual(['operational']);
  });

  it.each([
    ['betterstack-ok', 'betterstack', 'https://status.demo-betterstack.org/index.json', 'ok'],
    ['betterstack-incident', 'betterstack', 'https://status.demo-betterstack.org/index.json', 'acknowledged'],
    ['rootly-ok', 'rootly', 'https://status.demo-rootly.org/api/v1/status.json', 'ok'],
    ['sorry-ok', 'sorry', 'https://api.sorryapp.com/v1/pages/demo1/components', 'ok'],
    ['uptimekuma-ok', 'uptimekuma', 'https://kuma.demo-kuma.org/api/status-page/main', 'ok'],
    ['uptimekuma-down', 'uptimekuma', 'https://kuma.demo-kuma.org/api/status-page/main', 'acknowledged'],
    ['gatus-ok', 'gatus', 'https://health.demo-gatus.org/api/v1/endpoints/statuses', 'ok'],
  ] as const)('%s parses with the %s adapter on any host and gives %s', async (scenario, kind, url, want) => {
    server.setScenario(new URL(url).hostname, scenario);
    const svc: CatalogService = { id: `x-${kind}`, name: `${kind} demo`, domains: [], official: { kind, url } };
    const { verdict } = await readService(server.port, svc, T0);
    expect(verdict.verdict, verdict.reason).toBe(want);
    expect(EXPECTED_VERDICT[scenario]).toBe(want);
  });

  it('slack-incident: Slack acknowledged with the real incident 1570, latest note 6 min ago, Login/SSO', async () => {
    expect(server.state()['slack-status.com']).toBe('slack-incident');
    const r = await request(server.port, 'slack-status.com', '/api/v2.0.0/current');
    const doc = JSON.parse(r.body) as J;
    expect(doc.status).toBe('active');
    expect(doc.active_incidents).toHaveLength(1);
    expect(doc.active_incidents[0].date_updated).toMatch(/-07:00$/); // Slack's own offsets kept
    const { verdict, state } = await readService(server.port, svcById('slack'), T0);
    expect(verdict.verdict).toBe('acknowledged');
    expect(verdict.severity).toBe('major');
    const inc = state.snapshot!.incidents[0]!;
    expect(inc.title).toBe(SLACK_INCIDENT_TITLE);
    expect(inc.components).toEqual(['Login/SSO']);
    expect(Date.parse(inc.updatedAt!)).toBe(T0 - 6 * MIN);
    expect(inc.updates[0]!.text).toContain('We have identified the trigger and developed a fix');
  });

  it('gcp-incident: one open incident with its products and location, the real history around it', async () => {
    const all = await json(server.port, 'status.cloud.google.com', '/incidents.json');
    expect(all).toHaveLength(4);
    expect(all[0].id).toBe(GCP_OPEN_ID);
    expect('end' in all[0]).toBe(false);
    expect(all.slice(1).every((i: J) => typeof i.end === 'string' && Date.parse(i.end) <= T0 - 2 * DAY)).toBe(true);
    const { verdict, state } = await readService(server.port, svcById('google-cloud'), T0);
    expect(verdict.verdict).toBe('acknowledged');
    const inc = state.snapshot!.incidents[0]!;
    expect(inc.components).toEqual([
      'Bare Metal Solution (europe-west4)',
      'Google Cloud NetApp Volumes (europe-west4)',
      'VMWare engine (europe-west4)',
    ]);
    expect(Date.parse(inc.updatedAt!)).toBe(T0 - 8 * MIN);
    expect(inc.updates).toHaveLength(5);
    // Workspace services on www.google.com read the healthy real history: ok.
    expect((await readService(server.port, svcById('gmail'), T0)).verdict.verdict).toBe('ok');
  });

  it('aws-event: UTF-16BE with BOM and charset=utf-16; the real two events, services and regions listed', async () => {
    const r = await request(server.port, 'health.aws.amazon.com', '/public/currentevents');
    expect(r.headers['content-type']).toBe(AWS_CONTENT_TYPE);
    expect([...r.bytes.subarray(0, 4)]).toEqual([0xfe, 0xff, 0x00, 0x5b]); // BOM, then '[' in UTF-16BE
    expect(r.bytes.length % 2).toBe(0);
    const decoded = decodeBody(new Uint8Array(r.bytes), r.headers['content-type'] ?? null);
    const events = JSON.parse(decoded) as J[];
    expect(events.map((e) => e.region_name)).toEqual(['UAE', 'Bahrain']);
    const newest = Math.max(...events.flatMap((e) => e.event_log.map((l: J) => l.timestamp)));
    expect(newest * 1000).toBe(T0 - 5 * MIN);
    const { verdict, state } = await readService(server.port, svcById('aws-console'), T0);
    expect(verdict.verdict).toBe('acknowledged');
    expect(state.snapshot!.incidents).toHaveLength(2);
    const comps = state.snapshot!.incidents.flatMap((i) => i.components);
    expect(comps).toContain('Amazon Simple Storage Service (Bahrain)');
    expect(comps.some((c) => c.endsWith('(UAE)'))).toBe(true);
    expect(state.snapshot!.incidents.map((i) => i.title)).toContain('Multiple services (UAE): Increased Error Rates');
    server.setScenario('aws-console', 'aws-health-ok');
    const ok = await request(server.port, 'health.aws.amazon.com', '/public/currentevents');
    expect([...ok.bytes]).toEqual([0xfe, 0xff, 0x00, 0x5b, 0x00, 0x5d]);
    server.setScenario('aws-console', 'aws-event');
  });

  it('azure-rss-incident: the CrowdStrike item, posted 12 min ago, on the service host', async () => {
    const r = await request(server.port, 'azure.status.microsoft', '/en-us/status/feed/');
    expect(r.headers['content-type']).toMatch(/^application\/rss\+xml/);
    expect(r.body).not.toContain('status.azure.com');
    const { verdict, state } = await readService(server.port, svcById('azure'), T0);
    expect(verdict.verdict).toBe('acknowledged');
    const inc = state.snapshot!.incidents[0]!;
    expect(inc.title).toBe('CrowdStrike Falcon agent guidance');
    expect(Date.parse(inc.updatedAt!)).toBe(T0 - 12 * MIN);
    expect(inc.updates[0]!.text).toMatch(/started on \d{1,2} [A-Z][a-z]+ 2026 at \d{2}:\d{2} UTC/);
  });

  it('rss-statuspage-open: Statuspage history.atom whose top entry is open (webex)', async () => {
    const svc = svcById('webex');
    expect(svc.official!.kind).toBe('rss');
    const atom = await request(server.port, 'status.webex.com', '/history.atom');
    expect(atom.headers['content-type']).toMatch(/^application\/atom\+xml/);
    expect(atom.body).not.toContain('githubstatus.com');
    expect(atom.body).toContain('<title>Webex Status - Incident History</title>');
    const { verdict, state } = await readService(server.port, svc, T0);
    expect(verdict.verdict).toBe('acknowledged');
    const inc = state.snapshot!.incidents[0]!;
    expect(inc.title).toBe('Delayed visibility of newly added issues on project boards');
    expect(inc.status).toBe('investigating');
    expect(inc.updates).toHaveLength(11);
    expect(Date.parse(inc.updates[0]!.at)).toBe(Math.floor((T0 - 5 * MIN) / MIN) * MIN);
    expect(state.snapshot!.recent.length + state.history.length).toBeGreaterThan(0);
  });

  it('atom-maintenance: maintenance in progress now − 30 min … now + 90 min (etsy)', async () => {
    const { verdict, state } = await readService(server.port, svcById('etsy'), T0);
    expect(verdict.verdict).toBe('maintenance');
    const m = state.snapshot!.maintenances[0]!;
    expect(m.title).toBe('Codespaces Scheduled Maintenance');
    expect(m.status).toBe('in_progress');
    expect(Date.parse(m.scheduledFor!)).toBe(T0 - 30 * MIN);
    expect(Date.parse(m.scheduledUntil!)).toBe(T0 + 90 * MIN);
    expect(m.updates.map((u) => u.status)).toEqual(['in_progress', 'scheduled']);
    expect(m.updates[1]!.text).toContain('from 11:30 UTC on Friday, May 1 to 13:30 UTC on Friday, May 1.');
  });

  it('a status host that is also a site: people get the site page, feeds get the feed (www.apple.com)', async () => {
    const page = await request(server.port, 'www.apple.com', '/');
    expect(page.body).toContain('Simulated ');
    const feed = await request(server.port, 'www.apple.com', '/support/systemstatus/data/system_status_en_US.js');
    expect(feed.body.startsWith('jsonCallback(')).toBe(true);
    const dev = await request(server.port, 'www.apple.com', '/support/systemstatus/data/developer/system_status_en_US.js');
    expect(dev.body).not.toContain('_note');
  });
});

// ---------------------------------------------------------------------------------------------
// Complaint sources

/** Posts of a service through the real source, as the poller reads them (backfill, then the current windows). */
async function crowdFor(port: number, serviceId: string, now: number) {
  const svc = svcById(serviceId);
  const terms = termsForService(svc);
  const deps = { fetch: demoFetch(port), now: () => now };
  const hn = await runBackfill(hackerNews, terms, now, deps);
  const md = await runBackfill(mastodon, terms, now, deps);
  const current = { terms, since: Math.floor(now / BUCKET_MS) * BUCKET_MS - BUCKET_MS, until: now + 1, now };
  const hnNow = await hackerNews.query(current, deps);
  const mdNow = await mastodon.query(current, deps);
  const buckets = mergeBuckets(mergeBuckets(hn.buckets, md.buckets), addPosts(addPosts([], hnNow.posts), mdNow.posts));
  const spike = detectSpike(buckets, now, {
    coverage: { hn: hn.coverage ?? now, mastodon: md.coverage ?? now },
    sources: ['hn', 'mastodon'],
  });
  // The last 20 minutes on their own (HN by time; Mastodon's newest page of 40).
  const last20 = { terms, since: now - 20 * MIN, until: now + 1, now };
  const hn20 = await hackerNews.query(last20, deps);
  const md20 = await mastodon.query(last20, deps);
  return { hn, md, hnNow, mdNow, hn20, md20, spike, posts: [...hnNow.posts, ...mdNow.posts] };
}

describe('demo server: complaint sources', () => {
  let server: DemoServer;
  let clock = T0;
  beforeAll(async () => {
    server = await startDemoServer({ port: 0, now: () => clock });
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(async () => {
    clock = T0;
    await request(server.port, 'localhost', '/__control/reset', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
  });

  const hnUrl = (q: Record<string, string>): string => `/api/v1/search_by_date?${new URLSearchParams(q).toString()}`;
  /** Algolia answers `application/json; charset=UTF-8`. */
  const hnJson = async (path: string): Promise<J> => {
    const r = await request(server.port, 'hn.algolia.com', path);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/json; charset=UTF-8');
    return JSON.parse(r.body);
  };
  const s = (t: number): number => Math.floor(t / 1000);

  it('default world: discord and primevideo spike, zoom and everyone else quiet, hachyderm.io requires login', () => {
    const w = server.world();
    expect(w.complaints['discord']).toEqual({ hn: 'crowd-spike', mastodon: 'crowd-spike' });
    expect(w.complaints['primevideo']).toEqual({ hn: 'crowd-spike', mastodon: 'crowd-spike' });
    expect(w.complaints['zoom']).toEqual({ hn: 'crowd-quiet', mastodon: 'crowd-quiet' });
    expect(w.complaintsDefault).toBe('crowd-quiet');
    expect(server.complaintsOf('github', 'hn')).toBe('crowd-quiet');
    expect(w.mastodon['hachyderm.io']).toBe('login');
    expect(w.mastodon['mastodon.social']).toBe('open');
    expect(w.sites).toEqual({ 'discord.com': 'site-refused', 'www.primevideo.com': 'site-refused' });
  });

  it('HN: real Algolia envelope; numericFilters, tags, hitsPerPage and page honoured; newest first', async () => {
    const win = await hnJson(
      hnUrl({
        query: 'discord',
        tags: '(story,comment)',
        numericFilters: `created_at_i>=${s(T0 - 20 * MIN)},created_at_i<${s(T0) + 1}`,
        hitsPerPage: '100',
        page: '0',
      }),
    );
    expect(Object.keys(win)).toEqual(
      expect.arrayContaining([
        'hits',
        'nbHits',
        'page',
        'nbPages',
        'hitsPerPage',
        'exhaustiveNbHits',
        'query',
        'params',
        'processingTimeMS',
      ]),
    );
    expect(win.nbHits).toBe(win.hits.length);
    expect(win.hits.every((h: J) => h.created_at_i >= s(T0 - 20 * MIN) && h.created_at_i <= s(T0))).toBe(true);
    const times = win.hits.map((h: J) => h.created_at_i);
    expect([...times].sort((a: number, b: number) => b - a)).toEqual(times);
    expect(new Set(win.hits.map((h: J) => h.author)).size).toBeGreaterThanOrEqual(25);
    // A day three days ago: the quiet week only.
    const old = await hnJson(
      hnUrl({
        query: 'discord',
        tags: '(story,comment)',
        numericFilters: `created_at_i>=${s(T0 - 4 * DAY)},created_at_i<${s(T0 - 3 * DAY)}`,
        hitsPerPage: '1000',
      }),
    );
    expect(old.nbHits).toBeGreaterThanOrEqual(3);
    expect(old.nbHits).toBeLessThanOrEqual(5);
    // Tags: only stories; paging.
    const stories = await hnJson(hnUrl({ query: 'discord', tags: 'story', numericFilters: `created_at_i>=${s(T0 - 30 * MIN)}` }));
    expect(stories.hits.every((h: J) => h._tags.includes('story'))).toBe(true);
    expect(stories.hits.map((h: J) => h.title)).toContain('Ask HN: Is Discord down?');
    const p0 = await hnJson(hnUrl({ query: 'discord', numericFilters: `created_at_i>=${s(T0 - 20 * MIN)}`, hitsPerPage: '10', page: '0' }));
    const p1 = await hnJson(hnUrl({ query: 'discord', numericFilters: `created_at_i>=${s(T0 - 20 * MIN)}`, hitsPerPage: '10', page: '1' }));
    expect(p0.nbPages).toBe(Math.ceil(p0.nbHits / 10));
    expect(p0.hits).toHaveLength(10);
    expect(p1.hits[0].created_at_i).toBeLessThanOrEqual(p0.hits[9].created_at_i);
    expect(new Set([...p0.hits, ...p1.hits].map((h: J) => h.objectID)).size).toBe(20);
    // Nothing from the future (the burst goes on after "now").
    const future = await hnJson(hnUrl({ query: 'discord', numericFilters: `created_at_i>${s(T0)}` }));
    expect(future.nbHits).toBe(0);
    // A term of no service, and a bad filter.
    expect((await hnJson(hnUrl({ query: 'no such thing' }))).nbHits).toBe(0);
    const bad = await request(server.port, 'hn.algolia.com', hnUrl({ query: 'discord', numericFilters: 'created_at_i>>x' }));
    expect(bad.status).toBe(400);
  });

  it('HN and Mastodon through the real sources: discord spikes (likely), zoom and github stay quiet', async () => {
    const d = await crowdFor(server.port, 'discord', T0);
    expect(d.hn.status.state).toBe('ok');
    expect(d.hn.coverage).toBeLessThanOrEqual(T0 - 7 * DAY + 60_000);
    expect(d.md.coverage).toBeLessThanOrEqual(T0 - 7 * DAY + 60_000); // the quiet tag is read back a whole week
    const recent = (posts: { author: string; at: number }[]) =>
      new Set(posts.filter((p) => p.at >= T0 - 20 * MIN && p.at <= T0).map((p) => p.author)).size;
    expect(recent(d.hn20.posts)).toBeGreaterThanOrEqual(25);
    expect(recent(d.md20.posts)).toBeGreaterThanOrEqual(25);
    expect(d.spike.anomalous).toBe(true);
    expect(d.spike.likely).toBe(true);
    expect(d.spike.since).toBeLessThanOrEqual(T0 - 15 * MIN);
    for (const id of ['zoom', 'github']) {
      const q = await crowdFor(server.port, id, T0);
      expect(q.hn.status.state, id).toBe('ok');
      expect(recent([...q.hn20.posts, ...q.md20.posts]), id).toBeLessThanOrEqual(2);
      expect(q.spike.anomalous, `${id}: ${q.spike.reasons.join('; ')}`).toBe(false);
    }
  });

  it('the quiet week has no burst anywhere: never more than 2 complaining people in any 20 minutes', async () => {
    const svc = svcById('zoom');
    const terms = termsForService(svc);
    const deps = { fetch: demoFetch(server.port), now: () => T0 };
    const hn = await hackerNews.query({ terms, since: T0 - 7 * DAY, until: T0, now: T0, maxPages: 3 }, deps);
    expect(hn.posts.length).toBeGreaterThanOrEqual(7); // a few a day pass the keyword filter
    const ts = hn.posts.map((p) => p.at).sort((a, b) => a - b);
    for (const t of ts) expect(hn.posts.filter((p) => p.at >= t && p.at < t + 20 * MIN).length).toBeLessThanOrEqual(2);
    const perDay = new Map<number, Set<string>>();
    for (const p of hn.posts)
      perDay.set(Math.floor((T0 - p.at) / DAY), (perDay.get(Math.floor((T0 - p.at) / DAY)) ?? new Set()).add(p.author));
    for (const [, authors] of perDay) expect(authors.size).toBeLessThanOrEqual(5);
  });

  it('Mastodon: tag timelines with any[], limit and max_id paging; federated statuses deduplicated; the 401 instance noted', async () => {
    const page1 = JSON.parse(
      (await request(server.port, 'mastodon.social', '/api/v1/timelines/tag/discorddown?limit=40&any[]=discord')).body,
    ) as J[];
    expect(page1).toHaveLength(40);
    const ids = page1.map((x) => BigInt(x.id));
    expect([...ids].sort((a, b) => (b > a ? 1 : b < a ? -1 : 0))).toEqual(ids);
    expect(page1.every((x) => x.tags.some((t: J) => t.name === 'discord' || t.name === 'discorddown'))).toBe(true);
    expect(page1.some((x) => !x.account.acct.includes('@'))).toBe(true); // local accounts
    expect(page1.some((x) => x.account.acct.includes('@'))).toBe(true); // federated ones
    const last = page1[39].id as string;
    const page2r = await request(server.port, 'mastodon.social', `/api/v1/timelines/tag/discorddown?limit=40&any[]=discord&max_id=${last}`);
    expect(page2r.headers['link']).toContain('rel="next"');
    const page2 = JSON.parse(page2r.body) as J[];
    expect(page2.every((x) => BigInt(x.id) < BigInt(last))).toBe(true);
    const only = JSON.parse((await request(server.port, 'mastodon.social', '/api/v1/timelines/tag/discorddown?limit=5')).body) as J[];
    expect(only).toHaveLength(5);
    expect(only.every((x) => x.tags.some((t: J) => t.name === 'discorddown'))).toBe(true);
    const login = await request(server.port, 'hachyderm.io', '/api/v1/timelines/tag/discord');
    expect(login.status).toBe(401);
    expect(JSON.parse(login.body)).toEqual({ error: 'This API requires an authenticated user' });
    // The real source: the 401 instance is a note, the others still count.
    const terms = termsForService(svcById('discord'));
    const res = await mastodon.query(
      { terms, since: T0 - 30 * MIN, until: T0 + 1, now: T0 },
      { fetch: demoFetch(server.port), now: () => T0 },
    );
    expect(res.status.state).toBe('ok');
    expect(res.notes).toEqual(['Mastodon: hachyderm.io requires login']);
    const uris = res.posts.map((p) => p.id);
    expect(new Set(uris).size).toBe(uris.length);
    // Switch: every default instance requires login → the source fails with a per-instance message.
    server.setMastodonInstance('mastodon.social', 'login');
    server.setMastodonInstance('fosstodon.org', 'login');
    const none = await mastodon.query(
      { terms, since: T0 - 30 * MIN, until: T0 + 1, now: T0 },
      { fetch: demoFetch(server.port), now: () => T0 },
    );
    expect(none.status.state).toBe('error');
  });

  it('complaint scenarios per service and source; crowd-none is empty; a change re-times the burst', async () => {
    server.setScenario('zoom', 'crowd-spike', { source: 'hn' });
    expect(server.world().complaints['zoom']).toEqual({ hn: 'crowd-spike', mastodon: 'crowd-quiet' });
    const z = await hnJson(hnUrl({ query: 'zoom', numericFilters: `created_at_i>=${s(T0 - 20 * MIN)}`, hitsPerPage: '100' }));
    expect(new Set(z.hits.map((h: J) => h.author)).size).toBeGreaterThanOrEqual(25);
    server.setScenario('zoom', 'crowd-none');
    expect((await hnJson(hnUrl({ query: 'zoom', hitsPerPage: '1000' }))).nbHits).toBe(0);
    expect(() => server.setScenario('zoom.us', 'crowd-spike')).toThrow(/catalog service id/);
    expect(() => server.setScenario('zoom', 'sp-ok', { source: 'hn' })).toThrow(/complaint scenarios/);
    const r = await request(server.port, 'localhost', '/__control/scenario', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ service: 'github', scenario: 'crowd-spike', source: 'mastodon' }),
    });
    expect(r.status).toBe(200);
    expect(server.complaintsOf('github', 'mastodon')).toBe('crowd-spike');
    expect(server.complaintsOf('github', 'hn')).toBe('crowd-quiet');
  });

  it('primevideo (no official feed): its two HN terms and its Mastodon tags all find the spike', async () => {
    const d = await crowdFor(server.port, 'primevideo', T0);
    expect(d.spike.likely).toBe(true);
    expect(new Set(d.hn20.posts.map((p) => p.author)).size).toBeGreaterThanOrEqual(25);
    expect(d.hn20.posts[0]!.text).toMatch(/Amazon Prime Video/);
  });
});

// ---------------------------------------------------------------------------------------------
// Refused sites

describe('demo server: site-refused', () => {
  let server: DemoServer;
  beforeAll(async () => {
    server = await startDemoServer({ port: 0 });
  });
  afterAll(async () => {
    await server.close();
  });

  it('resets the connection after the TLS ClientHello names a refused site (and on plain HTTP); other hosts answer', async () => {
    await expect(request(server.port, 'discord.com', '/')).rejects.toThrow(/ECONNRESET|socket hang up/);
    await expect(request(server.port, 'www.primevideo.com', '/')).rejects.toThrow(/ECONNRESET|socket hang up/);
    await expect(request(server.port, 'discord.com', '/', { plain: true })).rejects.toThrow(/ECONNRESET|socket hang up/);
    // Exactly that host: the other Discord domains, its status page and the API hosts still answer.
    expect((await request(server.port, 'discord.gg', '/')).status).toBe(200);
    expect((await request(server.port, 'primevideo.com', '/')).status).toBe(200);
    expect((await request(server.port, 'discordstatus.com', '/api/v2/status.json')).status).toBe(200);
    expect(server.requests.filter((r) => r.reset).map((r) => r.host)).toEqual(['discord.com', 'www.primevideo.com', 'discord.com']);
  });

  it('site scenarios by host or by service (every domain and subdomain); site-ok lifts them', async () => {
    server.setScenario('zoom', 'site-refused');
    expect(server.world().sites).toMatchObject({ '*.zoom.us': 'site-refused', '*.zoom.com': 'site-refused' });
    await expect(request(server.port, 'us02web.zoom.us', '/')).rejects.toThrow(/ECONNRESET|socket hang up/);
    await expect(request(server.port, 'zoom.com', '/')).rejects.toThrow(/ECONNRESET|socket hang up/);
    server.setScenario('zoom', 'site-ok');
    expect((await request(server.port, 'zoom.us', '/')).status).toBe(200);
    server.setScenario('discord.com', 'site-ok');
    expect((await request(server.port, 'discord.com', '/')).body).toContain('Simulated Discord');
    expect(server.state()['discord.com']).toBeUndefined();
    expect(server.state()['www.primevideo.com']).toBe('site-refused');
  });

  it('readClientHello: waits for the whole record, finds the SNI, tolerates junk', () => {
    expect(readClientHello(Buffer.from([0x16, 0x03, 0x01]))).toEqual({ complete: false, serverName: null });
    expect(readClientHello(Buffer.from([0x16, 0x03, 0x01, 0x00, 0x10, 0x01]))).toEqual({ complete: false, serverName: null });
    expect(readClientHello(Buffer.from([0x16, 0x03, 0x01, 0x00, 0x02, 0x01, 0x00]))).toEqual({ complete: true, serverName: null });
    expect(readClientHello(Buffer.from('GET / HTTP/1.1\r\n'))).toEqual({ complete: true, serverName: null });
  });
});
