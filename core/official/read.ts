/**
 * Tiny structural readers for feed JSON, replacing zod/mini in the worker's hot path.
 *
 * Why not zod: every adapter runs on every poll, most bodies are a few KB, and zod's per-call cost
 * (building issue lists, cloning objects) was several times the `JSON.parse` of the same bytes; it
 * was also ~9 KB gzipped of the worker bundle. Feeds need only four things, all here: "a leaf of
 * the wrong type reads as absent" (`str`, `bool`, `strOrNum`, `flag`, `looseList`, `looseRecord`),
 * "this list must be there" (`list`), "this list may be missing but not wrong" (`optList`), and
 * objects of such fields (`object`), with zod's `safeParse` result shape so adapters read the same.
 *
 * Semantics match the zod schemas they replaced (tested in test/unit/official/read.test.ts):
 * `object` accepts a non-null, non-array object, copies only the declared keys, and fails if any
 * field fails; extra keys are ignored.
 */

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
export const strOrNum: Field<string | number | null> = (v) => (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) ? v : null);
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
