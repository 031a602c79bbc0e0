/**
 * Uptime Kuma status pages (self-hosted, github.com/louislam/uptime-kuma). Two public endpoints per
 * page, both read on every poll (catalog `official.url` is the first):
 *
 *   <kuma>/api/status-page/<slug>            { config, incidents, publicGroupList, maintenanceList }
 *   <kuma>/api/status-page/heartbeat/<slug>  { heartbeatList: { <monitor id>: [{ status, time, msg, ping }] }, uptimeList }
 *
 * Shapes from the server code (server/routers/status-page-router.js and the models' toPublicJSON()):
 * - a monitor's status is its newest heartbeat: 1 UP → operational, 0 DOWN → major_outage,
 *   2 PENDING (retrying) → degraded, 3 MAINTENANCE → maintenance; no heartbeat → 'unknown';
 * - heartbeat `time` and incident dates are zone-less UTC ("2026-09-18 08:21:00.456");
 * - `incidents` are the page's pinned messages (title, markdown `content`, `style`). A `danger`
 *   or `warning` one is the operator speaking about trouble: an open incident (major / minor);
 *   other styles (info, primary, light, dark) are notices, not incidents, and are not reported;
 * - `maintenanceList` holds only maintenances under way (the server filters it).
 * The page indicator is the worst monitor, or maintenance when one is under way and nothing is worse.
 */
import type { ComponentStatus, OfficialComponent, OfficialIncident, OfficialSnapshot, Result } from '../model';
import { fail, MAX_COMPONENTS, MAX_TITLE, worstStatus } from '../model';
import { safeUrl } from '../text';
import { anyDate } from './dates';
import {
  cleanName,
  guarded,
  idOf,
  isRecord,
  list,
  lookup,
  looseRecord,
  object,
  optList,
  readWith,
  SHAPE_MESSAGE,
  snapshotLists,
  stated,
  textOf,
  trimBase,
} from './kit';
import type { FeedAdapter, FeedRequest, ParseContext } from './types';

const BEATS: Record<string, ComponentStatus> = { '0': 'major_outage', '1': 'operational', '2': 'degraded', '3': 'maintenance' };

/** A heartbeat `status` number → the model. */
export function mapKumaBeat(value: unknown): ComponentStatus {
  return (typeof value === 'number' ? lookup(BEATS, value) : undefined) ?? 'unknown';
}

/** `<kuma>/api/status-page/<slug>` (or the page `<kuma>/status/<slug>`) → origin and slug, else null. */
export function kumaParts(url: string): { origin: string; slug: string } | null {
  try {
    const u = new URL(url.trim());
    const m = /^\/(?:api\/status-page|status)\/([^/]+)\/?$/i.exec(u.pathname);
    if (!m || m[1]!.toLowerCase() === 'heartbeat') return null;
    return { origin: u.origin, slug: m[1]!.toLowerCase() };
  } catch {
    return null;
  }
}

function endpoints(url: string): FeedRequest[] {
  const p = kumaParts(url);
  if (p === null) return [{ url: trimBase(url), expect: 'json' }];
  return [
    { url: `${p.origin}/api/status-page/${p.slug}`, expect: 'json' },
    { url: `${p.origin}/api/status-page/heartbeat/${p.slug}`, expect: 'json' },
  ];
}

const pageSchema = object({ config: looseRecord, incidents: optList, publicGroupList: list, maintenanceList: optList });
const beatSchema = object({ heartbeatList: looseRecord });

function newestBeat(beats: unknown): ComponentStatus {
  if (!Array.isArray(beats)) return 'unknown';
  let status: ComponentStatus = 'unknown';
  let at = -Infinity;
  for (const b of beats) {
    if (!isRecord(b)) continue;
    const s = mapKumaBeat(b.status);
    const iso = anyDate(b.time);
    const t = iso === null ? -Infinity : Date.parse(iso);
    if (s !== 'unknown' && t >= at) {
      status = s;
      at = t;
    }
  }
  return status;
}

const IMPACT = { danger: 'major', warning: 'minor' } as const;

function readIncident(raw: unknown, pageUrl: string | null): OfficialIncident | null {
  if (!isRecord(raw) || (raw.style !== 'danger' && raw.style !== 'warning')) return null;
  const id = idOf(raw.id);
  if (id === null) return null;
  const created = anyDate(raw.createdDate);
  const updated = anyDate(raw.lastUpdatedDate) ?? created;
  const text = textOf(raw.content);
  return {
    id,
    title: cleanName(raw.title, MAX_TITLE) || 'Incident',
    kind: 'incident',
    status: 'unknown', // Kuma messages have no lifecycle; unknown counts as open, never as resolved
    impact: IMPACT[raw.style],
    startedAt: created,
    createdAt: created,
    updatedAt: updated,
    resolvedAt: null,
    scheduledFor: null,
    scheduledUntil: null,
    updates: updated !== null && text !== '' ? [{ at: updated, status: 'unknown', text }] : [],
    components: [],
    url: pageUrl,
  };
}

function readMaintenance(raw: unknown, pageUrl: string | null): OfficialIncident | null {
  if (!isRecord(raw)) return null;
  const id = idOf(raw.id);
  if (id === null) return null;
  const slot = Array.isArray(raw.timeslotList) && isRecord(raw.timeslotList[0]) ? raw.timeslotList[0] : {};
  const from = anyDate(slot.startDate);
  const until = anyDate(slot.endDate);
  const text = textOf(raw.description);
  return {
    id,
    title: cleanName(raw.title, MAX_TITLE) || 'Maintenance',
    kind: 'maintenance',
    status: 'in_progress', // the server lists only maintenances under way
    impact: 'maintenance',
    startedAt: from,
    createdAt: null,
    updatedAt: null,
    resolvedAt: null,
    scheduledFor: from,
    scheduledUntil: until,
    updates: from !== null && text !== '' ? [{ at: from, status: 'in_progress', text }] : [],
    components: [],
    url: pageUrl,
  };
}

export const uptimekumaAdapter: FeedAdapter = {
  kind: 'uptimekuma',
  label: 'Uptime Kuma status page',
  endpoints,
  parse: (bodies: string[], ctx: ParseContext): Result<OfficialSnapshot> =>
    guarded(() => {
      if (bodies.length < 2) return fail('internal', 'the status page and its heartbeats were not both read');
      const page = readWith(pageSchema, bodies[0]!, 'the status page data');
      if (!page.ok) return page;
      const beats = readWith(beatSchema, bodies[1]!, 'the heartbeat list');
      if (!beats.ok) return beats;
      const heartbeatList = beats.value.heartbeatList;
      if (heartbeatList === null) return fail('schema', `the heartbeat list ${SHAPE_MESSAGE}`);
      const parts = kumaParts(ctx.baseUrl);
      const pageUrl = parts === null ? null : safeUrl(`${parts.origin}/status/${parts.slug}`);

      const components: OfficialComponent[] = [];
      const beatOf = new Map<string, ComponentStatus>();
      let groupsBad = 0;
      for (const g of page.value.publicGroupList) {
        if (!isRecord(g) || !Array.isArray(g.monitorList)) {
          groupsBad++;
          continue;
        }
        const group = cleanName(g.name);
        for (const m of g.monitorList) {
          if (!isRecord(m)) continue;
          const id = idOf(m.id);
          const name = cleanName(m.name);
          if (id === null || name === '') continue;
          // Each monitor's beats are read once, however many groups list it.
          let status = beatOf.get(id);
          if (status === undefined) {
            status = Object.prototype.hasOwnProperty.call(heartbeatList, id) ? newestBeat(heartbeatList[id]) : 'unknown';
            beatOf.set(id, status);
          }
          components.push({ id, name, status, group: group === '' ? null : group });
        }
      }
      if (groupsBad > 0 && groupsBad === page.value.publicGroupList.length) return fail('schema', `the status page data ${SHAPE_MESSAGE}`);
      const incidents = (page.value.incidents ?? []).flatMap((r) => {
        const i = readIncident(r, pageUrl);
        return i === null ? [] : [i];
      });
      const maintenances = (page.value.maintenanceList ?? []).flatMap((r) => {
        const m = readMaintenance(r, pageUrl);
        return m === null ? [] : [m];
      });
      const worst = worstStatus(components.map((c) => c.status));
      const snapshot: OfficialSnapshot = {
        indicator: maintenances.length > 0 ? worstStatus([worst, 'maintenance']) : worst,
        description: null,
        components: components.slice(0, MAX_COMPONENTS),
        ...snapshotLists([...incidents, ...maintenances], ctx.now, (i) => i.createdAt ?? i.startedAt),
      };
      return stated(snapshot);
    }),
};
