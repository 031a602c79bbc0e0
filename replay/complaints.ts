/**
 * Complaint series for the simulated week (./soak.ts), read by the worker through its real
 * complaint path: the Hacker News source (core/crowd/hn.ts) asks Algolia's `search_by_date` for
 * the service's search term, and this fake answers with the posts of the series that fall in the
 * asked range and were already written at the worker's clock — hits in the shape of the real
 * capture (test/fixtures/complaints/hn_algolia_comment_hit_probe_2026-09-05.json, with a
 * `comment_text`, as the live API returns it).
 *
 * There is no real record of complaints here, so the series are invented (and said to be):
 * everyday grumbling on every service (about one post a day, from the week before the soak on, so
 * the 7-day baseline exists), and bursts — 8 to 15 people within 40 minutes — starting 5 to 20
 * minutes before the first post of some incidents (evidence first), and on a few services with no
 * incident at all (`unacknowledged`).
 */
import type { Service } from '../core/catalog/catalog';
import { HN_ENDPOINT } from '../core/crowd/hn';
import type { FetchStats } from '../bench/fake-fetch';
import { MINUTE } from './replay';
import type { RecordIncident } from './record';

export interface ComplaintPost {
  id: number;
  author: string;
  at: number;
  text: string;
}

export interface Series {
  serviceId: string;
  term: string;
  posts: ComplaintPost[];
  /** Bursts: when they start, and whether an incident's first post follows. */
  bursts: { from: number; before: boolean }[];
}

const DAY = 24 * 60 * MINUTE;
let nextId = 30_000_000;

const GRUMBLES = ['is {t} slow today for anyone?', '{t} giving me errors again', 'anyone else having issues with {t} right now?'];
const BURST = [
  'is {t} down?',
  '{t} down for everyone?',
  '{t} not working here',
  '{t} is broken again',
  'getting a 503 from {t}, is it down',
];

export function complaintSeries(service: Service, record: readonly RecordIncident[], from: number, to: number, rand: () => number): Series {
  const term = service.searchTerms![0]!;
  const posts: ComplaintPost[] = [];
  const say = (pool: string[], at: number, author: string) =>
    posts.push({ id: nextId++, author, at, text: pool[Math.floor(rand() * pool.length)]!.replace('{t}', term) });
  // Everyday grumbling: about one post a day, each by someone different.
  for (let at = from + rand() * DAY; at < to; at += DAY * (0.5 + rand())) say(GRUMBLES, Math.floor(at), `user${Math.floor(rand() * 1e6)}`);
  const bursts: Series['bursts'] = [];
  const burst = (start: number, before: boolean) => {
    bursts.push({ from: start, before });
    const people = 8 + Math.floor(rand() * 8);
    for (let k = 0; k < people; k++) say(BURST, start + Math.floor(rand() * 40 * MINUTE), `angry${Math.floor(rand() * 1e6)}`);
  };
  for (const i of record) if (rand() < 0.4) burst(i.createdAt - (5 + Math.floor(rand() * 16)) * MINUTE, true);
  if (rand() < 0.05) burst(from + 7 * DAY + Math.floor(rand() * (to - from - 7 * DAY - 2 * 60 * MINUTE)), false);
  posts.sort((a, b) => a.at - b.at);
  return { serviceId: service.id, term, posts, bursts };
}

/** An Algolia hit for a post, in the real API's shape. */
function hit(p: ComplaintPost) {
  return {
    _tags: ['comment', `author_${p.author}`, 'story_30000000'],
    author: p.author,
    comment_text: p.text,
    created_at: new Date(p.at).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    created_at_i: Math.floor(p.at / 1000),
    objectID: String(p.id),
    parent_id: 30000000,
    story_id: 30000000,
    story_title: 'Ask HN: Status',
    updated_at: new Date(p.at).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
}

/** `fetch` that answers Hacker News searches from the series (posts written by `now()` only) and the rest from `inner`. */
export function withComplaints(
  inner: typeof globalThis.fetch,
  series: readonly Series[],
  now: () => number,
  stats: FetchStats,
): typeof globalThis.fetch {
  const byTerm = new Map(series.map((s) => [s.term.toLowerCase(), s]));
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith(HN_ENDPOINT)) return inner(input, init);
    const q = new URL(url).searchParams;
    const range = /created_at_i>=(\d+),created_at_i<(\d+)/.exec(q.get('numericFilters') ?? '');
    const since = range ? Number(range[1]) * 1000 : 0;
    const until = Math.min(range ? Number(range[2]) * 1000 : Infinity, now() + 1);
    const s = byTerm.get((q.get('query') ?? '').toLowerCase());
    const hits = (s?.posts ?? [])
      .filter((p) => p.at >= since && p.at < until)
      .reverse()
      .map(hit);
    stats.requests++;
    stats.byStatus.set(200, (stats.byStatus.get(200) ?? 0) + 1);
    const body = JSON.stringify({ hits, nbHits: hits.length, page: 0, nbPages: 1, hitsPerPage: Number(q.get('hitsPerPage') ?? 100) });
    return new Response(body, { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } });
  }) as typeof globalThis.fetch;
}
