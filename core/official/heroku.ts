/**
 * Heroku status API v4: `https://status.heroku.com/api/v4/current-status` (catalog `official.url`
 * is that feed URL; one JSON body per poll).
 *
 * Shape (heroku CLI `status` command; a 2026-09 live sample in a third-party feed guide):
 *   { status: [{ system: "Apps"|"Data"|"Tools", status: "green"|"yellow"|"red"|"blue" }],
 *     incidents: [{ id, title, state?, resolved, created_at, updated_at, full_url, systems?,
 *                   status_prod?, status_dev?, updates: [{ id, update_type, contents, created_at }] }],
 *     scheduled: [{ id, title, state, resolved, created_at, full_url, systems, tags, updates }] }
 *
 * Reading rules:
 * - components are the systems; green → operational, yellow → degraded, red → major_outage,
 *   blue → maintenance (stts). There is no page-level indicator: `indicator` is the worst system.
 * - an incident is judged by `state` when it names a lifecycle word; `resolved: false` alone is not
 *   trusted (a live incident said `state: "resolved"` and `resolved: false` at once), `resolved: true`
 *   is; otherwise the newest update type that is not a plain "update" decides.
 * - update types: issue → investigating, update → unknown (the status is unchanged; shown as
 *   "Update"), identified, monitoring, resolved, scheduled as named.
 * - `scheduled[]` can hold stale entries (a maintenance still "upcoming" months after an update said
 *   it was complete) and its window exists only in prose: upcoming entries become `scheduled`
 *   maintenances with no window, so they are shown but never make the verdict "maintenance". Only a
 *   state saying it is under way does.
 * - `updated_at` ticks on untouched items: it is never used as the time of anything.
 * - scope: components by system name; incidents by the names in `systems[]`, kept when they name
 *   no system (see feedkit `incidentInScope`).
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
import { isClosed, MAX_TITLE, worstStatus } from '../model';
import { htmlToText, safeUrl } from '../text';
import { anyDate } from './dates';
import {
  bool,
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
  object,
  optList,
  parseFirst,
  readWith,
  rowOf,
  shapeFailure,
  stated,
  str,
  strOrNum,
  trimBase,
  updatesFrom,
  word,
} from './kit';
import type { FeedAdapter } from './types';

const systemSchema = object({ system: str, name: str, status: str });

const updateSchema = object({
  id: strOrNum,
  update_type: str,
  contents: str,
  created_at: str,
  updated_at: str,
});

const incidentSchema = object({
  id: strOrNum,
  title: str,
  state: str,
  resolved: bool,
  created_at: str,
  full_url: str,
  status_prod: str,
  status_dev: str,
  systems: looseList,
  updates: looseList,
});

export const currentStatusSchema = object({
  status: list,
  incidents: list,
  scheduled: optList,
});

// ---------------------------------------------------------------------------------------------
// Mappings.

const COLOURS: Record<string, ComponentStatus> = {
  green: 'operational',
  yellow: 'degraded',
  red: 'major_outage',
  blue: 'maintenance',
};

const COLOUR_IMPACT: Record<string, Impact> = {
  green: 'none',
  yellow: 'minor',
  red: 'critical',
  blue: 'maintenance',
};

const STATES: Record<string, IncidentStatus> = {
  investigating: 'investigating',
  identified: 'identified',
  monitoring: 'monitoring',
  resolved: 'resolved',
  // maintenance lifecycle, as far as it is known
  upcoming: 'scheduled',
  scheduled: 'scheduled',
  in_progress: 'in_progress',
  'in-progress': 'in_progress',
  active: 'in_progress',
  completed: 'completed',
  complete: 'completed',
};

const UPDATE_TYPES: Record<string, IncidentStatus> = {
  issue: 'investigating',
  investigating: 'investigating',
  identified: 'identified',
  monitoring: 'monitoring',
  resolved: 'resolved',
  scheduled: 'scheduled',
  update: 'unknown',
};

/** A system colour → component status; anything else → 'unknown'. */
export function mapColour(value: unknown): ComponentStatus {
  return lookup(COLOURS, word(value)) ?? 'unknown';
}

/** An incident/maintenance `state` → status, or undefined when it is not a word we know. */
export function mapState(value: unknown): IncidentStatus | undefined {
  return lookup(STATES, word(value));
}

/** An update's `update_type` → status ('update' means unchanged → 'unknown'). */
export function mapUpdateType(value: unknown): IncidentStatus {
  return lookup(UPDATE_TYPES, word(value)) ?? 'unknown';
}

// ---------------------------------------------------------------------------------------------
// Reading.

function readComponents(rows: readonly unknown[]): { items: OfficialComponent[]; allBad: boolean } {
  return eachOfShape(rows, systemSchema, (c) => {
    const name = cleanName(c.system ?? c.name);
    if (name === '') return null;
    return { id: name, name, status: mapColour(c.status), group: null };
  });
}

function readUpdates(rows: readonly unknown[]): OfficialUpdate[] {
  // created_at is when Heroku posted it.
  return updatesFrom(rows, updateSchema, (u) => {
    const at = anyDate(u.created_at);
    return at === null ? null : { at, status: mapUpdateType(u.update_type), text: htmlToText(u.contents) };
  });
}

interface SystemRef {
  name: string;
  colour: string | null | undefined;
}

function readSystems(rows: readonly unknown[]): SystemRef[] {
  const out: SystemRef[] = [];
  for (const raw of rows) {
    if (typeof raw === 'string') {
      const name = cleanName(raw);
      if (name !== '') out.push({ name, colour: null });
      continue;
    }
    if (!isRecord(raw)) continue;
    const s = systemSchema.safeParse(raw);
    if (!s.success) continue;
    const name = cleanName(s.data.name ?? s.data.system);
    if (name !== '') out.push({ name, colour: s.data.status });
  }
  return out;
}

function worstImpact(colours: readonly (string | null | undefined)[]): Impact | null {
  const order: Impact[] = ['none', 'maintenance', 'minor', 'major', 'critical'];
  let best: Impact | null = null;
  for (const c of colours) {
    const v = typeof c === 'string' ? c.trim().toLowerCase() : '';
    if (lookup(COLOUR_IMPACT, v) === undefined) continue;
    const impact = COLOUR_IMPACT[v]!;
    if (best === null || order.indexOf(impact) > order.indexOf(best)) best = impact;
  }
  return best;
}

/** The incident's status: state → resolved: true → newest meaningful update → investigating/unknown. */
function statusOf(
  state: unknown,
  resolved: boolean | null | undefined,
  updates: readonly OfficialUpdate[],
  fromScheduled: boolean,
): IncidentStatus {
  const byState = mapState(state);
  if (byState !== undefined) return fromScheduled && byState === 'resolved' ? 'completed' : byState;
  if (resolved === true) return fromScheduled ? 'completed' : 'resolved';
  const meaningful = updates.find((u) => u.status !== 'unknown');
  if (meaningful) {
    if (fromScheduled && meaningful.status === 'resolved') return 'completed';
    return meaningful.status;
  }
  if (fromScheduled) return 'scheduled';
  return updates.length > 0 ? 'investigating' : 'unknown';
}

/** `<origin>/incidents/<id>` of the feed's host (status.heroku.com), http(s) only. */
function fallbackUrl(baseUrl: string, id: string): string | null {
  try {
    return safeUrl(`${new URL(trimBase(baseUrl)).origin}/incidents/${encodeURIComponent(id)}`);
  } catch {
    return null;
  }
}

/** One element of `incidents` or `scheduled` → the model, or null when it is not one. */
export function readHerokuIncident(raw: unknown, baseUrl: string, fromScheduled: boolean): OfficialIncident | null {
  const i = rowOf(raw, incidentSchema);
  if (i === null) return null;
  const id = idOf(i.id);
  if (id === null) return null;
  const title = cleanName(i.title, MAX_TITLE);
  const updates = readUpdates(i.updates ?? []);
  const systems = readSystems(i.systems ?? []);
  const status = statusOf(i.state, i.resolved, updates, fromScheduled);
  const createdAt = anyDate(i.created_at);
  const closed = isClosed(status);
  const resolvedUpdate = updates.find((u) => u.status === 'resolved');
  const components = [...new Set(systems.map((s) => s.name))];
  let impact = worstImpact([i.status_prod, i.status_dev, ...systems.map((s) => s.colour)]);
  if (fromScheduled) impact = 'maintenance';
  return {
    id,
    title: title === '' ? cleanName(`Heroku incident ${id}`, MAX_TITLE) : title,
    kind: fromScheduled ? 'maintenance' : 'incident',
    status,
    impact,
    startedAt: createdAt,
    createdAt,
    updatedAt: updates[0]?.at ?? createdAt,
    resolvedAt: closed ? (resolvedUpdate?.at ?? updates[0]?.at ?? null) : null,
    scheduledFor: null,
    scheduledUntil: null,
    updates,
    components,
    url: safeUrl(i.full_url) ?? fallbackUrl(baseUrl, id),
  };
}

function feedFailure(): Result<never> {
  return shapeFailure();
}

export const herokuAdapter: FeedAdapter = {
  kind: 'heroku',
  label: 'Heroku status API v4',
  endpoints: jsonFeedAt,
  parse: (bodies, ctx) =>
    parseFirst(bodies, (text) => {
      const env = readWith(currentStatusSchema, text);
      if (!env.ok) return env;
      const body = env.value;

      const systems = readComponents(body.status);
      if (systems.allBad) return feedFailure();
      const inc = eachValid(body.incidents, (row) => readHerokuIncident(row, ctx.baseUrl, false));
      if (inc.allBad) return feedFailure();
      const sch = eachValid(body.scheduled ?? [], (row) => readHerokuIncident(row, ctx.baseUrl, true));
      if (sch.allBad) return feedFailure();

      const inScope = componentsInScope(ctx.scope, systems.items);
      if (!inScope.ok) return inScope;
      const components = inScope.value;
      const belongs = (i: OfficialIncident): boolean => incidentInScope(ctx.scope, i.components);
      const incidents = inc.items.filter(belongs);
      const maintenances = sch.items.filter(belongs);

      const snapshot: OfficialSnapshot = {
        // No page-level word: the worst stated system (or unknown when none is stated).
        indicator: worstStatus(components.map((c) => c.status)),
        description: null,
        components,
        incidents: incidents.filter((i) => !isClosed(i.status)),
        // Every open one: upcoming ones carry no window, so they never make the verdict "maintenance".
        maintenances: maintenances.filter((m) => !isClosed(m.status)),
        recent: [...incidents, ...maintenances].filter((i) => isClosed(i.status)),
      };
      return stated(snapshot);
    }),
};
