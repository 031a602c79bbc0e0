/**
 * The extension's relay path: for each service due a refresh, ask the relay first; store what it
 * answers exactly where direct polling stores its results (the service record, the complaint
 * records), and hand back the services the relay could not answer for, to be polled directly.
 * Which path answered, and why the relay was not used, is kept per service for the popup.
 *
 * The relay is optional: with it off this module does nothing and costs one storage read.
 */
import type { Service } from '../catalog/catalog';
import type { CrowdRecord } from '../crowd/record';
import type { SourceId } from '../crowd/source';
import { freshCrowdRecord } from '../crowd/step';
import { afterSuccess } from '../net/backoff';
import type { FetchDeps } from '../net/fetch';
import { loadRelayPaths, loadRelaySettings, RELAY_PATHS, type KeyValueArea, type RelayPath } from '../storage';
import { emptyRecord, getCrowd, getRecord, putCrowd, putRecord, type Db } from '../store';
import { officialUsable, readRelay } from './client';
import { windowsToBuckets, type RelayServiceBody } from './wire';

export interface RelayDeps extends FetchDeps {
  db: Db;
  /** storage.local: relay settings, and which path answered per service. */
  local: KeyValueArea;
  /** The poll interval (the backoff base, as for direct polls). */
  intervalMs: number;
}

export type { RelayPath };
/** A service the relay answered this recently is not asked again. */
export const RELAY_REASK_MS = 20_000;

/** Complaint sources whose counts the relay gathers for everyone (the extension then skips its own queries). */
const RELAYED: readonly SourceId[] = ['hn', 'mastodon', 'browsers'];

/** Refresh through the relay when it is on; returns the services still to poll directly. */
export async function refreshViaRelay(services: readonly Service[], deps: RelayDeps): Promise<Service[]> {
  const settings = await loadRelaySettings(deps.local);
  if (!settings.enabled || services.length === 0) return [...services];
  const rest: Service[] = [];
  const paths: Record<string, RelayPath> = {};
  const known = await loadRelayPaths(deps.local);
  await Promise.all(
    services.map(async (svc) => {
      const now = deps.now();
      // Asked moments ago (a tab visit right after a tick): the relay's answer cannot have changed.
      const last = known[svc.id];
      if (last?.via === 'relay' && last.relay === settings.url && now - last.at >= 0 && now - last.at < RELAY_REASK_MS) return;
      try {
        const read = await readRelay(settings.url, svc.id, deps);
        if (!read.ok) {
          rest.push(svc);
          paths[svc.id] = { via: 'direct', at: now, relay: settings.url, reason: read.reason };
          return;
        }
        // Crowd counts are used even when the official part falls back to direct polling.
        await storeCrowd(svc.id, read.body, now, deps);
        const usable = officialUsable(read.body, now);
        if (!usable.ok) {
          rest.push(svc);
          paths[svc.id] = { via: 'direct', at: now, relay: settings.url, reason: usable.reason };
          return;
        }
        await storeOfficial(svc.id, read.body, now, deps);
        paths[svc.id] = { via: 'relay', at: now, relay: settings.url };
      } catch (e) {
        rest.push(svc);
        paths[svc.id] = {
          via: 'direct',
          at: now,
          relay: settings.url,
          reason: `the relay’s answer could not be stored (${String(e).slice(0, 80)})`,
        };
      }
    }),
  );
  await RELAY_PATHS.set(deps.local, { ...(await loadRelayPaths(deps.local)), ...paths });
  return rest;
}

/** The official part, stored as a direct poll would store it (the verdict cannot tell them apart). */
async function storeOfficial(id: string, body: RelayServiceBody, now: number, deps: RelayDeps): Promise<void> {
  const o = body.official;
  if (!o?.snapshot) return;
  const prev = (await getRecord(deps.db, id)) ?? emptyRecord(id);
  await putRecord(deps.db, {
    ...prev,
    snapshot: o.snapshot,
    history: o.history,
    // When the provider's data was read (by the relay): staleness is judged from that, not from now.
    lastSuccessAt: o.lastSuccessAt,
    lastAttemptAt: now,
    problem: null,
    backoff: afterSuccess(now, deps.intervalMs),
    historyFetchedAt: now,
    parsedAt: now,
  });
}

/** Complaint and shared-failure counts, as complaint records the spike detection reads. */
async function storeCrowd(id: string, body: RelayServiceBody, now: number, deps: RelayDeps): Promise<void> {
  const existing = new Map((await getCrowd(deps.db, id)).map((r) => [r.source, r]));
  const next: CrowdRecord[] = [];
  for (const c of body.complaints) {
    const prev = existing.get(c.source) ?? freshCrowdRecord(id, c.source);
    next.push({
      ...prev,
      buckets: windowsToBuckets(c.windows, c.source),
      coverageFrom: c.coverageFrom,
      // Counts gathered for everyone: mark the source as just queried and backfilled, so this
      // browser does not query it itself while the relay answers.
      backfilledAt: prev.backfilledAt ?? now,
      lastQueryAt: now,
      nextQueryAt: now + 5 * 60_000,
      status: { state: 'ok' },
      notes: [],
    });
  }
  const b = body.browsers;
  const prevB = existing.get('browsers') ?? freshCrowdRecord(id, 'browsers');
  next.push({
    ...prevB,
    buckets: windowsToBuckets(b.windows, 'browsers'),
    coverageFrom: b.coverageFrom,
    backfilledAt: now,
    lastQueryAt: now,
    nextQueryAt: now + 5 * 60_000,
    status: { state: 'ok' },
    notes: [],
  });
  for (const r of next) if (RELAYED.includes(r.source)) await putCrowd(deps.db, r);
}
