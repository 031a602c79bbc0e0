/**
 * Hacker News through Algolia's public search (keyless, CORS-open, 10 000 requests/hour/IP).
 *
 *   GET https://hn.algolia.com/api/v1/search_by_date?query=<term>&tags=(story,comment)
 *       &numericFilters=created_at_i>=<since s>,created_at_i<<until s>&hitsPerPage=<n>&page=<p>
 *
 * Envelope `{hits, nbHits, page, nbPages, hitsPerPage}`; a story hit carries `title` and
 * `story_text` (HTML), a comment hit `comment_text` (HTML); both `author`, `created_at_i`
 * (epoch s) and `objectID`. One request per search query (terms covered by a shorter term are
 * skipped; hashtags mean nothing on HN), newest first, paged only when asked (backfill).
 */
import { htmlToText } from '../text';
import { requestJson, statusOf, wasSent } from './http';
import { matchComplaint } from './keywords';
import type { ComplaintSource, Post, QueryResult, SourceDeps, SourceQuery } from './source';
import { clampRange, MAX_POST_TEXT, okResult, pagesOf, searchQueries, sortPosts } from './source';

export const HN_ENDPOINT = 'https://hn.algolia.com/api/v1/search_by_date';
const LABEL = 'Hacker News search';
/** Hits per page when polling a 15-minute window; backfill windows of a day use the maximum. */
export const HN_HITS_PER_PAGE = 100;
export const HN_MAX_QUERIES = 3;
/** 1000 hits with highlight data can pass 2 MiB; still bounded. */
const HN_MAX_BYTES = 8 * 1024 * 1024;

export function hnSearchUrl(term: string, since: number, until: number, page: number, hitsPerPage: number): string {
  const params = new URLSearchParams({
    query: term,
    tags: '(story,comment)',
    numericFilters: `created_at_i>=${Math.floor(since / 1000)},created_at_i<${Math.ceil(until / 1000)}`,
    hitsPerPage: String(hitsPerPage),
    page: String(page),
  });
  return `${HN_ENDPOINT}?${params.toString()}`;
}

/** One Algolia hit → Post (before the keyword filter), or null when it lacks what we need. */
export function hnHitToPost(hit: unknown): Post | null {
  if (!hit || typeof hit !== 'object') return null;
  const h = hit as Record<string, unknown>;
  const id = typeof h.objectID === 'string' ? h.objectID : typeof h.objectID === 'number' ? String(h.objectID) : null;
  const author = typeof h.author === 'string' ? h.author.trim() : '';
  if (!id || !/^[0-9]{1,12}$/.test(id) || author === '') return null;
  let at = typeof h.created_at_i === 'number' && Number.isFinite(h.created_at_i) ? h.created_at_i * 1000 : NaN;
  if (!Number.isFinite(at) && typeof h.created_at === 'string') at = Date.parse(h.created_at);
  if (!Number.isFinite(at)) return null;
  const tags = Array.isArray(h._tags) ? h._tags.filter((t): t is string => typeof t === 'string') : [];
  const isComment = tags.includes('comment') || (typeof h.comment_text === 'string' && h.comment_text !== '');
  const parts = isComment
    ? [htmlToText(h.comment_text, MAX_POST_TEXT)]
    : [htmlToText(h.title, 500), htmlToText(h.story_text, MAX_POST_TEXT)];
  const text = parts
    .filter((p) => p !== '')
    .join('\n')
    .slice(0, MAX_POST_TEXT);
  return { id: `hn:${id}`, author: author.slice(0, 64), at, text, url: `https://news.ycombinator.com/item?id=${id}`, source: 'hn' };
}

export const hackerNews: ComplaintSource = {
  id: 'hn',
  label: 'Hacker News',
  keyless: true,
  defaultOn: true,
  async query(q: SourceQuery, deps: SourceDeps): Promise<QueryResult> {
    const range = clampRange(q);
    const queries = searchQueries(q.terms, { hashtags: false, max: HN_MAX_QUERIES });
    if (!range || queries.length === 0) return okResult([], 0);
    const maxPages = pagesOf(q);
    const hitsPerPage = maxPages > 1 ? 1000 : HN_HITS_PER_PAGE;
    const posts: Post[] = [];
    let requests = 0;
    let coveredFrom = range.since;

    for (const term of queries) {
      for (let page = 0; page < maxPages; page++) {
        const res = await requestJson(
          { url: hnSearchUrl(term, range.since, range.until, page, hitsPerPage), maxBytes: HN_MAX_BYTES },
          deps,
          LABEL,
        );
        if (wasSent(res)) requests++;
        // Partial posts are kept (adding them is idempotent); no coverage is claimed.
        if (!res.ok) return { posts: sortPosts(posts), status: statusOf(res), requests };
        const body = res.json as { hits?: unknown; nbPages?: unknown } | null;
        if (!body || typeof body !== 'object' || !Array.isArray(body.hits)) {
          return {
            posts: [],
            status: { state: 'error', problem: { code: 'schema', message: `${LABEL} answered without a list of hits` } },
            requests,
          };
        }
        let oldest = Infinity;
        for (const hit of body.hits) {
          const p = hnHitToPost(hit);
          if (!p) continue;
          oldest = Math.min(oldest, p.at);
          if (p.at < range.since || p.at >= range.until) continue;
          if (matchComplaint(p.text, q.terms).complaint) posts.push(p);
        }
        const nbPages = typeof body.nbPages === 'number' ? body.nbPages : 0;
        const more = page + 1 < nbPages && body.hits.length > 0;
        if (!more) break;
        if (page + 1 >= maxPages) {
          // Stopped by our page limit: complete only from the oldest hit we saw.
          if (Number.isFinite(oldest)) coveredFrom = Math.max(coveredFrom, oldest);
        }
      }
    }
    return okResult(posts, requests, { coverage: { from: coveredFrom, until: range.until } });
  },
};
