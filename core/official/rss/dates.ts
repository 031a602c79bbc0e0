/**
 * RSS/Atom dates: RFC 822 and RFC 3339 with the zone names feeds really use, and the
 * year-less times of Statuspage update headers, placed relative to a known date.
 */
import { toIso } from '../../text';
import { MONTHS } from '../dates';

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

export const monthOf = (word: string): number | undefined => MONTHS[word.slice(0, 3).toLowerCase()];

/** "+0000", "-07:00", "PDT", "Z" → minutes east of UTC; undefined when not understood. */
export function zoneOffset(zone: string | undefined): number | undefined {
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
export function utcMs(y: number, mo: number, d: number, h: number, mi: number, s: number, offsetMin: number): number | null {
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

export const isoOf = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** "Mar 3, 04:36 UTC", "Jan 16, 12:00 pm GMT" (no year). */
const YEARLESS =
  /^([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{1,2}):(\d{2})(?:\s*([ap])\.?m\.?)?(?:\s+([a-z]{1,5}|(?:utc|gmt)?\s*[+-]\d{1,2}(?::?\d{2})?))?$/i;
/** "16:00 GMT" (the end of a same-day maintenance window). */
export const TIME_ONLY = /^(\d{1,2}):(\d{2})(?:\s*([ap])\.?m\.?)?(?:\s+([a-z]{1,5}|(?:utc|gmt)?\s*[+-]\d{1,2}(?::?\d{2})?))?$/i;

export interface YearlessTime {
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** Minutes east of UTC; undefined when the text named no zone we know. */
  offset: number | undefined;
  hasZone: boolean;
}

export function hour24(h: number, ampm: string | undefined): number {
  if (ampm === undefined) return h;
  const pm = ampm.toLowerCase() === 'p';
  if (h < 1 || h > 12) return 99; // invalid, rejected later
  return (h % 12) + (pm ? 12 : 0);
}

export function readYearless(text: string): YearlessTime | null {
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
export function placeBefore(t: YearlessTime, refMs: number, slackMs: number, offset = t.offset ?? 0): number | null {
  const refYear = new Date(refMs).getUTCFullYear();
  for (let y = refYear + 1; y >= refYear - 4; y--) {
    const ms = utcMs(y, t.month, t.day, t.hour, t.minute, 0, offset);
    if (ms !== null && ms <= refMs + slackMs) return ms;
  }
  return null;
}

/** The year that puts a year-less time nearest to `refMs` (for a window start near the item's date). */
export function placeNear(t: YearlessTime, refMs: number, offset = t.offset ?? 0): number | null {
  const refYear = new Date(refMs).getUTCFullYear();
  let best: number | null = null;
  for (let y = refYear - 1; y <= refYear + 1; y++) {
    const ms = utcMs(y, t.month, t.day, t.hour, t.minute, 0, offset);
    if (ms !== null && (best === null || Math.abs(ms - refMs) < Math.abs(best - refMs))) best = ms;
  }
  return best;
}

/** The first occurrence at or after `fromMs` (a window end after its start). */
export function placeAfter(t: YearlessTime, fromMs: number, offset = t.offset ?? 0): number | null {
  const fromYear = new Date(fromMs).getUTCFullYear();
  for (let y = fromYear - 1; y <= fromYear + 4; y++) {
    const ms = utcMs(y, t.month, t.day, t.hour, t.minute, 0, offset);
    if (ms !== null && ms >= fromMs) return ms;
  }
  return null;
}
