/**
 * Shared helpers for `npm run bench`: timing, medians, load readings, the results table.
 *
 * A benchmark here prints figures with budgets; it never fails the process because a budget is
 * missed (the exit code is 0 unless the bench itself crashes).
 */
import { loadavg, cpus } from 'node:os';
import { performance } from 'node:perf_hooks';

export interface Figure {
  /** Section number and short name, e.g. "1 parse". */
  section: string;
  name: string;
  value: number;
  unit: string;
  /** Human form of the budget, e.g. "≤ 2×". Empty for info rows. */
  budget: string;
  /** null: an informational row, not counted as PASS or FAIL. */
  pass: boolean | null;
  note?: string;
}

export const figures: Figure[] = [];
export const notes: string[] = [];

export function record(f: Figure): Figure {
  figures.push(f);
  return f;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[i]!;
}

/** "load 3.9/4.2/3.5 on 2 cores" */
export function loadNow(): string {
  const [a, b, c] = loadavg();
  return `load ${a!.toFixed(2)}/${b!.toFixed(2)}/${c!.toFixed(2)} on ${cpus().length} cores`;
}

/** CPU time (user + system) in ms, whole process (every thread: JS, GC helpers, libuv). */
export function cpuMs(since?: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
}

/**
 * Median wall time (ms) of one call of `fn`, measured in batches: each sample times `batch` calls
 * together so that sub-millisecond work is still measured well above timer resolution.
 * `fn`'s result is kept in a sink so the engine cannot drop the work.
 */
export function timeSync(
  fn: () => unknown,
  opts: { samples: number; minSampleMs?: number; warmupMs?: number },
): {
  median: number;
  min: number;
  batch: number;
  samples: number[];
} {
  const warmupMs = opts.warmupMs ?? 150;
  const minSampleMs = opts.minSampleMs ?? 4;
  let sink: unknown;
  // Warm-up (lets the JIT settle) and calibration of the batch size.
  const w0 = performance.now();
  let calls = 0;
  while (performance.now() - w0 < warmupMs || calls < 3) {
    sink = fn();
    calls++;
  }
  const per = (performance.now() - w0) / calls;
  const batch = Math.max(1, Math.ceil(minSampleMs / Math.max(per, 1e-6)));
  const samples: number[] = [];
  for (let s = 0; s < opts.samples; s++) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) sink = fn();
    samples.push((performance.now() - t0) / batch);
  }
  keep(sink);
  return { median: median(samples), min: Math.min(...samples), batch, samples };
}

let kept: unknown;
function keep(x: unknown): void {
  kept = x;
  if (kept === Symbol.for('never')) console.log('');
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export function fmt(n: number, digits = 2): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 100) return n.toFixed(0);
  if (Math.abs(n) >= 10) return n.toFixed(1);
  return n.toFixed(digits);
}

export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

/** The table of every figure, one row each, in the order recorded. */
export function printTable(rows: readonly Figure[]): void {
  const cols = rows.map((f) => [
    f.section,
    f.name,
    `${fmt(f.value)} ${f.unit}`.trim(),
    f.budget || '—',
    f.pass === null ? 'info' : f.pass ? 'PASS' : 'FAIL',
    f.note ?? '',
  ]);
  const head = ['section', 'figure', 'value', 'budget', 'result', 'note'];
  const widths = head.map((h, i) => Math.min(i === 1 ? 70 : i === 5 ? 200 : 40, Math.max(h.length, ...cols.map((c) => c[i]!.length))));
  const line = (c: string[]) => c.map((x, i) => pad(x, widths[i]!)).join(' | ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const c of cols) console.log(line(c));
}

export function summaryLine(rows: readonly Figure[]): string {
  const counted = rows.filter((f) => f.pass !== null);
  const pass = counted.filter((f) => f.pass).length;
  const info = rows.length - counted.length;
  return `bench: ${counted.length} figures, ${pass} PASS, ${counted.length - pass} FAIL${info ? ` (+ ${info} info rows)` : ''}`;
}

export function heading(title: string): void {
  console.log(`\n== ${title} (${loadNow()})`);
}
