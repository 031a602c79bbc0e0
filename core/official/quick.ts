/**
 * Fast paths for what every adapter does to every name, date and update list: a name already on
 * one line, a date already in `toISOString()` form, updates already newest first. Each function
 * gives exactly what the expression it names gives, for every input — it only skips work whose
 * result is known (checked by fast-check in test/unit/official/quick.test.ts).
 *
 * Why: `toIso` is a Date parse plus `toISOString()` (about 1 µs), and a summary with thirty dates
 * spent more time there than in `JSON.parse` of the whole body; `/\s+/g → ' '` and the sort by
 * `Date.parse` were the next largest costs.
 */
import type { OfficialUpdate } from '../model';
import { MAX_TEXT, htmlToText, toIso } from '../text';

/** `htmlToText(input, max)` (kept for the adapters that import it; htmlToText has its own plain-text fast path). */
export function textOf(input: unknown, max: number = MAX_TEXT): string {
  return htmlToText(input, max);
}

// Whitespace that /\s+/g → ' ' would change: anything but a lone space. That pass matches every
// single space, so on a name that is already one line it is skipped.
const NOT_ONE_LINE = /[^\S ]| {2}/;

/** `htmlToText(input, max).replace(/\s+/g, ' ')` — a display name or title on one line. */
export function nameOf(input: unknown, max: number): string {
  const t = htmlToText(input, max);
  return NOT_ONE_LINE.test(t) ? t.replace(/\s+/g, ' ') : t;
}

// YYYY-MM-DDTHH:MM:SS, optionally .sss, then Z. Years from 1000 (Date.UTC maps 0–99 to 19xx,
// which feedkit's readers inherit; earlier years simply take the slow path).
const CANONICAL = /^[1-9]\d{3}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{3})?Z$/;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const num2 = (s: string, at: number): number => (s.charCodeAt(at) - 48) * 10 + (s.charCodeAt(at + 1) - 48);

/** Whether the fields of a real calendar date and time (seconds 0–59) are in range. */
export function validDateTime(year: number, month: number, day: number, hour: number, minute: number, second: number): boolean {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
  const leap = month === 2 && ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0);
  return day <= DAYS[month - 1]! + (leap ? 1 : 0);
}

/**
 * `s` as `new Date(s).toISOString()` would write it, when `s` is a valid UTC date in that same form
 * (with or without milliseconds); else null (meaning: "take the slow path", not "not a date").
 */
export function canonicalIso(s: string): string | null {
  if (!CANONICAL.test(s)) return null;
  const year = (s.charCodeAt(0) - 48) * 1000 + (s.charCodeAt(1) - 48) * 100 + num2(s, 2);
  if (!validDateTime(year, num2(s, 5), num2(s, 8), num2(s, 11), num2(s, 14), num2(s, 17))) return null;
  return s.length === 20 ? `${s.slice(0, 19)}.000Z` : s;
}

/** `toIso(input)`. */
export function isoOf(input: unknown): string | null {
  return (typeof input === 'string' ? canonicalIso(input) : null) ?? toIso(input);
}

/**
 * Items newest first by their time `at(item)` (an ISO string from toIso); ties keep their order.
 * The same as a stable sort on `Date.parse(at)` descending, but when the feed already lists them
 * newest first (the usual case) that is seen from the strings alone: `toISOString()` output of
 * years 0000–9999 sorts as text in time order. Always a new array.
 */
export function newestFirstBy<T>(items: readonly T[], at: (item: T) => string): T[] {
  let ordered = true;
  let previous = '';
  for (let k = 0; k < items.length && ordered; k++) {
    const t = at(items[k]!);
    const c = t.charCodeAt(0);
    if (t.length !== 24 || c < 48 || c > 57 || (k > 0 && previous < t)) ordered = false;
    previous = t;
  }
  if (ordered) return items.slice();
  return items
    .map((item, order) => ({ item, order, t: Date.parse(at(item)) }))
    .sort((a, b) => b.t - a.t || a.order - b.order)
    .map((x) => x.item);
}

/** Updates newest first (see `newestFirstBy`). */
export function newestFirst(updates: readonly OfficialUpdate[]): OfficialUpdate[] {
  return newestFirstBy(updates, (u) => u.at);
}
