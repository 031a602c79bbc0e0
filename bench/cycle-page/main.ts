/**
 * Bench §2 in Chromium: the page bundles core/poll.ts `refreshService` and core/store.ts (idb over
 * the browser's own IndexedDB, on the extension's origin), the Node bench's fake fetch
 * (bench/fake-fetch.ts) and its 4-at-a-time loop (bench/poll-all.ts). bench/cycle-chromium.ts
 * hands it the services and the feed bodies (read from test/fixtures/feeds/ in Node) and drives
 * one cycle per call, measuring the renderer's CPU around each call over CDP.
 */
import { deleteDB } from 'idb';
import type { Service } from '../../core/catalog/catalog';
import type { PollDeps } from '../../core/poll';
import { getRecord, openStore, type Db } from '../../core/store';
import { makeFakeFetch, newStats, type FakeFeed, type FetchStats } from '../fake-fetch';
import { pollAll } from '../poll-all';

export interface CycleSetup {
  dbName: string;
  services: Service[];
  intervalMs: number;
  /** [url, index into `bodies`, content type, etag] */
  routes: [string, number, string, string][];
  /** Feed bodies, base64 (AWS's is UTF-16BE bytes, so not text). */
  bodies: string[];
}

export interface CycleRun {
  wallMs: number;
  requests: number;
  conditional: number;
  byStatus: Record<string, number>;
}

export interface CyclePage {
  setup(data: CycleSetup): Promise<{ routes: number; bodyBytes: number }>;
  /** Advance the fake clock by `advanceMs`, then poll every service once (no `force`). */
  run(advanceMs: number): Promise<CycleRun>;
  /** Services whose stored record is missing or carries a problem. */
  problems(): Promise<string[]>;
  /** The fake fetch alone answering `n` conditional requests with 304 (its share of a cycle). */
  fakeFetchOnly(n: number): Promise<number>;
  teardown(): Promise<void>;
}

declare global {
  interface Window {
    __cycle?: CyclePage;
    __cycleReady?: boolean;
  }
}

function fromBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

let state: { db: Db; services: Service[]; routes: Map<string, FakeFeed>; stats: FetchStats; deps: PollDeps; clock: number } | null = null;

const need = () => {
  if (!state) throw new Error('setup() first');
  return state;
};

const page: CyclePage = {
  async setup(data) {
    await deleteDB(data.dbName);
    const db = await openStore(data.dbName);
    const bodies = data.bodies.map(fromBase64);
    const routes = new Map<string, FakeFeed>(
      data.routes.map(([url, i, contentType, etag]) => [url, { bytes: bodies[i]!, contentType, etag }]),
    );
    const stats = newStats();
    const fetch = makeFakeFetch(routes, stats);
    const s = { db, services: data.services, routes, stats, clock: Date.now(), deps: undefined as unknown as PollDeps };
    s.deps = { db, fetch, now: () => s.clock, intervalMs: data.intervalMs };
    state = s;
    return { routes: routes.size, bodyBytes: bodies.reduce((n, b) => n + b.byteLength, 0) };
  },
  async run(advanceMs) {
    const s = need();
    s.clock += advanceMs;
    const before = { requests: s.stats.requests, conditional: s.stats.conditional, byStatus: new Map(s.stats.byStatus) };
    const t0 = performance.now();
    await pollAll(s.services, s.deps);
    const wallMs = performance.now() - t0;
    const byStatus: Record<string, number> = {};
    for (const [k, v] of s.stats.byStatus)
      if (v - (before.byStatus.get(k) ?? 0) > 0) byStatus[String(k)] = v - (before.byStatus.get(k) ?? 0);
    return { wallMs, requests: s.stats.requests - before.requests, conditional: s.stats.conditional - before.conditional, byStatus };
  },
  async problems() {
    const s = need();
    const out: string[] = [];
    for (const svc of s.services) {
      const rec = await getRecord(s.db, svc.id);
      if (!rec || rec.problem) out.push(`${svc.id}: ${rec?.problem?.message ?? 'no record'}`);
    }
    return out;
  },
  async fakeFetchOnly(n) {
    const s = need();
    const fetch = makeFakeFetch(s.routes, newStats());
    const urls = [...s.routes.entries()];
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const [url, f] = urls[i % urls.length]!;
      const res = await fetch(url, { headers: { Accept: 'application/json', 'If-None-Match': f.etag } });
      void res.body?.cancel();
    }
    return performance.now() - t0;
  },
  async teardown() {
    if (!state) return;
    const name = state.db.name;
    state.db.close();
    state = null;
    await deleteDB(name);
  },
};

window.__cycle = page;
window.__cycleReady = true;
