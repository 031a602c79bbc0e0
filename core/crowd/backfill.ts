/**
 * First-watch backfill: fill the seven days of history the same-slot baseline needs, with a bounded
 * number of requests.
 *
 * - Hacker News (Algolia) and Bluesky search by time: one query per day-window, newest first, with
 *   a few pages each (HN: 1000 hits per page). A window the pages did not exhaust is split and the
 *   rest queried again, while the request cap allows.
 * - Mastodon cannot query by time: one read back through the hashtag timelines with `max_id`
 *   paging, at most `pages` pages of 40 per instance. On busy tags that reaches hours, not days;
 *   `coverage` says how far it got and detectSpike treats older windows as unknown, not zero.
 * - IsDown does its own baselining: nothing to backfill.
 *
 * Windows are queried newest first, so what was read is always a contiguous stretch ending now;
 * `coverage` is its start (pass it to detectSpike's `coverage`).
 */
import { aggregate, BUCKET_MS, DAY_MS, type CrowdBucket } from './buckets';
import type { BudgetGate } from './budget';
import type { ComplaintSource, Post, SourceDeps, SourceId, SourceStatus } from './source';

export interface BackfillWindow {
  since: number;
  until: number;
}

export interface BackfillPlan {
  source: SourceId;
  /** Newest first. */
  windows: BackfillWindow[];
  /** Pages per query (per term; per instance on Mastodon). */
  maxPages: number;
  /** Hard cap on HTTP requests for the whole backfill. */
  maxRequests: number;
  note: string | null;
}

export interface BackfillOptions {
  days?: number;
  maxRequests?: number;
  maxPages?: number;
}

export interface BackfillResult {
  buckets: CrowdBucket[];
  /** Start of the contiguous stretch (ending now) that was read completely; null when nothing was. */
  coverage: number | null;
  requests: number;
  status: SourceStatus;
  notes: string[];
}

export const BACKFILL_DAYS = 7;

const DEFAULTS: Record<SourceId, { maxPages: number; maxRequests: number; windowMs: number | null }> = {
  hn: { maxPages: 2, maxRequests: 40, windowMs: DAY_MS },
  bluesky: { maxPages: 2, maxRequests: 60, windowMs: DAY_MS },
  mastodon: { maxPages: 5, maxRequests: 30, windowMs: null },
  isdown: { maxPages: 1, maxRequests: 0, windowMs: null },
  browsers: { maxPages: 0, maxRequests: 0, windowMs: null },
};

/** What a backfill of `source` would ask for (pure). */
export function planBackfill(source: SourceId, now: number, opts: BackfillOptions = {}): BackfillPlan {
  const d = DEFAULTS[source];
  const days = Math.max(1, Math.min(28, Math.floor(opts.days ?? BACKFILL_DAYS)));
  const maxPages = Math.max(1, Math.floor(opts.maxPages ?? d.maxPages));
  const maxRequests = Math.max(0, Math.floor(opts.maxRequests ?? d.maxRequests));
  const start = now - days * DAY_MS;
  if (source === 'isdown') {
    return { source, windows: [], maxPages, maxRequests: 0, note: 'IsDown does its own baselining; nothing to backfill' };
  }
  if (d.windowMs === null) {
    return {
      source,
      windows: [{ since: start, until: now }],
      maxPages,
      maxRequests,
      note: `Mastodon cannot search by time: reading back at most ${maxPages} pages of 40 statuses per instance`,
    };
  }
  const windows: BackfillWindow[] = [];
  for (let until = now; until > start; until -= d.windowMs) windows.push({ since: Math.max(start, until - d.windowMs), until });
  return { source, windows, maxPages, maxRequests, note: null };
}

/** A budget gate that also stops at `cap` requests (and still charges the real hourly budget). */
function cappedGate(cap: number, real: BudgetGate | undefined): { gate: BudgetGate; left: () => number } {
  let left = cap;
  const gate: BudgetGate = {
    take(now: number): boolean {
      if (left <= 0) return false;
      if (real && !real.take(now)) return false;
      left--;
      return true;
    },
    waitMs(now: number): number {
      return real ? real.waitMs(now) : 0;
    },
    get limit() {
      return cap;
    },
    get state() {
      return real ? real.state : { limit: cap, windowMs: 0, spent: [] };
    },
  };
  return { gate, left: () => left };
}

/** Run the plan for one source and service terms; bounded by the plan's request cap and the budget. */
export async function runBackfill(
  source: ComplaintSource,
  terms: string[],
  now: number,
  deps: SourceDeps,
  opts: BackfillOptions = {},
): Promise<BackfillResult> {
  const plan = planBackfill(source.id, now, opts);
  const notes: string[] = plan.note ? [plan.note] : [];
  if (plan.windows.length === 0) return { buckets: [], coverage: null, requests: 0, status: { state: 'ok' }, notes };

  const { gate, left } = cappedGate(plan.maxRequests, deps.budget);
  const capped: SourceDeps = { ...deps, budget: gate };
  const queue = [...plan.windows];
  const posts: Post[] = [];
  let requests = 0;
  let coverage: number | null = null;
  let status: SourceStatus = { state: 'ok' };

  while (queue.length > 0) {
    if (left() <= 0) {
      notes.push(`backfill stopped after ${plan.maxRequests} requests`);
      break;
    }
    const w = queue.shift()!;
    const res = await source.query({ terms, since: w.since, until: w.until, now, maxPages: plan.maxPages }, capped);
    requests += res.requests;
    posts.push(...res.posts);
    if (res.notes) notes.push(...res.notes);
    if (res.status.state !== 'ok') {
      if (res.status.state === 'rate_limited' && left() <= 0) notes.push(`backfill stopped after ${plan.maxRequests} requests`);
      else status = res.status;
      break;
    }
    const from = res.coverage ? Math.max(w.since, res.coverage.from) : w.since;
    coverage = from;
    if (from > w.since) {
      // Pages ran out before the window's start: read the rest next (still newest first).
      if (from - w.since >= BUCKET_MS && source.id !== 'mastodon') queue.unshift({ since: w.since, until: from });
      else break; // Mastodon: the read-back reached as far as it can.
    }
  }
  return { buckets: aggregate(posts), coverage, requests, status, notes };
}
