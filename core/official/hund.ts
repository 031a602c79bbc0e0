/**
 * Hund (hund.io) status pages: the key-free live stream `https://<status host>/live/v2/status_page`
 * (catalog `official.url` is that stream URL), a server-sent event stream. Its first event,
 * `init_event`, carries the page's current state; the fetch layer reads only until that event and
 * hangs up (`sseEvent`, core/net/sse.ts), so `parse` gets the event's JSON data. The stream has no
 * validators: every poll is a fresh read of one event.
 *
 * The shape is the one Hund's own MIT-licensed widget reads (github.com/hundio/status.js,
 * src/status.coffee, `initListener` / `issueData`):
 *
 *   { state: operational | degraded | outage | pending,
 *     issues: [{ id, title, components: [{ name }], standing, scheduled, starts_at, created_at,
 *                body?, updates: [{ body, label, created_at }] }] }      (times: unix seconds)
 *
 * - `state` is the page indicator: degraded → degraded, outage → major_outage; `pending` (no data
 *   yet) or anything else → 'unknown'. The page lists no components with their states.
 * - `issues` are the issues the page shows now (the widget drops one on `issue_resolved` /
 *   `issue_ended`), so each is open. `scheduled` → a maintenance: 'scheduled' before `starts_at`,
 *   'in_progress' after. Otherwise an incident whose status is its newest update's `label` when that
 *   is a lifecycle word (Hund does not document its label words), else 'unknown' (still open).
 * - `updates` are newest first (the widget shows `updates[0]`); an issue without updates has its
 *   own `body` and `created_at`, read as its one update. `body` may be HTML: kept as text.
 * - Issues carry no impact.
 * - Scope: `state` is page-wide, so naming parts cannot narrow it. Hund streams one component the
 *   same way at `/live/v2/component/<id>` (the widget's `component` option); a service about one
 *   part uses that stream as its URL, and `scope` is not applied.
 */
import { MAX_TITLE, MAX_UPDATES } from '../model';
import type { ComponentStatus, IncidentStatus, OfficialIncident, OfficialSnapshot, OfficialUpdate, Result } from '../model';
import { safeUrl } from '../text';
import { epochToIso } from './dates';
import {
  cleanName,
  eachValid,
  idOf,
  isRecord,
  lookup,
  mapIncidentStatus,
  newestFirst,
  object,
  optList,
  parseFirst,
  readWith,
  shapeFailure,
  snapshotLists,
  stated,
  str,
  textOf,
  trimBase,
  uniqueNames,
  word,
} from './kit';
import type { FeedAdapter, ParseContext } from './types';

const STATES: Record<string, ComponentStatus> = { operational: 'operational', degraded: 'degraded', outage: 'major_outage' };

/** A page state word → the model; `pending` (no data yet) and anything else → 'unknown'. */
export function mapHundState(value: unknown): ComponentStatus {
  return lookup(STATES, word(value)) ?? 'unknown';
}

const initSchema = object({ state: str, issues: optList });

function readUpdate(raw: unknown): OfficialUpdate | null {
  if (!isRecord(raw)) return null;
  const at = epochToIso(raw.created_at);
  return at === null ? null : { at, status: mapIncidentStatus(word(raw.label)), text: textOf(raw.body) };
}

function readIssue(raw: unknown, root: string | null, now: number): OfficialIncident | null {
  if (!isRecord(raw)) return null;
  const id = idOf(raw.id);
  if (id === null) return null;
  const maintenance = raw.scheduled === true;
  const rows = Array.isArray(raw.updates) && raw.updates.length > 0 ? raw.updates : [raw];
  const updates = newestFirst(eachValid(rows, readUpdate).items).slice(0, MAX_UPDATES);
  const startsAt = epochToIso(raw.starts_at);
  const createdAt = epochToIso(raw.created_at);
  let status: IncidentStatus;
  if (maintenance) status = startsAt !== null && Date.parse(startsAt) > now ? 'scheduled' : 'in_progress';
  else status = updates[0]?.status ?? 'unknown';
  const closed = status === 'resolved';
  const components = uniqueNames(Array.isArray(raw.components) ? raw.components.map((c) => (isRecord(c) ? cleanName(c.name) : '')) : []);
  const title = cleanName(raw.title, MAX_TITLE);
  return {
    id,
    title: title === '' ? (maintenance ? 'Maintenance' : 'Incident') : title,
    kind: maintenance ? 'maintenance' : 'incident',
    status,
    impact: maintenance ? 'maintenance' : null,
    startedAt: startsAt ?? createdAt,
    createdAt,
    updatedAt: updates[0]?.at ?? null,
    resolvedAt: closed ? (updates[0]?.at ?? null) : null,
    scheduledFor: maintenance ? startsAt : null,
    scheduledUntil: null,
    updates,
    components,
    url: root === null ? null : safeUrl(`${root}/issues/${encodeURIComponent(id)}`),
  };
}

/** The status page for links: the stream URL's origin. */
function pageRoot(streamUrl: string): string | null {
  try {
    return new URL(trimBase(streamUrl)).origin;
  } catch {
    return null;
  }
}

export const hundAdapter: FeedAdapter = {
  kind: 'hund',
  label: 'Hund status page live stream (init_event)',
  endpoints: (url) => [{ url: trimBase(url), expect: 'text', sseEvent: 'init_event' }],
  parse: (bodies: string[], ctx: ParseContext): Result<OfficialSnapshot> =>
    parseFirst(bodies, (body) => {
      const env = readWith(initSchema, body, 'the status stream');
      if (!env.ok) return env;
      const root = pageRoot(ctx.baseUrl);
      const rows = env.value.issues ?? [];
      const { items, allBad } = eachValid(rows, (row) => readIssue(row, root, ctx.now));
      if (allBad) return shapeFailure('the status stream');
      const snapshot: OfficialSnapshot = {
        indicator: mapHundState(env.value.state),
        description: null,
        components: [],
        ...snapshotLists(items, ctx.now, (i) => i.scheduledFor ?? i.createdAt),
      };
      return stated(snapshot);
    }),
};
