/**
 * Better Stack (formerly Better Uptime) status pages: `https://<page>/index.json`, a JSON:API
 * document (catalog `official.url` is that feed URL; one body per poll). Documented at
 * betterstack.com/docs/uptime/status-pages/subscribing-to-status-updates/subscribing-to-api;
 * fixture: a live capture of status.huggingface.co (test/fixtures/feeds/PROVENANCE.md).
 *
 *   data.attributes.aggregate_state                   the page: operational | degraded | downtime | maintenance
 *   included[type=status_page_section]               { name }                         → component group
 *   included[type=status_page_resource]              { public_name, status, status_page_section_id }
 *   included[type=status_report]                      { title, report_type manual|automatic|maintenance,
 *                                                       starts_at, ends_at, aggregate_state, affected_resources }
 *                                                     + relationships.status_updates.data[{id}]
 *   included[type=status_update]                      { message, published_at, affected_resources }
 *
 * - A report is over when its `aggregate_state` is `resolved` (manual reports keep `ends_at: null`
 *   after resolution, so `ends_at` alone says nothing); a maintenance is also over once `ends_at`
 *   has passed. Open reports are incidents (or maintenances) whatever their wording.
 * - Better Stack states no investigating/identified/monitoring lifecycle: an open report's status
 *   is 'unknown' (which counts as open), never made up; a resolved one is 'resolved'/'completed'.
 *   An update whose affected resources all read `resolved` is a 'resolved' update.
 * - Resource `not_monitored` says nothing about now: 'unknown'.
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
import { MAX_COMPONENTS, MAX_TITLE, MAX_UPDATES } from '../model';
import { safeUrl } from '../text';
import { anyDate } from './dates';
import {
  cleanName,
  idOf,
  isRecord,
  jsonFeedAt,
  lookup,
  newestFirstBy,
  parseFirst,
  readJsonObject,
  shapeFailure,
  snapshotLists,
  stated,
  textOf,
  trimBase,
  word,
} from './kit';
import type { FeedAdapter, ParseContext } from './types';

const STATES: Record<string, ComponentStatus> = {
  operational: 'operational',
  degraded: 'degraded',
  downtime: 'major_outage',
  maintenance: 'maintenance',
};

/** A page or resource state word → the model ('unknown' for anything else, e.g. not_monitored). */
export function mapBetterStackState(value: unknown): ComponentStatus {
  return lookup(STATES, word(value)) ?? 'unknown';
}

const IMPACT: Partial<Record<ComponentStatus, Impact>> = { degraded: 'minor', major_outage: 'major', maintenance: 'maintenance' };

type Rec = Record<string, unknown>;
const attrs = (r: Rec): Rec => (isRecord(r.attributes) ? r.attributes : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The page root for links: `https://host/index.json` → `https://host`. */
function pageRoot(feedUrl: string): string | null {
  const base = trimBase(feedUrl).replace(/\/index\.json$/i, '');
  return safeUrl(base === '' ? null : base);
}

function readUpdate(raw: Rec | undefined): OfficialUpdate | null {
  if (raw === undefined) return null;
  const a = attrs(raw);
  const at = anyDate(a.published_at);
  if (at === null) return null; // an update without a time cannot be placed on the timeline
  const states = list(a.affected_resources).flatMap((x) => (isRecord(x) && typeof x.status === 'string' ? [x.status] : []));
  const status: IncidentStatus = states.length > 0 && states.every((s) => s === 'resolved') ? 'resolved' : 'unknown';
  return { at, status, text: textOf(a.message) };
}

function readReport(
  raw: Rec,
  byKey: Map<string, Rec>,
  names: Map<string, string>,
  root: string | null,
  now: number,
): OfficialIncident | null {
  const id = idOf(raw.id);
  if (id === null) return null;
  const a = attrs(raw);
  const maintenance = a.report_type === 'maintenance';
  const state = typeof a.aggregate_state === 'string' ? a.aggregate_state.trim().toLowerCase() : '';
  const startsAt = anyDate(a.starts_at);
  const endsAt = anyDate(a.ends_at);
  const rels = isRecord(raw.relationships) && isRecord(raw.relationships.status_updates) ? raw.relationships.status_updates.data : [];
  const updates = newestFirstBy(
    list(rels).flatMap((ref) => {
      const key = isRecord(ref) ? idOf(ref.id) : null;
      const u = key === null ? null : readUpdate(byKey.get(`status_update:${key}`));
      return u === null ? [] : [u];
    }),
    (u) => u.at,
    MAX_UPDATES,
  );
  const over = state === 'resolved' || (maintenance && endsAt !== null && Date.parse(endsAt) <= now);
  let status: IncidentStatus;
  if (maintenance) status = over ? 'completed' : startsAt !== null && Date.parse(startsAt) > now ? 'scheduled' : 'in_progress';
  else status = over ? 'resolved' : 'unknown';
  const components = [
    ...new Set(
      list(a.affected_resources).flatMap((x) => {
        const key = isRecord(x) ? idOf(x.status_page_resource_id) : null;
        const name = key === null ? undefined : names.get(key);
        return name === undefined ? [] : [name];
      }),
    ),
  ];
  const title = cleanName(a.title, MAX_TITLE);
  return {
    id,
    title: title === '' ? (maintenance ? 'Maintenance' : 'Incident') : title,
    kind: maintenance ? 'maintenance' : 'incident',
    status,
    impact: maintenance ? 'maintenance' : (IMPACT[mapBetterStackState(state)] ?? null),
    startedAt: startsAt,
    createdAt: updates.length > 0 ? updates[updates.length - 1]!.at : startsAt,
    updatedAt: updates[0]?.at ?? null,
    resolvedAt: over ? (endsAt ?? updates[0]?.at ?? null) : null,
    scheduledFor: maintenance ? startsAt : null,
    scheduledUntil: maintenance ? endsAt : null,
    updates,
    components,
    url: root,
  };
}

export const betterstackAdapter: FeedAdapter = {
  kind: 'betterstack',
  label: 'Better Stack status page (index.json)',
  endpoints: jsonFeedAt,
  parse: (bodies: string[], ctx: ParseContext): Result<OfficialSnapshot> =>
    parseFirst(bodies, (body) => {
      const doc = readJsonObject(body);
      if (!doc.ok) return doc;
      const data = doc.value.data;
      if (!isRecord(data) || data.type !== 'status_page' || !Array.isArray(doc.value.included)) return shapeFailure();
      const included = doc.value.included.filter(isRecord);
      const byKey = new Map<string, Rec>();
      for (const r of included) {
        const id = idOf(r.id);
        if (id !== null && typeof r.type === 'string') byKey.set(`${r.type}:${id}`, r);
      }
      const sections = new Map<string, string>();
      for (const r of included) if (r.type === 'status_page_section') sections.set(idOf(r.id) ?? '', cleanName(attrs(r).name));

      const components: OfficialComponent[] = [];
      const names = new Map<string, string>();
      for (const r of included) {
        if (r.type !== 'status_page_resource') continue;
        const id = idOf(r.id);
        const a = attrs(r);
        const name = cleanName(a.public_name ?? a.name);
        if (id === null || name === '') continue;
        names.set(id, name);
        const section = sections.get(idOf(a.status_page_section_id) ?? '');
        components.push({ id, name, status: mapBetterStackState(a.status), group: section && section !== '' ? section : null });
      }

      const root = pageRoot(ctx.baseUrl);
      const reports = included.filter((r) => r.type === 'status_report');
      const read = reports.flatMap((r) => {
        const inc = readReport(r, byKey, names, root, ctx.now);
        return inc === null ? [] : [inc];
      });
      if (reports.length > 0 && read.length === 0) return shapeFailure();
      const snapshot: OfficialSnapshot = {
        indicator: mapBetterStackState(attrs(data).aggregate_state),
        description: null,
        components: components.slice(0, MAX_COMPONENTS),
        ...snapshotLists(read, ctx.now, (i) => i.createdAt),
      };
      return stated(snapshot);
    }),
};
