/**
 * Small shared pieces for the adapters of the smaller feed formats (Heroku, status.io, Instatus,
 * Cachet, Microsoft 365 consumer). Body reading, the nesting guard and the status vocabulary come
 * from `statuspage.ts`; this file only adds what those five formats have in common and Statuspage
 * does not need: lenient leaves of other types, scope matching, and the date forms they use.
 *
 * Everything here is pure and never throws.
 */
import { fail, type ComponentStatus, type Result } from '../model';
import { toIso } from '../text';
import { canonicalIso, nameOf, validDateTime } from './quick';
import { MAX_NAME } from './statuspage';

/** The sentence tail every "format changed" failure uses (same words as the Statuspage adapter). */
export const SHAPE_MESSAGE = 'no longer has the expected shape — the provider may have changed platform';

// ---------------------------------------------------------------------------------------------
// Lenient leaves: a wrong type or an absent key reads as null, never as a failure.

// (`str`, `bool`, `strOrNum` — a string or a finite number, for ids and codes sent either way —
// and `looseList`, a nested list read element by element later; all from core/official/read.ts.)
export { bool, looseList, str, strOrNum } from './read';

// ---------------------------------------------------------------------------------------------
// Lists.

/** Read each element; skip the malformed ones; `allBad` when a non-empty list had no good element. */
export function eachValid<T>(rows: readonly unknown[], read: (row: unknown) => T | null): { items: T[]; allBad: boolean } {
  const items: T[] = [];
  let bad = 0;
  for (const row of rows) {
    let item: T | null = null;
    try {
      item = read(row);
    } catch {
      item = null;
    }
    if (item === null) bad++;
    else items.push(item);
  }
  return { items, allBad: rows.length > 0 && bad === rows.length };
}

/** An id from a string or a finite number; blank or absurdly long → null. */
export function idOf(value: unknown): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'string') {
    const s = value.trim();
    return s === '' || s.length > 200 ? null : s;
  }
  return null;
}

/** A display name: markup removed, whitespace folded to single spaces, bounded (`htmlToText` on one line). */
export const cleanName = (value: unknown, max = MAX_NAME): string => nameOf(value, max);

/** Newest first by time; ties keep the feed's own order. Updates without a time were already dropped. */
export { newestFirst } from './quick';

const RANK: Record<ComponentStatus, number> = {
  unknown: 0,
  operational: 1,
  maintenance: 2,
  degraded: 3,
  partial_outage: 4,
  major_outage: 5,
};

/** The worst of some statuses ('unknown' when there are none; 'unknown' loses to anything stated). */
export function worstStatus(statuses: readonly ComponentStatus[]): ComponentStatus {
  let worst: ComponentStatus = 'unknown';
  for (const s of statuses) if (RANK[s] > RANK[worst]) worst = s;
  return worst;
}

// ---------------------------------------------------------------------------------------------
// Scope (ParseContext.scope): names compared trimmed and case-insensitively, whole names only.

const norm = (s: string): string => s.trim().replace(/\s+/g, ' ').toLowerCase();

/** A predicate "is this name in scope"; without a scope everything is. */
export function scopeMatcher(scope: readonly string[] | undefined): (name: string) => boolean {
  if (!scope || scope.length === 0) return () => true;
  const wanted = new Set(scope.map(norm).filter((s) => s !== ''));
  return (name) => wanted.has(norm(name));
}

/**
 * Whether an incident belongs to a scoped service, given the component names it names.
 * An incident the provider attributed to no component at all is kept: a scoped service must not
 * go quiet about an outage just because the provider did not say which part it hits.
 */
export function incidentInScope(scope: readonly string[] | undefined, components: readonly string[]): boolean {
  if (!scope || scope.length === 0 || components.length === 0) return true;
  const match = scopeMatcher(scope);
  return components.some(match);
}

/**
 * The failure for a scope that matches nothing the feed lists: the provider renamed or dropped the
 * part this service is about, and silence about it must not read as "operational".
 */
export function notListed(scope: readonly string[], what = 'the status feed'): Result<never> {
  const names = scope.map((s) => `“${s}”`).join(', ');
  return fail('schema', `${what} no longer lists ${names} — the provider may have renamed it`);
}

// ---------------------------------------------------------------------------------------------
// Dates.

const ZONELESS = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?$/;
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
// JavaScript's Date.prototype.toString(): "Sat Jun 11 2022 18:55:50 GMT+0000 (Coordinated Universal Time)".
const JS_DATE = /^(?:[a-z]{3},?\s+)?([a-z]{3})\s+(\d{1,2})\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s+(?:GMT|UTC)\s*(?:([+-])(\d{2}):?(\d{2}))?$/i;

function utcIso(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, offsetMin: number): string | null {
  if (mo < 0 || mo > 11 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  const t = Date.UTC(y, mo, d, h, mi, s, ms) - offsetMin * 60_000;
  if (!Number.isFinite(t)) return null;
  const check = new Date(Date.UTC(y, mo, d));
  if (check.getUTCMonth() !== mo) return null; // 31 February
  return new Date(t).toISOString();
}

/**
 * A date without a zone, "2015-08-01 12:00:00" (Cachet's API), read as UTC — never as the local
 * time of whoever runs this, which is what `new Date()` would do with it.
 */
export function zonelessAsUtc(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const m = ZONELESS.exec(input.trim());
  if (!m) return null;
  // A real date from year 1000 on is written out as toISOString() would (no Date round trip).
  const year = Number(m[1]);
  if (year >= 1000 && validDateTime(year, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0))) {
    return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}.${m[7] ? m[7].padEnd(3, '0').slice(0, 3) : '000'}Z`;
  }
  const ms = m[7] ? Number(m[7].padEnd(3, '0').slice(0, 3)) : 0;
  return utcIso(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), ms, 0);
}

/**
 * A JavaScript `Date.toString()` string (Instatus's summary.json), with or without the
 * parenthesised zone name, which is dropped: the numeric offset is what counts.
 */
export function jsDateString(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > 200) return null;
  const s = input.replace(/\s*\([^()]*\)\s*$/, '').trim();
  const m = JS_DATE.exec(s);
  if (!m) return null;
  const month = MONTHS[m[1]!.toLowerCase()];
  if (month === undefined) return null;
  const sign = m[7] === '-' ? -1 : 1;
  const offset = m[8] !== undefined ? sign * (Number(m[8]) * 60 + Number(m[9])) : 0;
  if (Math.abs(offset) > 14 * 60) return null;
  // UTC (the usual "GMT+0000"), a real date from year 1000 on: written out as toISOString() would.
  const year = Number(m[3]);
  if (offset === 0 && year >= 1000 && validDateTime(year, month + 1, Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0))) {
    return `${m[3]}-${String(month + 1).padStart(2, '0')}-${m[2]!.padStart(2, '0')}T${m[4]!.padStart(2, '0')}:${m[5]}:${m[6] ?? '00'}.000Z`;
  }
  return utcIso(Number(m[3]), month, Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), 0, offset);
}

/** Only ISO 8601 strings with a date part (toIso would also accept numbers and loose words). */
export function isoDate(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const s = input.trim();
  const fast = canonicalIso(s); // already in toISOString() form and a real date
  if (fast !== null) return fast;
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i.exec(s);
  if (!m) return null;
  // The engine rolls 30 February over to 2 March; a date that does not exist is not a date.
  if (utcIso(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), 0, 0) === null) return null;
  return toIso(s.replace(' ', 'T'));
}

/** Any of the date forms these feeds use: ISO 8601 with a zone, zone-less (as UTC), JS toString(). */
export function anyDate(input: unknown): string | null {
  return isoDate(input) ?? zonelessAsUtc(input) ?? jsDateString(input);
}
