/**
 * POST /v1/reports inside workerd: what is accepted, what is stored (nothing but window, kind and
 * a hash of the install token), k-anonymous publication (≥ 5 distinct tokens), retention, and
 * abuse — a flood from few tokens or few IPs moves nothing.
 */
import { env, runInDurableObject, SELF } from 'cloudflare:test';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MIN_TOKENS, parseServiceBody, REPORT_RETENTION_MS, REPORT_WINDOW_MS } from '../../core/relay/wire';
import type { ServiceObject } from '../src/service';
import { Upstream } from './upstream';

// No network: any upstream feed these services have answers 404 here (their official part is not under test).
beforeAll(() => new Upstream().install());
afterAll(() => vi.unstubAllGlobals());

const BASE = 'https://relay.test';
const windowNow = () => Math.floor(Date.now() / REPORT_WINDOW_MS) * REPORT_WINDOW_MS;
let n = 0;
const token = () => `tok_${String(++n).padStart(4, '0')}_abcdefghijklmnopqrst`;

function post(body: unknown, ip = '192.0.2.1', headers: Record<string, string> = {}) {
  return SELF.fetch(`${BASE}/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': ip, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function browsersOf(id: string) {
  await caches.default.delete(`${BASE}/v1/services/${id}`);
  const stub = env.SERVICE.get(env.SERVICE.idFromName(id));
  await runInDurableObject(stub, (obj: ServiceObject) => {
    (obj as unknown as { rendered: unknown }).rendered = null;
  });
  const body = parseServiceBody(await (await SELF.fetch(`${BASE}/v1/services/${id}`)).json(), id);
  return body!.browsers;
}

describe('POST /v1/reports: validation', () => {
  const good = () => ({ service: 'netflix', kind: 'page-load', bucket: windowNow(), token: token() });

  it('accepts exactly {service, kind, bucket, token}', async () => {
    const res = await post(good(), '198.51.100.7');
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ counted: true });
  });

  it.each([
    ['not JSON', '{"service":', 'not valid JSON'],
    ['an array', [], 'JSON object'],
    ['a URL smuggled in', { ...good(), url: 'https://netflix.com/watch/1' }, 'unexpected field "url"'],
    ['a bad kind', { ...good(), kind: 'dns' }, 'kind must be one of'],
    ['a bucket not on a window', { ...good(), bucket: windowNow() + 1 }, 'start of a 15-minute window'],
    ['a bucket from yesterday', { ...good(), bucket: windowNow() - 96 * REPORT_WINDOW_MS }, 'current 15-minute window'],
    ['a future bucket', { ...good(), bucket: windowNow() + REPORT_WINDOW_MS }, 'current 15-minute window'],
    ['a short token', { ...good(), token: 'abc' }, 'token must be'],
    ['a service id with a path', { ...good(), service: '../x' }, 'catalog id'],
  ])('malformed (%s) → 400 with the reason', async (_name, body, reason) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain(reason);
  });

  it('a body that is not declared JSON → 400', async () => {
    const res = await post(good(), '192.0.2.1', { 'content-type': 'text/plain' });
    expect(res.status).toBe(400);
  });

  it('oversized → 413 (declared, or streamed without a length)', async () => {
    const big = JSON.stringify({ ...good(), token: 'x'.repeat(5000) });
    expect((await post(big)).status).toBe(413);
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(big));
        c.close();
      },
    });
    const res = await SELF.fetch(`${BASE}/v1/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: stream });
    expect(res.status).toBe(413);
  });

  it('unknown service → 404', async () => {
    const res = await post({ ...good(), service: 'no-such-service' });
    expect(res.status).toBe(404);
  });

  it('GET or PUT on /v1/reports → 405', async () => {
    expect((await SELF.fetch(`${BASE}/v1/reports`)).status).toBe(405);
  });
});

describe('publication and storage', () => {
  it(`a window is published only from ${MIN_TOKENS} distinct tokens, with the usual level`, async () => {
    const id = 'primevideo';
    for (let i = 0; i < MIN_TOKENS - 1; i++)
      expect((await post({ service: id, kind: 'page-load', bucket: windowNow(), token: token() }, `203.0.113.${i}`)).status).toBe(202);
    expect((await browsersOf(id)).windows).toEqual([]);
    await post({ service: id, kind: 'requests', bucket: windowNow(), token: token() }, '203.0.113.200');
    const b = await browsersOf(id);
    expect(b.windows).toEqual([{ bucket: windowNow(), count: MIN_TOKENS }]);
    expect(b.minTokens).toBe(MIN_TOKENS);
    expect(b.usual).toBeGreaterThan(0); // the floor of core/crowd/spike.ts: no history yet
  });

  it('stores only window, kind and a hash of the token — no IP, no token, nothing else', async () => {
    const t = token();
    await post({ service: 'spotify', kind: 'person', bucket: windowNow(), token: t }, '203.0.113.99');
    const stub = env.SERVICE.get(env.SERVICE.idFromName('spotify'));
    await runInDurableObject(stub, (_obj, state) => {
      const cols = state.storage.sql
        .exec('PRAGMA table_info(reports)')
        .toArray()
        .map((c) => c.name);
      expect(cols).toEqual(['bucket', 'kind', 'token']);
      const rows = state.storage.sql.exec<{ token: string }>('SELECT * FROM reports').toArray();
      expect(rows).toHaveLength(1);
      expect(rows[0]!.token).not.toBe(t);
      const everything = JSON.stringify(state.storage.sql.exec('SELECT * FROM kv').toArray()) + JSON.stringify(rows);
      expect(everything).not.toContain('203.0.113.99');
      expect(everything).not.toContain(t);
    });
  });

  it('keeps reports 7 days: older rows are deleted', async () => {
    const stub = env.SERVICE.get(env.SERVICE.idFromName('hulu'));
    await post({ service: 'hulu', kind: 'page-load', bucket: windowNow(), token: token() }, '203.0.113.50');
    await runInDurableObject(stub, (_obj, state) => {
      state.storage.sql.exec(
        'INSERT INTO reports (bucket, kind, token) VALUES (?, ?, ?)',
        windowNow() - REPORT_RETENTION_MS - REPORT_WINDOW_MS,
        'page-load',
        'old',
      );
    });
    await post({ service: 'hulu', kind: 'page-load', bucket: windowNow(), token: token() }, '203.0.113.51');
    await runInDurableObject(stub, (_obj, state) => {
      const old = state.storage.sql.exec('SELECT * FROM reports WHERE token = ?', 'old').toArray();
      expect(old).toEqual([]);
    });
  });
});

describe('abuse', () => {
  it('one token reporting a hundred times from a hundred IPs counts once (then is rate limited)', async () => {
    const t = token();
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++)
      statuses.push((await post({ service: 'twitch', kind: 'page-load', bucket: windowNow(), token: t }, `10.1.0.${i}`)).status);
    expect(statuses.filter((s) => s === 202).length).toBe(20); // TOKEN_REPORTS_PER_HOUR
    expect(statuses.filter((s) => s === 429).length).toBe(80);
    expect((await browsersOf('twitch')).windows).toEqual([]);
  });

  it('one IP with sixty fresh tokens moves nothing (one token per IP per window; then 429)', async () => {
    const statuses: number[] = [];
    const counted: boolean[] = [];
    for (let i = 0; i < 60; i++) {
      const res = await post({ service: 'hbomax', kind: 'requests', bucket: windowNow(), token: token() }, '10.9.9.9');
      statuses.push(res.status);
      if (res.status === 202) counted.push(((await res.json()) as { counted: boolean }).counted);
    }
    expect(statuses.filter((s) => s === 429).length).toBe(30); // IP_REPORTS_PER_10MIN = 30
    expect(counted.filter(Boolean).length).toBe(1);
    expect((await browsersOf('hbomax')).windows).toEqual([]);
  });

  it('four IPs flooding with many tokens stay below publication', async () => {
    for (let ip = 0; ip < 4; ip++)
      for (let i = 0; i < 10; i++)
        await post({ service: 'disneyplus', kind: 'page-load', bucket: windowNow(), token: token() }, `10.2.0.${ip}`);
    expect((await browsersOf('disneyplus')).windows).toEqual([]);
  });
});
