/**
 * GET /v1/services/:id inside workerd: one Durable Object per service owns the upstream read —
 * at most one per minute whatever the crowd, conditional, Retry-After and backoff honoured — and
 * the answer carries Cache-Control and ETag for the edge cache.
 */
import { env, runInDurableObject, SELF } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { vi } from 'vitest';
import outage from '../../test/fixtures/feeds/statuspage-summary-github-active-incident-major-outage-20200402.json?raw';
import healthy from '../../test/fixtures/feeds/statuspage-summary-github-all-operational-20191230.json?raw';
import incidents from '../../test/fixtures/feeds/statuspage-incidents-github-resolved-with-component-transitions.json?raw';
import { parseServiceBody, RELAY_FORMAT } from '../../core/relay/wire';
import type { ServiceObject } from '../src/service';
import { jsonFeed, Upstream } from './upstream';

const BASE = 'https://relay.test';
const isSummary = (host: string) => (u: URL) => u.hostname === host && u.pathname === '/api/v2/summary.json';
const isIncidents = (host: string) => (u: URL) => u.hostname === host && u.pathname === '/api/v2/incidents.json';

let up: Upstream;
beforeEach(() => {
  up = new Upstream();
  up.route(
    isIncidents('www.githubstatus.com'),
    jsonFeed(() => incidents, '"inc1"'),
  );
  up.route(
    isSummary('www.githubstatus.com'),
    jsonFeed(() => outage),
  );
  up.install();
});
afterEach(() => vi.unstubAllGlobals());

async function forget(id: string) {
  await caches.default.delete(`${BASE}/v1/services/${id}`);
}

/** Make the object believe its last upstream attempt was `ms` earlier (no waiting a minute in tests). */
async function age(id: string, ms: number) {
  const stub = env.SERVICE.get(env.SERVICE.idFromName(id));
  await runInDurableObject(stub, async (obj: ServiceObject) => {
    const o = obj as unknown as {
      upstream: { lastAttemptAt: number; backoff: { nextAttemptAt: number } | null } | null;
      rendered: unknown;
    };
    if (o.upstream?.lastAttemptAt) o.upstream.lastAttemptAt -= ms;
    if (o.upstream?.backoff) o.upstream.backoff.nextAttemptAt -= ms;
    o.rendered = null;
  });
  await forget(id);
}

describe('GET /v1/services/:id', () => {
  it('answers the normalised snapshot (the extension’s model) with Cache-Control and ETag', async () => {
    const res = await SELF.fetch(`${BASE}/v1/services/github`);
    expect(res.status).toBe(200);
    const cc = res.headers.get('cache-control') ?? '';
    const maxAge = Number(/max-age=(\d+)/.exec(cc)?.[1]);
    expect(cc).toContain('public');
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(60);
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const body = parseServiceBody(await res.json(), 'github');
    expect(body?.format).toBe(RELAY_FORMAT);
    // The fixture is GitHub's 2020-04-02 major outage: an open incident, page indicator major.
    expect(body!.official!.snapshot!.incidents.length).toBeGreaterThan(0);
    expect(body!.official!.problem).toBeNull();
    expect(body!.official!.history.length).toBeGreaterThan(0); // from incidents.json, read once

    const again = await SELF.fetch(`${BASE}/v1/services/github`, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
  });

  it('a burst of simultaneous misses costs one upstream read', async () => {
    await forget('npm');
    up.route(
      isSummary('status.npmjs.org'),
      jsonFeed(() => healthy),
    );
    up.route(
      isIncidents('status.npmjs.org'),
      jsonFeed(() => incidents),
    );
    const all = await Promise.all(Array.from({ length: 60 }, () => SELF.fetch(`${BASE}/v1/services/npm`)));
    expect(all.every((r) => r.status === 200)).toBe(true);
    await Promise.all(all.map((r) => r.arrayBuffer()));
    expect(up.count(isSummary('status.npmjs.org'))).toBe(1);
    // Within the minute, even with the edge cache empty, the object answers from what it has.
    await forget('npm');
    await (await SELF.fetch(`${BASE}/v1/services/npm`)).arrayBuffer();
    expect(up.count(isSummary('status.npmjs.org'))).toBe(1);
  });

  it('after a minute it asks upstream again, conditionally (If-None-Match), and a 304 keeps the snapshot', async () => {
    await (await SELF.fetch(`${BASE}/v1/services/github`)).arrayBuffer();
    const before = up.count(isSummary('www.githubstatus.com'));
    await age('github', 61_000);
    const res = await SELF.fetch(`${BASE}/v1/services/github`);
    const body = parseServiceBody(await res.json(), 'github');
    expect(up.count(isSummary('www.githubstatus.com'))).toBe(before + 1);
    const last = up.seen.filter((s) => isSummary('www.githubstatus.com')(new URL(s.url))).at(-1)!;
    expect(last.headers['if-none-match']).toBe('"v1"');
    expect(body!.official!.snapshot!.incidents.length).toBeGreaterThan(0);
    expect(body!.official!.problem).toBeNull();
  });

  it('honours Retry-After: a 429 keeps the last snapshot, reports the problem, and no read happens before the provider allows', async () => {
    await (await SELF.fetch(`${BASE}/v1/services/github`)).arrayBuffer();
    up.route(isSummary('www.githubstatus.com'), () => new Response('slow down', { status: 429, headers: { 'retry-after': '600' } }));
    await age('github', 61_000);
    const res = await SELF.fetch(`${BASE}/v1/services/github`);
    const body = parseServiceBody(await res.json(), 'github');
    expect(body!.official!.problem?.code).toBe('rate_limited');
    expect(body!.official!.snapshot!.incidents.length).toBeGreaterThan(0); // last good data kept
    const reads = up.count(isSummary('www.githubstatus.com'));
    await age('github', 120_000); // 3 minutes after the 429: Retry-After asked for 10
    await (await SELF.fetch(`${BASE}/v1/services/github`)).arrayBuffer();
    expect(up.count(isSummary('www.githubstatus.com'))).toBe(reads);
    await age('github', 600_000);
    await (await SELF.fetch(`${BASE}/v1/services/github`)).arrayBuffer();
    expect(up.count(isSummary('www.githubstatus.com'))).toBe(reads + 1);
  });

  it('a feed that answers HTML is `unknown` material: a problem with its reason, never a healthy snapshot', async () => {
    await forget('discord');
    up.route(
      isSummary('discordstatus.com'),
      () => new Response('<!doctype html><p>moved</p>', { headers: { 'content-type': 'text/html' } }),
    );
    const body = parseServiceBody(await (await SELF.fetch(`${BASE}/v1/services/discord`)).json(), 'discord');
    expect(body!.official!.snapshot).toBeNull();
    expect(body!.official!.problem?.code).toBe('html');
  });

  it('unknown services are 404 with a reason; services without an official feed answer official: null', async () => {
    const res = await SELF.fetch(`${BASE}/v1/services/no-such-service`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toContain('unknown service');
    const netflix = parseServiceBody(await (await SELF.fetch(`${BASE}/v1/services/netflix`)).json(), 'netflix');
    expect(netflix?.official).toBeNull();
  });
});
