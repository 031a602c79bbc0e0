/**
 * The worker's complaint step: polling complaint sources for a service and keeping its 15-minute
 * buckets (IndexedDB, 7 days). It lives with the worker, not in core/crowd, because it stores:
 * core/crowd stays pure (no storage, no scheduling).
 * On first watch a source is backfilled so the baseline works from day one. Every step is safe to
 * repeat: buckets merge idempotently (deduplicated by post id) and a record is written whole.
 *
 * Privacy: only the service's catalog search terms are sent (see termsForService).
 */
import type { Service } from '../catalog/catalog';
import type { FetchDeps } from '../net/fetch';
import { CROWD_INTERVAL_MS, type CrowdRecord } from '../crowd/record';
import { getCrowd, putCrowd, type Db } from '../store';
import { runBackfill } from '../crowd/backfill';
import { addPosts, mergeBuckets, pruneBuckets, BUCKET_MS, type CrowdBucket } from '../crowd/buckets';
import { budgetGate, DEFAULT_BUDGETS, newBudget, type BudgetState } from '../crowd/budget';
import { sourceById } from '../crowd/index';
import { termsForService, type SourceConfig, type SourceId, type SourceStatus, type CrowdStore } from '../crowd/source';
import { detectSpike, type SpikeResult } from '../crowd/spike';

const ERROR_BACKOFF_MS = 15 * 60_000;

export interface CrowdDeps extends FetchDeps {
  db: Db;
  config: SourceConfig;
  /** Where the Bluesky session is cached (storage.local). */
  store?: CrowdStore;
}

const keyOf = (serviceId: string, source: SourceId) => `${serviceId}|${source}`;

function fresh(serviceId: string, source: SourceId): CrowdRecord {
  return {
    key: keyOf(serviceId, source),
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

const inflight = new Map<string, Promise<CrowdRecord[]>>();

/** Query every enabled source that is due for this service; returns all its records afterwards. */
export function pollCrowd(service: Service, enabled: readonly SourceId[], deps: CrowdDeps, force = false): Promise<CrowdRecord[]> {
  const k = `${deps.db.name}/${service.id}`;
  const running = inflight.get(k);
  if (running) return running;
  const p = pollCrowdOnce(service, enabled, deps, force).finally(() => inflight.delete(k));
  inflight.set(k, p);
  return p;
}

async function pollCrowdOnce(service: Service, enabled: readonly SourceId[], deps: CrowdDeps, force: boolean): Promise<CrowdRecord[]> {
  const existing = new Map((await getCrowd(deps.db, service.id)).map((r) => [r.source, r]));
  const terms = termsForService(service);
  const out: CrowdRecord[] = [];
  for (const id of enabled) {
    const prev = existing.get(id) ?? fresh(service.id, id);
    const now = deps.now();
    const due = force ? prev.nextQueryAt <= now : prev.nextQueryAt <= now && (prev.lastQueryAt === null || now - prev.lastQueryAt >= CROWD_INTERVAL_MS);
    if (!due || terms.length === 0) {
      out.push(prev);
      continue;
    }
    const source = sourceById(id);
    const gate = budgetGate(prev.budget);
    const sdeps = { fetch: deps.fetch, now: deps.now, config: deps.config, budget: gate, ...(deps.store ? { store: deps.store } : {}) };
    let rec: CrowdRecord;
    try {
      if (prev.backfilledAt === null) {
        const b = await runBackfill(source, terms, now, sdeps);
        const ok = b.status.state === 'ok';
        rec = {
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
      } else {
        // The current window and the one before (posts are indexed late).
        const since = Math.min(prev.lastQueryAt ?? now, Math.floor(now / BUCKET_MS) * BUCKET_MS - BUCKET_MS);
        const r = await source.query({ terms, since, until: now + 1, now }, sdeps);
        const ok = r.status.state === 'ok';
        rec = {
          ...prev,
          buckets: pruneBuckets(addPosts(prev.buckets, r.posts), now),
          lastQueryAt: now,
          nextQueryAt: ok ? now + CROWD_INTERVAL_MS : now + retryAfter(r.status),
          status: r.status,
          notes: r.notes ?? [],
          budget: gate.state,
        };
      }
    } catch (e) {
      rec = {
        ...prev,
        lastQueryAt: now,
        nextQueryAt: now + ERROR_BACKOFF_MS,
        status: { state: 'error', problem: { code: 'internal', message: `could not read ${source.label} (${String(e).slice(0, 80)})` } },
      };
    }
    await putCrowd(deps.db, rec);
    out.push(rec);
  }
  // Records of sources that are now turned off are kept (their history stays useful) but not reported.
  return out;
}

function retryAfter(s: SourceStatus): number {
  if (s.state === 'rate_limited') return Math.max(s.retryAfterMs, 60_000);
  if (s.state === 'error') return Math.max(s.retryAfterMs ?? 0, ERROR_BACKOFF_MS);
  if (s.state === 'not_configured') return 60 * 60_000;
  return CROWD_INTERVAL_MS;
}

// crowdSpike lives in core/crowd/spike.ts (the popup imports it without the pollers).
