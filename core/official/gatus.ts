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
import { fail, ok, type ComponentStatus, type OfficialComponent, type OfficialSnapshot, type Result } from '../model';
import { STATES_NOTHING_MESSAGE, statesNothing, type FeedAdapter, type ParseContext } from './adapter';
import { SHAPE_MESSAGE, anyDate, cleanName, eachValid, worstStatus } from './feedkit';
import { isRecord, parseJsonWithin } from './read';
import { MAX_DEPTH, trimBase } from './statuspage';

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
  endpoints: (url) => [{ url: trimBase(url), expect: 'json' }],
  parse(bodies: string[], _ctx: ParseContext): Result<OfficialSnapshot> {
    try {
      const body = bodies[0];
      if (typeof body !== 'string') return fail('internal', 'the status feed was not read');
      const text = body.replace(/^\uFEFF/, '').trimStart();
      if (text === '') return fail('parse', 'the status feed was empty');
      if (text[0] === '<') return fail('parse', 'the status feed answered with a web page (HTML) instead of JSON — the page may have moved');
      const parsed = parseJsonWithin(text, MAX_DEPTH);
      if (parsed === 'deep') return fail('schema', `the status feed ${SHAPE_MESSAGE}`);
      if (parsed === 'invalid') return fail('parse', 'the status feed is not valid JSON');
      if (!Array.isArray(parsed.value)) return fail('schema', `the status feed ${SHAPE_MESSAGE}`);
      const { items, allBad } = eachValid(parsed.value, readEndpoint);
      if (allBad) return fail('schema', `the status feed ${SHAPE_MESSAGE}`);
      const snapshot: OfficialSnapshot = {
        indicator: worstStatus(items.map((c) => c.status)),
        description: null,
        components: items,
        incidents: [],
        maintenances: [],
        recent: [],
      };
      if (statesNothing(snapshot)) return fail('schema', STATES_NOTHING_MESSAGE);
      return ok(snapshot);
    } catch {
      return fail('internal', 'the status feed could not be read because of an internal error');
    }
  },
};
