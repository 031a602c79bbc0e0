/**
 * Rootly status pages: the public JSON API on the page's custom domain,
 * `https://<page>/api/v1/status.json` (catalog `official.url` is that feed URL; one body per poll).
 * Documented at docs.rootly.com/configuration/status-page-public-api:
 *
 *   { page: { name, url, time_zone, updated_at },
 *     status: { indicator: none|minor|major|maintenance, description },
 *     incidents: [ …active incidents, Statuspage-shaped… ] }
 *
 * The indicator vocabulary is Statuspage's, and Rootly describes its incidents with Statuspage's
 * fields, so they are read by the Statuspage incident reader. Rootly's `major` means "major
 * outage or critical incident" (its docs), which is Statuspage's `major` → partial_outage: the
 * milder reading, never an invented critical.
 * Only pages with a custom domain expose this API (a `*.rootly.com` page has none).
 */
import { fail, ok, type OfficialSnapshot, type Result } from '../model';
import { safeUrl } from '../text';
import { STATES_NOTHING_MESSAGE, statesNothing, type FeedAdapter, type ParseContext } from './adapter';
import { SHAPE_MESSAGE, cleanName } from './feedkit';
import { object, optList, optObject, str } from './read';
import { isActiveMaintenance, isOpen, mapIndicator, normaliseIncidents, readWith, trimBase } from './statuspage';

const statusSchema = object({
  status: optObject(object({ indicator: str, description: str })),
  incidents: optList,
});

/** `https://status.example.com/api/v1/status.json` → `https://status.example.com`. */
export function rootlyPageRoot(feedUrl: string): string | null {
  const base = trimBase(feedUrl).replace(/\/api\/v1\/status\.json$/i, '');
  return base === '' ? null : safeUrl(base);
}

export const rootlyAdapter: FeedAdapter = {
  kind: 'rootly',
  label: 'Rootly status page public API',
  endpoints: (url) => [{ url: trimBase(url), expect: 'json' }],
  parse(bodies: string[], ctx: ParseContext): Result<OfficialSnapshot> {
    try {
      if (bodies.length < 1) return fail('internal', 'the status feed was not read');
      const env = readWith(statusSchema, bodies[0]);
      if (!env.ok) return env;
      const s = env.value;
      if (!s.status) return fail('schema', `the status feed ${SHAPE_MESSAGE}`);
      const all = normaliseIncidents(s.incidents ?? [], { baseUrl: ctx.baseUrl, fallbackUrl: (base) => rootlyPageRoot(base) });
      if (!all.ok) return all;
      const description = cleanName(s.status.description);
      const open = all.value.filter((i) => isOpen(i.status));
      const snapshot: OfficialSnapshot = {
        indicator: mapIndicator(s.status.indicator),
        description: description === '' ? null : description,
        components: [],
        incidents: open.filter((i) => i.kind === 'incident'),
        maintenances: open.filter((i) => i.kind === 'maintenance' && isActiveMaintenance(i.status)),
        recent: all.value.filter((i) => !isOpen(i.status)),
      };
      if (statesNothing(snapshot)) return fail('schema', STATES_NOTHING_MESSAGE);
      return ok(snapshot);
    } catch {
      return fail('internal', 'the status feed could not be read because of an internal error');
    }
  },
};
