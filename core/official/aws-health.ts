/**
 * AWS Health Dashboard public current events: `https://health.aws.amazon.com/public/currentevents`
 * (real sample `aws-health-currentevents-active-2events.utf16be.bin`). The
 * catalog's `official.url` is the feed URL itself.
 *
 * - Served as UTF-16BE with a BOM; `decodeBody` (core/net/fetch.ts) decodes it, so the adapter
 *   receives a string. A leftover BOM or whitespace is stripped defensively.
 * - A JSON array of the **open** events only: `[]` is AWS saying nothing is wrong. Events vanish
 *   when resolved (no resolved record), so `recent` is always empty; the poller records a vanished
 *   incident as resolved when it was last seen.
 * - Epoch units are mixed: `date` is seconds as a string, `event_log[].timestamp` seconds,
 *   `impacted_service_status_changes[].timestamp` milliseconds — read by magnitude (`epochToIso`).
 * - `status` "0"–"3" (string or number): 3 → major (a disruption of one service in one region,
 *   not all of AWS: partial outage), 2 → minor (degradation), 1 → minor (informational),
 *   0 → none. Anything else → unknown impact (still an open event).
 * - Updates: `event_log` (oldest first in the feed) → newest first. AWS's log entries carry a
 *   severity, not a lifecycle: the first is "investigating", later ones "unknown" (shown "Update").
 * - Components: "<service name> (<region>)" for every impacted service (`impacted_services`, else
 *   the event's own service).
 * - `ctx.scope` = AWS service keys or names (e.g. `["ec2"]`, `["Amazon Elastic Compute Cloud"]`):
 *   an event belongs to the service when its own service or one of its impacted services matches
 *   by key (with or without the region suffix, e.g. `ec2-me-central-1` → `ec2`) or by name; the
 *   incident's components are then the matching services only. No scope (the "AWS console"
 *   entry): every event counts.
 */
import type { Impact, OfficialIncident, OfficialUpdate, Result } from '../model';
import { MAX_COMPONENTS, MAX_NAME, MAX_OPEN, MAX_TITLE, MAX_UPDATES, ok } from '../model';
import { clip, safeUrl } from '../text';
import { epochToIso } from './dates';
import {
  cleanName,
  indicatorFrom,
  isRecord,
  lookup,
  looseList,
  looseRecord,
  newestFirstBy,
  object,
  parseFirst,
  plainUpdateStatuses,
  readJsonArray,
  scopeMatcher,
  shapeFailure,
  str,
  strOrNum,
  textOf,
  uniqueNames,
} from './kit';
import type { FeedAdapter, ParseContext } from './types';

// ---------------------------------------------------------------------------------------------
// Shapes (./read).

export const awsEventSchema = object({
  date: strOrNum,
  arn: str,
  region_name: str,
  status: strOrNum,
  service: str,
  service_name: str,
  summary: str,
  event_log: looseList,
  impacted_services: looseRecord,
});

export const awsLogEntrySchema = object({
  summary: str,
  message: str,
  status: strOrNum,
  timestamp: strOrNum,
});

export const awsImpactedServiceSchema = object({
  service_name: str,
  current: strOrNum,
  max: strOrNum,
});

// ---------------------------------------------------------------------------------------------
// Mappings.

/** "0"–"3" or 0–3 → the number, else null. */
export function awsStatusCode(value: unknown): number | null {
  if (typeof value === 'number') return Number.isInteger(value) ? value : null;
  if (typeof value === 'string' && /^\s*\d{1,3}\s*$/.test(value)) return Number(value);
  return null;
}

const IMPACTS: Record<number, Impact> = { 0: 'none', 1: 'minor', 2: 'minor', 3: 'major' };

/** Event `status` → model impact (3 major, 2 and 1 minor, 0 none), else null. */
export function mapAwsImpact(value: unknown): Impact | null {
  const code = awsStatusCode(value);
  return lookup(IMPACTS, code) ?? null;
}

// AWS region codes: us-east-1, ap-southeast-3, us-gov-west-1, cn-north-1, us-isob-east-1, il-central-1 …
const REGION_SUFFIX = /-(?:[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d{1,2})$/;

/** `ec2-me-central-1` → `ec2`; a key without a region suffix (`route53`) is returned as is. */
export function awsServiceBase(key: string): string {
  return key.replace(REGION_SUFFIX, '');
}

/** The public dashboard page (the feed has no per-event page). */
export const AWS_DASHBOARD_URL = 'https://health.aws.amazon.com/health/status';

// ---------------------------------------------------------------------------------------------
// One event.

interface ServiceRef {
  key: string | null;
  name: string;
}

function impactedServices(raw: Record<string, unknown> | null | undefined): ServiceRef[] {
  const out: ServiceRef[] = [];
  if (!raw) return out;
  let n = 0;
  for (const key in raw) {
    if (!Object.prototype.hasOwnProperty.call(raw, key)) continue;
    if (++n > 1000) break;
    const v = raw[key];
    if (!isRecord(v)) continue;
    const parsed = awsImpactedServiceSchema.safeParse(v);
    if (!parsed.success) continue;
    const name = cleanName(parsed.data.service_name);
    const k = key.trim();
    if (name === '' && k === '') continue;
    out.push({ key: k === '' ? null : k, name: name !== '' ? name : cleanName(k) });
  }
  return out;
}

function matches(ref: ServiceRef, inScope: (name: unknown) => boolean): boolean {
  return inScope(ref.name) || (ref.key !== null && (inScope(ref.key) || inScope(awsServiceBase(ref.key))));
}

function readLog(rows: readonly unknown[]): { at: string; t: number; order: number; text: string }[] {
  const out: { at: string; t: number; order: number; text: string }[] = [];
  rows.forEach((raw, order) => {
    if (!isRecord(raw)) return;
    const parsed = awsLogEntrySchema.safeParse(raw);
    if (!parsed.success) return;
    const at = epochToIso(parsed.data.timestamp);
    if (at === null) return; // no readable time: cannot be placed on the timeline
    const text = textOf(parsed.data.message) || cleanName(parsed.data.summary);
    out.push({ at, t: Date.parse(at), order, text });
  });
  // Oldest first (the feed's order), ties keep the feed's order.
  out.sort((a, b) => a.t - b.t || a.order - b.order);
  return out;
}

export interface AwsNormaliseOptions {
  /** When set, events touching none of these services give null. */
  inScope?: ((name: unknown) => boolean) | null;
}

/**
 * One element of currentevents → an open incident, or null when it is not an event (not an object,
 * no arn and no service/date to name it by) or is outside the scope. Never throws.
 */
export function normaliseAwsEvent(raw: unknown, opts: AwsNormaliseOptions = {}): OfficialIncident | null {
  const read = readAwsEvent(raw, opts.inScope ?? null);
  return read === OUT_OF_SCOPE ? null : read;
}

const OUT_OF_SCOPE = Symbol('out of scope');

/** null: not an event (malformed); OUT_OF_SCOPE: a good event for other services. */
function readAwsEvent(raw: unknown, inScope: ((name: unknown) => boolean) | null): OfficialIncident | null | typeof OUT_OF_SCOPE {
  try {
    if (!isRecord(raw)) return null;
    const parsed = awsEventSchema.safeParse(raw);
    if (!parsed.success) return null;
    const e = parsed.data;

    const serviceKey = typeof e.service === 'string' && e.service.trim() !== '' ? e.service.trim() : null;
    const serviceName = cleanName(e.service_name);
    const date = epochToIso(e.date);
    const arn = typeof e.arn === 'string' && e.arn.trim() !== '' && e.arn.length <= 500 ? e.arn.trim() : null;
    const id = arn ?? (serviceKey !== null && serviceKey.length <= 200 && date !== null ? `${serviceKey}@${date}` : null);
    if (id === null) return null;

    const ownName = serviceName !== '' ? serviceName : serviceKey !== null ? cleanName(serviceKey) || null : null;
    const own: ServiceRef | null = ownName !== null ? { key: serviceKey, name: ownName } : null;
    const impacted = impactedServices(e.impacted_services);
    let shown = impacted.length > 0 ? impacted : own ? [own] : [];
    if (inScope) {
      const hits = [...(own ? [own] : []), ...impacted].filter((r) => matches(r, inScope));
      if (hits.length === 0) return OUT_OF_SCOPE;
      // The event's own service is often the pseudo-service "Multiple services": show the
      // impacted services that matched, unless only the event's own service did.
      const impactedHits = impacted.filter((r) => matches(r, inScope));
      shown = impactedHits.length > 0 ? impactedHits : hits;
    }

    const region = cleanName(e.region_name, 100);
    const withRegion = (name: string): string => (region !== '' ? `${name} (${region})` : name);
    const components = uniqueNames(
      shown.map((r) => clip(withRegion(r.name), MAX_NAME)),
      MAX_COMPONENTS,
    );

    const log = readLog(e.event_log ?? []);
    const statuses = plainUpdateStatuses(log.length, false, false);
    const updates: OfficialUpdate[] = log
      .slice()
      .reverse()
      .map((entry, k) => ({ at: entry.at, status: statuses[k]!, text: entry.text }))
      .slice(0, MAX_UPDATES);

    const summary = cleanName(e.summary, MAX_TITLE);
    const subject = own ? withRegion(own.name) : region;
    const title = summary !== '' ? (subject !== '' ? `${subject}: ${summary}` : summary) : subject !== '' ? subject : 'AWS event';

    const createdAt = date ?? log[0]?.at ?? null;
    return {
      id,
      title: clip(title, MAX_TITLE),
      kind: 'incident',
      status: 'investigating',
      impact: mapAwsImpact(e.status),
      startedAt: createdAt,
      createdAt,
      updatedAt: updates[0]?.at ?? createdAt,
      resolvedAt: null,
      scheduledFor: null,
      scheduledUntil: null,
      updates,
      components,
      url: safeUrl(AWS_DASHBOARD_URL),
    };
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// The whole feed.

const WHAT = 'the AWS Health feed (current events)';

/** currentevents body → the open events (scope applied), newest first. Never throws. */
export function readAwsEvents(body: unknown, ctx: ParseContext): Result<OfficialIncident[]> {
  const list = readJsonArray(body, WHAT);
  if (!list.ok) return list;
  const rows = list.value;
  const inScope = scopeMatcher(ctx.scope);
  const seen = new Set<string>();
  const events: OfficialIncident[] = [];
  let bad = 0;
  for (const row of rows) {
    const inc = readAwsEvent(row, inScope);
    if (inc === null) {
      bad++; // an out-of-scope event is not malformed
      continue;
    }
    if (inc === OUT_OF_SCOPE || seen.has(inc.id)) continue;
    seen.add(inc.id);
    events.push(inc);
  }
  // A non-empty list in which nothing is an event is a changed format, not "nothing is wrong".
  if (rows.length > 0 && bad === rows.length) return shapeFailure(WHAT);
  return ok(newestFirstBy(events, (i) => i.createdAt, MAX_OPEN));
}

export const awsHealthAdapter: FeedAdapter = {
  kind: 'aws-health',
  label: 'AWS Health Dashboard (public current events)',
  endpoints: (url) => [{ url, expect: 'json' }],
  parse: (bodies, ctx) =>
    parseFirst(bodies, (body) => {
      const events = readAwsEvents(body, ctx);
      if (!events.ok) return events;
      return ok({
        indicator: indicatorFrom(events.value, []),
        description: null,
        components: [],
        incidents: events.value,
        maintenances: [],
        recent: [],
      });
    }),
};
