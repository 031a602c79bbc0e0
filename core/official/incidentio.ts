/**
 * incident.io-hosted status pages, read through their Statuspage-compatible shim
 * (`/api/v2/summary.json` + `/api/v2/incidents.json`).
 *
 * Differences from Atlassian handled here (samples of 2026-09-19 in test/fixtures/feeds/):
 * - `summary.json` may have no `incidents` / `scheduled_maintenances` keys, so open incidents come
 *   from `incidents.json` (read on every poll; resolved ones become `recent`);
 * - incidents have no `shortlink`, `components`, `monitoring_at`, `started_at`; `resolved_at` is
 *   absent while open (all tolerated by the shared normaliser: startedAt falls back to createdAt);
 * - components have no group fields and names repeat (two "Login"): kept as separate rows by id;
 * - incidents can be re-opened (resolved → identified): judged by the current status, and an open
 *   incident carries no resolvedAt;
 * - compat ids may not match the ids in the page's incident URLs, so links go to the page root
 *   unless the incident has a shortlink.
 */
import type { OfficialIncident, OfficialSnapshot, Result } from '../model';
import { fail, isActiveMaintenance, isOpen } from '../model';
import { safeUrl } from '../text';
import { stated, trimBase } from './kit';
import type { FeedAdapter, ParseContext } from './types';
import { incidentsEndpoint, readIncidentList, readSummary, summaryEndpoint } from './statuspage';

/** Link for an incident without a shortlink: the status page root (http/https only). */
export function incidentioFallbackUrl(baseUrl: string): string | null {
  const base = trimBase(baseUrl);
  return base === '' ? null : safeUrl(base);
}

/**
 * Split incidents into open incidents, active maintenances and recently closed ones.
 * An open element of kind 'maintenance' whose status is a maintenance status goes to maintenances.
 */
export function splitIncidents(all: readonly OfficialIncident[]): {
  incidents: OfficialIncident[];
  maintenances: OfficialIncident[];
  recent: OfficialIncident[];
} {
  const incidents: OfficialIncident[] = [];
  const maintenances: OfficialIncident[] = [];
  const recent: OfficialIncident[] = [];
  for (const i of all) {
    if (!isOpen(i.status)) recent.push(i);
    else if (i.kind === 'maintenance' && isActiveMaintenance(i.status)) maintenances.push(i);
    else incidents.push(i);
  }
  return { incidents, maintenances, recent };
}

export const incidentioAdapter: FeedAdapter = {
  kind: 'incidentio',
  label: 'incident.io status page (Statuspage-compatible API)',
  endpoints: (baseUrl) => [summaryEndpoint(baseUrl), incidentsEndpoint(baseUrl)],
  parse(bodies: string[], ctx: ParseContext): Result<OfficialSnapshot> {
    try {
      if (bodies.length < 2) return fail('internal', 'the status summary and incident list were not both read');
      const opts = { baseUrl: ctx.baseUrl, fallbackUrl: incidentioFallbackUrl };
      const summary = readSummary(bodies[0], opts, 'the status summary (summary.json)');
      if (!summary.ok) return summary;
      const list = readIncidentList(bodies[1], opts, 'the incident list (incidents.json)');
      if (!list.ok) return list;

      // incidents.json is the source of truth for incidents; anything summary.json lists that
      // incidents.json does not (should the shim ever include them) is added, never dropped.
      const seen = new Set(list.value.map((i) => i.id));
      const extra = summary.value.incidents.filter((i) => !seen.has(i.id) && isOpen(i.status));
      const split = splitIncidents([...list.value, ...extra]);

      const maintenanceIds = new Set(split.maintenances.map((m) => m.id));
      const summaryMaintenances = summary.value.maintenances.filter((m) => isActiveMaintenance(m.status) && !maintenanceIds.has(m.id));

      const snapshot: OfficialSnapshot = {
        indicator: summary.value.indicator,
        description: summary.value.description,
        components: summary.value.components,
        incidents: split.incidents,
        maintenances: [...summaryMaintenances, ...split.maintenances],
        recent: split.recent,
      };
      return stated(snapshot);
    } catch {
      return fail('internal', 'the status feed could not be read because of an internal error');
    }
  },
};
