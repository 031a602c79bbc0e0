/**
 * Running polls the way the worker does (core/worker/scheduler.ts `refresh`: at most 4 services at once,
 * each through `refreshService`), with a fake fetch and either fake-indexeddb or an in-memory
 * stand-in for the store.
 */
import 'fake-indexeddb/auto';
import { SERVICES, type Service } from '../core/catalog/bundled';
import { openStore, type Db } from '../core/store';

export { pollAll, WORKER_CONCURRENCY } from './poll-all';

/** Catalog services with an official feed. */
export function officialServices(): Service[] {
  return SERVICES.filter((s) => s.official !== null);
}

/**
 * `n` watched services: every real catalog service with an official feed, then (if that is fewer
 * than `n`) the same list again with distinct ids and distinct feed hosts (`r2-<host>`), as if
 * more providers of the same kinds were watched.
 */
export function watchedServices(n: number): { services: Service[]; real: number; synthetic: number } {
  const real = officialServices();
  const out: Service[] = [];
  for (let round = 1; out.length < n; round++) {
    for (const s of real) {
      if (out.length >= n) break;
      if (round === 1) {
        out.push(s);
        continue;
      }
      const u = new URL(s.official!.url);
      u.hostname = `r${round}-${u.hostname}`;
      const url = s.official!.url.endsWith('/') ? u.href : u.href.replace(/\/$/, '');
      out.push({ ...s, id: `${s.id}-r${round}`, official: { ...s.official!, url } });
    }
  }
  const realCount = Math.min(n, real.length);
  return { services: out, real: realCount, synthetic: out.length - realCount };
}

let dbSeq = 0;
/** A fresh fake-indexeddb database with the app's schema (core/store.ts openStore). */
export function freshFakeDb(): Promise<Db> {
  return openStore(`bench-${process.pid}-${++dbSeq}`);
}

/**
 * An in-memory stand-in for the parts of the idb database that core/poll.ts uses (`get`,
 * `transaction(...).objectStore(...).put`, `tx.done`): no IndexedDB, no structured clone. Used to
 * measure a poll cycle "excluding storage".
 */
export function memoryDb(): Db {
  const KEY: Record<string, string> = { services: 'serviceId', bodies: 'url', episodes: 'id', crowd: 'key', checks: 'serviceId' };
  const stores = new Map<string, Map<string, unknown>>(Object.keys(KEY).map((k) => [k, new Map()]));
  const store = (name: string) => {
    const m = stores.get(name);
    if (!m) throw new Error(`no store ${name}`);
    return m;
  };
  const put = (name: string, value: unknown) => {
    store(name).set(String((value as Record<string, unknown>)[KEY[name]!]), value);
    return Promise.resolve(KEY[name]);
  };
  const db = {
    name: `memory-${++dbSeq}`,
    get: (name: string, key: string) => Promise.resolve(store(name).get(key)),
    getAll: (name: string) => Promise.resolve([...store(name).values()]),
    put,
    transaction(names: string | string[]) {
      const list = Array.isArray(names) ? names : [names];
      const os = (n: string) => ({ put: (v: unknown) => put(n, v), get: (k: string) => Promise.resolve(store(n).get(k)) });
      return { objectStore: os, store: os(list[0]!), done: Promise.resolve() };
    },
  };
  return db as unknown as Db;
}
