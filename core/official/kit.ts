/**
 * The kit every feed adapter builds on: one home for each helper, so an adapter file holds only
 * what is special about its format. Sections: field readers (a tiny structural reader replacing
 * zod), bounded JSON bodies, lists and ids, names and text, scope, and snapshot helpers. Dates are
 * in ./dates.ts; the status vocabulary (ranks, open/closed, limits) is the model's (core/model.ts).
 *
 * Everything here is pure and never throws.
 *
 * Why not zod: every adapter runs on every poll, most bodies are a few KB, and zod's per-call cost
 * (building issue lists, cloning objects) was several times the `JSON.parse` of the same bytes; it
 * was also ~9 KB gzipped of the worker bundle. Feeds need only four things, all here: "a leaf of
 * the wrong type reads as absent" (`str`, `bool`, `strOrNum`, `flag`, `looseList`, `looseRecord`),
 * "this list must be there" (`list`), "this list may be missing but not wrong" (`optList`), and
 * objects of such fields (`object`), with zod's `safeParse` result shape so adapters read the same.
 * Semantics match the zod schemas they replaced (tested in test/unit/official/read.test.ts):
 * `object` accepts a non-null, non-array object, copies only the declared keys, and fails if any
 * field fails; extra keys are ignored.
 */
import {
  fail,
  IMPACT_STATUS,
  isClosed,
  isMaintenanceUnderWay,
  MAX_COMPONENTS,
  MAX_NAME,
  MAX_OPEN,
  MAX_RECENT,
  ok,
  RECENT_WINDOW_MS,
  worse,
  worstStatus,
  type ComponentStatus,
  type Impact,
  type IncidentStatus,
  type OfficialComponent,
  type OfficialIncident,
  type OfficialSnapshot,
  type OfficialUpdate,
  type Result,
} from '../model';
import { htmlToText, MAX_TEXT } from '../text';
import type { FeedRequest } from './types';

// ---------------------------------------------------------------------------------------------
// Field readers.

/** A field that failed (only `list`, `optList` and nested `object`s can fail). */
export const BAD: unique symbol = Symbol('bad');
export type Field<T> = (value: unknown) => T | typeof BAD;

export type Parsed<T> = { success: true; data: T } | { success: false };

export interface Shape<T> {
  (value: unknown): T | typeof BAD;
  safeParse(value: unknown): Parsed<T>;
}

/** The value a field or shape produces. */
export type Out<F> = F extends Field<infer T> ? Exclude<T, typeof BAD> : never;

type Fields = Record<string, Field<unknown>>;
type ObjectOut<D extends Fields> = { [K in keyof D]: Out<D[K]> };

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A string leaf: wrong type or absent → null. */
export const str: Field<string | null> = (v) => (typeof v === 'string' ? v : null);
/** A boolean leaf: wrong type or absent → null. */
export const bool: Field<boolean | null> = (v) => (typeof v === 'boolean' ? v : null);
/** An id-like leaf (string or finite number, like zod 4's `z.number()`): wrong type or absent → null. */
export const strOrNum: Field<string | number | null> = (v) =>
  typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) ? v : null;
/** A boolean, number or string flag ("1", 1, true): anything else → null. */
export const flag: Field<boolean | number | string | null> = (v) =>
  typeof v === 'boolean' || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) ? v : null;
/** A list read element by element later: wrong type or absent → null. */
export const looseList: Field<unknown[] | null> = (v) => (Array.isArray(v) ? v : null);
/** A plain object read key by key later: wrong type or absent → null. */
export const looseRecord: Field<Record<string, unknown> | null> = (v) => (isRecord(v) ? v : null);
/** A list that must be present. */
export const list: Field<unknown[]> = (v) => (Array.isArray(v) ? v : BAD);
/** A list that may be absent or null, but is not allowed to be something else. */
export const optList: Field<unknown[] | null | undefined> = (v) => (v === undefined || v === null || Array.isArray(v) ? v : BAD);

/** An object of the given fields (only those keys are kept). */
export function object<D extends Fields>(def: D): Shape<ObjectOut<D>> {
  const keys = Object.keys(def);
  const read = ((value: unknown) => {
    if (!isRecord(value)) return BAD;
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      const got = def[k]!(Object.prototype.hasOwnProperty.call(value, k) ? value[k] : undefined);
      if (got === BAD) return BAD;
      out[k] = got;
    }
    return out as ObjectOut<D>;
  }) as Shape<ObjectOut<D>>;
  read.safeParse = (value) => {
    const got = read(value);
    return got === BAD ? { success: false } : { success: true, data: got };
  };
  return read;
}

/**
 * An object that may be absent or null (zod's `z.optional(z.nullable(object))`): absent → undefined,
 * null → null, a valid object → its fields, anything else fails the enclosing object.
 */
export function optObject<T>(shape: Shape<T>): Field<T | null | undefined> {
  return (v) => (v === undefined || v === null ? v : shape(v));
}

// ---------------------------------------------------------------------------------------------
// Bounded JSON parsing.

/**
 * True when the JSON text nests brackets deeper than `limit` (strings skipped). One linear pass;
 * strings are jumped over with `indexOf`, so it costs a fraction of a character-by-character scan.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  const n = text.length;
  let k = 0;
  while (k < n) {
    const c = text.charCodeAt(k);
    if (c === 34 /* " */) {
      // The closing quote: the next '"' not escaped by an odd number of backslashes.
      let j = k + 1;
      for (;;) {
        j = text.indexOf('"', j);
        if (j < 0) return false; // unterminated string: nothing after it counts
        let backslashes = 0;
        while (text.charCodeAt(j - 1 - backslashes) === 92 /* \\ */) backslashes++;
        if (backslashes % 2 === 0) break;
        j++;
      }
      k = j + 1;
      continue;
    }
    if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > limit) return true;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
    k++;
  }
  return false;
}

/** True when a parsed JSON value nests objects/arrays deeper than `limit` (a bare `{}` is depth 1). */
export function deeperThan(value: unknown, limit: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (limit <= 0) return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (deeperThan(value[i], limit - 1)) return true;
    return false;
  }
  for (const k in value) if (deeperThan((value as Record<string, unknown>)[k], limit - 1)) return true;
  return false;
}

/**
 * Texts up to this length are parsed first and their nesting checked on the parsed value (a walk
 * of the containers, several times cheaper than scanning the text). Longer texts are scanned
 * first, so hostile megabytes of `[[[[…` never reach JSON.parse. (JSON.parse in V8, SpiderMonkey
 * and JavaScriptCore is iterative: 32 K levels cannot overflow the stack and parse in a few ms.)
 */
export const SCAN_FIRST_ABOVE = 64 * 1024;

/**
 * JSON text → its value, refusing nesting deeper than `limit`: `'deep'` when the text nests
 * deeper (whether or not it is valid JSON, as a scan before parsing would say), `'invalid'` when
 * it is not JSON. Never throws.
 *
 * One difference from scanning every text first: a deep value under a key that a later duplicate
 * of the same key replaces (`{"a":[[[…]]],"a":1}`) is not seen in a short text, since it is not in
 * the parsed value at all.
 */
export function parseJsonWithin(text: string, limit: number): { value: unknown } | 'deep' | 'invalid' {
  const short = text.length <= SCAN_FIRST_ABOVE;
  if (!short && nestsDeeperThan(text, limit)) return 'deep';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return short && nestsDeeperThan(text, limit) ? 'deep' : 'invalid';
  }
  if (short && deeperThan(value, limit)) return 'deep';
  return { value };
}

// ---------------------------------------------------------------------------------------------
// Bodies.

/** The sentence tail every "format changed" failure uses. */
export const SHAPE_MESSAGE = 'no longer has the expected shape — the provider may have changed platform';

/** The failure for a body (named by `what`) that is JSON of the wrong shape. */
export function shapeFailure(what = 'the status feed'): Result<never> {
  return fail('schema', `${what} ${SHAPE_MESSAGE}`);
}

/** Deepest JSON nesting we accept. Real Statuspage bodies nest about 5 levels. */
export const MAX_DEPTH = 64;

const BOM = /^\uFEFF/;
const BOMS = /^[\uFEFF\uFFFE]/;

/** `body` without its BOM and outer whitespace → a JSON value nested at most MAX_DEPTH deep, or a failure. */
function readJson(body: unknown, bom: RegExp, what: string): Result<unknown> {
  if (typeof body !== 'string') return fail('parse', `${what} could not be read`);
  const trimmed = body.replace(bom, '').trim();
  if (trimmed === '') return fail('parse', `${what} was empty`);
  if (trimmed[0] === '<') {
    return fail('parse', `${what} answered with a web page (HTML) instead of JSON — the page may have moved`);
  }
  // Nesting deeper than MAX_DEPTH is a shape failure (checked before JSON.parse for long texts).
  const parsed = parseJsonWithin(trimmed, MAX_DEPTH);
  if (parsed === 'deep') return fail('schema', `${what} ${SHAPE_MESSAGE}`);
  if (parsed === 'invalid') return fail('parse', `${what} is not valid JSON`);
  return ok(parsed.value);
}

/**
 * Body text → JSON value that is an object (not an array). Never throws.
 * `what` names the body in messages, e.g. "the status feed".
 */
export function readJsonObject(body: unknown, what = 'the status feed'): Result<Record<string, unknown>> {
  const value = readJson(body, BOM, what);
  if (!value.ok) return value;
  if (!isRecord(value.value)) return fail('schema', `${what} ${SHAPE_MESSAGE}`);
  return ok(value.value);
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

/** Body → validated envelope. Never throws. */
export function readWith<T>(schema: Shape<T>, body: unknown, what = 'the status feed'): Result<T> {
  const json = readJsonObject(body, what);
  if (!json.ok) return json;
  try {
    const parsed = schema.safeParse(json.value);
    if (!parsed.success) return fail('schema', `${what} ${SHAPE_MESSAGE}`);
    return ok(parsed.data);
  } catch {
    return fail('schema', `${what} ${SHAPE_MESSAGE}`);
  }
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

/** Base URL without trailing slashes. */
export function trimBase(baseUrl: string): string {
  return typeof baseUrl === 'string' ? baseUrl.trim().replace(/\/+$/, '') : '';
}

/** `endpoints` of a format read from one JSON body at the catalog URL itself. */
export const jsonFeedAt = (url: string): FeedRequest[] => [{ url: trimBase(url), expect: 'json' }];

// ---------------------------------------------------------------------------------------------
// Lists and ids.

/** Read each element; skip the malformed ones; `allBad` when a non-empty list had no good element. */
export function eachValid<T>(rows: readonly unknown[], read: (row: unknown) => T | null): { items: T[]; allBad: boolean } {
  const items: T[] = [];
  let bad = 0;
  for (const row of rows) {
    let item: T | null;
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

/** A row of `shape`, or null when it is not one (not an object, or a field of the wrong kind). */
export function rowOf<T>(raw: unknown, shape: Shape<T>): T | null {
  const p = shape.safeParse(raw);
  return p.success ? p.data : null;
}

/**
 * `eachValid` over rows of one shape: a row that is not of `shape` is malformed, a row of it is
 * given to `read` (which may still turn it down with null).
 */
export function eachOfShape<S, T>(rows: readonly unknown[], shape: Shape<S>, read: (row: S) => T | null): { items: T[]; allBad: boolean } {
  return eachValid(rows, (raw) => {
    const p = shape.safeParse(raw);
    return p.success ? read(p.data) : null;
  });
}

/**
 * `table[key]` when the table has its own entry for `key` (a string or a number), else undefined:
 * a feed word such as "constructor" must not find an inherited property. Adapters keep their word/code tables small
 * and literal, and look them up with this.
 */
export function lookup<K extends string | number, V>(table: Readonly<Partial<Record<K, V>>>, key: unknown): V | undefined {
  if (typeof key !== 'string' && typeof key !== 'number') return undefined;
  return Object.prototype.hasOwnProperty.call(table, key) ? (table as Record<string | number, V>)[key] : undefined;
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

/** Sort key: ISO time → epoch ms, missing or unreadable → -Infinity (sorted last when newest first). */
function timeOf(iso: string | null): number {
  if (iso === null) return -Infinity;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : -Infinity;
}

/**
 * Items newest first by their time `at(item)` (an ISO string from toIso, or null: last); ties keep
 * their order; at most `max`. The same as a stable sort on `Date.parse(at)` descending, but when
 * the feed already lists them newest first (the usual case) that is seen from the strings alone:
 * `toISOString()` output of years 0000–9999 sorts as text in time order. Always a new array.
 *
 * Why the fast path: sorting by `Date.parse` was the next largest cost of a summary after dates.
 */
export function newestFirstBy<T>(items: readonly T[], at: (item: T) => string | null, max = Infinity): T[] {
  let ordered = true;
  let previous = '';
  for (let k = 0; k < items.length && ordered; k++) {
    const t = at(items[k]!);
    if (t === null) {
      ordered = items.length <= 1;
      break;
    }
    const c = t.charCodeAt(0);
    if (t.length !== 24 || c < 48 || c > 57 || (k > 0 && previous < t)) ordered = false;
    previous = t;
  }
  if (ordered) return items.slice(0, max);
  return items
    .map((item, order) => ({ item, order, t: timeOf(at(item)) }))
    .sort((a, b) => (b.t === a.t ? a.order - b.order : b.t > a.t ? 1 : -1))
    .slice(0, max)
    .map((x) => x.item);
}

/**
 * Update rows → updates, newest first: each row read with `shape`, then `toUpdate`. A row that is
 * not an object of that shape, or that `toUpdate` turns down (no readable time: it cannot be placed
 * on the timeline, and we never date it "now"), is dropped.
 */
export function updatesFrom<T>(rows: readonly unknown[], shape: Shape<T>, toUpdate: (row: T) => OfficialUpdate | null): OfficialUpdate[] {
  const out: OfficialUpdate[] = [];
  for (const raw of rows) {
    const parsed = shape.safeParse(raw);
    const update = parsed.success ? toUpdate(parsed.data) : null;
    if (update !== null) out.push(update);
  }
  return newestFirst(out);
}

/** Updates newest first (see `newestFirstBy`). */
export function newestFirst(updates: readonly OfficialUpdate[]): OfficialUpdate[] {
  return newestFirstBy(updates, (u) => u.at);
}

// ---------------------------------------------------------------------------------------------
// Names and text. Fast paths for what every adapter does to every name: a name already on one
// line skips the whitespace pass (checked by fast-check in test/unit/official/quick.test.ts).

/** `htmlToText(input, max)` (htmlToText has its own plain-text fast path). */
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

/** A display name: markup removed, whitespace folded to single spaces, bounded. */
export const cleanName = (value: unknown, max = MAX_NAME): string => nameOf(value, max);

/** A feed word for table lookups: trimmed and lower-cased; not a string → ''. */
export const word = (v: unknown): string => (typeof v === 'string' ? v.trim().toLowerCase() : '');

// ---------------------------------------------------------------------------------------------
// Lifecycle words.

/**
 * Lifecycle words as Statuspage spells them, which are the model's own words plus `postmortem`
 * (resolved, with a write-up to come). Statuspage's API, its RSS history labels and incident.io's
 * shim all use them.
 */
const LIFECYCLE_WORDS: Record<string, IncidentStatus> = {
  investigating: 'investigating',
  identified: 'identified',
  monitoring: 'monitoring',
  resolved: 'resolved',
  postmortem: 'resolved',
  scheduled: 'scheduled',
  in_progress: 'in_progress',
  verifying: 'verifying',
  completed: 'completed',
};

/** A lifecycle word (`postmortem` → resolved) → model status; anything else → 'unknown'. */
export function mapIncidentStatus(value: unknown): IncidentStatus {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(LIFECYCLE_WORDS, value) ? LIFECYCLE_WORDS[value]! : 'unknown';
}

// ---------------------------------------------------------------------------------------------
// Scope (ParseContext.scope): names compared trimmed and case-insensitively, whole names only.

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

/**
 * Whether an incident belongs to a scoped service, given the component names it names.
 * An incident the provider attributed to no component at all is kept: a scoped service must not
 * go quiet about an outage just because the provider did not say which part it hits.
 */
export function incidentInScope(scope: readonly string[] | undefined, components: readonly string[]): boolean {
  const match = scopeMatcher(scope);
  return match === null || components.length === 0 || components.some(match);
}

/**
 * The failure for a scope that matches nothing the feed lists: the provider renamed or dropped the
 * part this service is about, and silence about it must not read as "operational".
 */
export function notListed(scope: readonly string[], what = 'the status feed'): Result<never> {
  const names = scope.map((s) => `“${s}”`).join(', ');
  return fail('schema', `${what} no longer lists ${names} — the provider may have renamed it`);
}

/**
 * The components a scoped service is about: those whose name is in the scope (all of them when
 * there is no usable scope). A scope that matches none of a non-empty list is `notListed`.
 */
export function componentsInScope<C extends { name: string }>(
  scope: readonly string[] | undefined,
  components: readonly C[],
  what = 'the status feed',
): Result<C[]> {
  const match = scopeMatcher(scope);
  if (match === null) return ok([...components]);
  const mine = components.filter((c) => match(c.name));
  if (components.length > 0 && mine.length === 0) return notListed(scope!, what);
  return ok(mine);
}

// ---------------------------------------------------------------------------------------------
// Snapshots.

/**
 * A snapshot that states nothing: no page status, no component with a known status, nothing open.
 * For formats whose every real document states a page or component status (Statuspage and its
 * incident.io shim, Heroku, status.io, Instatus, Cachet) that means the format changed under us, and it
 * must read as `unknown`, never `ok`. (RSS history feeds are different: an empty one is healthy.)
 */
export function statesNothing(s: OfficialSnapshot): boolean {
  return (
    s.indicator === 'unknown' &&
    s.components.every((c) => c.status === 'unknown') &&
    s.incidents.length === 0 &&
    s.maintenances.every((m) => m.status !== 'in_progress') // an upcoming window says nothing about now
  );
}

export const STATES_NOTHING_MESSAGE =
  'the status feed states no status at all (no page or component status, nothing open) — it may have changed';

/** The snapshot of a format that always states a status, or the failure when it states nothing. */
export function stated(snapshot: OfficialSnapshot): Result<OfficialSnapshot> {
  return statesNothing(snapshot) ? fail('schema', STATES_NOTHING_MESSAGE) : ok(snapshot);
}

/**
 * The snapshot of a format that lists components only (no incidents, no page status): the page
 * indicator is the worst component. Read rows that were all malformed are a shape failure.
 */
export function componentsOnly(rows: { items: readonly OfficialComponent[]; allBad: boolean }): Result<OfficialSnapshot> {
  if (rows.allBad) return shapeFailure();
  return stated({
    indicator: worstStatus(rows.items.map((c) => c.status)),
    description: null,
    components: rows.items.slice(0, MAX_COMPONENTS),
    incidents: [],
    maintenances: [],
    recent: [],
  });
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
  if (maintenances.some((m) => isMaintenanceUnderWay(m.status))) worst = worse(worst, 'maintenance');
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

/**
 * An adapter's `parse` for a one-body format, guarded: the body must have been read, and nothing
 * thrown escapes (an internal error reads as `unknown` with its reason, never as `ok`).
 */
export function parseFirst<T>(bodies: readonly string[], read: (body: string) => Result<T>, what = 'the status feed'): Result<T> {
  return guarded(() => (bodies.length < 1 ? fail('internal', `${what} was not read`) : read(bodies[0]!)), what);
}

/** `read()`, with anything it throws turned into an internal failure naming `what`. */
export function guarded<T>(read: () => Result<T>, what = 'the status feed'): Result<T> {
  try {
    return read();
  } catch {
    return fail('internal', `${what} could not be read because of an internal error`);
  }
}

/**
 * The three lists of a snapshot from every incident a feed lists: open incidents and open
 * maintenances newest first by `openedAt` (at most MAX_OPEN each), and closed ones that ended
 * within the recent window, newest resolution first (at most MAX_RECENT).
 */
export function snapshotLists(
  all: readonly OfficialIncident[],
  now: number,
  openedAt: (i: OfficialIncident) => string | null,
): Pick<OfficialSnapshot, 'incidents' | 'maintenances' | 'recent'> {
  const open = all.filter((i) => !isClosed(i.status));
  return {
    incidents: newestFirstBy(
      open.filter((i) => i.kind === 'incident'),
      openedAt,
      MAX_OPEN,
    ),
    maintenances: newestFirstBy(
      open.filter((i) => i.kind === 'maintenance'),
      openedAt,
      MAX_OPEN,
    ),
    recent: newestFirstBy(
      all.filter((i) => isClosed(i.status) && endedRecently(i.resolvedAt, now)),
      (i) => i.resolvedAt,
      MAX_RECENT,
    ),
  };
}
