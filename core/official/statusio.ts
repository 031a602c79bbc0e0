/**
 * status.io public status API: `https://api.status.io/1.0/status/<page_id>` (catalog
 * `official.url` is that feed URL; also served as `<host>/1.0/status/<page_id>` on a page's own
 * host). One JSON body per poll. Used by GitLab, Docker, Roblox, Neon.
 *
 *   { result: { status_overall: { updated, status, status_code },
 *               status: [{ id, name, status, status_code, updated, containers: [...] }],
 *               incidents: [{ _id, name, datetime_open, messages: [{ details, state, status, datetime }],
 *                             components_affected: [{ _id, name }], containers_affected: [...] }],
 *               maintenance: { active: [...], upcoming: [...] } } }
 *
 * Codes (kb.status.io status codes, as quoted by client code): status 100 Operational,
 * 200 Planned Maintenance, 300 Degraded Performance, 400 Partial Service Disruption, 500 Service
 * Disruption, 600 Security Event; message state 100 Investigating, 200 Identified, 300 Monitoring,
 * 400 Resolved.
 *
 * Reading rules:
 * - components are `status[]` (containers are the places they run, not parts: not listed);
 * - an incident's status is its newest message's `state`, its impact the newest message's `status`;
 *   a maintenance is `in_progress` when listed under `active`, `scheduled` under `upcoming`, and its
 *   message states are not mapped (their meaning for maintenances is not documented: "Update");
 * - incident links: status.io pages show incidents at `<page host>/pages/incident/<page_id>/<id>`.
 *   The API host (`api.status.io`, `*.hostedstatus.com`) is not the page host, so there the link
 *   is null; when the feed URL is on the page's own host the link is built from it;
 * - scope: components by name; incidents and maintenances by `components_affected` names, kept
 *   when they name none (feedkit `incidentInScope`).
 */
import type {
  ComponentStatus,
  Impact,
  IncidentStatus,
  OfficialComponent,
  OfficialIncident,
  OfficialSnapshot,
  OfficialUpdate,
} from '../model';
import { isClosed, MAX_TITLE } from '../model';
import { htmlToText, safeUrl } from '../text';
import { anyDate } from './dates';
import {
  cleanName,
  componentsInScope,
  eachOfShape,
  eachValid,
  idOf,
  incidentInScope,
  isRecord,
  jsonFeedAt,
  list,
  lookup,
  looseList,
  newestFirst,
  newestFirstBy,
  object,
  optList,
  optObject,
  parseFirst,
  readWith,
  rowOf,
  shapeFailure,
  stated,
  str,
  strOrNum,
  trimBase,
} from './kit';
import type { FeedAdapter } from './types';

const componentSchema = object({ id: strOrNum, name: str, status: str, status_code: strOrNum });
const affectedSchema = object({ _id: strOrNum, name: str });
const messageSchema = object({ details: str, state: strOrNum, status: strOrNum, datetime: str });
const incidentSchema = object({
  _id: strOrNum,
  name: str,
  datetime_open: str,
  datetime_planned_start: str,
  datetime_planned_end: str,
  messages: looseList,
  components_affected: looseList,
});

export const publicStatusSchema = object({
  result: object({
    status_overall: optObject(object({ status: str, status_code: strOrNum, updated: str })),
    status: list,
    incidents: optList,
    maintenance: optObject(object({ active: optList, upcoming: optList })),
  }),
});

// ---------------------------------------------------------------------------------------------
// Codes.

const code = (value: unknown): number | null => {
  if (typeof value === 'number') return Number.isInteger(value) ? value : null;
  if (typeof value === 'string' && /^\d{3}$/.test(value.trim())) return Number(value.trim());
  return null;
};

const STATUS_CODES: Record<number, ComponentStatus> = {
  100: 'operational',
  200: 'maintenance',
  300: 'degraded',
  400: 'partial_outage',
  500: 'major_outage',
  600: 'major_outage', // Security Event: the worst code status.io has
};

const IMPACT_CODES: Record<number, Impact> = {
  100: 'none',
  200: 'maintenance',
  300: 'minor',
  400: 'major',
  500: 'critical',
  600: 'critical',
};

const STATE_CODES: Record<number, IncidentStatus> = {
  100: 'investigating',
  200: 'identified',
  300: 'monitoring',
  400: 'resolved',
};

/** A status code (100…600, number or numeric string) → component status; else 'unknown'. */
export function mapStatusCode(value: unknown): ComponentStatus {
  return lookup(STATUS_CODES, code(value)) ?? 'unknown';
}

/** A message state code (100…400) → incident status; else 'unknown'. */
export function mapStateCode(value: unknown): IncidentStatus {
  return lookup(STATE_CODES, code(value)) ?? 'unknown';
}

function mapImpactCode(value: unknown): Impact | null {
  return lookup(IMPACT_CODES, code(value)) ?? null;
}

// ---------------------------------------------------------------------------------------------
// Reading.

function readComponents(rows: readonly unknown[]): { items: OfficialComponent[]; allBad: boolean } {
  return eachOfShape(rows, componentSchema, (c) => {
    const name = cleanName(c.name);
    const id = idOf(c.id) ?? (name === '' ? null : name);
    if (id === null || name === '') return null;
    return { id, name, status: mapStatusCode(c.status_code), group: null };
  });
}

interface Message {
  update: OfficialUpdate;
  impact: Impact | null;
}

function readMessages(rows: readonly unknown[], maintenance: boolean): Message[] {
  const out: Message[] = [];
  for (const raw of rows) {
    if (!isRecord(raw)) continue;
    const p = messageSchema.safeParse(raw);
    if (!p.success) continue;
    const at = anyDate(p.data.datetime);
    if (at === null) continue; // cannot be placed on the timeline: dropped, never dated "now"
    const status: IncidentStatus = maintenance ? 'unknown' : mapStateCode(p.data.state);
    out.push({ update: { at, status, text: htmlToText(p.data.details) }, impact: mapImpactCode(p.data.status) });
  }
  return newestFirstBy(out, (m) => m.update.at);
}

function affectedNames(rows: readonly unknown[]): string[] {
  const names: string[] = [];
  for (const raw of rows) {
    if (!isRecord(raw)) continue;
    const p = affectedSchema.safeParse(raw);
    if (!p.success) continue;
    const n = cleanName(p.data.name);
    if (n !== '' && !names.includes(n)) names.push(n);
  }
  return names;
}

/** The page id at the end of `…/1.0/status/<page_id>`, if the feed URL has that form. */
function pageIdOf(feedUrl: string): string | null {
  const m = /\/1\.0\/status\/([A-Za-z0-9]{6,64})\/?$/.exec(trimBase(feedUrl));
  return m ? m[1]! : null;
}

const API_HOSTS = /(^|\.)(status\.io|hostedstatus\.com)$/i;

/** `<page host>/pages/incident/<page_id>/<id>`, only when the feed URL is on the page's own host. */
export function statusioIncidentUrl(feedUrl: string, id: string): string | null {
  try {
    const u = new URL(trimBase(feedUrl));
    const page = pageIdOf(feedUrl);
    if (page === null || API_HOSTS.test(u.hostname)) return null;
    return safeUrl(`${u.origin}/pages/incident/${page}/${encodeURIComponent(id)}`);
  } catch {
    return null;
  }
}

type Section = 'incident' | 'active' | 'upcoming';

/** One incident or maintenance element → the model, or null when it is not one. */
export function readStatusioEvent(raw: unknown, section: Section, feedUrl: string): OfficialIncident | null {
  const i = rowOf(raw, incidentSchema);
  if (i === null) return null;
  const id = idOf(i._id);
  if (id === null) return null;
  const maintenance = section !== 'incident';
  const messages = readMessages(i.messages ?? [], maintenance);
  const updates = messages.map((m) => m.update);
  const opened = anyDate(i.datetime_open);
  let status: IncidentStatus;
  if (section === 'active') status = 'in_progress';
  else if (section === 'upcoming') status = 'scheduled';
  else status = updates[0]?.status ?? 'unknown';
  const title = cleanName(i.name, MAX_TITLE);
  return {
    id,
    title: title === '' ? (maintenance ? 'Maintenance' : 'Incident') : title,
    kind: maintenance ? 'maintenance' : 'incident',
    status,
    impact: maintenance ? 'maintenance' : (messages[0]?.impact ?? null),
    startedAt: opened,
    createdAt: opened,
    updatedAt: updates[0]?.at ?? opened,
    resolvedAt: isClosed(status) ? (updates[0]?.at ?? null) : null,
    scheduledFor: maintenance ? anyDate(i.datetime_planned_start) : null,
    scheduledUntil: maintenance ? anyDate(i.datetime_planned_end) : null,
    updates: newestFirst(updates),
    components: affectedNames(i.components_affected ?? []),
    url: statusioIncidentUrl(feedUrl, id),
  };
}

export const statusioAdapter: FeedAdapter = {
  kind: 'statusio',
  label: 'status.io public status API',
  endpoints: jsonFeedAt,
  parse: (bodies, ctx) =>
    parseFirst(bodies, (body) => {
      const env = readWith(publicStatusSchema, body);
      if (!env.ok) return env;
      const r = env.value.result;

      const comps = readComponents(r.status);
      if (comps.allBad) return shapeFailure();
      const read = (rows: readonly unknown[] | null | undefined, section: Section) =>
        eachValid(rows ?? [], (row) => readStatusioEvent(row, section, ctx.baseUrl));
      const incidents = read(r.incidents, 'incident');
      const active = read(r.maintenance?.active, 'active');
      const upcoming = read(r.maintenance?.upcoming, 'upcoming');
      if (incidents.allBad || active.allBad || upcoming.allBad) return shapeFailure();

      const inScope = componentsInScope(ctx.scope, comps.items);
      if (!inScope.ok) return inScope;
      const components = inScope.value;
      const belongs = (i: OfficialIncident): boolean => incidentInScope(ctx.scope, i.components);
      const allIncidents = incidents.items.filter(belongs);

      // The page's own word counts only for the whole page; a scoped service reads its components.
      const overall = r.status_overall ?? null;
      const description = overall ? cleanName(overall.status) : '';
      const scoped = ctx.scope !== undefined && ctx.scope.length > 0;
      const snapshot: OfficialSnapshot = {
        indicator: scoped || !overall ? 'unknown' : mapStatusCode(overall.status_code),
        description: scoped || description === '' ? null : description,
        components,
        incidents: allIncidents.filter((i) => !isClosed(i.status)),
        maintenances: [...active.items, ...upcoming.items].filter(belongs),
        recent: allIncidents.filter((i) => isClosed(i.status)),
      };
      return stated(snapshot);
    }),
};
