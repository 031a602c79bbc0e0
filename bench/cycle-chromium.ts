/**
 * 2 (Chromium). The poll cycle of bench/cycle.ts, run in real Chromium with the browser's own
 * IndexedDB on the extension's origin.
 *
 * bench/cycle-page/ (core/poll.ts `refreshService` + core/store.ts over `idb`, the Node bench's fake
 * fetch and 4-at-a-time loop) is bundled with Vite and added to a copy of the built extension in
 * bench-output/ext-cycle/ (bench/ext-pages.ts, as §3 does). The services and the feed bodies are
 * prepared in Node exactly as for the Node figures (bench/sim.ts `watchedServices`, bench/feeds.ts
 * `routesFor`, bodies read from test/fixtures/feeds/) and handed to the page in one
 * `page.evaluate`. Then: one 200 round (priming), 2 warm-up rounds, N measured cycles, the fake
 * clock advanced by 60 s before each round (no `force`), like bench/cycle.ts.
 *
 * CPU per cycle = delta of the CDP `Performance.getMetrics` `TaskDuration` around the
 * `page.evaluate` that runs one cycle, with `Performance.enable({ timeDomain: 'threadTicks' })` so
 * it is CPU time of the page's renderer main thread (every task there: script, microtasks, GC on
 * that thread, IndexedDB's renderer side — request/transaction bookkeeping, structured clone, IPC —
 * and the DevTools command that runs the cycle, measured separately as `evaluateOverhead`).
 * `ScriptDuration` (the part DevTools attributes to running JavaScript), `ThreadTime` and
 * `ProcessTime` (the renderer process, every thread) are reported alongside. IndexedDB's backend
 * (in the browser process, or a storage utility process) is NOT on that thread, so on Linux every
 * Chromium process's CPU is also sampled from /proc/<pid>/task/<tid>/schedstat (ns, every thread)
 * around each cycle, by process type and thread name, next to the same processes' CPU over an idle
 * stretch of equal length.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CDPSession, Page } from '@playwright/test';
import type { Service } from '../core/catalog/catalog';
import { launchWithExtension } from '../demo/browser';
import type { CycleRun, CycleSetup } from './cycle-page/main';
import { buildBenchPage, copyExtensionWith } from './ext-pages';
import { routesFor } from './feeds';
import { median, sleep } from './lib';

export interface ChromiumCycle {
  /** Renderer main thread TaskDuration per measured cycle, ms. */
  task: number[];
  /** Renderer main thread ScriptDuration per measured cycle, ms. */
  script: number[];
  /** Renderer main thread CPU (ThreadTime) per measured cycle, ms. */
  thread: number[];
  /** Renderer process CPU, every thread (ProcessTime, 10 ms ticks) per measured cycle, ms. */
  rendererProcess: number[];
  /** Wall time of `pollAll` inside the page, ms. */
  wall: number[];
  /** TaskDuration of a no-op `page.evaluate` (the measuring's own cost, included in `task`), ms. */
  evaluateOverhead: number;
  /** TaskDuration of the fake fetch alone answering one cycle's requests with 304, ms (included in `task`). */
  fakeFetch: number;
  requestsPerCycle: number;
  status304: number;
  conditional: number;
  /** Every measured cycle: requests == 304 answers == conditional requests, nothing else. */
  all304: boolean;
  primeTask: number;
  primeRequests: number;
  problems: string[];
  /**
   * From /proc (Linux; null elsewhere): per measured cycle, CPU ms of each Chromium process type
   * ("browser", "renderer", "utility:storage.mojom.StorageService", …; all their threads) and of
   * each "type/thread name"; and the same keys over an idle stretch as long as all the cycles
   * together, divided by the number of cycles (what those processes burn anyway per cycle length).
   */
  procs: { perCycle: Map<string, number[]>; idlePerCycle: Map<string, number> } | null;
  chromium: string;
}

// ---------------------------------------------------------------------------------------------
// CPU of Chromium's processes from /proc (Linux).

/** Every process below `root` (children, grandchildren, …) by pid. */
export function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      // "pid (comm) state ppid …"; comm may contain spaces and parentheses.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parent.set(Number(d), ppid);
    } catch {
      /* exited */
    }
  }
  const out: number[] = [];
  for (const pid of parent.keys()) {
    for (let p = parent.get(pid), hops = 0; p !== undefined && p > 1 && hops < 20; p = parent.get(p), hops++) {
      if (p === root) {
        out.push(pid);
        break;
      }
    }
  }
  return out;
}

/** "browser", "renderer", "gpu-process", "utility:storage.mojom.StorageService", "zygote", … */
export function processType(pid: number): string | null {
  try {
    // Zygote children rewrite their title, so the arguments may be separated by spaces, not NULs.
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (!/chrom/i.test(cmdline.split(/[\0 ]/)[0] ?? '')) return null;
    const arg = (name: string) => new RegExp(`(?:^|[\\0 ])--${name}=([^\\0 ]+)`).exec(cmdline)?.[1];
    const type = arg('type');
    if (!type) return 'browser';
    if (type === 'utility') return `utility:${arg('utility-sub-type') ?? '?'}`;
    return type;
  } catch {
    return null;
  }
}

/** CPU time (ms, ns resolution) of every live thread of `pid`, by thread name. */
function threadCpuMs(pid: number): Map<string, number> {
  const out = new Map<string, number>();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        const ms = Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
        const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim().replace(/\d+$/, '#');
        out.set(name, (out.get(name) ?? 0) + ms);
      } catch {
        /* thread exited */
      }
    }
  } catch {
    /* process exited */
  }
  return out;
}

class ProcSampler {
  private readonly pids: { pid: number; type: string }[];
  constructor(root: number) {
    this.pids = descendants(root)
      .map((pid) => ({ pid, type: processType(pid) }))
      .filter((p): p is { pid: number; type: string } => p.type !== null);
  }
  static available(): boolean {
    return process.platform === 'linux' && existsSync(`/proc/${process.pid}/task`);
  }
  get types(): string[] {
    return [...new Set(this.pids.map((p) => p.type))];
  }
  /** CPU ms so far, by process type, and by "process type/thread name". */
  sample(): Map<string, number> {
    const out = new Map<string, number>();
    const add = (k: string, v: number) => out.set(k, (out.get(k) ?? 0) + v);
    for (const p of this.pids) {
      for (const [thread, ms] of threadCpuMs(p.pid)) {
        add(p.type, ms);
        add(`${p.type}/${thread}`, ms);
      }
    }
    return out;
  }
  static delta(a: Map<string, number>, b: Map<string, number>): Map<string, number> {
    const out = new Map<string, number>();
    for (const [k, v] of b) out.set(k, v - (a.get(k) ?? 0));
    return out;
  }
}

// ---------------------------------------------------------------------------------------------

interface MainThread {
  /** TaskDuration: every task on the renderer main thread. */
  task: number;
  /** ScriptDuration: the part of it spent running JavaScript. */
  script: number;
  /** ThreadTime: the renderer main thread's CPU time. */
  thread: number;
  /** ProcessTime: the renderer process's CPU time (every thread; coarse, 10 ms ticks). */
  process: number;
}

async function mainThreadMs(cdp: CDPSession): Promise<MainThread> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name: string) => (metrics.find((m) => m.name === name)?.value ?? NaN) * 1000;
  return { task: get('TaskDuration'), script: get('ScriptDuration'), thread: get('ThreadTime'), process: get('ProcessTime') };
}

/** Run `fn` in the page and return the renderer metrics' deltas around it (ms). */
async function measured<T>(cdp: CDPSession, fn: () => Promise<T>): Promise<MainThread & { value: T }> {
  const a = await mainThreadMs(cdp);
  const value = await fn();
  const b = await mainThreadMs(cdp);
  return { value, task: b.task - a.task, script: b.script - a.script, thread: b.thread - a.thread, process: b.process - a.process };
}

function setupData(services: readonly Service[], intervalMs: number): CycleSetup {
  const routes = routesFor(services);
  const bodies: string[] = [];
  const index = new Map<string, number>();
  const list: CycleSetup['routes'] = [];
  for (const [url, f] of routes) {
    const b64 = Buffer.from(f.bytes).toString('base64');
    let i = index.get(b64);
    if (i === undefined) {
      i = bodies.push(b64) - 1;
      index.set(b64, i);
    }
    list.push([url, i, f.contentType, f.etag]);
  }
  return {
    dbName: `bench-cycle-${process.pid}`,
    services: JSON.parse(JSON.stringify(services)) as Service[],
    intervalMs,
    routes: list,
    bodies,
  };
}

const cyclePage = (page: Page) => ({
  setup: (d: CycleSetup) => page.evaluate((data) => window.__cycle!.setup(data), d),
  run: (advanceMs: number) => page.evaluate((ms) => window.__cycle!.run(ms), advanceMs),
  problems: () => page.evaluate(() => window.__cycle!.problems()),
  fakeFetchOnly: (n: number) => page.evaluate((k) => window.__cycle!.fakeFetchOnly(k), n),
  noop: () => page.evaluate(() => 0),
  teardown: () => page.evaluate(() => window.__cycle!.teardown()),
});

export async function chromiumCycle(opts: {
  extensionPath: string;
  services: readonly Service[];
  intervalMs: number;
  cycles: number;
  headless: boolean;
}): Promise<ChromiumCycle | null> {
  if (!existsSync(join(opts.extensionPath, 'manifest.json'))) {
    console.log(`  Chromium: skipped, no built extension at ${opts.extensionPath}`);
    return null;
  }
  const pageOut = resolve('bench-output/cycle-page');
  await buildBenchPage('bench/cycle-page', pageOut);
  const extCopy = resolve('bench-output/ext-cycle');
  await copyExtensionWith(opts.extensionPath, extCopy, { 'bench-cycle': pageOut });
  const data = setupData(opts.services, opts.intervalMs);

  // No network is needed (the page's fetch is the fake): every hostname fails to resolve, so the
  // extension's own worker cannot reach anything either.
  const { context, extensionId } = await launchWithExtension({
    extensionPath: extCopy,
    server: { hostRules: 'MAP * ~NOTFOUND, EXCLUDE localhost', spki: '' },
    headless: opts.headless,
  });
  try {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/bench-cycle/index.html`);
    await page.waitForFunction(() => window.__cycleReady === true, undefined, { timeout: 20_000 });
    const chromium =
      context.browser()?.version() ?? (await page.evaluate(() => navigator.userAgent)).match(/Chrom(?:e|ium)\/[\d.]+/)?.[0] ?? '?';
    const cdp = await context.newCDPSession(page);
    // threadTicks: TaskDuration / ScriptDuration in CPU time of the main thread. The default
    // (timeTicks) is wall time inside tasks, which on this shared machine includes time the
    // thread waited for a core (measured: about twice the CPU time at load 6 on 2 cores).
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    const cp = cyclePage(page);
    await cp.setup(data);

    // The cost of measuring: a no-op evaluate between two getMetrics.
    const noop: number[] = [];
    for (let i = 0; i < 7; i++) noop.push((await measured(cdp, cp.noop)).task);

    const prime = await measured(cdp, () => cp.run(0));
    for (let i = 0; i < 2; i++) await cp.run(opts.intervalMs);

    const sampler = ProcSampler.available() ? new ProcSampler(process.pid) : null;
    const perCycle = new Map<string, number[]>();
    const task: number[] = [];
    const script: number[] = [];
    const thread: number[] = [];
    const rendererProcess: number[] = [];
    const wall: number[] = [];
    const runs: CycleRun[] = [];
    let wallTotal = 0;
    for (let i = 0; i < opts.cycles; i++) {
      const p0 = sampler?.sample();
      const t0 = performance.now();
      const m = await measured(cdp, () => cp.run(opts.intervalMs));
      wallTotal += performance.now() - t0;
      if (sampler && p0) for (const [k, v] of ProcSampler.delta(p0, sampler.sample())) perCycle.set(k, [...(perCycle.get(k) ?? []), v]);
      task.push(m.task);
      script.push(m.script);
      thread.push(m.thread);
      rendererProcess.push(m.process);
      wall.push(m.value.wallMs);
      runs.push(m.value);
    }
    // The same processes doing nothing (the extension's worker idles; no page work) for as long.
    const idlePerCycle = new Map<string, number>();
    if (sampler) {
      await sleep(300);
      const i0 = sampler.sample();
      await sleep(wallTotal);
      for (const [k, v] of ProcSampler.delta(i0, sampler.sample())) idlePerCycle.set(k, v / opts.cycles);
    }
    const last = runs[runs.length - 1]!;
    const ff: number[] = [];
    for (let i = 0; i < 5; i++) ff.push((await measured(cdp, () => cp.fakeFetchOnly(last.requests))).task);
    const problems = await cp.problems();
    await cp.teardown();
    return {
      task,
      script,
      thread,
      rendererProcess,
      wall,
      evaluateOverhead: median(noop),
      fakeFetch: median(ff.slice(1)),
      requestsPerCycle: last.requests,
      status304: last.byStatus['304'] ?? 0,
      conditional: last.conditional,
      all304: runs.every(
        (r) =>
          r.requests > 0 && (r.byStatus['304'] ?? 0) === r.requests && r.conditional === r.requests && Object.keys(r.byStatus).length === 1,
      ),
      primeTask: prime.task,
      primeRequests: prime.value.requests,
      problems,
      procs: sampler ? { perCycle, idlePerCycle } : null,
      chromium,
    };
  } finally {
    await context.close().catch(() => undefined);
  }
}
