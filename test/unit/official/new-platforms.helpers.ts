/** Shared helpers of the Better Stack, Rootly, Sorry, Uptime Kuma and Gatus adapter tests. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { OfficialSnapshot, Result } from '../../../core/model';
import { computeVerdict } from '../../../core/verdict';

export const raw = (name: string): string => readFileSync(fileURLToPath(new URL(`../../fixtures/feeds/${name}`, import.meta.url)), 'utf8');
export const json = (name: string): any => JSON.parse(raw(name));

export function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.problem.code}: ${r.problem.message}`);
  return r.value;
}
export function problem<T>(r: Result<T>) {
  if (r.ok) throw new Error('expected a failure');
  return r.problem;
}
export const verdict = (snapshot: OfficialSnapshot, now: number): string =>
  computeVerdict({
    hasOfficial: true,
    now,
    staleAfterMs: 3_600_000,
    official: { serviceId: 'x', snapshot, lastSuccessAt: now, lastAttemptAt: now, problem: null, history: [] },
  }).verdict;
/** Bodies every JSON adapter must refuse without throwing, each with the failure code expected. */
export const GARBAGE: [body: string, code: string][] = [
  ['', 'parse'],
  ['<!doctype html><title>Moved</title>', 'parse'],
  ['{"not json', 'parse'],
  ['null', 'schema'],
  ['42', 'schema'],
  [`${'['.repeat(100)}${']'.repeat(100)}`, 'schema'],
];
