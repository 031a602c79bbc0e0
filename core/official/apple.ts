/**
 * Apple System Status: consumer `https://www.apple.com/support/systemstatus/data/system_status_en_US.js`
 * and developer `https://www.apple.com/support/systemstatus/data/developer/system_status_en_US.js`
 * (partial real sample `apple-systemstatus-developer-events-ongoing-resolved-202207.partial.json`).
 * The catalog's `official.url` is the feed URL itself, read as text because it may be JSONP.
 *
 * `{drpost, drMessage, services:[{serviceName, redirectUrl, events:[{usersAffected, epochStartDate,
 * epochEndDate, messageId, statusType, datePosted, startDate, endDate, affectedServices,
 * eventStatus, message}]}]}`, optionally wrapped as `jsonCallback({...});`.
 *
 * - Times come from the epoch-millisecond fields only: the date strings are localised ("07/27/2022
 *   10:48 PDT", "21.03.2022 17:58 GMT") and do not parse reliably. Apple states no posting time,
 *   so `createdAt` is null; the single update is dated at the start (open) or end (closed).
 * - `statusType`: Outage → critical, Issue → major, Performance → minor, Maintenance → maintenance.
 * - `eventStatus`: ongoing → open (maintenance: in progress); resolved/completed → closed (kept in
 *   `recent` when it ended within 7 days); upcoming/scheduled → a scheduled maintenance. Any other
 *   word: closed only when its end time has passed, else open.
 * - One event can be listed under several services (same `messageId`): it is one incident whose
 *   components are all the services listing it plus its `affectedServices`.
 * - `ctx.scope` = service names (e.g. `["iCloud Mail", "iCloud Drive"]`): events and component rows
 *   of other services are dropped.
 * - `components` (snapshot) = the services, each with the worst status of its open events.
 * - `drpost`/`drMessage` are not used (their meaning is not documented).
 */
import type { ComponentStatus, Impact, IncidentStatus, OfficialComponent, OfficialIncident, Result } from '../model';
import { fail, isClosed, MAX_COMPONENTS, MAX_TITLE, ok, worse } from '../model';
import { clip, MAX_TEXT, safeUrl } from '../text';
import { epochToIso } from './dates';
import {
  cleanName,
  impactStatus,
  indicatorFrom,
  isRecord,
  list,
  lookup,
  looseList,
  object,
  type Out,
  parseFirst,
  readJsonObject,
  scopeMatcher,
  shapeFailure,
  snapshotLists,
  str,
  stripJsonp,
  strOrNum,
  textOf,
  uniqueNames,
  word,
} from './kit';
import type { FeedAdapter, ParseContext } from './types';

// ---------------------------------------------------------------------------------------------
// Shapes (./read).

export const appleDocSchema = object({ services: list });

export const appleServiceSchema = object({ serviceName: str, redirectUrl: str, events: looseList });

export const appleEventSchema = object({
  usersAffected: str,
  epochStartDate: strOrNum,
  epochEndDate: strOrNum,
  messageId: strOrNum,
  statusType: str,
  affectedServices: looseList,
  eventStatus: str,
  message: str,
});

// ---------------------------------------------------------------------------------------------
// Mappings.

const TYPE_IMPACT: Record<string, Impact> = {
  outage: 'critical',
  issue: 'major',
  performance: 'minor',
  maintenance: 'maintenance',
  available: 'none',
};
const TYPE_WORDS: Record<string, string> = {
  outage: 'Outage',
  issue: 'Issue',
  performance: 'Performance issue',
  maintenance: 'Maintenance',
  available: 'Available',
};

/** `statusType` → model impact, else null. */
export function mapAppleImpact(statusType: unknown): Impact | null {
  const t = word(statusType);
  return lookup(TYPE_IMPACT, t) ?? null;
}

export const APPLE_CONSUMER_PAGE = 'https://www.apple.com/support/systemstatus/';
export const APPLE_DEVELOPER_PAGE = 'https://developer.apple.com/system-status/';

/** The page for people: the developer status page for the developer feed, else the consumer one. */
export function appleStatusPage(feedUrl: string): string {
  // Every poll of a feed asks for the same page: remember the last answer.
  if (feedUrl === lastPage.feedUrl) return lastPage.page;
  const href = safeUrl(feedUrl);
  const page = href !== null && /\/developer\//i.test(new URL(href).pathname) ? APPLE_DEVELOPER_PAGE : APPLE_CONSUMER_PAGE;
  lastPage = { feedUrl, page };
  return page;
}
let lastPage: { feedUrl: unknown; page: string } = { feedUrl: undefined, page: APPLE_CONSUMER_PAGE };

// ---------------------------------------------------------------------------------------------
// Events.

type AppleEvent = Out<typeof appleEventSchema>;

interface Listed {
  key: string;
  /** Services listing this event, in feed order. */
  listedUnder: string[];
  event: AppleEvent;
}

function eventKey(e: AppleEvent, service: string): string | null {
  const id = e.messageId;
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  if (typeof id === 'string' && id.trim() !== '' && id.length <= 200) return id.trim();
  const start = epochToIso(e.epochStartDate);
  return start !== null ? `${service}@${start}` : null;
}

function classify(
  e: AppleEvent,
  start: string | null,
  end: string | null,
  now: number,
): { kind: OfficialIncident['kind']; status: IncidentStatus } {
  const type = word(e.statusType);
  const s = word(e.eventStatus);
  const endPassed = end !== null && Date.parse(end) <= now;
  if (s === 'upcoming' || s === 'scheduled') return { kind: 'maintenance', status: 'scheduled' };
  const maintenance = type === 'maintenance';
  const kind = maintenance ? 'maintenance' : 'incident';
  if (s === 'ongoing') return { kind, status: maintenance ? 'in_progress' : 'investigating' };
  if (s === 'resolved' || s === 'completed' || endPassed) return { kind, status: maintenance ? 'completed' : 'resolved' };
  // An unknown word with no end in the past: open, never silently treated as over.
  if (maintenance) {
    const started = start !== null && Date.parse(start) <= now;
    return { kind, status: started ? 'in_progress' : 'scheduled' };
  }
  return { kind: 'incident', status: 'investigating' };
}

function toIncident(l: Listed, now: number, page: string, inScope: ((name: unknown) => boolean) | null): OfficialIncident | null {
  const e = l.event;
  const affected = (e.affectedServices ?? []).map((s) => (typeof s === 'string' ? cleanName(s) : ''));
  const components = uniqueNames([...l.listedUnder, ...affected], MAX_COMPONENTS);
  if (inScope && !components.some((c) => inScope(c))) return null;

  const start = epochToIso(e.epochStartDate);
  const end = epochToIso(e.epochEndDate);
  const { kind, status } = classify(e, start, end, now);
  const closed = isClosed(status);
  const impact = kind === 'maintenance' ? 'maintenance' : mapAppleImpact(e.statusType);

  const subject = (inScope ? components.find((c) => inScope(c)) : undefined) ?? components[0] ?? 'Apple service';
  const t = word(e.statusType);
  const what = lookup(TYPE_WORDS, t) ?? (kind === 'maintenance' ? 'Maintenance' : cleanName(e.statusType, 60) || 'Event');

  const message = textOf(e.message);
  const users = cleanName(e.usersAffected);
  const text = clip([message, users].filter((x) => x !== '').join('\n\n'), MAX_TEXT);
  const at = (closed ? (end ?? start) : start) ?? null;

  return {
    id: l.key,
    title: clip(`${subject}: ${what}`, MAX_TITLE),
    kind,
    status,
    impact,
    startedAt: start,
    createdAt: null,
    updatedAt: at,
    resolvedAt: closed ? end : null,
    scheduledFor: kind === 'maintenance' ? start : null,
    scheduledUntil: kind === 'maintenance' ? end : null,
    updates: at !== null && text !== '' ? [{ at, status, text }] : [],
    components,
    url: page,
  };
}

// ---------------------------------------------------------------------------------------------
// The whole document.

const WHAT = 'the Apple system status feed';

export interface AppleStatus {
  components: OfficialComponent[];
  incidents: OfficialIncident[];
}

/** Body (JSON or JSONP) → services and every readable event in scope (any status). Never throws. */
export function readAppleStatus(body: unknown, ctx: ParseContext): Result<AppleStatus> {
  if (typeof body !== 'string') return fail('parse', `${WHAT} could not be read`);
  const inner = stripJsonp(body);
  if (inner === null) return fail('parse', `${WHAT} is not valid JSON`);
  const json = readJsonObject(inner, WHAT);
  if (!json.ok) return json;
  const doc = appleDocSchema.safeParse(json.value);
  if (!doc.success) return shapeFailure(WHAT);

  const inScope = scopeMatcher(ctx.scope);
  const services: { name: string; events: unknown[] }[] = [];
  let bad = 0;
  for (const raw of doc.data.services) {
    const parsed = isRecord(raw) ? appleServiceSchema.safeParse(raw) : null;
    const name = parsed?.success ? cleanName(parsed.data.serviceName) : '';
    if (!parsed?.success || name === '') {
      bad++;
      continue;
    }
    services.push({ name, events: parsed.data.events ?? [] });
  }
  if (doc.data.services.length > 0 && bad === doc.data.services.length) return shapeFailure(WHAT);

  // Events by messageId across services, keeping first-seen order.
  const listed = new Map<string, Listed>();
  const eventsOf = new Map<string, string[]>(); // service → keys of its events
  for (const svc of services) {
    const keys: string[] = [];
    for (const raw of svc.events) {
      if (!isRecord(raw)) continue;
      const parsed = appleEventSchema.safeParse(raw);
      if (!parsed.success) continue;
      const key = eventKey(parsed.data, svc.name);
      if (key === null) continue;
      keys.push(key);
      const seen = listed.get(key);
      if (seen) {
        if (!seen.listedUnder.includes(svc.name)) seen.listedUnder.push(svc.name);
      } else listed.set(key, { key, listedUnder: [svc.name], event: parsed.data });
    }
    eventsOf.set(svc.name, keys);
  }

  const page = appleStatusPage(ctx.baseUrl);
  const incidents: OfficialIncident[] = [];
  const byKey = new Map<string, OfficialIncident>();
  for (const l of listed.values()) {
    const inc = toIncident(l, ctx.now, page, inScope);
    if (inc === null) continue;
    incidents.push(inc);
    byKey.set(l.key, inc);
  }

  const components: OfficialComponent[] = [];
  const names = new Set<string>();
  for (const svc of services) {
    if (names.has(svc.name) || (inScope && !inScope(svc.name))) continue;
    names.add(svc.name);
    let status: ComponentStatus = 'operational';
    for (const key of eventsOf.get(svc.name) ?? []) {
      const inc = byKey.get(key);
      if (!inc || isClosed(inc.status)) continue;
      if (inc.kind === 'maintenance') {
        if (inc.status === 'in_progress') status = worse(status, 'maintenance');
      } else status = worse(status, impactStatus(inc.impact) ?? 'degraded');
    }
    components.push({ id: svc.name, name: svc.name, status, group: null });
  }
  return ok({ components, incidents });
}

export const appleAdapter: FeedAdapter = {
  kind: 'apple',
  label: 'Apple System Status',
  endpoints: (url) => [{ url, expect: 'text' }],
  parse: (bodies, ctx) =>
    parseFirst(bodies, (body) => {
      const read = readAppleStatus(body, ctx);
      if (!read.ok) return read;
      const { incidents, maintenances, recent } = snapshotLists(read.value.incidents, ctx.now, (i) => i.startedAt);
      return ok({
        indicator: indicatorFrom(incidents, maintenances),
        description: null,
        components: read.value.components,
        incidents,
        maintenances,
        recent,
      });
    }),
};
