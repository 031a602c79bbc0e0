/**
 * The one interface every public-complaint source implements, and the plumbing they share.
 *
 * A source answers: "which public posts in [since, until) complain that this service is down?".
 * It receives only the service's search terms (from the catalog) and a time range — never a URL or
 * hostname the person visited — and returns posts that passed the keyword filter
 * (core/crowd/keywords.ts). Sources never throw; every failure is a `SourceStatus`.
 *
 * Everything a source touches is injected (`SourceDeps`): the fetch (always through
 * `core/net/fetch.ts`), the clock, the person's credentials, the hourly request budget and, for
 * Bluesky, a small key/value store for the login session.
 */
import type { Problem } from '../model';
import type { FetchDeps } from '../net/fetch';
import type { BudgetGate } from './budget';
import { matchComplaint } from './keywords';

/**
 * `browsers`: failure counts other installs shared through a relay (core/relay/, relay/) — never
 * queried by the extension itself; it arrives with the relay's answer.
 */
export const SOURCE_IDS = ['hn', 'mastodon', 'bluesky', 'isdown', 'browsers'] as const;
export type SourceId = (typeof SOURCE_IDS)[number];

/** Names for people. */
export const SOURCE_LABELS: Readonly<Record<SourceId, string>> = Object.freeze({
  hn: 'Hacker News',
  mastodon: 'Mastodon',
  bluesky: 'Bluesky',
  isdown: 'IsDown',
  browsers: 'Browsers (relay)',
});

export interface Post {
  /** Unique across sources: `<source>:<native id>` (Mastodon: the status `uri`, Bluesky: the at-uri). */
  id: string;
  /** Normalised author identity used for distinct-author counting (HN user, `user@instance`, Bluesky DID). */
  author: string;
  /** Epoch ms. */
  at: number;
  /** Plain text (markup already converted by htmlToText), bounded in length. */
  text: string;
  /** Link for humans (http/https only), or null. */
  url: string | null;
  source: SourceId;
}

export interface SourceQuery {
  /** The service's search terms (catalog `searchTerms`, see `termsForService`). Nothing else is sent. */
  terms: string[];
  /** Epoch ms, inclusive. */
  since: number;
  /** Epoch ms, exclusive. */
  until: number;
  now: number;
  /**
   * Most result pages to read per request series (per term, per instance). Default 1 for polling;
   * backfill passes more.
   */
  maxPages?: number;
  /**
   * IsDown only: the service's IsDown slug when known (catalog data, never a hostname). Without it
   * IsDown slugs are derived from the terms.
   */
  slug?: string;
}

export type SourceStatus =
  | { state: 'ok' }
  | { state: 'not_configured'; message: string }
  | { state: 'error'; problem: Problem; retryAfterMs?: number }
  | { state: 'rate_limited'; message: string; retryAfterMs: number };

/** A crowd-detected incident reported by a third party (IsDown's "Users reports spike"). */
export interface CrowdIncident {
  id: string;
  title: string;
  /** Epoch ms. */
  createdAt: number;
  /** Epoch ms, or null while open. */
  resolvedAt: number | null;
  open: boolean;
  url: string | null;
  source: SourceId;
}

export interface QueryResult {
  /** Posts that passed the keyword filter, deduplicated by id, newest first. */
  posts: Post[];
  status: SourceStatus;
  /** HTTP requests made (including login/refresh). */
  requests: number;
  /**
   * Partial problems that did not fail the whole query, in words for a person
   * (e.g. "Mastodon: hachyderm.io requires login").
   */
  notes?: string[];
  /**
   * The part of [since, until) the posts cover completely. `from > since` when paging stopped
   * before reaching `since` (page limit); absent when nothing could be read.
   */
  coverage?: { from: number; until: number };
  /** IsDown: crowd incidents (feed these to detectSpike through `opts.external`). */
  crowdIncidents?: CrowdIncident[];
}

export interface ComplaintSource {
  id: SourceId;
  label: string;
  keyless: boolean;
  defaultOn: boolean;
  query(q: SourceQuery, deps: SourceDeps): Promise<QueryResult>;
}

/** Credentials and per-source settings. Credentials live in storage.local, never sync. */
export interface SourceConfig {
  mastodon?: { instances?: string[] };
  bluesky?: { handle: string; appPassword: string; /** PDS origin, default https://bsky.social */ service?: string };
  isdown?: { apiKey: string };
}

/**
 * A key/value area shaped like `browser.storage.local` (get returns an object of the found keys).
 * Used for the Bluesky session; values are validated when read.
 */
export interface CrowdStore {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export interface SourceDeps extends FetchDeps {
  config?: SourceConfig;
  /** The hourly request budget for this source; when absent only the per-query page caps bound requests. */
  budget?: BudgetGate;
  /** Where the Bluesky session is cached (storage.local). Without it a session lasts one query. */
  store?: CrowdStore;
  /** Per-request deadline; default that of core/net/fetch.ts. */
  timeoutMs?: number;
}

/** Retry-After used when a source says 429 without saying for how long. */
export const DEFAULT_RATE_LIMIT_MS = 10 * 60 * 1000;

/** Longest text kept per post (enough for the keyword filter and a preview). */
export const MAX_POST_TEXT = 2000;

// ---------------------------------------------------------------------------------------------
// Terms

const MAX_TERMS = 8;
const MAX_TERM_LENGTH = 64;

/**
 * Clean a term list before anything is sent: trimmed, whitespace folded, lower-cased, deduplicated,
 * at most 8. Anything that looks like a URL or path (`://`, `/`, `?`, `@`, `=`, `&`, control
 * characters) is dropped: only names and hashtags may leave the device.
 */
export function sanitizeTerms(terms: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const t of terms) {
    if (typeof t !== 'string') continue;
    const s = t.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
    if (s === '' || s === '#' || s.length > MAX_TERM_LENGTH) continue;
    // eslint-disable-next-line no-control-regex
    if (/[/\\?@=&%<>"`\u0000-\u001f\u007f]|:\/\//.test(s)) continue;
    if (!out.includes(s)) out.push(s);
    if (out.length >= MAX_TERMS) break;
  }
  return out;
}

/** A catalog entry's search terms (its `searchTerms`, else its name), sanitised. */
export function termsForService(service: { name: string; searchTerms?: readonly string[] | undefined }): string[] {
  const fromCatalog = sanitizeTerms(service.searchTerms ?? []);
  return fromCatalog.length > 0 ? fromCatalog : sanitizeTerms([service.name]);
}

/** Words of a term, for subsumption: "npm registry" → ["npm", "registry"], "claude.ai" → ["claude", "ai"]. */
function wordsOf(term: string): string[] {
  return term
    .replace(/^#/, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

/**
 * The fewest full-text queries that cover the terms: a term whose words include all the words of
 * another term is dropped ("github down" is covered by "github"). Hashtag terms are kept only when
 * `hashtags` is true. At most `max`.
 */
export function searchQueries(terms: readonly string[], opts: { hashtags: boolean; max: number }): string[] {
  const clean = sanitizeTerms(terms).filter((t) => opts.hashtags || !t.startsWith('#'));
  const kept: string[] = [];
  for (const t of clean) {
    const words = wordsOf(t);
    if (words.length === 0) continue;
    const covered = clean.some((o) => {
      if (o === t || o.startsWith('#') !== t.startsWith('#')) return false;
      const ow = wordsOf(o);
      if (ow.length === 0 || ow.length >= words.length) return false;
      return ow.every((w) => words.includes(w));
    });
    if (!covered) kept.push(t);
  }
  return kept.slice(0, Math.max(0, opts.max));
}

// ---------------------------------------------------------------------------------------------
// Results

export function okResult(posts: Post[], requests: number, extra: Partial<QueryResult> = {}): QueryResult {
  return { posts: sortPosts(posts), status: { state: 'ok' }, requests, ...extra };
}

/**
 * One page of a search answer into `posts`: each item that reads as a post, falls in `range` and is a
 * complaint about `terms` is kept. Returns the oldest post time on the page, kept or not (Infinity for
 * none): a search that pages backwards in time stops, or claims coverage, from it.
 */
export function collectComplaints<T>(
  items: readonly T[],
  toPost: (item: T) => Post | null,
  range: { since: number; until: number },
  terms: readonly string[],
  posts: Post[],
): number {
  let oldest = Infinity;
  for (const item of items) {
    const p = toPost(item);
    if (!p) continue;
    oldest = Math.min(oldest, p.at);
    if (p.at >= range.since && p.at < range.until && matchComplaint(p.text, terms).complaint) posts.push(p);
  }
  return oldest;
}

/** Newest first, then id, deduplicated by id. */
export function sortPosts(posts: readonly Post[]): Post[] {
  const seen = new Map<string, Post>();
  for (const p of posts) if (!seen.has(p.id)) seen.set(p.id, p);
  return [...seen.values()].sort((a, b) => b.at - a.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Clamp a query's range to sane values: until ≤ now, since < until. */
export function clampRange(q: SourceQuery): { since: number; until: number } | null {
  if (!Number.isFinite(q.since) || !Number.isFinite(q.until) || !Number.isFinite(q.now)) return null;
  const until = Math.min(q.until, q.now + 60_000);
  if (q.since >= until) return null;
  return { since: q.since, until };
}

export function pagesOf(q: SourceQuery, fallback = 1, cap = 20): number {
  const n = q.maxPages;
  return typeof n === 'number' && Number.isFinite(n) && n >= 1 ? Math.min(Math.floor(n), cap) : fallback;
}
