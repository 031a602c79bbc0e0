/**
 * Mastodon hashtag timelines (keyless on most instances).
 *
 *   GET https://<instance>/api/v1/timelines/tag/<tag>?limit=40&any[]=<tag2>&any[]=<tag3>…
 *
 * One request per instance covers up to four tags (`any[]` ORs extra tags with the path tag;
 * Mastodon applies at most four). Tags come from the search terms: catalog hashtags first
 * (#githubdown), then one-word names (#github); domain-like terms (x.com) make no tag.
 * Instances that disabled public hashtag feeds answer 401/403/422 (or an empty list): that
 * instance is noted ("Mastodon: <instance> requires login") and the others still count. The same
 * status federated to several instances is one post (deduplicated by its ActivityPub `uri`); its
 * author is `acct` made absolute (`user@instance`). `content` is HTML and goes through htmlToText.
 *
 * Mastodon cannot search by time: newer statuses come first and older ones are reached with
 * `max_id` paging, bounded by `maxPages`.
 */
import { htmlToText, safeUrl } from '../text';
import type { JsonFailure } from './http';
import { requestJson, wasSent } from './http';
import { matchComplaint } from './keywords';
import type { ComplaintSource, Post, QueryResult, SourceDeps, SourceQuery } from './source';
import { clampRange, DEFAULT_RATE_LIMIT_MS, MAX_POST_TEXT, okResult, pagesOf, sanitizeTerms, sortPosts } from './source';

export const DEFAULT_INSTANCES = ['mastodon.social', 'fosstodon.org', 'hachyderm.io'] as const;
export const MASTODON_PAGE_LIMIT = 40;
const MAX_INSTANCES = 6;
const MAX_TAGS = 4;
const HOST = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

/** Hashtags to follow for these terms: catalog hashtags first, then single-word names; at most 4. */
export function tagsForTerms(terms: readonly string[]): string[] {
  const clean = sanitizeTerms(terms);
  const tagOf = (t: string) => t.replace(/^#/, '').replace(/[\s_-]+/g, '');
  const hashtags = clean.filter((t) => t.startsWith('#')).map(tagOf);
  // A plain term makes a tag only when it is letters/digits (and spaces): "prime video" → primevideo,
  // but "x.com" or "c.ai" do not (#xcom is another community entirely).
  const names = clean.filter((t) => !t.startsWith('#') && /^[\p{L}\p{N} ]+$/u.test(t)).map(tagOf);
  const out: string[] = [];
  for (const t of [...hashtags, ...names]) {
    if (/^[\p{L}\p{N}_]{2,64}$/u.test(t) && !out.includes(t)) out.push(t);
  }
  return out.slice(0, MAX_TAGS);
}

export function instancesOf(deps: SourceDeps): string[] {
  const raw = deps.config?.mastodon?.instances ?? [...DEFAULT_INSTANCES];
  const out: string[] = [];
  for (const i of raw) {
    if (typeof i !== 'string') continue;
    const h = i
      .trim()
      .toLowerCase()
      .replace(/^https:\/\//, '')
      .replace(/\/+$/, '');
    if (HOST.test(h) && !out.includes(h)) out.push(h);
  }
  return out.slice(0, MAX_INSTANCES);
}

export function tagTimelineUrl(instance: string, tags: readonly string[], maxId: string | null): string {
  const [main, ...rest] = tags;
  const params = new URLSearchParams({ limit: String(MASTODON_PAGE_LIMIT) });
  for (const t of rest) params.append('any[]', t);
  if (maxId) params.set('max_id', maxId);
  return `https://${instance}/api/v1/timelines/tag/${encodeURIComponent(main ?? '')}?${params.toString()}`;
}

/** `acct` is "user" for accounts local to the instance that answered and "user@domain" otherwise. */
export function normaliseAcct(acct: string, instance: string): string | null {
  const a = acct.trim().replace(/^@/, '').toLowerCase();
  if (a === '' || /\s/.test(a)) return null;
  const at = a.indexOf('@');
  if (at === -1) return `${a}@${instance}`;
  if (at === 0 || at === a.length - 1 || a.indexOf('@', at + 1) !== -1) return null;
  return a;
}

/** One status entity → Post (before the keyword filter), or null. Reblogs are skipped. */
export function statusToPost(status: unknown, instance: string): Post | null {
  if (!status || typeof status !== 'object') return null;
  const s = status as Record<string, unknown>;
  if (s.reblog != null) return null;
  const account = s.account as Record<string, unknown> | null | undefined;
  const acct = account && typeof account.acct === 'string' ? normaliseAcct(account.acct, instance) : null;
  if (!acct) return null;
  const at = typeof s.created_at === 'string' ? Date.parse(s.created_at) : NaN;
  if (!Number.isFinite(at)) return null;
  const uri = typeof s.uri === 'string' && s.uri !== '' ? s.uri : null;
  const localId = typeof s.id === 'string' && s.id !== '' ? s.id : null;
  const key = uri ?? (localId ? `https://${instance}/statuses/${localId}` : null);
  if (!key || key.length > 1024) return null;
  const spoiler = htmlToText(s.spoiler_text, 500);
  const body = htmlToText(s.content, MAX_POST_TEXT);
  const text = [spoiler, body]
    .filter((x) => x !== '')
    .join('\n')
    .slice(0, MAX_POST_TEXT);
  return { id: `mastodon:${key}`, author: acct, at, text, url: safeUrl(s.url) ?? safeUrl(uri), source: 'mastodon' };
}

interface InstanceOutcome {
  posts: Post[];
  requests: number;
  /** Complete from this time (the oldest status reached, when paging stopped early). */
  coveredFrom: number | null;
  failure?: { kind: 'login' | 'rate_limited' | 'budget' | 'error'; note: string; retryAfterMs?: number; res?: JsonFailure };
}

async function readInstance(
  instance: string,
  tags: string[],
  range: { since: number; until: number },
  maxPages: number,
  deps: SourceDeps,
): Promise<InstanceOutcome> {
  const posts: Post[] = [];
  let requests = 0;
  let maxId: string | null = null;
  let coveredFrom: number | null = range.since;
  const label = `Mastodon (${instance})`;
  for (let page = 0; page < maxPages; page++) {
    const res = await requestJson({ url: tagTimelineUrl(instance, tags, maxId) }, deps, label);
    if (wasSent(res)) requests++;
    if (!res.ok) {
      const partial = { posts, requests, coveredFrom: null };
      if (res.budget)
        return {
          ...partial,
          failure: { kind: 'budget', note: res.problem.message, retryAfterMs: res.retryAfterMs ?? DEFAULT_RATE_LIMIT_MS, res },
        };
      if (res.status === 401 || res.status === 403 || res.status === 422) {
        return { ...partial, failure: { kind: 'login', note: `Mastodon: ${instance} requires login`, res } };
      }
      if (res.status === 429) {
        return {
          ...partial,
          failure: {
            kind: 'rate_limited',
            note: `Mastodon: ${instance} asked us to slow down`,
            retryAfterMs: res.retryAfterMs ?? DEFAULT_RATE_LIMIT_MS,
            res,
          },
        };
      }
      return {
        ...partial,
        failure: {
          kind: 'error',
          note: `Mastodon: ${instance}: ${res.problem.message.replace(`${label} `, '').replace(`${label}: `, '')}`,
          res,
        },
      };
    }
    if (!Array.isArray(res.json)) {
      return {
        posts,
        requests,
        coveredFrom: null,
        failure: { kind: 'error', note: `Mastodon: ${instance} answered without a list of statuses` },
      };
    }
    const list = res.json as unknown[];
    let oldest = Infinity;
    let lastId: string | null = null;
    for (const item of list) {
      const id = item && typeof item === 'object' ? (item as { id?: unknown }).id : undefined;
      if (typeof id === 'string' && /^[0-9A-Za-z_-]{1,64}$/.test(id)) lastId = id;
      const p = statusToPost(item, instance);
      if (!p) continue;
      oldest = Math.min(oldest, p.at);
      if (p.at >= range.since && p.at < range.until) posts.push(p);
    }
    const full = list.length >= MASTODON_PAGE_LIMIT;
    if (!full || oldest < range.since || lastId === null) break;
    if (page + 1 >= maxPages) coveredFrom = Number.isFinite(oldest) ? Math.max(range.since, oldest) : null;
    maxId = lastId;
  }
  return { posts, requests, coveredFrom };
}

export const mastodon: ComplaintSource = {
  id: 'mastodon',
  label: 'Mastodon',
  keyless: true,
  defaultOn: true,
  async query(q: SourceQuery, deps: SourceDeps): Promise<QueryResult> {
    const range = clampRange(q);
    const tags = tagsForTerms(q.terms);
    const instances = instancesOf(deps);
    if (!range || tags.length === 0 || instances.length === 0) return okResult([], 0);
    const maxPages = pagesOf(q);

    // Instances are independent hosts: ask them in parallel (each its own budget charge).
    const outcomes = await Promise.all(instances.map((i) => readInstance(i, tags, range, maxPages, deps)));
    const requests = outcomes.reduce((n, o) => n + o.requests, 0);
    const all = outcomes.flatMap((o) => o.posts).filter((p) => matchComplaint(p.text, q.terms).complaint);
    const posts = sortPosts(all); // dedupe across instances by uri-based id
    const notes = outcomes.flatMap((o) => (o.failure ? [o.failure.note] : []));
    const okOnes = outcomes.filter((o) => !o.failure);

    if (okOnes.length > 0) {
      const from = Math.max(range.since, ...okOnes.map((o) => o.coveredFrom ?? range.since));
      const extra: Partial<QueryResult> = { coverage: { from, until: range.until } };
      if (notes.length > 0) extra.notes = notes;
      return okResult(posts, requests, extra);
    }
    // Nothing answered.
    const failures = outcomes.map((o) => o.failure!);
    const withNotes = (r: QueryResult): QueryResult => (notes.length > 0 ? { ...r, notes } : r);
    if (failures.every((f) => f.kind === 'rate_limited' || f.kind === 'budget')) {
      const retryAfterMs = Math.max(...failures.map((f) => f.retryAfterMs ?? DEFAULT_RATE_LIMIT_MS));
      const message = failures.some((f) => f.kind === 'budget')
        ? failures.find((f) => f.kind === 'budget')!.note
        : 'Mastodon: every instance asked us to slow down';
      return withNotes({ posts, status: { state: 'rate_limited', message, retryAfterMs }, requests });
    }
    if (failures.every((f) => f.kind === 'login')) {
      const names = instances.join(', ');
      return withNotes({
        posts,
        status: {
          state: 'error',
          problem: {
            code: 'http',
            message: `Mastodon: ${names} ${instances.length === 1 ? 'requires' : 'require'} login for hashtag timelines`,
          },
        },
        requests,
      });
    }
    const first = failures.find((f) => f.kind === 'error') ?? failures[0]!;
    return withNotes({
      posts,
      status: { state: 'error', problem: first.res?.problem ?? { code: 'schema', message: first.note } },
      requests,
    });
  },
};
