/**
 * Instatus public data: `https://<page>/summary.json` (catalog `official.url` is that feed URL; one
 * JSON body per poll). Documented at instatus.com/help/api/public-data:
 *
 *   { page: { name, url, status: "UP"|"HASISSUES"|"UNDERMAINTENANCE" },
 *     activeIncidents: [{ id?, name, started, status, impact, url, updatedAt? }],
 *     activeMaintenances: [{ id?, name, start, status, duration, url, updatedAt? }] }
 *
 * - `started`/`start` are JavaScript `Date.toString()` strings ("Sat Jun 11 2022 18:55:50 GMT+0000
 *   (Coordinated Universal Time)") in the documentation, ISO strings on some live pages: both read.
 * - `duration` is minutes, a string in the documentation ("60"), a number elsewhere: both read;
 *   `scheduledUntil` = start + duration.
 * - live pages leave `activeIncidents` / `activeMaintenances` out entirely when empty.
 * - the summary carries no update texts and no components: `updates` and `components` are empty
 *   (nothing is made up), and `createdAt` is null (the summary does not say when the provider first
 *   spoke; `started` is when the problem started).
 * - ids: `id` when present, else the last path segment of `url` (".../incident/<id>"), else the
 *   name and start time.
 * - impact: DEGRADEDPERFORMANCE / MINOROUTAGE → minor, PARTIALOUTAGE → major, MAJOROUTAGE → critical,
 *   OPERATIONAL → none, UNDERMAINTENANCE → maintenance.
 * - scope is not applied: incidents are not attributed to components in the summary, and dropping
 *   an incident a scoped service might be hit by is the unsafe direction.
 */
import type { ComponentStatus, Impact, IncidentStatus, OfficialIncident, OfficialSnapshot, Result } from '../model';
import { fail, isClosed, MAX_TITLE } from '../model';
import { safeUrl } from '../text';
import { anyDate } from './dates';
import {
  cleanName,
  eachValid,
  idOf,
  isRecord,
  jsonFeedAt,
  lookup,
  object,
  optList,
  readWith,
  shapeFailure,
  stated,
  str,
  strOrNum,
} from './kit';
import type { FeedAdapter, ParseContext } from './types';

const eventSchema = object({
  id: strOrNum,
  name: str,
  started: str,
  start: str,
  status: str,
  impact: str,
  duration: strOrNum,
  url: str,
  updatedAt: str,
});

export const summarySchema = object({
  page: object({ name: str, url: str, status: str }),
  activeIncidents: optList,
  activeMaintenances: optList,
});

const word = (v: unknown): string => (typeof v === 'string' ? v.trim().toUpperCase() : '');

const PAGE: Record<string, ComponentStatus> = {
  UP: 'operational',
  HASISSUES: 'degraded',
  UNDERMAINTENANCE: 'maintenance',
};

const IMPACTS: Record<string, Impact> = {
  OPERATIONAL: 'none',
  DEGRADEDPERFORMANCE: 'minor',
  MINOROUTAGE: 'minor',
  PARTIALOUTAGE: 'major',
  MAJOROUTAGE: 'critical',
  UNDERMAINTENANCE: 'maintenance',
};

const INCIDENT_STATUSES: Record<string, IncidentStatus> = {
  INVESTIGATING: 'investigating',
  IDENTIFIED: 'identified',
  MONITORING: 'monitoring',
  RESOLVED: 'resolved',
};

const MAINTENANCE_STATUSES: Record<string, IncidentStatus> = {
  NOTSTARTEDYET: 'scheduled',
  INPROGRESS: 'in_progress',
  COMPLETED: 'completed',
};

/** `page.status` → indicator. HASISSUES says something is wrong without saying what: degraded. */
export function mapPageStatus(value: unknown): ComponentStatus {
  const w = word(value);
  return lookup(PAGE, w) ?? 'unknown';
}

/** Longest maintenance we believe (minutes): a year. */
const MAX_DURATION_MIN = 366 * 24 * 60;

function minutes(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
  return Number.isFinite(n) && n >= 0 && n <= MAX_DURATION_MIN ? n : null;
}

function lastSegment(url: string | null): string | null {
  if (url === null) return null;
  try {
    const parts = new URL(url).pathname.split('/').filter((p) => p !== '');
    return idOf(parts[parts.length - 1] ?? '');
  } catch {
    return null;
  }
}

/** One element of `activeIncidents` / `activeMaintenances` → the model, or null when it is not one. */
export function readInstatusEvent(raw: unknown, maintenance: boolean): OfficialIncident | null {
  if (!isRecord(raw)) return null;
  const p = eventSchema.safeParse(raw);
  if (!p.success) return null;
  const e = p.data;
  const title = cleanName(e.name, MAX_TITLE);
  const url = safeUrl(e.url);
  const start = anyDate(maintenance ? (e.start ?? e.started) : (e.started ?? e.start));
  const id = idOf(e.id) ?? lastSegment(url) ?? (title !== '' ? `${title}|${start ?? ''}` : null);
  if (id === null) return null;
  const w = word(e.status);
  let status: IncidentStatus;
  if (maintenance) status = lookup(MAINTENANCE_STATUSES, w) ?? 'unknown';
  else status = lookup(INCIDENT_STATUSES, w) ?? 'unknown';
  const impactWord = word(e.impact);
  const impact: Impact | null = maintenance ? 'maintenance' : (lookup(IMPACTS, impactWord) ?? null);
  const duration = maintenance ? minutes(e.duration) : null;
  const until = start !== null && duration !== null ? new Date(Date.parse(start) + duration * 60_000).toISOString() : null;
  return {
    id,
    title: title === '' ? (maintenance ? 'Maintenance' : 'Incident') : title,
    kind: maintenance ? 'maintenance' : 'incident',
    status,
    impact,
    startedAt: start,
    createdAt: null,
    updatedAt: anyDate(e.updatedAt),
    resolvedAt: null, // the summary does not say when; the poller records when it saw it close
    scheduledFor: maintenance ? start : null,
    scheduledUntil: until,
    updates: [],
    components: [],
    url,
  };
}

export const instatusAdapter: FeedAdapter = {
  kind: 'instatus',
  label: 'Instatus public summary',
  endpoints: jsonFeedAt,
  parse(bodies: string[], _ctx: ParseContext): Result<OfficialSnapshot> {
    try {
      if (bodies.length < 1) return fail('internal', 'the status feed was not read');
      const env = readWith(summarySchema, bodies[0]);
      if (!env.ok) return env;
      const s = env.value;
      const incidents = eachValid(s.activeIncidents ?? [], (row) => readInstatusEvent(row, false));
      const maintenances = eachValid(s.activeMaintenances ?? [], (row) => readInstatusEvent(row, true));
      if (incidents.allBad || maintenances.allBad) return shapeFailure();
      const indicator = mapPageStatus(s.page.status);
      const all = [...incidents.items, ...maintenances.items];
      const snapshot: OfficialSnapshot = {
        indicator,
        // The page status is an enum word ("UP"), not a sentence for a person: no description.
        description: null,
        components: [],
        incidents: incidents.items.filter((i) => !isClosed(i.status)),
        maintenances: maintenances.items.filter((m) => !isClosed(m.status)),
        recent: all.filter((i) => isClosed(i.status)),
      };
      return stated(snapshot);
    } catch {
      return fail('internal', 'the status feed could not be read because of an internal error');
    }
  },
};
