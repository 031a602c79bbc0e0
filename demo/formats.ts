/**
 * Scenario builders for the feed formats beyond Statuspage / incident.io: RSS/Atom (Statuspage
 * history feeds, Azure), Google Cloud incidents.json, AWS Health current events, Slack, Apple,
 * Heroku, status.io, Instatus, Cachet and Microsoft 365 consumer posts.
 *
 * As in demo/scenarios.ts, every body is built from a file in test/fixtures/feeds/ (real captures
 * where one exists; the doc-derived ones are named as such in demo/FIXTURES.md). What changes is
 * listed on each builder; common to all: times are moved by one delta so the story happens "now",
 * the fixture's own status host inside text becomes the service's, and nothing is later than "now"
 * unless it is a maintenance window or an announced future event.
 */
import type { DemoService, FeedResponse, Json, Obj, ScenarioBehaviour, ScenarioBuilder } from './kit';
import {
  DAY,
  HOUR,
  MIN,
  MONTH_ABBR,
  byteResponse,
  feedBytes,
  feedJson,
  feedText,
  jsonResponse,
  latestTimestampMs,
  num,
  obj,
  objs,
  rfc822Z,
  shiftTimestamps,
  statusHost,
  statusOrigin,
  statusPageHtml,
  statusPath,
  str,
  wholeMinutes,
} from './kit';

export const FORMAT_FIXTURES = {
  atomOpen: 'statuspage-history-atom-github-active-incident.atom',
  atomMaintenance: 'statuspage-history-atom-github-scheduled-maintenance.atom',
  azureIncident: 'azure-status-rss-active-incident-20240721-crowdstrike.xml',
  azureEmpty: 'azure-status-rss-empty-operational.xml',
  gcpHistory: 'gcp-incidents-json-resolved-history.json',
  awsBin: 'aws-health-currentevents-active-2events.utf16be.bin',
  slackOk: 'slack-v2-current-ok.json',
  slackHistory: 'slack-v2-history-resolved-trimmed.json',
  appleConsumer: 'apple-systemstatus-consumer-icloud-outage.doc-derived.jsonp',
  appleDeveloper: 'apple-systemstatus-developer-events-ongoing-resolved-202207.partial.json',
  herokuHealthy: 'heroku-v4-current-status-healthy-stale-maintenance.doc-sample.json',
  statusioGitlab: 'statusio-public-status-gitlab-operational.json',
  instatusUp: 'instatus-summary-wistia-up.doc-sample.json',
  cachetComponents: 'cachet-v1-components-doc-example.json',
  cachetIncidentsFixed: 'cachet-v1-incidents-2.3-doc-example-fixed.json',
  m365Mixed: 'm365-consumer-posts-doc-derived-mixed.json',
} as const;

/** How each scenario of this file is described (banner, control API). */
export const FORMAT_DESCRIPTIONS = {
  'rss-ok': 'RSS/Atom: Statuspage history feed whose entries are all resolved 2+ days ago (Azure: the empty channel)',
  'rss-statuspage-open': 'Statuspage history.atom whose top entry is open (GitHub capture), latest update 5 min ago',
  'atom-maintenance': 'Statuspage history.atom with a maintenance in progress (started 30 min ago, ends in 90 min)',
  'azure-rss-incident': 'Azure status RSS with the CrowdStrike-day item, posted 12 min ago',
  'gcp-ok': 'Google incidents.json: real history, every incident ended 2+ days ago',
  'gcp-incident': 'Google Cloud incidents.json: one open incident (no end), latest update 8 min ago, + real history',
  'aws-health-ok': 'AWS Health currentevents: [] (UTF-16BE with BOM)',
  'aws-event': 'AWS Health currentevents: the real 2 open events (UAE, Bahrain), latest log entry 5 min ago, UTF-16BE',
  'aws-event-ap-south-1': 'AWS Health currentevents: the real UAE event moved to ap-south-1 (Mumbai), latest log entry 5 min ago, UTF-16BE',
  'slack-ok': 'Slack api/v2.0.0/current: status ok, no active incidents',
  'slack-incident': 'Slack api/v2.0.0/current: one active incident (Login/SSO), latest note 6 min ago',
  'apple-ok': 'Apple system status (consumer + developer JSONP): every event resolved 2+ days ago',
  'heroku-ok': 'Heroku api/v4/current-status: all systems green, no incidents',
  'statusio-ok': 'status.io public status: every component operational',
  'instatus-ok': 'Instatus summary.json: page UP, nothing active',
  'cachet-ok': 'Cachet API v1: component operational, last incident fixed 2+ days ago',
  'm365-ok': 'Microsoft 365 consumer posts: every service Available',
} as const;

export type FormatScenarioName = keyof typeof FORMAT_DESCRIPTIONS;

export const FORMAT_EXPECTED: Record<FormatScenarioName, 'ok' | 'acknowledged' | 'maintenance'> = {
  'rss-ok': 'ok',
  'rss-statuspage-open': 'acknowledged',
  'atom-maintenance': 'maintenance',
  'azure-rss-incident': 'acknowledged',
  'gcp-ok': 'ok',
  'gcp-incident': 'acknowledged',
  'aws-health-ok': 'ok',
  'aws-event': 'acknowledged',
  'aws-event-ap-south-1': 'acknowledged',
  'slack-ok': 'ok',
  'slack-incident': 'acknowledged',
  'apple-ok': 'ok',
  'heroku-ok': 'ok',
  'statusio-ok': 'ok',
  'instatus-ok': 'ok',
  'cachet-ok': 'ok',
  'm365-ok': 'ok',
};

// ---------------------------------------------------------------------------------------------
// Common

/**
 * A behaviour serving `body` at the service's feed path (and at `alsoAt`); other paths get a small
 * HTML page for humans (or a 404 for API-looking paths).
 */
function feedBehaviour(
  service: DemoService,
  scenario: FormatScenarioName,
  now: number,
  bodies: [path: string, response: FeedResponse][],
  fallback?: (pathname: string) => FeedResponse | null,
): ScenarioBehaviour {
  // The poller strips a trailing slash from feed URLs (core/poll.ts): answer both spellings.
  const routes = new Map<string, FeedResponse>();
  for (const [path, r] of bodies) {
    routes.set(path, r);
    const other = path.endsWith('/') && path.length > 1 ? path.replace(/\/+$/, '') : `${path}/`;
    if (!routes.has(other) && other !== '/') routes.set(other, r);
  }
  const feedPath = bodies[0]?.[0] ?? statusPath(service);
  const human = statusPageHtml(service, scenario, FORMAT_DESCRIPTIONS[scenario], now, feedPath);
  return {
    type: 'respond',
    routes,
    fallback: (pathname) => {
      const special = fallback?.(pathname);
      if (special) return special;
      if (/^\/(?:api|1\.0)\//.test(pathname) || /\.(?:json|js|rss|atom|xml)$/.test(pathname)) {
        return { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Not Found\n' };
      }
      return human;
    },
  };
}

const ATOM = 'application/atom+xml; charset=utf-8';
const RSS = 'application/rss+xml; charset=utf-8';

// ---------------------------------------------------------------------------------------------
// Statuspage history Atom (GitHub captures)

const ENTRY = /<entry>[\s\S]*?<\/entry>/g;
/** A Statuspage update header inside entity-escaped HTML: "Mar &lt;var data-var='date'&gt; 3&lt;/var&gt;, &lt;var data-var='time'&gt;04:36&lt;/var&gt;". */
const HEADER =
  /(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) &lt;var data-var='date'&gt;\s?(\d{1,2})&lt;\/var&gt;, &lt;var data-var='time'&gt;(\d{2}):(\d{2})&lt;\/var&gt;/g;

function headerText(ms: number): string {
  const d = new Date(ms);
  const day = String(d.getUTCDate()).padStart(2, ' '); // Statuspage pads single-digit days with a space
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${MONTH_ABBR[d.getUTCMonth()]} &lt;var data-var='date'&gt;${day}&lt;/var&gt;, &lt;var data-var='time'&gt;${hh}:${mm}&lt;/var&gt;`;
}

/** The year that puts a year-less header no later than `refMs` + 2 days (an update precedes its entry's dates). */
function yearlessMs(month: number, day: number, h: number, m: number, refMs: number): number {
  const refYear = new Date(refMs).getUTCFullYear();
  for (let y = refYear + 1; y >= refYear - 4; y--) {
    const t = Date.UTC(y, month, day, h, m);
    if (t <= refMs + 2 * DAY) return t;
  }
  return Date.UTC(refYear, month, day, h, m);
}

const isoZ = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function tagMs(xml: string, tag: string): number {
  const m = new RegExp(`<${tag}>([^<]+)</${tag}>`).exec(xml);
  return m ? Date.parse(m[1]!) : NaN;
}

/** Every date-like value in one Atom entry (published, updated, headers), as epoch ms. */
export function atomEntryTimes(entry: string): number[] {
  const ref = Math.max(tagMs(entry, 'published'), tagMs(entry, 'updated'));
  const out = [tagMs(entry, 'published'), tagMs(entry, 'updated')];
  for (const m of entry.matchAll(HEADER)) {
    out.push(yearlessMs(MONTH_ABBR.indexOf(m[1]!), Number(m[2]), Number(m[3]), Number(m[4]), ref));
  }
  return out.filter((t) => Number.isFinite(t));
}

/** The update headers of one Atom entry (minute precision), as epoch ms. */
function headerTimes(entry: string): number[] {
  const ref = Math.max(tagMs(entry, 'published'), tagMs(entry, 'updated'));
  return [...entry.matchAll(HEADER)].map((m) => yearlessMs(MONTH_ABBR.indexOf(m[1]!), Number(m[2]), Number(m[3]), Number(m[4]), ref));
}

/**
 * Move a Statuspage history Atom document by `delta` (whole minutes): `<published>`/`<updated>`
 * (clamped to `now`) and the year-less update headers inside each entry (their year inferred from
 * the entry's own dates); the fixture's host and page name become the service's.
 */
export function retimeAtom(xml: string, delta: number, now: number, service: DemoService): string {
  const shiftTag = (s: string, tag: string): string =>
    s.replace(
      new RegExp(`<${tag}>([^<]+)</${tag}>`, 'g'),
      (_w, v: string) => `<${tag}>${isoZ(Math.min(Date.parse(v) + delta, now))}</${tag}>`,
    );
  const firstEntry = xml.search(/<entry>/);
  const head = firstEntry === -1 ? xml : xml.slice(0, firstEntry);
  let out = shiftTag(head, 'updated') + (firstEntry === -1 ? '' : xml.slice(firstEntry));
  out = out.replace(ENTRY, (entry) => {
    const ref = Math.max(tagMs(entry, 'published'), tagMs(entry, 'updated'));
    let e = entry.replace(HEADER, (_w, mon: string, d: string, h: string, m: string) =>
      headerText(yearlessMs(MONTH_ABBR.indexOf(mon), Number(d), Number(h), Number(m), ref) + delta),
    );
    e = shiftTag(e, 'published');
    e = shiftTag(e, 'updated');
    return e;
  });
  return rebrandAtom(out, service);
}

function rebrandAtom(xml: string, service: DemoService): string {
  const name = service.name.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return xml
    .split('www.githubstatus.com')
    .join(statusHost(service))
    .replace('<title>GitHub Status - Incident History</title>', `<title>${name} Status - Incident History</title>`)
    .replace(/<author>\s*<name>GitHub<\/name>/, (w) => w.replace('GitHub', name));
}

/** Statuspage serves the same history as `history.rss` and `history.atom`; the catalog may name either. */
function historyRoutes(service: DemoService, body: string): [string, FeedResponse][] {
  const r = byteResponse(body, ATOM);
  const paths = new Set([statusPath(service), '/history.atom', '/history.rss']);
  return [...paths].map((p) => [p, r]);
}

/**
 * rss-statuspage-open: GitHub's real history.atom (2026-03-03, top entry open: Investigating +
 * 10 × Update) moved so the top entry's newest update is now − 5 min (whole minutes; the other 24
 * entries, all resolved, keep their distance: the newest resolution lands about 6.5 h earlier).
 * Served at the catalog's feed path and at /history.atom and /history.rss.
 */
const rssStatuspageOpen: ScenarioBuilder = (service, now) => {
  const xml = feedText(FORMAT_FIXTURES.atomOpen);
  const top = xml.match(ENTRY)?.[0];
  if (!top) throw new Error('rss-statuspage-open: fixture has no entry');
  // Anchored on the newest update header (minute precision), so it reads exactly "5 min ago".
  const delta = wholeMinutes(now - 5 * MIN - Math.max(...headerTimes(top)));
  return feedBehaviour(service, 'rss-statuspage-open', now, historyRoutes(service, retimeAtom(xml, delta, now, service)));
};

/**
 * rss-ok (Statuspage-style hosts): the same GitHub capture with its open top entry REMOVED, moved
 * so the newest remaining timestamp is now − 2 days. Azure's host: the real empty channel
 * (2026-09-25) with lastBuildDate = now − 2 min and its link on the service's host.
 */
const rssOk: ScenarioBuilder = (service, now) => {
  if (isAzure(service)) {
    const xml = feedText(FORMAT_FIXTURES.azureEmpty).replace(
      /<lastBuildDate>[^<]+<\/lastBuildDate>/,
      `<lastBuildDate>${rfc822Z(Math.floor((now - 2 * MIN) / 1000) * 1000)}</lastBuildDate>`,
    );
    return feedBehaviour(service, 'rss-ok', now, [[statusPath(service), byteResponse(rebrandAzure(xml, service), RSS)]]);
  }
  const xml = feedText(FORMAT_FIXTURES.atomOpen);
  const entries = xml.match(ENTRY) ?? [];
  if (entries.length < 2) throw new Error('rss-ok: fixture has too few entries');
  const withoutTop = xml.replace(entries[0]!, '').replace(/\n\s*\n\s*<entry>/, '\n  <entry>');
  const newest = Math.max(...entries.slice(1).flatMap(atomEntryTimes));
  const delta = wholeMinutes(now - 2 * DAY - newest);
  return feedBehaviour(service, 'rss-ok', now, historyRoutes(service, retimeAtom(withoutTop, delta, now, service)));
};

function weekdayLong(ms: number): string {
  return new Date(ms).toLocaleDateString('en-US', { weekday: 'long', month: 'long', day: 'numeric', timeZone: 'UTC' });
}
const hhmm = (ms: number): string => new Date(ms).toISOString().slice(11, 16);

/**
 * atom-maintenance: GitHub's real history.atom of 2025-05-28 (top entry: "Codespaces Scheduled
 * Maintenance", announced May 22, window May 28 16:30 – May 29 16:30 UTC), moved (whole minutes)
 * so the window starts at now − 30 min; then the top entry is CHANGED to be in progress:
 *   - window banner rewritten to now − 30 min … now + 90 min (same markup);
 *   - an "In progress" update added at the window start, worded exactly like the feed's own
 *     in-progress updates of the two earlier Codespaces maintenances ("Scheduled maintenance is
 *     currently in progress. We will provide updates as necessary.");
 *   - the "Scheduled" update keeps its (shifted) announcement time; its first sentence is rewritten
 *     for the new window and "Each batch of regions will take approximately three to four hours to
 *     complete." is dropped (it no longer fits a 2-hour window);
 *   - `<published>` = window start (Statuspage's convention), `<updated>` = the in-progress update.
 * The other 24 entries (two completed maintenances, resolved incidents) keep their distance.
 */
const atomMaintenance: ScenarioBuilder = (service, now) => {
  const xml = feedText(FORMAT_FIXTURES.atomMaintenance);
  const top = xml.match(ENTRY)?.[0];
  if (!top) throw new Error('atom-maintenance: fixture has no entry');
  const start = wholeMinutes(now - 30 * MIN);
  const end = start + 120 * MIN;
  const delta = start - tagMs(top, 'published');
  const moved = retimeAtom(xml, delta, now, service);
  const movedTop = moved.match(ENTRY)![0];
  const announced = tagMs(top, 'updated') + delta; // the Scheduled update's time = the entry's updated
  const scheduledText = /&lt;strong&gt;Scheduled&lt;\/strong&gt; - ([\s\S]*?)&lt;\/p&gt;/.exec(movedTop)?.[1];
  if (!scheduledText) throw new Error('atom-maintenance: fixture top entry has no Scheduled update');
  const rewritten = scheduledText
    .replace(
      /from \d{2}:\d{2} UTC on [A-Za-z]+, [A-Za-z]+ \d{1,2} to \d{2}:\d{2} UTC on [A-Za-z]+, [A-Za-z]+ \d{1,2}\./,
      `from ${hhmm(start)} UTC on ${weekdayLong(start)} to ${hhmm(end)} UTC on ${weekdayLong(end)}.`,
    )
    .replace(' Each batch of regions will take approximately three to four hours to complete.', '');
  const banner = `&lt;p&gt;&lt;strong&gt;THIS IS A SCHEDULED EVENT ${headerText(start)} UTC &amp;nbsp;-&amp;nbsp; ${headerText(end)} UTC&lt;/strong&gt;&lt;/p&gt;`;
  const block = (at: number, label: string, text: string): string =>
    `&lt;p&gt;&lt;small&gt;${headerText(at)} UTC&lt;/small&gt;&lt;br&gt;&lt;strong&gt;${label}&lt;/strong&gt; - ${text}&lt;/p&gt;`;
  const content =
    banner +
    block(start, 'In progress', 'Scheduled maintenance is currently in progress. We will provide updates as necessary.') +
    block(announced, 'Scheduled', rewritten);
  const newTop = movedTop
    .replace(/<published>[^<]+<\/published>/, `<published>${isoZ(start)}</published>`)
    .replace(/<updated>[^<]+<\/updated>/, `<updated>${isoZ(start)}</updated>`)
    .replace(/<content type="html">[\s\S]*?<\/content>/, `<content type="html">${content}</content>`);
  const body = moved
    .replace(movedTop, newTop)
    .replace(/(<feed[^>]*>[\s\S]*?)<updated>[^<]+<\/updated>/, `$1<updated>${isoZ(start)}</updated>`);
  return feedBehaviour(service, 'atom-maintenance', now, historyRoutes(service, body));
};

// ---------------------------------------------------------------------------------------------
// Azure status RSS

function isAzure(service: DemoService): boolean {
  return /(?:^|\.)(?:azure\.status\.microsoft|status\.azure\.com)$/.test(statusHost(service));
}

function rebrandAzure(xml: string, service: DemoService): string {
  return xml.split('status.azure.com').join(statusHost(service)).split('azure.status.microsoft').join(statusHost(service));
}

/**
 * azure-rss-incident: Azure's real status RSS of 2024-07-21 (one item, "CrowdStrike Falcon agent
 * guidance"), moved so the item's pubDate is now − 12 min; lastBuildDate moved by the same delta
 * and clamped to now; the date inside the description ("19 July 2024 at 04:09 UTC") moved by the
 * same delta; `status.azure.com` → the service's status host.
 */
const azureRssIncident: ScenarioBuilder = (service, now) => {
  const xml = feedText(FORMAT_FIXTURES.azureIncident);
  const pub = /<pubDate>([^<]+)<\/pubDate>/.exec(xml);
  if (!pub) throw new Error('azure-rss-incident: fixture has no pubDate');
  const pubMs = Date.parse(pub[1]!.replace(/ Z$/, ' GMT'));
  const delta = Math.floor((now - 12 * MIN - pubMs) / 1000) * 1000;
  const body = rebrandAzure(xml, service)
    .replace(
      /<pubDate>([^<]+)<\/pubDate>/g,
      (_w, v: string) => `<pubDate>${rfc822Z(Date.parse(v.replace(/ Z$/, ' GMT')) + delta)}</pubDate>`,
    )
    .replace(
      /<lastBuildDate>([^<]+)<\/lastBuildDate>/,
      (_w, v: string) =>
        `<lastBuildDate>${rfc822Z(Math.min(Date.parse(v.replace(/ Z$/, ' GMT')) + delta, Math.floor(now / 1000) * 1000))}</lastBuildDate>`,
    )
    .replace(
      /started on (\d{1,2}) (January|February|March|April|May|June|July|August|September|October|November|December) (\d{4}) at (\d{2}):(\d{2}) UTC/,
      (_w, d: string, mon: string, y: string, h: string, m: string) => {
        const t = Date.parse(`${d} ${mon} ${y} ${h}:${m}:00 GMT`) + delta;
        const date = new Date(t);
        const month = date.toLocaleDateString('en-GB', { month: 'long', timeZone: 'UTC' });
        return `started on ${date.getUTCDate()} ${month} ${date.getUTCFullYear()} at ${hhmm(t)} UTC`;
      },
    );
  return feedBehaviour(service, 'azure-rss-incident', now, [[statusPath(service), byteResponse(body, RSS)]]);
};

// ---------------------------------------------------------------------------------------------
// Google Cloud / Workspace incidents.json

/** The real 4-incident history, moved so its newest timestamp is `at`, offsets kept (+00:00). */
function gcpHistory(at: number, now: number): Obj[] {
  const raw = feedJson<Json[]>(FORMAT_FIXTURES.gcpHistory);
  return objs(shiftTimestamps(raw, at - latestTimestampMs(raw), { notAfter: now, keepZone: true }));
}

/** gcp-ok: the real Google Cloud history (4 ended incidents), newest timestamp now − 2 days. */
const gcpOk: ScenarioBuilder = (service, now) =>
  feedBehaviour(service, 'gcp-ok', now, [[statusPath(service), jsonResponse(gcpHistory(now - 2 * DAY, now))]]);

/** The open incident's id (the real incident 3BvH3LVGcupoYqV6F4Nw, europe-west4 cooling failure). */
export const GCP_OPEN_ID = '3BvH3LVGcupoYqV6F4Nw';

/**
 * gcp-incident: Google Cloud's real history; its incident 3BvH3LVGcupoYqV6F4Nw (Bare Metal
 * Solution, Google Cloud NetApp Volumes, VMWare engine in europe-west4; severity medium) is CHANGED
 * to be open: `end` removed; the two AVAILABLE updates and the updates written after recovery
 * ("…experienced a service outage", past tense) dropped, leaving the five updates written while it
 * was ongoing; `most_recent_update`/`modified` = the newest of those; `currently_affected_locations`
 * = its real `previously_affected_locations`. Moved so that update is now − 8 min. The other three
 * incidents are the real history, newest timestamp now − 2 days. The open incident is listed first.
 */
const gcpIncident: ScenarioBuilder = (service, now) => {
  const raw = feedJson<Json[]>(FORMAT_FIXTURES.gcpHistory);
  const all = objs(raw);
  const open = all.find((i) => i['id'] === GCP_OPEN_ID);
  if (!open) throw new Error('gcp-incident: fixture lacks the incident');
  const ongoing = objs(open['updates']).filter(
    (u) => u['status'] !== 'AVAILABLE' && !/services experienced a service outage/.test(str(u['text'])),
  );
  if (ongoing.length === 0) throw new Error('gcp-incident: no ongoing updates');
  const newest = ongoing[0]!;
  delete open['end'];
  open['updates'] = ongoing;
  open['most_recent_update'] = { ...newest };
  open['modified'] = str(newest['modified']);
  open['currently_affected_locations'] = open['previously_affected_locations'] ?? [];
  const moved = obj(shiftTimestamps(open, now - 8 * MIN - Date.parse(str(newest['when'])), { notAfter: now, keepZone: true }));
  const rest = all.filter((i) => i['id'] !== GCP_OPEN_ID);
  const history = objs(shiftTimestamps(rest, now - 2 * DAY - latestTimestampMs(rest), { notAfter: now, keepZone: true }));
  return feedBehaviour(service, 'gcp-incident', now, [[statusPath(service), jsonResponse([moved, ...history])]]);
};

// ---------------------------------------------------------------------------------------------
// AWS Health current events (UTF-16BE with BOM)

export const AWS_CONTENT_TYPE = 'application/json;charset=utf-16';

/** UTF-16BE bytes with a BOM (FE FF), as AWS serves currentevents. */
export function utf16beWithBom(text: string): Buffer {
  return Buffer.from(`\uFEFF${text}`, 'utf16le').swap16();
}

/** The real capture's events (decoded from the UTF-16BE bytes). */
export function awsEvents(): Obj[] {
  const bytes = feedBytes(FORMAT_FIXTURES.awsBin);
  if (bytes[0] !== 0xfe || bytes[1] !== 0xff) throw new Error('aws fixture: expected a UTF-16BE BOM');
  const text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return objs(JSON.parse(text) as Json);
}

/** aws-health-ok: `[]` (AWS's answer when nothing is open), as UTF-16BE with BOM. */
const awsHealthOk: ScenarioBuilder = (service, now) =>
  feedBehaviour(service, 'aws-health-ok', now, [[statusPath(service), byteResponse(utf16beWithBom('[]'), AWS_CONTENT_TYPE)]]);

/**
 * aws-event: AWS's real currentevents capture (2 open events, ME-CENTRAL-1 "UAE" and ME-SOUTH-1
 * "Bahrain", 23 + 13 log entries, 140 + 149 impacted services), decoded, moved so the newest
 * `event_log` entry is now − 5 min (whole seconds): `date` (seconds, a string), `event_log[].timestamp`
 * (seconds) and `impacted_service_status_changes[].timestamp` (milliseconds; clamped to now — in the
 * capture the newest of these is six days after the newest log entry). Re-encoded exactly as AWS
 * serves it: compact JSON, UTF-16BE with a BOM, `content-type: application/json;charset=utf-16`.
 */
const awsEvent: ScenarioBuilder = (service, now) =>
  feedBehaviour(service, 'aws-event', now, [
    [statusPath(service), byteResponse(utf16beWithBom(JSON.stringify(shiftedAwsEvents(awsEvents(), now))), AWS_CONTENT_TYPE)],
  ]);

/**
 * aws-event-ap-south-1 (issue 17, regions): the capture's first event (ME-CENTRAL-1 "UAE") with
 * every region code in it — ARN, service keys, impacted-service keys — replaced by ap-south-1 and
 * `region_name` by "Mumbai"; timed like aws-event. Texts unchanged.
 */
const awsEventApSouth1: ScenarioBuilder = (service, now) => {
  const first = awsEvents()[0]!;
  const moved = JSON.parse(JSON.stringify(first).replaceAll('me-central-1', 'ap-south-1')) as Obj;
  moved['region_name'] = 'Mumbai';
  const body = JSON.stringify(shiftedAwsEvents([moved], now));
  return feedBehaviour(service, 'aws-event-ap-south-1', now, [[statusPath(service), byteResponse(utf16beWithBom(body), AWS_CONTENT_TYPE)]]);
};

function shiftedAwsEvents(events: Obj[], now: number): Obj[] {
  const newestLog = Math.max(...events.flatMap((e) => objs(e['event_log']).map((l) => num(l['timestamp']))));
  const delta = Math.floor((now - 5 * MIN) / 1000) - newestLog; // seconds
  const nowS = Math.floor(now / 1000);
  for (const e of events) {
    e['date'] = String(Math.min(Number(str(e['date'])) + delta, nowS));
    for (const l of objs(e['event_log'])) l['timestamp'] = Math.min(num(l['timestamp']) + delta, nowS);
    for (const c of objs(e['impacted_service_status_changes'] ?? [])) c['timestamp'] = Math.min(num(c['timestamp']) + delta * 1000, now);
  }
  return events;
}

// ---------------------------------------------------------------------------------------------
// Slack api/v2.0.0/current

/** slack-ok: Slack's real `current` answer (status ok, no active incidents), moved so date_updated = now − 2 days. */
const slackOk: ScenarioBuilder = (service, now) => {
  const raw = feedJson(FORMAT_FIXTURES.slackOk);
  const body = shiftTimestamps(raw, now - 2 * DAY - Date.parse(str(raw['date_updated'])), { notAfter: now, keepZone: true });
  return feedBehaviour(service, 'slack-ok', now, [[statusPath(service), jsonResponse(body)]]);
};

/** The Slack incident slack-incident shows (real id 1570). */
export const SLACK_INCIDENT_TITLE = 'Trouble loading SSO configuration settings for some workspace admins';

/**
 * slack-incident: no real Slack `current` document with an active incident exists (see
 * test/fixtures/feeds/PROVENANCE.md), so — as the adapter's tests do — it is ASSEMBLED from real
 * parts: the real ok envelope with `status` "active", and `active_incidents` = the real history
 * incident 1570 ("Trouble loading SSO configuration settings for some workspace admins", Login/SSO)
 * with `status` "active" and its last (resolution) note removed. Moved so its newest remaining note
 * is now − 6 min (offsets kept, -07:00); the envelope's date_created/date_updated = the incident's.
 */
const slackIncident: ScenarioBuilder = (service, now) => {
  const envelope = feedJson(FORMAT_FIXTURES.slackOk);
  const inc = objs(feedJson<Json[]>(FORMAT_FIXTURES.slackHistory)).find((i) => i['id'] === 1570);
  if (!inc) throw new Error('slack-incident: fixture lacks incident 1570');
  const notes = objs(inc['notes']);
  notes.pop();
  inc['notes'] = notes;
  inc['status'] = 'active';
  const newest = Math.max(...notes.map((n) => Date.parse(str(n['date_created']))));
  inc['date_updated'] = notes[notes.length - 1]!['date_created']!;
  const moved = obj(shiftTimestamps(inc, now - 6 * MIN - newest, { notAfter: now, keepZone: true }));
  const body: Obj = {
    ...envelope,
    status: 'active',
    date_created: moved['date_created'] ?? null,
    date_updated: moved['date_updated'] ?? null,
    active_incidents: [moved],
  };
  return feedBehaviour(service, 'slack-incident', now, [[statusPath(service), jsonResponse(body)]]);
};

// ---------------------------------------------------------------------------------------------
// Apple system status (JSONP)

const APPLE_CONSUMER = '/support/systemstatus/data/system_status_en_US.js';
const APPLE_DEVELOPER = '/support/systemstatus/data/developer/system_status_en_US.js';

/** "09/19/2026 08:40 PDT": Apple's en_US date strings (Pacific time). */
function appleDate(ms: number): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: 'America/Los_Angeles',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).formatToParts(new Date(ms));
  const p = (t: string): string => parts.find((x) => x.type === t)?.value ?? '';
  return `${p('month')}/${p('day')}/${p('year')} ${p('hour')}:${p('minute')} ${p('timeZoneName')}`;
}

/**
 * Close every open event (ongoing → resolved, end = start + 95 min) and move past events so the
 * latest start/end is `pastAt`; upcoming events are moved so they start at `futureAt`. The
 * localised date strings are rewritten from the new epochs.
 */
function appleHealthy(doc: Obj, pastAt: number, futureAt: number): Obj {
  const events = objs(doc['services']).flatMap((s) => objs(s['events']));
  const open = (e: Obj): boolean => e['eventStatus'] === 'ongoing';
  const upcoming = (e: Obj): boolean => e['eventStatus'] === 'upcoming' || e['eventStatus'] === 'scheduled';
  for (const e of events) {
    if (!open(e)) continue;
    e['eventStatus'] = 'resolved';
    e['epochEndDate'] = num(e['epochStartDate']) + 95 * MIN;
    e['usersAffected'] = str(e['usersAffected']).replace(/ are affected$/, ' were affected');
  }
  const past = events.filter((e) => !upcoming(e));
  const latestPast = Math.max(
    ...past.flatMap((e) => [num(e['epochStartDate']), typeof e['epochEndDate'] === 'number' ? e['epochEndDate'] : -Infinity]),
  );
  const futures = events.filter(upcoming);
  const firstFuture = Math.min(...futures.map((e) => num(e['epochStartDate'])));
  for (const e of events) {
    const d = upcoming(e) ? futureAt - firstFuture : pastAt - latestPast;
    const s = num(e['epochStartDate']) + d;
    e['epochStartDate'] = s;
    e['startDate'] = appleDate(s);
    e['datePosted'] = appleDate(upcoming(e) ? s - 2 * DAY : Math.min(s + 30 * MIN, pastAt));
    if (typeof e['epochEndDate'] === 'number') {
      e['epochEndDate'] = e['epochEndDate'] + d;
      e['endDate'] = appleDate(e['epochEndDate']);
    }
  }
  return doc;
}

const jsonp = (doc: Obj): string => `jsonCallback(${JSON.stringify(doc)});`;

/**
 * apple-ok: consumer feed = the DOC-DERIVED consumer sample (values made up, see FIXTURES.md) with
 * its ongoing events (iCloud Mail/Drive outage, Siri performance) CHANGED to resolved 95 min after
 * they began, past events moved so the latest is now − 2 days, the upcoming Apple Music maintenance
 * moved to start in 2 days. Developer feed = the partial real sample (events verbatim, wrapper
 * reconstructed) with its ongoing App Store Connect issue resolved likewise and the researcher's
 * `_note` key dropped. Both served as JSONP `jsonCallback({...});` with localised date strings
 * rewritten from the new epochs.
 */
const appleOk: ScenarioBuilder = (service, now) => {
  const consumerText = feedText(FORMAT_FIXTURES.appleConsumer);
  const inner = /^\s*jsonCallback\(([\s\S]*)\);?\s*$/.exec(consumerText)?.[1];
  if (!inner) throw new Error('apple-ok: consumer fixture is not JSONP');
  const consumer = appleHealthy(obj(JSON.parse(inner) as Json), now - 2 * DAY, now + 2 * DAY);
  const developerRaw = feedJson(FORMAT_FIXTURES.appleDeveloper);
  delete developerRaw['_note'];
  const developer = appleHealthy({ drpost: false, drMessage: null, ...developerRaw }, now - 2 * DAY, now + 2 * DAY);
  const js = 'text/javascript; charset=utf-8';
  return feedBehaviour(service, 'apple-ok', now, [
    [statusPath(service), byteResponse(jsonp(statusPath(service).includes('/developer/') ? developer : consumer), js)],
    [APPLE_CONSUMER, byteResponse(jsonp(consumer), js)],
    [APPLE_DEVELOPER, byteResponse(jsonp(developer), js)],
  ]);
};

// ---------------------------------------------------------------------------------------------
// Heroku, status.io, Instatus, Cachet, Microsoft 365

/**
 * heroku-ok: the healthy current-status sample (copied from a third-party guide's 2026 live sample:
 * three systems green, no incidents, one stale "upcoming" maintenance whose newest update says
 * "Maintenance is complete" — kept, it is the real trap), moved so its latest time is now − 2 days.
 */
const herokuOk: ScenarioBuilder = (service, now) => {
  const raw = feedJson(FORMAT_FIXTURES.herokuHealthy);
  const body = shiftTimestamps(raw, now - 2 * DAY - latestTimestampMs(raw), { notAfter: now });
  return feedBehaviour(service, 'heroku-ok', now, [[statusPath(service), jsonResponse(body)]]);
};

/**
 * statusio-ok: GitLab's real status.io answer (23 components, all 100 Operational), moved so its
 * newest `updated` is now − 1 h. status.io serves every page from one host (api.status.io), so any
 * /1.0/status/<page id> on the host gets it.
 */
const statusioOk: ScenarioBuilder = (service, now) => {
  const raw = feedJson(FORMAT_FIXTURES.statusioGitlab);
  const r = jsonResponse(shiftTimestamps(raw, now - HOUR - latestTimestampMs(raw), { notAfter: now }));
  return feedBehaviour(service, 'statusio-ok', now, [[statusPath(service), r]], (p) =>
    /^\/1\.0\/status\/[A-Za-z0-9]+\/?$/.test(p) ? r : null,
  );
};

/** instatus-ok: the Wistia summary.json sample (page UP, no active incidents/maintenances), page name/url → the service's. */
const instatusOk: ScenarioBuilder = (service, now) => {
  const raw = feedJson(FORMAT_FIXTURES.instatusUp);
  const page = obj(raw['page']);
  page['name'] = service.name;
  page['url'] = statusOrigin(service);
  return feedBehaviour(service, 'instatus-ok', now, [[statusPath(service), jsonResponse(raw)]]);
};

/** Cachet writes zone-less "2015-08-01 12:00:00" (UTC). */
function shiftCachet<T extends Json>(v: T, delta: number): T {
  const re = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
  const walk = (x: Json): Json => {
    if (typeof x === 'string' && re.test(x))
      return new Date(Date.parse(`${x.replace(' ', 'T')}Z`) + delta).toISOString().slice(0, 19).replace('T', ' ');
    if (Array.isArray(x)) return x.map(walk);
    if (x !== null && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, y]) => [k, walk(y)]));
    return x;
  };
  return walk(v) as T;
}

/**
 * cachet-ok (no catalog entry uses Cachet today): the documented components example (one component,
 * status 1 Operational) and the documented 2.3 incidents example (one incident, status 4 Fixed),
 * both DOC examples; zone-less dates moved so the incident is 2 days old; the component link → the
 * service's origin. Routes /api/v1/components and /api/v1/incidents under the catalog base path.
 */
const cachetOk: ScenarioBuilder = (service, now) => {
  const comps = feedJson(FORMAT_FIXTURES.cachetComponents);
  const incs = feedJson(FORMAT_FIXTURES.cachetIncidentsFixed);
  const t = Date.parse(`${str(obj(objs(incs['data'])[0])['updated_at']).replace(' ', 'T')}Z`);
  const delta = now - 2 * DAY - t;
  for (const c of objs(comps['data'])) c['link'] = statusOrigin(service);
  const base = statusPath(service).replace(/\/+$/, '');
  return feedBehaviour(service, 'cachet-ok', now, [
    [`${base}/api/v1/components`, jsonResponse(shiftCachet(comps, delta))],
    [`${base}/api/v1/incidents`, jsonResponse(shiftCachet(incs, delta))],
  ]);
};

/**
 * m365-ok: the DOC-DERIVED consumer posts (ten services, values made up, see FIXTURES.md) with the
 * three rows that reported trouble (Outlook.com, Microsoft Copilot, Microsoft Teams Free) CHANGED to
 * `Available` with empty Title/Message, like the other rows; moved so the newest time is now − 1 h.
 */
const m365Ok: ScenarioBuilder = (service, now) => {
  const rows = objs(feedJson<Json[]>(FORMAT_FIXTURES.m365Mixed));
  for (const r of rows) {
    if (r['Status'] === 'Available' || r['Status'] === 'Operational') continue;
    r['Status'] = 'Available';
    r['Title'] = '';
    r['Message'] = '';
  }
  const body = shiftTimestamps(rows, now - HOUR - latestTimestampMs(rows), { notAfter: now, keepZone: true });
  return feedBehaviour(service, 'm365-ok', now, [[statusPath(service), jsonResponse(body)]]);
};

export const FORMAT_BUILDERS: Record<FormatScenarioName, ScenarioBuilder> = {
  'rss-ok': rssOk,
  'rss-statuspage-open': rssStatuspageOpen,
  'atom-maintenance': atomMaintenance,
  'azure-rss-incident': azureRssIncident,
  'gcp-ok': gcpOk,
  'gcp-incident': gcpIncident,
  'aws-health-ok': awsHealthOk,
  'aws-event': awsEvent,
  'aws-event-ap-south-1': awsEventApSouth1,
  'slack-ok': slackOk,
  'slack-incident': slackIncident,
  'apple-ok': appleOk,
  'heroku-ok': herokuOk,
  'statusio-ok': statusioOk,
  'instatus-ok': instatusOk,
  'cachet-ok': cachetOk,
  'm365-ok': m365Ok,
};
