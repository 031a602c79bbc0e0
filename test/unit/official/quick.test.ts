/**
 * core/official/quick.ts (and the date fast paths in feedkit.ts) give exactly what the slow paths
 * give: htmlToText, toIso, the stable Date.parse sort, and Date.UTC + toISOString for the
 * zone-less and JavaScript `Date.toString()` forms. fast-check, on inputs made of the characters
 * and fields where the fast and slow paths meet.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OfficialUpdate } from '../../../core/model';
import { anyDate, canonicalIso, isoOf, jsDateString, zonelessAsUtc } from '../../../core/official/dates';
import { nameOf, newestFirst, textOf } from '../../../core/official/kit';
import { htmlToText, toIso } from '../../../core/text';

const RUNS = 3000;

// Characters where htmlToText's passes differ: markup, entities, every kind of space and break.
const textChar = fc.constantFrom(
  'a',
  'b',
  'p',
  'r',
  ' ',
  ' ',
  '\n',
  '\r',
  '\t',
  '\f',
  '\v',
  '\u00a0',
  '\u2003',
  '\u3000',
  '\ufeff',
  '<',
  '>',
  '/',
  '&',
  ';',
  '#',
  '1',
  'x',
  '!',
  '-',
  '\ud83d\ude00',
  '\ud83d',
);
// Without '<' and '&' (the whitespace-only path) most of the time, with them (the full path) too.
const spaceChar = fc.constantFrom(
  'a',
  'b',
  ' ',
  ' ',
  ' ',
  '\n',
  '\n',
  '\r',
  '\t',
  '\f',
  '\v',
  '\u00a0',
  '\u2003',
  '\ufeff',
  '\ud83d\ude00',
  '\ud83d',
);
const text = fc.oneof(
  { weight: 3, arbitrary: fc.array(spaceChar, { maxLength: 40 }).map((a) => a.join('')) },
  { weight: 1, arbitrary: fc.array(textChar, { maxLength: 40 }).map((a) => a.join('')) },
);
const max = fc.integer({ min: 1, max: 30 });

describe('quick text', () => {
  it('textOf(s, max) === htmlToText(s, max)', () => {
    fc.assert(
      fc.property(text, max, (s, m) => {
        expect(textOf(s, m)).toBe(htmlToText(s, m));
      }),
      { numRuns: 200, seed: 1 },
    );
    expect(textOf('a  b')).toBe(htmlToText('a  b'));
  });

  it('nameOf(s, max) === htmlToText(s, max) on one line', () => {
    fc.assert(
      fc.property(text, max, (s, m) => {
        expect(nameOf(s, m)).toBe(htmlToText(s, m).replace(/\s+/g, ' '));
      }),
      { numRuns: RUNS, seed: 2 },
    );
  });
});

// Date-time fields around every edge (month 0/13, 29–31 February, hour 24, second 60, years < 1000).
const year = fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(0, 99, 100, 999, 1000, 1900, 2000, 2100, 2024, 2023));
const fields = fc.record({
  y: year,
  mo: fc.integer({ min: 0, max: 13 }),
  d: fc.integer({ min: 0, max: 32 }),
  h: fc.integer({ min: 0, max: 25 }),
  mi: fc.integer({ min: 0, max: 61 }),
  s: fc.integer({ min: 0, max: 61 }),
  ms: fc.option(fc.integer({ min: 0, max: 999 }), { nil: undefined }),
});
const p = (n: number, w = 2): string => String(n).padStart(w, '0');

describe('quick dates', () => {
  it('isoOf(x) === toIso(x)', () => {
    const iso = fields.map(
      ({ y, mo, d, h, mi, s, ms }) => `${p(y, 4)}-${p(mo)}-${p(d)}T${p(h)}:${p(mi)}:${p(s)}${ms === undefined ? '' : `.${p(ms, 3)}`}Z`,
    );
    const real = fc.date({ min: new Date(-1e14), max: new Date(1e14), noInvalidDate: true }).map((d) => d.toISOString());
    fc.assert(
      fc.property(
        fc.oneof(
          iso,
          real,
          real.map((s) => s.replace('.000Z', 'Z')),
          fc.string({ maxLength: 30 }),
        ),
        (s) => {
          expect(isoOf(s)).toBe(toIso(s));
          if (canonicalIso(s) !== null) expect(anyDate(s)).toBe(canonicalIso(s));
        },
      ),
      { numRuns: RUNS, seed: 3 },
    );
    for (const v of [undefined, null, 0, 1e12, '', ' 2024-01-01T00:00:00Z', '2024-02-29T00:00:00Z', '2023-02-29T00:00:00Z'])
      expect(isoOf(v)).toBe(toIso(v));
  });

  /** feedkit's utcIso before the fast paths (Date.UTC, rollover check, toISOString). */
  function slowUtc(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, offsetMin: number): string | null {
    if (mo < 0 || mo > 11 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
    const t = Date.UTC(y, mo, d, h, mi, s, ms) - offsetMin * 60_000;
    if (!Number.isFinite(t)) return null;
    if (new Date(Date.UTC(y, mo, d)).getUTCMonth() !== mo) return null;
    return new Date(t).toISOString();
  }

  it('zonelessAsUtc: the same as Date.UTC + toISOString', () => {
    const digits = fc.option(
      fc.integer({ min: 0, max: 999_999 }).map((n) => String(n)),
      { nil: undefined },
    );
    fc.assert(
      fc.property(fields, digits, fc.boolean(), ({ y, mo, d, h, mi, s }, frac, withSeconds) => {
        const text = `${p(y, 4)}-${p(mo)}-${p(d)} ${p(h)}:${p(mi)}${withSeconds ? `:${p(s)}${frac ? `.${frac}` : ''}` : ''}`;
        const ms = withSeconds && frac ? Number(frac.padEnd(3, '0').slice(0, 3)) : 0;
        expect(zonelessAsUtc(text)).toBe(slowUtc(y, mo - 1, d, h, mi, withSeconds ? s : 0, ms, 0));
      }),
      { numRuns: RUNS, seed: 4 },
    );
  });

  it('jsDateString: the same as Date.UTC + toISOString', () => {
    const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    const zone = fc.constantFrom('GMT+0000', 'GMT-0000', 'GMT', 'UTC', 'GMT+0130', 'GMT-0800', 'GMT+1500');
    fc.assert(
      fc.property(fields, zone, fc.boolean(), fc.boolean(), ({ y, mo, d, h, mi, s }, z, padDay, withSeconds) => {
        const m = Math.min(Math.max(mo, 1), 12);
        const text = `Sat ${MONTHS[m - 1]} ${padDay ? p(d) : String(d)} ${p(y, 4)} ${String(h)}:${p(mi)}${withSeconds ? `:${p(s)}` : ''} ${z} (Coordinated Universal Time)`;
        const zm = /([+-])(\d\d)(\d\d)$/.exec(z);
        const offset = zm ? (zm[1] === '-' ? -1 : 1) * (Number(zm[2]) * 60 + Number(zm[3])) : 0;
        const want = Math.abs(offset) > 14 * 60 ? null : slowUtc(y, m - 1, d, h, mi, withSeconds ? s : 0, 0, offset);
        expect(jsDateString(text)).toBe(want);
      }),
      { numRuns: RUNS, seed: 5 },
    );
  });
});

describe('newestFirst', () => {
  /** The sort it replaces: stable, Date.parse descending. */
  const reference = (updates: readonly OfficialUpdate[]): OfficialUpdate[] =>
    updates
      .map((update, order) => ({ update, order, t: Date.parse(update.at) }))
      .sort((a, b) => b.t - a.t || a.order - b.order)
      .map((x) => x.update);

  it('is the stable Date.parse sort, sorted input or not, with ties and six-digit years', () => {
    const at = fc.oneof(
      fc.constantFrom('2024-01-01T00:00:00.000Z', '2024-01-01T00:00:01.000Z', '2023-12-31T23:59:59.999Z'),
      fc.date({ min: new Date(-1e15), max: new Date(1e15), noInvalidDate: true }).map((d) => d.toISOString()),
    );
    const updates = fc
      .array(at, { maxLength: 8 })
      .map((ats) => ats.map((a, k) => ({ at: a, status: 'unknown' as const, text: String(k) })));
    fc.assert(
      fc.property(updates, fc.boolean(), (us, presort) => {
        const input = presort ? reference(us) : us;
        const got = newestFirst(input);
        expect(got).toEqual(reference(input));
        expect(got).not.toBe(input);
      }),
      { numRuns: RUNS, seed: 6 },
    );
  });
});
