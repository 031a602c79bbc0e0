import https from 'node:https';
import http from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../demo/server';
import { HOSTILE_INCIDENT_NAME, HOSTILE_UPDATE_BODY, shiftTimestamps } from '../../demo/scenarios';

const T0 = Date.parse('2026-05-01T12:00:00.000Z');
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
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
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    };
    const req = opts.plain
      ? http.request(common, onRes)
      : https.request({ ...common, servername: host.includes('.') ? host : undefined, rejectUnauthorized: false }, onRes);
    req.on('error', reject);
    req.end(opts.body);
  });
}

type J = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed feed JSON, probed field by field

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
    for (const host of ['github.com', 'gist.github.com', 'discord.com', 'chatgpt.com']) {
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
