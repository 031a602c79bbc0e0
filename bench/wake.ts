/**
 * Section "wake" (issue 15): what it costs to keep Acknowledged running, in real Chromium, each
 * figure next to its baseline measured in the same run.
 *
 *   - The price of a wake: CPU of the worker's thread for a cold start (script evaluation,
 *     catalog read, opening IndexedDB, reading the records) plus one poll cycle of the watched
 *     feeds, every one answered 304 — against the cold start of an empty MV3 worker that only
 *     keeps an alarm (bench/empty-worker/). Budget: ≤ 50 ms in all, and the start alone (CPU when
 *     the first feed request leaves) ≤ 2× the empty worker's.
 *   - Memory: the worker's JS heap after that cycle (≤ 20 MB and ≤ 2× the empty worker's); the
 *     popup's JS heap at its first paint against a blank Preact page (bench/blank/); IndexedDB
 *     usage with the watched services' stored history (navigator.storage.estimate(), ≤ 5 MB), per
 *     store, and the files on disk.
 *   - Growth: all of it for 10, 50, 200 and 500 watched services (the settings keep at most 500:
 *     core/settings.ts MAX_LIST, so 1,000 watched cannot exist), with the catalog fixed at its
 *     1,200 entries — what grows with the watch list shows in the table; what would grow with
 *     the catalog does not change between rows.
 *
 * Setup per watch-list size: a fresh profile with a copy of the built extension plus the bench
 * page (bench/wake-page/, on the extension's origin), every hostname sent to an HTTPS server with
 * the real feed samples (bench/feed-server.ts; Google Cloud's feed is the ~5 MB history). The page
 * writes settings (the watch list; complaint sources off, since the wake measures feeds) and 7 days
 * of complaint buckets and 90 days of episodes per watched service. The worker polls them all
 * (bodies stored), once more (304s), then each measured wake: stop the worker, wait > 3 s (a feed
 * read less than 3 s ago is not due), start it with CDP ServiceWorker.startWorker, wait for every
 * feed request and for the thread to go idle.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SERVICES, type Service } from '../core/catalog/bundled';
import { backgroundEntries, closure, gzSizes } from './bundle';
import { buildBenchPage, copyExtensionWith } from './ext-pages';
import { startFeedServer } from './feed-server';
import { buildGcpHistory, routesFor } from './feeds';
import { fmt, heading, median, record, sleep } from './lib';
import { OBSERVE_VERDICT } from './popup';
import { coldWake, indexedDbOnDisk, launchBench, pageHeap, type BenchBrowser, type ColdWake } from './wake-browser';
import type { SeedPlan, StoreSizes, WakePage } from './wake-page/main';

const MB = 1024 * 1024;
/** A feed read this recently is not due (core/poll.ts JUST_READ_MS = 3 s); wait a little more. */
const GAP_MS = 3_500;
const SIZES = [10, 50, 200, 500] as const;
const BUDGET_N = 200;

/**
 * The history seeded per watched service (bench/wake-page/main.ts), on the busy side of real life:
 * per complaint source (HN, Mastodon), 2 posts a day for 7 days and one outage spike of 30 distinct
 * authors; and an outage episode every week for 90 days (12), each with its updates and timeline.
 */
const HISTORY = { postsPerDay: 2, spikeAuthors: 30, spikeDays: 1, episodesPerService: 12 };
/** The one feed served as the ~5 MB history (./feeds.ts buildGcpHistory); other Google feeds get the real 116 KB sample. */
const BIG_FEED = 'https://status.cloud.google.com/incidents.json';

interface SizeRun {
  n: number;
  feeds: number;
  seeded: { crowdRecords: number; buckets: number; episodes: number };
  wakes: ColdWake[];
  profiled: ColdWake;
  idb: StoreSizes;
  diskBytes: number;
  popupHeap: number[];
  blankHeap: number[];
  popupVerdict: string;
}

/**
 * `n` catalog services to watch: every one with an official feed first, one of each feed kind
 * leading (so the busiest real feeds — Google Cloud's 5 MB history, AWS, Apple — are always in),
 * then services without a feed (complaint-only watches).
 */
export function watchList(n: number): Service[] {
  const official = SERVICES.filter((s) => s.official !== null);
  const firstOfKind = new Map<string, Service>();
  for (const s of official) if (!firstOfKind.has(s.official!.kind)) firstOfKind.set(s.official!.kind, s);
  const lead = [...firstOfKind.values()];
  const rest = official.filter((s) => !lead.includes(s));
  return [...lead, ...rest, ...SERVICES.filter((s) => s.official === null)].slice(0, n);
}

const wakePage = (b: BenchBrowser) => ({
  seed: (plan: SeedPlan) => b.page.evaluate((p) => window.__wake!.seed(p), plan),
  sizes: () => b.page.evaluate(() => window.__wake!.sizes()),
});

declare global {
  interface Window {
    __wake?: WakePage;
    __wakeReady?: boolean;
  }
}

/** Open `url` in a new tab, wait for main[data-verdict], then read the JS heap after a GC. */
async function heapAtVerdict(b: BenchBrowser, url: string): Promise<{ heap: number; verdict: string }> {
  const page = await b.context.newPage();
  try {
    await page.addInitScript({ content: OBSERVE_VERDICT });
    const cdp = await b.context.newCDPSession(page);
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__bench?.verdict !== undefined, undefined, { timeout: 20_000 });
    const heap = await pageHeap(cdp);
    const verdict = (await page.locator('main[data-verdict]').first().getAttribute('data-verdict')) ?? '';
    return { heap, verdict };
  } finally {
    await page.close();
  }
}

export async function runSize(opts: { extCopy: string; n: number; wakes: number; headless: boolean; gcpBody: string }): Promise<SizeRun> {
  const services = watchList(opts.n);
  const routes = routesFor(services);
  const big = routesFor(services, { gcpBody: opts.gcpBody }).get(BIG_FEED);
  if (big) routes.set(BIG_FEED, big);
  const server = await startFeedServer(routes);
  const debug = (...a: unknown[]) => process.env.BENCH_DEBUG && console.log(`    [${opts.n}]`, ...a);
  const b = await launchBench({ extensionPath: opts.extCopy, pagePath: 'bench-wake/index.html', network: server, headless: opts.headless });
  try {
    debug('launched', server.requests());
    await b.page.waitForFunction(() => window.__wakeReady === true, undefined, { timeout: 20_000 });
    const seeded = await wakePage(b).seed({ watched: services.map((s) => s.id), now: Date.now(), ...HISTORY });
    debug('seeded', seeded, server.requests());
    // The settings change makes the worker poll the new list: every feed answered 200 (bodies
    // stored). Then a warm-up wake (all 304), then the measured ones.
    const feeds = routes.size;
    // Wait for the first request, then until none has come for 2 s.
    const deadline = Date.now() + 120_000;
    while (server.requests() === 0 && Date.now() < deadline) await sleep(100);
    for (let seen = -1; seen !== server.requests() && Date.now() < deadline;) {
      seen = server.requests();
      await sleep(2000);
    }
    debug('primed', server.requests(), [...server.byStatus]);
    let lastEnd = Date.now();
    await coldWake(b, { counter: server, lastEnd, minGapMs: GAP_MS, profile: false });
    lastEnd = Date.now();
    const wakes: ColdWake[] = [];
    for (let i = 0; i < opts.wakes; i++) {
      wakes.push(await coldWake(b, { counter: server, lastEnd, minGapMs: GAP_MS, profile: false }));
      lastEnd = Date.now();
    }
    // One more, profiled, only to name where the time goes (a profile slows the thread it samples).
    const profiled = await coldWake(b, { counter: server, lastEnd, minGapMs: GAP_MS, profile: true });
    const idb = await wakePage(b).sizes();
    const diskBytes = indexedDbOnDisk(b);
    const popupHeap: number[] = [];
    const blankHeap: number[] = [];
    let popupVerdict = '';
    const popupUrl = `chrome-extension://${b.extensionId}/popup.html?service=${services[0]!.id}`;
    const blankUrl = `chrome-extension://${b.extensionId}/bench-blank/index.html`;
    for (let i = 0; i < 4; i++) {
      const p = await heapAtVerdict(b, popupUrl);
      popupVerdict = p.verdict;
      popupHeap.push(p.heap);
      blankHeap.push((await heapAtVerdict(b, blankUrl)).heap);
    }
    return { n: opts.n, feeds, seeded, wakes, profiled, idb, diskBytes, popupHeap, blankHeap, popupVerdict };
  } finally {
    await b.close();
    await server.close();
  }
}

async function runEmpty(opts: { wakes: number; headless: boolean }): Promise<{ wakes: ColdWake[]; profiled: ColdWake }> {
  const b = await launchBench({
    extensionPath: resolve('bench/empty-worker'),
    pagePath: null,
    network: { hostRules: 'MAP * ~NOTFOUND, EXCLUDE localhost', spki: '' },
    headless: opts.headless,
  });
  try {
    let lastEnd = 0;
    await coldWake(b, { counter: null, lastEnd, minGapMs: 0, profile: false });
    const out: ColdWake[] = [];
    for (let i = 0; i < opts.wakes; i++) {
      out.push(await coldWake(b, { counter: null, lastEnd, minGapMs: 0, profile: false }));
      lastEnd = Date.now();
    }
    const profiled = await coldWake(b, { counter: null, lastEnd, minGapMs: 0, profile: true });
    return { wakes: out, profiled };
  } finally {
    await b.close();
  }
}

const mb = (bytes: number) => `${(bytes / MB).toFixed(2)} MB`;
const med = (xs: number[]) => median(xs);

export async function benchWake(opts: { extensionPath: string; quick: boolean; headless: boolean }): Promise<void> {
  const wakes = opts.quick ? 2 : 5;
  heading(`wake. Price of a worker wake and memory, real Chromium, ${wakes} cold wakes per size`);
  if (!existsSync(join(opts.extensionPath, 'manifest.json'))) {
    console.log(`  skipped: no built extension at ${opts.extensionPath}`);
    return;
  }
  if (process.platform !== 'linux') {
    console.log('  skipped: the worker thread CPU is read from /proc (Linux only)');
    return;
  }
  const pageOut = resolve('bench-output/wake-page');
  const blankOut = resolve('bench-output/blank');
  await buildBenchPage('bench/wake-page', pageOut);
  await buildBenchPage('bench/blank', blankOut);
  const extCopy = resolve('bench-output/ext-wake');
  await copyExtensionWith(opts.extensionPath, extCopy, { 'bench-wake': pageOut, 'bench-blank': blankOut });
  const bg = gzSizes(extCopy, closure(extCopy, backgroundEntries(extCopy)));
  const gcp = buildGcpHistory(Date.now());

  const { wakes: empty, profiled: emptyProfiled } = await runEmpty({ wakes, headless: opts.headless });
  const emptyCpu = med(empty.map((w) => w.totalMs));
  const emptyHeap = med(empty.map((w) => w.heap.used));
  console.log(
    `  empty MV3 worker (alarm only): cold start CPU ${fmt(emptyCpu)} ms (runs ${empty.map((w) => fmt(w.totalMs)).join(', ')}), JS heap after GC ${mb(emptyHeap)}`,
  );
  if (emptyProfiled.profile)
    console.log(
      `    CPU profile: ${fmt(emptyProfiled.profile.busyMs)} ms sampled busy; ${emptyProfiled.profile.top.map(([k, v]) => `${k} ${fmt(v)}`).join('; ')}`,
    );

  const sizes: SizeRun[] = [];
  for (const n of opts.quick ? [10, BUDGET_N] : SIZES) {
    const r = await runSize({ extCopy, n, wakes, headless: opts.headless, gcpBody: gcp.body });
    sizes.push(r);
    const w = r.wakes;
    console.log(
      `  ${n} watched (${r.feeds} feed URLs): wake CPU ${fmt(med(w.map((x) => x.totalMs)))} ms (start ${fmt(med(w.map((x) => x.startMs ?? NaN)))} ms), ` +
        `requests ${w.map((x) => `${x.requests} ${JSON.stringify(x.byStatus)}`).join(' / ')}; worker heap ${mb(med(w.map((x) => x.heap.used)))}; ` +
        `IndexedDB ${mb(r.idb.estimate.usage)} (on disk ${mb(r.diskBytes)}); popup heap ${mb(med(r.popupHeap))} (blank ${mb(med(r.blankHeap))}, verdict "${r.popupVerdict}")`,
    );
    const prof = r.profiled.profile;
    if (prof)
      console.log(
        `    CPU profile of one more wake (profiled, not counted): ${fmt(prof.busyMs)} ms sampled busy; ${prof.top.map(([k, v]) => `${k} ${fmt(v)}`).join('; ')}`,
      );
  }

  // Growth table.
  console.log('\n  growth with the watch list (catalog fixed at 1,200 entries):');
  console.log('  watched | feed URLs | wake CPU ms (start) | worker heap | popup heap | IndexedDB (estimate / JSON of values / on disk)');
  for (const r of sizes) {
    const json = Object.values(r.idb.stores).reduce((s, x) => s + x.jsonBytes, 0);
    console.log(
      `  ${String(r.n).padStart(7)} | ${String(r.feeds).padStart(9)} | ${fmt(med(r.wakes.map((x) => x.totalMs))).padStart(8)} (${fmt(med(r.wakes.map((x) => x.startMs ?? NaN)))}) | ${mb(med(r.wakes.map((x) => x.heap.used)))} | ${mb(med(r.popupHeap))} | ${mb(r.idb.estimate.usage)} / ${mb(json)} / ${mb(r.diskBytes)}`,
    );
    record({
      section: 'wake growth',
      name: `${r.n} watched (${r.feeds} feed URLs): wake CPU · worker heap · popup heap · IndexedDB`,
      value: med(r.wakes.map((x) => x.totalMs)),
      unit: 'ms',
      budget: '',
      pass: null,
      note: `start ${fmt(med(r.wakes.map((x) => x.startMs ?? NaN)))} ms; worker heap ${mb(med(r.wakes.map((x) => x.heap.used)))}; popup heap ${mb(med(r.popupHeap))}; IndexedDB ${mb(r.idb.estimate.usage)} (JSON ${mb(json)}, disk ${mb(r.diskBytes)}); seeded ${r.seeded.buckets} buckets, ${r.seeded.episodes} episodes`,
    });
  }

  const at = sizes.find((r) => r.n === BUDGET_N);
  if (!at) return;
  const total = med(at.wakes.map((x) => x.totalMs));
  const start = med(at.wakes.map((x) => x.startMs ?? NaN));
  const heap = med(at.wakes.map((x) => x.heap.used));
  // Every wake asks the same requests (each feed's main endpoints; history endpoints are read less
  // often), and every answer is a 304.
  const all304 = at.wakes.every((x) => x.requests > 0 && x.requests === at.wakes[0]!.requests && Object.keys(x.byStatus).join() === '304');
  const perStore = Object.entries(at.idb.stores)
    .map(([k, v]) => `${k} ${v.rows} rows ${mb(v.jsonBytes)}`)
    .join(', ');
  record({
    section: 'wake',
    name: `price of a wake: worker thread CPU, cold start + one cycle of ${at.wakes[0]?.requests ?? 0} feed requests for ${BUDGET_N} watched services, all 304`,
    value: total,
    unit: 'ms',
    budget: '≤ 50 ms',
    pass: total <= 50 && all304,
    note: `median of ${at.wakes.length}: ${at.wakes.map((x) => fmt(x.totalMs)).join(', ')}; empty worker ${fmt(emptyCpu)} ms; ${all304 ? 'every request 304' : `NOT all 304: ${at.wakes.map((x) => JSON.stringify(x.byStatus)).join(' ')}`}; after the start, ${fmt((total - start) / Math.max(1, at.wakes[0]?.requests ?? 1))} ms per feed request (fetch, CORS revalidation, response, check row write, judging and badges)`,
  });
  record({
    section: 'wake',
    name: 'of which the start (script, catalog, store open, records read: CPU when the first feed request arrives) vs empty worker',
    value: start / emptyCpu,
    unit: '×',
    budget: '≤ 2× empty',
    pass: start / emptyCpu <= 2,
    note: `start ${fmt(start)} ms vs empty worker's whole cold start ${fmt(emptyCpu)} ms; at ${sizes[0]!.n} watched ${fmt(med(sizes[0]!.wakes.map((x) => x.startMs ?? NaN)))} ms — mostly evaluating ${(bg.raw / 1024).toFixed(0)} KB of background JS and first use of 8 extension APIs, which the empty worker does not have`,
  });
  record({
    section: 'wake',
    name: 'background JS the worker evaluates at each start, gzipped (information, next to the wake cost)',
    value: bg.gz / 1024,
    unit: 'KB',
    budget: '',
    pass: null,
    note: `${(bg.raw / 1024).toFixed(1)} KB minified (${bg.files.map((f) => f.path).join(' + ')})`,
  });
  record({
    section: 'memory',
    name: `worker JS heap after a cycle (CDP Runtime.getHeapUsage after a forced GC), ${BUDGET_N} watched`,
    value: heap / MB,
    unit: 'MB',
    budget: '≤ 20 MB',
    pass: heap <= 20 * MB,
    note: `empty worker ${mb(emptyHeap)}`,
  });
  record({
    section: 'memory',
    name: 'worker JS heap after a cycle vs empty MV3 worker',
    value: heap / emptyHeap,
    unit: '×',
    budget: '≤ 2× empty',
    pass: heap / emptyHeap <= 2,
    note: `${mb(heap)} vs ${mb(emptyHeap)}; at ${sizes[0]!.n} watched already ${mb(med(sizes[0]!.wakes.map((x) => x.heap.used)))}: the code's own heap (functions, bytecode of ${(bg.raw / 1024).toFixed(0)} KB of JS), not the data`,
  });
  record({
    section: 'memory',
    name: `IndexedDB usage, navigator.storage.estimate(): ${BUDGET_N} watched, 7 days of complaint buckets, 90 days of episodes, real feeds (Google Cloud 5 MB history)`,
    value: at.idb.estimate.usage / MB,
    unit: 'MB',
    budget: '≤ 5 MB',
    pass: at.idb.estimate.usage <= 5 * MB,
    note: `per store (JSON of values): ${perStore}; the largest stored body alone ${mb(at.idb.stores.bodies?.largestJson ?? 0)} (raw feed bodies are kept for re-parsing); files on disk ${mb(at.diskBytes)}`,
  });
  const popupHeap = med(at.popupHeap);
  const blankHeap = med(at.blankHeap);
  record({
    section: 'memory',
    name: 'popup JS heap at first paint (verdict in the DOM, after a forced GC) vs blank Preact page',
    value: popupHeap / blankHeap,
    unit: '×',
    budget: '',
    pass: null,
    note: `popup ${mb(popupHeap)}, blank ${mb(blankHeap)}; ${BUDGET_N} watched`,
  });
}
