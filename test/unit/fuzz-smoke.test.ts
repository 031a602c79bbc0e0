/**
 * A small run of the fuzz properties inside the normal unit suite: every adapter target and every
 * input family of test/fuzz (see test/fuzz/README.md), FUZZ_RUNS cases each (default 100), plus
 * the fetch module's two properties. The full run is `npm run fuzz` (10 000 cases each).
 */
import { afterAll, describe, it } from 'vitest';
import { runDecodeBody, runFetchFeed } from '../fuzz/fetch-properties';
import { FAMILIES, runFamily, runsFromEnv, Tally } from '../fuzz/properties';
import { TARGETS } from '../fuzz/targets';

const numRuns = runsFromEnv(100);
const tally = new Tally();

describe('fuzz smoke', () => {
  for (const target of TARGETS) {
    it(`${target.id}: ${FAMILIES.join(', ')} × ${numRuns} cases`, () => {
      for (const family of FAMILIES) runFamily(target, family, { numRuns, tally });
    }, 120_000);
  }
  it(`fetch: decodeBody, fetchFeed × ${numRuns} cases`, async () => {
    runDecodeBody(numRuns, tally);
    await runFetchFeed(numRuns, tally);
  }, 120_000);
});

afterAll(() => {
  let cases = 0;
  for (const t of tally.targets.values()) for (const n of Object.values(t.counts)) cases += n;
  const known = [...tally.targets].flatMap(([id, t]) => Object.entries(t.known).map(([k, v]) => `${id}:${k}×${v.count}`));
  console.log(
    `fuzz smoke: ${tally.targets.size} targets, ${cases} property checks${known.length > 0 ? `; known issues hit: ${known.join(', ')}` : ''}`,
  );
});
