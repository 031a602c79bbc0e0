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
import * as z from 'zod/mini';
import {
  fail,
  ok,
  type ComponentStatus,
  type Impact,
  type IncidentStatus,
  type OfficialComponent,
  type OfficialIncident,
  type OfficialSnapshot,
  type OfficialUpdate,
  type Result,
} from '../model';
import { htmlToText, safeUrl, toIso } from '../text';
import type { FeedAdapter, FeedRequest, ParseContext } from './adapter';

// ---------------------------------------------------------------------------------------------
// Schemas (zod/mini only).

/** A string leaf: wrong type or absent → null. */
const str = z.catch(z.optional(z.nullable(z.string())), null);
/** A boolean leaf: wrong type or absent → null. */
const bool = z.catch(z.optional(z.nullable(z.boolean())), null);
/** An id leaf: string or number; wrong type or absent → null. */
const idLike = z.catch(z.optional(z.nullable(z.union([z.string(), z.number()]))), null);
/** A nested list whose elements are validated one by one later: wrong type or absent → null. */
const looseList = z.catch(z.optional(z.nullable(z.array(z.unknown()))), null);

export const componentSchema = z.object({
  id: idLike,
  name: str,
  status: str,
  group: bool,
  group_id: idLike,
  /** On group rows: ids of the member components. */
  components: looseList,
});

export const affectedComponentSchema = z.object({
  code: idLike,
  name: str,
  old_status: str,
  new_status: str,
});

export const incidentUpdateSchema = z.object({
  id: idLike,
  status: str,
  body: str,
  created_at: str,
  updated_at: str,
  display_at: str,
  affected_components: looseList,
});

export const incidentSchema = z.object({
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

export const pageStatusSchema = z.object({ indicator: str, description: str });

/** `summary.json`. incident.io's shim may omit `incidents` and `scheduled_maintenances`. */
export const summarySchema = z.object({
  status: z.optional(z.nullable(pageStatusSchema)),
  components: z.array(z.unknown()),
  incidents: z.optional(z.nullable(z.array(z.unknown()))),
  scheduled_maintenances: z.optional(z.nullable(z.array(z.unknown()))),
});

/** `incidents.json`, `incidents/unresolved.json`. */
export const incidentListSchema = z.object({ incidents: z.array(z.unknown()) });

/** `scheduled-maintenances.json` and friends. */
export const maintenanceListSchema = z.object({ scheduled_maintenances: z.array(z.unknown()) });

/** `components.json` (incident.io's has no `page` envelope, which is fine: we never need it). */
export const componentListSchema = z.object({ components: z.array(z.unknown()) });

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

const INCIDENT_STATUSES: Record<string, IncidentStatus> = {
  investigating: 'investigating',
  identified: 'identified',
  monitoring: 'monitoring',
  resolved: 'resolved',
  postmortem: 'resolved',
  scheduled: 'scheduled',
  in_progress: 'in_progress',
  verifying: 'verifying',
  completed: 'completed',
};

const IMPACTS: Record<string, Impact> = {
  none: 'none',
  minor: 'minor',
  major: 'major',
  critical: 'critical',
  maintenance: 'maintenance',
};

const lookup = <T>(table: Record<string, T>, value: unknown): T | undefined =>
  typeof value === 'string' && Object.prototype.hasOwnProperty.call(table, value) ? table[value] : undefined;

/** Page `status.indicator` → model status; anything else → 'unknown'. */
export function mapIndicator(value: unknown): ComponentStatus {
  return lookup(INDICATORS, value) ?? 'unknown';
}

/** Component `status` → model status; anything else → 'unknown'. */
export function mapComponentStatus(value: unknown): ComponentStatus {
  return lookup(COMPONENT_STATUSES, value) ?? 'unknown';
}

/** Incident/maintenance/update `status` → model status (`postmortem` → resolved); else 'unknown'. */
export function mapIncidentStatus(value: unknown): IncidentStatus {
  return lookup(INCIDENT_STATUSES, value) ?? 'unknown';
}

/** Incident `impact` → model impact; anything else → null. */
export function mapImpact(value: unknown): Impact | null {
  return lookup(IMPACTS, value) ?? null;
}

/** Closed for good: resolved (incl. postmortem) or completed. 'unknown' counts as open. */
export function isClosed(status: IncidentStatus): boolean {
  return status === 'resolved' || status === 'completed';
}

/** Open: anything not closed (an unknown status is never silently treated as over). */
export function isOpen(status: IncidentStatus): boolean {
  return !isClosed(status);
}

/** A maintenance that is upcoming or under way. */
export function isActiveMaintenance(status: IncidentStatus): boolean {
  return status === 'scheduled' || status === 'in_progress' || status === 'verifying';
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
// Reading bodies.

/** Longest incident title we keep. */
export const MAX_TITLE = 300;
/** Longest component name or page description we keep. */
export const MAX_NAME = 300;

const SHAPE_MESSAGE = 'no longer has the expected shape — the provider may have changed platform';

/** Deepest JSON nesting we accept. Real Statuspage bodies nest about 5 levels. */
export const MAX_DEPTH = 64;

/**
 * True when the JSON text nests brackets deeper than `limit` (strings skipped). One linear pass,
 * so hostile megabytes of `[[[[…` are refused before JSON.parse builds them.
 */
function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (inString) {
      if (c === 92 /* \\ */) k++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > limit) return true;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return false;
}

/**
 * Body text → JSON value that is an object. Never throws.
 * `what` names the body in messages, e.g. "the status feed".
 */
export function readJsonObject(body: unknown, what = 'the status feed'): Result<Record<string, unknown>> {
  if (typeof body !== 'string') return fail('parse', `${what} could not be read`);
  const trimmed = body.replace(/^\uFEFF/, '').trimStart();
  if (trimmed === '') return fail('parse', `${what} was empty`);
  if (trimmed[0] === '<') {
    return fail('parse', `${what} answered with a web page (HTML) instead of JSON — the page may have moved`);
  }
  if (nestsDeeperThan(trimmed, MAX_DEPTH)) return fail('schema', `${what} ${SHAPE_MESSAGE}`);
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return fail('parse', `${what} is not valid JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('schema', `${what} ${SHAPE_MESSAGE}`);
  return ok(value as Record<string, unknown>);
}

/** Body → validated envelope. Never throws. */
export function readWith<S extends z.ZodMiniType>(schema: S, body: unknown, what = 'the status feed'): Result<z.output<S>> {
  const json = readJsonObject(body, what);
  if (!json.ok) return json;
  try {
    const parsed = schema.safeParse(json.value);
    if (!parsed.success) return fail('schema', `${what} ${SHAPE_MESSAGE}`);
    return ok(parsed.data as z.output<S>);
  } catch {
    return fail('schema', `${what} ${SHAPE_MESSAGE}`);
  }
}

/** Parse each element; skip the malformed ones; fail only when a non-empty list has no good element. */
function eachValid<T>(rows: readonly unknown[], read: (row: unknown) => T | null): { items: T[]; allBad: boolean } {
  const items: T[] = [];
  let bad = 0;
  for (const row of rows) {
    let item: T | null = null;
    try {
      item = read(row);
    } catch {
      item = null;
    }
    if (item === null) bad++;
    else items.push(item);
  }
  return { items, allBad: rows.length > 0 && bad === rows.length };
}

/** A plain JSON object (checked before zod, so garbage rows cost nothing to reject). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function idOf(value: string | number | null | undefined): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'string') {
    const s = value.trim();
    return s === '' || s.length > 200 ? null : s;
  }
  return null;
}

const cleanName = (value: unknown, max = MAX_NAME): string => htmlToText(value, max).replace(/\s+/g, ' ');

/** Base URL without trailing slashes. */
export function trimBase(baseUrl: string): string {
  return typeof baseUrl === 'string' ? baseUrl.trim().replace(/\/+$/, '') : '';
}

// ---------------------------------------------------------------------------------------------
// Components.

/**
 * Component rows → leaf components with their group's name. Group rows and placeholder rows are
 * dropped. Fails only when the list is non-empty and no row is a component at all.
 */
export function normaliseComponents(rows: readonly unknown[]): Result<OfficialComponent[]> {
  type Row = z.output<typeof componentSchema> & { key: string; label: string };
  const { items, allBad } = eachValid<Row>(rows, (raw) => {
    if (!isRecord(raw)) return null;
    const parsed = componentSchema.safeParse(raw);
    if (!parsed.success) return null;
    const key = idOf(parsed.data.id);
    const label = cleanName(parsed.data.name);
    if (key === null || label === '') return null;
    return { ...parsed.data, key, label };
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

function readUpdate(raw: unknown): OfficialUpdate | null {
  if (!isRecord(raw)) return null;
  const parsed = incidentUpdateSchema.safeParse(raw);
  if (!parsed.success) return null;
  const u = parsed.data;
  const at = toIso(u.display_at) ?? toIso(u.created_at);
  // An update with no readable time cannot be placed on the timeline; we do not make one up.
  if (at === null) return null;
  return { at, status: mapIncidentStatus(u.status), text: htmlToText(u.body) };
}

/** Updates newest first by the time the provider displays; ties keep the feed's own order. */
function readUpdates(rows: readonly unknown[]): OfficialUpdate[] {
  const timed: { update: OfficialUpdate; t: number; order: number }[] = [];
  rows.forEach((row, order) => {
    const update = readUpdate(row);
    if (update !== null) timed.push({ update, t: Date.parse(update.at), order });
  });
  timed.sort((a, b) => b.t - a.t || a.order - b.order);
  return timed.map((x) => x.update);
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
    const scheduledFor = toIso(i.scheduled_for);
    const scheduledUntil = toIso(i.scheduled_until);
    const kind: OfficialIncident['kind'] =
      opts.fromMaintenances === true || impact === 'maintenance' || scheduledFor !== null ? 'maintenance' : 'incident';

    const rawUpdates = i.incident_updates ?? [];
    const updates = readUpdates(rawUpdates);

    const createdAt = toIso(i.created_at);
    const fromComponents = uniqueReal(componentNames(i.components ?? []));
    const components = fromComponents.length > 0 ? fromComponents : uniqueReal(affectedNames(rawUpdates));
    const fallback = opts.fallbackUrl ?? statuspageIncidentUrl;

    return {
      id,
      title: htmlToText(i.name, MAX_TITLE).replace(/\s+/g, ' '),
      kind,
      status,
      impact,
      startedAt: toIso(i.started_at) ?? createdAt,
      createdAt,
      updatedAt: updates[0]?.at ?? toIso(i.updated_at),
      // A re-opened incident (resolved → identified) may still carry its old resolved_at: an open
      // incident is not resolved, so it has no resolution time.
      resolvedAt: isOpen(status) && status !== 'unknown' ? null : toIso(i.resolved_at),
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
  if (allBad) return fail('schema', `${what} ${SHAPE_MESSAGE}`);
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
  if (!components.ok) return fail('schema', `${what} ${SHAPE_MESSAGE}`);
  const incidents = normaliseIncidents(s.incidents ?? [], { ...opts, fromMaintenances: false });
  if (!incidents.ok) return fail('schema', `${what} ${SHAPE_MESSAGE}`);
  const maintenances = normaliseIncidents(s.scheduled_maintenances ?? [], { ...opts, fromMaintenances: true });
  if (!maintenances.ok) return fail('schema', `${what} ${SHAPE_MESSAGE}`);
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
  parse(bodies: string[], ctx: ParseContext): Result<OfficialSnapshot> {
    try {
      if (bodies.length < 1) return fail('internal', 'the status feed was not read');
      const parts = readSummary(bodies[0], { baseUrl: ctx.baseUrl });
      if (!parts.ok) return parts;
      const p = parts.value;
      return ok({
        indicator: p.indicator,
        description: p.description,
        components: p.components,
        incidents: p.incidents.filter((i) => isOpen(i.status)),
        maintenances: p.maintenances.filter((m) => isActiveMaintenance(m.status)),
        recent: [],
      });
    } catch {
      return fail('internal', 'the status feed could not be read because of an internal error');
    }
  },
  history: {
    endpoint: incidentsEndpoint,
    parse(body: string, ctx: ParseContext): Result<OfficialIncident[]> {
      try {
        return readIncidentList(body, { baseUrl: ctx.baseUrl });
      } catch {
        return fail('internal', 'the incident history could not be read because of an internal error');
      }
    },
  },
};
