/**
 * Slack status API v2: `https://slack-status.com/api/v2.0.0/current` (Slack's
 * "Slack Status API" docs; real samples `slack-v2-current-ok.json`, `slack-v2-history-resolved-trimmed.json`).
 * The catalog's `official.url` is the feed URL itself.
 *
 * `{status: "ok"|"active", date_created, date_updated, active_incidents[]}`; incident
 * `{id, title, type (incident|notice|outage), status (active|resolved), url, date_created,
 * date_updated, services[], notes[{date_created, body (HTML)}]}`.
 *
 * - Impact from `type`: outage → critical (major outage), incident → major (partial outage),
 *   notice → minor. A notice whose title says "maintenance" is a maintenance (impact
 *   'maintenance'; status in_progress while active, completed once resolved). An unknown type
 *   gives an unknown impact (the incident is still open).
 * - Status: active → investigating (Slack states no finer lifecycle), resolved → resolved; any
 *   other word → unknown (still open: never silently treated as over).
 * - Times carry local offsets (`-07:00`) and are normalised to UTC. Notes newest first; a note has
 *   no lifecycle word: the first is "investigating", the last of a resolved incident "resolved",
 *   the rest "unknown" (shown "Update").
 * - Components: `services[]` (e.g. "Messaging", "Login/SSO").
 * - `ctx.scope` = Slack service names: incidents listing none of them are dropped; an incident
 *   listing no service at all concerns Slack as a whole and is kept.
 * - Page indicator: worst open incident; `status: "active"` with nothing open (unscoped) →
 *   degraded, since Slack itself says something is going on.
 * - `recent`: resolved incidents the document still lists, if they ended within 7 days.
 */
import type { ComponentStatus, Impact, IncidentStatus, OfficialIncident, OfficialUpdate, Result } from '../model';
import { MAX_TITLE, MAX_UPDATES, ok, worse } from '../model';
import { safeUrl } from '../text';
import { isoOf } from './dates';
import {
  cleanName,
  idOf,
  indicatorFrom,
  isRecord,
  lookup,
  looseList,
  nameOf,
  object,
  optList,
  parseFirst,
  plainUpdateStatuses,
  readJsonObject,
  scopeMatcher,
  shapeFailure,
  snapshotLists,
  str,
  strOrNum,
  textOf,
  uniqueNames,
  word,
} from './kit';
import type { FeedAdapter, ParseContext } from './types';

// ---------------------------------------------------------------------------------------------
// Shapes (./read).

export const slackCurrentSchema = object({
  status: str,
  date_created: str,
  date_updated: str,
  active_incidents: optList,
});

export const slackIncidentSchema = object({
  id: strOrNum,
  title: str,
  type: str,
  status: str,
  url: str,
  date_created: str,
  date_updated: str,
  services: looseList,
  notes: looseList,
});

export const slackNoteSchema = object({ date_created: str, body: str });

// ---------------------------------------------------------------------------------------------
// Mappings.

const TYPE_IMPACT: Record<string, Impact> = { outage: 'critical', incident: 'major', notice: 'minor' };

/** `type` → model impact, else null. */
export function mapSlackImpact(type: unknown): Impact | null {
  const t = word(type);
  return lookup(TYPE_IMPACT, t) ?? null;
}

/** A notice (or an item of unknown type) whose title says maintenance. Incidents and outages never are. */
export function isSlackMaintenance(type: unknown, title: string): boolean {
  const t = word(type);
  return (t === 'notice' || lookup(TYPE_IMPACT, t) === undefined) && /\bmaint[ae]nance\b/i.test(title);
}

/** Slack's home for people when an incident has no usable url: the feed's origin. */
export function slackStatusHome(feedUrl: string): string | null {
  const href = safeUrl(feedUrl);
  return href === null ? null : `${new URL(href).origin}/`;
}

// ---------------------------------------------------------------------------------------------
// One incident.

function readNotes(rows: readonly unknown[]): { at: string; text: string }[] {
  const timed: { at: string; t: number; order: number; text: string }[] = [];
  rows.forEach((raw, order) => {
    if (!isRecord(raw)) return;
    const parsed = slackNoteSchema.safeParse(raw);
    if (!parsed.success) return;
    const at = isoOf(parsed.data.date_created);
    if (at === null) return; // no readable time: cannot be placed on the timeline
    timed.push({ at, t: Date.parse(at), order, text: textOf(parsed.data.body) });
  });
  // Oldest first here (the history sample lists them oldest first; order is not promised).
  timed.sort((a, b) => a.t - b.t || a.order - b.order);
  return timed.map(({ at, text }) => ({ at, text }));
}

export interface SlackNormaliseOptions {
  /** The feed URL (catalog `official.url`): links fall back to its origin. */
  feedUrl: string;
  /** When set, incidents listing services but none of these give null. */
  inScope?: ((name: unknown) => boolean) | null;
}

/**
 * One element of `active_incidents` (or of the history list) → the common model, or null when it
 * is not an incident (not an object, no id) or is outside the scope. Never throws.
 */
export function normaliseSlackIncident(raw: unknown, opts: SlackNormaliseOptions): OfficialIncident | null {
  const read = readSlackIncident(raw, opts);
  return read === OUT_OF_SCOPE ? null : read;
}

const OUT_OF_SCOPE = Symbol('out of scope');

function readSlackIncident(raw: unknown, opts: SlackNormaliseOptions): OfficialIncident | null | typeof OUT_OF_SCOPE {
  try {
    if (!isRecord(raw)) return null;
    const parsed = slackIncidentSchema.safeParse(raw);
    if (!parsed.success) return null;
    const i = parsed.data;
    const id = idOf(i.id);
    if (id === null) return null;

    const services = uniqueNames((i.services ?? []).map((s) => (typeof s === 'string' ? cleanName(s) : '')));
    if (opts.inScope && services.length > 0 && !services.some((s) => opts.inScope!(s))) return OUT_OF_SCOPE;

    const title = nameOf(i.title, MAX_TITLE);
    const maintenance = isSlackMaintenance(i.type, title);
    const s = word(i.status);
    const closed = s === 'resolved' || s === 'completed';
    let status: IncidentStatus;
    if (closed) status = maintenance ? 'completed' : 'resolved';
    else if (s === 'active') status = maintenance ? 'in_progress' : 'investigating';
    else if (s === 'scheduled' && maintenance) status = 'scheduled';
    else status = 'unknown';

    const notes = readNotes(i.notes ?? []);
    const statuses = plainUpdateStatuses(notes.length, closed, maintenance);
    const updates: OfficialUpdate[] = notes
      .slice()
      .reverse()
      .map((n, k) => ({ at: n.at, status: statuses[k]!, text: n.text }))
      .slice(0, MAX_UPDATES);

    const createdAt = isoOf(i.date_created);
    const updatedAt = updates[0]?.at ?? isoOf(i.date_updated);
    return {
      id,
      title: title !== '' ? title : maintenance ? 'Maintenance' : 'Incident',
      kind: maintenance ? 'maintenance' : 'incident',
      status,
      impact: maintenance ? 'maintenance' : mapSlackImpact(i.type),
      startedAt: createdAt,
      createdAt,
      updatedAt,
      resolvedAt: closed ? updatedAt : null,
      scheduledFor: null,
      scheduledUntil: null,
      updates,
      components: services,
      url: safeUrl(i.url) ?? slackStatusHome(opts.feedUrl),
    };
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// The whole document.

const WHAT = 'the Slack status feed';

export interface SlackCurrent {
  /** The page word, lower-cased ("ok", "active", …; "" when absent). */
  pageStatus: string;
  incidents: OfficialIncident[];
}

/** `current` body → every readable incident in scope (any status). Never throws. */
export function readSlackCurrent(body: unknown, ctx: ParseContext): Result<SlackCurrent> {
  const json = readJsonObject(body, WHAT);
  if (!json.ok) return json;
  const parsed = slackCurrentSchema.safeParse(json.value);
  if (!parsed.success) return shapeFailure(WHAT);
  const doc = parsed.data;
  const pageStatus = word(doc.status);
  // Older "ok" answers omit the list; anything else without a list is not Slack's format.
  if (!Array.isArray(doc.active_incidents) && pageStatus !== 'ok') return shapeFailure(WHAT);
  const rows = doc.active_incidents ?? [];

  const opts: SlackNormaliseOptions = { feedUrl: ctx.baseUrl, inScope: scopeMatcher(ctx.scope) };
  const incidents: OfficialIncident[] = [];
  const seen = new Set<string>();
  let bad = 0;
  for (const row of rows) {
    const inc = readSlackIncident(row, opts);
    if (inc === null) {
      bad++;
      continue;
    }
    if (inc === OUT_OF_SCOPE || seen.has(inc.id)) continue;
    seen.add(inc.id);
    incidents.push(inc);
  }
  if (rows.length > 0 && bad === rows.length) return shapeFailure(WHAT);
  return ok({ pageStatus, incidents });
}

export const slackAdapter: FeedAdapter = {
  kind: 'slack',
  label: 'Slack status API v2',
  endpoints: (url) => [{ url, expect: 'json' }],
  parse: (bodies, ctx) =>
    parseFirst(bodies, (body) => {
      const read = readSlackCurrent(body, ctx);
      if (!read.ok) return read;
      const { incidents, maintenances, recent } = snapshotLists(read.value.incidents, ctx.now, (i) => i.createdAt);
      let indicator: ComponentStatus = indicatorFrom(incidents, maintenances);
      const unscoped = scopeMatcher(ctx.scope) === null;
      if (read.value.pageStatus === 'active' && unscoped && incidents.length === 0 && maintenances.length === 0) {
        indicator = worse(indicator, 'degraded');
      }
      return ok({ indicator, description: null, components: [], incidents, maintenances, recent });
    }),
};
