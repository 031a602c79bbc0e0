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
import type { OfficialSnapshot, Result } from '../model';
import { safeUrl } from '../text';
import {
  cleanName,
  jsonFeedAt,
  object,
  optList,
  optObject,
  parseFirst,
  readWith,
  shapeFailure,
  snapshotLists,
  stated,
  str,
  trimBase,
} from './kit';
import { mapIndicator, normaliseIncidents } from './statuspage';
import type { FeedAdapter, ParseContext } from './types';

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
  endpoints: jsonFeedAt,
  parse: (bodies: string[], ctx: ParseContext): Result<OfficialSnapshot> =>
    parseFirst(bodies, (body) => {
      const env = readWith(statusSchema, body);
      if (!env.ok) return env;
      const s = env.value;
      if (!s.status) return shapeFailure();
      const all = normaliseIncidents(s.incidents ?? [], { baseUrl: ctx.baseUrl, fallbackUrl: (base) => rootlyPageRoot(base) });
      if (!all.ok) return all;
      const description = cleanName(s.status.description);
      const snapshot: OfficialSnapshot = {
        indicator: mapIndicator(s.status.indicator),
        description: description === '' ? null : description,
        components: [],
        ...snapshotLists(all.value, ctx.now, (i) => i.createdAt),
      };
      return stated(snapshot);
    }),
};
