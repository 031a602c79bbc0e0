/**
 * RSS 2.0 / Atom status feeds (catalog `official.url` is the feed URL itself).
 *
 * Four flavours share this adapter, told apart per feed or per item:
 * - **Statuspage history feeds** (`/history.rss`, `/history.atom`): one item per incident; its
 *   description/content is an entity-escaped HTML blob of every update, newest first:
 *   `<p><small>Mar <var data-var='date'> 3</var>, <var data-var='time'>03:22</var> UTC</small><br>
 *   <strong>Update</strong> - text</p>`. The blob is split into updates; the label gives each
 *   update's status (`Update` = unchanged, carrying the last real label below it); the header
 *   times have no year, which is inferred from the item's own dates. Maintenances start with
 *   "THIS IS A SCHEDULED EVENT <window>"; RSS adds `<maintenanceEndDate>`. The item's
 *   pubDate/published is the latest update for incidents and the scheduled start for
 *   maintenances — never the incident start: the oldest update's time is.
 * - **AWS per-service RSS**: one item per update, the state in a title prefix ("Service
 *   disruption:", "Service is operating normally:", "[RESOLVED]"…). Items are grouped into one
 *   incident per service-region episode (guid `#<service>-<region>_<epoch>`), ending at an
 *   "operating normally" / [RESOLVED] item.
 * - **Azure status RSS**: only live broad-impact incidents; an empty channel is the normal,
 *   healthy state; items vanish on resolution; guids are reused (the id is guid + pubDate). No
 *   lifecycle field: every item is 'investigating', impact 'major'.
 * - **Generic feeds**: status from a title/description prefix ("Resolved:", "[Resolved]",
 *   "Investigating -"…), else 'unknown' (open).
 *
 * Staleness rule: a feed entry with no resolution and no update for `STALE_AFTER_MS` (48 h) is
 * not treated as an open incident — feeds do not always close old items. Such an entry is left
 * out of `incidents` and `maintenances`, and also out of `recent`: we never invent a resolution.
 * An open entry with no readable date at all cannot be shown to be fresh and is left out the same
 * way. An upcoming maintenance is judged by its window, not by its announcement date.
 * Azure is the one exception: it removes items when they are resolved and does not always move
 * pubDate on later updates (pubDate was the start time in a 2025 capture), so presence in the
 * feed is the signal; its entries are kept for `AZURE_STALE_AFTER_MS` (7 days), and an undated
 * Azure entry is kept while it is listed.
 *
 * Safety: XML is read by our own small reader (./xml.ts), which never reads a DOCTYPE: no entity
 * it defines is ever expanded (billion-laughs bodies stay small) and nothing external is fetched;
 * only the five XML built-ins and numeric references are decoded, in one pass, and anything else
 * (a bare "&", "&nbsp;", a DTD entity) stays as written. Bodies are bounded (`MAX_FEED_CHARS`),
 * nesting (`MAX_NESTING`), node count and text are bounded by the reader, which is linear time;
 * the update blob is scanned linearly and bounded (`MAX_BLOB_CHARS`). All text leaves through
 * `htmlToText`, all links through `safeUrl`. Never throws.
 */
import {
  fail,
  ok,
  type Impact,
  type IncidentStatus,
  type OfficialIncident,
  type OfficialSnapshot,
  type OfficialUpdate,
  type Result,
} from '../model';
import { clip, htmlToText, safeUrl, toIso } from '../text';
import type { FeedAdapter, ParseContext } from './adapter';
import { isClosed, mapIncidentStatus, MAX_TITLE } from './statuspage';
import { decodeXml, parseXml, type XmlElement } from './xml';

// ---------------------------------------------------------------------------------------------
// Limits.

/**
 * An open feed entry whose latest update is older than this is not an open incident (see the
 * header). 48 h: long enough for a slow provider's quiet night, short enough that a forgotten
 * item never reads as an outage for days.
 */
export const STALE_AFTER_MS = 48 * 60 * 60 * 1000;
/**
 * Azure's limit (see the header): its items vanish on resolution and pubDate may not move with
 * updates, so a long broad incident must not drop out after 48 h; a week still keeps a forgotten
 * item from reading as an outage for weeks.
 */
export const AZURE_STALE_AFTER_MS = 7 * 24 * 60 * 60 * 1000;
/** Largest body we parse (the fetch layer caps bytes at 5 MiB; this caps characters). */
export const MAX_FEED_CHARS = 5 * 1024 * 1024;
/** Most items read from one feed (feeds list newest first; the rest is old history). */
export const MAX_ITEMS = 500;
/** Longest part of one item's HTML scanned for Statuspage updates. */
export const MAX_BLOB_CHARS = 512 * 1024;
/** Most updates kept for one incident (newest kept). */
export const MAX_UPDATES = 200;
/** Most closed incidents kept in `recent` (feed order: newest first). The verdict needs only the last hour. */
export const MAX_RECENT = 50;
/** Deepest element nesting we accept (real feeds nest about 6 levels). */
export const MAX_NESTING = 64;

const NOT_A_FEED = 'the status feed is not RSS or Atom — the provider may have changed platform';
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

// ---------------------------------------------------------------------------------------------
// Dates.

/** Zone abbreviations (and military Z) → minutes east of UTC. Ambiguous ones take the reading Statuspage uses. */
export const ZONE_OFFSETS: Readonly<Record<string, number>> = {
  UTC: 0,
  UT: 0,
  GMT: 0,
  Z: 0,
  WET: 0,
  WEST: 60,
  BST: 60,
  IST: 330, // India (Rails' Asia/Kolkata); Irish/Israeli readings are not supported
  CET: 60,
  CEST: 120,
  MET: 60,
  MEST: 120,
  EET: 120,
  EEST: 180,
  MSK: 180,
  EST: -300,
  EDT: -240,
  CST: -360, // US Central, not China
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  AKST: -540,
  AKDT: -480,
  HST: -600,
  AST: -240,
  ADT: -180,
  NST: -210,
  NDT: -150,
  BRT: -180,
  ART: -180,
  SAST: 120,
  CAT: 120,
  EAT: 180,
  WAT: 60,
  PKT: 300,
  ICT: 420,
  WIB: 420,
  SGT: 480,
  HKT: 480,
  PHT: 480,
  AWST: 480,
  JST: 540,
  KST: 540,
  ACST: 570,
  ACDT: 630,
  AEST: 600,
  AEDT: 660,
  NZST: 720,
  NZDT: 780,
};

const MONTHS: Record<string, number> = {
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  oct: 9,
  nov: 10,
  dec: 11,
};

const monthOf = (word: string): number | undefined => MONTHS[word.slice(0, 3).toLowerCase()];

/** "+0000", "-07:00", "PDT", "Z" → minutes east of UTC; undefined when not understood. */
function zoneOffset(zone: string | undefined): number | undefined {
  if (zone === undefined || zone === '') return undefined;
  const numeric = /^(?:(?:UTC|GMT)\s*)?([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(zone);
  if (numeric) {
    const minutes = Number(numeric[2]) * 60 + Number(numeric[3] ?? 0);
    if (minutes > 14 * 60) return undefined;
    return numeric[1] === '-' ? -minutes : minutes;
  }
  const known = ZONE_OFFSETS[zone.toUpperCase()];
  return known;
}

/** Epoch ms of a calendar time in a zone, or null when the fields are not a real date. */
function utcMs(y: number, mo: number, d: number, h: number, mi: number, s: number, offsetMin: number): number | null {
  if (y < 1990 || y > 2200 || mo < 0 || mo > 11 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  if (new Date(Date.UTC(y, mo, d)).getUTCMonth() !== mo) return null; // 31 February
  const t = Date.UTC(y, mo, d, h, mi, s) - offsetMin * 60_000;
  return Number.isFinite(t) ? t : null;
}

const RFC822 =
  /^(?:[a-z]{3,9},?\s+)?(\d{1,2})\s+([a-z]{3,9})\.?\s+(\d{2}|\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([a-z]{1,5}|[+-]\d{2}:?\d{2}))?$/i;
const RFC3339 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * A feed date → epoch ms, or null. RFC 822 (RSS: "Fri, 23 Aug 2019 04:18:35 PDT",
 * "Sat, 20 Jul 2024 12:59:45 Z") is read here with our zone table, so every browser agrees;
 * RFC 3339 (Atom) through the platform parser. Anything else is not a date (no loose guessing:
 * `new Date("12")` is a date in 2001).
 */
export function feedDateMs(input: unknown): number | null {
  if (typeof input !== 'string' || input.length > 100) return null;
  const s = input.trim().replace(/\s+/g, ' ');
  if (s === '') return null;
  const m = RFC822.exec(s);
  if (m) {
    const month = monthOf(m[2]!);
    if (month === undefined) return null;
    let year = Number(m[3]);
    if (m[3]!.length === 2) year += year < 50 ? 2000 : 1900;
    // RFC 822 without a zone is read as UTC; an unknown abbreviation makes the date unreadable.
    const offset = m[7] === undefined ? 0 : zoneOffset(m[7]);
    if (offset === undefined) return null;
    return utcMs(year, month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), offset);
  }
  if (RFC3339.test(s)) {
    // A date-time without a zone is read as UTC, never as the local time of whoever runs this.
    const withZone = /[T ]\d{2}:\d{2}/.test(s) && !/(?:Z|[+-]\d{2}:?\d{2})$/i.test(s) ? `${s}Z` : s;
    const iso = toIso(withZone.replace(' ', 'T'));
    if (iso === null) return null;
    const t = Date.parse(iso);
    const y = new Date(t).getUTCFullYear();
    return y < 1990 || y > 2200 ? null : t;
  }
  return null;
}

const isoOf = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** "Mar 3, 04:36 UTC", "Jan 16, 12:00 pm GMT" (no year). */
const YEARLESS = /^([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{1,2}):(\d{2})(?:\s*([ap])\.?m\.?)?(?:\s+([a-z]{1,5}|(?:utc|gmt)?\s*[+-]\d{1,2}(?::?\d{2})?))?$/i;
/** "16:00 GMT" (the end of a same-day maintenance window). */
const TIME_ONLY = /^(\d{1,2}):(\d{2})(?:\s*([ap])\.?m\.?)?(?:\s+([a-z]{1,5}|(?:utc|gmt)?\s*[+-]\d{1,2}(?::?\d{2})?))?$/i;

interface YearlessTime {
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** Minutes east of UTC; undefined when the text named no zone we know. */
  offset: number | undefined;
  hasZone: boolean;
}

function hour24(h: number, ampm: string | undefined): number {
  if (ampm === undefined) return h;
  const pm = ampm.toLowerCase() === 'p';
  if (h < 1 || h > 12) return 99; // invalid, rejected later
  return (h % 12) + (pm ? 12 : 0);
}

function readYearless(text: string): YearlessTime | null {
  const m = YEARLESS.exec(text.trim().replace(/\s+/g, ' '));
  if (!m) return null;
  const month = monthOf(m[1]!);
  if (month === undefined) return null;
  return {
    month,
    day: Number(m[2]),
    hour: hour24(Number(m[3]), m[5]),
    minute: Number(m[4]),
    offset: zoneOffset(m[6]?.replace(/\s+/g, '')),
    hasZone: m[6] !== undefined,
  };
}

/**
 * The latest year that puts a year-less time no later than `refMs + slack` (an update cannot be
 * after the item's own latest date; a little slack absorbs zone guesses). Unknown zones read as
 * UTC. Returns epoch ms or null.
 */
function placeBefore(t: YearlessTime, refMs: number, slackMs: number, offset = t.offset ?? 0): number | null {
  const refYear = new Date(refMs).getUTCFullYear();
  for (let y = refYear + 1; y >= refYear - 4; y--) {
    const ms = utcMs(y, t.month, t.day, t.hour, t.minute, 0, offset);
    if (ms !== null && ms <= refMs + slackMs) return ms;
  }
  return null;
}

/** The year that puts a year-less time nearest to `refMs` (for a window start near the item's date). */
function placeNear(t: YearlessTime, refMs: number, offset = t.offset ?? 0): number | null {
  const refYear = new Date(refMs).getUTCFullYear();
  let best: number | null = null;
  for (let y = refYear - 1; y <= refYear + 1; y++) {
    const ms = utcMs(y, t.month, t.day, t.hour, t.minute, 0, offset);
    if (ms !== null && (best === null || Math.abs(ms - refMs) < Math.abs(best - refMs))) best = ms;
  }
  return best;
}

/** The first occurrence at or after `fromMs` (a window end after its start). */
function placeAfter(t: YearlessTime, fromMs: number, offset = t.offset ?? 0): number | null {
  const fromYear = new Date(fromMs).getUTCFullYear();
  for (let y = fromYear - 1; y <= fromYear + 4; y++) {
    const ms = utcMs(y, t.month, t.day, t.hour, t.minute, 0, offset);
    if (ms !== null && ms >= fromMs) return ms;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// XML.

/** Decode the XML built-in entities and numeric references, once. Anything else stays as written. */
export const decodeXmlEntities: (s: string) => string = decodeXml;

/** Children of `el` by local name (prefix dropped: content:encoded → encoded, dc:date → date, atom:link → link). */
type Fields = Map<string, XmlElement[]>;

const localName = (name: string): string => {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
};

function fieldsOf(el: XmlElement | undefined): Fields {
  const out: Fields = new Map();
  if (el === undefined) return out;
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    const key = localName(c.name);
    const list = out.get(key);
    if (list === undefined) out.set(key, [c]);
    else list.push(c);
  }
  return out;
}

/** An element's own text and CDATA (child elements' text left out), trimmed; null when it has none. */
function ownText(el: XmlElement): string | null {
  let own: string | null = null;
  for (const c of el.children) if (typeof c === 'string') own = own === null ? c : own + c;
  return own === null ? null : own.trim();
}

/**
 * Text of an element: its own text and CDATA (decoded by the reader; CDATA verbatim), trimmed;
 * failing that, the text of its child elements (Atom type="xhtml" content, other nested markup),
 * one per line. Null when there is none.
 */
function elementText(el: XmlElement, depth = 0): string | null {
  const own = ownText(el);
  if (own !== null) return own;
  if (depth >= 8) return null;
  const parts: string[] = [];
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    const t = elementText(c, depth + 1);
    if (t !== null && t !== '') parts.push(t);
  }
  return parts.length > 0 ? parts.join('\n') : null;
}

/** The first non-empty text among the fields of that name. */
function textOf(fields: Fields, name: string): string | null {
  const list = fields.get(name);
  if (list === undefined) return null;
  for (const el of list) {
    const t = elementText(el);
    if (t !== null && t !== '') return t;
  }
  return null;
}

/** An attribute's (decoded) value, by local name. */
function attrOf(el: XmlElement, name: string): string | null {
  const a = el.attrs;
  for (let k = 0; k < a.length; k += 2) if (a[k] === name) return a[k + 1]!;
  for (let k = 0; k < a.length; k += 2) if (localName(a[k]!) === name) return a[k + 1]!;
  return null;
}

/** The human link of an item/channel: RSS `<link>text</link>`, or Atom rel=alternate (or no rel) href. */
function linkOf(fields: Fields): string | null {
  const links = fields.get('link') ?? [];
  for (const l of links) {
    const t = ownText(l);
    if (t !== null && t !== '') return t;
  }
  let fallback: string | null = null;
  for (const l of links) {
    const href = attrOf(l, 'href');
    if (href === null) continue;
    const rel = attrOf(l, 'rel');
    if (rel === null || rel === 'alternate') return href;
    if (fallback === null && rel !== 'self') fallback = href;
  }
  return fallback;
}

// ---------------------------------------------------------------------------------------------
// Reading the document.

/** One item/entry, with text decoded (HTML still inside `html`). */
export interface RawItem {
  guid: string | null;
  link: string | null;
  title: string;
  /** Description/content as decoded text: HTML markup for most feeds, plain text for some. */
  html: string;
  categories: string[];
  /** RSS pubDate / dc:date. */
  pubDate: number | null;
  /** Atom published. */
  published: number | null;
  /** Atom updated. */
  updated: number | null;
  /** Statuspage RSS `<maintenanceEndDate>`. */
  maintenanceEnd: number | null;
}

export interface RawFeed {
  format: 'rss' | 'atom' | 'rdf';
  title: string;
  link: string | null;
  generator: string;
  items: RawItem[];
  /** Non-empty item list in which no element was an item at all. */
  allBad: boolean;
}

function looksLikeHtml(text: string): boolean {
  const head = text
    .slice(0, 2048)
    .replace(/^\s*<\?xml[^>]*\?>/i, '')
    .replace(/^(?:\s*<!--[\s\S]*?-->)*/, '')
    .trimStart()
    .slice(0, 16)
    .toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html');
}

const RAW_TAG = /<\/?[a-z][a-z0-9]*[\s/>]/i;
const ESCAPED_TAG = /&lt;\/?[a-z][a-z0-9]*(?:\s|\/|&gt;)/i;

/**
 * Markup escaped twice: AWS puts entity-escaped HTML inside CDATA (`<![CDATA[…&lt;br&gt;…]]>`), so
 * after XML decoding the text still reads "&lt;br&gt;". When text has escaped tags and no real
 * ones, decode once more so htmlToText sees the tags (and removes them) instead of showing them.
 */
export function unescapeMarkup(text: string): string {
  return ESCAPED_TAG.test(text) && !RAW_TAG.test(text) ? decodeXmlEntities(text) : text;
}

function readItem(raw: XmlElement, atom: boolean): RawItem | null {
  const f = fieldsOf(raw);
  const title = unescapeMarkup(textOf(f, 'title') ?? '');
  const body = atom ? (textOf(f, 'content') ?? textOf(f, 'summary')) : (textOf(f, 'encoded') ?? textOf(f, 'description'));
  const content = body === null ? null : unescapeMarkup(body);
  const guid = textOf(f, atom ? 'id' : 'guid');
  const link = linkOf(f);
  if (title.trim() === '' && (content ?? '').trim() === '' && guid === null && link === null) return null;
  const categories: string[] = [];
  for (const c of (f.get('category') ?? []).slice(0, 50)) {
    const t = elementText(c) || attrOf(c, 'term');
    if (t) categories.push(t);
    const label = attrOf(c, 'label');
    if (label) categories.push(label);
  }
  return {
    guid,
    link,
    title,
    html: content ?? '',
    categories,
    pubDate: feedDateMs(textOf(f, 'pubDate')) ?? feedDateMs(textOf(f, 'date')),
    published: feedDateMs(textOf(f, 'published')) ?? feedDateMs(textOf(f, 'issued')),
    updated: feedDateMs(textOf(f, 'updated')) ?? feedDateMs(textOf(f, 'modified')),
    maintenanceEnd: feedDateMs(textOf(f, 'maintenanceEndDate')),
  };
}

const NOT_XML = 'the status feed is not well-formed XML — it may be cut off or broken';

/** Body → the feed's items. Never throws. */
export function readFeed(body: unknown): Result<RawFeed> {
  try {
    if (typeof body !== 'string') return fail('parse', 'the status feed could not be read');
    if (body.length > MAX_FEED_CHARS) return fail('too_large', 'the status feed is too large to read');
    const text = body.replace(/^\uFEFF/, '').trimStart();
    if (text === '') return fail('parse', 'the status feed was empty');
    if (looksLikeHtml(text)) {
      return fail('parse', 'the status feed answered with a web page (HTML) instead of RSS or Atom — the page may have moved');
    }
    if (text[0] !== '<') return fail('parse', NOT_A_FEED);

    // Our own reader (./xml): no DOCTYPE is read, no entity beyond the XML built-ins is expanded,
    // bare ampersands stay literal; depth, node count and text are bounded.
    const doc = parseXml(text, { maxDepth: MAX_NESTING });
    if (!doc.ok) {
      return fail('parse', doc.limit ? 'the status feed could not be read as XML (nested too deeply or too large)' : NOT_XML);
    }
    const root = doc.root;
    const kind = localName(root.name);
    if (kind === 'html') {
      return fail('parse', 'the status feed answered with a web page (HTML) instead of RSS or Atom — the page may have moved');
    }

    // A channel/feed that holds only text is not a feed.
    const textOnly = (el: XmlElement | undefined): boolean =>
      el !== undefined && el.children.length > 0 && el.children.every((c) => typeof c === 'string');
    let format: RawFeed['format'];
    let channel: Fields;
    let rows: XmlElement[];
    if (kind === 'rss') {
      const chan = fieldsOf(root).get('channel')?.[0];
      if (chan === undefined) return fail('schema', `${NOT_A_FEED} (no channel)`);
      if (textOnly(chan)) return fail('schema', NOT_A_FEED);
      format = 'rss';
      channel = fieldsOf(chan);
      rows = channel.get('item') ?? [];
    } else if (kind === 'feed') {
      if (textOnly(root)) return fail('schema', NOT_A_FEED);
      format = 'atom';
      channel = fieldsOf(root);
      rows = channel.get('entry') ?? [];
    } else if (kind === 'RDF') {
      if (textOnly(root)) return fail('schema', NOT_A_FEED);
      format = 'rdf';
      const top = fieldsOf(root);
      channel = fieldsOf(top.get('channel')?.[0]);
      rows = top.get('item') ?? [];
    } else {
      return fail('schema', NOT_A_FEED);
    }

    const items: RawItem[] = [];
    let bad = 0;
    const considered = rows.length > MAX_ITEMS ? rows.slice(0, MAX_ITEMS) : rows;
    for (const row of considered) {
      const item = readItem(row, format === 'atom');
      if (item === null) bad++;
      else items.push(item);
    }
    return ok({
      format,
      title: textOf(channel, 'title') ?? '',
      link: linkOf(channel),
      generator: textOf(channel, 'generator') ?? '',
      items,
      allBad: considered.length > 0 && bad === considered.length,
    });
  } catch {
    return fail('parse', 'the status feed could not be read as XML');
  }
}

// ---------------------------------------------------------------------------------------------
// Common pieces.

const cleanTitle = (s: string): string => htmlToText(s, MAX_TITLE).replace(/\s+/g, ' ');

/** FNV-1a, 32 bits, hex: a stable id for items that carry none. */
function hashId(s: string): string {
  let h = 0x811c9dc5;
  for (let k = 0; k < s.length; k++) {
    h ^= s.charCodeAt(k);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

function itemId(item: RawItem): string {
  if (item.guid !== null) return clip(item.guid, 300);
  if (item.link !== null && item.link.trim() !== '') return clip(item.link.trim(), 300);
  const date = item.updated ?? item.pubDate ?? item.published ?? '';
  return `h:${hashId(`${item.title}|${date}`)}`;
}

const latest = (...values: (number | null)[]): number | null => {
  let best: number | null = null;
  for (const v of values) if (v !== null && (best === null || v > best)) best = v;
  return best;
};

/** What the builders hand to the final split. */
interface Built {
  incident: OfficialIncident;
  /** Text the scope names are looked for in (built only when there is a scope). */
  haystack: () => string;
  /** Epoch ms of the latest sign of life (update, edit, window), null when none is readable. */
  activity: number | null;
  /** Presence in the feed means "active" (Azure): undated open items are kept. */
  presenceIsActive: boolean;
  /** This entry's staleness limit, when not the feed-wide one (Azure). */
  staleAfterMs?: number;
}

function haystackOf(item: RawItem): string {
  return [item.title, ...item.categories, htmlToText(item.html, 4000)].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Statuspage history items.

/** Statuspage labels → status; `null` for "Update" (= unchanged) and labels we do not know. */
function labelStatus(label: string): IncidentStatus | null {
  const key = label.trim().toLowerCase().replace(/[\s-]+/g, '_');
  if (key === 'update') return null;
  const s = mapIncidentStatus(key);
  return s === 'unknown' ? null : s;
}

interface Block {
  label: string;
  /** Epoch ms or null when the header time was unreadable. */
  at: number | null;
  text: string;
}

const SCHEDULED_EVENT = /<strong\b[^>]*>\s*THIS IS A SCHEDULED EVENT\b([\s\S]*?)<\/strong\s*>/i;

/**
 * Split a Statuspage update blob into blocks, newest first. Linear: `<small>` heads are found
 * with indexOf; a head whose time cannot be read is treated as part of the previous update.
 */
function splitBlocks(html: string, placeTime: (t: YearlessTime) => number | null): Block[] {
  const src = html.length > MAX_BLOB_CHARS ? html.slice(0, MAX_BLOB_CHARS) : html;
  const lower = src.toLowerCase();
  const heads: { start: number; end: number; at: number | null; readable: boolean }[] = [];
  let from = 0;
  while (heads.length < MAX_UPDATES * 2) {
    const open = lower.indexOf('<small', from);
    if (open === -1) break;
    const openEnd = lower.indexOf('>', open);
    if (openEnd === -1) break;
    const close = lower.indexOf('</small', openEnd);
    if (close === -1) break;
    const closeEnd = lower.indexOf('>', close);
    if (closeEnd === -1) break;
    const when = readYearless(htmlToText(src.slice(openEnd + 1, close), 200));
    const at = when === null ? null : placeTime(when);
    heads.push({ start: open, end: closeEnd + 1, at, readable: when !== null });
    from = closeEnd + 1;
  }
  const blocks: Block[] = [];
  for (let k = 0; k < heads.length; k++) {
    const head = heads[k]!;
    if (!head.readable) continue;
    // The block runs to the next readable head.
    let next = src.length;
    for (let j = k + 1; j < heads.length; j++) {
      if (heads[j]!.readable) {
        next = heads[j]!.start;
        break;
      }
    }
    const rest = src.slice(head.end, next);
    const strong = /^\s*(?:<br\s*\/?>\s*)*<strong\b[^>]*>([\s\S]{0,200}?)<\/strong\s*>/i.exec(rest);
    if (!strong) continue;
    const label = htmlToText(strong[1], 100).replace(/\s+/g, ' ');
    const body = rest.slice(strong[0].length).replace(/^\s*(?:-|–|—|&nbsp;|\u00a0|\s)*/, '');
    blocks.push({ label, at: head.at, text: htmlToText(body) });
  }
  return blocks;
}

interface TimeOfDay {
  hour: number;
  minute: number;
  offset: number | undefined;
  hasZone: boolean;
}

const DATE_NO_ZONE = /^([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{1,2}):(\d{2})(?:\s*([ap])\.?m\.?)?$/i;

/** "May 28, 16:30 UTC - May 29, 16:30 UTC" / "Jan 16, 12:00 - 16:00 GMT" → the two ends. */
function readWindow(text: string): { start: YearlessTime; end: YearlessTime | TimeOfDay | null } | null {
  const flat = text.replace(/\s+/g, ' ').trim();
  const parts = flat.split(/\s+[-–—]\s+|\s+to\s+/i);
  const first = parts[0];
  if (first === undefined || first === '') return null;
  let end: YearlessTime | TimeOfDay | null = null;
  const second = parts[1];
  if (second !== undefined) {
    end = readYearless(second);
    if (end === null) {
      const t = TIME_ONLY.exec(second);
      if (t) {
        end = {
          hour: hour24(Number(t[1]), t[3]),
          minute: Number(t[2]),
          offset: zoneOffset(t[4]?.replace(/\s+/g, '')),
          hasZone: t[4] !== undefined,
        };
      }
    }
  }
  let start = readYearless(first);
  if (start === null) {
    const m = DATE_NO_ZONE.exec(first);
    const month = m ? monthOf(m[1]!) : undefined;
    if (!m || month === undefined) return null;
    start = { month, day: Number(m[2]), hour: hour24(Number(m[3]), m[5]), minute: Number(m[4]), offset: undefined, hasZone: false };
  }
  // The zone is often written only once, at the end ("12:00 - 16:00 GMT").
  if (!start.hasZone && end !== null && end.hasZone) start = { ...start, offset: end.offset, hasZone: true };
  return { start, end };
}

/**
 * A Statuspage history item → incident, or null when the item is not in Statuspage's format
 * (then the generic reading applies).
 */
function statuspageItem(item: RawItem, ctx: ParseContext): Built | null {
  const html = item.html;
  if (!/<small\b/i.test(html) && !SCHEDULED_EVENT.test(html.slice(0, 4096))) return null;

  // The item's own latest date bounds its updates; failing any, now does.
  const ref = latest(item.pubDate, item.published, item.updated, item.maintenanceEnd) ?? ctx.now;
  const blocks = splitBlocks(html, (t) => placeBefore(t, ref, 2 * DAY));
  const scheduled = SCHEDULED_EVENT.exec(html.slice(0, 4096));
  if (blocks.length === 0 && !scheduled) return null;
  if (blocks.length > 0 && blocks.every((b) => labelStatus(b.label) === null && b.label.toLowerCase() !== 'update')) return null;

  // Status per block, oldest → newest: "Update" (or an unknown word) carries the last real label.
  const statuses: IncidentStatus[] = new Array<IncidentStatus>(blocks.length);
  let carried: IncidentStatus = 'unknown';
  for (let k = blocks.length - 1; k >= 0; k--) {
    const s = labelStatus(blocks[k]!.label);
    if (s !== null) carried = s;
    statuses[k] = carried;
  }
  const status: IncidentStatus = blocks.length > 0 ? statuses[0]! : 'scheduled';

  const dated: OfficialUpdate[] = [];
  blocks.forEach((b, k) => {
    if (b.at !== null && dated.length < MAX_UPDATES) dated.push({ at: new Date(b.at).toISOString(), status: statuses[k]!, text: b.text });
  });
  // Newest first by time; ties keep the feed's own order.
  const updates = dated
    .map((u, order) => ({ u, order, t: Date.parse(u.at) }))
    .sort((a, b) => b.t - a.t || a.order - b.order)
    .map((x) => x.u);

  // Resolution time: the first update of the final closed run (a postmortem after "Resolved"
  // does not move it; a re-opened incident has none).
  let resolvedAt: string | null = null;
  if (isClosed(status)) {
    let k = 0;
    while (k + 1 < blocks.length && isClosed(statuses[k + 1]!)) k++;
    const at = blocks[k]?.at ?? null;
    resolvedAt = isoOf(at ?? latest(item.pubDate, item.published, item.updated));
  }

  const maintenanceLabels = statuses.some((s) => s === 'scheduled' || s === 'in_progress' || s === 'verifying' || s === 'completed');
  const kind: OfficialIncident['kind'] = scheduled || item.maintenanceEnd !== null || maintenanceLabels ? 'maintenance' : 'incident';

  let scheduledFor: number | null = null;
  let scheduledUntil: number | null = item.maintenanceEnd;
  if (kind === 'maintenance') {
    // pubDate/published is the scheduled start; the window text says the same without a year.
    const startRef = item.pubDate ?? item.published;
    const window = scheduled ? readWindow(htmlToText(scheduled[1], 400)) : null;
    if (window) {
      scheduledFor = placeNear(window.start, startRef ?? item.updated ?? ctx.now);
      if (scheduledUntil === null && window.end !== null && scheduledFor !== null) {
        const e = window.end;
        const offset = e.offset ?? window.start.offset ?? 0;
        if ('month' in e) scheduledUntil = placeAfter(e, scheduledFor, offset);
        else {
          const s = new Date(scheduledFor + (window.start.offset ?? 0) * 60_000); // wall clock of the start
          const sameDay = utcMs(s.getUTCFullYear(), s.getUTCMonth(), s.getUTCDate(), e.hour, e.minute, 0, offset);
          scheduledUntil = sameDay === null ? null : sameDay >= scheduledFor ? sameDay : sameDay + DAY;
        }
      }
    }
    if (scheduledFor === null) scheduledFor = startRef;
  }

  const oldest = updates[updates.length - 1]?.at ?? null;
  const newest = updates[0]?.at ?? null;
  const createdAt = oldest ?? isoOf(item.published ?? item.pubDate);
  return {
    incident: {
      id: itemId(item),
      title: cleanTitle(item.title),
      kind,
      status: kind === 'maintenance' && blocks.length === 0 ? 'scheduled' : status,
      impact: kind === 'maintenance' ? 'maintenance' : null,
      startedAt: createdAt,
      createdAt,
      updatedAt: newest ?? isoOf(latest(item.updated, item.pubDate, item.published)),
      resolvedAt,
      scheduledFor: isoOf(scheduledFor),
      scheduledUntil: isoOf(scheduledUntil),
      updates,
      components: [],
      url: safeUrl(item.link),
    },
    haystack: () => haystackOf(item),
    activity: latest(
      newest === null ? null : Date.parse(newest),
      item.updated,
      kind === 'incident' ? item.pubDate : null,
      kind === 'incident' ? item.published : null,
      scheduledFor,
      scheduledUntil,
    ),
    presenceIsActive: false,
  };
}

// ---------------------------------------------------------------------------------------------
// AWS per-service RSS.

type AwsState = { closes: boolean; impact: Impact | null; known: boolean };

/** Title prefix → what the update says. */
export function awsTitleState(title: string): AwsState {
  const t = title.trim();
  if (/\[resolved\]/i.test(t) || /^service is operating normally\b/i.test(t)) return { closes: true, impact: null, known: true };
  if (/^service disruption\s*:/i.test(t)) return { closes: false, impact: 'major', known: true };
  if (/^(?:service degradation|performance issues)\s*:/i.test(t)) return { closes: false, impact: 'minor', known: true };
  if (/^informational message\s*:/i.test(t)) return { closes: false, impact: 'minor', known: true };
  return { closes: false, impact: 'minor', known: false };
}

const AWS_PREFIX =
  /^\s*(?:service is operating normally|service disruption|service degradation|performance issues|informational message)\s*:\s*/i;

function awsKey(item: RawItem): string {
  const m = /#([^#\s]+?)_\d+\s*$/.exec(item.guid ?? '');
  return m ? m[1]!.toLowerCase() : 'aws';
}

const IMPACT_RANK: Record<Impact, number> = { none: 0, maintenance: 0, minor: 1, major: 2, critical: 3 };

function awsEpisodes(items: readonly RawItem[]): Built[] {
  // Oldest first; items without a readable date cannot be sequenced and are left out.
  const dated = items
    .map((item, order) => ({ item, order, t: item.pubDate ?? item.updated ?? item.published }))
    .filter((x): x is { item: RawItem; order: number; t: number } => x.t !== null)
    .sort((a, b) => a.t - b.t || b.order - a.order);

  type Episode = { key: string; parts: { item: RawItem; t: number; state: AwsState }[] };
  const open = new Map<string, Episode>();
  const done: Episode[] = [];
  for (const x of dated) {
    const key = awsKey(x.item);
    const state = awsTitleState(x.item.title);
    let ep = open.get(key);
    if (!ep) {
      ep = { key, parts: [] };
      open.set(key, ep);
    }
    ep.parts.push({ item: x.item, t: x.t, state });
    if (state.closes) {
      done.push(ep);
      open.delete(key);
    }
  }
  done.push(...open.values());

  const out: Built[] = [];
  for (const ep of done) {
    const first = ep.parts[0]!;
    const last = ep.parts[ep.parts.length - 1]!;
    const closed = last.state.closes;
    let impact: Impact | null = null;
    for (const p of ep.parts) {
      if (p.state.impact !== null && (impact === null || IMPACT_RANK[p.state.impact] > IMPACT_RANK[impact])) impact = p.state.impact;
    }
    const updates: OfficialUpdate[] = ep.parts
      .slice(-MAX_UPDATES)
      .map((p): OfficialUpdate => ({
        at: new Date(p.t).toISOString(),
        status: p.state.closes ? 'resolved' : p.state.known ? 'investigating' : 'unknown',
        text: htmlToText(p.item.html),
      }))
      .reverse();
    const title = cleanTitle(last.item.title.replace(AWS_PREFIX, '').replace(/\[resolved\]\s*/gi, ''));
    out.push({
      incident: {
        id: itemId(first.item),
        title,
        kind: 'incident',
        status: closed ? 'resolved' : last.state.known ? 'investigating' : 'unknown',
        impact: impact ?? (closed ? 'minor' : null),
        startedAt: new Date(first.t).toISOString(),
        createdAt: new Date(first.t).toISOString(),
        updatedAt: new Date(last.t).toISOString(),
        resolvedAt: closed ? new Date(last.t).toISOString() : null,
        scheduledFor: null,
        scheduledUntil: null,
        updates,
        components: [],
        url: safeUrl(last.item.link) ?? safeUrl(first.item.link),
      },
      haystack: () => ep.parts.map((p) => haystackOf(p.item)).join('\n').slice(0, 50_000),
      activity: last.t,
      presenceIsActive: false,
    });
  }
  // Newest episode first, like the feed.
  return out.sort((a, b) => (Date.parse(b.incident.updatedAt ?? '') || 0) - (Date.parse(a.incident.updatedAt ?? '') || 0));
}

// ---------------------------------------------------------------------------------------------
// Azure status RSS.

function azureItem(item: RawItem): Built {
  const at = latest(item.pubDate, item.updated, item.published);
  const text = htmlToText(item.html);
  const base = item.guid ?? item.link ?? `h:${hashId(item.title)}`;
  return {
    incident: {
      // Azure reuses guids (a title slug) across incidents: the date tells them apart.
      id: clip(at === null ? base : `${base}@${new Date(at).toISOString()}`, 300),
      title: cleanTitle(item.title) || clip(text, 120),
      kind: 'incident',
      status: 'investigating',
      impact: 'major', // Azure only posts broad-impact incidents here
      startedAt: null,
      createdAt: isoOf(at),
      updatedAt: isoOf(at),
      resolvedAt: null,
      scheduledFor: null,
      scheduledUntil: null,
      updates: at === null ? [] : [{ at: new Date(at).toISOString(), status: 'investigating', text }],
      components: [],
      url: safeUrl(item.link),
    },
    haystack: () => haystackOf(item),
    activity: at,
    presenceIsActive: true,
    staleAfterMs: AZURE_STALE_AFTER_MS,
  };
}

// ---------------------------------------------------------------------------------------------
// Generic feeds.

const PREFIX_WORDS =
  'resolved|investigating|identified|monitoring|completed|scheduled|in[ _-]progress|verifying|postmortem|post-mortem|update|updated';
const BRACKETED = new RegExp(`^\\s*[\\[(]\\s*(${PREFIX_WORDS})\\s*[\\])]`, 'i');
const SEPARATED = new RegExp(`^\\s*(${PREFIX_WORDS})\\s*(?:[:|]|\\s[-–—]|[-–—]\\s)`, 'i');

/** A status word at the start of a title or text ("Resolved: …", "[Resolved] …", "Investigating - …"). */
export function prefixStatus(text: string): IncidentStatus | null {
  const m = BRACKETED.exec(text) ?? SEPARATED.exec(text);
  if (!m) return null;
  const word = m[1]!.toLowerCase().replace(/[\s-]+/g, '_');
  if (word === 'update' || word === 'updated') return null;
  return mapIncidentStatus(word === 'post_mortem' ? 'postmortem' : word);
}

function genericItem(item: RawItem): Built {
  const text = htmlToText(item.html);
  const status = prefixStatus(item.title) ?? prefixStatus(text.slice(0, 300)) ?? 'unknown';
  const at = latest(item.updated, item.pubDate, item.published);
  const created = item.published ?? item.pubDate ?? item.updated;
  const title = cleanTitle(item.title);
  const kind: OfficialIncident['kind'] =
    status === 'scheduled' || status === 'in_progress' || status === 'verifying' || status === 'completed' || /\bmaintenance\b/i.test(title)
      ? 'maintenance'
      : 'incident';
  return {
    incident: {
      id: itemId(item),
      title: title || clip(text.split('\n')[0] ?? '', 120),
      kind,
      status,
      impact: kind === 'maintenance' ? 'maintenance' : null,
      startedAt: null, // a feed item's date is when it was posted, not when the problem began
      createdAt: isoOf(created),
      updatedAt: isoOf(at),
      resolvedAt: isClosed(status) ? isoOf(at) : null,
      scheduledFor: null,
      scheduledUntil: null,
      updates: at === null ? [] : [{ at: new Date(at).toISOString(), status, text }],
      components: [],
      url: safeUrl(item.link),
    },
    haystack: () => haystackOf(item),
    activity: at,
    presenceIsActive: false,
  };
}

// ---------------------------------------------------------------------------------------------
// Flavour and the whole snapshot.

export type FeedFlavour = 'aws' | 'azure' | 'items';

const hostOf = (u: string | null | undefined): string => {
  if (!u) return '';
  try {
    return new URL(u).hostname.toLowerCase();
  } catch {
    return '';
  }
};

// The feed's own <link> has also been seen as the origin server (azurestatusprodncus.azurewebsites.net, 2026).
const AZURE_HOSTS =
  /(?:^|\.)(?:azure\.status\.microsoft|status\.azure\.com|azurestatuscdn\.azureedge\.net)$|^azurestatus[a-z0-9-]*\.azurewebsites\.net$/;
const AWS_HOSTS = /(?:^|\.)(?:status\.aws\.amazon\.com|health\.aws\.amazon\.com)$/;

/** Which reading a feed gets: AWS and Azure by their hosts/generator; everything else item by item. */
export function feedFlavour(feed: RawFeed, baseUrl: string): FeedFlavour {
  const hosts = [hostOf(feed.link), hostOf(baseUrl)];
  if (/AWS Service Health Dashboard/i.test(feed.generator) || hosts.some((h) => AWS_HOSTS.test(h))) return 'aws';
  if (feed.items.some((i) => /^https?:\/\/status\.aws\.amazon\.com\/#/i.test(i.guid ?? ''))) return 'aws';
  if (hosts.some((h) => AZURE_HOSTS.test(h)) || feed.title.trim() === 'Azure Status') return 'azure';
  return 'items';
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The scope test, or null when there is no scope (everything matches). */
function scopeTest(scope: readonly string[] | undefined): ((haystack: string) => boolean) | null {
  const names = (scope ?? []).map((s) => s.trim()).filter((s) => s !== '' && s.length <= 200);
  if (names.length === 0) return null;
  const re = new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${names.map(escapeRegExp).join('|')})(?=$|[^\\p{L}\\p{N}])`, 'iu');
  return (haystack) => re.test(haystack);
}

/** "mentions one of the scope names": whole words, case-insensitive. Without a scope, everything matches. */
export function scopeFilter(scope: readonly string[] | undefined): (haystack: string) => boolean {
  return scopeTest(scope) ?? (() => true);
}

export interface RssParseOptions {
  /** Override of STALE_AFTER_MS (tests, or a caller with its own policy). Azure keeps its own limit. */
  staleAfterMs?: number;
}

/** Body → snapshot. Never throws. */
export function parseFeed(body: unknown, ctx: ParseContext, opts: RssParseOptions = {}): Result<OfficialSnapshot> {
  const read = readFeed(body);
  return read.ok ? snapshotOf(read.value, ctx, opts) : read;
}

/** A feed already read by `readFeed` → snapshot. Never throws. */
export function snapshotOf(feed: RawFeed, ctx: ParseContext, opts: RssParseOptions = {}): Result<OfficialSnapshot> {
  try {
    if (feed.allBad) return fail('schema', 'the status feed has items in a shape we cannot read — the provider may have changed platform');
    const staleAfter = typeof opts.staleAfterMs === 'number' && opts.staleAfterMs > 0 ? opts.staleAfterMs : STALE_AFTER_MS;
    const flavour = feedFlavour(feed, ctx.baseUrl);

    let built: Built[];
    if (flavour === 'aws') built = awsEpisodes(feed.items);
    else if (flavour === 'azure') built = feed.items.map(azureItem);
    else built = feed.items.map((item) => statuspageItem(item, ctx) ?? genericItem(item));

    const inScope = scopeTest(ctx.scope);
    const incidents: OfficialIncident[] = [];
    const maintenances: OfficialIncident[] = [];
    const recent: OfficialIncident[] = [];
    let anyOpen = false;
    for (const b of built) {
      if (inScope !== null && !inScope(b.haystack())) continue;
      const i = b.incident;
      if (isClosed(i.status)) {
        if (recent.length < MAX_RECENT) recent.push(i);
        continue;
      }
      anyOpen = true;
      // The staleness rule (see the header): no resolution and no sign of life for 48 h.
      const fresh = b.activity === null ? b.presenceIsActive : ctx.now - b.activity <= (b.staleAfterMs ?? staleAfter);
      if (!fresh) continue;
      if (i.kind === 'maintenance') maintenances.push(i);
      else incidents.push(i);
    }

    // AWS and Azure feeds are empty (or all closed) when healthy: that much is derivable.
    const indicator = (flavour === 'aws' || flavour === 'azure') && !anyOpen ? 'operational' : 'unknown';
    return ok({ indicator, description: null, components: [], incidents, maintenances, recent });
  } catch {
    return fail('internal', 'the status feed could not be read because of an internal error');
  }
}

export const rssAdapter: FeedAdapter = {
  kind: 'rss',
  label: 'RSS / Atom status feed',
  endpoints: (url) => [{ url: typeof url === 'string' ? url.trim() : '', expect: 'xml' }],
  parse(bodies: string[], ctx: ParseContext): Result<OfficialSnapshot> {
    if (bodies.length < 1) return fail('internal', 'the status feed was not read');
    return parseFeed(bodies[0], ctx);
  },
};
