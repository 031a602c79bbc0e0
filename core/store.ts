/**
 * The one store: IndexedDB (via idb), shared by the service worker and the popup so the popup can
 * paint from what is already known without waiting for the network.
 *
 * Every write is a whole-record put in one transaction: a worker killed mid-poll leaves either the
 * old record or the new one, never half of each, and repeating a step writes the same thing again.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { CrowdRecord } from './crowd/record';
import type { Episode } from './history/episodes';
import { isPrunable } from './history/episodes';
import type { BackoffState } from './net/backoff';
import type { Validators } from './net/fetch';
import type { Problem } from './model';
import type { OfficialState } from './verdict';

export interface ServiceRecord extends OfficialState {
  backoff: BackoffState | null;
  /** When the adapter's history endpoint was last read successfully. */
  historyFetchedAt: number | null;
  /** When the snapshot was last produced by parsing (absent in records from before this field). */
  parsedAt?: number | null;
  /**
   * The validators (ETag / Last-Modified) of the stored bodies the snapshot was parsed from, by
   * URL — a copy of `bodies[url].validators`, written in the same transaction — so a poll can ask
   * "changed?" without reading the bodies themselves (absent in records from before this field).
   */
  validators?: Record<string, Validators>;
}

export interface BodyRecord {
  url: string;
  body: string;
  validators: Validators;
  storedAt: number;
}

/**
 * A body as stored: a large one gzip-compressed (`gz`, with `body` empty). Feed bodies are kept
 * only to re-parse them without downloading again, and a busy provider's history runs to 5 MB
 * of JSON that compresses about tenfold: stored raw, that one body was most of the database
 * (bench "wake": IndexedDB ≤ 5 MB). Rows written before this (no `gz`) are read as they are.
 */
interface StoredBody extends BodyRecord {
  gz?: Uint8Array;
}

/** Bodies at least this long are stored compressed; smaller ones are not worth the work. */
export const COMPRESS_FROM_CHARS = 64 * 1024;

async function gzip(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function gunzip(bytes: Uint8Array): Promise<string> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).text();
}

async function toStored(b: BodyRecord): Promise<StoredBody> {
  if (b.body.length < COMPRESS_FROM_CHARS || typeof CompressionStream !== 'function') return b;
  return { ...b, body: '', gz: await gzip(b.body) };
}

interface Schema extends DBSchema {
  services: { key: string; value: ServiceRecord };
  bodies: { key: string; value: StoredBody };
  /** Outage episodes (added in version 2). */
  episodes: { key: string; value: Episode; indexes: { serviceId: string } };
  /** Complaint counts per service and source: 15-minute buckets, 7 days (added in version 3). */
  crowd: { key: string; value: CrowdRecord; indexes: { serviceId: string } };
  /**
   * When each service's feed was last checked, and its backoff (added in version 4). An unchanged
   * feed (a 304) only updates this small row, not the whole record with its snapshot and history:
   * rewriting ~200 full records per minute was most of the poll cycle's cost in the browser.
   * Readers merge it over `services` (`getRecord`, `getRecords`, `readForPopup`).
   */
  checks: { key: string; value: Check };
}

/**
 * The part of a service record that changes at every poll (check times, backoff), stored apart
 * (see `checks`), with copies of the few record fields a poll needs to decide what to do (its
 * problem, when it was parsed, the bodies' validators, whether there is a snapshot): a poll cycle
 * reads only these small rows, and the full record only for a feed that changed or failed.
 */
export interface Check {
  serviceId: string;
  lastAttemptAt: number | null;
  lastSuccessAt: number | null;
  backoff: BackoffState | null;
  problem: Problem | null;
  parsedAt: number | null;
  validators: Record<string, Validators>;
  hasSnapshot: boolean;
}

export const checkOf = (r: ServiceRecord): Check => ({
  serviceId: r.serviceId,
  lastAttemptAt: r.lastAttemptAt,
  lastSuccessAt: r.lastSuccessAt,
  backoff: r.backoff,
  problem: r.problem,
  parsedAt: r.parsedAt ?? null,
  validators: r.validators ?? {},
  hasSnapshot: r.snapshot !== null,
});

/** A check row with every field (rows of another shape are ignored: the record speaks instead). */
const isCheck = (c: unknown): c is Check =>
  typeof c === 'object' && c !== null && typeof (c as Check).hasSnapshot === 'boolean' && typeof (c as Check).validators === 'object';

/** A stored record with its latest check applied (the check is newer whenever it exists). */
export const withCheck = (rec: ServiceRecord | undefined, check: Check | undefined): ServiceRecord | undefined =>
  rec && check ? { ...rec, lastAttemptAt: check.lastAttemptAt, lastSuccessAt: check.lastSuccessAt, backoff: check.backoff } : rec;

export const DB_NAME = 'acknowledged';
/** 1: services, bodies. 2: + episodes. 3: + crowd. 4: + checks. Upgrades only add; data written by earlier versions is kept. */
export const DB_VERSION = 4;

export type Db = IDBPDatabase<Schema>;

/** IndexedDB's key-range constructor, as far as this file uses it (see getOpenEpisode). */
interface KeyRangeGlobal {
  IDBKeyRange: { bound(lower: string, upper: string): Parameters<Db['getAllKeys']>[1] };
}

let shared: Promise<Db> | null = null;

/** Open (once per context) the database, creating or upgrading its stores. */
export function openStore(name: string = DB_NAME): Promise<Db> {
  if (name === DB_NAME && shared) return shared;
  const p = openDB<Schema>(name, DB_VERSION, {
    upgrade(db) {
      if (!db.objectStoreNames.contains('services')) db.createObjectStore('services', { keyPath: 'serviceId' });
      if (!db.objectStoreNames.contains('bodies')) db.createObjectStore('bodies', { keyPath: 'url' });
      if (!db.objectStoreNames.contains('episodes')) {
        db.createObjectStore('episodes', { keyPath: 'id' }).createIndex('serviceId', 'serviceId');
      }
      if (!db.objectStoreNames.contains('crowd')) {
        db.createObjectStore('crowd', { keyPath: 'key' }).createIndex('serviceId', 'serviceId');
      }
      if (!db.objectStoreNames.contains('checks')) db.createObjectStore('checks', { keyPath: 'serviceId' });
    },
    blocking() {
      // A newer version wants to upgrade (an extension update): let it, reopen lazily.
      void p.then((db) => db.close());
      if (name === DB_NAME) shared = null;
    },
  });
  if (name === DB_NAME) {
    shared = p;
    p.catch(() => {
      shared = null;
    });
  }
  return p;
}

export function emptyRecord(serviceId: string): ServiceRecord {
  return {
    serviceId,
    snapshot: null,
    lastSuccessAt: null,
    lastAttemptAt: null,
    problem: null,
    history: [],
    backoff: null,
    historyFetchedAt: null,
  };
}

export async function getRecord(db: Db, serviceId: string): Promise<ServiceRecord | undefined> {
  return (await getRecords(db, [serviceId])).get(serviceId);
}

export async function getRecords(db: Db, ids: readonly string[]): Promise<Map<string, ServiceRecord>> {
  const tx = db.transaction(['services', 'checks'], 'readonly');
  const [rows, checks] = await Promise.all([
    Promise.all(ids.map((id) => tx.objectStore('services').get(id))),
    Promise.all(ids.map((id) => tx.objectStore('checks').get(id))),
    tx.done,
  ]);
  const out = new Map<string, ServiceRecord>();
  rows.forEach((r, i) => r && out.set(r.serviceId, withCheck(r, checks[i])!));
  return out;
}

/** The check rows of these services (one small read each, one transaction); missing or old-shaped rows are absent. */
export async function getChecks(db: Db, ids: readonly string[]): Promise<Map<string, Check>> {
  const tx = db.transaction('checks', 'readonly');
  const [rows] = await Promise.all([Promise.all(ids.map((id) => tx.store.get(id))), tx.done]);
  const out = new Map<string, Check>();
  for (const r of rows) if (isCheck(r)) out.set(r.serviceId, r);
  return out;
}

/**
 * Everything the popup shows, in one read-only transaction: the records and complaint counts of
 * these services, and the episodes of the one in focus (oldest first).
 */
export async function readForPopup(
  db: Db,
  ids: readonly string[],
  focus: string | null,
): Promise<{ records: Map<string, ServiceRecord>; crowd: Map<string, CrowdRecord[]>; episodes: Episode[] }> {
  const tx = db.transaction(['services', 'checks', 'crowd', 'episodes'], 'readonly');
  const byService = tx.objectStore('crowd').index('serviceId');
  const [rows, checks, crowdRows, episodes] = await Promise.all([
    Promise.all(ids.map((id) => tx.objectStore('services').get(id))),
    Promise.all(ids.map((id) => tx.objectStore('checks').get(id))),
    Promise.all(ids.map((id) => byService.getAll(id))),
    focus ? tx.objectStore('episodes').index('serviceId').getAll(focus) : Promise.resolve([] as Episode[]),
    tx.done,
  ]);
  const records = new Map<string, ServiceRecord>();
  rows.forEach((r, i) => r && records.set(r.serviceId, withCheck(r, checks[i])!));
  const crowd = new Map(ids.map((id, i) => [id, crowdRows[i] ?? []] as const));
  return { records, crowd, episodes: episodes.sort((a, b) => a.startedAt - b.startedAt) };
}

export async function putRecord(db: Db, rec: ServiceRecord): Promise<void> {
  await commitPolls(db, [{ rec, bodies: [] }]);
}

export async function getBody(db: Db, url: string): Promise<BodyRecord | undefined> {
  const row = await db.get('bodies', url);
  if (!row?.gz) return row;
  const { gz, ...rest } = row;
  return { ...rest, body: await gunzip(gz) };
}

/** Save a service record together with the feed bodies it was parsed from, atomically. */
/**
 * Several polls' results in one transaction: all of them are stored, or none. A full write stores
 * the record, its check row and the bodies that changed; a check write (an unchanged feed: only
 * the check time and backoff moved) stores just the small check row.
 */
export async function commitPolls(
  db: Db,
  writes: readonly ({ rec: ServiceRecord; bodies: readonly BodyRecord[] } | { check: Check })[],
): Promise<void> {
  // Compressed before the transaction opens: a transaction with nothing to do while a body is
  // being compressed would commit early.
  const stored = await Promise.all(writes.map((w) => ('check' in w ? null : Promise.all(w.bodies.map(toStored)))));
  const tx = db.transaction(['services', 'checks', 'bodies'], 'readwrite');
  const services = tx.objectStore('services');
  const checks = tx.objectStore('checks');
  const bodies = tx.objectStore('bodies');
  await Promise.all([
    ...writes.flatMap((w, i) =>
      'check' in w ? [checks.put(w.check)] : [services.put(w.rec), checks.put(checkOf(w.rec)), ...stored[i]!.map((b) => bodies.put(b))],
    ),
    tx.done,
  ]);
}

/** All recorded episodes of a service, oldest first. */
export async function getEpisodes(db: Db, serviceId: string): Promise<Episode[]> {
  const all = await db.getAllFromIndex('episodes', 'serviceId', serviceId);
  return all.sort((a, b) => a.startedAt - b.startedAt);
}

/** The service's episode still open (not ended), if any. */
export async function getOpenEpisode(db: Db, serviceId: string): Promise<Episode | null> {
  // Reconcile asks this for every judged service at every tick, and a busy service keeps ~90 days
  // of episodes: reading (deserialising) them all was most of a worker wake's CPU. At most one
  // episode is open, and a new one starts only after it ended, so the open one is the latest.
  // Episode ids are `${serviceId}:${startedAt}` (core/history/episodes.ts): the keys alone (no
  // values read) name the latest; any other key shape falls back to reading them all.
  const prefix = `${serviceId}:`;
  // The key range is read from the global by name: the relay (Workers types, no DOM lib) also
  // type-checks this file through core/poll.ts; browsers and fake-indexeddb provide it.
  const { IDBKeyRange: range } = globalThis as unknown as KeyRangeGlobal;
  const keys = await db.getAllKeys('episodes', range.bound(prefix, `${prefix}\uffff`));
  let latest: string | null = null;
  let latestAt = -Infinity;
  for (const k of keys) {
    const at = Number(k.slice(prefix.length));
    if (!Number.isFinite(at) || k.slice(prefix.length) === '') {
      const all = await getEpisodes(db, serviceId);
      return all.filter((e) => e.endedAt === null).pop() ?? null;
    }
    if (at > latestAt) {
      latestAt = at;
      latest = k;
    }
  }
  if (latest === null) return null;
  const e = await db.get('episodes', latest);
  return e && e.serviceId === serviceId && e.endedAt === null ? e : null;
}

export async function putEpisode(db: Db, e: Episode): Promise<void> {
  await db.put('episodes', e);
}

/** Drop episodes that ended more than 90 days ago. */
export async function pruneEpisodes(db: Db, now: number): Promise<number> {
  const tx = db.transaction('episodes', 'readwrite');
  let n = 0;
  for (let c = await tx.store.openCursor(); c; c = await c.continue()) {
    if (isPrunable(c.value, now)) {
      await c.delete();
      n++;
    }
  }
  await tx.done;
  return n;
}

export async function getCrowd(db: Db, serviceId: string): Promise<CrowdRecord[]> {
  return db.getAllFromIndex('crowd', 'serviceId', serviceId);
}

export async function putCrowd(db: Db, rec: CrowdRecord): Promise<void> {
  await db.put('crowd', rec);
}
