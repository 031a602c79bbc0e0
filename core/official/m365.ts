/**
 * Microsoft 365 consumer services: `https://status.cloud.microsoft/api/posts/m365Consumer`
 * (catalog `official.url` is that feed URL; one JSON body per poll). It is the status page's own
 * backing API, not a documented contract.
 *
 * A top-level array, one row per consumer service (ten seen: Microsoft 365 (Consumer), Microsoft
 * Copilot, Microsoft Lists, Microsoft Teams Free, Microsoft To-Do, Microsoft Whiteboard, Office for
 * the web (Consumer), OneDrive, Outlook.com, Phone Link):
 *   { Id, ServiceDisplayName, ServiceWorkloadName, Status, Title, Message (HTML),
 *     AuthoredDateTime, InternalDateTime, LastUpdatedTime }
 *
 * - `Status` words: Operational, Available (→ operational); Service degradation (→ degraded, an
 *   open minor incident); Service interruption (→ major_outage, an open major incident); Service
 *   restored, Resolved (→ operational, a closed incident); Investigating, Restoring service,
 *   Extended recovery (Microsoft's service-health words, → degraded, open); Unknown and any other
 *   word → unknown. When every row of the service says something we cannot read the feed fails:
 *   silence is never "operational".
 * - `LastUpdatedTime` is the response clock (it changes on every request) and `InternalDateTime` a
 *   ten-minute refresh stamp: neither says when Microsoft wrote anything. `AuthoredDateTime` does.
 *   An update is dated by `AuthoredDateTime`, or — only when there is nothing else, and only for
 *   an open problem — by `LastUpdatedTime`; start and resolution times, and anything about a
 *   closed incident, are never taken from the response clock (else it would read "resolved just
 *   now" on every poll).
 * - `Message` is HTML, shown as text; in the healthy state it is boilerplate, so operational rows
 *   carry no incident at all.
 * - scope (`official.scope`): `ServiceDisplayName` (or `ServiceWorkloadName`) values, compared
 *   trimmed and case-insensitively, e.g. ["Outlook.com"], ["Microsoft Teams Free"]. Only matching
 *   rows are read; a scope that matches no row fails ("no longer lists …").
 * - Microsoft hosts sometimes answer 200 with an HTML page (the SPA shell on a renamed route):
 *   that is a parse failure saying so, never an empty "all good".
 */
import type { ComponentStatus, Impact, IncidentStatus, OfficialComponent, OfficialIncident, OfficialUpdate, Result } from '../model';
import { fail, isClosed, MAX_TITLE, ok, worstStatus } from '../model';
import { anyDate } from './dates';
import {
  cleanName,
  eachValid,
  idOf,
  isRecord,
  jsonFeedAt,
  lookup,
  nameOf,
  notListed,
  object,
  parseFirst,
  readJsonArray,
  readJsonObject,
  scopeMatcher,
  shapeFailure,
  str,
  strOrNum,
  textOf,
  trimBase,
} from './kit';
import type { FeedAdapter } from './types';

const rowSchema = object({
  Id: strOrNum,
  ServiceDisplayName: str,
  ServiceWorkloadName: str,
  Status: str,
  Title: str,
  Message: str,
  AuthoredDateTime: str,
  LastUpdatedTime: str,
});

interface Reading {
  component: ComponentStatus;
  incident: IncidentStatus | null;
  impact: Impact | null;
}

const STATUS_WORDS: Record<string, Reading> = {
  operational: { component: 'operational', incident: null, impact: null },
  available: { component: 'operational', incident: null, impact: null },
  'service restored': { component: 'operational', incident: 'resolved', impact: null },
  resolved: { component: 'operational', incident: 'resolved', impact: null },
  'service degradation': { component: 'degraded', incident: 'investigating', impact: 'minor' },
  'service interruption': { component: 'major_outage', incident: 'investigating', impact: 'major' },
  investigating: { component: 'degraded', incident: 'investigating', impact: 'minor' },
  'restoring service': { component: 'degraded', incident: 'monitoring', impact: 'minor' },
  'extended recovery': { component: 'degraded', incident: 'monitoring', impact: 'minor' },
};

const UNREADABLE: Reading = { component: 'unknown', incident: null, impact: null };

/** A `Status` word → what it says (case and inner spacing ignored); unknown words → unknown. */
export function mapM365Status(value: unknown): Reading {
  const w = typeof value === 'string' ? value.trim().replace(/\s+/g, ' ').toLowerCase() : '';
  return lookup(STATUS_WORDS, w) ?? UNREADABLE;
}

interface Row {
  id: string;
  name: string;
  workload: string;
  word: string;
  reading: Reading;
  component: OfficialComponent;
  incident: OfficialIncident | null;
}

/** One row → component (+ incident when it reports or closes a problem), or null when it is not a row. */
export function readM365Row(raw: unknown, statusPage: string | null): Row | null {
  if (!isRecord(raw)) return null;
  const p = rowSchema.safeParse(raw);
  if (!p.success) return null;
  const r = p.data;
  const name = cleanName(r.ServiceDisplayName);
  const workload = cleanName(r.ServiceWorkloadName);
  if (name === '' && workload === '') return null;
  const display = name !== '' ? name : workload;
  const word = cleanName(r.Status, 80);
  const reading = mapM365Status(r.Status);
  const componentId = workload !== '' ? workload : display;
  const component: OfficialComponent = { id: componentId, name: display, status: reading.component, group: null };

  let incident: OfficialIncident | null = null;
  if (reading.incident !== null) {
    const authored = anyDate(r.AuthoredDateTime);
    const closed = isClosed(reading.incident);
    // Only when Microsoft gives no authoring time at all, and only for an open problem: the response
    // clock dates the text. A closed one is never "resolved just now" because of the clock.
    const at = authored ?? (closed ? null : anyDate(r.LastUpdatedTime));
    const text = textOf(r.Message);
    const updates: OfficialUpdate[] = at !== null && text !== '' ? [{ at, status: reading.incident, text }] : [];
    const title = nameOf(r.Title, MAX_TITLE);
    incident = {
      id: idOf(r.Id) ?? `m365:${componentId}`,
      title: title !== '' ? title : `${display} — ${word}`,
      kind: 'incident',
      status: reading.incident,
      impact: closed ? null : reading.impact,
      startedAt: closed ? null : authored,
      createdAt: closed ? null : authored,
      updatedAt: updates[0]?.at ?? authored,
      resolvedAt: closed ? authored : null,
      scheduledFor: null,
      scheduledUntil: null,
      updates,
      components: [display],
      url: statusPage,
    };
  }
  return { id: componentId, name: display, workload, word, reading, component, incident };
}

/** The human page for every row: the origin of the feed URL (status.cloud.microsoft). */
function statusPageOf(feedUrl: string): string | null {
  try {
    const u = new URL(trimBase(feedUrl));
    return u.protocol === 'https:' || u.protocol === 'http:' ? `${u.origin}/` : null;
  } catch {
    return null;
  }
}

const WHAT = 'the status feed';

/**
 * Body → the top-level array. HTML and empty bodies are refused first with the sentences
 * Statuspage's `readJsonObject` uses; an array is read by `readJsonArray` (same sentences, same
 * nesting guard), anything else by `readJsonObject`, to say whether it is JSON at all.
 */
function readRows(body: unknown): Result<unknown[]> {
  if (typeof body !== 'string') return fail('parse', `${WHAT} could not be read`);
  const trimmed = body.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') return fail('parse', `${WHAT} was empty`);
  if (trimmed[0] === '<') {
    return fail('parse', `${WHAT} answered with a web page (HTML) instead of JSON — the page may have moved`);
  }
  if (trimmed[0] !== '[') {
    // Not an array: let the reader say whether it is JSON at all, then say it is the wrong shape.
    const other = readJsonObject(trimmed, WHAT);
    return other.ok ? shapeFailure(WHAT) : other;
  }
  return readJsonArray(trimmed, WHAT);
}

export const m365Adapter: FeedAdapter = {
  kind: 'm365',
  label: 'Microsoft 365 consumer service status',
  endpoints: jsonFeedAt,
  parse: (bodies, ctx) =>
    parseFirst(bodies, (body) => {
      const rows = readRows(body);
      if (!rows.ok) return rows;
      const page = statusPageOf(ctx.baseUrl);
      const read = eachValid(rows.value, (raw) => readM365Row(raw, page));
      if (read.allBad) return shapeFailure(WHAT);
      // An empty list says nothing about any service: not "all operational".
      if (read.items.length === 0) return fail('schema', `${WHAT} lists no services — it may have changed`);

      const inScope = scopeMatcher(ctx.scope) ?? ((): boolean => true);
      const mine = read.items.filter((r) => inScope(r.name) || (r.workload !== '' && inScope(r.workload)));
      if (ctx.scope && mine.length === 0) return notListed(ctx.scope);
      if (mine.every((r) => r.reading.component === 'unknown')) {
        const words = [...new Set(mine.map((r) => r.word || '(none)'))]
          .slice(0, 5)
          .map((w) => `“${w}”`)
          .join(', ');
        return fail('schema', `${WHAT} gives a status we cannot read (${words}) — it may have changed`);
      }

      const incidents = mine.flatMap((r) => (r.incident ? [r.incident] : []));
      return ok({
        indicator: worstStatus(mine.map((r) => r.reading.component)),
        description: null,
        components: mine.map((r) => r.component),
        incidents: incidents.filter((i) => !isClosed(i.status)),
        maintenances: [],
        recent: incidents.filter((i) => isClosed(i.status)),
      });
    }),
};
