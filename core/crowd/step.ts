/**
 * One due query of one complaint source for one service: the pure-ish step that turns the stored
 * record into the next one (backfill on first use, else the current and previous window). It
 * reads and writes no storage, so the extension's poller (./poller.ts, IndexedDB) and the relay
 * (relay/, a Durable Object per service) run exactly the same rules.
 */
import { runBackfill } from './backfill';
import { addPosts, mergeBuckets, pruneBuckets, BUCKET_MS } from './buckets';
import { budgetGate, DEFAULT_BUDGETS, newBudget } from './budget';
import { CROWD_INTERVAL_MS, type CrowdRecord } from './record';
import type { ComplaintSource, SourceDeps, SourceId, SourceStatus } from './source';

export const ERROR_BACKOFF_MS = 15 * 60_000;

/** A source's record before its first query. */
export function freshCrowdRecord(serviceId: string, source: SourceId): CrowdRecord {
  return {
    key: `${serviceId}|${source}`,
    serviceId,
    source,
    buckets: [],
    coverageFrom: null,
    backfilledAt: null,
    lastQueryAt: null,
    nextQueryAt: 0,
    status: { state: 'ok' },
    notes: [],
    budget: newBudget(DEFAULT_BUDGETS[source]),
  };
}

/** Query `source` for `terms` now and fold the answer into `prev` (never throws). */
export async function stepCrowd(
  prev: CrowdRecord,
  source: ComplaintSource,
  terms: string[],
  now: number,
  deps: Omit<SourceDeps, 'budget'>,
): Promise<CrowdRecord> {
  const gate = budgetGate(prev.budget);
  const sdeps: SourceDeps = { ...deps, budget: gate };
  try {
    if (prev.backfilledAt === null) {
      const b = await runBackfill(source, terms, now, sdeps);
      const ok = b.status.state === 'ok';
      return {
        ...prev,
        buckets: pruneBuckets(mergeBuckets(prev.buckets, b.buckets), now),
        coverageFrom: b.coverage ?? prev.coverageFrom ?? now,
        backfilledAt: ok || b.coverage !== null ? now : null,
        lastQueryAt: now,
        nextQueryAt: ok ? now + CROWD_INTERVAL_MS : now + retryAfter(b.status),
        status: b.status,
        notes: b.notes,
        budget: gate.state,
      };
    }
    // The current window and the one before (posts are indexed late).
    const since = Math.min(prev.lastQueryAt ?? now, Math.floor(now / BUCKET_MS) * BUCKET_MS - BUCKET_MS);
    const r = await source.query({ terms, since, until: now + 1, now }, sdeps);
    const ok = r.status.state === 'ok';
    return {
      ...prev,
      buckets: pruneBuckets(addPosts(prev.buckets, r.posts), now),
      lastQueryAt: now,
      nextQueryAt: ok ? now + CROWD_INTERVAL_MS : now + retryAfter(r.status),
      status: r.status,
      notes: r.notes ?? [],
      budget: gate.state,
    };
  } catch (e) {
    return {
      ...prev,
      lastQueryAt: now,
      nextQueryAt: now + ERROR_BACKOFF_MS,
      status: { state: 'error', problem: { code: 'internal', message: `could not read ${source.label} (${String(e).slice(0, 80)})` } },
    };
  }
}

/** Whether a source's record is due a query at `now` (`force`: the person asked; limits still apply). */
export function crowdDue(prev: Pick<CrowdRecord, 'nextQueryAt' | 'lastQueryAt'>, now: number, force = false): boolean {
  if (force) return prev.nextQueryAt <= now;
  return prev.nextQueryAt <= now && (prev.lastQueryAt === null || now - prev.lastQueryAt >= CROWD_INTERVAL_MS);
}

function retryAfter(s: SourceStatus): number {
  if (s.state === 'rate_limited') return Math.max(s.retryAfterMs, 60_000);
  if (s.state === 'error') return Math.max(s.retryAfterMs ?? 0, ERROR_BACKOFF_MS);
  if (s.state === 'not_configured') return 60 * 60_000;
  return CROWD_INTERVAL_MS;
}
