/**
 * `npm run bench` (= `npm run build && tsx bench/run.ts`): benchmarks that print figures with
 * budgets. Missing a budget is reported as FAIL but never changes the exit code; the exit code is
 * non-zero only when a section itself crashed.
 *
 * Options (after `--`, e.g. `npm run bench -- --quick`, or `npx tsx bench/run.ts --only=parse`):
 *   --only=bundle,popup,parse,cycle,hour,wake  run only these sections
 *   --quick                                fewer samples (for trying things out; not for reporting)
 *   --runs=N                               popup opens per page (default 20)
 *   --headed                               show the Chromium window
 *   --no-attribution                       skip the source-map build that names bundle contributors
 * Env: BENCH_EXTENSION=<dir> (default .output/chrome-mv3).
 *
 * Output: the table on stdout and bench-output/results.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import '../core/i18n-english';
import { benchBundle } from './bundle';
import { benchCycle } from './cycle';
import { figures, fmt, loadNow, printTable, record, summaryLine } from './lib';
import { benchParse } from './parse';
import { benchPopup } from './popup';
import { benchSchedule } from './schedule';
import { benchWake } from './wake';

const SECTIONS = ['bundle', 'popup', 'parse', 'cycle', 'hour', 'wake'] as const;
type Section = (typeof SECTIONS)[number];

function args() {
  const argv = process.argv.slice(2);
  const get = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const only = get('only')
    ?.split(',')
    .filter((s): s is Section => (SECTIONS as readonly string[]).includes(s));
  const runs = Number(get('runs') ?? 20);
  return {
    sections: only && only.length ? only : [...SECTIONS],
    quick: argv.includes('--quick'),
    runs: Number.isInteger(runs) && runs > 0 ? runs : 20,
    headless: !argv.includes('--headed'),
    attribution: !argv.includes('--no-attribution'),
  };
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

const opts = args();
const extensionPath = resolve(process.env.BENCH_EXTENSION ?? '.output/chrome-mv3');
const startedAt = new Date();
const loadStart = loadavg();
console.log(
  `bench: ${opts.sections.join(', ')}${opts.quick ? ' (quick)' : ''}; Node ${process.version}; ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}; ${loadNow()}`,
);
console.log('Figures are medians; this machine is shared, so the load average is printed with each section.');

const crashed: string[] = [];
for (const s of opts.sections) {
  try {
    if (s === 'bundle') await benchBundle({ extensionPath, attribution: opts.attribution });
    else if (s === 'popup') await benchPopup({ extensionPath, runs: opts.runs, headless: opts.headless });
    else if (s === 'parse') await benchParse({ quick: opts.quick });
    else if (s === 'cycle') await benchCycle({ quick: opts.quick, extensionPath, headless: opts.headless });
    else if (s === 'hour') await benchSchedule();
    else if (s === 'wake') await benchWake({ extensionPath, quick: opts.quick, headless: opts.headless });
  } catch (e) {
    crashed.push(s);
    console.log(`  !! section ${s} crashed: ${(e as Error)?.stack ?? String(e)}`);
    record({
      section: s,
      name: `section "${s}" did not complete`,
      value: NaN,
      unit: '',
      budget: 'completes',
      pass: false,
      note: String((e as Error)?.message ?? e).slice(0, 200),
    });
  }
}

console.log('');
printTable(figures);
const line = summaryLine(figures);
console.log('');
for (const f of figures.filter((x) => x.pass === false))
  console.log(`FAIL  [${f.section}] ${f.name}: ${f.value.toFixed(2)} ${f.unit} (budget ${f.budget})`);
console.log(`\n${line}`);

/** The machine, named for the README: nproc, lscpu's model, memory, browser versions. */
function machine(): string {
  const run = (cmd: string, args: string[]) => {
    try {
      return execFileSync(cmd, args, { encoding: 'utf8', timeout: 10_000 }).trim();
    } catch {
      return '?';
    }
  };
  const lscpu = run('lscpu', []);
  const field = (name: string) => new RegExp(`^${name}:\\s*(.+)$`, 'm').exec(lscpu)?.[1]?.trim() ?? '?';
  return [
    `${run('nproc', [])} CPUs (nproc) — ${field('Model name')}, ${field('Thread\\(s\\) per core')} thread(s) per core`,
    `${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM; ${run('uname', ['-sr'])}; Node ${process.version}`,
    `${run('/usr/lib/chromium/chromium', ['--version'])}; ${run('/usr/lib/firefox-esr/firefox-esr', ['--version'])}`,
    `load average at start ${loadStart.map((x) => x.toFixed(2)).join('/')}, at end ${loadavg()
      .map((x) => x.toFixed(2))
      .join('/')}`,
  ].join('\n');
}

/** The table as Markdown (for the README), with the machine and the summary line. */
function markdown(): string {
  const esc = (x: string) => x.replace(/\|/g, '\\|');
  const rows = figures.map(
    (f) =>
      `| ${esc(f.section)} | ${esc(f.name)} | ${esc(`${fmt(f.value)} ${f.unit}`.trim())} | ${esc(f.budget || '—')} | ${f.pass === null ? 'info' : f.pass ? 'PASS' : '**FAIL**'} | ${esc(f.note ?? '')} |`,
  );
  return [
    `Run ${startedAt.toISOString()} on commit ${gitCommit() ?? '?'}${opts.quick ? ' (quick)' : ''}:`,
    '',
    '```',
    machine(),
    '```',
    '',
    '| § | figure | value | budget | result | note |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    line,
    '',
  ].join('\n');
}

mkdirSync(resolve('bench-output'), { recursive: true });
writeFileSync(resolve('bench-output/last-run.md'), markdown());

const out = resolve('bench-output/results.json');
mkdirSync(resolve('bench-output'), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify(
    {
      summary: line,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      commit: gitCommit(),
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? null,
      loadavgStart: loadStart,
      loadavgEnd: loadavg(),
      options: opts,
      extensionPath,
      figures: figures.map((f) => ({ ...f, result: f.pass === null ? 'info' : f.pass ? 'PASS' : 'FAIL' })),
    },
    null,
    2,
  )}\n`,
);
console.log(`results: ${out} (and the table as Markdown, with the machine: bench-output/last-run.md)`);
process.exitCode = crashed.length ? 1 : 0;
