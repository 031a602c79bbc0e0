/**
 * The cron trigger inside workerd: complaint counts (Hacker News, Mastodon) gathered once for
 * everyone, only for services someone asked about, each source at most every 5 minutes.
 */
import { createExecutionContext, createScheduledController, env, runInDurableObject, SELF, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import hnProbe from '../../test/fixtures/complaints/hn_algolia_comment_hit_probe_2026-09-05.json';
import status from '../../test/fixtures/complaints/mastodon_status_entity_example.json';
import { parseServiceBody } from '../../core/relay/wire';
import worker from '../src/index';
import { Upstream } from './upstream';

const BASE = 'https://relay.test';
const isHn = (u: URL) => u.hostname === 'hn.algolia.com';
const isMastodon = (u: URL) => u.pathname.startsWith('/api/v1/timelines/tag/');

let up: Upstream;
beforeEach(() => {
  const now = Date.now();
  // The captured hit and status, with new authors, times and text (PROVENANCE: tests vary these).
  const hit = (i: number) => ({
    ...(hnProbe as Record<string, unknown>),
    objectID: String(41000000 + i),
    author: `hn_user_${i}`,
    created_at_i: Math.floor(now / 1000) - 60 * i,
    comment_text: 'GitHub is down for me, pushes fail with 500',
    _tags: ['comment'],
  });
  up = new Upstream();
  up.route(isHn, () => Response.json({ hits: [hit(1), hit(2), hit(3)], nbHits: 3, page: 0, nbPages: 1, hitsPerPage: 100 }));
  up.route(isMastodon, (req) =>
    Response.json([
      {
        ...status,
        id: '1',
        uri: `https://${new URL(req.url).hostname}/users/a/statuses/1`,
        created_at: new Date(now - 120_000).toISOString(),
        content: '<p>is github down? cannot push anything</p>',
        account: { ...(status as { account: object }).account, acct: 'dev@example.social' },
      },
    ]),
  );
  up.route(
    (u) => u.pathname.startsWith('/api/v2/'),
    () => new Response('{}', { status: 503 }),
  );
  up.install();
});
afterEach(() => vi.unstubAllGlobals());

async function cron() {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: '*/5 * * * *' }), env, ctx);
  await waitOnExecutionContext(ctx);
}

it('gathers complaint counts for services people asked about, once for everyone, and publishes counts only', async () => {
  await cron();
  expect(up.count(isHn) + up.count(isMastodon)).toBe(0); // nobody asked about anything yet

  await (await SELF.fetch(`${BASE}/v1/services/github`)).arrayBuffer(); // registers github
  await cron();
  const hn = up.count(isHn);
  const masto = up.count(isMastodon);
  expect(hn).toBeGreaterThan(0);
  expect(masto).toBeGreaterThan(0);
  // Every request carried only catalog search terms (no URL a person visited: there is none to send).
  for (const s of up.seen.filter((x) => isHn(new URL(x.url)))) expect(new URL(s.url).searchParams.get('query')).toMatch(/^github/);

  await cron(); // within 5 minutes: nothing is asked again
  expect(up.count(isHn)).toBe(hn);
  expect(up.count(isMastodon)).toBe(masto);

  await caches.default.delete(`${BASE}/v1/services/github`);
  const stub = env.SERVICE.get(env.SERVICE.idFromName('github'));
  await runInDurableObject(stub, (obj) => {
    (obj as unknown as { rendered: unknown }).rendered = null;
  });
  const body = parseServiceBody(await (await SELF.fetch(`${BASE}/v1/services/github`)).json(), 'github');
  const hnCounts = body!.complaints.find((c) => c.source === 'hn')!;
  expect(hnCounts.coverageFrom).not.toBeNull();
  expect(hnCounts.windows.reduce((a, w) => a + w.count, 0)).toBe(3); // three distinct authors
  expect(JSON.stringify(body)).not.toContain('hn_user_'); // counts, not who
  expect(body!.complaints.find((c) => c.source === 'mastodon')!.windows.reduce((a, w) => a + w.count, 0)).toBe(1);
});
