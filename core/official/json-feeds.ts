/**
 * Small helpers shared by the adapters for the big providers' own JSON formats
 * (`gcp`, `aws-health`, `slack`, `apple`; `m365` uses `readJsonArray`).
 * `MAX_DEPTH`, `MAX_TITLE` and `MAX_NAME` are Statuspage's (`./statuspage`), field readers are
 * `./read`'s; what is here covers what those formats need beyond them: JSON bodies read with a
 * cheap nesting guard (top-level arrays or objects), JSONP, epoch numbers in seconds or
 * milliseconds, ids, `ctx.scope` matching, and a page indicator derived from open incidents.
 * Feed text goes through `./quick` (`textOf`, `nameOf`, `isoOf`: `htmlToText`/`toIso` with fast paths).
 *
 * Everything here is pure and never throws.
 */
import {
  fail,
  ok,
  type ComponentStatus,
  type Impact,
  type IncidentStatus,
  type OfficialIncident,
  type Result,
} from '../model';
import { isRecord, nestsDeeperThan } from './read';
import { MAX_DEPTH } from './statuspage';

/** A closed incident is "recent" (listed in `snapshot.recent`) for this long after it ended. */
export const RECENT_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
/** At most this many recently closed incidents per snapshot (newest first). */
export const MAX_RECENT = 20;
/** At most this many open incidents/maintenances per snapshot (newest first). */
export const MAX_OPEN = 100;
/** At most this many updates per incident (newest kept). */
export const MAX_UPDATES = 100;
/** At most this many component names per incident. */
export const MAX_COMPONENTS = 200;

/** Same words as the Statuspage adapter uses for a body of the wrong shape. */
// Shared with the Statuspage-family adapters (one definition each, in ./feedkit.ts).
import { SHAPE_MESSAGE } from './feedkit';
export { SHAPE_MESSAGE };
export { cleanName, idOf } from './feedkit';

/**
 * Whether `text` has more than `limit` '{' and '[' characters in all (inside strings or not).
 * Nesting deeper than `limit` needs that many, and most bodies (a few KB of Slack, Apple, Workspace)
 * have fewer: counting them with `indexOf` costs far less than `nestsDeeperThan`'s walk of the text,
 * which then only runs on bodies that could nest too deep. Same answer either way.
 */
function opensMoreThan(text: string, limit: number): boolean {
  let count = 0;
  for (const bracket of ['[', '{']) {
    for (let k = text.indexOf(bracket); k >= 0; k = text.indexOf(bracket, k + 1)) if (++count > limit) return true;
  }
  return false;
}

const BOM = /^\uFEFF/;
const BOMS = /^[\uFEFF\uFFFE]/;

/** `body` after its BOM was removed and outer whitespace trimmed → a JSON value, or a failure. */
function readJson(body: unknown, bom: RegExp, what: string): Result<unknown> {
  if (typeof body !== 'string') return fail('parse', `${what} could not be read`);
  const trimmed = body.replace(bom, '').trim();
  if (trimmed === '') return fail('parse', `${what} was empty`);
  if (trimmed[0] === '<') {
    return fail('parse', `${what} answered with a web page (HTML) instead of JSON — the page may have moved`);
  }
  // Refused before JSON.parse builds it (see `nestsDeeperThan` in ./read).
  if (opensMoreThan(trimmed, MAX_DEPTH) && nestsDeeperThan(trimmed, MAX_DEPTH)) return fail('schema', `${what} ${SHAPE_MESSAGE}`);
  try {
    return ok(JSON.parse(trimmed) as unknown);
  } catch {
    return fail('parse', `${what} is not valid JSON`);
  }
}

/**
 * Body text → JSON value that is an array. Never throws. A leading BOM and whitespace are ignored
 * (AWS serves UTF-16 with a BOM; `decodeBody` normally strips it, this is a second line of defence).
 */
export function readJsonArray(body: unknown, what = 'the status feed'): Result<unknown[]> {
  const value = readJson(body, BOMS, what);
  if (!value.ok) return value;
  if (!Array.isArray(value.value)) return fail('schema', `${what} ${SHAPE_MESSAGE}`);
  return ok(value.value);
}

/**
 * Body text → JSON value that is an object (not an array). Never throws. The same answers, word
 * for word, as `readJsonObject` in ./statuspage did with its nesting scan before every parse
 * (only a leading U+FEFF is removed).
 */
export function readJsonRecord(body: unknown, what = 'the status feed'): Result<Record<string, unknown>> {
  const value = readJson(body, BOM, what);
  if (!value.ok) return value;
  if (!isRecord(value.value)) return fail('schema', `${what} ${SHAPE_MESSAGE}`);
  return ok(value.value);
}

const JSONP_HEAD = /^(?:\/\*\*\/\s*)?[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\s*\(/;

/**
 * `jsonCallback({...});` → `{...}`. Text that does not start with a callback name is returned as
 * it was (bare JSON). A callback without its closing `)` gives null (not JSON, not JSONP).
 * Only the head and tail are inspected, so the cost is independent of the body's size.
 */
export function stripJsonp(text: string): string | null {
  const s = text.replace(/^\uFEFF/, '').trim();
  const head = JSONP_HEAD.exec(s.slice(0, 300));
  if (!head) return s;
  const close = s.lastIndexOf(')');
  if (close < head[0].length) return null;
  if (!/^\s*;?\s*$/.test(s.slice(close + 1))) return null;
  return s.slice(head[0].length, close).trim();
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


/** A feed word for table lookups: trimmed and lower-cased; not a string → ''. */
export const word = (v: unknown): string => (typeof v === 'string' ? v.trim().toLowerCase() : '');

const normName = (s: string): string => s.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * `ctx.scope` → a test "does this name belong to the service?" (trimmed, case-insensitive,
 * inner whitespace folded), or null when the whole feed is the service's: scope undefined, or a
 * scope with no usable name (an empty scope must not silently hide every incident).
 */
export function scopeMatcher(scope: readonly string[] | undefined): ((name: unknown) => boolean) | null {
  if (!Array.isArray(scope)) return null;
  const wanted = new Set<string>();
  for (const s of scope) if (typeof s === 'string' && s.trim() !== '') wanted.add(normName(s));
  if (wanted.size === 0) return null;
  return (name) => typeof name === 'string' && wanted.has(normName(name));
}


/** Non-empty, first occurrence kept, at most `max`. */
export function uniqueNames(names: Iterable<string>, max = MAX_COMPONENTS): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const n of names) {
    if (n === '' || seen.has(n)) continue;
    seen.add(n);
    out.push(n);
    if (out.length >= max) break;
  }
  return out;
}

const IMPACT_STATUS: Record<Impact, ComponentStatus> = {
  none: 'operational',
  minor: 'degraded',
  major: 'partial_outage',
  critical: 'major_outage',
  maintenance: 'maintenance',
};
const RANK: Record<ComponentStatus, number> = {
  operational: 0,
  unknown: 0,
  maintenance: 1,
  degraded: 2,
  partial_outage: 3,
  major_outage: 4,
};

/** The worse of two statuses (maintenance only beats operational/unknown). */
export function worse(a: ComponentStatus, b: ComponentStatus): ComponentStatus {
  return RANK[b] > RANK[a] ? b : a;
}

/** Model impact → the component status it stands for (null: no contribution). */
export function impactStatus(impact: Impact | null): ComponentStatus | null {
  return impact === null ? null : IMPACT_STATUS[impact];
}

/**
 * Page indicator for formats without one (their empty list *is* the provider saying "all good"):
 * the worst impact of the open incidents; an open incident of unknown impact counts as degraded;
 * an in-progress maintenance gives 'maintenance' when nothing is worse; nothing open → operational.
 */
export function indicatorFrom(open: readonly OfficialIncident[], maintenances: readonly OfficialIncident[]): ComponentStatus {
  let worst: ComponentStatus = 'operational';
  for (const i of open) worst = worse(worst, impactStatus(i.impact) ?? 'degraded');
  if (maintenances.some((m) => m.status === 'in_progress' || m.status === 'verifying')) worst = worse(worst, 'maintenance');
  return worst;
}

/**
 * Statuses for updates of a feed whose updates carry no lifecycle word (Slack notes, AWS event
 * log entries, Apple messages), oldest first in, newest first out: the first word is
 * "investigating" (maintenance: "in_progress"), the last word of a closed incident is "resolved"
 * (maintenance: "completed"), and everything between is "unknown", shown as "Update".
 */
export function plainUpdateStatuses(count: number, closed: boolean, maintenance: boolean): IncidentStatus[] {
  const out: IncidentStatus[] = [];
  for (let k = 0; k < count; k++) {
    if (closed && k === count - 1) out.push(maintenance ? 'completed' : 'resolved');
    else if (k === 0) out.push(maintenance ? 'in_progress' : 'investigating');
    else out.push('unknown');
  }
  return out.reverse();
}

/** Sort key helper: ISO time → epoch ms, missing → -Infinity (sorted last when newest first). */
function timeOf(iso: string | null): number {
  if (iso === null) return -Infinity;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : -Infinity;
}

/** Newest first by `key`, ties keep input order. Returns a new array, at most `max` long. */
export function newestFirst<T>(items: readonly T[], key: (item: T) => string | null, max: number): T[] {
  if (items.length <= 1) return items.slice(0, max);
  return items
    .map((item, order) => ({ item, order, t: timeOf(key(item)) }))
    .sort((a, b) => (b.t === a.t ? a.order - b.order : b.t > a.t ? 1 : -1))
    .slice(0, max)
    .map((x) => x.item);
}

/** How far in the future an end time may lie and still count as "ended" (clocks disagree). */
export const CLOCK_SKEW_MS = 24 * 60 * 60 * 1000;

/**
 * A closed incident that ended within the recent window. An end slightly in the future counts
 * (clock skew); one further ahead is not a real end time and does not.
 */
export function endedRecently(endIso: string | null, now: number): boolean {
  const t = timeOf(endIso);
  return t !== -Infinity && t >= now - RECENT_WINDOW_MS && t <= now + CLOCK_SKEW_MS;
}
