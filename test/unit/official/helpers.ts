/** What the adapter tests share: reading real fixtures, and unwrapping a `Result` with a clear failure. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { OfficialSnapshot, Problem, Result } from '../../../core/model';
import type { FeedAdapter, ParseContext } from '../../../core/official/types';
import { computeVerdict } from '../../../core/verdict';

/** A real sample from test/fixtures/feeds/ (source and licence in its PROVENANCE.md). */
export const raw = (name: string): string => readFileSync(fileURLToPath(new URL(`../../fixtures/feeds/${name}`, import.meta.url)), 'utf8');
/** A real sample, parsed: tests probe and mutate it field by field. */
export const json = (name: string): any => JSON.parse(raw(name));

export function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.problem.code}: ${r.problem.message}`);
  return r.value;
}

export function problem<T>(r: Result<T>) {
  if (r.ok) throw new Error(`expected a failure, got ${JSON.stringify(r.value)}`);
  return r.problem;
}

/** A failure with this code, whose sentence matches each pattern (a string: the whole sentence). */
export function expectProblem<T>(r: Result<T>, code: string, ...sentence: (RegExp | string)[]): Problem {
  const p = problem(r);
  expect(p.code).toBe(code);
  for (const s of sentence) {
    if (typeof s === 'string') expect(p.message).toBe(s);
    else expect(p.message).toMatch(s);
  }
  return p;
}

/** The verdict for a snapshot read just now (fresh: read at `now`, stale only after an hour). */
export const freshVerdict = (snapshot: OfficialSnapshot, now: number, serviceId = 'x') =>
  computeVerdict({
    hasOfficial: true,
    now,
    staleAfterMs: 3_600_000,
    official: { serviceId, snapshot, lastSuccessAt: now, lastAttemptAt: now, problem: null, history: [] },
  });

/** `adapter` is the format `kind` and reads one JSON body: the feed URL itself. */
export function expectJsonFeedAt(adapter: FeedAdapter, kind: string, url: string): void {
  expect(adapter.kind).toBe(kind);
  expect(adapter.endpoints(url)).toEqual([{ url, expect: 'json' }]);
}

/** `parse(body, scope?)` for a one-body adapter: a value is sent as its JSON text. */
export const parserFor =
  (adapter: FeedAdapter, ctx: ParseContext) =>
  (body: unknown, scope?: string[]): Result<OfficialSnapshot> =>
    adapter.parse([typeof body === 'string' ? body : JSON.stringify(body)], scope ? { ...ctx, scope } : ctx);

/** `freshVerdict(...).verdict`: the word alone. */
export const verdict = (snapshot: OfficialSnapshot, now: number): string => freshVerdict(snapshot, now).verdict;

/** Bodies every JSON adapter must refuse without throwing, each with the failure code expected. */
export const GARBAGE: [body: string, code: string][] = [
  ['', 'parse'],
  ['<!doctype html><title>Moved</title>', 'parse'],
  ['{"not json', 'parse'],
  ['null', 'schema'],
  ['42', 'schema'],
  [`${'['.repeat(100)}${']'.repeat(100)}`, 'schema'],
];
