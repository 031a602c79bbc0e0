/**
 * Rate limits for reports, per IP address and per install token: fixed windows counted in memory
 * only. Nothing here is ever written to storage — an IP address must never be stored — so a
 * restart forgets the counters; that costs at most one extra window of allowance.
 * The Worker spreads keys over a few instances (`shardOf`), so no single object sees every sender.
 */
import { DurableObject } from 'cloudflare:workers';
import type { Env } from './env';

export const LIMITER_SHARDS = 16;

export class Limiter extends DurableObject<Env> {
  private readonly counts = new Map<string, { start: number; n: number }>();

  /** Count one use of `key`; false when it already used `limit` in the current window. */
  async take(key: string, limit: number, windowMs: number, now: number): Promise<{ ok: boolean; retryAfterS: number }> {
    const start = Math.floor(now / windowMs) * windowMs;
    const c = this.counts.get(key);
    if (!c || c.start !== start) {
      if (this.counts.size > 50_000) this.sweep(start, windowMs);
      this.counts.set(key, { start, n: 1 });
      return { ok: true, retryAfterS: 0 };
    }
    if (c.n >= limit) return { ok: false, retryAfterS: Math.max(1, Math.ceil((start + windowMs - now) / 1000)) };
    c.n++;
    return { ok: true, retryAfterS: 0 };
  }

  private sweep(start: number, windowMs: number): void {
    for (const [k, c] of this.counts) if (c.start + windowMs <= start) this.counts.delete(k);
  }
}

/** A stable small number for a key (FNV-1a), to pick a limiter instance. */
export function shardOf(key: string, shards = LIMITER_SHARDS): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % shards;
}
