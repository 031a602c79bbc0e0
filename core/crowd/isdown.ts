/**
 * IsDown (isdown.app) — a third-party crowd detector, with the person's own API key. Off by default.
 *
 *   GET https://isdown.app/api/v2/services/<service>/incidents?include_user_reports=true
 *       Authorization: Bearer <key>
 *
 * The answer (JSON:API style, `data[].attributes`) lists the last 30 days of incidents, official
 * ones and crowd ones (`user_generated: true`, title "Users reports spike"). IsDown has already
 * done the counting, so this source returns no posts: it returns `crowdIncidents`, and the worker
 * passes the open ones to detectSpike as an `external` source (`externalSpikes`). Official
 * incidents are ignored here — the official feed adapters cover them.
 *
 * The service name in the path is `q.slug` when given, else derived from the terms ("GitHub" →
 * "github"), trying at most two on 404.
 */
import { safeUrl } from '../text';
import { requestJson, statusOf, wasSent } from './http';
import type { ComplaintSource, CrowdIncident, QueryResult, SourceDeps, SourceQuery } from './source';
import { sanitizeTerms } from './source';
import type { ExternalSpike } from './spike';

export const ISDOWN_API = 'https://isdown.app/api/v2';
export const ISDOWN_NOT_CONFIGURED = 'IsDown: not configured (needs your API key)';
const LABEL = 'IsDown';

export function isdownSlugs(terms: readonly string[], slug?: string): string[] {
  const out: string[] = [];
  const add = (s: string) => {
    const v = s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
    if (v !== '' && v.length <= 64 && !out.includes(v)) out.push(v);
  };
  if (slug) add(slug);
  for (const t of sanitizeTerms(terms)) if (!t.startsWith('#') && !t.includes('.')) add(t);
  return out.slice(0, 2);
}

export function isdownUrl(slug: string): string {
  return `${ISDOWN_API}/services/${encodeURIComponent(slug)}/incidents?include_user_reports=true`;
}

/** `data[]` → crowd incidents (user_generated only), newest first. */
export function parseIsdownIncidents(json: unknown): CrowdIncident[] | null {
  if (!json || typeof json !== 'object') return null;
  const data = (json as { data?: unknown }).data;
  if (!Array.isArray(data)) return null;
  const out: CrowdIncident[] = [];
  for (const item of data) {
    if (!item || typeof item !== 'object') continue;
    const it = item as { id?: unknown; attributes?: unknown };
    const a = (it.attributes ?? {}) as Record<string, unknown>;
    if (a.user_generated !== true) continue;
    const id = typeof it.id === 'string' || typeof it.id === 'number' ? String(it.id) : null;
    const createdAt = typeof a.created_at === 'string' ? Date.parse(a.created_at) : NaN;
    if (!id || !Number.isFinite(createdAt)) continue;
    const resolvedRaw = typeof a.resolved_at === 'string' ? Date.parse(a.resolved_at) : NaN;
    const resolvedAt = Number.isFinite(resolvedRaw) ? resolvedRaw : null;
    const open = a.resolved !== true && resolvedAt === null;
    out.push({
      id: `isdown:${id}`,
      title: typeof a.title === 'string' ? a.title.slice(0, 200) : 'Users reports spike',
      createdAt,
      resolvedAt,
      open,
      url: safeUrl(a.url),
      source: 'isdown',
    });
  }
  return out.sort((x, y) => y.createdAt - x.createdAt);
}

/** Open crowd incidents as external spikes for detectSpike (those created at or before `now`). */
export function externalSpikes(incidents: readonly CrowdIncident[] | undefined, now: number): ExternalSpike[] {
  return (incidents ?? []).filter((i) => i.open && i.createdAt <= now).map((i) => ({ source: i.source, since: i.createdAt }));
}

export const isdown: ComplaintSource = {
  id: 'isdown',
  label: 'IsDown',
  keyless: false,
  defaultOn: false,
  async query(q: SourceQuery, deps: SourceDeps): Promise<QueryResult> {
    const key = deps.config?.isdown?.apiKey?.trim() ?? '';
    if (key === '') return { posts: [], status: { state: 'not_configured', message: ISDOWN_NOT_CONFIGURED }, requests: 0 };
    if (/[\r\n\s]/.test(key) || key.length > 512) {
      return { posts: [], status: { state: 'not_configured', message: 'IsDown: the API key looks malformed' }, requests: 0 };
    }
    const slugs = isdownSlugs(q.terms, q.slug);
    if (slugs.length === 0) return { posts: [], status: { state: 'ok' }, requests: 0, crowdIncidents: [] };
    let requests = 0;
    for (let i = 0; i < slugs.length; i++) {
      const res = await requestJson({ url: isdownUrl(slugs[i]!), headers: { Authorization: `Bearer ${key}` } }, deps, LABEL);
      if (wasSent(res)) requests++;
      if (!res.ok) {
        if (res.status === 404 && i + 1 < slugs.length) continue;
        if (res.status === 401 || res.status === 403) {
          return {
            posts: [],
            status: {
              state: 'error',
              problem: {
                code: 'http',
                message: 'IsDown: the API key was not accepted (or your plan does not include this service)',
                httpStatus: res.status,
              },
            },
            requests,
          };
        }
        if (res.status === 404) {
          return {
            posts: [],
            status: { state: 'error', problem: { code: 'http', message: 'IsDown does not know this service', httpStatus: 404 } },
            requests,
          };
        }
        return { posts: [], status: statusOf(res), requests };
      }
      const incidents = parseIsdownIncidents(res.json);
      if (!incidents) {
        return {
          posts: [],
          status: { state: 'error', problem: { code: 'schema', message: 'IsDown answered without a list of incidents' } },
          requests,
        };
      }
      // Incidents that were open at some point of [since, until).
      const relevant = incidents.filter((x) => x.createdAt < q.until && (x.resolvedAt === null ? x.open : x.resolvedAt >= q.since));
      return { posts: [], status: { state: 'ok' }, requests, crowdIncidents: relevant };
    }
    return { posts: [], status: { state: 'ok' }, requests, crowdIncidents: [] };
  },
};
