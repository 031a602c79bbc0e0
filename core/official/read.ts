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
