/**
 * Complaint posts folded into 15-minute buckets per source: the compact history spike detection
 * reads and the worker stores (storage.local / IndexedDB). Pure and idempotent: adding the same
 * posts twice, or merging a set of buckets with itself, changes nothing (posts are deduplicated by
 * id, authors by name).
 */
import { SOURCE_IDS, type Post, type SourceId } from './source';

export const BUCKET_MS = 15 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;
/** Seven days: exactly what the same-slot baseline needs (the slot one week before the current one). */
export const RETENTION_MS = 7 * DAY_MS;
/** Distinct authors kept per bucket; counts saturate there ("200 or more"). */
export const MAX_AUTHORS = 200;
/** Post ids kept per bucket (for idempotent merges); post counts saturate there. */
export const MAX_IDS = 1000;

export interface CrowdBucket {
  /** Start of the 15-minute bucket, epoch ms (multiple of BUCKET_MS since the Unix epoch, i.e. UTC-aligned). */
  bucket: number;
  source: SourceId;
  /** Distinct authors, sorted, at most MAX_AUTHORS. The spike test counts these. */
  authors: string[];
  /** Distinct posts (equals ids.length). */
  posts: number;
  /** Distinct post ids, sorted, at most MAX_IDS. */
  ids: string[];
}

export function bucketStart(t: number, size: number = BUCKET_MS): number {
  return Math.floor(t / size) * size;
}

const keyOf = (bucket: number, source: string) => `${bucket}|${source}`;

interface Acc {
  bucket: number;
  source: SourceId;
  authors: Set<string>;
  ids: Set<string>;
}

function toAcc(map: Map<string, Acc>, b: CrowdBucket): void {
  if (!isBucket(b)) return;
  const k = keyOf(b.bucket, b.source);
  let acc = map.get(k);
  if (!acc) {
    acc = { bucket: b.bucket, source: b.source, authors: new Set(), ids: new Set() };
    map.set(k, acc);
  }
  for (const a of b.authors) if (typeof a === 'string') acc.authors.add(a);
  for (const id of b.ids) if (typeof id === 'string') acc.ids.add(id);
}

function fromAccs(map: Map<string, Acc>): CrowdBucket[] {
  const out: CrowdBucket[] = [];
  for (const acc of map.values()) {
    const authors = [...acc.authors].sort().slice(0, MAX_AUTHORS);
    const ids = [...acc.ids].sort().slice(0, MAX_IDS);
    out.push({ bucket: acc.bucket, source: acc.source, authors, posts: ids.length, ids });
  }
  return out.sort((a, b) => a.bucket - b.bucket || (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
}

/**
 * Add posts to buckets (returns new buckets; the input is not modified). A post already recorded
 * (same id) is not counted again. Posts without a finite time, id or author are ignored.
 */
export function addPosts(buckets: readonly CrowdBucket[], posts: readonly Post[], size: number = BUCKET_MS): CrowdBucket[] {
  const map = new Map<string, Acc>();
  for (const b of buckets) toAcc(map, b);
  for (const p of posts) {
    if (!p || typeof p.id !== 'string' || p.id === '' || typeof p.author !== 'string' || p.author === '') continue;
    if (typeof p.at !== 'number' || !Number.isFinite(p.at)) continue;
    const bucket = bucketStart(p.at, size);
    const k = keyOf(bucket, p.source);
    let acc = map.get(k);
    if (!acc) {
      acc = { bucket, source: p.source, authors: new Set(), ids: new Set() };
      map.set(k, acc);
    }
    // Saturation: once full, a new id is not recorded (so it is not counted either) — re-adding
    // the same posts later can never count them twice.
    if (!acc.ids.has(p.id) && acc.ids.size >= MAX_IDS) continue;
    acc.ids.add(p.id);
    acc.authors.add(p.author);
  }
  return fromAccs(map);
}

/** Posts → buckets. */
export function aggregate(posts: readonly Post[], size: number = BUCKET_MS): CrowdBucket[] {
  return addPosts([], posts, size);
}

/** Union of two bucket lists (commutative, associative, idempotent). */
export function mergeBuckets(a: readonly CrowdBucket[], b: readonly CrowdBucket[]): CrowdBucket[] {
  const map = new Map<string, Acc>();
  for (const x of a) toAcc(map, x);
  for (const x of b) toAcc(map, x);
  return fromAccs(map);
}

/** Keep buckets that start at or after `bucketStart(now) - retentionMs` (and not absurdly in the future). */
export function pruneBuckets(buckets: readonly CrowdBucket[], now: number, retentionMs: number = RETENTION_MS): CrowdBucket[] {
  const oldest = bucketStart(now) - retentionMs;
  const newest = bucketStart(now) + DAY_MS;
  return buckets.filter((b) => isBucket(b) && b.bucket >= oldest && b.bucket <= newest);
}

/** Distinct authors in one bucket of one source (0 when absent). */
export function authorsAt(buckets: readonly CrowdBucket[], source: SourceId, bucket: number): number {
  const b = buckets.find((x) => x.source === source && x.bucket === bucket);
  return b ? b.authors.length : 0;
}

/** A stored value that has the bucket shape (storage can hold anything). */
export function isBucket(v: unknown): v is CrowdBucket {
  if (!v || typeof v !== 'object') return false;
  const b = v as Partial<CrowdBucket>;
  return (
    typeof b.bucket === 'number' &&
    Number.isFinite(b.bucket) &&
    typeof b.source === 'string' &&
    (SOURCE_IDS as readonly string[]).includes(b.source) &&
    Array.isArray(b.authors) &&
    Array.isArray(b.ids) &&
    typeof b.posts === 'number'
  );
}
