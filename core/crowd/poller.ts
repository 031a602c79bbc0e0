/**
 * Polling complaint sources for a service and keeping its 15-minute buckets (IndexedDB, 7 days).
 * On first watch a source is backfilled so the baseline works from day one. Every step is safe to
 * repeat: buckets merge idempotently (deduplicated by post id) and a record is written whole.
 *
 * Privacy: only the service's catalog search terms are sent (see termsForService).
 */
import type { Service } from '../catalog/catalog';
import type { FetchDeps } from '../net/fetch';
import { getCrowd, putCrowd, type Db } from '../store';
import type { CrowdBucket } from './buckets';
import type { BudgetState } from './budget';
import { sourceById } from './index';
import { termsForService, type SourceConfig, type SourceId, type SourceStatus, type CrowdStore } from './source';
import { crowdDue, freshCrowdRecord, stepCrowd } from './step';
import { detectSpike, type SpikeResult } from './spike';

export interface CrowdRecord {
  key: string;
  serviceId: string;
  source: SourceId;
  buckets: CrowdBucket[];
  /** From when this source's history is complete (backfill, or when watching began). */
  coverageFrom: number | null;
  backfilledAt: number | null;
  lastQueryAt: number | null;
  /** Not before this (rate limits, errors). */
  nextQueryAt: number;
  status: SourceStatus;
  notes: string[];
  budget: BudgetState;
}

export { CROWD_INTERVAL_MS } from './step';

export interface CrowdDeps extends FetchDeps {
  db: Db;
  config: SourceConfig;
  /** Where the Bluesky session is cached (storage.local). */
  store?: CrowdStore;
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
    const prev = existing.get(id) ?? freshCrowdRecord(service.id, id);
    const now = deps.now();
    const due = crowdDue(prev, now, force);
    if (!due || terms.length === 0) {
      out.push(prev);
      continue;
    }
    const rec = await stepCrowd(prev, sourceById(id), terms, now, {
      fetch: deps.fetch,
      now: deps.now,
      config: deps.config,
      ...(deps.store ? { store: deps.store } : {}),
    });
    await putCrowd(deps.db, rec);
    out.push(rec);
  }
  // Records of sources that are now turned off are kept (their history stays useful) but not reported.
  return out;
}

// crowdSpike lives in ./spike.ts (the popup imports it without the pollers).
export { crowdSpike } from './spike';
