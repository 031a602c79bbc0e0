import { describe, expect, it } from 'vitest';
import { aggregate } from '../../../core/crowd/buckets';
import { budgetGate, newBudget } from '../../../core/crowd/budget';
import { mastodon, normaliseAcct, statusToPost, tagsForTerms } from '../../../core/crowd/mastodon';
import type { SourceQuery } from '../../../core/crowd/source';
import { clone, fakeFetch, fixture, iso, json, MIN, NOW, status, type Call } from './helpers';

type Status = Record<string, unknown> & { account: Record<string, unknown> };
const example = fixture<Status>('mastodon_status_entity_example.json');

const TERMS = ['github', '#githubdown', 'github down'];
const Q: SourceQuery = { terms: TERMS, since: NOW - 15 * MIN, until: NOW, now: NOW };

/** A status in the documented entity shape with our content/author/time. */
function st(opts: { id: string; acct: string; at: number; html: string; uri?: string; reblog?: unknown }): Status {
  const s = clone(example);
  s.id = opts.id;
  s.created_at = iso(opts.at);
  s.content = opts.html;
  s.uri = opts.uri ?? `https://example.social/users/${opts.acct}/statuses/${opts.id}`;
  s.url = `https://example.social/@${opts.acct}/${opts.id}`;
  s.account = { ...s.account, acct: opts.acct, username: opts.acct.split('@')[0] };
  s.reblog = opts.reblog ?? null;
  return s;
}

const host = (c: Call) => new URL(c.url).hostname;

describe('Mastodon hashtag timelines', () => {
  it('derives hashtags from the terms (catalog hashtags first, at most four)', () => {
    expect(tagsForTerms(TERMS)).toEqual(['githubdown', 'github']);
    expect(tagsForTerms(['twitter', 'x.com', '#twitterdown', '#xdown'])).toEqual(['twitterdown', 'xdown', 'twitter']);
    expect(tagsForTerms(['jira', 'confluence', 'atlassian', '#jiradown', '#confluencedown', '#atlassiandown'])).toEqual([
      'jiradown',
      'confluencedown',
      'atlassiandown',
      'jira',
    ]);
    expect(tagsForTerms(['prime video', '#primevideodown'])).toEqual(['primevideodown', 'primevideo']);
  });

  it('asks each default instance once, keyless, with the documented URL', async () => {
    const { deps, calls } = fakeFetch(json([]));
    const r = await mastodon.query(Q, deps);
    expect(r).toEqual({ posts: [], status: { state: 'ok' }, requests: 3, coverage: { from: Q.since, until: Q.until } });
    expect(calls.map(host).sort()).toEqual(['fosstodon.org', 'hachyderm.io', 'mastodon.social']);
    const u = new URL(calls.find((c) => host(c) === 'mastodon.social')!.url);
    expect(u.pathname).toBe('/api/v1/timelines/tag/githubdown');
    expect(u.searchParams.get('limit')).toBe('40');
    expect(u.searchParams.getAll('any[]')).toEqual(['github']);
    expect(calls.every((c) => c.headers.get('authorization') === null)).toBe(true);
  });

  it('maps the documented status entity (HTML content → text; local acct made absolute)', () => {
    const p = statusToPost(example, 'mastodon.social');
    expect(p).toEqual({
      id: 'mastodon:https://mastodon.social/users/Gargron/statuses/103270115826048975',
      author: 'gargron@mastodon.social',
      at: Date.parse('2019-12-08T03:48:33.901Z'),
      text: '"I lost my inheritance with one wrong digit on my sort code"\n\nhttps://www.theguardian.com/money/2019/dec/07/i-lost-my-193000-inheritance-with-one-wrong-digit-on-my-sort-code',
      url: 'https://mastodon.social/@Gargron/103270115826048975',
      source: 'mastodon',
    });
    expect(normaliseAcct('Alice', 'fosstodon.org')).toBe('alice@fosstodon.org');
    expect(normaliseAcct('Alice@Mastodon.Social', 'fosstodon.org')).toBe('alice@mastodon.social');
    expect(normaliseAcct('a@b@c', 'x.org')).toBeNull();
    expect(statusToPost({ ...clone(example), reblog: clone(example) }, 'mastodon.social')).toBeNull();
  });

  it('keeps complaints, drops the rest and anything outside the window', async () => {
    const statuses = [
      st({
        id: '1',
        acct: 'alice',
        at: NOW - 2 * MIN,
        html: '<p>Is <a href="https://mastodon.social/tags/github" class="mention hashtag">#<span>github</span></a> down for anyone else?</p>',
      }),
      st({
        id: '2',
        acct: 'bob@hachyderm.io',
        at: NOW - 3 * MIN,
        html: '<p>pushing is failing <a href="https://x/tags/githubdown">#<span>GitHubDown</span></a></p>',
      }),
      clone(example), // real example: not a complaint, and from 2019
      st({ id: '3', acct: 'carol', at: NOW - 4 * MIN, html: '<p>New blog post about #github actions</p>' }),
      st({ id: '4', acct: 'dave', at: NOW - 30 * MIN, html: '<p>github is down</p>' }),
    ];
    const { deps } = fakeFetch((c) => (host(c) === 'mastodon.social' ? json(statuses) : json([])));
    const r = await mastodon.query(Q, deps);
    expect(r.status).toEqual({ state: 'ok' });
    expect(r.posts.map((p) => [p.author, p.text])).toEqual([
      ['alice@mastodon.social', 'Is #github down for anyone else?'],
      ['bob@hachyderm.io', 'pushing is failing #GitHubDown'],
    ]);
  });

  it('an instance that requires login (401) is noted; the others still count', async () => {
    const s = st({ id: '9', acct: 'erin', at: NOW - MIN, html: '<p>GitHub is down</p>' });
    const { deps } = fakeFetch((c) =>
      host(c) === 'hachyderm.io'
        ? json({ error: 'This API requires an authenticated user' }, 401)
        : host(c) === 'fosstodon.org'
          ? json([s])
          : json([]),
    );
    const r = await mastodon.query(Q, deps);
    expect(r.status).toEqual({ state: 'ok' });
    expect(r.notes).toEqual(['Mastodon: hachyderm.io requires login']);
    expect(r.posts.map((p) => p.author)).toEqual(['erin@fosstodon.org']);
    expect(r.requests).toBe(3);
  });

  it('403 and 422 mean "requires login" too; all instances locked → an error saying so', async () => {
    const { deps } = fakeFetch((c) => status(host(c) === 'mastodon.social' ? 401 : host(c) === 'fosstodon.org' ? 403 : 422));
    const r = await mastodon.query(Q, deps);
    expect(r.status).toEqual({
      state: 'error',
      problem: { code: 'http', message: 'Mastodon: mastodon.social, fosstodon.org, hachyderm.io require login for hashtag timelines' },
    });
    expect(r.notes).toEqual([
      'Mastodon: mastodon.social requires login',
      'Mastodon: fosstodon.org requires login',
      'Mastodon: hachyderm.io requires login',
    ]);
  });

  it('the same status seen on several instances is one post (dedupe by uri)', async () => {
    const uri = 'https://mastodon.social/users/alice/statuses/111';
    const onHome = st({ id: '111', acct: 'alice', at: NOW - MIN, html: '<p>GitHub is down</p>', uri });
    const federated = st({ id: '999888', acct: 'alice@mastodon.social', at: NOW - MIN, html: '<p>GitHub is down</p>', uri });
    const { deps } = fakeFetch((c) => (host(c) === 'mastodon.social' ? json([onHome]) : json([federated])));
    const r = await mastodon.query(Q, deps);
    expect(r.posts).toHaveLength(1);
    expect(r.posts[0]!.id).toBe(`mastodon:${uri}`);
    expect(r.posts[0]!.author).toBe('alice@mastodon.social');
  });

  it('counts distinct authors across instances', async () => {
    const a1 = st({ id: '1', acct: 'alice', at: NOW - MIN, html: '<p>GitHub down</p>', uri: 'https://mastodon.social/s/1' });
    const a2 = st({
      id: '2',
      acct: 'alice@mastodon.social',
      at: NOW - 2 * MIN,
      html: '<p>GitHub still down</p>',
      uri: 'https://mastodon.social/s/2',
    });
    const b1 = st({ id: '3', acct: 'bob', at: NOW - 3 * MIN, html: '<p>GitHub outage?</p>', uri: 'https://fosstodon.org/s/3' });
    const { deps } = fakeFetch((c) =>
      host(c) === 'mastodon.social' ? json([a1]) : host(c) === 'fosstodon.org' ? json([a2, b1]) : json([]),
    );
    const r = await mastodon.query(Q, deps);
    expect(r.posts).toHaveLength(3);
    expect(aggregate(r.posts)[0]!.authors).toEqual(['alice@mastodon.social', 'bob@fosstodon.org']);
  });

  it('hostile HTML in content and spoiler is inert text', async () => {
    const s = st({
      id: '5',
      acct: 'mallory',
      at: NOW - MIN,
      html: '<p>GitHub <script>document.cookie</script>is <img src=x onerror=alert(1)>down</p><a href="javascript:alert(2)">click</a>',
    });
    s.spoiler_text = '<b onmouseover="x()">outage</b>';
    const { deps } = fakeFetch((c) => (host(c) === 'mastodon.social' ? json([s]) : json([])));
    const r = await mastodon.query(Q, deps);
    expect(r.posts).toHaveLength(1);
    expect(r.posts[0]!.text).toBe('outage\nGitHub is down\n\nclick');
    expect(r.posts[0]!.text).not.toMatch(/<|script|onerror|javascript/);
  });

  it('429 everywhere → rate_limited, using X-RateLimit-Reset when there is no Retry-After', async () => {
    const reset = new Date(NOW + 4 * MIN).toISOString();
    const { deps } = fakeFetch(() => status(429, { 'x-ratelimit-reset': reset }));
    const r = await mastodon.query(Q, deps);
    expect(r.status).toEqual({ state: 'rate_limited', message: 'Mastodon: every instance asked us to slow down', retryAfterMs: 4 * MIN });
  });

  it('pages back with max_id up to maxPages and reports how far it got', async () => {
    const { deps, calls } = fakeFetch((c) => {
      const maxId = new URL(c.url).searchParams.get('max_id');
      const startId = maxId ? Number(maxId) - 1 : 1000;
      // 40 statuses a page, one a minute going back.
      const offset = 1000 - startId;
      const list = Array.from({ length: 40 }, (_, i) =>
        st({
          id: String(startId - i),
          acct: `u${offset + i}`,
          at: NOW - (offset + i + 1) * MIN,
          html: '<p>GitHub down</p>',
          uri: `https://m/s/${startId - i}`,
        }),
      );
      return json(list);
    });
    const r = await mastodon.query(
      { ...Q, since: NOW - 24 * 60 * MIN, maxPages: 2 },
      { ...deps, config: { mastodon: { instances: ['mastodon.social'] } } },
    );
    expect(calls.map((c) => new URL(c.url).searchParams.get('max_id'))).toEqual([null, '961']);
    expect(r.posts).toHaveLength(80);
    expect(r.coverage).toEqual({ from: NOW - 80 * MIN, until: NOW });
  });

  it('stops paging once a page reaches back past `since`', async () => {
    const list = Array.from({ length: 40 }, (_, i) =>
      st({ id: String(500 - i), acct: `u${i}`, at: NOW - (i + 1) * MIN, html: '<p>x</p>' }),
    );
    const { deps, calls } = fakeFetch(json(list));
    await mastodon.query({ ...Q, maxPages: 5 }, { ...deps, config: { mastodon: { instances: ['fosstodon.org'] } } });
    expect(calls).toHaveLength(1);
  });

  it('instances are validated; a bad one is ignored', async () => {
    const { deps, calls } = fakeFetch(json([]));
    await mastodon.query(Q, {
      ...deps,
      config: { mastodon: { instances: ['https://Fosstodon.org/', 'evil.example/path?x=', 'localhost', ''] } },
    });
    expect(calls.map(host)).toEqual(['fosstodon.org']);
  });

  it('the budget is charged per instance request', async () => {
    const gate = budgetGate(newBudget(2));
    const { deps, calls } = fakeFetch(json([]));
    const r = await mastodon.query(Q, { ...deps, budget: gate });
    expect(calls).toHaveLength(2);
    expect(r.status).toEqual({ state: 'ok' });
    expect(r.notes).toEqual(['Mastodon (hachyderm.io): the hourly request budget (2) is used up']);
    const none = await mastodon.query(Q, { ...deps, budget: gate });
    expect(none.status).toMatchObject({ state: 'rate_limited' });
    expect(calls).toHaveLength(2);
  });
});
