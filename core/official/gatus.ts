/**
 * Gatus (self-hosted health dashboard, github.com/TwiN/gatus): `<gatus>/api/v1/endpoints/statuses`
 * (catalog `official.url` is that feed URL; one body per poll). The shape is the one Gatus's own
 * API tests assert (api/endpoint_status_test.go):
 *
 *   [{ name, group, key, results: [{ status, hostname, duration, conditionResults, success, timestamp }] }]
 *
 * results are oldest first (the newest page of results comes last). Each endpoint is a component:
 * its newest result's `success` → operational, else major_outage (Gatus knows only pass/fail);
 * no result → 'unknown'. The page indicator is the worst component. Gatus publishes no incidents.
 * A failing check is what the dashboard shows its readers as "down"; we report it as such.
 */
import type { ComponentStatus, OfficialComponent, OfficialSnapshot, Result } from '../model';
import { anyDate } from './dates';
import { cleanName, componentsOnly, eachValid, isRecord, jsonFeedAt, parseFirst, readJsonArray } from './kit';
import type { FeedAdapter, ParseContext } from './types';

/** The newest result of an endpoint: latest `timestamp`, the later element on ties or without times. */
function newest(results: readonly unknown[]): Record<string, unknown> | null {
  let best: Record<string, unknown> | null = null;
  let bestAt = -Infinity;
  for (const r of results) {
    if (!isRecord(r) || typeof r.success !== 'boolean') continue;
    const iso = anyDate(r.timestamp);
    const at = iso === null ? -Infinity : Date.parse(iso);
    if (best === null || at >= bestAt) {
      best = r;
      bestAt = at;
    }
  }
  return best;
}

function readEndpoint(raw: unknown): OfficialComponent | null {
  if (!isRecord(raw)) return null;
  const name = cleanName(raw.name);
  if (name === '' || !Array.isArray(raw.results)) return null;
  const group = cleanName(raw.group);
  const last = newest(raw.results);
  const status: ComponentStatus = last === null ? 'unknown' : last.success === true ? 'operational' : 'major_outage';
  const key = typeof raw.key === 'string' && raw.key.trim() !== '' ? raw.key.trim().slice(0, 200) : `${group}_${name}`;
  return { id: key, name, status, group: group === '' ? null : group };
}

export const gatusAdapter: FeedAdapter = {
  kind: 'gatus',
  label: 'Gatus endpoint statuses API',
  endpoints: jsonFeedAt,
  parse: (bodies: string[], _ctx: ParseContext): Result<OfficialSnapshot> =>
    parseFirst(bodies, (body) => {
      const rows = readJsonArray(body);
      if (!rows.ok) return rows;
      return componentsOnly(eachValid(rows.value, readEndpoint));
    }),
};
