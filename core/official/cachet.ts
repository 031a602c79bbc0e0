/**
 * Cachet (self-hosted) API v1. Catalog `official.url` is the base of the Cachet install
 * (`https://status.example.org`); two JSON bodies per poll:
 *   `<base>/api/v1/components?per_page=100` → { data: [{ id, name, status, group_id, enabled, link, … }] }
 *   `<base>/api/v1/incidents?sort=id&order=desc&per_page=20`
 *       → { data: [{ id, component_id, name, status, visible, message, occurred_at | scheduled_at,
 *                    created_at, updated_at, is_resolved?, updates?: [{ status, message, created_at }],
 *                    latest_status?, permalink?, human_status }] }
 *
 * Codes (docs.cachethq.io): component status 1 Operational, 2 Performance Issues, 3 Partial Outage,
 * 4 Major Outage (0 = unknown); incident status 0 Scheduled, 1 Investigating, 2 Identified,
 * 3 Watching (→ monitoring), 4 Fixed (→ resolved).
 *
 * Reading rules:
 * - components per page default to 20 in Cachet, hence `per_page=100`; disabled components
 *   (`enabled: false`) are not shown on the page and are skipped; groups are not read (no name).
 * - an incident's status is its newest update's (2.4 embeds `updates`), else `latest_status`, else
 *   `status`; `is_resolved: true` closes it. Status 0 is a scheduled maintenance.
 * - hidden incidents (`visible: 0`) are skipped.
 * - a scheduled maintenance (status 0) has a start (`scheduled_at`) and no end: upcoming while its
 *   start is in the future, completed once it has passed (Cachet leaves it at 0 for ever).
 * - `message` is Markdown (Cachet renders it): shown as text, markup removed. It is the first post
 *   of the incident; its status is the incident's when there are no updates, else unknown ("Update":
 *   Cachet overwrites the incident status on each update, so the first post's own is lost).
 * - dates are "YYYY-MM-DD HH:MM:SS" without a zone, in the install's display time zone, which the
 *   API does not state. They are read as UTC (Cachet's default); an install set to another zone is
 *   off by its offset. ISO strings with a zone are read as such.
 * - impact: Cachet incidents have none; an open incident attached to a component takes the
 *   component's current status (2 → minor, 3 → major, 4 → critical), else null.
 * - scope: components by name; incidents by their component's name, kept when they have none.
 */
import type {
  ComponentStatus,
  Impact,
  IncidentStatus,
  OfficialComponent,
  OfficialIncident,
  OfficialSnapshot,
  OfficialUpdate,
  Result,
} from '../model';
import { fail, isClosed, MAX_TITLE } from '../model';
import { htmlToText, safeUrl } from '../text';
import { anyDate } from './dates';
import {
  cleanName,
  componentsInScope,
  eachOfShape,
  flag,
  idOf,
  incidentInScope,
  list,
  lookup,
  looseList,
  object,
  readWith,
  rowOf,
  shapeFailure,
  stated,
  str,
  strOrNum,
  trimBase,
  updatesFrom,
} from './kit';
import type { FeedAdapter, FeedRequest, ParseContext } from './types';

const componentSchema = object({ id: strOrNum, name: str, status: strOrNum, enabled: flag });
const updateSchema = object({ status: strOrNum, message: str, created_at: str });
const incidentSchema = object({
  id: strOrNum,
  component_id: strOrNum,
  name: str,
  status: strOrNum,
  latest_status: strOrNum,
  is_resolved: flag,
  visible: flag,
  message: str,
  occurred_at: str,
  scheduled_at: str,
  created_at: str,
  permalink: str,
  updates: looseList,
});

export const envelopeSchema = object({ data: list });

const COMPONENTS = 'the component list (api/v1/components)';
const INCIDENTS = 'the incident list (api/v1/incidents)';

// ---------------------------------------------------------------------------------------------
// Codes.

const code = (value: unknown): number | null => {
  if (typeof value === 'number') return Number.isInteger(value) ? value : null;
  if (typeof value === 'string' && /^\s*\d\s*$/.test(value)) return Number(value.trim());
  return null;
};

const COMPONENT_CODES: Record<number, ComponentStatus> = {
  1: 'operational',
  2: 'degraded',
  3: 'partial_outage',
  4: 'major_outage',
};

const INCIDENT_CODES: Record<number, IncidentStatus> = {
  0: 'scheduled',
  1: 'investigating',
  2: 'identified',
  3: 'monitoring',
  4: 'resolved',
};

const COMPONENT_IMPACT: Partial<Record<ComponentStatus, Impact>> = {
  degraded: 'minor',
  partial_outage: 'major',
  major_outage: 'critical',
};

/** Component status code → model status ('unknown' for 0 and anything else). */
export function mapComponentCode(value: unknown): ComponentStatus {
  return lookup(COMPONENT_CODES, code(value)) ?? 'unknown';
}

/** Incident status code → model status ('unknown' for anything not 0…4). */
export function mapIncidentCode(value: unknown): IncidentStatus {
  return lookup(INCIDENT_CODES, code(value)) ?? 'unknown';
}

/** false for false / 0 / "0" / "false"; true for true / 1 / "1" / "true"; else null. */
function truthy(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === '1' || value === 'true') return true;
  if (value === 0 || value === '0' || value === 'false') return false;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Reading.

function readComponents(rows: readonly unknown[]): { items: OfficialComponent[]; allBad: boolean } {
  const { items, allBad } = eachOfShape(rows, componentSchema, (c) => {
    const id = idOf(c.id);
    const name = cleanName(c.name);
    if (id === null || name === '') return null;
    return { id, name, status: mapComponentCode(c.status), group: null, enabled: truthy(c.enabled) };
  });
  const shown: OfficialComponent[] = [];
  for (const c of items) {
    if (c.enabled !== false) shown.push({ id: c.id, name: c.name, status: c.status, group: c.group });
  }
  return { items: shown, allBad };
}

function readUpdates(rows: readonly unknown[]): OfficialUpdate[] {
  return updatesFrom(rows, updateSchema, (u) => {
    const at = anyDate(u.created_at);
    return at === null ? null : { at, status: mapIncidentCode(u.status), text: htmlToText(u.message) };
  });
}

/** `<base>/incidents/<id>`, Cachet's incident page (http/https only). */
function incidentUrl(baseUrl: string, id: string): string | null {
  const base = trimBase(baseUrl);
  return base === '' ? null : safeUrl(`${base}/incidents/${encodeURIComponent(id)}`);
}

/**
 * One incident row → the model, or null when it is not one or is hidden. `components` maps a
 * component id to its name and status (from the component list of the same poll).
 */
export function readCachetIncident(
  raw: unknown,
  baseUrl: string,
  components: ReadonlyMap<string, OfficialComponent>,
  now: number,
): OfficialIncident | 'hidden' | null {
  const i = rowOf(raw, incidentSchema);
  if (i === null) return null;
  const id = idOf(i.id);
  if (id === null) return null;
  if (truthy(i.visible) === false) return 'hidden';

  const later = readUpdates(i.updates ?? []);
  let status = later.find((u) => u.status !== 'unknown')?.status ?? mapIncidentCode(i.latest_status ?? i.status);
  if (status === 'unknown') status = mapIncidentCode(i.status);
  if (truthy(i.is_resolved) === true && status !== 'scheduled') status = 'resolved';
  const scheduled = status === 'scheduled';
  const scheduledFor = scheduled ? anyDate(i.scheduled_at) : null;
  // Cachet keeps a maintenance at status 0 forever and states no end: once its start has passed
  // the page lists it as past, and so do we (else an old one would read "in maintenance" for ever).
  if (scheduled && scheduledFor !== null && Date.parse(scheduledFor) <= now) status = 'completed';

  const opened = anyDate(i.occurred_at) ?? anyDate(i.created_at);
  const first: OfficialUpdate[] =
    opened !== null && typeof i.message === 'string' && i.message.trim() !== ''
      ? [{ at: opened, status: later.length === 0 ? status : 'unknown', text: htmlToText(i.message) }]
      : [];
  // Newest first. The first post goes after every update not older than it (last when Cachet stamps
  // it the same second as an update), but before updates older than it: `occurred_at` can be set
  // by hand, later than an update's own time, and the list must stay newest first.
  const firstAt = first[0] ? Date.parse(first[0].at) : NaN;
  const cut = first[0] ? later.findIndex((u) => Date.parse(u.at) < firstAt) : -1;
  const updates = cut === -1 ? [...later, ...first] : [...later.slice(0, cut), ...first, ...later.slice(cut)];

  const componentId = idOf(i.component_id);
  const component = componentId !== null && componentId !== '0' ? components.get(componentId) : undefined;
  const closed = isClosed(status);
  const title = cleanName(i.name, MAX_TITLE);
  return {
    id,
    title: title === '' ? cleanName(`Incident ${id}`, MAX_TITLE) : title,
    kind: scheduled ? 'maintenance' : 'incident',
    status,
    impact: scheduled ? 'maintenance' : !closed && component ? (COMPONENT_IMPACT[component.status] ?? null) : null,
    startedAt: opened,
    createdAt: anyDate(i.created_at) ?? opened,
    updatedAt: updates[0]?.at ?? opened,
    resolvedAt: closed ? (later.find((u) => u.status === 'resolved')?.at ?? updates[0]?.at ?? null) : null,
    scheduledFor,
    scheduledUntil: null,
    updates,
    components: component ? [component.name] : [],
    url: safeUrl(i.permalink) ?? incidentUrl(baseUrl, id),
  };
}

export const componentsEndpoint = (baseUrl: string): FeedRequest => ({
  url: `${trimBase(baseUrl)}/api/v1/components?per_page=100`,
  expect: 'json',
});

export const incidentsEndpoint = (baseUrl: string): FeedRequest => ({
  url: `${trimBase(baseUrl)}/api/v1/incidents?sort=id&order=desc&per_page=20`,
  expect: 'json',
});

export const cachetAdapter: FeedAdapter = {
  kind: 'cachet',
  label: 'Cachet API v1',
  endpoints: (baseUrl) => [componentsEndpoint(baseUrl), incidentsEndpoint(baseUrl)],
  parse(bodies: string[], ctx: ParseContext): Result<OfficialSnapshot> {
    try {
      if (bodies.length < 2) return fail('internal', 'the component list and incident list were not both read');
      const c = readWith(envelopeSchema, bodies[0], COMPONENTS);
      if (!c.ok) return c;
      const n = readWith(envelopeSchema, bodies[1], INCIDENTS);
      if (!n.ok) return n;

      const comps = readComponents(c.value.data);
      if (comps.allBad) return shapeFailure(COMPONENTS);
      const byId = new Map(comps.items.map((x) => [x.id, x]));

      let readable = 0;
      const all: OfficialIncident[] = [];
      for (const row of n.value.data) {
        let item: OfficialIncident | 'hidden' | null = null;
        try {
          item = readCachetIncident(row, ctx.baseUrl, byId, ctx.now);
        } catch {
          item = null;
        }
        if (item === null) continue;
        readable++;
        if (item !== 'hidden') all.push(item);
      }
      if (n.value.data.length > 0 && readable === 0) return shapeFailure(INCIDENTS);

      const inScope = componentsInScope(ctx.scope, comps.items, COMPONENTS);
      if (!inScope.ok) return inScope;
      const components = inScope.value;
      const mine = all.filter((i) => incidentInScope(ctx.scope, i.components));

      const snapshot: OfficialSnapshot = {
        indicator: 'unknown', // Cachet states no page-level status; the components and incidents speak
        description: null,
        components,
        incidents: mine.filter((i) => i.kind === 'incident' && !isClosed(i.status)),
        maintenances: mine.filter((i) => i.kind === 'maintenance' && !isClosed(i.status)),
        recent: mine.filter((i) => isClosed(i.status)),
      };
      // A Cachet page is its components: none with a known status and nothing open says nothing.
      return stated(snapshot);
    } catch {
      return fail('internal', 'the status feed could not be read because of an internal error');
    }
  },
};
