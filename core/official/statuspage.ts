/**
 * Atlassian Statuspage public API v2 (`/api/v2/summary.json`, `/api/v2/incidents.json`).
 *
 * The pieces below (schemas, mappings, `normaliseIncident`, `readSummary`, `readIncidentList`) are
 * shared with the incident.io adapter, whose pages serve a Statuspage-compatible shim.
 *
 * Validation is lenient where leniency is safe and strict where it is not:
 * - the envelope must be a JSON object with the arrays we need (else a `parse`/`schema` failure);
 * - a leaf field of the wrong type reads as absent (a number where a string was expected → null);
 * - one malformed element inside a list is skipped, but a non-empty list in which *every* element
 *   is malformed fails the whole feed (a changed format must not read as "nothing is wrong").
 */
import type { ComponentStatus, Impact, OfficialComponent, OfficialIncident, OfficialSnapshot, OfficialUpdate, Result } from '../model';
import { fail, isActiveMaintenance, isOpen, MAX_TITLE, ok } from '../model';
import { htmlToText, safeUrl } from '../text';
import { isoOf } from './dates';
import {
  bool,
  cleanName,
  eachValid,
  guarded,
  idOf,
  isRecord,
  list,
  lookup,
  looseList,
  mapIncidentStatus,
  object,
  optList,
  optObject,
  type Out,
  parseFirst,
  readWith,
  SHAPE_MESSAGE,
  shapeFailure,
  stated,
  str,
  strOrNum,
  trimBase,
  updatesFrom,
} from './kit';
import type { FeedAdapter, FeedRequest } from './types';

// ---------------------------------------------------------------------------------------------
// Schemas (core/official/read.ts). A leaf of the wrong type reads as null; an id is a string or
// a finite number.

const idLike = strOrNum;

export const componentSchema = object({
  id: idLike,
  name: str,
  status: str,
  group: bool,
  group_id: idLike,
  /** On group rows: ids of the member components. */
  components: looseList,
});

export const affectedComponentSchema = object({
  code: idLike,
  name: str,
  old_status: str,
  new_status: str,
});

export const incidentUpdateSchema = object({
  id: idLike,
  status: str,
  body: str,
  created_at: str,
  updated_at: str,
  display_at: str,
  affected_components: looseList,
});

export const incidentSchema = object({
  id: idLike,
  name: str,
  status: str,
  impact: str,
  created_at: str,
  updated_at: str,
  started_at: str,
  monitoring_at: str,
  resolved_at: str,
  scheduled_for: str,
  scheduled_until: str,
  shortlink: str,
  incident_updates: looseList,
  components: looseList,
});

export const pageStatusSchema = object({ indicator: str, description: str });

/** `summary.json`. incident.io's shim may omit `incidents` and `scheduled_maintenances`. */
export const summarySchema = object({
  status: optObject(pageStatusSchema),
  components: list,
  incidents: optList,
  scheduled_maintenances: optList,
});

/** `incidents.json`, `incidents/unresolved.json`. */
export const incidentListSchema = object({ incidents: list });

/** `scheduled-maintenances.json` and friends. */
export const maintenanceListSchema = object({ scheduled_maintenances: list });

/** `components.json` (incident.io's has no `page` envelope, which is fine: we never need it). */
export const componentListSchema = object({ components: list });

// ---------------------------------------------------------------------------------------------
// Mappings.

const INDICATORS: Record<string, ComponentStatus> = {
  none: 'operational',
  minor: 'degraded',
  major: 'partial_outage',
  critical: 'major_outage',
  maintenance: 'maintenance',
};

const COMPONENT_STATUSES: Record<string, ComponentStatus> = {
  operational: 'operational',
  degraded_performance: 'degraded',
  partial_outage: 'partial_outage',
  major_outage: 'major_outage',
  under_maintenance: 'maintenance',
};

const IMPACTS: Record<string, Impact> = {
  none: 'none',
  minor: 'minor',
  major: 'major',
  critical: 'critical',
  maintenance: 'maintenance',
};

/** Page `status.indicator` → model status; anything else → 'unknown'. */
export function mapIndicator(value: unknown): ComponentStatus {
  return lookup(INDICATORS, value) ?? 'unknown';
}

/** Component `status` → model status; anything else → 'unknown'. */
export function mapComponentStatus(value: unknown): ComponentStatus {
  return lookup(COMPONENT_STATUSES, value) ?? 'unknown';
}

/** Incident `impact` → model impact; anything else → null. */
export function mapImpact(value: unknown): Impact | null {
  return lookup(IMPACTS, value) ?? null;
}

/** Statuspage placeholder rows such as "Visit www.githubstatus.com for more information". */
export function isPlaceholderComponent(name: string): boolean {
  return (
    (name.startsWith('Visit ') && name.includes('for more information')) ||
    // Legacy Statuspage wrote this into affected_components when nothing was affected.
    name.startsWith('No components were affected')
  );
}

// ---------------------------------------------------------------------------------------------
// Components.

/**
 * Component rows → leaf components with their group's name. Group rows and placeholder rows are
 * dropped. Fails only when the list is non-empty and no row is a component at all.
 */
export function normaliseComponents(rows: readonly unknown[]): Result<OfficialComponent[]> {
  type Row = Pick<Out<typeof componentSchema>, 'status' | 'group' | 'group_id' | 'components'> & { key: string; label: string };
  const { items, allBad } = eachValid<Row>(rows, (raw) => {
    if (!isRecord(raw)) return null;
    const parsed = componentSchema.safeParse(raw);
    if (!parsed.success) return null;
    const c = parsed.data;
    const key = idOf(c.id);
    const label = cleanName(c.name);
    if (key === null || label === '') return null;
    // The fields used below, spelled out: spreading the parsed row was the slowest line here.
    return { status: c.status, group: c.group, group_id: c.group_id, components: c.components, key, label };
  });
  if (allBad) return fail('schema', `the component list ${SHAPE_MESSAGE}`);

  const groupName = new Map<string, string>();
  const memberOf = new Map<string, string>();
  for (const row of items) {
    if (row.group !== true) continue;
    groupName.set(row.key, row.label);
    for (const member of row.components ?? []) {
      const m = typeof member === 'string' || typeof member === 'number' ? idOf(member) : null;
      if (m !== null && !memberOf.has(m)) memberOf.set(m, row.label);
    }
  }

  const out: OfficialComponent[] = [];
  for (const row of items) {
    if (row.group === true || isPlaceholderComponent(row.label)) continue;
    const gid = idOf(row.group_id);
    const group = (gid !== null ? groupName.get(gid) : undefined) ?? memberOf.get(row.key) ?? null;
    out.push({ id: row.key, name: row.label, status: mapComponentStatus(row.status), group });
  }
  return ok(out);
}

// ---------------------------------------------------------------------------------------------
// Incidents.

export interface NormaliseOptions {
  /** The status page root (catalog `official.url`); a trailing slash is tolerated. */
  baseUrl: string;
  /** The element came from `scheduled_maintenances`. */
  fromMaintenances?: boolean;
  /**
   * Link for an incident without a usable shortlink. Default (Statuspage): `<base>/incidents/<id>`.
   * incident.io passes one that links to the page root (its compat ids may not match page URLs).
   */
  fallbackUrl?: (baseUrl: string, id: string) => string | null;
}

/** Statuspage's incident page: `<base>/incidents/<id>` (http/https only). */
export function statuspageIncidentUrl(baseUrl: string, id: string): string | null {
  const base = trimBase(baseUrl);
  return base === '' ? null : safeUrl(`${base}/incidents/${encodeURIComponent(id)}`);
}

/** Updates newest first by the time the provider displays; ties keep the feed's own order. */
function readUpdates(rows: readonly unknown[]): OfficialUpdate[] {
  return updatesFrom(rows, incidentUpdateSchema, (u) => {
    const at = isoOf(u.display_at) ?? isoOf(u.created_at);
    return at === null ? null : { at, status: mapIncidentStatus(u.status), text: htmlToText(u.body) };
  });
}

function affectedNames(rawUpdates: readonly unknown[]): string[] {
  const names: string[] = [];
  for (const raw of rawUpdates) {
    if (!isRecord(raw)) continue;
    const parsed = incidentUpdateSchema.safeParse(raw);
    if (!parsed.success) continue;
    for (const a of parsed.data.affected_components ?? []) {
      if (!isRecord(a)) continue;
      const ac = affectedComponentSchema.safeParse(a);
      if (ac.success) names.push(cleanName(ac.data.name));
    }
  }
  return names;
}

function componentNames(rows: readonly unknown[]): string[] {
  const names: string[] = [];
  for (const raw of rows) {
    if (!isRecord(raw)) continue;
    const parsed = componentSchema.safeParse(raw);
    if (parsed.success) names.push(cleanName(parsed.data.name));
  }
  return names;
}

function uniqueReal(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const n of names) {
    if (n === '' || isPlaceholderComponent(n) || seen.has(n)) continue;
    seen.add(n);
    out.push(n);
  }
  return out;
}

/**
 * One Statuspage-shaped incident or maintenance → the common model, or null when the element is
 * not an incident at all (not an object, or no id). Never throws.
 */
export function normaliseIncident(raw: unknown, opts: NormaliseOptions): OfficialIncident | null {
  try {
    if (!isRecord(raw)) return null;
    const parsed = incidentSchema.safeParse(raw);
    if (!parsed.success) return null;
    const i = parsed.data;
    const id = idOf(i.id);
    if (id === null) return null;

    const status = mapIncidentStatus(i.status);
    const impact = mapImpact(i.impact);
    const scheduledFor = isoOf(i.scheduled_for);
    const scheduledUntil = isoOf(i.scheduled_until);
    const kind: OfficialIncident['kind'] =
      opts.fromMaintenances === true || impact === 'maintenance' || scheduledFor !== null ? 'maintenance' : 'incident';

    const rawUpdates = i.incident_updates ?? [];
    const updates = readUpdates(rawUpdates);

    const createdAt = isoOf(i.created_at);
    const fromComponents = uniqueReal(componentNames(i.components ?? []));
    const components = fromComponents.length > 0 ? fromComponents : uniqueReal(affectedNames(rawUpdates));
    const fallback = opts.fallbackUrl ?? statuspageIncidentUrl;

    return {
      id,
      title: cleanName(i.name, MAX_TITLE),
      kind,
      status,
      impact,
      startedAt: isoOf(i.started_at) ?? createdAt,
      createdAt,
      updatedAt: updates[0]?.at ?? isoOf(i.updated_at),
      // A re-opened incident (resolved → identified) may still carry its old resolved_at: an open
      // incident is not resolved, so it has no resolution time.
      resolvedAt: isOpen(status) && status !== 'unknown' ? null : isoOf(i.resolved_at),
      scheduledFor,
      scheduledUntil,
      updates,
      components,
      url: safeUrl(i.shortlink) ?? fallback(opts.baseUrl, id),
    };
  } catch {
    return null;
  }
}

/** A list of incidents → normalised; fails only when a non-empty list has no readable incident. */
export function normaliseIncidents(
  rows: readonly unknown[],
  opts: NormaliseOptions,
  what = 'the incident list',
): Result<OfficialIncident[]> {
  const { items, allBad } = eachValid(rows, (row) => normaliseIncident(row, opts));
  if (allBad) return shapeFailure(what);
  return ok(items);
}

// ---------------------------------------------------------------------------------------------
// Whole bodies.

/** Everything `summary.json` says, normalised, before any open/closed filtering. */
export interface SummaryParts {
  indicator: ComponentStatus;
  description: string | null;
  components: OfficialComponent[];
  /** Every readable element of `incidents` ([] when the key is absent). */
  incidents: OfficialIncident[];
  /** Every readable element of `scheduled_maintenances` ([] when the key is absent). */
  maintenances: OfficialIncident[];
  /** Whether the body had an `incidents` key at all (incident.io's shim may not). */
  hasIncidents: boolean;
}

/** `summary.json` body → its parts. Never throws. */
export function readSummary(
  body: unknown,
  opts: Omit<NormaliseOptions, 'fromMaintenances'>,
  what = 'the status feed',
): Result<SummaryParts> {
  const env = readWith(summarySchema, body, what);
  if (!env.ok) return env;
  const s = env.value;
  const components = normaliseComponents(s.components);
  if (!components.ok) return shapeFailure(what);
  const incidents = normaliseIncidents(s.incidents ?? [], { ...opts, fromMaintenances: false });
  if (!incidents.ok) return shapeFailure(what);
  const maintenances = normaliseIncidents(s.scheduled_maintenances ?? [], { ...opts, fromMaintenances: true });
  if (!maintenances.ok) return shapeFailure(what);
  const description = s.status ? cleanName(s.status.description) : '';
  return ok({
    indicator: mapIndicator(s.status?.indicator),
    description: description === '' ? null : description,
    components: components.value,
    incidents: incidents.value,
    maintenances: maintenances.value,
    hasIncidents: Array.isArray(s.incidents),
  });
}

/** `incidents.json` body → every readable incident (resolved included), feed order. Never throws. */
export function readIncidentList(
  body: unknown,
  opts: Omit<NormaliseOptions, 'fromMaintenances'>,
  what = 'the incident history',
): Result<OfficialIncident[]> {
  const env = readWith(incidentListSchema, body, what);
  if (!env.ok) return env;
  return normaliseIncidents(env.value.incidents, { ...opts, fromMaintenances: false }, what);
}

// ---------------------------------------------------------------------------------------------
// The adapter.

export const summaryEndpoint = (baseUrl: string): FeedRequest => ({
  url: `${trimBase(baseUrl)}/api/v2/summary.json`,
  expect: 'json',
});

export const incidentsEndpoint = (baseUrl: string): FeedRequest => ({
  url: `${trimBase(baseUrl)}/api/v2/incidents.json`,
  expect: 'json',
});

export const statuspageAdapter: FeedAdapter = {
  kind: 'statuspage',
  label: 'Atlassian Statuspage API v2',
  endpoints: (baseUrl) => [summaryEndpoint(baseUrl)],
  parse: (bodies, ctx) =>
    parseFirst(bodies, (body) => {
      const parts = readSummary(body, { baseUrl: ctx.baseUrl });
      if (!parts.ok) return parts;
      const p = parts.value;
      const snapshot: OfficialSnapshot = {
        indicator: p.indicator,
        description: p.description,
        components: p.components,
        incidents: p.incidents.filter((i) => isOpen(i.status)),
        maintenances: p.maintenances.filter((m) => isActiveMaintenance(m.status)),
        recent: [],
      };
      return stated(snapshot);
    }),
  history: {
    endpoint: incidentsEndpoint,
    parse: (body, ctx) => guarded(() => readIncidentList(body, { baseUrl: ctx.baseUrl }), 'the incident history'),
  },
};
