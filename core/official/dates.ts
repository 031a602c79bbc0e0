/**
 * Every date form the official feeds use, read to ISO 8601 UTC (`toISOString()` form) or null.
 * Pure; never throws. (RSS's RFC 822 dates and year-less update headers are RSS's own: rss/dates.ts.)
 *
 * Why the fast paths: `toIso` is a Date parse plus `toISOString()` (about 1 µs), and a summary with
 * thirty dates spent more time there than in `JSON.parse` of the whole body. Each fast path gives
 * exactly what the slow one gives (checked by fast-check in test/unit/official/quick.test.ts).
 */
import { toIso } from '../text';

// YYYY-MM-DDTHH:MM:SS, optionally .sss, then Z. Years from 1000 (Date.UTC maps 0–99 to 19xx,
// which the readers below inherit; earlier years simply take the slow path).
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

const ZONELESS = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?$/;
/** Month names by their first three letters, lower case → 0–11 (also read by rss/dates.ts). */
export const MONTHS: Readonly<Record<string, number>> = {
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
const JS_DATE =
  /^(?:[a-z]{3},?\s+)?([a-z]{3})\s+(\d{1,2})\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s+(?:GMT|UTC)\s*(?:([+-])(\d{2}):?(\d{2}))?$/i;

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

/**
 * Epoch seconds or milliseconds (number or digit string; AWS mixes both in one payload) → ISO UTC.
 * Values below 1e11 are seconds (as milliseconds they would be before 1973). Anything outside
 * 2000–2100 is not a real timestamp for a status feed and gives null.
 */
export function epochToIso(value: unknown): string | null {
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && /^\s*\d{1,17}(?:\.\d+)?\s*$/.test(value)) n = Number(value);
  else return null;
  if (!Number.isFinite(n) || n <= 0) return null;
  const ms = Math.round(n < 1e11 ? n * 1000 : n);
  if (ms < EARLIEST || ms > LATEST) return null;
  return new Date(ms).toISOString();
}
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);
