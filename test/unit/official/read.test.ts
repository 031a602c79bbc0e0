/**
 * core/official/read.ts against the zod/mini schemas it replaced: each pattern is built both ways
 * and fed the same inputs (a table of edge cases, then fast-check), and the results compared.
 *
 * Known and intended differences, normalised away below (no adapter can tell them apart):
 * - an absent leaf reads as null (zod: the key is left out, i.e. undefined); adapters read leaves
 *   with `??`, `typeof` or `=== true`, never `=== undefined`;
 * - a list or record is passed through as the same array/object (zod copies it);
 * - on non-JSON values (Dates, class instances, inherited keys) they may differ; bodies come from
 *   JSON.parse, which makes none of those.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import {
  BAD,
  bool,
  deeperThan,
  flag,
  list,
  looseList,
  looseRecord,
  nestsDeeperThan,
  object,
  optList,
  optObject,
  parseJsonWithin,
  str,
  strOrNum,
  type Shape,
} from '../../../core/official/kit';

// The zod patterns, exactly as the adapters wrote them before.
const zs = {
  str: z.catch(z.optional(z.nullable(z.string())), null),
  bool: z.catch(z.optional(z.nullable(z.boolean())), null),
  strOrNum: z.catch(z.optional(z.nullable(z.union([z.string(), z.number()]))), null),
  flag: z.catch(z.optional(z.nullable(z.union([z.boolean(), z.number(), z.string()]))), null),
  looseList: z.catch(z.optional(z.nullable(z.array(z.unknown()))), null),
  looseRecord: z.catch(z.optional(z.nullable(z.record(z.string(), z.unknown()))), null),
  list: z.array(z.unknown()),
  optList: z.optional(z.nullable(z.array(z.unknown()))),
};

/** Leaf keys (absent → null in read.ts) of each pair below, nested objects by key. */
type Spec = { [key: string]: 'leaf' | 'list' | Spec };

interface Pair {
  name: string;
  zod: z.ZodMiniType;
  read: Shape<unknown>;
  spec: Spec;
}

const leafPair = { a: str, b: bool, c: strOrNum, d: flag, e: looseList, f: looseRecord };
const leafZod = { a: zs.str, b: zs.bool, c: zs.strOrNum, d: zs.flag, e: zs.looseList, f: zs.looseRecord };
const leafSpec: Spec = { a: 'leaf', b: 'leaf', c: 'leaf', d: 'leaf', e: 'leaf', f: 'leaf' };

const PAIRS: Pair[] = [
  { name: 'leaves', zod: z.object(leafZod), read: object(leafPair), spec: leafSpec },
  {
    // statuspage summarySchema / statusio publicStatusSchema patterns
    name: 'envelope',
    zod: z.object({
      status: z.optional(z.nullable(z.object({ indicator: zs.str, description: zs.str }))),
      components: zs.list,
      incidents: zs.optList,
    }),
    read: object({ status: optObject(object({ indicator: str, description: str })), components: list, incidents: optList }),
    spec: { status: { indicator: 'leaf', description: 'leaf' }, components: 'list', incidents: 'list' },
  },
  {
    // instatus summarySchema: a required nested object
    name: 'required nested object',
    zod: z.object({ page: z.object({ name: zs.str, status: zs.str }), activeIncidents: zs.optList }),
    read: object({ page: object({ name: str, status: str }), activeIncidents: optList }),
    spec: { page: { name: 'leaf', status: 'leaf' }, activeIncidents: 'list' },
  },
];

/** zod's and read.ts's data made comparable: absent leaves → null, lists/records by value. */
function normal(value: unknown, spec: Spec): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, s] of Object.entries(spec)) {
    const v = (value as Record<string, unknown>)[k];
    if (s === 'leaf') out[k] = v === undefined ? null : v;
    else if (s === 'list') out[k] = v;
    else out[k] = v === undefined || v === null ? v : normal(v, s);
  }
  return JSON.parse(JSON.stringify(out, (_k, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? `#${String(x)}` : x)));
}

function compare(pair: Pair, input: unknown): void {
  const a = pair.zod.safeParse(input);
  const b = pair.read.safeParse(input);
  expect(b.success, `${pair.name}: success for ${String(JSON.stringify(input))}`).toBe(a.success);
  if (a.success && b.success) expect(normal(b.data, pair.spec)).toEqual(normal(a.data, pair.spec));
}

const ODD: unknown[] = [
  undefined,
  null,
  '',
  'x',
  ' ',
  0,
  -0,
  1,
  -1.5,
  1e308,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  true,
  false,
  [],
  [1, 'a', null],
  {},
  { a: 1 },
  '1',
  'true',
  [[]],
];

describe('read.ts matches zod/mini', () => {
  it('leaf readers, value by value', () => {
    const pairs: [string, (v: unknown) => unknown, z.ZodMiniType][] = [
      ['str', str, zs.str],
      ['bool', bool, zs.bool],
      ['strOrNum', strOrNum, zs.strOrNum],
      ['flag', flag, zs.flag],
      ['looseList', looseList, zs.looseList],
      ['looseRecord', looseRecord, zs.looseRecord],
    ];
    for (const [name, read, schema] of pairs) {
      for (const v of ODD) {
        const want = (schema.safeParse(v) as { data: unknown }).data;
        // absent → null (zod: undefined); otherwise the same value
        expect(read(v), `${name}(${String(v)})`).toEqual(want === undefined ? null : want);
      }
    }
  });

  it('required and optional lists', () => {
    for (const v of ODD) {
      const l = zs.list.safeParse(v);
      expect(list(v) === BAD, `list(${String(v)})`).toBe(!l.success);
      const o = zs.optList.safeParse(v);
      expect(optList(v) === BAD, `optList(${String(v)})`).toBe(!o.success);
      if (o.success) expect(optList(v)).toEqual(o.data);
    }
  });

  it('objects: a table of envelopes', () => {
    const inputs: unknown[] = [
      ...ODD,
      { components: [] },
      { components: [], incidents: null },
      { components: [], incidents: 'x' },
      { components: {}, incidents: [] },
      { components: null },
      { status: null, components: [] },
      { status: [], components: [] },
      { status: 'up', components: [] },
      { status: { indicator: 3, description: ['x'] }, components: [1], extra: true },
      { status: { indicator: 'minor' }, components: [], incidents: [{}] },
      { page: {} },
      { page: null },
      { page: { name: 'x', status: 5 }, activeIncidents: [] },
      { page: { name: 'x' }, activeIncidents: {} },
      { a: 'x', b: 'true', c: Number.NaN, d: Number.POSITIVE_INFINITY, e: {}, f: [] },
      { a: 1, b: true, c: '7', d: 0, e: [1], f: { k: 1 } },
      { a: null, b: null, c: null, d: null, e: null, f: null },
      JSON.parse('{"__proto__":{"a":"x"},"a":"own","components":[]}'),
    ];
    for (const pair of PAIRS) for (const input of inputs) compare(pair, input);
  });

  it('objects: random JSON-like values (fast-check)', () => {
    const leaf = fc.oneof(
      fc.string({ maxLength: 4 }),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 2 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 }),
    );
    const keys = fc.constantFrom(
      'a',
      'b',
      'c',
      'd',
      'e',
      'f',
      'status',
      'indicator',
      'description',
      'components',
      'incidents',
      'page',
      'name',
      'activeIncidents',
      'zz',
    );
    const obj = fc.letrec((tie) => ({
      node: fc.oneof({ maxDepth: 3 }, leaf, fc.dictionary(keys, tie('node'), { maxKeys: 8 })),
    })).node;
    fc.assert(
      fc.property(obj, (input) => {
        for (const pair of PAIRS) compare(pair, input);
      }),
      { numRuns: 2000, seed: 20260923 },
    );
  });
});

describe('bounded JSON parsing', () => {
  const deep = (n: number): string => '['.repeat(n) + ']'.repeat(n);
  it('nestsDeeperThan counts brackets outside strings only', () => {
    expect(nestsDeeperThan(deep(64), 64)).toBe(false);
    expect(nestsDeeperThan(deep(65), 64)).toBe(true);
    expect(nestsDeeperThan(`["${'['.repeat(100)}"]`, 64)).toBe(false);
    expect(nestsDeeperThan(`["\\"${'['.repeat(100)}"]`, 64)).toBe(false);
    expect(nestsDeeperThan(`["\\\\"${'['.repeat(100)}]`, 64)).toBe(true); // the quote closes: the brackets count
    expect(nestsDeeperThan(`"${'['.repeat(100)}`, 64)).toBe(false); // unterminated string
  });

  it('deeperThan on values agrees with the text for valid JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 9 }), (v, limit) => {
        expect(deeperThan(v, limit)).toBe(nestsDeeperThan(JSON.stringify(v), limit));
      }),
      { numRuns: 1000, seed: 7 },
    );
  });

  it('parseJsonWithin says what a scan before JSON.parse would, short and long texts alike', () => {
    const pad = (s: string): string => `${s}${' '.repeat(70_000)}`;
    for (const text of [deep(64), deep(65), `${deep(65)}x`, '[1,', `{"a":${deep(70)}}`, '"[[[[', `{"a":"${'['.repeat(99)}"}`]) {
      for (const t of [text, pad(text)]) {
        let parses = true;
        try {
          JSON.parse(t);
        } catch {
          parses = false;
        }
        const want = nestsDeeperThan(t, 64) ? 'deep' : parses ? 'value' : 'invalid';
        const got = parseJsonWithin(t, 64);
        expect(typeof got === 'string' ? got : 'value', t.slice(0, 40)).toBe(want);
      }
    }
    expect(parseJsonWithin('{"a":[1]}', 64)).toEqual({ value: { a: [1] } });
  });
});
