/** Fuzz the fetch module: decodeBody on random bytes, fetchFeed against a random fake server (./fetch-properties.ts). */
import { afterAll, describe, it } from 'vitest';
import { runDecodeBody, runFetchFeed } from './fetch-properties';
import { runsFromEnv, seedFor, Tally } from './properties';
import { saveTally } from './suite';

const numRuns = runsFromEnv(10_000);
const tally = new Tally();

describe('fuzz fetch', () => {
  it(`decodeBody: ${numRuns} cases (seed ${seedFor('fetch', 'decodeBody')})`, () => {
    runDecodeBody(numRuns, tally);
  });
  it(`fetchFeed: ${numRuns} cases (seed ${seedFor('fetch', 'fetchFeed')})`, async () => {
    await runFetchFeed(numRuns, tally);
  });
});

afterAll(() => {
  for (const line of tally.lines()) console.log(line);
  saveTally('fetch', tally);
});
