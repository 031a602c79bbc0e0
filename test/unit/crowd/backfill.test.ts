import { describe, expect, it } from 'vitest';
import { planBackfill, runBackfill } from '../../../core/crowd/backfill';
import { budgetGate, newBudget } from '../../../core/crowd/budget';
import { hackerNews } from '../../../core/crowd/hn';
import { isdown } from '../../../core/crowd/isdown';
import { mastodon } from '../../../core/crowd/mastodon';
import { detectSpike } from '../../../core/crowd/spike';
import { clone, DAY, fakeFetch, fixture, HOUR, iso, json, MIN, NOW, status } from './helpers';

const envelope = fixture<Record<string, unknown>>('hn_algolia_search_stories_captured.json');
const commentHit = fixture<Record<string, unknown>>('hn_algolia_comment_hit_probe_2026-09-05.json');
const statusEntity = fixture<Record<string, unknown>>('mastodon_status_entity_example.json');

const hit = (id: number, author: string, at: number, text: string) => ({
  ...clone(commentHit),
  objectID: String(id),
  author,
  created_at_i: Math.floor(at / 1000),
  comment_text: text,
});

/** Parse the numericFilters range the HN source sent. */
function rangeOf(url: string): { since: number; until: number; page: number } {
  const u = new URL(url);
  const m = /created_at_i>=(\d+),created_at_i<(\d+)/.exec(u.searchParams.get('numericFilters') ?? '')!;
  return { since: Number(m[1]) * 1000, until: Number(m[2]) * 1000, page: Number(u.searchParams.get('page')) };
}

describe('backfill planning', () => {
  it('HN and Bluesky: seven day-windows, newest first, covering exactly a week', () => {
    const p = planBackfill('hn', NOW);
    expect(p.windows).toHaveLength(7);
    expect(p.windows[0]).toEqual({ since: NOW - DAY, until: NOW });
    expect(p.windows[6]).toEqual({ since: NOW - 7 * DAY, until: NOW - 6 * DAY });
    expect(p.maxRequests).toBe(40);
    expect(planBackfill('bluesky', NOW).windows).toHaveLength(7);
  });

  it('Mastodon: one read-back bounded by pages, with a note', () => {
    const p = planBackfill('mastodon', NOW);
    expect(p.windows).toEqual([{ since: NOW - 7 * DAY, until: NOW }]);
    expect(p.maxPages).toBe(5);
    expect(p.note).toMatch(/cannot search by time/);
  });

  it('IsDown: nothing to backfill', async () => {
    expect(planBackfill('isdown', NOW).windows).toEqual([]);
    const { deps, calls } = fakeFetch(json({}));
    const r = await runBackfill(isdown, ['aws'], NOW, { ...deps, config: { isdown: { apiKey: 'k' } } });
    expect(r).toMatchObject({ buckets: [], coverage: null, requests: 0 });
    expect(calls).toHaveLength(0);
  });
});

describe('backfill runs', () => {
  it('HN: one request per day, buckets for the week, coverage a week back; the baseline then works', async () => {
    const { deps, calls } = fakeFetch((c) => {
      const { since } = rangeOf(c.url);
      // One complaint a day, at the same time of day as the current window.
      const hits = [hit(Math.floor(since / 1000), `user${since}`, since + DAY - 10 * MIN, 'GitHub down')];
      return json({ ...clone(envelope), hits, nbHits: 1, nbPages: 1, page: 0 });
    });
    const r = await runBackfill(hackerNews, ['github'], NOW, deps);
    expect(calls).toHaveLength(7);
    expect(r.requests).toBe(7);
    expect(r.coverage).toBe(NOW - 7 * DAY);
    expect(r.status).toEqual({ state: 'ok' });
    expect(r.buckets).toHaveLength(7);
    // Windows were asked newest first.
    expect(calls.map((c) => rangeOf(c.url).until)).toEqual([0, 1, 2, 3, 4, 5, 6].map((d) => NOW - d * DAY));
    const s = detectSpike(r.buckets, NOW + 5 * MIN, { coverage: { hn: r.coverage! } });
    expect(s.anomalous).toBe(false);
    expect(s.sources[0]!.window.history).toBeGreaterThan(0);
  });

  it('HN: a window the pages did not exhaust is split and the rest read, within the cap', async () => {
    const { deps, calls } = fakeFetch((c) => {
      const { since, until, page } = rangeOf(c.url);
      // The newest window has more than two pages of hits: each page reaches back 2 hours.
      const busy = until === NOW;
      const oldest = busy ? until - (page + 1) * 2 * HOUR : since;
      const hits = [hit(1000 + page, `u${page}`, oldest, 'GitHub down')];
      return json({ ...clone(envelope), hits, nbHits: 5000, nbPages: busy ? 5 : 1, page });
    });
    const r = await runBackfill(hackerNews, ['github'], NOW, deps, { maxRequests: 5 });
    expect(r.requests).toBeLessThanOrEqual(5);
    // Read: day 1 pages 0–1 (reaching NOW−4h), then the rest of day 1, day 2, day 3 — then the cap.
    expect(calls.map((c) => rangeOf(c.url))).toEqual([
      { since: NOW - DAY, until: NOW, page: 0 },
      { since: NOW - DAY, until: NOW, page: 1 },
      { since: NOW - DAY, until: NOW - 4 * HOUR, page: 0 },
      { since: NOW - 2 * DAY, until: NOW - DAY, page: 0 },
      { since: NOW - 3 * DAY, until: NOW - 2 * DAY, page: 0 },
    ]);
    expect(r.notes.join(' ')).toMatch(/stopped after 5 requests/);
    expect(r.status).toEqual({ state: 'ok' });
    expect(r.coverage).toBe(NOW - 3 * DAY);
  });

  it('HN: an error part-way keeps what was read and says why', async () => {
    const { deps } = fakeFetch((c, n) => (n <= 2 ? json({ ...clone(envelope), hits: [], nbHits: 0, nbPages: 0, page: 0 }) : status(503)));
    const r = await runBackfill(hackerNews, ['github'], NOW, deps);
    expect(r.coverage).toBe(NOW - 2 * DAY);
    expect(r.status).toMatchObject({ state: 'error', problem: { httpStatus: 503 } });
    expect(r.requests).toBe(3);
  });

  it('HN: the hourly budget bounds the backfill too', async () => {
    const gate = budgetGate(newBudget(3));
    const { deps, calls } = fakeFetch(json({ ...clone(envelope), hits: [], nbHits: 0, nbPages: 0, page: 0 }));
    const r = await runBackfill(hackerNews, ['github'], NOW, { ...deps, budget: gate });
    expect(calls).toHaveLength(3);
    expect(r.status).toMatchObject({ state: 'rate_limited' });
    expect(r.coverage).toBe(NOW - 3 * DAY);
  });

  it('Mastodon: pages back at most 5 pages per instance; coverage says how far', async () => {
    const { deps, calls } = fakeFetch((c) => {
      const maxId = new URL(c.url).searchParams.get('max_id');
      const start = maxId ? Number(maxId) - 1 : 10_000;
      const offset = 10_000 - start;
      const list = Array.from({ length: 40 }, (_, i) => ({
        ...clone(statusEntity),
        id: String(start - i),
        uri: `https://m.example/s/${start - i}`,
        created_at: iso(NOW - (offset + i + 1) * 10 * MIN),
        content: '<p>GitHub is down</p>',
        account: { ...(statusEntity.account as object), acct: `u${offset + i}` },
      }));
      return json(list);
    });
    const r = await runBackfill(mastodon, ['github'], NOW, { ...deps, config: { mastodon: { instances: ['mastodon.social'] } } });
    expect(calls).toHaveLength(5);
    expect(r.requests).toBe(5);
    // 200 statuses, one every 10 minutes: back 2000 minutes.
    expect(r.coverage).toBe(NOW - 200 * 10 * MIN);
    expect(r.buckets.reduce((n, b) => n + b.posts, 0)).toBe(200);
    expect(r.notes[0]).toMatch(/cannot search by time/);
  });
});
