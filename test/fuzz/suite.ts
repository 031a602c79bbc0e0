/**
 * One describe block per fuzz target: one test per input family, then the counts (printed, and
 * left for the global summary when run under vitest.fuzz.config.ts).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, inject, it } from 'vitest';
import { FAMILIES, runFamily, runsFromEnv, seedFor, Tally } from './properties';
import { targetById } from './targets';

/** Leave this file's counts where the global teardown finds them (fuzz run only). */
export function saveTally(name: string, tally: Tally | Record<string, { counts: Record<string, number> }>): void {
  let dir: string | undefined;
  try {
    dir = inject('fuzzCountsDir');
  } catch {
    dir = undefined;
  }
  if (!dir) return;
  const data = tally instanceof Tally ? tally.toJSON() : tally;
  writeFileSync(join(dir, `${name}.json`), JSON.stringify(data));
}

export function fuzzTargets(file: string, ids: readonly string[], fallbackRuns = 10_000): void {
  const numRuns = runsFromEnv(fallbackRuns);
  const tally = new Tally();
  for (const id of ids) {
    const target = targetById(id);
    describe(`fuzz ${id}`, () => {
      for (const family of FAMILIES) {
        const applies =
          family === 'stripped' ? (target.strip ?? []).length > 0 : family === 'updates' ? (target.updates ?? []).length > 0 : true;
        it.skipIf(!applies)(`${family}: ${numRuns} cases (seed ${seedFor(id, family)})`, () => {
          runFamily(target, family, { numRuns, tally });
        });
      }
    });
  }
  afterAll(() => {
    for (const line of tally.lines()) console.log(line);
    saveTally(file, tally);
  });
}
