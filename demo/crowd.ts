/**
 * The complaint sources of the simulated internet: Hacker News search (Algolia, `hn.algolia.com`)
 * and Mastodon hashtag timelines, answering the requests core/crowd/hn.ts and core/crowd/mastodon.ts
 * make, with the real response shapes of test/fixtures/complaints/.
 *
 * Posts are GENERATED (no real week of complaints about a service exists as a fixture): each post
 * is a clone of a real object — an Algolia story hit or comment hit, a Mastodon Status entity —
 * with a new id, author, time and text. Per service and source a scenario decides the corpus:
 *   - crowd-quiet: a plausible quiet week — 3 to 5 posts a day by different people, at least 45 min
 *     apart, about half of them mild complaints ("anyone else having issues with Discord today?"),
 *     the rest ordinary mentions; it runs from 7 days before the scenario was set to 2 days after;
 *   - crowd-spike: the same quiet week PLUS a burst: from 20 min before the scenario was set, a new
 *     person complains every 40 s ("Is Discord down for anyone right now?", "Discord not working for
 *     me"…) for 3 h 20 min (the outage goes on while the demo runs), each a distinct author;
 *   - crowd-none: nothing at all.
 * A post is only ever served once its time has come (the server's clock), so "now" moves naturally.
 *
 * Requests are mapped back to services by their search terms: HN's `query` must equal one of a
 * service's catalog search terms (sanitised, as core/crowd/source.ts sends them) and a hit must
 * contain every word of the query; a Mastodon tag matches a service when it is one of the tags
 * core/crowd/mastodon.ts derives from that service's terms, and a status is returned for the tags it
 * carries. Query parameters are honoured as the real APIs do (see `hnSearch` and `mastodonTimeline`).
 */
import { htmlToText } from '../core/text';
import { DAY, MIN, complaintJson, escapeHtml, hash32, rng, type FeedResponse, type Json, type Obj } from './kit';

export const CROWD_SCENARIO_NAMES = ['crowd-quiet', 'crowd-spike', 'crowd-none'] as const;
export type CrowdScenarioName = (typeof CROWD_SCENARIO_NAMES)[number];
export const CROWD_SOURCES = ['hn', 'mastodon'] as const;
export type CrowdSource = (typeof CROWD_SOURCES)[number];

export const CROWD_DESCRIPTIONS: Record<CrowdScenarioName, string> = {
  'crowd-quiet': 'complaints: a quiet week (3–5 posts a day by different people, no burst)',
  'crowd-spike': 'complaints: the quiet week plus a burst — a new person every 40 s since 20 min before it was set',
  'crowd-none': 'complaints: no posts at all',
};

/** Burst shape (crowd-spike). */
export const BURST = Object.freeze({ startsBeforeMs: 20 * MIN, everyMs: 40_000, lastsMs: 200 * MIN });
/** Quiet-week shape. */
export const QUIET = Object.freeze({ daysBefore: 7, daysAfter: 2, minPerDay: 3, maxPerDay: 5, minGapMs: 45 * MIN });

export const HN_HOST = 'hn.algolia.com';
/** Mastodon instances the simulated internet runs, and whether their hashtag timelines need a login. */
export const MASTODON_INSTANCES: Readonly<Record<string, 'open' | 'login'>> = Object.freeze({
  'mastodon.social': 'open',
  'fosstodon.org': 'open',
  'hachyderm.io': 'login',
  'mas.to': 'open',
  'infosec.exchange': 'open',
  'mstdn.social': 'open',
});
const HOME_INSTANCES = Object.keys(MASTODON_INSTANCES);

export interface CrowdService {
  id: string;
  name: string;
  /** Sanitised catalog search terms (core/crowd/source.ts `termsForService`). */
  terms: string[];
  /** Mastodon tags for those terms (core/crowd/mastodon.ts `tagsForTerms`), lower case. */
  tags: string[];
  /** Position in the catalog (keeps generated ids unique across services). */
  index: number;
}

export interface GenPost {
  /** Algolia objectID (numeric string); also the seed of the Mastodon ids. */
  objectId: string;
  at: number;
  author: string;
  /** Mastodon: the author's home instance. */
  home: string;
  text: string;
  /** Mastodon hashtags carried (lower case). */
  tags: string[];
  kind: 'story' | 'comment';
  /** A story's title (stories only). */
  title: string | null;
  /** Title of the story a comment belongs to, and its id/url. */
  story: { id: string; title: string; url: string | null } | null;
  /** Part of the spike burst. */
  burst: boolean;
  /** Written to read as a complaint (the keyword filter decides). */
  complaint: boolean;
}

// ---------------------------------------------------------------------------------------------
// Generation

const ADJ = [
  'quiet',
  'rapid',
  'lucky',
  'amber',
  'polar',
  'mossy',
  'sunny',
  'brisk',
  'cosmic',
  'dusty',
  'lunar',
  'noisy',
  'steady',
  'tidal',
  'urban',
  'vivid',
  'woolly',
  'zesty',
];
const NOUN = [
  'falcon',
  'otter',
  'badger',
  'comet',
  'heron',
  'maple',
  'pixel',
  'raven',
  'tulip',
  'walrus',
  'yak',
  'lynx',
  'cedar',
  'delta',
  'ember',
  'fjord',
  'gecko',
  'koala',
];

function username(seed: number, k: number): string {
  const r = rng(seed ^ Math.imul(k + 1, 0x9e3779b1));
  const a = ADJ[Math.floor(r() * ADJ.length)]!;
  const n = NOUN[Math.floor(r() * NOUN.length)]!;
  return `${a}${n}${k}`;
}

/** How the service is named in generated text: its own name when that is one of its terms, else its first plain term. */
export function displayTerm(service: Pick<CrowdService, 'name' | 'terms'>): string {
  const nameTerm = service.name.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
  if (service.terms.includes(nameTerm)) return service.name;
  return service.terms.find((t) => !t.startsWith('#')) ?? service.name;
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

const BURST_LINES = [
  (t: string) => `Is ${t} down for anyone right now?`,
  (t: string) => `${cap(t)} not working for me`,
  (t: string) => `${cap(t)} down?`,
  (t: string) => `${cap(t)} is down again`,
  (t: string) => `Anyone else getting errors on ${t} right now?`,
  (t: string) => `${cap(t)} outage? Can't log in at all`,
  (t: string) => `${cap(t)} is broken for everyone in my team`,
  (t: string) => `Is it just me or is ${t} down`,
  (t: string) => `${cap(t)} keeps failing to load, is it down?`,
  (t: string) => `Looks like ${t} is offline`,
];
const QUIET_COMPLAINTS = [
  (t: string) => `anyone else having issues with ${t} today?`,
  (t: string) => `${cap(t)} was slow again this morning`,
  (t: string) => `${cap(t)} is acting up for me today, errors on every other click. Anyone?`,
];
const QUIET_MENTIONS = [
  (t: string) => `I moved our team to ${t} last month and I'm pretty happy with it so far`,
  (t: string) => `TIL ${t} has keyboard shortcuts for almost everything`,
  (t: string) => `Wrote a small script that talks to the ${t} API, happy to share`,
  (t: string) => `The new ${t} pricing page is a lot clearer than the old one`,
  (t: string) => `Does anyone have a good guide for getting started with ${t}?`,
];

/** Real story hits of the captured Algolia answer, as parents for quiet-week comments. */
function realStories(): { id: string; title: string; url: string | null }[] {
  const env = complaintJson(HN_FIXTURES.stories);
  return (env['hits'] as Obj[]).map((h) => ({
    id: String(h['objectID']),
    title: String(h['title']),
    url: typeof h['url'] === 'string' ? h['url'] : null,
  }));
}

/**
 * The posts of one service on one source (all of them, past and future; `visible` filters by time).
 * Deterministic from (service, source, scenario, setAt).
 */
export function generateCorpus(service: CrowdService, source: CrowdSource, scenario: CrowdScenarioName, setAt: number): GenPost[] {
  if (scenario === 'crowd-none') return [];
  const seed = hash32(`${service.id}|${source}|${setAt}`);
  const r = rng(seed);
  const t = displayTerm(service);
  const nameTag = service.tags.find((g) => !g.endsWith('down')) ?? service.tags[0] ?? null;
  const downTag = service.tags.find((g) => g.endsWith('down')) ?? null;
  const stories = realStories();
  const posts: GenPost[] = [];
  let n = 0;
  const nextId = (): string => String(40_000_000 + service.index * 20_000 + n++);
  const home = (): string => HOME_INSTANCES[Math.floor(r() * HOME_INSTANCES.length)]!;

  // Quiet week: day by day, 3–5 posts at random times at least 45 min apart, different authors.
  const from = setAt - QUIET.daysBefore * DAY;
  for (let day = 0; day < QUIET.daysBefore + QUIET.daysAfter; day++) {
    const count = QUIET.minPerDay + Math.floor(r() * (QUIET.maxPerDay - QUIET.minPerDay + 1));
    const times: number[] = [];
    for (let tries = 0; times.length < count && tries < 200; tries++) {
      const at = from + day * DAY + Math.floor(r() * DAY);
      if (times.every((x) => Math.abs(x - at) >= QUIET.minGapMs)) times.push(at);
    }
    times.sort((a, b) => a - b);
    times.forEach((at, k) => {
      const complaint = r() < 0.5;
      const lines = complaint ? QUIET_COMPLAINTS : QUIET_MENTIONS;
      const text = lines[Math.floor(r() * lines.length)]!(t);
      const tags = nameTag ? [nameTag] : [];
      const story = r() < 0.2;
      posts.push({
        objectId: nextId(),
        at,
        author: username(seed, 1000 + day * 10 + k),
        home: home(),
        text,
        tags,
        kind: story ? 'story' : 'comment',
        title: story ? cap(text) : null,
        story: story ? null : (stories[Math.floor(r() * stories.length)] ?? null),
        burst: false,
        complaint,
      });
    });
  }

  if (scenario === 'crowd-spike') {
    const start = setAt - BURST.startsBeforeMs;
    // The first person asks on HN ("Ask HN: Is Discord down?"); the others comment under it.
    const askId = nextId();
    const ask = { id: askId, title: `Ask HN: Is ${t} down?`, url: null };
    for (let k = 0; k * BURST.everyMs < BURST.lastsMs; k++) {
      const at = start + k * BURST.everyMs + Math.floor(r() * 20_000);
      const tags = [...(nameTag ? [nameTag] : []), ...(downTag && r() < 0.4 ? [downTag] : [])];
      posts.push({
        objectId: k === 0 ? askId : nextId(),
        at,
        author: username(seed ^ 0x5bd1e995, k),
        home: home(),
        text: k === 0 ? `Is ${t} down for anyone right now? It won't load here.` : BURST_LINES[k % BURST_LINES.length]!(t),
        tags,
        kind: k === 0 ? 'story' : 'comment',
        title: k === 0 ? ask.title : null,
        story: k === 0 ? null : ask,
        burst: true,
        complaint: true,
      });
    }
  }
  return posts.sort((a, b) => a.at - b.at);
}

// ---------------------------------------------------------------------------------------------
// Hacker News (Algolia) — GET /api/v1/search_by_date and /api/v1/search

export const HN_FIXTURES = {
  stories: 'hn_algolia_search_stories_captured.json',
  comment: 'hn_algolia_comment_hit_probe_2026-09-05.json',
} as const;

const NUMERIC_ATTRS = new Set(['created_at_i', 'points', 'num_comments']);

interface NumericFilter {
  attr: string;
  op: '<' | '<=' | '>' | '>=' | '=' | '!=';
  value: number;
}

/** Algolia `numericFilters`: comma-separated conditions (all must hold). Throws on bad syntax. */
export function parseNumericFilters(raw: string | null): NumericFilter[] {
  if (raw === null || raw.trim() === '') return [];
  const text = raw.trim().replace(/^\[|\]$/g, '');
  return text.split(',').map((part) => {
    const m = /^\s*"?([a-z_]+)\s*(<=|>=|!=|<|>|=)\s*(-?\d+(?:\.\d+)?)"?\s*$/.exec(part);
    if (!m) throw new Error(`Invalid syntax for numeric filter: '${part.trim()}'`);
    if (!NUMERIC_ATTRS.has(m[1]!)) throw new Error(`Unknown attribute in numeric filter: '${m[1]}'`);
    return { attr: m[1]!, op: m[2] as NumericFilter['op'], value: Number(m[3]) };
  });
}

/** Algolia `tags`: comma = AND, parentheses = OR ("(story,comment)"). */
export function parseTagFilters(raw: string | null): string[][] {
  if (raw === null || raw.trim() === '') return [];
  const groups: string[][] = [];
  let depth = 0;
  let cur = '';
  const flush = (): void => {
    const s = cur.trim();
    cur = '';
    if (s === '') return;
    groups.push(
      s
        .replace(/^\(|\)$/g, '')
        .split(',')
        .map((x) => x.trim())
        .filter((x) => x !== ''),
    );
  };
  for (const ch of raw) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) flush();
    else cur += ch;
  }
  flush();
  return groups;
}

const wordsOf = (s: string): string[] =>
  s
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');

function holds(f: NumericFilter, v: number): boolean {
  switch (f.op) {
    case '<':
      return v < f.value;
    case '<=':
      return v <= f.value;
    case '>':
      return v > f.value;
    case '>=':
      return v >= f.value;
    case '=':
      return v === f.value;
    case '!=':
      return v !== f.value;
  }
}

const htmlText = (s: string): string => escapeHtml(s).replace(/'/g, '&#x27;');

/** One generated post as an Algolia hit, cloned from the real story / comment hit objects. */
export function hnHit(p: GenPost, queryWords: string[]): Obj {
  const atS = Math.floor(p.at / 1000);
  const created = new Date(atS * 1000).toISOString();
  const highlight = (value: string): Obj => {
    const matched = queryWords.filter((w) => wordsOf(value).includes(w));
    return {
      value,
      matchLevel: matched.length === 0 ? 'none' : matched.length === queryWords.length ? 'full' : 'partial',
      matchedWords: matched,
    };
  };
  if (p.kind === 'story') {
    const hit = structuredClone((complaintJson(HN_FIXTURES.stories)['hits'] as Obj[])[0]!);
    const title = p.title ?? p.text;
    const asks = title.startsWith('Ask HN:');
    Object.assign(hit, {
      created_at: created,
      title,
      url: null,
      author: p.author,
      points: p.burst ? 12 : 3,
      // An Ask HN carries its text; a plain story is its title (HN shows no text for links).
      story_text: asks ? `<p>${htmlText(p.text)}</p>` : null,
      comment_text: null,
      num_comments: 0,
      created_at_i: atS,
      _tags: ['story', `author_${p.author}`, `story_${p.objectId}`, ...(asks ? ['ask_hn'] : [])],
      objectID: p.objectId,
      updated_at: created,
    } satisfies Obj);
    delete hit['relevancy_score'];
    hit['_highlightResult'] = {
      title: highlight(title),
      author: highlight(p.author),
      ...(asks ? { story_text: highlight(String(hit['story_text'])) } : {}),
    };
    return hit;
  }
  const hit = complaintJson(HN_FIXTURES.comment);
  Object.assign(hit, {
    _tags: ['comment', `author_${p.author}`, `story_${p.story?.id ?? p.objectId}`],
    author: p.author,
    children: [],
    comment_text: htmlText(p.text),
    created_at: created,
    created_at_i: atS,
    objectID: p.objectId,
    parent_id: Number(p.story?.id ?? 0),
    points: null,
    story_id: Number(p.story?.id ?? 0),
    story_title: p.story?.title ?? null,
    story_url: p.story?.url ?? null,
    updated_at: created,
  } satisfies Obj);
  hit['_highlightResult'] = {
    author: highlight(p.author),
    comment_text: highlight(String(hit['comment_text'])),
    story_title: highlight(String(hit['story_title'] ?? '')),
  };
  return hit;
}

function hnError(status: number, message: string): FeedResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=UTF-8', 'access-control-allow-origin': '*' },
    body: JSON.stringify({ message, status }),
  };
}

/**
 * One Algolia request. `corpus(term)` gives the posts of the services owning that search term.
 * Honours `query` (every word must appear), `tags`, `numericFilters` (created_at_i, points,
 * num_comments), `hitsPerPage` (default 20, at most 1000), `page`, and Algolia's 1000-hit
 * pagination limit; newest first. Only posts whose time has come (≤ now) exist.
 */
export function hnSearch(url: URL, now: number, corpus: (term: string) => GenPost[]): FeedResponse {
  const p = url.searchParams;
  const query = (p.get('query') ?? '').normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
  let numeric: NumericFilter[];
  try {
    numeric = parseNumericFilters(p.get('numericFilters'));
  } catch (e) {
    return hnError(400, (e as Error).message);
  }
  const tagGroups = parseTagFilters(p.get('tags'));
  const hppRaw = p.get('hitsPerPage');
  const hitsPerPage = hppRaw === null ? 20 : Number(hppRaw);
  const pageRaw = p.get('page');
  const page = pageRaw === null ? 0 : Number(pageRaw);
  if (!Number.isInteger(hitsPerPage) || hitsPerPage < 0 || hitsPerPage > 1000)
    return hnError(400, 'hitsPerPage must be an integer between 0 and 1000');
  if (!Number.isInteger(page) || page < 0) return hnError(400, 'page must be a positive integer');
  const qWords = wordsOf(query);

  const seen = new Set<string>();
  const matches: Obj[] = [];
  for (const post of corpus(query)) {
    if (post.at > now || seen.has(post.objectId)) continue;
    const textWords = new Set(wordsOf(`${post.title ?? ''} ${post.text}`));
    if (!qWords.every((w) => textWords.has(w))) continue;
    const hit = hnHit(post, qWords);
    const tags = hit['_tags'] as string[];
    if (!tagGroups.every((g) => g.some((t) => tags.includes(t)))) continue;
    const values: Record<string, number> = {
      created_at_i: Number(hit['created_at_i']),
      points: typeof hit['points'] === 'number' ? hit['points'] : 0,
      num_comments: typeof hit['num_comments'] === 'number' ? hit['num_comments'] : 0,
    };
    if (!numeric.every((f) => holds(f, values[f.attr] ?? 0))) continue;
    seen.add(post.objectId);
    matches.push(hit);
  }
  matches.sort((a, b) => Number(b['created_at_i']) - Number(a['created_at_i']) || Number(b['objectID']) - Number(a['objectID']));
  const nbHits = matches.length;
  const reachable = Math.min(nbHits, 1000);
  const nbPages = hitsPerPage === 0 ? 0 : Math.ceil(reachable / hitsPerPage);
  const start = page * hitsPerPage;
  const hits = start >= reachable ? [] : matches.slice(start, Math.min(start + hitsPerPage, reachable));
  const envelope = complaintJson(HN_FIXTURES.stories);
  const body: Obj = {
    ...envelope,
    hits: hits as Json[],
    nbHits,
    page,
    nbPages,
    hitsPerPage,
    exhaustiveNbHits: true,
    exhaustiveTypo: true,
    exhaustive: { nbHits: true, typo: true },
    query: p.get('query') ?? '',
    params: url.search.replace(/^\?/, ''),
    processingTimeMS: 1,
  };
  return {
    status: 200,
    headers: { 'content-type': 'application/json; charset=UTF-8', 'access-control-allow-origin': '*', 'cache-control': 'no-store' },
    body: JSON.stringify(body),
  };
}

// ---------------------------------------------------------------------------------------------
// Mastodon — GET https://<instance>/api/v1/timelines/tag/<tag>

export const MASTODON_FIXTURE = 'mastodon_status_entity_example.json';

/** Snowflake-like id as Mastodon makes them: milliseconds << 16 plus a per-instance sequence. */
export function snowflake(at: number, salt: string): bigint {
  return (BigInt(Math.floor(at)) << 16n) + BigInt(hash32(salt) & 0xffff);
}

/** One generated post as a Mastodon Status, seen from `instance` (cloned from the documented entity). */
export function mastodonStatus(p: GenPost, instance: string): Obj {
  const s = complaintJson(MASTODON_FIXTURE);
  const homeId = snowflake(p.at, `${p.home}|${p.objectId}`).toString();
  const localId = instance === p.home ? homeId : snowflake(p.at, `${instance}|${p.objectId}`).toString();
  const created = new Date(p.at).toISOString();
  const tagLinks = p.tags
    .map((t) => ` <a href="https://${instance}/tags/${t}" class="mention hashtag" rel="tag">#<span>${t}</span></a>`)
    .join('');
  const account = s['account'] as Obj;
  Object.assign(account, {
    id: String(100_000 + (hash32(`${p.home}|${p.author}`) % 9_000_000)),
    username: p.author,
    acct: instance === p.home ? p.author : `${p.author}@${p.home}`,
    display_name: p.author,
    bot: false,
    created_at: new Date(p.at - 400 * DAY).toISOString().slice(0, 10) + 'T00:00:00.000Z',
    note: '',
    url: `https://${p.home}/@${p.author}`,
    avatar: `https://${instance}/avatars/original/missing.png`,
    avatar_static: `https://${instance}/avatars/original/missing.png`,
    header: `https://${instance}/headers/original/missing.png`,
    header_static: `https://${instance}/headers/original/missing.png`,
    followers_count: hash32(p.author) % 400,
    following_count: hash32(`${p.author}f`) % 300,
    statuses_count: 50 + (hash32(`${p.author}s`) % 3000),
    last_status_at: created.slice(0, 10),
    fields: [],
  } satisfies Obj);
  Object.assign(s, {
    id: localId,
    created_at: created,
    spoiler_text: '',
    uri: `https://${p.home}/users/${p.author}/statuses/${homeId}`,
    url: `https://${p.home}/@${p.author}/${homeId}`,
    replies_count: 0,
    reblogs_count: 0,
    favourites_count: p.burst ? 2 : 0,
    quotes_count: 0,
    content: `<p>${escapeHtml(p.text)}${tagLinks}</p>`,
    reblog: null,
    account,
    tags: p.tags.map((t) => ({ name: t, url: `https://${instance}/tags/${t}` })),
    card: null,
    poll: null,
  } satisfies Obj);
  return s;
}

export function mastodonLoginRequired(): FeedResponse {
  // What an instance with public timelines disabled answers (Mastodon's authorization error).
  return {
    status: 401,
    // Mastodon's API answers CORS requests from any origin, errors included.
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'access-control-allow-origin': '*' },
    body: JSON.stringify({ error: 'This API requires an authenticated user' }),
  };
}

/**
 * One hashtag-timeline request on `instance`. `corpus(tags)` gives the posts of the services owning
 * any of those tags. Honours the path tag plus `any[]` (OR), `all[]` (AND), `none[]`, `limit`
 * (default 20, at most 40), `max_id`, `since_id` and `min_id`; newest first; sends Mastodon's
 * `Link` header for paging. Only posts whose time has come (≤ now) exist.
 */
export function mastodonTimeline(
  instance: string,
  pathname: string,
  url: URL,
  now: number,
  corpus: (tags: string[]) => GenPost[],
): FeedResponse {
  const main = decodeURIComponent(pathname.slice('/api/v1/timelines/tag/'.length).replace(/\/+$/, '')).toLowerCase();
  const p = url.searchParams;
  const list = (k: string): string[] => [...p.getAll(k), ...p.getAll(`${k}[]`)].map((x) => x.toLowerCase()).filter((x) => x !== '');
  const anyTags = [main, ...list('any')];
  const allTags = list('all');
  const noneTags = list('none');
  const limitRaw = Number(p.get('limit') ?? '20');
  const limit = Number.isFinite(limitRaw) && limitRaw > 0 ? Math.min(Math.floor(limitRaw), 40) : 20;
  const big = (k: string): bigint | null => {
    const v = p.get(k);
    return v !== null && /^\d{1,30}$/.test(v) ? BigInt(v) : null;
  };
  const maxId = big('max_id');
  const sinceId = big('since_id');
  const minId = big('min_id');

  const seen = new Set<string>();
  let rows: { id: bigint; status: Obj }[] = [];
  for (const post of corpus(anyTags)) {
    if (post.at > now || seen.has(post.objectId)) continue;
    if (!post.tags.some((t) => anyTags.includes(t))) continue;
    if (!allTags.every((t) => post.tags.includes(t))) continue;
    if (post.tags.some((t) => noneTags.includes(t))) continue;
    const status = mastodonStatus(post, instance);
    const id = BigInt(String(status['id']));
    if (maxId !== null && id >= maxId) continue;
    if (sinceId !== null && id <= sinceId) continue;
    if (minId !== null && id <= minId) continue;
    seen.add(post.objectId);
    rows.push({ id, status });
  }
  rows.sort((a, b) => (b.id > a.id ? 1 : b.id < a.id ? -1 : 0));
  // min_id pages forward from the given id: the `limit` oldest newer ones (still served newest first).
  rows = minId !== null ? rows.slice(Math.max(0, rows.length - limit)) : rows.slice(0, limit);
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'access-control-allow-origin': '*',
  };
  if (rows.length > 0) {
    const base = `https://${instance}${pathname}`;
    const keep = new URLSearchParams(p);
    for (const k of ['max_id', 'since_id', 'min_id']) keep.delete(k);
    const link = (k: string, v: bigint): string => {
      const q = new URLSearchParams(keep);
      q.set(k, v.toString());
      return `${base}?${q.toString()}`;
    };
    headers['link'] = `<${link('max_id', rows[rows.length - 1]!.id)}>; rel="next", <${link('min_id', rows[0]!.id)}>; rel="prev"`;
  }
  return { status: 200, headers, body: JSON.stringify(rows.map((r) => r.status)) };
}

// ---------------------------------------------------------------------------------------------
// For tests and the banner

/** Distinct authors of complaint-worded posts in [from, to). */
export function distinctAuthors(posts: readonly GenPost[], from: number, to: number, onlyComplaints = true): number {
  return new Set(posts.filter((p) => p.at >= from && p.at < to && (!onlyComplaints || p.complaint)).map((p) => `${p.author}@${p.home}`))
    .size;
}

/** Plain text of a served HN hit or Mastodon status (what the crowd parsers read), for tests. */
export function plainText(html: unknown): string {
  return htmlToText(html);
}
