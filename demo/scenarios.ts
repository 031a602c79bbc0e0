/**
 * Scenario builders for the demo's simulated internet.
 *
 * Every JSON body is built from a REAL captured feed in test/fixtures/feeds/ (copied unchanged from
 * the research fixtures; see demo/FIXTURES.md or test/fixtures/feeds/PROVENANCE.md). What we change,
 * and only that:
 *   - every ISO timestamp is moved by one delta so the story happens "now" (output as UTC `Z`);
 *     timestamps that would land in the future are clamped to "now" (the fixtures' page/component
 *     `updated_at` are sometimes later than the anchor), except maintenance windows
 *     (`scheduled_for`, `scheduled_until`), which are legitimately in the future;
 *   - the page name/url become the catalog service's, the fixture's status host inside strings
 *     becomes the service's, and `shortlink` (stspg.io, unreachable here) becomes
 *     `<status url>/incidents/<id>` (the newer form Statuspage uses);
 *   - per-scenario edits listed on each builder (status changes, dropped updates, synthetic text).
 *
 * A scenario is built once when it is set (with the time it was set as "now") and then served
 * unchanged, so bodies and ETags are stable and conditional requests work.
 */
import type { OfficialKind } from '../core/official/kinds';
import type { CrowdScenarioName } from './crowd';
import { CROWD_DESCRIPTIONS, CROWD_SCENARIO_NAMES } from './crowd';
import type { FormatScenarioName } from './formats';
import { FORMAT_BUILDERS, FORMAT_DESCRIPTIONS, FORMAT_EXPECTED } from './formats';
import type { PlatformScenarioName } from './platforms';
import { PLATFORM_BUILDERS, PLATFORM_DESCRIPTIONS, PLATFORM_EXPECTED } from './platforms';
import type { DemoService, FeedResponse, Json, Obj, ScenarioBehaviour, ScenarioBuilder } from './kit';
import {
  DAY,
  HOUR,
  MIN,
  arr,
  escapeHtml,
  feedJson,
  htmlResponse,
  jsonResponse,
  latestTimestampMs,
  obj,
  objs,
  replaceInStrings,
  shiftTimestamps,
  statusHost,
  statusOrigin,
  statusPageHtml as kitStatusPageHtml,
  str,
  isoSeconds,
} from './kit';

export { escapeHtml, etagOf, jsonResponse, shiftTimestamps, ISO_DATE_TIME, type ShiftOptions } from './kit';
export type { DemoService, FeedResponse, ScenarioBehaviour, ScenarioBuilder } from './kit';

/** Scenarios for an official status host (what its feed answers). */
export const STATUS_SCENARIO_NAMES = [
  'sp-ok',
  'sp-incident',
  'sp-maintenance',
  'sp-resolved',
  'sp-hostile',
  'sp-copilot-incident',
  'sp-copilot-monitoring',
  'io-ok',
  'io-incident',
  'http-503',
  'html',
  'timeout',
  ...(Object.keys(FORMAT_DESCRIPTIONS) as FormatScenarioName[]),
  ...(Object.keys(PLATFORM_DESCRIPTIONS) as PlatformScenarioName[]),
] as const;
export type StatusScenarioName =
  | 'sp-ok'
  | 'sp-incident'
  | 'sp-maintenance'
  | 'sp-resolved'
  | 'sp-hostile'
  | 'sp-copilot-incident'
  | 'sp-copilot-monitoring'
  | 'io-ok'
  | 'io-incident'
  | 'http-503'
  | 'html'
  | 'timeout'
  | FormatScenarioName
  | PlatformScenarioName;

/** Scenarios for a site host (what happens when the browser opens it). */
export const SITE_SCENARIO_NAMES = ['site-ok', 'site-refused', 'site-503', 'site-404'] as const;
export type SiteScenarioName = (typeof SITE_SCENARIO_NAMES)[number];

export { CROWD_SCENARIO_NAMES, type CrowdScenarioName } from './crowd';

export const SCENARIO_NAMES = [...STATUS_SCENARIO_NAMES, ...CROWD_SCENARIO_NAMES, ...SITE_SCENARIO_NAMES] as const;
export type ScenarioName = StatusScenarioName | CrowdScenarioName | SiteScenarioName;

export function isScenarioName(x: unknown): x is ScenarioName {
  return typeof x === 'string' && (SCENARIO_NAMES as readonly string[]).includes(x);
}
export function isStatusScenario(x: unknown): x is StatusScenarioName {
  return typeof x === 'string' && (STATUS_SCENARIO_NAMES as readonly string[]).includes(x);
}
export function isCrowdScenario(x: unknown): x is CrowdScenarioName {
  return typeof x === 'string' && (CROWD_SCENARIO_NAMES as readonly string[]).includes(x);
}
export function isSiteScenario(x: unknown): x is SiteScenarioName {
  return typeof x === 'string' && (SITE_SCENARIO_NAMES as readonly string[]).includes(x);
}

/** One line per scenario, for banners and the control API. */
export const SCENARIO_DESCRIPTIONS: Record<ScenarioName, string> = {
  'sp-ok': 'Statuspage: all systems operational, last incident resolved 2+ days ago',
  'sp-incident': 'Statuspage: open major incident (investigating), latest update 4 min ago',
  'sp-maintenance': 'Statuspage: scheduled maintenance in progress (started 30 min ago, ends in 90 min)',
  'sp-resolved': 'Statuspage: operational; last incident resolved 20 min ago',
  'sp-hostile': 'Statuspage: open incident whose title and update contain HTML/script',
  'sp-copilot-incident':
    'Statuspage: a real Copilot-only GitHub incident open (minor, latest update 4 min ago); Copilot degraded, all else operational',
  'sp-copilot-monitoring': 'Statuspage: the same Copilot incident, now "monitoring" (fix applied) with its real mitigation update',
  'io-ok': 'incident.io compat API: operational, incidents all resolved 2+ days ago',
  'io-incident': 'incident.io compat API: open incident (identified), latest update 6 min ago',
  'http-503': 'status host answers 503 {"error":"unavailable"} with Retry-After: 120',
  html: 'status host answers 200 text/html ("We\'ve moved") where JSON is expected',
  timeout: 'status host accepts the connection and never answers',
  ...FORMAT_DESCRIPTIONS,
  ...PLATFORM_DESCRIPTIONS,
  ...CROWD_DESCRIPTIONS,
  'site-ok': 'site: a simulated page',
  'site-refused': 'site: the connection is reset right after the TLS ClientHello (Chromium: net::ERR_CONNECTION_RESET)',
  'site-503': 'site: every request to the host is answered HTTP 503 (CORS open) — an API host that is down while the page loads',
  'site-404': 'site: every request to the host is answered HTTP 404 (CORS open) — the host is up, the request was wrong',
};

/** The verdict a correct extension should show for a service whose feed is in this scenario (official evidence alone). */
export const EXPECTED_VERDICT: Record<StatusScenarioName, 'ok' | 'acknowledged' | 'maintenance' | 'resolved' | 'unknown'> = {
  'sp-ok': 'ok',
  'sp-incident': 'acknowledged',
  'sp-maintenance': 'maintenance',
  'sp-resolved': 'resolved',
  'sp-hostile': 'acknowledged',
  'sp-copilot-incident': 'acknowledged',
  'sp-copilot-monitoring': 'acknowledged',
  'io-ok': 'ok',
  'io-incident': 'acknowledged',
  'http-503': 'unknown',
  html: 'unknown',
  timeout: 'unknown',
  ...FORMAT_EXPECTED,
  ...PLATFORM_EXPECTED,
};

/** The healthy scenario of each feed kind: what a catalog service gets when the world does not name it. */
export const HEALTHY_SCENARIO: Record<OfficialKind, StatusScenarioName> = {
  statuspage: 'sp-ok',
  incidentio: 'io-ok',
  rss: 'rss-ok',
  gcp: 'gcp-ok',
  'aws-health': 'aws-health-ok',
  slack: 'slack-ok',
  apple: 'apple-ok',
  heroku: 'heroku-ok',
  statusio: 'statusio-ok',
  instatus: 'instatus-ok',
  cachet: 'cachet-ok',
  m365: 'm365-ok',
  betterstack: 'betterstack-ok',
  rootly: 'rootly-ok',
  sorry: 'sorry-ok',
  uptimekuma: 'uptimekuma-ok',
  gatus: 'gatus-ok',
  hund: 'hund-ok',
};

/** The exact strings sp-hostile injects (tests assert they are shown as text, never run). */
export const HOSTILE_UPDATE_BODY = '<img src=x onerror="window.x=1">Investigating <script>window.y=2</script>';
export const HOSTILE_INCIDENT_NAME = '<b>Hostile</b> title';

// ---------------------------------------------------------------------------------------------
// Fixtures

export const FIXTURE_FILES = {
  spOperational: 'statuspage-summary-github-all-operational-20191230.json',
  spMajorOutage: 'statuspage-summary-github-active-incident-major-outage-20200402.json',
  spMaintenances: 'statuspage-scheduled-maintenances-codametrix-completed-trimmed.json',
  spResolvedIncidents: 'statuspage-incidents-github-resolved-with-component-transitions.json',
  ghHistoryComponents: 'github-history-incidents-with-components.json',
  ioComponents: 'incidentio-statuspage-compat-components-openai-trimmed.json',
  ioStatus: 'incidentio-statuspage-compat-status-openai-operational.json',
  ioIncidents: 'incidentio-statuspage-compat-incidents-openai-active-identified-trimmed.json',
} as const;

/** A fresh deep copy of a fixture on every call (builders mutate what they get). */
function fixture(key: keyof typeof FIXTURE_FILES): Obj {
  return feedJson(FIXTURE_FILES[key]);
}

/** Latest `created_at` among an incident's updates (falls back to the incident's `updated_at`). */
export function latestUpdateMs(incident: Obj): number {
  const times = objs(incident['incident_updates'] ?? []).map((u) => Date.parse(str(u['created_at'])));
  if (times.length === 0) return Date.parse(str(incident['updated_at']));
  return Math.max(...times);
}

// ---------------------------------------------------------------------------------------------
// Rebranding

/** Page envelope: the service's name and url; the fixture's id, time zone and (shifted) updated_at. */
function rebrandPage(page: Obj, service: DemoService): Obj {
  const trailingSlash = str(page['url']).endsWith('/');
  const url = statusOrigin(service) + (trailingSlash ? '/' : '');
  return { ...page, name: service.name, url };
}

function fixShortlinks(incidents: Obj[], service: DemoService): void {
  for (const inc of incidents) {
    if ('shortlink' in inc) inc['shortlink'] = `${statusOrigin(service)}/incidents/${str(inc['id'])}`;
  }
}

/** A small HTML page for humans who follow a link to the (simulated) status page itself. */
function statusPageHtml(service: DemoService, scenario: StatusScenarioName, setAt: number): FeedResponse {
  return kitStatusPageHtml(service, scenario, SCENARIO_DESCRIPTIONS[scenario], setAt, '/api/v2/summary.json');
}

const STATUSPAGE_404: FeedResponse = {
  // Real Statuspage answers unknown API paths with an empty 404 body.
  status: 404,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  body: '',
};

function incidentIo404(): FeedResponse {
  // incident.io answers unknown paths (incl. /api/v2/incidents/unresolved.json) with an HTML 404.
  return htmlResponse(
    '<!doctype html><html><head><title>Page not found</title></head><body><h1>404</h1><p>Page not found</p></body></html>\n',
    404,
  );
}

// ---------------------------------------------------------------------------------------------
// Atlassian Statuspage

interface StatuspageParts {
  page: Obj;
  components: Obj[];
  /** Incidents, newest first; open ones go to summary/unresolved, all to incidents.json. */
  incidents: Obj[];
  maintenances: Obj[];
  status: Obj;
}

const OPEN_INCIDENT = new Set(['investigating', 'identified', 'monitoring']);
const ACTIVE_MAINTENANCE = new Set(['in_progress', 'verifying']);

function statuspageBehaviour(parts: StatuspageParts, service: DemoService, scenario: StatusScenarioName, now: number): ScenarioBehaviour {
  const { page, components, incidents, maintenances, status } = parts;
  fixShortlinks(incidents, service);
  fixShortlinks(maintenances, service);
  const open = incidents.filter((i) => OPEN_INCIDENT.has(str(i['status'])));
  const active = maintenances.filter((m) => ACTIVE_MAINTENANCE.has(str(m['status'])));
  const upcoming = maintenances.filter((m) => str(m['status']) === 'scheduled');
  const routes = new Map<string, FeedResponse>([
    ['/api/v2/summary.json', jsonResponse({ page, components, incidents: open, scheduled_maintenances: [...upcoming, ...active], status })],
    ['/api/v2/status.json', jsonResponse({ page, status })],
    ['/api/v2/components.json', jsonResponse({ page, components })],
    ['/api/v2/incidents.json', jsonResponse({ page, incidents })],
    ['/api/v2/incidents/unresolved.json', jsonResponse({ page, incidents: open })],
    ['/api/v2/scheduled-maintenances.json', jsonResponse({ page, scheduled_maintenances: maintenances })],
    ['/api/v2/scheduled-maintenances/active.json', jsonResponse({ page, scheduled_maintenances: active })],
    ['/api/v2/scheduled-maintenances/upcoming.json', jsonResponse({ page, scheduled_maintenances: upcoming })],
  ]);
  return {
    type: 'respond',
    routes,
    fallback: (pathname) => (pathname.startsWith('/api/') ? STATUSPAGE_404 : statusPageHtml(service, scenario, now)),
  };
}

/** All-operational summary (GitHub 2019-12-30), shifted so page.updated_at = `pageUpdatedAt`. */
function operationalSummary(service: DemoService, pageUpdatedAt: number, now: number): { page: Obj; components: Obj[]; status: Obj } {
  const raw = fixture('spOperational');
  const delta = pageUpdatedAt - Date.parse(str(obj(raw['page'])['updated_at']));
  const s = replaceInStrings(
    shiftTimestamps(raw, delta, { notAfter: now }),
    new URL(str(obj(raw['page'])['url'])).host,
    statusHost(service),
  );
  return { page: rebrandPage(obj(s['page']), service), components: objs(s['components']), status: obj(s['status']) };
}

/**
 * Past incidents (GitHub 2024-09-16: two resolved incidents with component transitions), shifted
 * so that `anchor` lands on `at`: 'resolved' = the newest incident's `resolved_at`; 'latest' = the
 * latest timestamp anywhere in them (so nothing is newer than `at`).
 */
function resolvedIncidents(service: DemoService, at: number, anchor: 'resolved' | 'latest', now: number): { page: Obj; incidents: Obj[] } {
  const raw = fixture('spResolvedIncidents');
  const incs = objs(raw['incidents']);
  const from =
    anchor === 'resolved' ? Math.max(...incs.map((i) => Date.parse(str(i['resolved_at'])))) : latestTimestampMs(raw['incidents'] ?? null);
  const s = replaceInStrings(
    shiftTimestamps(raw, at - from, { notAfter: now }),
    new URL(str(obj(raw['page'])['url'])).host,
    statusHost(service),
  );
  return { page: rebrandPage(obj(s['page']), service), incidents: objs(s['incidents']) };
}

/** Incidents all resolved at least two days before `now`. */
function pastIncidents(service: DemoService, now: number): Obj[] {
  return resolvedIncidents(service, now - 2 * DAY, 'latest', now).incidents;
}

/** Statuspage's auto-generated title "Incident on 2020-04-02 20:20 UTC" follows the shifted start. */
function retitleGenerated(incident: Obj): void {
  const name = incident['name'];
  if (typeof name === 'string' && /^Incident on \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/.test(name)) {
    const iso = new Date(Date.parse(str(incident['created_at']))).toISOString();
    incident['name'] = `Incident on ${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
  }
}

/** sp-ok: GitHub's all-operational summary; incidents.json holds incidents resolved ≥ 2 days ago. */
const spOk: ScenarioBuilder = (service, now) => {
  const { page, components, status } = operationalSummary(service, now - HOUR, now);
  const past = pastIncidents(service, now);
  return statuspageBehaviour({ page, components, incidents: past, maintenances: [], status }, service, 'sp-ok', now);
};

/**
 * sp-incident: GitHub's 2020-04-02 summary (open `investigating` incident, impact major, 6
 * components major_outage) shifted so the latest update is now − 4 min. The auto-generated title
 * is re-dated to the shifted start. incidents.json = that incident + incidents resolved ≥ 2 days ago.
 */
function incidentParts(service: DemoService, now: number): StatuspageParts {
  const raw = fixture('spMajorOutage');
  const latest = Math.max(...objs(raw['incidents']).map(latestUpdateMs));
  const s = replaceInStrings(
    shiftTimestamps(raw, now - 4 * MIN - latest, { notAfter: now }),
    new URL(str(obj(raw['page'])['url'])).host,
    statusHost(service),
  );
  const open = objs(s['incidents']);
  open.forEach(retitleGenerated);
  const past = pastIncidents(service, now);
  return {
    page: rebrandPage(obj(s['page']), service),
    components: objs(s['components']),
    incidents: [...open, ...past],
    maintenances: [],
    status: obj(s['status']),
  };
}
const spIncident: ScenarioBuilder = (service, now) => statuspageBehaviour(incidentParts(service, now), service, 'sp-incident', now);

/**
 * sp-copilot-incident (issue 17, "the part in front of you"): GitHub's all-operational summary plus
 * a "Copilot" component (copied from "Git Operations", renamed, `degraded`) and the real
 * Copilot-only incident of 2026-08-10 from the githubstatus.com history archive, re-opened
 * (`investigating`, impact minor as posted) with its first update's text, posted now − 4 min.
 * Page indicator minor ("Minor Service Outage").
 */
const spCopilotIncident: ScenarioBuilder = (service, now) => copilotIncident(service, now, false);

/**
 * sp-copilot-monitoring (issue 17 item 7, "monitoring is not broken"): sp-copilot-incident with the
 * incident in `monitoring` — its first update, then the archive's real mitigation update ("The
 * degradation has been mitigated. We are monitoring to ensure stability.") posted now − 4 min.
 */
const spCopilotMonitoring: ScenarioBuilder = (service, now) => copilotIncident(service, now, true);

function copilotIncident(service: DemoService, now: number, monitoring: boolean): ScenarioBehaviour {
  const { page, components } = operationalSummary(service, now - HOUR, now);
  const row = objs(feedJson<Json>(FIXTURE_FILES.ghHistoryComponents)).find((r) => JSON.stringify(r['components']) === '["Copilot"]');
  if (!row) throw new Error('sp-copilot-incident: no Copilot-only incident in the fixture');
  const template = components.find((c) => str(c['name']) === 'Git Operations') ?? components[0]!;
  const copilot: Obj = {
    ...template,
    id: 'copilot00000',
    name: 'Copilot',
    status: 'degraded',
    description: 'Copilot',
    position: components.length + 1,
  };
  const at = new Date(now - 4 * MIN).toISOString();
  const started = new Date(now - 20 * MIN).toISOString();
  const updates = objs(row['updates']);
  const first = updates[0]!;
  const mitigated = updates.find((u) => /mitigated/i.test(str(u['message'])));
  if (monitoring && !mitigated) throw new Error('sp-copilot-monitoring: no mitigation update in the fixture');
  const opened = new Date(now - 16 * MIN).toISOString();
  const incidentUpdates = monitoring
    ? [
        {
          id: `m${str(row['id'])}`,
          status: 'monitoring',
          body: str(mitigated!['message']),
          created_at: at,
          updated_at: at,
          display_at: at,
        },
        {
          id: `u${str(row['id'])}`,
          status: 'investigating',
          body: str(first['message']),
          created_at: opened,
          updated_at: opened,
          display_at: opened,
        },
      ]
    : [{ id: `u${str(row['id'])}`, status: 'investigating', body: str(first['message']), created_at: at, updated_at: at, display_at: at }];
  const incident: Obj = {
    id: `gh${str(row['id'])}`,
    name: str(row['title']),
    status: monitoring ? 'monitoring' : 'investigating',
    impact: str(row['impact']),
    created_at: started,
    updated_at: at,
    started_at: started,
    monitoring_at: monitoring ? at : null,
    resolved_at: null,
    shortlink: '',
    page_id: str(page['id']),
    incident_updates: incidentUpdates,
    components: [copilot],
  };
  return statuspageBehaviour(
    {
      page,
      components: [...components, copilot],
      incidents: [incident, ...pastIncidents(service, now)],
      maintenances: [],
      status: { indicator: 'minor', description: 'Minor Service Outage' },
    },
    service,
    monitoring ? 'sp-copilot-monitoring' : 'sp-copilot-incident',
    now,
  );
}

/**
 * sp-hostile: sp-incident, but the open incident's newest update body is HOSTILE_UPDATE_BODY and
 * its name HOSTILE_INCIDENT_NAME (the same object backs summary, incidents and unresolved).
 */
const spHostile: ScenarioBuilder = (service, now) => {
  const parts = incidentParts(service, now);
  const inc = parts.incidents.find((i) => OPEN_INCIDENT.has(str(i['status'])));
  if (!inc) throw new Error('sp-hostile: fixture has no open incident');
  inc['name'] = HOSTILE_INCIDENT_NAME;
  const first = objs(inc['incident_updates'])[0];
  if (!first) throw new Error('sp-hostile: fixture incident has no update');
  first['body'] = HOSTILE_UPDATE_BODY;
  return statuspageBehaviour(parts, service, 'sp-hostile', now);
};

/**
 * sp-maintenance: GitHub's all-operational summary with its first showcased component
 * `under_maintenance` and status indicator `maintenance`, plus one scheduled maintenance based on
 * CodaMetrix's "Routine Maintenance" (2026-07-17), CHANGED to be in progress now:
 *   - shifted so `scheduled_for` = now − 30 min; `scheduled_until` set to now + 90 min;
 *   - status `completed` → `in_progress`; `resolved_at`/`monitoring_at` → null;
 *     the `verifying` and `completed` updates are dropped (keeps Scheduled → In progress);
 *   - `started_at` = now − 30 min; `updated_at` = the In-progress update;
 *   - affected component = the service's component; `page_id` = the page's;
 *   - the Scheduled update's body named the original 24-hour window (July 17–18); it is rewritten
 *     in the same words for the synthetic window.
 */
const spMaintenance: ScenarioBuilder = (service, now) => {
  const start = now - 30 * MIN;
  const end = now + 90 * MIN;
  const { page, components } = operationalSummary(service, start, now);
  const target = components.find((c) => c['showcase'] === true && c['group'] !== true) ?? components[0];
  if (!target) throw new Error('sp-maintenance: fixture has no components');
  target['status'] = 'under_maintenance';
  target['updated_at'] = new Date(start).toISOString();
  const pageStatus: Obj = { indicator: 'maintenance', description: 'Under Maintenance' };

  const rawM = obj(arr(fixture('spMaintenances')['scheduled_maintenances'])[0]);
  const m = shiftTimestamps(rawM, start - Date.parse(str(rawM['scheduled_for'])), { notAfter: now });
  const ref = { code: str(target['id']), name: str(target['name']) };
  const updates = objs(m['incident_updates']).filter((u) => u['status'] === 'in_progress' || u['status'] === 'scheduled');
  for (const u of updates) {
    const moving = u['status'] === 'in_progress';
    u['affected_components'] = [{ ...ref, old_status: 'operational', new_status: moving ? 'under_maintenance' : 'operational' }];
    if (u['status'] === 'scheduled') {
      const hhmm = (t: number): string => new Date(t).toISOString().slice(11, 16);
      u['body'] =
        `We are performing routine system maintenance between ${hhmm(start)} and ${hhmm(end)} UTC. ` +
        'You may experience minor delays during this time. \n\nAll updates will be communicated via Statuspage.';
    }
  }
  const inProgress = updates.find((u) => u['status'] === 'in_progress');
  Object.assign(m, {
    status: 'in_progress',
    impact: 'maintenance',
    monitoring_at: null,
    resolved_at: null,
    started_at: new Date(start).toISOString(),
    updated_at: inProgress ? str(inProgress['created_at']) : new Date(start).toISOString(),
    page_id: page['id'] ?? null,
    incident_updates: updates,
    components: [{ ...target }],
    scheduled_for: new Date(start).toISOString(),
    scheduled_until: new Date(end).toISOString(),
  } satisfies Obj);

  const past = pastIncidents(service, now);
  return statuspageBehaviour({ page, components, incidents: past, maintenances: [m], status: pageStatus }, service, 'sp-maintenance', now);
};

/**
 * sp-resolved: all-operational summary with no open incidents; incidents.json is GitHub's
 * 2024-09-16 pair shifted so the newest `resolved_at` = now − 20 min.
 */
const spResolved: ScenarioBuilder = (service, now) => {
  const resolvedAt = now - 20 * MIN;
  const { page, components, status } = operationalSummary(service, resolvedAt, now);
  const { incidents } = resolvedIncidents(service, resolvedAt, 'resolved', now);
  return statuspageBehaviour({ page, components, incidents, maintenances: [], status }, service, 'sp-resolved', now);
};

// ---------------------------------------------------------------------------------------------
// incident.io Statuspage-compatible shim

function incidentIoBehaviour(
  service: DemoService,
  scenario: StatusScenarioName,
  now: number,
  incidents: Obj[],
  delta: number,
): ScenarioBehaviour {
  const shiftedStatus = shiftTimestamps(fixture('ioStatus'), delta, { notAfter: now });
  const status = obj(shiftedStatus['status']);
  const components = objs(shiftTimestamps(fixture('ioComponents'), delta, { notAfter: now })['components']);
  // page: {id, name, url, updated_at}, no time_zone (as incident.io serves it); updated_at is
  // never older than the newest incident change.
  const page = rebrandPage(obj(shiftedStatus['page']), service);
  const newest = Math.min(Math.max(Date.parse(str(page['updated_at'])), latestTimestampMs(incidents)), now);
  page['updated_at'] = isoSeconds(newest);
  const routes = new Map<string, FeedResponse>([
    // summary.json has no `incidents` / `scheduled_maintenances` keys on incident.io (2026).
    ['/api/v2/summary.json', jsonResponse({ page, components, status })],
    ['/api/v2/status.json', jsonResponse({ page, status })],
    // components.json has no page envelope on incident.io.
    ['/api/v2/components.json', jsonResponse({ components })],
    ['/api/v2/incidents.json', jsonResponse({ page, incidents })],
  ]);
  return {
    type: 'respond',
    routes,
    fallback: (pathname) => (pathname.startsWith('/api/') ? incidentIo404() : statusPageHtml(service, scenario, now)),
  };
}

/**
 * io-incident: OpenAI's compat incidents.json (2026-09-19: one open `identified` incident, two
 * resolved) shifted so the OPEN incident's latest update is now − 6 min. Status stays OpenAI's
 * real `indicator: none` (incident.io did say "All Systems Operational" while this was open).
 */
const ioIncident: ScenarioBuilder = (service, now) => {
  const raw = fixture('ioIncidents');
  const open = objs(raw['incidents']).find((i) => str(i['status']) !== 'resolved');
  if (!open) throw new Error('io-incident: fixture has no open incident');
  const delta = now - 6 * MIN - latestUpdateMs(open);
  const s = shiftTimestamps(raw, delta, { notAfter: now });
  return incidentIoBehaviour(service, 'io-incident', now, objs(s['incidents']), delta);
};

/**
 * io-ok: the same incidents, the open one CHANGED to resolved (status `resolved`, a synthetic
 * final update 30 min after its last one, worded like the fixture's other resolutions, and
 * `resolved_at`), then everything shifted so the latest timestamp is now − 2 days.
 */
const ioOk: ScenarioBuilder = (service, now) => {
  const raw = fixture('ioIncidents');
  for (const inc of objs(raw['incidents'])) {
    if (str(inc['status']) === 'resolved') continue;
    const at = isoSeconds(latestUpdateMs(inc) + 30 * MIN);
    const updates = objs(inc['incident_updates']);
    updates.unshift({
      id: `${str(inc['id']).slice(0, 20)}DEMORESOLVE`,
      body: 'All impacted services have now fully recovered.',
      created_at: at,
      display_at: at,
      incident_id: str(inc['id']),
      status: 'resolved',
      updated_at: at,
    });
    inc['incident_updates'] = updates;
    inc['status'] = 'resolved';
    inc['updated_at'] = at;
    inc['resolved_at'] = at;
  }
  const delta = now - 2 * DAY - latestTimestampMs(raw);
  const s = shiftTimestamps(raw, delta, { notAfter: now });
  return incidentIoBehaviour(service, 'io-ok', now, objs(s['incidents']), delta);
};

// ---------------------------------------------------------------------------------------------
// Broken feeds

const http503: ScenarioBuilder = () => {
  const r: FeedResponse = {
    status: 503,
    headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': '120', 'cache-control': 'no-store' },
    body: JSON.stringify({ error: 'unavailable' }),
  };
  return { type: 'respond', routes: new Map(), fallback: () => r };
};

const html: ScenarioBuilder = (service) => {
  const r = htmlResponse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>We've moved</title></head>
<body><h1>We've moved</h1><p>The ${escapeHtml(service.name)} status page has a new home. Please update your bookmarks.</p></body></html>
`);
  return { type: 'respond', routes: new Map(), fallback: () => r };
};

const timeout: ScenarioBuilder = () => ({ type: 'hang' });

export const scenarios: Record<StatusScenarioName, ScenarioBuilder> = {
  'sp-ok': spOk,
  'sp-incident': spIncident,
  'sp-maintenance': spMaintenance,
  'sp-resolved': spResolved,
  'sp-hostile': spHostile,
  'sp-copilot-incident': spCopilotIncident,
  'sp-copilot-monitoring': spCopilotMonitoring,
  'io-ok': ioOk,
  'io-incident': ioIncident,
  'http-503': http503,
  html,
  timeout,
  ...FORMAT_BUILDERS,
  ...PLATFORM_BUILDERS,
};

export function buildScenario(name: StatusScenarioName, service: DemoService, now: number): ScenarioBehaviour {
  return scenarios[name](service, now);
}

/**
 * Convenience for tests and scripts: the bodies a scenario serves, by path (empty for
 * `timeout`; for http-503/html only the fallback, under '*').
 */
export function scenarioResponses(name: StatusScenarioName, service: DemoService, now: number): Map<string, FeedResponse> {
  const b = buildScenario(name, service, now);
  if (b.type === 'hang') return new Map();
  const out = new Map(b.routes);
  if (out.size === 0) out.set('*', b.fallback('/'));
  return out;
}
