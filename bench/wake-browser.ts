/**
 * Driving Chromium for the "wake" section: launch it with one extension and a DevTools port, keep
 * a protocol session on the extension's service worker (attached before its script runs, and kept
 * across stops and starts), stop the worker and start it cold, and read what it cost:
 *
 *   - CPU: the worker's own thread ("ServiceWorker thread" in the extension's renderer process),
 *     from /proc/<pid>/task/<tid>/schedstat — CPU time in ns of everything that thread ran since
 *     it was created for this start: script evaluation, the catalog read, opening IndexedDB, the
 *     poll cycle, GC on that thread. Each start gets a new thread, so its CPU time is the start's.
 *     (The DevTools `Performance` domain, which §2 uses on a page, does not exist on worker
 *     targets: "'Performance.enable' wasn't found".) A CPU profile (CDP `Profiler`) of the same
 *     start names where the time went.
 *   - JS heap: CDP `HeapProfiler.collectGarbage`, then `Runtime.getHeapUsage` on the worker target.
 *
 * Linux only (/proc). One extension per browser, so the only service worker thread is ours.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { findChromium } from '../demo/browser';
import { connectCdp, type Cdp } from './cdp';
import { descendants, processType } from './cycle-chromium';
import { sleep } from './lib';

export interface BenchBrowser {
  context: BrowserContext;
  userDataDir: string;
  extensionId: string;
  cdp: Cdp;
  /** The worker's DevTools session (the same across stops and starts). */
  sw: () => string;
  /** A page of the extension's origin, with a CDP session that can stop and start workers. */
  page: Page;
  pageCdp: CDPSession;
  close(): Promise<void>;
}

export async function launchBench(opts: {
  extensionPath: string;
  /** Extension path inside the copy to open as the control page, e.g. 'bench-wake/index.html'. */
  pagePath: string | null;
  network: { hostRules: string; spki: string };
  headless: boolean;
}): Promise<BenchBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'ack-bench-wake-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: findChromium(),
    headless: opts.headless,
    args: [
      `--disable-extensions-except=${opts.extensionPath}`,
      `--load-extension=${opts.extensionPath}`,
      `--host-resolver-rules=${opts.network.hostRules}`,
      ...(opts.network.spki ? [`--ignore-certificate-errors-spki-list=${opts.network.spki}`] : []),
      '--remote-debugging-port=0',
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--no-default-browser-check',
    ],
  });
  try {
    const isExt = (u: string) => u.startsWith('chrome-extension://');
    const worker =
      context.serviceWorkers().find((w) => isExt(w.url())) ??
      (await context.waitForEvent('serviceworker', { predicate: (w) => isExt(w.url()), timeout: 30_000 }));
    const extensionId = new URL(worker.url()).host;
    const cdp = await connectCdp(userDataDir);
    let swSession = '';
    cdp.on('Target.attachedToTarget', (p) => {
      const info = p.targetInfo as { type: string; url: string };
      const sessionId = String(p.sessionId);
      if (info.type === 'service_worker' && info.url.startsWith(`chrome-extension://${extensionId}/`)) swSession = sessionId;
      if (p.waitingForDebugger) void cdp.send('Runtime.runIfWaitingForDebugger', {}, sessionId).catch(() => undefined);
    });
    await cdp.send('Target.setAutoAttach', {
      autoAttach: true,
      waitForDebuggerOnStart: false,
      flatten: true,
      filter: [{ type: 'service_worker', exclude: false }],
    });
    for (let i = 0; i < 100 && !swSession; i++) await sleep(50);
    if (!swSession) throw new Error('no DevTools session on the extension worker');
    const page = await context.newPage();
    await page.goto(opts.pagePath ? `chrome-extension://${extensionId}/${opts.pagePath}` : 'about:blank');
    const pageCdp = await context.newCDPSession(page);
    await pageCdp.send('ServiceWorker.enable');
    return {
      context,
      userDataDir,
      extensionId,
      cdp,
      sw: () => swSession,
      page,
      pageCdp,
      async close() {
        cdp.close();
        await context.close().catch(() => undefined);
        rmSync(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
      },
    };
  } catch (e) {
    await context.close().catch(() => undefined);
    throw e;
  }
}

/** CPU ms of every live service worker thread of this process's Chromium renderers, and how many there are. */
export function workerThreadCpu(): { ms: number; threads: number } {
  let ms = 0;
  let threads = 0;
  for (const pid of descendants(process.pid)) {
    if (processType(pid) !== 'renderer') continue;
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      try {
        if (!readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').startsWith('ServiceWorker')) continue;
        ms += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
        threads++;
      } catch {
        /* the thread exited */
      }
    }
  }
  return { ms, threads };
}

export interface ColdWake {
  /** Worker thread CPU from its creation to idle after the cycle, ms. */
  totalMs: number;
  /** Worker thread CPU when its first feed request reached the server (script, catalog, store, records read), ms; null without requests. */
  startMs: number | null;
  requests: number;
  byStatus: Record<string, number>;
  /** CPU profile: sampled ms by function (self time), the largest first, and the sampled total without idle. */
  profile: { busyMs: number; top: [string, number][] } | null;
  heap: { used: number; total: number };
  wallMs: number;
}

/** What the bench's feed server exposes to a wake. */
export interface RequestCounter {
  requests(): number;
  byStatus: Map<number, number>;
  onRequest: ((count: number) => void) | null;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

function summarise(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }): ColdWake['profile'] {
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const byName = new Map<string, number>();
  let busy = 0;
  for (const n of profile.nodes) {
    const ms = self.get(n.id) ?? 0;
    if (n.callFrame.functionName === '(idle)') continue;
    busy += ms;
    const file = n.callFrame.url.split('/').pop() ?? '';
    const name = `${n.callFrame.functionName || '(anonymous)'}${file ? ` ${file}:${n.callFrame.lineNumber + 1}` : ''}`;
    byName.set(name, (byName.get(name) ?? 0) + ms);
  }
  return { busyMs: busy, top: [...byName].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.BENCH_PROFILE_TOP ?? 8)) };
}

/**
 * Stop the worker, wait until its thread is gone and `minGapMs` has passed since `lastEnd` (feeds
 * read less than 3 s ago are not due: core/poll.ts JUST_READ_MS), start it cold, wait (with a
 * `counter`) for its first feed request, then until its thread is idle and no request has come for
 * 400 ms, and read the cost.
 */
const debug = (...a: unknown[]) => {
  if (process.env.BENCH_DEBUG) console.log('    [wake]', ...a);
};

export async function coldWake(
  b: BenchBrowser,
  opts: { counter: RequestCounter | null; lastEnd: number; minGapMs: number; profile: boolean },
): Promise<ColdWake> {
  for (let attempt = 0; ; attempt++) {
    await b.pageCdp.send('ServiceWorker.stopAllWorkers');
    for (let i = 0; i < 100 && workerThreadCpu().threads > 0; i++) await sleep(50);
    const wait = opts.lastEnd + opts.minGapMs - Date.now();
    if (wait > 0) await sleep(wait);
    debug('stopped', workerThreadCpu());
    if (workerThreadCpu().threads === 0) break; // else: an alarm or event woke it meanwhile; stop it again
    if (attempt >= 5) throw new Error('the worker keeps starting by itself');
  }
  const sid = b.sw();
  if (opts.profile) {
    await b.cdp.send('Profiler.enable', {}, sid);
    await b.cdp.send('Profiler.setSamplingInterval', { interval: 500 }, sid);
    await b.cdp.send('Profiler.start', {}, sid);
  }
  const c = opts.counter;
  const r0 = c?.requests() ?? 0;
  const s0 = new Map(c?.byStatus ?? []);
  let startMs: number | null = null;
  if (c) c.onRequest = () => void (startMs ??= workerThreadCpu().ms);
  const t0 = Date.now();
  await b.pageCdp.send('ServiceWorker.startWorker', { scopeURL: `chrome-extension://${b.extensionId}/` });
  const deadline = Date.now() + 120_000;
  debug('started');
  while (workerThreadCpu().threads === 0 && Date.now() < deadline) await sleep(10);
  debug('thread', workerThreadCpu());
  while (c && c.requests() === r0 && Date.now() < deadline) await sleep(20);
  // Idle: the thread's CPU moves less than 0.05 ms in each of 4 successive 100 ms. A CPU profile
  // interrupts the thread at every sample, so a profiled wake counts as idle under 1 ms per 100 ms
  // (and its CPU time is not comparable: profiled wakes are for attribution only).
  const still = opts.profile ? 1 : 0.05;
  let last = workerThreadCpu().ms;
  let lastRequests = c?.requests() ?? 0;
  for (let quiet = 0; quiet < 4 && Date.now() < deadline;) {
    await sleep(100);
    const now = workerThreadCpu().ms;
    const requests = c?.requests() ?? 0;
    quiet = now - last < still && requests === lastRequests ? quiet + 1 : 0;
    last = now;
    lastRequests = requests;
  }
  const totalMs = last;
  debug('idle', totalMs, c?.requests());
  const wallMs = Date.now() - t0;
  if (c) c.onRequest = null;
  let profile: ColdWake['profile'] = null;
  if (opts.profile) {
    const r = await b.cdp.send<{ profile: Parameters<typeof summarise>[0] }>('Profiler.stop', {}, sid).catch(() => null);
    profile = r ? summarise(r.profile) : null;
  }
  await b.cdp.send('HeapProfiler.collectGarbage', {}, sid);
  const heap = await b.cdp.send<{ usedSize: number; totalSize: number }>('Runtime.getHeapUsage', {}, sid);
  const byStatus: Record<string, number> = {};
  for (const [k, v] of c?.byStatus ?? []) if (v - (s0.get(k) ?? 0) > 0) byStatus[String(k)] = v - (s0.get(k) ?? 0);
  return {
    totalMs,
    startMs,
    requests: (c?.requests() ?? 0) - r0,
    byStatus,
    profile,
    heap: { used: heap.usedSize, total: heap.totalSize },
    wallMs,
  };
}

/** The JS heap of a page after a forced GC (CDP on the page), bytes. */
export async function pageHeap(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

/** Bytes on disk of the extension's IndexedDB in the profile (LevelDB files and blob files). */
export function indexedDbOnDisk(b: BenchBrowser): number {
  const base = join(b.userDataDir, 'Default', 'IndexedDB');
  let total = 0;
  const walk = (p: string) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) for (const e of readdirSync(p)) walk(join(p, e));
    else total += st.size;
  };
  try {
    for (const d of readdirSync(base)) if (d.includes(b.extensionId)) walk(join(base, d));
  } catch {
    return NaN;
  }
  return total;
}
