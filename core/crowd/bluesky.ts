/**
 * Bluesky post search — only with the person's own handle and app password (anonymous search has
 * been disabled since 2025; see docs/design.md, "Complaints"). Off by default. Without credentials nothing
 * is requested at all.
 *
 *   POST <pds>/xrpc/com.atproto.server.createSession  {identifier, password} → accessJwt, refreshJwt, did
 *   POST <pds>/xrpc/com.atproto.server.refreshSession  (Authorization: Bearer <refreshJwt>)
 *   GET  <pds>/xrpc/app.bsky.feed.searchPosts?q=<term>&sort=latest&since=<ISO>&until=<ISO>&limit=100
 *        (Authorization: Bearer <accessJwt>; the PDS proxies to the AppView)
 *
 * The session is cached through the injected store (storage.local) because createSession is
 * limited to 30 per 5 minutes and 300 per day per account. An expired access token
 * (`ExpiredToken`, HTTP 400) is refreshed once; if the refresh token is dead too, one new login
 * is made. A rejected password is remembered (by a fingerprint, not the password) for 30 minutes so
 * a wrong password cannot hammer the login endpoint.
 */
import { htmlToText, safeUrl } from '../text';
import type { JsonResponse } from './http';
import { requestJson, statusOf, wasSent } from './http';
import { matchComplaint } from './keywords';
import type { ComplaintSource, CrowdStore, Post, QueryResult, SourceDeps, SourceQuery, SourceStatus } from './source';
import { clampRange, MAX_POST_TEXT, okResult, pagesOf, searchQueries, sortPosts } from './source';

export const BLUESKY_DEFAULT_SERVICE = 'https://bsky.social';
export const BLUESKY_SESSION_KEY = 'crowd.bluesky.session';
export const BLUESKY_NOT_CONFIGURED = 'Bluesky: not configured (needs your handle and an app password)';
export const BLUESKY_PAGE_LIMIT = 100;
const MAX_QUERIES = 3;
const LOGIN_RETRY_MS = 30 * 60 * 1000;
const LABEL = 'Bluesky';

export interface BlueskySession {
  did: string;
  handle: string;
  accessJwt: string;
  refreshJwt: string;
  /** PDS origin the session belongs to. */
  service: string;
  /** Fingerprint of the credentials that made it (a changed password invalidates it). */
  cred: string;
}

interface StoredAuth {
  session?: BlueskySession;
  loginFailure?: { at: number; cred: string };
}

/** FNV-1a of handle + password: enough to notice that credentials changed; not a secret. */
function fingerprint(handle: string, password: string): string {
  let h = 0x811c9dc5;
  const s = `${handle.toLowerCase()}\u0000${password}`;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

function serviceOrigin(raw: string | undefined): string | null {
  if (raw === undefined || raw.trim() === '') return BLUESKY_DEFAULT_SERVICE;
  try {
    const u = new URL(raw.trim());
    if (u.protocol !== 'https:' || u.username || u.password) return null;
    return u.origin;
  } catch {
    return null;
  }
}

const isStr = (v: unknown): v is string => typeof v === 'string' && v !== '' && v.length < 8192;

function readSession(v: unknown): BlueskySession | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const s = v as Record<string, unknown>;
  if (!isStr(s.did) || !isStr(s.handle) || !isStr(s.accessJwt) || !isStr(s.refreshJwt) || !isStr(s.service) || !isStr(s.cred))
    return undefined;
  return { did: s.did, handle: s.handle, accessJwt: s.accessJwt, refreshJwt: s.refreshJwt, service: s.service, cred: s.cred };
}

async function loadAuth(store: CrowdStore | undefined): Promise<StoredAuth> {
  if (!store) return {};
  try {
    const got = await store.get(BLUESKY_SESSION_KEY);
    const v = got?.[BLUESKY_SESSION_KEY] as Record<string, unknown> | undefined;
    if (!v || typeof v !== 'object') return {};
    const out: StoredAuth = {};
    const session = readSession(v.session);
    if (session) out.session = session;
    const f = v.loginFailure as { at?: unknown; cred?: unknown } | undefined;
    if (f && typeof f.at === 'number' && Number.isFinite(f.at) && isStr(f.cred)) out.loginFailure = { at: f.at, cred: f.cred };
    return out;
  } catch {
    return {};
  }
}

async function saveAuth(store: CrowdStore | undefined, auth: StoredAuth): Promise<void> {
  if (!store) return;
  try {
    await store.set({ [BLUESKY_SESSION_KEY]: auth });
  } catch {
    /* a session we cannot cache is still good for this query */
  }
}

/** Body of createSession / refreshSession → session, or null when it lacks the tokens. */
function sessionFrom(json: unknown, service: string, cred: string, fallbackHandle: string): BlueskySession | null {
  if (!json || typeof json !== 'object') return null;
  const j = json as Record<string, unknown>;
  if (!isStr(j.accessJwt) || !isStr(j.refreshJwt) || !isStr(j.did)) return null;
  return {
    did: j.did,
    handle: isStr(j.handle) ? j.handle : fallbackHandle,
    accessJwt: j.accessJwt,
    refreshJwt: j.refreshJwt,
    service,
    cred,
  };
}

export function searchPostsUrl(service: string, term: string, since: number, until: number, cursor: string | null): string {
  const params = new URLSearchParams({
    q: term,
    sort: 'latest',
    since: new Date(since).toISOString(),
    until: new Date(until).toISOString(),
    limit: String(BLUESKY_PAGE_LIMIT),
  });
  if (cursor) params.set('cursor', cursor);
  return `${service}/xrpc/app.bsky.feed.searchPosts?${params.toString()}`;
}

/** `app.bsky.feed.defs#postView` → Post (before the keyword filter), or null. */
export function postViewToPost(view: unknown): Post | null {
  if (!view || typeof view !== 'object') return null;
  const v = view as Record<string, unknown>;
  const uri = typeof v.uri === 'string' ? v.uri : '';
  const m = /^at:\/\/(did:[a-z0-9]+:[A-Za-z0-9._:%-]+)\/app\.bsky\.feed\.post\/([A-Za-z0-9._:~-]{1,512})$/.exec(uri);
  if (!m) return null;
  const author = v.author as Record<string, unknown> | undefined;
  const did = author && typeof author.did === 'string' ? author.did : m[1]!;
  const record = (v.record ?? {}) as Record<string, unknown>;
  const created = typeof record.createdAt === 'string' ? Date.parse(record.createdAt) : NaN;
  const indexed = typeof v.indexedAt === 'string' ? Date.parse(v.indexedAt) : NaN;
  // The search index sorts by "sortAt" (the earlier of the two): a post cannot claim the future.
  const at =
    Number.isFinite(created) && Number.isFinite(indexed) ? Math.min(created, indexed) : Number.isFinite(indexed) ? indexed : created;
  if (!Number.isFinite(at)) return null;
  const text = htmlToText(record.text, MAX_POST_TEXT);
  return {
    id: `bluesky:${uri}`,
    author: did.toLowerCase(),
    at,
    text,
    url: safeUrl(`https://bsky.app/profile/${m[1]}/post/${m[2]}`),
    source: 'bluesky',
  };
}

const isAuthFailure = (res: JsonResponse) =>
  !res.ok && (res.status === 401 || (res.status === 400 && (res.errorName === 'ExpiredToken' || res.errorName === 'InvalidToken')));

export const bluesky: ComplaintSource = {
  id: 'bluesky',
  label: 'Bluesky',
  keyless: false,
  defaultOn: false,
  async query(q: SourceQuery, deps: SourceDeps): Promise<QueryResult> {
    const cfg = deps.config?.bluesky;
    const handle = cfg?.handle?.trim().replace(/^@/, '') ?? '';
    const password = cfg?.appPassword ?? '';
    if (handle === '' || password === '')
      return { posts: [], status: { state: 'not_configured', message: BLUESKY_NOT_CONFIGURED }, requests: 0 };
    const service = serviceOrigin(cfg?.service);
    if (!service) {
      return { posts: [], status: { state: 'not_configured', message: 'Bluesky: the server address must be an https URL' }, requests: 0 };
    }
    const range = clampRange(q);
    const queries = searchQueries(q.terms, { hashtags: true, max: MAX_QUERIES });
    if (!range || queries.length === 0) return okResult([], 0);

    const cred = fingerprint(handle, password);
    const auth = await loadAuth(deps.store);
    let session = auth.session && auth.session.cred === cred && auth.session.service === service ? auth.session : null;
    let requests = 0;
    let loginsLeft = 1;
    let refreshesLeft = 1;

    const fail = (status: SourceStatus, posts: Post[] = []): QueryResult => ({ posts: sortPosts(posts), status, requests });

    const login = async (): Promise<SourceStatus | null> => {
      if (auth.loginFailure && auth.loginFailure.cred === cred && deps.now() - auth.loginFailure.at < LOGIN_RETRY_MS) {
        return {
          state: 'error',
          problem: {
            code: 'http',
            message: 'Bluesky: your handle or app password was not accepted (will retry in a while)',
            httpStatus: 401,
          },
        };
      }
      loginsLeft--;
      const res = await requestJson(
        { url: `${service}/xrpc/com.atproto.server.createSession`, method: 'POST', json: { identifier: handle, password } },
        deps,
        LABEL,
      );
      if (wasSent(res)) requests++;
      if (!res.ok) {
        if (res.status === 401 || (res.status === 400 && res.errorName === 'AuthenticationRequired')) {
          const next: StoredAuth = { loginFailure: { at: deps.now(), cred } };
          auth.session = undefined;
          auth.loginFailure = next.loginFailure;
          await saveAuth(deps.store, next);
          const needs2fa = res.errorName === 'AuthFactorTokenRequired';
          return {
            state: 'error',
            problem: {
              code: 'http',
              message: needs2fa
                ? 'Bluesky: this account asks for a sign-in code — use an app password instead'
                : 'Bluesky: your handle or app password was not accepted',
              httpStatus: res.status ?? 401,
            },
          };
        }
        return statusOf(res);
      }
      const s = sessionFrom(res.json, service, cred, handle);
      if (!s) return { state: 'error', problem: { code: 'schema', message: 'Bluesky: the login answer had no session tokens' } };
      session = s;
      await saveAuth(deps.store, { session: s });
      return null;
    };

    const refresh = async (): Promise<boolean> => {
      if (!session) return false;
      refreshesLeft--;
      const res = await requestJson(
        {
          url: `${service}/xrpc/com.atproto.server.refreshSession`,
          method: 'POST',
          headers: { Authorization: `Bearer ${session.refreshJwt}` },
        },
        deps,
        LABEL,
      );
      if (wasSent(res)) requests++;
      if (!res.ok) return false;
      const s = sessionFrom(res.json, service, cred, session.handle);
      if (!s) return false;
      session = s;
      await saveAuth(deps.store, { session: s });
      return true;
    };

    if (!session) {
      const st = await login();
      if (st) return fail(st);
    }

    const posts: Post[] = [];
    let coveredFrom = range.since;
    const maxPages = pagesOf(q);
    for (const term of queries) {
      let cursor: string | null = null;
      for (let page = 0; page < maxPages; page++) {
        let res: JsonResponse;
        for (;;) {
          res = await requestJson(
            {
              url: searchPostsUrl(service, term, range.since, range.until, cursor),
              headers: { Authorization: `Bearer ${session!.accessJwt}` },
            },
            deps,
            LABEL,
          );
          if (wasSent(res)) requests++;
          if (!isAuthFailure(res)) break;
          // Expired or revoked access token: refresh once, else log in again once.
          if (refreshesLeft > 0 && res.ok === false && res.errorName !== 'InvalidToken' && (await refresh())) continue;
          if (loginsLeft > 0) {
            session = null;
            await saveAuth(deps.store, {});
            const st = await login();
            if (st) return fail(st, posts);
            continue;
          }
          break;
        }
        if (!res.ok) {
          if (res.status === 403) {
            return fail(
              {
                state: 'error',
                problem: {
                  code: 'http',
                  message: 'Bluesky refused the search (HTTP 403) — search may be disabled for this server',
                  httpStatus: 403,
                },
              },
              posts,
            );
          }
          return fail(statusOf(res), posts);
        }
        const body = res.json as { posts?: unknown; cursor?: unknown } | null;
        if (!body || typeof body !== 'object' || !Array.isArray(body.posts)) {
          return fail({ state: 'error', problem: { code: 'schema', message: 'Bluesky answered without a list of posts' } }, posts);
        }
        let oldest = Infinity;
        for (const v of body.posts) {
          const p = postViewToPost(v);
          if (!p) continue;
          oldest = Math.min(oldest, p.at);
          if (p.at < range.since || p.at >= range.until) continue;
          if (matchComplaint(p.text, q.terms).complaint) posts.push(p);
        }
        const next = typeof body.cursor === 'string' && body.cursor !== '' && body.cursor.length < 1024 ? body.cursor : null;
        const more = next !== null && body.posts.length >= BLUESKY_PAGE_LIMIT && oldest >= range.since;
        if (!more) break;
        if (page + 1 >= maxPages) {
          if (Number.isFinite(oldest)) coveredFrom = Math.max(coveredFrom, oldest);
          break;
        }
        cursor = next;
      }
    }
    return okResult(posts, requests, { coverage: { from: coveredFrom, until: range.until } });
  },
};
