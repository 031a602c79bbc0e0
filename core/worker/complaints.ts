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
import type { CrowdRecord } from '../crowd/record';
import { getCrowd, putCrowd, type Db } from '../store';
import { sourceById } from '../crowd/index';
import { termsForService, type SourceConfig, type SourceId, type CrowdStore } from '../crowd/source';
import { crowdDue, freshCrowdRecord, stepCrowd } from '../crowd/step';

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

// crowdSpike lives in core/crowd/spike.ts (the popup imports it without the pollers).
