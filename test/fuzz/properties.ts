/**
 * The fuzz properties, shared by the full fuzz run (test/fuzz/*.fuzz.ts, FUZZ_RUNS=10000) and the
 * smoke run inside the normal unit suite (test/unit/fuzz-smoke.test.ts, 100 runs).
 *
 * Four input families per target, each one `fc.assert` of `numRuns` cases:
 *   random    random bodies (strings, fc.json, fc.anything, fixture-vocabulary JSON, random XML)
 *   mutation  real fixtures mutated (mutate.ts)
 *   stripped  a real fixture with an open incident, every status field removed (+ hostile text)
 *   updates   a real fixture with K well-formed updates added to an open incident
 * and the properties checked on them (README has the exact statements):
 *   no-throw                every family: nothing escapes `parse` / `history.parse`
 *   text-is-text            every successful output: no markup in text, http(s) or null urls
 *   size-caps               every successful output: caps, linear size; every call: linear time
 *   garbage-not-ok          random: a failure is `unknown`; `ok` only when the snapshot states operational
 *   status-stripped-not-ok  stripped: the verdict is never `ok`
 *   updates-kept            updates: all K present, once, with their time and text, newest first
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { OfficialSnapshot, Result } from '../../core/model';
import type { ParseContext } from '../../core/official/types';
import { checkResult, statesOperational, verdictOf, verdictOfProblem, type Notes, type Violation } from './checks';
import { knownIssue } from './known-issues';
import {
  anyString,
  applyJsonPlan,
  applyXmlPlan,
  gentlePlan,
  gentleXmlPlan,
  jsonPlan,
  randomJsonBody,
  randomXmlBody,
  stripKeys,
  vocabOf,
  xmlPlan,
  xmlTexts,
  xmlVocab,
  type Json,
  type JsonPlan,
  type XmlPlan,
} from './mutate';
import type { FixtureCase, Target } from './targets';

export const FAMILIES = ['random', 'mutation', 'stripped', 'updates'] as const;
export type Family = (typeof FAMILIES)[number];

export const PROPERTIES = ['no-throw', 'text-is-text', 'size-caps', 'garbage-not-ok', 'status-stripped-not-ok', 'updates-kept'] as const;
export type Property = (typeof PROPERTIES)[number];

/** Fixed default seed; FUZZ_SEED overrides. Each (target, family) derives its own from it. */
export const BASE_SEED =
  Number.isFinite(Number(process.env.FUZZ_SEED)) && process.env.FUZZ_SEED !== undefined && process.env.FUZZ_SEED !== ''
    ? Number(process.env.FUZZ_SEED)
    : 20260923;
/** FUZZ_STRICT=1: known issues fail like new ones. */
export const STRICT = process.env.FUZZ_STRICT === '1';

export function runsFromEnv(fallback: number): number {
  const n = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < s.length; k++) h = Math.imul(h ^ s.charCodeAt(k), 0x01000193);
  return h >>> 0;
}

export const seedFor = (target: string, family: string): number => (BASE_SEED + hash(`${target}/${family}`)) | 0;

// ---------------------------------------------------------------------------------------------
// Tally: what ran, for the end-of-run report.

export interface TargetTally {
  counts: Record<string, number>;
  known: Record<string, { count: number; example: string }>;
  notes: Notes & { maxMs: number; maxMsChars: number; okResults: number; failedResults: number; okVerdicts: number };
}

export class Tally {
  readonly targets = new Map<string, TargetTally>();

  of(target: string): TargetTally {
    let t = this.targets.get(target);
    if (!t) {
      t = {
        counts: {},
        known: {},
        notes: { literalLt: 0, maxRatio: 0, maxMs: 0, maxMsChars: 0, okResults: 0, failedResults: 0, okVerdicts: 0 },
      };
      this.targets.set(target, t);
    }
    return t;
  }

  count(target: string, property: Property | string, n = 1): void {
    const c = this.of(target).counts;
    c[property] = (c[property] ?? 0) + n;
  }

  lines(): string[] {
    const out: string[] = [];
    for (const [target, t] of this.targets) {
      const names = [
        ...PROPERTIES.filter((p) => t.counts[p] !== undefined),
        ...Object.keys(t.counts).filter((p) => !(PROPERTIES as readonly string[]).includes(p)),
      ];
      for (const p of names) out.push(`fuzz: ${target} ${p} ${t.counts[p]} cases`);
      const n = t.notes;
      if (n.okResults + n.failedResults === 0) continue;
      out.push(
        `fuzz: ${target} info: ${n.okResults} ok / ${n.failedResults} failed results, ${n.okVerdicts} 'ok' verdicts on random input, ` +
          `max output/input ${n.maxRatio.toFixed(1)}×, slowest call ${n.maxMs.toFixed(0)} ms (${n.maxMsChars} chars), literal '<x' text ${n.literalLt}`,
      );
      for (const [id, k] of Object.entries(t.known)) out.push(`fuzz: ${target} KNOWN ISSUE ${id}: ${k.count} cases, e.g. ${k.example}`);
    }
    return out;
  }

  toJSON(): Record<string, TargetTally> {
    return Object.fromEntries(this.targets);
  }
}

// ---------------------------------------------------------------------------------------------
// Cases.

interface Case {
  bodies: string[];
  ctx: ParseContext;
}

/** Parse time allowed for a call: 500 ms plus 2 µs per input character (see README "size-caps"). */
export const timeBudgetMs = (chars: number): number => 500 + chars * 0.002;

const chars = (bodies: readonly string[]): number => bodies.reduce((n, b) => n + b.length, 0);

function ctxOf(f: FixtureCase, scope?: string[]): ParseContext {
  return scope === undefined ? { now: f.now, baseUrl: f.baseUrl } : { now: f.now, baseUrl: f.baseUrl, scope };
}

/** Save a failing case for reproduction; returns the file path. */
function saveCase(target: string, family: string, c: Case, violations: readonly Violation[] | string): string {
  const dir = process.env.FUZZ_FAILURES_DIR ?? join(tmpdir(), 'acknowledged-fuzz-failures');
  try {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${target}-${family}-${Date.now()}.json`);
    writeFileSync(file, JSON.stringify({ target, family, ctx: c.ctx, bodies: c.bodies, violations }, null, 1));
    return file;
  } catch {
    return '(could not save)';
  }
}

const preview = (c: Case): string =>
  c.bodies.map((b, k) => `body[${k}] (${b.length} chars): ${JSON.stringify(b.slice(0, 300))}`).join('\n');

// ---------------------------------------------------------------------------------------------
// Generators per family.

const parsedFixtures = new Map<string, Json>();
/** A fixture body as JSON (parsed once; callers never change it: applyJsonPlan copies). */
function fixtureJson(target: Target, body: string): Json {
  const key = `${target.id}\u0000${body}`;
  let doc = parsedFixtures.get(key);
  if (doc === undefined) {
    doc = JSON.parse(target.unwrap ? target.unwrap(body) : body) as Json;
    parsedFixtures.set(key, doc);
  }
  return doc;
}

function serialiser(target: Target): (d: Json) => string {
  return (d) => (target.wrap ? target.wrap(JSON.stringify(d)) : JSON.stringify(d));
}

const vocabCache = new Map<string, ReturnType<typeof vocabOf>>();
function vocabFor(target: Target): ReturnType<typeof vocabOf> {
  let v = vocabCache.get(target.id);
  if (!v) {
    const docs: Json[] = [];
    for (const f of target.fixtures)
      for (const b of f.bodies) {
        try {
          docs.push(fixtureJson(target, b));
        } catch {
          /* XML */
        }
      }
    v = vocabOf(docs);
    vocabCache.set(target.id, v);
  }
  return v;
}

function xmlVocabFor(target: Target): { tags: string[]; words: string[] } {
  const tags = new Set<string>();
  const words = new Set<string>();
  for (const f of target.fixtures)
    for (const b of f.bodies) {
      const v = xmlVocab(b);
      v.tags.forEach((t) => tags.add(t));
      v.words.forEach((w) => words.add(w));
    }
  return { tags: [...tags], words: [...words].slice(0, 300) };
}

/** A context: mostly a fixture's own, sometimes odd clocks, odd base URLs, or a scope. */
function ctxArb(target: Target, words: readonly string[]): fc.Arbitrary<ParseContext> {
  const f = target.fixtures;
  return fc
    .record({
      fixture: fc.nat(),
      now: fc.oneof(
        { weight: 6, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.integer({ min: 946_684_800_000, max: 4_102_444_800_000 }) },
      ),
      baseUrl: fc.oneof(
        { weight: 8, arbitrary: fc.constant(null) },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            '',
            'not a url',
            'javascript:alert(1)//',
            'https://example.com/',
            'http://[::1]:99999/',
            'https://status.aws.amazon.com/x',
            'https://azure.status.microsoft/en-us/status/feed/',
          ),
        },
      ),
      scope: fc.oneof(
        { weight: 8, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.array(words.length > 0 ? fc.constantFrom(...words) : fc.string(), { minLength: 1, maxLength: 3 }) },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            [''],
            [' '],
            ['ec2'],
            ['Gmail'],
            ['Outlook.com'],
            ['iCloud Mail'],
            ['Mobile App'],
            ['Apps'],
            ['x'.repeat(300)],
          ),
        },
      ),
    })
    .map((r) => {
      const fx = f[r.fixture % f.length]!;
      const ctx: ParseContext = { now: r.now ?? fx.now, baseUrl: r.baseUrl ?? fx.baseUrl };
      if (r.scope !== undefined) ctx.scope = r.scope;
      return ctx;
    });
}

function randomBody(target: Target): fc.Arbitrary<string> {
  if (target.format === 'xml') {
    const v = xmlVocabFor(target);
    return fc.oneof(
      { weight: 6, arbitrary: randomXmlBody(v.tags, v.words) },
      { weight: 1, arbitrary: anyString },
      { weight: 1, arbitrary: fc.json({ maxDepth: 3 }) },
    );
  }
  const examples: Json[] = [];
  for (const f of target.fixtures)
    for (const b of f.bodies) {
      try {
        examples.push(fixtureJson(target, b));
      } catch {
        /* not JSON */
      }
    }
  return randomJsonBody(vocabFor(target), examples, target.wrap);
}

function randomCases(target: Target): fc.Arbitrary<Case> {
  const body = randomBody(target);
  const first = target.fixtures[0]!;
  const bodies: fc.Arbitrary<string[]> =
    target.arity === 1
      ? body.map((b) => [b])
      : fc.oneof(
          fc.array(body, { minLength: target.arity, maxLength: target.arity }),
          // One real body and one random one, so the random one is read past the envelope check.
          fc.tuple(fc.nat({ max: target.arity - 1 }), body).map(([slot, b]) => first.bodies.map((x, k) => (k === slot ? b : x))),
        );
  return fc.record({ bodies, ctx: ctxArb(target, vocabFor(target).words) });
}

interface MutationDesc {
  fixture: number;
  slot: number;
  json?: JsonPlan;
  xml?: XmlPlan;
  scope?: string[];
}

function mutationCases(target: Target): { arb: fc.Arbitrary<MutationDesc>; make: (d: MutationDesc) => Case } {
  const words = target.format === 'xml' ? xmlVocabFor(target).words : vocabFor(target).words;
  const scope = fc.oneof(
    { weight: 9, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.array(words.length > 0 ? fc.constantFrom(...words) : fc.string(), { minLength: 1, maxLength: 2 }) },
  );
  const arb: fc.Arbitrary<MutationDesc> =
    target.format === 'xml'
      ? fc.record(
          { fixture: fc.nat(), slot: fc.nat(), xml: xmlPlan(xmlVocabFor(target).tags), scope },
          { requiredKeys: ['fixture', 'slot', 'xml'] },
        )
      : fc.record(
          { fixture: fc.nat(), slot: fc.nat(), json: jsonPlan(vocabFor(target)), scope },
          { requiredKeys: ['fixture', 'slot', 'json'] },
        );
  const make = (d: MutationDesc): Case => {
    const f = target.fixtures[d.fixture % target.fixtures.length]!;
    const slot = d.slot % (f.bodies.length + 1); // == length: mutate every body
    const bodies = f.bodies.map((b, k) => {
      if (slot !== f.bodies.length && k !== slot) return b;
      if (d.xml) return applyXmlPlan(b, d.xml);
      return applyJsonPlan(fixtureJson(target, b), d.json!, serialiser(target));
    });
    return { bodies, ctx: ctxOf(f, d.scope) };
  };
  return { arb, make };
}

interface StripDesc {
  which: number;
  json?: JsonPlan;
  xml?: XmlPlan;
}

function strippedCases(target: Target): { arb: fc.Arbitrary<StripDesc>; make: (d: StripDesc) => Case } | null {
  const strips = target.strip ?? [];
  if (strips.length === 0) return null;
  const arb: fc.Arbitrary<StripDesc> =
    target.format === 'xml' ? fc.record({ which: fc.nat(), xml: gentleXmlPlan() }) : fc.record({ which: fc.nat(), json: gentlePlan() });
  const stripped = new Map<string, Json | string>();
  const strippedOf = (s: (typeof strips)[number], k: number, b: string): Json | string => {
    const key = `${s.fixture.name}#${k}`;
    let v = stripped.get(key);
    if (v === undefined) {
      v = s.stripXml ? s.stripXml(b) : stripKeys(fixtureJson(target, b), s.keys ?? /^$/);
      stripped.set(key, v);
    }
    return v;
  };
  const make = (d: StripDesc): Case => {
    const s = strips[d.which % strips.length]!;
    const bodies = s.fixture.bodies.map((b, k) => {
      const base = strippedOf(s, k, b);
      if (s.stripXml) return applyXmlPlan(base as string, d.xml ?? { steps: [], text: { op: 'none' } });
      return applyJsonPlan(base as Json, d.json ?? { steps: [], text: { op: 'none' } }, serialiser(target));
    });
    return { bodies, ctx: ctxOf(s.fixture) };
  };
  return { arb, make };
}

/** Plain lowercase words for update texts (every format keeps them as they are). */
const WORD = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), minLength: 1, maxLength: 9 });

interface UpdatesDesc {
  spec: number;
  slots: number[];
  times: number[];
  words: string[][];
}

function updatesCases(target: Target): fc.Arbitrary<UpdatesDesc> | null {
  const specs = target.updates ?? [];
  if (specs.length === 0) return null;
  return fc.nat({ max: specs.length - 1 }).chain((spec) => {
    const s = specs[spec]!;
    const steps = Math.floor((s.to - s.from) / s.unitMs);
    return fc.integer({ min: 1, max: s.max }).chain((k) =>
      fc.record({
        spec: fc.constant(spec),
        times: fc.uniqueArray(fc.integer({ min: 0, max: steps }), { minLength: k, maxLength: k }),
        slots: fc.array(fc.nat(), { minLength: k, maxLength: k }),
        words: fc.array(fc.array(WORD, { minLength: 1, maxLength: 5 }), { minLength: k, maxLength: k }),
      }),
    );
  });
}

// ---------------------------------------------------------------------------------------------
// Evaluating one case.

interface Outcome {
  result: Result<unknown> | null;
  violations: Violation[];
  extra: { property: Property; code: string; detail: string }[];
}

/** Run the adapter, time it, check the output invariants. */
function evaluate(target: Target, c: Case, tally: TargetTally): Outcome {
  const n = chars(c.bodies);
  let result: Result<unknown> | null = null;
  const extra: Outcome['extra'] = [];
  const call = (): number => {
    const t0 = performance.now();
    try {
      result = target.run(c.bodies, c.ctx);
    } catch (e) {
      result = null;
      extra.push({ property: 'no-throw', code: 'threw', detail: `threw: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}` });
    }
    return performance.now() - t0;
  };
  let ms = call();
  if (ms > timeBudgetMs(n) && extra.length === 0) ms = Math.min(ms, call()); // one retry: a GC pause is not a finding
  if (ms > tally.notes.maxMs) {
    tally.notes.maxMs = ms;
    tally.notes.maxMsChars = n;
  }
  if (ms > timeBudgetMs(n))
    extra.push({
      property: 'size-caps',
      code: 'time',
      detail: `took ${ms.toFixed(0)} ms for ${n} input chars (budget ${timeBudgetMs(n).toFixed(0)} ms)`,
    });
  const violations = result === null ? [] : checkResult(result, target.history, target.caps, n, tally.notes);
  if (result !== null) {
    if ((result as Result<unknown>).ok) tally.notes.okResults++;
    else tally.notes.failedResults++;
  }
  return { result, violations, extra };
}

type Finding = { property: Property | 'shape'; code: string; detail: string; incident?: Violation['incident'] };

/** The input's text pieces at the level the adapter reads as HTML (for known-issue matching). */
function textsOf(target: Target, c: Case): () => string[] {
  let memo: string[] | null = null;
  return () => {
    if (memo !== null) return memo;
    const out: string[] = [];
    for (const b of c.bodies) {
      if (target.format === 'xml') {
        out.push(...xmlTexts(b));
        continue;
      }
      try {
        const stack: unknown[] = [JSON.parse(target.unwrap ? target.unwrap(b) : b)];
        while (stack.length > 0) {
          const v = stack.pop();
          if (typeof v === 'string') out.push(v);
          else if (Array.isArray(v)) stack.push(...v);
          else if (v !== null && typeof v === 'object') stack.push(...Object.keys(v), ...Object.values(v));
        }
      } catch {
        out.push(b);
      }
    }
    memo = out;
    return out;
  };
}

/** Split findings into known issues (recorded) and new ones (returned). */
function triage(target: Target, family: Family, c: Case, findings: Finding[], tally: TargetTally): Finding[] {
  const fresh: Finding[] = [];
  const like = { ...c, texts: textsOf(target, c) };
  for (const f of findings) {
    const id = STRICT ? null : knownIssue(target.id, family, f, like);
    if (id === null) fresh.push(f);
    else {
      const k = (tally.known[id] ??= { count: 0, example: '' });
      k.count++;
      if (k.example === '') k.example = `${f.code}: ${f.detail.slice(0, 200)}`;
    }
  }
  return fresh;
}

function fail(target: Target, family: Family, c: Case, findings: Finding[]): never {
  const file = saveCase(target.id, family, c, findings as Violation[]);
  const list = findings
    .slice(0, 8)
    .map((f) => `  [${f.property}] ${f.code}: ${f.detail}`)
    .join('\n');
  throw new Error(`${target.id} / ${family}: ${findings.length} violation(s)\n${list}\ncase saved to ${file}\n${preview(c)}`);
}

const MARKER = /fzu(\d+)q/;

/** Check one case of a family; throws (for fast-check) on a new violation. */
function checkCase(target: Target, family: Family, c: Case, tally: Tally, extraCheck?: (o: Outcome) => Finding[]): void {
  const t = tally.of(target.id);
  const o = evaluate(target, c, t);
  tally.count(target.id, 'no-throw');
  if (o.result !== null && o.result.ok) {
    tally.count(target.id, 'text-is-text');
    tally.count(target.id, 'size-caps');
  }
  const findings: Finding[] = [...o.extra, ...o.violations, ...(extraCheck ? extraCheck(o) : [])];
  const fresh = triage(target, family, c, findings, t);
  if (fresh.length > 0) fail(target, family, c, fresh);
}

// ---------------------------------------------------------------------------------------------
// The families.

export interface RunOptions {
  numRuns: number;
  tally: Tally;
}

function assertOpts(target: Target, family: Family, numRuns: number): fc.Parameters<unknown> {
  const opts: fc.Parameters<unknown> = { numRuns, seed: seedFor(target.id, family), markInterruptAsFailure: true };
  // Replaying one failure (with `-t` so only that family runs): FUZZ_REPLAY_SEED and FUZZ_PATH
  // are the `seed` and `path` fast-check printed.
  const replay = Number(process.env.FUZZ_REPLAY_SEED);
  if (process.env.FUZZ_REPLAY_SEED && Number.isInteger(replay)) opts.seed = replay;
  if (process.env.FUZZ_PATH) return { ...opts, path: process.env.FUZZ_PATH, endOnFailure: true };
  return opts;
}

export function runFamily(target: Target, family: Family, { numRuns, tally }: RunOptions): number {
  let ran = 0;
  const t = tally.of(target.id);
  switch (family) {
    case 'random': {
      fc.assert(
        fc.property(randomCases(target), (c) => {
          ran++;
          checkCase(target, family, c, tally, (o) => {
            if (target.history || o.result === null) return [];
            tally.count(target.id, 'garbage-not-ok');
            const r = o.result as Result<OfficialSnapshot>;
            if (!r.ok) {
              const v = verdictOfProblem(r.problem, c.ctx.now);
              return v === 'unknown'
                ? []
                : [{ property: 'garbage-not-ok', code: 'failure-not-unknown', detail: `a ${r.problem.code} failure gave '${v}'` }];
            }
            const v = verdictOf(r.value, c.ctx.now);
            if (v !== 'ok') return [];
            t.notes.okVerdicts++;
            return statesOperational(r.value)
              ? []
              : [
                  {
                    property: 'garbage-not-ok',
                    code: 'ok-from-silence',
                    detail: `'ok' from a snapshot that states nothing operational: ${JSON.stringify(r.value).slice(0, 300)}`,
                  },
                ];
          });
        }),
        assertOpts(target, family, numRuns),
      );
      return ran;
    }
    case 'mutation': {
      const { arb, make } = mutationCases(target);
      fc.assert(
        fc.property(arb, (d) => {
          ran++;
          checkCase(target, family, make(d), tally);
        }),
        assertOpts(target, family, numRuns),
      );
      return ran;
    }
    case 'stripped': {
      const s = strippedCases(target);
      if (s === null) return 0;
      fc.assert(
        fc.property(s.arb, (d) => {
          ran++;
          const c = s.make(d);
          checkCase(target, family, c, tally, (o) => {
            tally.count(target.id, 'status-stripped-not-ok');
            if (o.result === null || !o.result.ok) return []; // a failure is `unknown`: never ok
            if (target.history) {
              const closed = (o.result.value as { status: string; id: string }[]).filter(
                (i) => i.status === 'resolved' || i.status === 'completed',
              );
              return closed.length === 0
                ? []
                : [
                    {
                      property: 'status-stripped-not-ok',
                      code: 'closed-without-status',
                      detail: `${closed.map((i) => i.id).join(', ')} read as closed`,
                    },
                  ];
            }
            const v = verdictOf(o.result.value as OfficialSnapshot, c.ctx.now);
            return v !== 'ok'
              ? []
              : [
                  {
                    property: 'status-stripped-not-ok',
                    code: 'ok-without-status',
                    detail: `'ok' with every status field removed: ${JSON.stringify(o.result.value).slice(0, 400)}`,
                  },
                ];
          });
        }),
        assertOpts(target, family, numRuns),
      );
      return ran;
    }
    case 'updates': {
      const arb = updatesCases(target);
      if (arb === null) return 0;
      const specs = target.updates ?? [];
      fc.assert(
        fc.property(arb, (d) => {
          ran++;
          const s = specs[d.spec]!;
          const added = d.times.map((step, k) => ({ t: s.from + step * s.unitMs, text: `fzu${k}q ${d.words[k]!.join(' ')}` }));
          const built = s.build(added, d.slots);
          checkCase(target, family, built, tally, (o) => {
            tally.count(target.id, 'updates-kept');
            if (o.result === null) return [];
            if (!o.result.ok)
              return [{ property: 'updates-kept', code: 'parse-failed', detail: `${o.result.problem.code}: ${o.result.problem.message}` }];
            const found = s.read(o.result.value).filter((f) => MARKER.test(f.text));
            const problems: Finding[] = [];
            const seen = new Map<number, number>();
            for (const f of found) {
              const k = Number(MARKER.exec(f.text)![1]);
              seen.set(k, (seen.get(k) ?? 0) + 1);
              const a = added[k];
              if (!a) continue;
              if (f.text.replace(/\s+/g, ' ').trim() !== a.text)
                problems.push({ property: 'updates-kept', code: 'text', detail: `update ${k}: "${f.text.slice(0, 80)}" ≠ "${a.text}"` });
              if (f.at !== new Date(a.t).toISOString())
                problems.push({
                  property: 'updates-kept',
                  code: 'time',
                  detail: `update ${k}: at ${f.at} ≠ ${new Date(a.t).toISOString()}`,
                });
            }
            added.forEach((_a, k) => {
              const n = seen.get(k) ?? 0;
              if (n !== 1)
                problems.push({
                  property: 'updates-kept',
                  code: n === 0 ? 'lost' : 'duplicated',
                  detail: `update ${k} of ${added.length} found ${n} times (${s.name})`,
                });
            });
            if (s.ordered && problems.length === 0) {
              const got = found.map((f) => Date.parse(f.at ?? ''));
              const want = [...added.map((a) => a.t)].sort((x, y) => y - x);
              if (got.join() !== want.join())
                problems.push({
                  property: 'updates-kept',
                  code: 'order',
                  detail: `not newest first: ${found
                    .map((f) => f.at)
                    .join(', ')
                    .slice(0, 300)}`,
                });
            }
            return problems;
          });
        }),
        assertOpts(target, family, numRuns),
      );
      return ran;
    }
  }
}
