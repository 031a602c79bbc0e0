/**
 * Limits and pieces every RSS/Atom flavour shares (the reading rules are in ../rss.ts).
 */
import { MAX_TITLE, type OfficialIncident } from '../../model';
import { clip, htmlToText } from '../../text';
import { nameOf } from '../kit';

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

export const NOT_A_FEED = 'the status feed is not RSS or Atom — the provider may have changed platform';
const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;

// ---------------------------------------------------------------------------------------------
// Common pieces.

export const cleanTitle = (s: string): string => nameOf(s, MAX_TITLE);

/** FNV-1a, 32 bits, hex: a stable id for items that carry none. */
export function hashId(s: string): string {
  let h = 0x811c9dc5;
  for (let k = 0; k < s.length; k++) {
    h ^= s.charCodeAt(k);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

export function itemId(item: RawItem): string {
  if (item.guid !== null) return clip(item.guid, 300);
  if (item.link !== null && item.link.trim() !== '') return clip(item.link.trim(), 300);
  const date = item.updated ?? item.pubDate ?? item.published ?? '';
  return `h:${hashId(`${item.title}|${date}`)}`;
}

export const latest = (...values: (number | null)[]): number | null => {
  let best: number | null = null;
  for (const v of values) if (v !== null && (best === null || v > best)) best = v;
  return best;
};

/** What the builders hand to the final split. */
export interface Built {
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

export function haystackOf(item: RawItem): string {
  return [item.title, ...item.categories, htmlToText(item.html, 4000)].join('\n');
}

// ---------------------------------------------------------------------------------------------
// What the document reader hands to the flavours.

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
