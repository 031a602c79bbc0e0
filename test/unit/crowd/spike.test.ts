import { describe, expect, it } from 'vitest';
import { BUCKET_MS, type CrowdBucket } from '../../../core/crowd/buckets';
import type { SourceId } from '../../../core/crowd/source';
import { detectSpike, logPoissonTail, minAnomalousCount, poissonTail, SPIKE_DEFAULTS } from '../../../core/crowd/spike';
import { DAY, HOUR, MIN } from './helpers';
import { rng } from '../../../demo/rng';

// A Monday 00:00 UTC; the series start two weeks earlier.
const T0 = Date.UTC(2026, 0, 5, 0, 0, 0);
const W = BUCKET_MS;

function poisson(rand: () => number, lambda: number): number {
  if (lambda <= 0) return 0;
  const l = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rand();
  } while (p > l);
  return k - 1;
}

/**
 * Buckets for one source from a rate function (expected distinct authors per window), each window
 * holding `n` distinct authors drawn from a large population.
 */
function series(source: SourceId, from: number, to: number, rate: (t: number) => number, seed: number): CrowdBucket[] {
  const rand = rng(seed);
  const out: CrowdBucket[] = [];
  for (let b = from; b < to; b += W) {
    const n = poisson(rand, rate(b));
    if (n === 0) continue;
    const authors = Array.from({ length: n }, (_, i) => `${source}-u${Math.floor(rand() * 1e6)}-${i}`).sort();
    out.push({ bucket: b, source, authors, posts: n, ids: authors.map((a) => `${source}:${a}:${b}`) });
  }
  return out;
}

/** Add `n` distinct new authors to the window starting at `bucket`. */
function burst(base: CrowdBucket[], source: SourceId, bucket: number, n: number, tag = 'burst'): CrowdBucket[] {
  const authors = Array.from({ length: n }, (_, i) => `${tag}-${bucket}-${i}`);
  const rest = base.filter((b) => !(b.bucket === bucket && b.source === source));
  const prev = base.find((b) => b.bucket === bucket && b.source === source);
  const all = [...(prev?.authors ?? []), ...authors].sort();
  return [...rest, { bucket, source, authors: all, posts: all.length, ids: all.map((a) => `${source}:${a}`) }];
}

/** Diurnal activity: quiet nights, busier afternoons (UTC), as complaint chatter about a big service looks. */
const diurnal = (peak: number) => (t: number) => {
  const h = (((t % DAY) + DAY) % DAY) / HOUR;
  return 0.2 + peak * Math.max(0, Math.sin((2 * Math.PI * (h - 6)) / 24));
};

describe('Poisson upper tail', () => {
  /** Σ_{i≥k} pmf(i), summed directly (pmf by recurrence, in double precision). */
  const brute = (k: number, lambda: number) => {
    let pmf = Math.exp(-lambda);
    for (let i = 0; i < k; i++) pmf *= lambda / (i + 1);
    let sum = 0;
    for (let i = k; i < k + 400; i++) {
      sum += pmf;
      pmf *= lambda / (i + 1);
    }
    return sum;
  };

  it('matches direct summation where that is accurate', () => {
    for (const lambda of [0.01, 0.25, 0.375, 1, 2.5, 7, 30]) {
      for (let k = 0; k <= 40; k++) {
        const exact = brute(k, lambda);
        if (exact < 1e-300) continue; // subnormal: relative error meaningless
        expect(poissonTail(k, lambda)).toBeCloseTo(exact, 10);
        expect(Math.abs(poissonTail(k, lambda) - exact) / exact).toBeLessThan(1e-6);
      }
    }
  });

  it('edge cases', () => {
    expect(poissonTail(0, 0.5)).toBe(1);
    expect(poissonTail(-3, 0.5)).toBe(1);
    expect(poissonTail(1, 0)).toBe(0);
    expect(poissonTail(0, 0)).toBe(1);
    expect(poissonTail(1, 1e-9)).toBeCloseTo(1e-9, 15);
    // Non-integer counts round up: P(X ≥ 2.2) = P(X ≥ 3).
    expect(poissonTail(2.2, 1)).toBe(poissonTail(3, 1));
    expect(Number.isNaN(poissonTail(NaN, 1))).toBe(true);
  });

  it('stays finite for tiny λ and huge counts, and for huge λ', () => {
    const l = logPoissonTail(10_000, 0.25);
    expect(Number.isFinite(l)).toBe(true);
    expect(l).toBeLessThan(-70_000);
    expect(poissonTail(10_000, 0.25)).toBe(0); // underflows to 0, no NaN/Infinity
    expect(Number.isFinite(logPoissonTail(1e6, 1e-6))).toBe(true);
    expect(poissonTail(1000, 500)).toBeGreaterThan(0);
    expect(poissonTail(1000, 500)).toBeLessThan(1e-60);
    expect(poissonTail(10, 1000)).toBeCloseTo(1, 12);
    expect(poissonTail(1000, 1000)).toBeGreaterThan(0.49);
    expect(poissonTail(1000, 1000)).toBeLessThan(0.52);
  });

  it('reproduces the research table of minimum counts (un-inflated λ, α = 3.5e-4)', () => {
    const table: [number, number][] = [
      [0.1, 3],
      [0.25, 4],
      [0.5, 5],
      [1, 7],
      [2, 9],
      [4, 13],
      [8, 20],
      [16, 32],
    ];
    for (const [lambda, k] of table) expect(minAnomalousCount(lambda)).toBe(k);
  });

  it('with the ×1.5 inflation a quiet service (floor 0.25 → λ 0.375) needs 5 people', () => {
    expect(minAnomalousCount(SPIKE_DEFAULTS.floor * SPIKE_DEFAULTS.inflate)).toBe(5);
  });
});

describe('detectSpike on synthetic series', () => {
  const START = T0 - 14 * DAY;

  it('a quiet week gives no alarm at any 5-minute re-check', () => {
    const quiet = series('hn', START, T0 + 7 * DAY, () => 0.3, 42);
    const busy = series('mastodon', START, T0 + 7 * DAY, diurnal(3), 7);
    const all = [...quiet, ...busy];
    let checks = 0;
    for (let now = T0; now < T0 + 7 * DAY; now += 5 * MIN) {
      const r = detectSpike(all, now);
      checks++;
      expect(r.anomalous, `alarm at ${new Date(now).toISOString()}: ${r.reasons.join('; ')}`).toBe(false);
      expect(r.likely).toBe(false);
      expect(r.since).toBeNull();
    }
    expect(checks).toBe(7 * 288);
  });

  it('a real burst is flagged within two windows, and becomes likely', () => {
    const base = series('hn', START, T0 + 2 * DAY, diurnal(3), 3);
    const start = T0 + DAY + 14 * HOUR; // 14:00, near the daily peak
    let s = base;
    for (let i = 0; i < 4; i++) s = burst(s, 'hn', start + i * W, 25);
    const before = detectSpike(s, start - 5 * MIN);
    expect(before.anomalous).toBe(false);

    let firstFlag: number | null = null;
    let firstLikely: number | null = null;
    for (let now = start; now < start + 4 * W; now += 5 * MIN) {
      const r = detectSpike(s, now);
      if (r.anomalous && firstFlag === null) firstFlag = now;
      if (r.likely && firstLikely === null) firstLikely = now;
    }
    expect(firstFlag).not.toBeNull();
    expect(firstFlag! - start).toBeLessThan(2 * W);
    expect(firstFlag).toBe(start); // in fact at the first re-check
    expect(firstLikely).not.toBeNull();
    expect(firstLikely! - start).toBeLessThan(2 * W); // at the first re-check of the second window
    const r = detectSpike(s, start + W + 5 * MIN);
    expect(r.likely).toBe(true);
    expect(r.since).toBe(start);
    expect(r.count).toBeGreaterThanOrEqual(25);
    expect(r.ratio).toBeGreaterThan(3);
    expect(r.reasons.join(' ')).toMatch(/2 anomalous windows in a row/);
    expect(r.source).toBe('hn');
  });

  it('a burst on a quiet service is flagged in its first window (5 people at night)', () => {
    const base = series('hn', START, T0 + DAY, () => 0.1, 11);
    const at = T0 + 3 * HOUR;
    const s = burst(base, 'hn', at, 6);
    const r = detectSpike(s, at + 10 * MIN);
    expect(r.anomalous).toBe(true);
    expect(r.likely).toBe(false); // one window, one source
    expect(r.since).toBe(at);
    expect(r.baseline).toBe(0.25);
    expect(r.lambda).toBeCloseTo(0.375);
    expect(r.ratio).toBe(24);
  });

  it('a slow drift over days is not a spike', () => {
    // From 0.3 to 6 people per window over 14 days.
    const rate = (t: number) => 0.3 + (5.7 * (t - START)) / (14 * DAY);
    const s = series('hn', START, T0 + 7 * DAY, (t) => rate(t) * (0.6 + 0.8 * (diurnal(1)(t) / 1.2)), 5);
    for (let now = T0; now < T0 + 7 * DAY; now += W) {
      const r = detectSpike(s, now);
      expect(r.anomalous, `alarm at ${new Date(now).toISOString()}: ${r.reasons.join('; ')}`).toBe(false);
    }
  });

  it('one noisy author posting 10 times is not a spike (distinct authors)', () => {
    const base = series('hn', START, T0 + DAY, () => 0.2, 13);
    const at = T0 + 10 * HOUR;
    const rest = base.filter((b) => b.bucket !== at);
    const ids = Array.from({ length: 10 }, (_, i) => `hn:spam${i}`);
    const s = [...rest, { bucket: at, source: 'hn' as const, authors: ['ranter'], posts: 10, ids }];
    const r = detectSpike(s, at + 12 * MIN);
    expect(r.anomalous).toBe(false);
    expect(r.count).toBe(1);
    // Two people posting 10 times each: still not enough people.
    const two = [...rest, { bucket: at, source: 'hn' as const, authors: ['a', 'b'], posts: 20, ids }];
    expect(detectSpike(two, at + 12 * MIN).anomalous).toBe(false);
  });

  it('two independent sources at once → likely in the first window', () => {
    const at = T0 + 2 * HOUR;
    let s = [...series('hn', START, T0 + DAY, () => 0.1, 17), ...series('mastodon', START, T0 + DAY, () => 0.1, 19)];
    s = burst(s, 'hn', at, 6);
    const one = detectSpike(s, at + 10 * MIN);
    expect(one).toMatchObject({ anomalous: true, likely: false });
    s = burst(s, 'mastodon', at, 5);
    const both = detectSpike(s, at + 10 * MIN);
    expect(both).toMatchObject({ anomalous: true, likely: true, since: at });
    expect(both.reasons.join(' ')).toMatch(/independent sources agree: Hacker News, Mastodon/);
    expect(both.sources.filter((x) => x.anomalous).map((x) => x.source)).toEqual(['hn', 'mastodon']);
  });

  it('a spike plus local failures → likely; local failures alone are not a spike', () => {
    const at = T0 + 2 * HOUR;
    const base = series('hn', START, T0 + DAY, () => 0.1, 23);
    expect(detectSpike(base, at + 5 * MIN, { localFailures: true })).toMatchObject({ anomalous: false, likely: false });
    const s = burst(base, 'hn', at, 6);
    expect(detectSpike(s, at + 5 * MIN, { localFailures: true })).toMatchObject({ anomalous: true, likely: true });
  });

  it('IsDown as an external source: alone anomalous, with another source likely', () => {
    const at = T0 + 2 * HOUR;
    const base = series('hn', START, T0 + DAY, () => 0.1, 29);
    const ext = [{ source: 'isdown' as const, since: at - 20 * MIN }];
    expect(detectSpike(base, at + 5 * MIN, { external: ext })).toMatchObject({ anomalous: true, likely: false, since: at - 20 * MIN });
    const s = burst(base, 'hn', at, 6);
    expect(detectSpike(s, at + 5 * MIN, { external: ext })).toMatchObject({ anomalous: true, likely: true, since: at - 20 * MIN });
  });

  it('stays anomalous while the next window fills, clears after a quiet window', () => {
    const at = T0 + 3 * HOUR;
    const s = burst(
      series('hn', START, T0 + DAY, () => 0.1, 31),
      'hn',
      at,
      8,
    );
    expect(detectSpike(s, at + W + 2 * MIN)).toMatchObject({ anomalous: true, since: at, count: 8 });
    expect(detectSpike(s, at + 2 * W + 2 * MIN).anomalous).toBe(false);
  });

  it('little history: pools the last 24 h; none: floor, and says so', () => {
    const at = T0 + 3 * HOUR;
    const s = burst(
      series('hn', T0 - DAY, T0 + DAY, () => 2, 37),
      'hn',
      at,
      6,
    );
    // With only a day of history the same-slot median is not trusted; the busy last day is.
    const r = detectSpike(s, at + 5 * MIN, { coverage: { hn: T0 - DAY } });
    expect(r.sources[0]!.window.pooled).toBe(true);
    expect(r.baseline).toBeGreaterThanOrEqual(1.5);
    expect(r.anomalous).toBe(false);
    expect(r.reasons.join(' ')).toMatch(/little history/);
    // Without a coverage hint missing days count as zero, and the same burst is a spike.
    expect(detectSpike(s, at + 5 * MIN).anomalous).toBe(true);
    // Watching started just now: no history at all.
    const fresh = detectSpike(burst([], 'hn', at, 6), at + 5 * MIN, { coverage: { hn: at } });
    expect(fresh.reasons.join(' ')).toMatch(/no history yet/);
    expect(fresh.baseline).toBe(0.25);
  });

  it('no data at all', () => {
    expect(detectSpike([], T0)).toEqual({
      anomalous: false,
      likely: false,
      ratio: 0,
      since: null,
      baseline: 0.25,
      count: 0,
      reasons: [],
      p: 1,
      lambda: 0.375,
      source: null,
      sources: [],
    });
  });

  it('ignores buckets in the future', () => {
    const at = T0 + 3 * HOUR;
    const s = burst([], 'hn', at + W, 9);
    expect(detectSpike(s, at + 5 * MIN).anomalous).toBe(false);
  });
});
