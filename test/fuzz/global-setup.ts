/**
 * Global setup of the fuzz run: a directory where each test file leaves its case counts, and a
 * teardown that prints them all as one table at the very end of `npm run fuzz`.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { TargetTally } from './properties';

declare module 'vitest' {
  export interface ProvidedContext {
    fuzzCountsDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'acknowledged-fuzz-'));
  project.provide('fuzzCountsDir', dir);
  const started = Date.now();
  return () => {
    const rows: string[] = [];
    const totals = new Map<string, number>();
    for (const file of readdirSync(dir).sort()) {
      const data = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, TargetTally | { counts: Record<string, number> }>;
      for (const [target, t] of Object.entries(data)) {
        for (const [property, n] of Object.entries(t.counts)) {
          rows.push(`fuzz: ${target} ${property} ${n} cases`);
          // Outcome tallies (fetch) describe the cases of a property; they are not more checks.
          if (!property.includes(' outcome ')) totals.set(target, (totals.get(target) ?? 0) + n);
        }
        const known = 'known' in t ? t.known : {};
        for (const [id, k] of Object.entries(known)) rows.push(`fuzz: ${target} KNOWN ISSUE ${id}: ${k.count} cases`);
      }
    }
    rmSync(dir, { recursive: true, force: true });
    if (rows.length === 0) return;
    const lines = [
      '',
      `──── fuzz summary (seed ${process.env.FUZZ_SEED ?? 'default 20260923'}, FUZZ_RUNS=${process.env.FUZZ_RUNS ?? '(default)'}, ${((Date.now() - started) / 1000).toFixed(0)} s) ────`,
      ...rows,
      ...[...totals].map(([target, n]) => `fuzz: ${target} total ${n} property checks`),
      '',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  };
}
