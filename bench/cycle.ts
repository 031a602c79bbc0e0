/**
 * 2. CPU of one poll cycle for 200 watched services whose feeds are unchanged.
 *
 * One priming round answers 200 with the real sample bodies (and ETags); every later round answers
 * 304 to every conditional request. A cycle = every service polled once through `refreshService`,
 * 4 at a time (as core/background.ts does), with the clock advanced by the poll interval (60 s) so
 * backoff makes every service due — no `force`. CPU = process.cpuUsage() (user + system, every
 * thread of this process) around the cycle. Storage is fake-indexeddb, which is slower than a
 * browser's IndexedDB; the same cycle is also measured with an in-memory store (storage excluded),
 * and the adapters' share is measured by parsing the stored bodies alone.
 */
import type { Service } from '../core/catalog/catalog';
import type { PollDeps } from '../core/poll';
import { adapterFor } from '../core/official/registry';
import { buildGcpHistory, makeFakeFetch, newStats, routesFor, type FetchStats } from './feeds';
import { cpuMs, fmt, heading, median, record } from './lib';
import { freshFakeDb, memoryDb, pollAll, watchedServices } from './sim';
import { getRecord, type Db } from '../core/store';

const INTERVAL_MS = 60_000;

interface CycleResult {
  cpu: number[];
  wall: number[];
  requestsPerCycle: number;
  status304: number;
  primeCpu: number;
  problems: string[];
}

async function measure(services: readonly Service[], db: Db, cycles: number, opts: { gcpBody?: string } = {}): Promise<CycleResult> {
  const stats: FetchStats = newStats();
  const fetch = makeFakeFetch(routesFor(services, opts), stats);
  let clock = Date.now();
  const deps: PollDeps = { db, fetch, now: () => clock, intervalMs: INTERVAL_MS };
  // Prime: one 200 round (bodies, validators and, for Statuspage, the history endpoint).
  const p0 = process.cpuUsage();
  await pollAll(services, deps);
  const primeCpu = cpuMs(p0);
  // Warm-up rounds (JIT), not measured.
  for (let i = 0; i < 2; i++) {
    clock += INTERVAL_MS;
    await pollAll(services, deps);
  }
  const cpu: number[] = [];
  const wall: number[] = [];
  let requestsPerCycle = 0;
  let status304 = 0;
  for (let i = 0; i < cycles; i++) {
    clock += INTERVAL_MS;
    const before = stats.requests;
    const before304 = stats.byStatus.get(304) ?? 0;
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    await pollAll(services, deps);
    cpu.push(cpuMs(c0));
    wall.push(performance.now() - t0);
    requestsPerCycle = stats.requests - before;
    status304 = (stats.byStatus.get(304) ?? 0) - before304;
  }
  // Sanity: every service should have been read and parsed without a problem.
  const problems: string[] = [];
  for (const s of services) {
    const rec = await getRecord(db, s.id);
    if (!rec || rec.problem) problems.push(`${s.id}: ${rec?.problem?.message ?? 'no record'}`);
  }
  return { cpu, wall, requestsPerCycle, status304, primeCpu, problems };
}

/** CPU of parsing what a 304 cycle parses: every service's stored bodies through its adapter. */
function parseOnlyCpu(services: readonly Service[], opts: { gcpBody?: string }, rounds: number): number {
  const routes = routesFor(services, opts);
  const dec = new TextDecoder();
  const work = services.map((s) => {
    const adapter = adapterFor(s.official!.kind);
    const baseUrl = s.official!.url.replace(/\/+$/, '');
    const bodies = adapter.endpoints(baseUrl).map((r) => {
      const f = routes.get(r.url)!;
      // AWS's UTF-16BE bytes: what core/net/fetch.ts decodeBody hands the adapter.
      return f.bytes[0] === 0xfe && f.bytes[1] === 0xff ? new TextDecoder('utf-16be').decode(f.bytes.subarray(2)) : dec.decode(f.bytes);
    });
    return { adapter, bodies, ctx: { now: Date.now(), baseUrl, ...(s.official!.scope ? { scope: s.official!.scope } : {}) } };
  });
  const out: number[] = [];
  const byKind = new Map<string, number[]>();
  for (let r = 0; r < rounds + 2; r++) {
    const c0 = process.cpuUsage();
    const perKind = new Map<string, number>();
    for (const w of work) {
      const t0 = performance.now();
      w.adapter.parse(w.bodies, w.ctx);
      perKind.set(w.adapter.kind, (perKind.get(w.adapter.kind) ?? 0) + performance.now() - t0);
    }
    if (r >= 2) {
      out.push(cpuMs(c0));
      for (const [k, v] of perKind) byKind.set(k, [...(byKind.get(k) ?? []), v]);
    }
  }
  const count = new Map<string, number>();
  for (const w of work) count.set(w.adapter.kind, (count.get(w.adapter.kind) ?? 0) + 1);
  const parts = [...byKind].map(([k, v]) => [k, median(v)] as const).sort((a, b) => b[1] - a[1]);
  console.log(`  re-parse per cycle by kind (wall ms, median): ${parts.map(([k, v]) => `${k} ×${count.get(k)} ${fmt(v)}`).join(', ')}`);
  return median(out);
}

/** CPU of the fake fetch alone answering `n` conditional requests with 304 (included in the cycle figure). */
async function fakeFetchCpu(services: readonly Service[], n: number): Promise<number> {
  const routes = routesFor(services);
  const stats = newStats();
  const fetch = makeFakeFetch(routes, stats);
  const urls = [...routes.entries()];
  const out: number[] = [];
  for (let r = 0; r < 7; r++) {
    const c0 = process.cpuUsage();
    for (let i = 0; i < n; i++) {
      const [url, f] = urls[i % urls.length]!;
      const res = await fetch(url, { headers: { Accept: 'application/json', 'If-None-Match': f.etag } });
      void res.body?.cancel();
    }
    out.push(cpuMs(c0));
  }
  return median(out.slice(2));
}

export async function benchCycle(opts: { quick: boolean }): Promise<void> {
  heading('2. CPU of one poll cycle, 200 watched services, feeds unchanged (304)');
  const { services, real, synthetic } = watchedServices(200);
  const cycles = opts.quick ? 5 : 9;
  console.log(`  services: ${services.length} (${real} real catalog services with an official feed + ${synthetic} copies with distinct ids and hosts)`);

  const fake = await measure(services, await freshFakeDb(), cycles);
  const cpuFake = median(fake.cpu);
  if (fake.problems.length) console.log(`  !! ${fake.problems.length} services recorded a problem: ${fake.problems.slice(0, 5).join('; ')}`);
  console.log(
    `  fake-indexeddb: CPU per cycle median ${fmt(cpuFake)} ms (min ${fmt(Math.min(...fake.cpu))}, max ${fmt(Math.max(...fake.cpu))}), wall ${fmt(median(fake.wall))} ms; ` +
      `${fake.requestsPerCycle} requests/cycle, ${fake.status304} answered 304; priming round ${fmt(fake.primeCpu)} ms CPU`,
  );
  record({
    section: '2 cycle',
    name: `poll cycle CPU, ${services.length} services, all 304 (fake-indexeddb)`,
    value: cpuFake,
    unit: 'ms',
    budget: '≤ 50 ms',
    pass: cpuFake <= 50,
    note: `median of ${cycles}; ${fake.requestsPerCycle} requests (${fake.status304} × 304); wall ${fmt(median(fake.wall))} ms; fake-indexeddb is slower than a browser's IndexedDB`,
  });

  const mem = await measure(services, memoryDb(), cycles);
  const cpuMem = median(mem.cpu);
  console.log(`  in-memory store (storage excluded): CPU per cycle median ${fmt(cpuMem)} ms, wall ${fmt(median(mem.wall))} ms`);
  record({
    section: '2 cycle',
    name: `poll cycle CPU, ${services.length} services, all 304, storage excluded (in-memory store)`,
    value: cpuMem,
    unit: 'ms',
    budget: '≤ 50 ms',
    pass: cpuMem <= 50,
    note: `median of ${cycles}; what the poll code itself costs (fetch handling, adapter re-parse of the stored bodies, merge)`,
  });

  const parseCpu = parseOnlyCpu(services, {}, cycles);
  console.log(`  of which adapter.parse of the unchanged stored bodies: ${fmt(parseCpu)} ms CPU per cycle`);
  record({
    section: '2 cycle',
    name: 'of which: adapter.parse of unchanged (304) bodies, per cycle',
    value: parseCpu,
    unit: 'ms',
    budget: '',
    pass: null,
    note: 'core/poll.ts re-parses the stored body after every 304',
  });
  const ff = await fakeFetchCpu(services, fake.requestsPerCycle);
  record({
    section: '2 cycle',
    name: 'of which: the fake fetch itself (Response objects), per cycle',
    value: ff,
    unit: 'ms',
    budget: '',
    pass: null,
    note: 'bench overhead included in both cycle figures; a browser does this work outside the worker',
  });

  // Google's real incidents.json files are megabytes; the sample is 116 KB. Same cycle with every
  // gcp-kind feed answering the ~5 MB Google Cloud-style history.
  const big = buildGcpHistory(Date.now());
  const gcpCount = services.filter((s) => s.official?.kind === 'gcp').length;
  const withBig = await measure(services, await freshFakeDb(), opts.quick ? 3 : 5, { gcpBody: big.body });
  const cpuBig = median(withBig.cpu);
  console.log(`  with ${gcpCount} gcp-kind services answering a ${(big.body.length / 1e6).toFixed(1)} MB history: ${fmt(cpuBig)} ms CPU per cycle`);
  record({
    section: '2 cycle',
    name: `poll cycle CPU, ${services.length} services, all 304, gcp feeds at ${(big.body.length / 1e6).toFixed(1)} MB (fake-indexeddb)`,
    value: cpuBig,
    unit: 'ms',
    budget: '',
    pass: null,
    note: `${gcpCount} gcp-kind services each re-parse the 5 MB body every cycle`,
  });
}
