/**
 * Which services people asked the relay about recently: the cron gathers complaint counts only
 * for those (not for all 225 catalog entries — that would spend the complaint APIs' goodwill on
 * services nobody watches). Stores service ids and times, nothing about who asked.
 */
import { DurableObject } from 'cloudflare:workers';
import type { Env } from './env';

/** A service stays active this long after the last request for it. */
export const ACTIVE_MS = 24 * 60 * 60_000;

export class Registry extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec('CREATE TABLE IF NOT EXISTS seen (service TEXT PRIMARY KEY, at INTEGER NOT NULL)');
  }

  async touch(service: string, now: number): Promise<void> {
    this.ctx.storage.sql.exec(
      'INSERT INTO seen (service, at) VALUES (?, ?) ON CONFLICT(service) DO UPDATE SET at = excluded.at',
      service,
      now,
    );
  }

  async active(now: number): Promise<string[]> {
    this.ctx.storage.sql.exec('DELETE FROM seen WHERE at < ?', now - ACTIVE_MS);
    return this.ctx.storage.sql
      .exec<{ service: string }>('SELECT service FROM seen ORDER BY service')
      .toArray()
      .map((r) => r.service);
  }
}
