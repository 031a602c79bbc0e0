import { describe, expect, it } from 'vitest';
import { BLUESKY_NOT_CONFIGURED, BLUESKY_SESSION_KEY, bluesky, postViewToPost } from '../../../core/crowd/bluesky';
import type { CrowdStore, SourceDeps, SourceQuery } from '../../../core/crowd/source';
import { clone, fakeFetch, fixture, json, MIN, NOW, type Answer, type Call } from './helpers';

const search = fixture<{ posts: Record<string, unknown>[]; cursor: string }>('bluesky_searchPosts_response_doc-derived.json');
const session = fixture<Record<string, unknown>>('bluesky_createSession_response_doc-derived.json');
const expired = fixture<Record<string, unknown>>('bluesky_xrpc_error_ExpiredToken_doc-derived.json');

const Q: SourceQuery = { terms: ['github', '#githubdown', 'github down'], since: NOW - 15 * MIN, until: NOW, now: NOW };
const CONFIG = { bluesky: { handle: 'alice.example.com', appPassword: 'abcd-efgh-ijkl-mnop' } };

function memoryStore(initial: Record<string, unknown> = {}) {
  const data: Record<string, unknown> = clone(initial);
  const store: CrowdStore = {
    async get(key) {
      return key in data ? { [key]: clone(data[key]) } : {};
    },
    async set(items) {
      Object.assign(data, clone(items));
    },
  };
  return { store, data };
}

const kind = (c: Call) => new URL(c.url).pathname.replace('/xrpc/', '');
const searchBody = () => {
  const b = clone(search) as Record<string, unknown>;
  delete b._note;
  return b;
};
const sessionBody = (n: number) => ({ ...clone(session), accessJwt: `access-${n}`, refreshJwt: `refresh-${n}` });

/** A server that hands out session `n` at login and answers every search. */
const loggedIn =
  (n: number): Answer =>
  (c) =>
    kind(c).endsWith('createSession') ? json(sessionBody(n)) : json(searchBody());

/** One query against `answer`, keeping its session in `store`: the result and the requests made. */
async function queryWith(answer: Answer, store: CrowdStore) {
  const { deps, calls } = fakeFetch(answer);
  return { r: await bluesky.query(Q, { ...deps, config: CONFIG, store }), calls };
}

describe('Bluesky searchPosts (with the person’s app password)', () => {
  it('is never polled without a login: zero requests, not_configured', async () => {
    for (const config of [
      undefined,
      {},
      { bluesky: { handle: '', appPassword: '' } },
      { bluesky: { handle: 'alice.example.com', appPassword: ' '.trim() } },
    ]) {
      const { deps, calls } = fakeFetch(json(searchBody()));
      const { store, data } = memoryStore();
      const r = await bluesky.query(Q, { ...deps, config, store } as SourceDeps);
      expect(r).toEqual({ posts: [], status: { state: 'not_configured', message: BLUESKY_NOT_CONFIGURED }, requests: 0 });
      expect(calls).toHaveLength(0);
      expect(data).toEqual({});
    }
    expect(BLUESKY_NOT_CONFIGURED).toBe('Bluesky: not configured (needs your handle and an app password)');
    expect(bluesky.defaultOn).toBe(false);
    expect(bluesky.keyless).toBe(false);
  });

  it('logs in once, caches the session, searches with the access token', async () => {
    const { deps, calls } = fakeFetch((c) => (kind(c) === 'com.atproto.server.createSession' ? json(sessionBody(1)) : json(searchBody())));
    const { store, data } = memoryStore();
    const r = await bluesky.query(Q, { ...deps, config: CONFIG, store });
    expect(r.status).toEqual({ state: 'ok' });
    expect(calls.map(kind)).toEqual(['com.atproto.server.createSession', 'app.bsky.feed.searchPosts', 'app.bsky.feed.searchPosts']);
    const login = calls[0]!;
    expect(login.method).toBe('POST');
    expect(login.url).toBe('https://bsky.social/xrpc/com.atproto.server.createSession');
    expect(JSON.parse(login.body!)).toEqual({ identifier: 'alice.example.com', password: 'abcd-efgh-ijkl-mnop' });
    expect(login.headers.get('content-type')).toBe('application/json');
    const s = new URL(calls[1]!.url);
    expect(Object.fromEntries(s.searchParams)).toEqual({
      q: 'github',
      sort: 'latest',
      since: new Date(NOW - 15 * MIN).toISOString(),
      until: new Date(NOW).toISOString(),
      limit: '100',
    });
    expect(new URL(calls[2]!.url).searchParams.get('q')).toBe('#githubdown');
    expect(calls[1]!.headers.get('authorization')).toBe('Bearer access-1');
    // The complaint is kept; "breakdown of our GitHub Actions costs" is not.
    expect(r.posts).toEqual([
      {
        id: 'bluesky:at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/3lbn2z7ykq22c',
        author: 'did:plc:ewvi7nxzyoun6zhxrhs64oiz',
        at: Date.parse('2026-01-15T11:58:30.000Z'),
        text: 'is github down for everyone? pushes keep failing',
        url: 'https://bsky.app/profile/did:plc:ewvi7nxzyoun6zhxrhs64oiz/post/3lbn2z7ykq22c',
        source: 'bluesky',
      },
    ]);
    expect(r.requests).toBe(3);
    const stored = (data[BLUESKY_SESSION_KEY] as { session: Record<string, unknown> }).session;
    expect(stored).toMatchObject({
      did: 'did:plc:ewvi7nxzyoun6zhxrhs64oiz',
      accessJwt: 'access-1',
      refreshJwt: 'refresh-1',
      service: 'https://bsky.social',
    });
    expect(JSON.stringify(data)).not.toContain('abcd-efgh-ijkl-mnop'); // the password itself is not cached

    // Next poll: the cached session, no new login.
    const second = fakeFetch(json(searchBody()));
    await bluesky.query(Q, { ...second.deps, config: CONFIG, store });
    expect(second.calls.map(kind)).toEqual(['app.bsky.feed.searchPosts', 'app.bsky.feed.searchPosts']);
  });

  it('ExpiredToken (400) → refreshSession with the refresh token, then the search again', async () => {
    const { store, data } = memoryStore();
    await queryWith(loggedIn(1), store); // logs in: session 1 is stored
    let expiredOnce = false;
    const { r, calls } = await queryWith((c) => {
      if (kind(c) === 'com.atproto.server.refreshSession') return json(sessionBody(2));
      if (c.headers.get('authorization') === 'Bearer access-1' && !expiredOnce) {
        expiredOnce = true;
        return json(expired, 400);
      }
      return json(searchBody());
    }, store);
    expect(r.status).toEqual({ state: 'ok' });
    expect(calls.map(kind)).toEqual([
      'app.bsky.feed.searchPosts',
      'com.atproto.server.refreshSession',
      'app.bsky.feed.searchPosts',
      'app.bsky.feed.searchPosts',
    ]);
    expect(calls[1]!.method).toBe('POST');
    expect(calls[1]!.headers.get('authorization')).toBe('Bearer refresh-1');
    expect(calls[2]!.headers.get('authorization')).toBe('Bearer access-2');
    expect((data[BLUESKY_SESSION_KEY] as { session: { accessJwt: string } }).session.accessJwt).toBe('access-2');
    expect(r.posts).toHaveLength(1);
  });

  it('a dead refresh token → one new login', async () => {
    const { store } = memoryStore({
      [BLUESKY_SESSION_KEY]: {},
    });
    await queryWith(loggedIn(1), store); // logs in: session 1 is stored
    const { r, calls } = await queryWith((c) => {
      if (kind(c).endsWith('refreshSession')) return json({ error: 'ExpiredToken', message: 'Token has expired' }, 400);
      if (kind(c).endsWith('createSession')) return json(sessionBody(3));
      if (c.headers.get('authorization') === 'Bearer access-1') return json(expired, 400);
      return json(searchBody());
    }, store);
    expect(r.status).toEqual({ state: 'ok' });
    expect(calls.map(kind)).toEqual([
      'app.bsky.feed.searchPosts',
      'com.atproto.server.refreshSession',
      'com.atproto.server.createSession',
      'app.bsky.feed.searchPosts',
      'app.bsky.feed.searchPosts',
    ]);
  });

  it('gives up after one refresh and one login (no loops)', async () => {
    const { deps, calls } = fakeFetch((c) => {
      if (kind(c).endsWith('createSession')) return json(sessionBody(1));
      if (kind(c).endsWith('refreshSession')) return json(sessionBody(2));
      return json(expired, 400);
    });
    const r = await bluesky.query(Q, { ...deps, config: CONFIG, store: memoryStore().store });
    expect(r.status).toMatchObject({ state: 'error', problem: { code: 'http', httpStatus: 400 } });
    expect(calls.length).toBeLessThanOrEqual(5);
  });

  it('a rejected password is reported and not retried for a while', async () => {
    const { store, data } = memoryStore();
    const first = fakeFetch(json({ error: 'AuthenticationRequired', message: 'Invalid identifier or password' }, 401));
    const r = await bluesky.query(Q, { ...first.deps, config: CONFIG, store });
    expect(r.status).toEqual({
      state: 'error',
      problem: { code: 'http', message: 'Bluesky: your handle or app password was not accepted', httpStatus: 401 },
    });
    expect(first.calls.map(kind)).toEqual(['com.atproto.server.createSession']);
    expect(JSON.stringify(data)).not.toContain('abcd-efgh-ijkl-mnop');

    const again = fakeFetch(json(sessionBody(1)), NOW + 5 * MIN);
    const r2 = await bluesky.query({ ...Q, now: NOW + 5 * MIN }, { ...again.deps, config: CONFIG, store });
    expect(again.calls).toHaveLength(0);
    expect(r2.status).toMatchObject({ state: 'error' });

    // A changed password is tried at once.
    const changed = fakeFetch(loggedIn(1), NOW + 6 * MIN);
    const r3 = await bluesky.query(Q, {
      ...changed.deps,
      config: { bluesky: { ...CONFIG.bluesky, appPassword: 'new-pass-word-1234' } },
      store,
    });
    expect(r3.status).toEqual({ state: 'ok' });
    expect(changed.calls.map(kind)[0]).toBe('com.atproto.server.createSession');
  });

  it('a session made with other credentials is not reused', async () => {
    const { store } = memoryStore();
    await queryWith(loggedIn(1), store); // logs in: session 1 is stored
    const other = fakeFetch(loggedIn(2));
    await bluesky.query(Q, {
      ...other.deps,
      config: { bluesky: { handle: 'bob.example.com', appPassword: 'zzzz-zzzz-zzzz-zzzz' } },
      store,
    });
    expect(other.calls.map(kind)[0]).toBe('com.atproto.server.createSession');
  });

  it('429 → rate_limited (RateLimit-Reset honoured); 403 HTML → error', async () => {
    const reset = String(Math.floor(NOW / 1000) + 300);
    const { deps } = fakeFetch((c) =>
      kind(c).endsWith('createSession') ? json(sessionBody(1)) : json({ error: 'RateLimitExceeded' }, 429, { 'ratelimit-reset': reset }),
    );
    const r = await bluesky.query(Q, { ...deps, config: CONFIG, store: memoryStore().store });
    expect(r.status).toEqual({ state: 'rate_limited', message: 'Bluesky asked us to slow down (HTTP 429)', retryAfterMs: 300_000 });

    const forbidden = fakeFetch((c) =>
      kind(c).endsWith('createSession')
        ? json(sessionBody(1))
        : new Response('<html>403 Forbidden</html>', { status: 403, headers: { 'content-type': 'text/html' } }),
    );
    const f = await bluesky.query(Q, { ...forbidden.deps, config: CONFIG, store: memoryStore().store });
    expect(f.status).toMatchObject({ state: 'error', problem: { httpStatus: 403 } });
  });

  it('works without a store (session lives for one query)', async () => {
    const { deps, calls } = fakeFetch(loggedIn(1));
    const r = await bluesky.query(Q, { ...deps, config: CONFIG });
    expect(r.status).toEqual({ state: 'ok' });
    expect(calls).toHaveLength(3);
  });

  it('rejects a non-https server address without requesting anything', async () => {
    const { deps, calls } = fakeFetch(json({}));
    const r = await bluesky.query(Q, { ...deps, config: { bluesky: { ...CONFIG.bluesky, service: 'http://pds.example' } } });
    expect(r.status.state).toBe('not_configured');
    expect(calls).toHaveLength(0);
  });

  it('postView mapping: earlier of createdAt/indexedAt, malformed views dropped, hostile text inert', () => {
    const v = clone(search.posts[0]!) as Record<string, unknown> & { record: Record<string, unknown> };
    v.record.createdAt = '2030-01-01T00:00:00Z'; // claims the future
    v.record.text = 'GitHub <script>alert(1)</script>is down';
    const p = postViewToPost(v)!;
    expect(p.at).toBe(Date.parse('2026-01-15T11:58:31.120Z'));
    expect(p.text).toBe('GitHub is down');
    expect(postViewToPost({ ...v, uri: 'https://evil.example/x' })).toBeNull();
    expect(postViewToPost(null)).toBeNull();
  });
});
