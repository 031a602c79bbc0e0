/**
 * Is the complaint volume for a service abnormal right now? Pure; see core/crowd/README.md for the
 * numbers and why.
 *
 * Per source, per 15-minute window (the clock-aligned buckets of buckets.ts):
 *  - count    = distinct authors in the window (one angry person posting ten times counts once);
 *  - usual    = the same window-of-day over the past 7 days, with the window either side of it
 *               (21 samples): the larger of their median and their 10%-trimmed mean, floored at 0.25;
 *  - λ        = usual × 1.5 (real counts are over-dispersed compared with Poisson);
 *  - anomalous when P(X ≥ count | Poisson λ) < 3.5×10⁻⁴ AND count ≥ 3.
 * The current window is re-evaluated as it fills (the worker re-checks every 5 minutes); because a
 * partial window cannot yet be called quiet, a source stays anomalous while the previous window
 * was anomalous and the current one has not (yet) crossed the threshold.
 *
 * "Likely outage": two anomalous windows in a row in one source, or two independent sources
 * anomalous at once (IsDown's own crowd detection counts as a source via `external`), or a spike
 * plus this browser's own failures (`localFailures`).
 */
import { BUCKET_MS, DAY_MS, type CrowdBucket } from './buckets';
import { SOURCE_LABELS, type SourceId } from './source';

export const SPIKE_DEFAULTS = Object.freeze({
  windowMs: BUCKET_MS,
  days: 7,
  floor: 0.25,
  inflate: 1.5,
  alpha: 3.5e-4,
  minAuthors: 3,
  /** Days of same-slot history needed before the same-slot median is trusted alone. */
  minHistory: 3,
  /**
   * Neighbouring windows on each side pooled with the slot (1: 14:00 uses 13:45, 14:00 and 14:15 of
   * each past day — 21 samples instead of 7, so one unlucky day cannot drag the median down).
   */
  slotSpread: 1,
});

/**
 * Sources whose single anomalous window is already a likely outage: `browsers` counts installs
 * that each saw the service fail repeatedly themselves (or whose person pressed "It's broken for
 * me"), published only when at least 5 distinct ones agree — each report is the "spike plus this
 * browser's failures" rule on its own.
 */
const SELF_SUFFICIENT: ReadonlySet<SourceId> = new Set<SourceId>(['browsers']);

/** Longest run we walk back (24 h of windows). */
const MAX_RUN = 96;

/** A spike some other detector reports (IsDown's open "Users reports spike" incident). */
export interface ExternalSpike {
  source: SourceId;
  /** When that detector says the spike started, epoch ms. */
  since: number;
}

export interface SpikeOptions {
  windowMs?: number;
  days?: number;
  floor?: number;
  inflate?: number;
  alpha?: number;
  minAuthors?: number;
  minHistory?: number;
  slotSpread?: number;
  /** This browser is failing to reach the service (docs/design.md, "This browser's own failures"). */
  localFailures?: boolean;
  /**
   * Per source, the epoch ms from which its history is complete (after backfill or since watching
   * began). Earlier windows are unknown, not zero. Absent: every missing window counts as zero.
   */
  coverage?: Partial<Record<SourceId, number>>;
  external?: readonly ExternalSpike[];
  /** Sources to evaluate; default every source present in the series or in `coverage`. */
  sources?: readonly SourceId[];
}

export interface WindowCheck {
  /** Window start, epoch ms. */
  bucket: number;
  /** Distinct authors. */
  count: number;
  posts: number;
  /** The usual count (median, floored) — what "14× the usual" divides by. */
  baseline: number;
  /** The Poisson mean tested against (baseline × inflate). */
  lambda: number;
  /** P(X ≥ count | λ). */
  p: number;
  anomalous: boolean;
  /** How many past windows the baseline rests on. */
  history: number;
  /** True when too few same-slot days existed and recent windows of any time of day were pooled in. */
  pooled: boolean;
}

export interface SourceSpike {
  source: SourceId;
  anomalous: boolean;
  /** Consecutive anomalous windows ending at the current (or, in grace, the previous) window. */
  run: number;
  since: number | null;
  /** The window the numbers describe: the current one, or the previous one while in grace. */
  window: WindowCheck;
}

export interface SpikeResult {
  anomalous: boolean;
  likely: boolean;
  /** count / baseline, for "about 14× the usual" (of the most significant source). */
  ratio: number;
  /** Start of the first anomalous window of the current run (earliest over anomalous sources). */
  since: number | null;
  baseline: number;
  count: number;
  reasons: string[];
  /** P-value of the most significant source's window. */
  p: number;
  lambda: number;
  /** The source the numbers above come from, or null when there is no data at all. */
  source: SourceId | null;
  sources: SourceSpike[];
}

// ---------------------------------------------------------------------------------------------
// Poisson upper tail

const LOG_FACT: number[] = [0];
for (let i = 1; i < 256; i++) LOG_FACT.push(LOG_FACT[i - 1]! + Math.log(i));

/** ln(n!) for integer n ≥ 0: exact table below 256, Stirling series above (error < 1e-15 relative). */
export function logFactorial(n: number): number {
  if (n < 0 || !Number.isFinite(n)) return NaN;
  const k = Math.floor(n);
  if (k < LOG_FACT.length) return LOG_FACT[k]!;
  const inv = 1 / k;
  const inv2 = inv * inv;
  return k * Math.log(k) - k + 0.5 * Math.log(2 * Math.PI * k) + inv * (1 / 12 - inv2 * (1 / 360 - inv2 / 1260));
}

function logPmf(i: number, lambda: number): number {
  return -lambda + i * Math.log(lambda) - logFactorial(i);
}

/**
 * ln P(X ≥ k) for X ~ Poisson(λ). Stable for tiny λ and huge k (no overflow: everything is in
 * log space; the series is summed relative to its first term).
 */
export function logPoissonTail(k: number, lambda: number): number {
  if (!Number.isFinite(k) || Number.isNaN(lambda)) return NaN;
  const kk = Math.ceil(k);
  if (kk <= 0) return 0;
  if (!(lambda > 0)) return -Infinity;
  if (lambda === Infinity) return 0;
  if (kk > lambda) {
    // P(X ≥ k) = pmf(k) · Σ_{j≥0} Π_{m=1..j} λ/(k+m); ratios < 1 and shrinking.
    let sum = 1;
    let term = 1;
    for (let m = 1; m < 100_000; m++) {
      term *= lambda / (kk + m);
      sum += term;
      if (term < sum * 1e-17) break;
    }
    return logPmf(kk, lambda) + Math.log(sum);
  }
  // k ≤ λ: the tail is large; 1 − P(X ≤ k−1), the lower sum taken downward from pmf(k−1).
  let sum = 1;
  let term = 1;
  for (let i = kk - 1; i > 0; i--) {
    term *= i / lambda;
    sum += term;
    if (term < sum * 1e-17) break;
  }
  const lower = Math.exp(logPmf(kk - 1, lambda) + Math.log(sum));
  return Math.log(Math.max(0, 1 - lower));
}

/** P(X ≥ k) for X ~ Poisson(λ). */
export function poissonTail(k: number, lambda: number): number {
  const l = logPoissonTail(k, lambda);
  return Number.isNaN(l) ? NaN : Math.exp(l);
}

/** Smallest count k with P(X ≥ k | λ) < alpha (documentation and tests). */
export function minAnomalousCount(lambda: number, alpha: number = SPIKE_DEFAULTS.alpha): number {
  const la = Math.log(alpha);
  let k = Math.max(0, Math.floor(lambda));
  while (logPoissonTail(k, lambda) >= la) k++;
  return k;
}

// ---------------------------------------------------------------------------------------------
// Windows

interface Resolved {
  windowMs: number;
  days: number;
  floor: number;
  inflate: number;
  alpha: number;
  minAuthors: number;
  minHistory: number;
  slotSpread: number;
}

function resolve(opts: SpikeOptions): Resolved {
  const pos = (v: number | undefined, d: number) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : d);
  return {
    windowMs: pos(opts.windowMs, SPIKE_DEFAULTS.windowMs),
    days: Math.floor(pos(opts.days, SPIKE_DEFAULTS.days)),
    floor: pos(opts.floor, SPIKE_DEFAULTS.floor),
    inflate: Math.max(1, pos(opts.inflate, SPIKE_DEFAULTS.inflate)),
    alpha: pos(opts.alpha, SPIKE_DEFAULTS.alpha),
    minAuthors: Math.max(1, Math.floor(pos(opts.minAuthors, SPIKE_DEFAULTS.minAuthors))),
    minHistory: Math.floor(pos(opts.minHistory, SPIKE_DEFAULTS.minHistory)),
    slotSpread:
      typeof opts.slotSpread === 'number' && Number.isFinite(opts.slotSpread) && opts.slotSpread >= 0
        ? Math.min(4, Math.floor(opts.slotSpread))
        : SPIKE_DEFAULTS.slotSpread,
  };
}

/**
 * Mean after dropping the largest `trim` fraction of values (past outages in the same slot),
 * rounded up to at least one value dropped when there are ten or more.
 */
export function trimmedMean(values: readonly number[], trim = 0.1): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const drop = Math.min(s.length - 1, Math.max(s.length >= 10 ? 1 : 0, Math.floor(s.length * trim)));
  const kept = s.slice(0, s.length - drop);
  return kept.reduce((a, b) => a + b, 0) / kept.length;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

class SourceSeries {
  private readonly counts = new Map<number, { authors: number; posts: number }>();
  constructor(
    series: readonly CrowdBucket[],
    readonly source: SourceId,
    private readonly r: Resolved,
    private readonly coveredFrom: number | undefined,
  ) {
    for (const b of series) {
      if (b.source !== source || !Number.isFinite(b.bucket)) continue;
      const start = Math.floor(b.bucket / r.windowMs) * r.windowMs;
      const prev = this.counts.get(start);
      // Buckets are already one per (window, source); if a caller passes duplicates keep the larger.
      const authors = Array.isArray(b.authors) ? new Set(b.authors).size : 0;
      const posts = typeof b.posts === 'number' ? b.posts : 0;
      if (!prev || authors > prev.authors) this.counts.set(start, { authors, posts });
    }
  }

  private known(bucket: number): boolean {
    return this.coveredFrom === undefined || bucket >= Math.floor(this.coveredFrom / this.r.windowMs) * this.r.windowMs;
  }

  private count(bucket: number): number {
    return this.counts.get(bucket)?.authors ?? 0;
  }

  check(bucket: number): WindowCheck {
    const r = this.r;
    const samples: number[] = [];
    let days = 0;
    for (let d = 1; d <= r.days; d++) {
      const centre = bucket - d * DAY_MS;
      if (this.known(centre)) days++;
      for (let j = -r.slotSpread; j <= r.slotSpread; j++) {
        const b = centre + j * r.windowMs;
        if (this.known(b) && b < bucket - 2 * r.windowMs) samples.push(this.count(b));
      }
    }
    let pooled = false;
    if (days < r.minHistory) {
      // Too few days of history: pool the windows of the last 24 h (any time of day), leaving out
      // the two windows just before this one (they may be the start of the same spike).
      for (let b = bucket - 3 * r.windowMs; b > bucket - DAY_MS; b -= r.windowMs) {
        if (this.known(b)) {
          samples.push(this.count(b));
          pooled = true;
        }
      }
    }
    // The median is robust to past outages but coarse on small integers (2 → 3 is +50%); the
    // trimmed mean is smooth. The larger of the two keeps false alarms down (README).
    const baseline = Math.max(r.floor, median(samples), trimmedMean(samples));
    const lambda = baseline * r.inflate;
    const entry = this.counts.get(bucket);
    const count = entry?.authors ?? 0;
    const p = poissonTail(count, lambda);
    return {
      bucket,
      count,
      posts: entry?.posts ?? 0,
      baseline,
      lambda,
      p,
      anomalous: count >= r.minAuthors && p < r.alpha,
      history: samples.length,
      pooled,
    };
  }
}

function evaluateSource(s: SourceSeries, current: number, r: Resolved): SourceSpike {
  const cw = s.check(current);
  let start: number;
  let shown: WindowCheck;
  if (cw.anomalous) {
    start = current;
    shown = cw;
  } else {
    const pw = s.check(current - r.windowMs);
    if (!pw.anomalous) return { source: s.source, anomalous: false, run: 0, since: null, window: cw };
    start = current - r.windowMs;
    shown = pw;
  }
  let run = 0;
  let b = start;
  while (run < MAX_RUN && s.check(b).anomalous) {
    run++;
    b -= r.windowMs;
  }
  return { source: s.source, anomalous: true, run, since: b + r.windowMs, window: shown };
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, '').replace(/\.$/, ''));

/**
 * Evaluate the complaint series at `now`. `series` holds buckets of any sources (buckets.ts);
 * each source is tested against its own history.
 */
export function detectSpike(series: readonly CrowdBucket[], now: number, opts: SpikeOptions = {}): SpikeResult {
  const r = resolve(opts);
  const current = Math.floor(now / r.windowMs) * r.windowMs;
  const present = new Set<SourceId>();
  for (const b of series) if (b.bucket <= now) present.add(b.source);
  for (const k of Object.keys(opts.coverage ?? {})) present.add(k as SourceId);
  const wanted = opts.sources ? [...new Set(opts.sources)] : [...present].sort();

  const sources = wanted.map((id) =>
    evaluateSource(
      new SourceSeries(
        series.filter((b) => b.bucket <= now),
        id,
        r,
        opts.coverage?.[id],
      ),
      current,
      r,
    ),
  );
  const external = (opts.external ?? []).filter((e) => Number.isFinite(e.since) && e.since <= now);

  const reasons: string[] = [];
  const hot = sources.filter((s) => s.anomalous);
  for (const s of hot) {
    const w = s.window;
    reasons.push(
      `${SOURCE_LABELS[s.source]}: ${w.count} people in a 15-minute window against a usual ${fmt(w.baseline)} (about ${Math.round(
        w.count / w.baseline,
      )}×, p=${w.p.toExponential(1)})`,
    );
    if (s.run >= 2) reasons.push(`${SOURCE_LABELS[s.source]}: ${s.run} anomalous windows in a row`);
  }
  for (const e of external) reasons.push(`${SOURCE_LABELS[e.source]} reports a spike of user reports`);
  for (const s of sources) {
    if (s.window.history === 0)
      reasons.push(`${SOURCE_LABELS[s.source]}: no history yet, the usual level is assumed to be ${fmt(r.floor)}`);
    else if (s.window.pooled)
      reasons.push(`${SOURCE_LABELS[s.source]}: little history yet, the usual level is taken from the last 24 hours`);
  }

  const agreeing = new Set<SourceId>([...hot.map((s) => s.source), ...external.map((e) => e.source)]);
  const anomalous = agreeing.size > 0;
  const consecutive = hot.some((s) => s.run >= 2);
  const independent = agreeing.size >= 2;
  const local = anomalous && opts.localFailures === true;
  if (independent) reasons.push(`independent sources agree: ${[...agreeing].map((s) => SOURCE_LABELS[s]).join(', ')}`);
  if (local) reasons.push('this browser is failing to reach the service too');
  const firsthand = hot.some((s) => SELF_SUFFICIENT.has(s.source));
  if (firsthand) reasons.push('browsers that share failure counts are failing to reach the service');
  const likely = consecutive || independent || local || firsthand;

  // The numbers shown: the most significant anomalous source, else the most significant of all.
  const pool = hot.length > 0 ? hot : sources;
  let primary: SourceSpike | null = null;
  for (const s of pool) {
    if (primary === null || s.window.p < primary.window.p || (s.window.p === primary.window.p && s.window.count > primary.window.count))
      primary = s;
  }
  const sinceValues = [...hot.map((s) => s.since), ...external.map((e) => e.since)].filter((v): v is number => typeof v === 'number');
  const w = primary?.window;
  return {
    anomalous,
    likely,
    ratio: w ? w.count / w.baseline : 0,
    since: sinceValues.length > 0 ? Math.min(...sinceValues) : null,
    baseline: w ? w.baseline : r.floor,
    count: w ? w.count : 0,
    reasons,
    p: w ? w.p : 1,
    lambda: w ? w.lambda : r.floor * r.inflate,
    source: primary ? primary.source : null,
    sources,
  };
}

/** The stored per-source record the spike reading needs (a `CrowdRecord`, ./record.ts). */
interface SpikeRecord {
  source: SourceId;
  coverageFrom: number | null;
  buckets: readonly CrowdBucket[];
}

/** Spike detection over a service's stored records. Pure. */
export function crowdSpike(records: readonly SpikeRecord[], now: number, localFailures: boolean): SpikeResult {
  const coverage: Partial<Record<SourceId, number>> = {};
  for (const r of records) if (r.coverageFrom !== null) coverage[r.source] = r.coverageFrom;
  return detectSpike(
    records.flatMap((r) => r.buckets),
    now,
    { coverage, localFailures, sources: records.map((r) => r.source) },
  );
}
