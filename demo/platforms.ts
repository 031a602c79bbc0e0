/**
 * Scenario builders for the status platforms added for issue 12: Better Stack, Rootly, Sorry,
 * Uptime Kuma and Gatus. As in demo/formats.ts, every body is built from a file in
 * test/fixtures/feeds/ (which ones are live captures and which are doc-derived is said in
 * PROVENANCE.md); what each builder changes is listed on it. Times move so the story happens "now".
 *
 * Each platform serves its feed at the platform's own path on the status host, whatever the
 * service's catalog URL path, so a host can be put in one of these scenarios with
 * `setScenario('status.example.com', 'betterstack-ok')` whether or not the catalog names it
 * (the "add a custom status page" and "find a status page" tests do exactly that).
 */
import type { DemoService, FeedResponse, Json, Obj, ScenarioBehaviour, ScenarioBuilder } from './kit';
import {
  DAY,
  HOUR,
  MIN,
  feedJson,
  feedText,
  jsonResponse,
  latestTimestampMs,
  obj,
  objs,
  shiftTimestamps,
  statusPageHtml,
  statusPath,
} from './kit';

export const PLATFORM_FIXTURES = {
  betterstack: 'betterstack-index-huggingface-operational-trimmed.json',
  rootly: 'rootly-status-doc-example-operational.json',
  sorry: 'sorry-components-doc-derived-partially-degraded.json',
  kumaPage: 'uptimekuma-status-page-doc-derived-incident.json',
  kumaBeats: 'uptimekuma-heartbeat-doc-derived-mail-down.json',
  gatus: 'gatus-endpoints-statuses-upstream-test-failing.json',
  hund: 'hund-live-status-page-doc-derived-degraded.txt',
} as const;

export const PLATFORM_DESCRIPTIONS = {
  'betterstack-ok': 'Better Stack index.json (Hugging Face capture): operational, last report resolved 2+ days ago',
  'betterstack-incident': 'Better Stack index.json: the "Hub unavailable" report open (downtime), first update 10 min ago',
  'rootly-ok': 'Rootly api/v1/status.json: indicator none, no incidents',
  'sorry-ok': 'Sorry components API: every component operational',
  'uptimekuma-ok': 'Uptime Kuma status page: every monitor up, no pinned message',
  'uptimekuma-down': 'Uptime Kuma status page: Mail down (last heartbeat 1 min ago), a pinned "danger" message 10 min old',
  'gatus-ok': 'Gatus endpoint statuses: newest result of every endpoint passed',
  'hund-ok': 'Hund live stream: init_event operational, no issues (the server then keeps the stream open, as a live one does)',
} as const;

export type PlatformScenarioName = keyof typeof PLATFORM_DESCRIPTIONS;

export const PLATFORM_EXPECTED: Record<PlatformScenarioName, 'ok' | 'acknowledged'> = {
  'betterstack-ok': 'ok',
  'betterstack-incident': 'acknowledged',
  'rootly-ok': 'ok',
  'sorry-ok': 'ok',
  'uptimekuma-ok': 'ok',
  'uptimekuma-down': 'acknowledged',
  'gatus-ok': 'ok',
  'hund-ok': 'ok',
};

/** The title of the Better Stack report the incident scenario opens (tests look for it). */
export const BETTERSTACK_INCIDENT_TITLE = 'Hub unavailable';
/** The Uptime Kuma pinned message of `uptimekuma-down`. */
export const KUMA_INCIDENT_TITLE = 'Mail delivery delayed';

const NOT_FOUND: FeedResponse = { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Not Found\n' };

/** Exact routes (plus the service's own feed path), a path matcher for per-slug APIs, else a page for humans / 404 for APIs. */
function behaviour(
  service: DemoService,
  scenario: PlatformScenarioName,
  now: number,
  routes: [string, FeedResponse][],
  match?: (pathname: string) => FeedResponse | null,
): ScenarioBehaviour {
  const map = new Map(routes);
  const own = statusPath(service);
  if (own !== '/' && !map.has(own) && routes[0]) map.set(own, routes[0][1]);
  const human = statusPageHtml(service, scenario, PLATFORM_DESCRIPTIONS[scenario], now, routes[0]?.[0] ?? own);
  return {
    type: 'respond',
    routes: map,
    fallback: (pathname) => match?.(pathname) ?? (/^\/(?:api|v1)\//.test(pathname) || pathname.endsWith('.json') ? NOT_FOUND : human),
  };
}

/** Zone-less UTC as Uptime Kuma writes it: "2026-09-18 08:21:00.456". */
const kumaTime = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

// ---------------------------------------------------------------------------------------------
// Better Stack

/** Captured page with its company name → the service's, dates moved so the newest is `newest`. */
function betterstackDoc(service: DemoService, newest: number): Obj {
  const raw = feedJson(PLATFORM_FIXTURES.betterstack);
  const doc = shiftTimestamps(raw, newest - latestTimestampMs(raw));
  obj(obj(doc['data'])['attributes'])['company_name'] = service.name;
  return doc;
}

/** betterstack-ok: the capture as is (operational; its three reports resolved), newest time now − 2 days. */
const betterstackOk: ScenarioBuilder = (service, now) =>
  behaviour(service, 'betterstack-ok', now, [['/index.json', jsonResponse(betterstackDoc(service, now - 2 * DAY))]]);

/**
 * betterstack-incident: the capture, CHANGED: page and "Huggingface Hub" resource `downtime`; the
 * "Hub unavailable" report re-opened (aggregate_state `downtime`) with only its first update (the
 * outage notice, 10 min ago; the mitigation and resolution updates dropped).
 */
const betterstackIncident: ScenarioBuilder = (service, now) => {
  const doc = betterstackDoc(service, now - 2 * DAY);
  obj(obj(doc['data'])['attributes'])['aggregate_state'] = 'downtime';
  const included = objs(doc['included']);
  for (const r of included) {
    const a = obj(r['attributes']);
    if (r['type'] === 'status_page_resource') a['status'] = 'downtime';
    if (r['type'] === 'status_report' && a['title'] === BETTERSTACK_INCIDENT_TITLE) {
      a['aggregate_state'] = 'downtime';
      a['starts_at'] = new Date(now - 10 * MIN).toISOString();
      obj(obj(r['relationships'])['status_updates'])['data'] = [{ id: '5410504', type: 'status_update' }];
    }
    if (r['type'] === 'status_update' && r['id'] === '5410504') a['published_at'] = new Date(now - 10 * MIN).toISOString();
  }
  doc['included'] = included.filter((r) => r['id'] !== '5410962' && r['id'] !== '5410587');
  return behaviour(service, 'betterstack-incident', now, [['/index.json', jsonResponse(doc)]]);
};

// ---------------------------------------------------------------------------------------------
// Rootly, Sorry

/** rootly-ok: Rootly's documented example, page name/url → the service's, updated_at → now − 1 h. */
const rootlyOk: ScenarioBuilder = (service, now) => {
  const doc = feedJson(PLATFORM_FIXTURES.rootly);
  const page = obj(doc['page']);
  page['name'] = service.name;
  page['url'] = new URL(service.statusUrl).origin;
  page['updated_at'] = new Date(now - HOUR).toISOString();
  return behaviour(service, 'rootly-ok', now, [['/api/v1/status.json', jsonResponse(doc)]]);
};

/** sorry-ok: the doc-derived components, CHANGED: the partially-degraded one → operational. Any page id. */
const sorryOk: ScenarioBuilder = (service, now) => {
  const doc = feedJson(PLATFORM_FIXTURES.sorry);
  for (const c of objs(doc['response'])) c['state'] = 'operational';
  const r = jsonResponse(doc);
  return behaviour(service, 'sorry-ok', now, [[statusPath(service), r]], (p) => (/^\/v1\/pages\/[^/]+\/components\/?$/.test(p) ? r : null));
};

// ---------------------------------------------------------------------------------------------
// Uptime Kuma

/** The doc-derived page + heartbeats for any slug, heartbeat times moved so the newest is now − 1 min. */
function kuma(service: DemoService, now: number, scenario: PlatformScenarioName, down: boolean): ScenarioBehaviour {
  const page = feedJson(PLATFORM_FIXTURES.kumaPage);
  obj(page['config'])['title'] = service.name;
  const beats = feedJson(PLATFORM_FIXTURES.kumaBeats);
  const lists = obj(beats['heartbeatList']);
  const times = Object.values(lists).flatMap((l) => objs(l).map((b) => Date.parse(`${String(b['time']).replace(' ', 'T')}Z`)));
  const delta = now - MIN - Math.max(...times);
  for (const l of Object.values(lists)) {
    for (const b of objs(l)) {
      b['time'] = kumaTime(Date.parse(`${String(b['time']).replace(' ', 'T')}Z`) + delta);
      if (!down) b['status'] = 1;
    }
  }
  if (down) {
    const inc = objs(page['incidents'])[0]!;
    inc['createdDate'] = kumaTime(now - 10 * MIN);
    inc['lastUpdatedDate'] = kumaTime(now - 10 * MIN);
  } else page['incidents'] = [];
  const pageR = jsonResponse(page);
  const beatR = jsonResponse(beats as Json);
  return behaviour(
    service,
    scenario,
    now,
    [
      ['/api/status-page/main', pageR],
      ['/api/status-page/heartbeat/main', beatR],
    ],
    (p) => {
      if (/^\/api\/status-page\/heartbeat\/[^/]+$/.test(p)) return beatR;
      if (/^\/api\/status-page\/[^/]+$/.test(p)) return pageR;
      return null;
    },
  );
}

/** uptimekuma-ok: every heartbeat CHANGED to up, the pinned message dropped. */
const uptimekumaOk: ScenarioBuilder = (service, now) => kuma(service, now, 'uptimekuma-ok', false);
/** uptimekuma-down: the sample as is (Mail's newest beat down), the pinned message 10 min old. */
const uptimekumaDown: ScenarioBuilder = (service, now) => kuma(service, now, 'uptimekuma-down', true);

// ---------------------------------------------------------------------------------------------
// Gatus

/** gatus-ok: Gatus's own API test body, CHANGED: the failing (newest) result's success → true; timestamps → now − 2 / − 1 min. */
const gatusOk: ScenarioBuilder = (service, now) => {
  const doc = JSON.parse(feedText(PLATFORM_FIXTURES.gatus)) as Obj[];
  for (const e of doc) {
    const results = objs(e['results']);
    results.forEach((r, i) => {
      r['success'] = true;
      r['timestamp'] = new Date(now - (results.length - i) * MIN).toISOString();
    });
  }
  return behaviour(service, 'gatus-ok', now, [['/api/v1/endpoints/statuses', jsonResponse(doc)]]);
};

// ---------------------------------------------------------------------------------------------
// Hund

/**
 * hund-ok: the documented stream's init_event, CHANGED: state → operational, issues → [] (no times
 * left to move). The demo server keeps an event stream open after its body (demo/server.ts): the reader must hang up.
 */
const hundOk: ScenarioBuilder = (service, now) => {
  const init = /^event: init_event\ndata: (.*)$/m.exec(feedText(PLATFORM_FIXTURES.hund));
  const doc = JSON.parse(init?.[1] ?? '{}') as Obj;
  doc['state'] = 'operational';
  doc['issues'] = [];
  const body = `: demo\n\nevent: init_event\ndata: ${JSON.stringify(doc)}\n\n`;
  // ACAO as on every demo answer (demo/kit.ts byteResponse): the harness cannot grant host permissions.
  const headers = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'access-control-allow-origin': '*' };
  const stream: FeedResponse = { status: 200, headers, body };
  return behaviour(service, 'hund-ok', now, [['/live/v2/status_page', stream]]);
};

export const PLATFORM_BUILDERS: Record<PlatformScenarioName, ScenarioBuilder> = {
  'betterstack-ok': betterstackOk,
  'betterstack-incident': betterstackIncident,
  'rootly-ok': rootlyOk,
  'sorry-ok': sorryOk,
  'uptimekuma-ok': uptimekumaOk,
  'uptimekuma-down': uptimekumaDown,
  'gatus-ok': gatusOk,
  'hund-ok': hundOk,
};
