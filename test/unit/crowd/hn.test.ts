import { describe, expect, it } from 'vitest';
import { aggregate } from '../../../core/crowd/buckets';
import { budgetGate, newBudget } from '../../../core/crowd/budget';
import { hackerNews, hnHitToPost } from '../../../core/crowd/hn';
import type { SourceQuery } from '../../../core/crowd/source';
import { clone, fakeFetch, fixture, json, MIN, NOW, status } from './helpers';

type Hit = Record<string, unknown>;
const envelope = fixture<{ hits: Hit[] } & Record<string, unknown>>('hn_algolia_search_stories_captured.json');
const storyHit = envelope.hits[0]!;
const commentHit = fixture<Hit>('hn_algolia_comment_hit_probe_2026-09-05.json');

const TERMS = ['github', '#githubdown', 'github down'];
const Q: SourceQuery = { terms: TERMS, since: NOW - 15 * MIN, until: NOW, now: NOW };

/** A comment hit in the real probe's shape, with our text, author and time. */
function comment(id: number, author: string, at: number, text: string): Hit {
  return {
    ...clone(commentHit),
    objectID: String(id),
    author,
    created_at_i: Math.floor(at / 1000),
    created_at: new Date(at).toISOString(),
    comment_text: text,
    _tags: ['comment', `author_${author}`, 'story_1'],
  };
}

/** A story hit in the real captured shape. */
function story(id: number, author: string, at: number, title: string, storyText: string | null = null): Hit {
  return {
    ...clone(storyHit),
    objectID: String(id),
    author,
    title,
    story_text: storyText,
    created_at_i: Math.floor(at / 1000),
    created_at: new Date(at).toISOString(),
    _tags: ['story', `author_${author}`, `story_${id}`],
  };
}

function page(hits: Hit[], extra: Record<string, unknown> = {}) {
  return {
    ...clone(envelope),
    hits,
    nbHits: hits.length,
    page: 0,
    nbPages: hits.length > 0 ? 1 : 0,
    hitsPerPage: 100,
    query: 'github',
    ...extra,
  };
}

describe('Hacker News (Algolia search_by_date)', () => {
  it('asks the documented endpoint once for the covering term, with a time filter', async () => {
    const { deps, calls } = fakeFetch(json(page([])));
    const r = await hackerNews.query(Q, deps);
    expect(r).toEqual({ posts: [], status: { state: 'ok' }, requests: 1, coverage: { from: Q.since, until: Q.until } });
    expect(calls).toHaveLength(1);
    const u = new URL(calls[0]!.url);
    expect(u.origin + u.pathname).toBe('https://hn.algolia.com/api/v1/search_by_date');
    expect(Object.fromEntries(u.searchParams)).toEqual({
      query: 'github',
      tags: '(story,comment)',
      numericFilters: `created_at_i>=${(NOW - 15 * MIN) / 1000},created_at_i<${NOW / 1000}`,
      hitsPerPage: '100',
      page: '0',
    });
    expect(calls[0]!.method).toBe('GET');
    expect(calls[0]!.headers.get('authorization')).toBeNull();
  });

  it('maps the real hit shapes and keeps only complaints', async () => {
    const hits = [
      comment(101, 'alice', NOW - 2 * MIN, '<p>Is GitHub down for anyone else? Pushes hang.</p>'),
      story(102, 'bob', NOW - 3 * MIN, 'GitHub is down'),
      comment(103, 'carol', NOW - 4 * MIN, 'I wrote a breakdown of our GitHub bill'),
      clone(storyHit), // the captured "Yarn" story: not about GitHub, and from 2016 (outside the window)
      comment(104, 'dave', NOW - 20 * MIN, 'github down again'), // before `since`
    ];
    const { deps } = fakeFetch(json(page(hits)));
    const r = await hackerNews.query(Q, deps);
    expect(r.status).toEqual({ state: 'ok' });
    expect(r.posts).toEqual([
      {
        id: 'hn:101',
        author: 'alice',
        at: Math.floor((NOW - 2 * MIN) / 1000) * 1000,
        text: 'Is GitHub down for anyone else? Pushes hang.',
        url: 'https://news.ycombinator.com/item?id=101',
        source: 'hn',
      },
      {
        id: 'hn:102',
        author: 'bob',
        at: Math.floor((NOW - 3 * MIN) / 1000) * 1000,
        text: 'GitHub is down',
        url: 'https://news.ycombinator.com/item?id=102',
        source: 'hn',
      },
    ]);
  });

  it('maps the unmodified probe comment hit (no comment_text) and the captured story hit', () => {
    expect(hnHitToPost(commentHit)).toEqual({
      id: 'hn:9999999',
      author: 'tcas',
      at: 1438637521000,
      text: '',
      url: 'https://news.ycombinator.com/item?id=9999999',
      source: 'hn',
    });
    expect(hnHitToPost(storyHit)).toMatchObject({
      id: 'hn:12684980',
      author: 'cpojer',
      at: 1476198038000,
      text: 'Yarn – A new package manager for JavaScript',
    });
    expect(hnHitToPost({ objectID: 'x/../1', author: 'a', created_at_i: 1 })).toBeNull();
    expect(hnHitToPost({ objectID: '1', author: '', created_at_i: 1 })).toBeNull();
    expect(hnHitToPost(null)).toBeNull();
  });

  it('counts distinct authors, not posts', async () => {
    const hits = [
      comment(1, 'alice', NOW - 1 * MIN, 'GitHub is down'),
      comment(2, 'alice', NOW - 2 * MIN, 'still down, GitHub'),
      comment(3, 'alice', NOW - 3 * MIN, 'GitHub down again'),
      comment(4, 'bob', NOW - 4 * MIN, 'GitHub outage'),
    ];
    const { deps } = fakeFetch(json(page(hits)));
    const r = await hackerNews.query(Q, deps);
    expect(r.posts).toHaveLength(4);
    const b = aggregate(r.posts);
    expect(b).toHaveLength(1);
    expect(b[0]!.authors).toEqual(['alice', 'bob']);
  });

  it('hostile HTML in a comment becomes inert plain text', async () => {
    const evil =
      '<script>alert(1)</script><img src=x onerror="alert(2)"><p>GitHub is <b>down</b> <a href="javascript:alert(3)">again</a></p><style>p{}</style><iframe src="https://evil.example"></iframe>';
    const { deps } = fakeFetch(json(page([comment(7, 'mallory', NOW - MIN, evil)])));
    const r = await hackerNews.query(Q, deps);
    expect(r.posts).toHaveLength(1);
    const text = r.posts[0]!.text;
    expect(text).toBe('GitHub is down again');
    expect(text).not.toMatch(/<|onerror|javascript:|alert/);
  });

  it('429 with Retry-After → rate_limited for that long', async () => {
    const { deps } = fakeFetch(status(429, { 'retry-after': '120' }));
    const r = await hackerNews.query(Q, deps);
    expect(r.status).toEqual({
      state: 'rate_limited',
      message: 'Hacker News search asked us to slow down (HTTP 429)',
      retryAfterMs: 120_000,
    });
    expect(r.requests).toBe(1);
  });

  it('429 without Retry-After → a default wait', async () => {
    const { deps } = fakeFetch(status(429));
    const r = await hackerNews.query(Q, deps);
    expect(r.status).toMatchObject({ state: 'rate_limited', retryAfterMs: 10 * 60_000 });
  });

  it('server errors, HTML and wrong shapes are errors with reasons', async () => {
    const five = await hackerNews.query(Q, fakeFetch(status(503, { 'retry-after': '30' })).deps);
    expect(five.status).toEqual({
      state: 'error',
      problem: { code: 'http', message: 'Hacker News search is having trouble (HTTP 503)', httpStatus: 503 },
      retryAfterMs: 30_000,
    });
    const html = await hackerNews.query(
      Q,
      fakeFetch(new Response('<!doctype html><p>hi', { headers: { 'content-type': 'text/html' } })).deps,
    );
    expect(html.status).toMatchObject({ state: 'error', problem: { code: 'html' } });
    const shape = await hackerNews.query(Q, fakeFetch(json({ results: [] })).deps);
    expect(shape.status).toMatchObject({ state: 'error', problem: { code: 'schema' } });
    const broken = await hackerNews.query(
      Q,
      fakeFetch(new Response('{"hits": [', { headers: { 'content-type': 'application/json' } })).deps,
    );
    expect(broken.status).toMatchObject({ state: 'error', problem: { code: 'parse' } });
    const net = await hackerNews.query(Q, {
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
      now: () => NOW,
    });
    expect(net.status).toMatchObject({ state: 'error', problem: { code: 'network' } });
  });

  it('the hourly budget stops requests before they are sent', async () => {
    const gate = budgetGate(newBudget(1));
    const { deps, calls } = fakeFetch(json(page([comment(1, 'a', NOW - MIN, 'GitHub down')])));
    // Two covering terms → two requests wanted; only one allowed.
    const r = await hackerNews.query({ ...Q, terms: ['github', 'copilot'] }, { ...deps, budget: gate });
    expect(calls).toHaveLength(1);
    expect(r.requests).toBe(1);
    expect(r.status).toMatchObject({ state: 'rate_limited', message: 'Hacker News search: the hourly request budget (1) is used up' });
    expect((r.status as { retryAfterMs: number }).retryAfterMs).toBe(60 * MIN);
    // The posts read before the budget ran out are kept.
    expect(r.posts.map((p) => p.id)).toEqual(['hn:1']);
    const again = await hackerNews.query(Q, { ...deps, budget: gate });
    expect(again.requests).toBe(0);
    expect(calls).toHaveLength(1);
  });

  it('pages when asked, and reports partial coverage when pages run out', async () => {
    const older = NOW - 10 * MIN;
    const { deps, calls } = fakeFetch((call) => {
      const p = Number(new URL(call.url).searchParams.get('page'));
      const hits = [comment(200 + p, `u${p}`, NOW - (p + 1) * MIN - (p === 1 ? 8 * MIN : 0), 'GitHub down')];
      return json(page(hits, { page: p, nbPages: 5 }));
    });
    const r = await hackerNews.query({ ...Q, terms: ['github'], maxPages: 2 }, deps);
    expect(calls.map((c) => new URL(c.url).searchParams.get('page'))).toEqual(['0', '1']);
    expect(new URL(calls[0]!.url).searchParams.get('hitsPerPage')).toBe('1000');
    expect(r.coverage).toEqual({ from: older, until: NOW });
  });

  it('no usable terms → no request', async () => {
    const { deps, calls } = fakeFetch(json(page([])));
    const r = await hackerNews.query({ ...Q, terms: ['#githubdown', 'https://github.com/x'] }, deps);
    expect(r.requests).toBe(0);
    expect(calls).toHaveLength(0);
  });
});
