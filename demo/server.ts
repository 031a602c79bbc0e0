/**
 * The demo's "simulated internet": one local server that answers for every hostname.
 *
 * Chromium is started with `--host-resolver-rules=MAP * 127.0.0.1:<port>, EXCLUDE localhost` and
 * `--ignore-certificate-errors-spki-list=<spki>`, so https://www.githubstatus.com/… and
 * https://github.com/… both arrive here; we route on the Host header:
 *   - a catalog service's status host → that host's scenario (demo/scenarios.ts, demo/formats.ts);
 *   - `hn.algolia.com/api/v1/search_by_date` and `<mastodon instance>/api/v1/timelines/tag/<tag>` →
 *     the complaint sources, per service in a complaint scenario (demo/crowd.ts);
 *   - a catalog service's site domain (or subdomain) → a small "Simulated <name>" HTML page, unless
 *     that site host is in `site-refused`: then the connection is reset right after the TLS
 *     ClientHello names it (SNI), as a broken site would (Chromium: net::ERR_CONNECTION_RESET);
 *   - any host in `site-503` / `site-404` (an API host, a third-party analytics host) → that HTTP
 *     status for every request, CORS open, while the pages around it load;
 *   - `/__control/*` on any host, from 127.0.0.1 only → the control API;
 *   - anything else → 404.
 * The port speaks both TLS and plain HTTP (sniffed on the first byte), so http:// navigations work too.
 *
 * CLI: `npx tsx demo/server.ts [--port 8443] [--scenario github=sp-ok …] [--scenario discord=crowd-spike]`
 */
import { X509Certificate, createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { pathToFileURL } from 'node:url';
import { matchService } from '../core/catalog/bundled';
import { readCatalogFiles } from '../core/catalog/raw';
import type { OfficialKind } from '../core/official/kinds';
import { READ_MODE } from '../core/net/access';
import { tagsForTerms } from '../core/crowd/mastodon';
import { termsForService } from '../core/crowd/source';
import {
  CROWD_SOURCES,
  HN_HOST,
  MASTODON_INSTANCES,
  generateCorpus,
  hnSearch,
  mastodonLoginRequired,
  mastodonTimeline,
  type CrowdScenarioName,
  type CrowdService,
  type CrowdSource,
  type GenPost,
} from './crowd';
import {
  HEALTHY_SCENARIO,
  SCENARIO_DESCRIPTIONS,
  SCENARIO_NAMES,
  buildScenario,
  escapeHtml,
  isCrowdScenario,
  isScenarioName,
  isSiteScenario,
  isStatusScenario,
  type DemoService,
  type FeedResponse,
  type ScenarioBehaviour,
  type ScenarioName,
  type SiteScenarioName,
  type StatusScenarioName,
} from './scenarios';
import { readClientHello } from './sni';

export type { ScenarioName, StatusScenarioName, SiteScenarioName, CrowdScenarioName } from './scenarios';
export type { CrowdSource } from './crowd';

export interface DemoRequest {
  at: number;
  host: string;
  /** Path and query as requested. */
  path: string;
  /** Status sent; 0 for a request left hanging (timeout scenario) or a connection reset (site-refused). */
  status: number;
  ifNoneMatch: boolean;
  /** The request's Origin header, when it had one (a CORS read from the extension sends chrome-extension://…). */
  origin?: string;
  /** The connection was reset on purpose (site-refused); `path` is '' for a TLS connection reset before any request. */
  reset?: true;
}

/** What a world entry may set: one scenario, or several of different families (status, complaints, site). */
export type WorldValue = ScenarioName | readonly ScenarioName[];

/** Complaint scenario of one service, per source. */
export interface ComplaintState {
  hn: CrowdScenarioName;
  mastodon: CrowdScenarioName;
}

export interface WorldState {
  /** Status host → scenario (every simulated status host). */
  status: Record<string, StatusScenarioName>;
  /** Site rules: exact host ("discord.com") or "*.domain" (a service's domains and subdomains) → scenario. */
  sites: Record<string, SiteScenarioName>;
  /** Service id → complaint scenario per source, for services not in the default (`default`). */
  complaints: Record<string, ComplaintState>;
  /** The complaint scenario of every other service. */
  complaintsDefault: CrowdScenarioName;
  /** Mastodon instance → whether its hashtag timelines need a login. */
  mastodon: Record<string, 'open' | 'login'>;
}

export interface DemoServer {
  port: number;
  /** base64 sha256 of the certificate's SPKI, for --ignore-certificate-errors-spki-list. */
  spki: string;
  /** `MAP * 127.0.0.1:${port}, EXCLUDE localhost`, for --host-resolver-rules. */
  hostRules: string;
  /**
   * Status scenarios: `target` = a status host like 'www.githubstatus.com', or a catalog service id.
   * Complaint scenarios (crowd-*): `target` = a catalog service id; `opts.source` limits it to one source.
   * Site scenarios (site-*): `target` = a site host ('discord.com', exactly that host) or a catalog
   * service id (all its domains and their subdomains).
   */
  setScenario(target: string, scenario: ScenarioName, opts?: { source?: CrowdSource }): void;
  /** Whether a Mastodon instance's hashtag timelines answer or demand a login (401). */
  setMastodonInstance(instance: string, access: 'open' | 'login'): void;
  /**
   * Whether a status host's feeds allow cross-origin reads (`Access-Control-Allow-Origin: *`, as
   * Statuspage and incident.io send). On by default; off shows what a feed read without a host
   * permission meets on a server that does not allow it.
   */
  setCors(host: string, allow: boolean): void;
  /** Current scenario of every simulated status host (keyed by status host) and of every site rule (keyed by host). */
  state(): Record<string, ScenarioName>;
  /** Everything: status hosts, site rules, complaint scenarios, Mastodon instances. */
  world(): WorldState;
  /** The complaint scenario of a service on a source. */
  complaintsOf(serviceId: string, source: CrowdSource): CrowdScenarioName;
  /** Every request except control calls, oldest first (capped at the newest 10 000). */
  requests: DemoRequest[];
  /** Default-world entries that could not be placed (service not in the catalog, or no official feed). */
  skipped: string[];
  close(): Promise<void>;
}

export interface DemoServerOptions {
  /** Port to listen on (127.0.0.1); 0 or absent = any free port. */
  port?: number;
  /** The world (service id, status host or site host → scenario(s)). Defaults to DEFAULT_WORLD. */
  world?: Readonly<Record<string, WorldValue>>;
  /** Clock (epoch ms); scenarios are built with the time they were set. Tests inject this. */
  now?: () => number;
  /** How long the `timeout` scenario holds a request before destroying the socket (default 60 s). */
  hangMs?: number;
}

/**
 * Which service is in which state when the demo starts (ids from core/catalog/services/*.json).
 * Every other catalog service: its feed kind's healthy scenario (`HEALTHY_SCENARIO`), complaints
 * `crowd-quiet`, sites answering.
 */
export const DEFAULT_WORLD: Readonly<Record<string, WorldValue>> = {
  github: 'sp-incident',
  // Discord's page is green while people pile in and the site refuses connections (issue 4 seed case).
  discord: ['sp-ok', 'crowd-spike'],
  'discord.com': 'site-refused',
  reddit: 'sp-maintenance',
  cloudflare: 'sp-resolved',
  npm: 'http-503',
  dropbox: 'html',
  openai: 'io-incident',
  // One service per feed format in trouble.
  slack: 'slack-incident',
  'google-cloud': 'gcp-incident',
  'aws-console': 'aws-event',
  azure: 'azure-rss-incident',
  webex: 'rss-statuspage-open',
  etsy: 'atom-maintenance',
  // No official feed at all: only people and this browser can tell.
  primevideo: 'crowd-spike',
  'www.primevideo.com': 'site-refused',
  // A healthy service with ordinary chatter.
  zoom: ['sp-ok', 'crowd-quiet'],
};

// ---------------------------------------------------------------------------------------------
// Catalog

export interface CatalogService {
  id: string;
  name: string;
  domains: string[];
  official: { kind: string; url: string; scope?: string[] } | null;
  searchTerms?: string[];
}

export function catalogServices(): CatalogService[] {
  return (readCatalogFiles() as unknown as { services: CatalogService[] }).services;
}

export function statusHostOf(service: CatalogService): string | null {
  return service.official ? new URL(service.official.url).hostname.toLowerCase() : null;
}

/** The scenario a catalog service's status host gets when the world does not name it: its kind's healthy one. */
export function defaultScenarioFor(service: CatalogService): StatusScenarioName | null {
  const kind = service.official?.kind;
  return kind && Object.prototype.hasOwnProperty.call(HEALTHY_SCENARIO, kind) ? HEALTHY_SCENARIO[kind as OfficialKind] : null;
}

/** Every scenario a world value names. */
export function worldScenarios(v: WorldValue): ScenarioName[] {
  return typeof v === 'string' ? [v as ScenarioName] : [...v];
}

// ---------------------------------------------------------------------------------------------
// TLS

export const TLS_CERT_URL = new URL('../test/fixtures/tls/cert.pem', import.meta.url);
export const TLS_KEY_URL = new URL('../test/fixtures/tls/key.pem', import.meta.url);

export function spkiOf(certPem: string | Buffer): string {
  const der = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64');
}

// ---------------------------------------------------------------------------------------------

interface HostState {
  scenario: StatusScenarioName;
  setAt: number;
  service: DemoService;
  /** Built lazily on first request, then served unchanged (stable bodies and ETags). */
  behaviour?: ScenarioBehaviour;
}

const MAX_LOG = 10_000;

function normaliseHost(raw: string | undefined): string {
  if (!raw) return '';
  let h = raw.trim().toLowerCase();
  if (h.startsWith('[')) h = h.slice(0, h.indexOf(']') + 1);
  else h = h.replace(/:\d+$/, '');
  return h.replace(/\.$/, '');
}

function isLoopback(addr: string | undefined): boolean {
  return addr === '127.0.0.1' || addr === '::ffff:127.0.0.1' || addr === '::1';
}

/** The same answer without its Access-Control-* headers (a server that allows no cross-origin reads). */
function withoutCors(r: FeedResponse): FeedResponse {
  return { ...r, headers: Object.fromEntries(Object.entries(r.headers).filter(([k]) => !k.toLowerCase().startsWith('access-control-'))) };
}

/** Weak comparison per RFC 9110 §13.1.2. */
function etagMatches(ifNoneMatch: string, etag: string): boolean {
  const strip = (t: string): string => t.trim().replace(/^W\//, '');
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((t) => strip(t) === strip(etag));
}

function sitePage(
  service: CatalogService,
  host: string,
  statusScenario: StatusScenarioName | undefined,
  complaints: ComplaintState,
): string {
  const name = escapeHtml(service.name);
  const feed = statusScenario
    ? `<p class="muted">Its status feed (${escapeHtml(statusHostOf(service) ?? '')}) is in scenario <code>${escapeHtml(statusScenario)}</code>: ${escapeHtml(SCENARIO_DESCRIPTIONS[statusScenario])}.</p>`
    : '<p class="muted">It publishes no official status feed.</p>';
  const crowd =
    complaints.hn === complaints.mastodon
      ? `<p class="muted">Complaints about it on Hacker News and Mastodon: <code>${escapeHtml(complaints.hn)}</code>.</p>`
      : `<p class="muted">Complaints about it: Hacker News <code>${escapeHtml(complaints.hn)}</code>, Mastodon <code>${escapeHtml(complaints.mastodon)}</code>.</p>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Simulated ${name}</title>
<style>
  :root{color-scheme:light dark}
  body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;min-height:100vh;display:grid;place-items:center;
       background:linear-gradient(135deg,#eef2ff,#fdf2f8);color:#1f2328}
  @media (prefers-color-scheme:dark){body{background:linear-gradient(135deg,#111827,#1e1b4b);color:#e5e7eb}.card{background:#1f2937}}
  .card{background:#fff;border-radius:16px;padding:2rem 2.5rem;max-width:34rem;box-shadow:0 10px 30px rgba(0,0,0,.08)}
  h1{margin:0 0 .5rem;font-size:1.6rem} code{background:rgba(127,127,127,.15);padding:.1em .35em;border-radius:4px}
  .muted{opacity:.75;font-size:.92rem}
</style></head>
<body><main class="card">
<h1>Simulated ${name}</h1>
<p>This page is served by Acknowledged's demo server — nothing here reaches the real <code>${escapeHtml(host)}</code>.</p>
<p>Open the Acknowledged toolbar button to see what ${name}'s official status feed says right now.</p>
${feed}
${crowd}
</main></body></html>
`;
}

/** Paths a feed or API would use (a shared status/site host answers these from its scenario, not with the site page). */
function looksLikeFeedPath(pathname: string): boolean {
  return (
    /^\/(?:api|1\.0|support\/systemstatus|feed)\//.test(pathname) ||
    /\.(?:json|js|rss|atom|xml)$/.test(pathname) ||
    /\/feed\/?$/.test(pathname)
  );
}

export async function startDemoServer(opts: DemoServerOptions = {}): Promise<DemoServer> {
  const now = opts.now ?? Date.now;
  const hangMs = opts.hangMs ?? 60_000;
  const catalog = catalogServices();
  const cert = readFileSync(TLS_CERT_URL);
  const key = readFileSync(TLS_KEY_URL);
  const spki = spkiOf(cert);

  const hosts = new Map<string, HostState>();
  /** Site rules: exact host, or a domain whose subdomains are included. */
  const siteRules = new Map<string, { scenario: SiteScenarioName; subdomains: boolean }>();
  const complaints = new Map<string, ComplaintState & { setAt: number }>();
  let complaintsSetAt = now();
  const mastodonAccess = new Map<string, 'open' | 'login'>(Object.entries(MASTODON_INSTANCES));
  const corpora = new Map<string, GenPost[]>();
  const requests: DemoRequest[] = [];
  const skipped: string[] = [];

  // Complaint queries carry search terms / hashtags only: map them back to services.
  const crowdServices: CrowdService[] = catalog.map((svc, index) => {
    const terms = termsForService(svc);
    return { id: svc.id, name: svc.name, terms, tags: tagsForTerms(terms).map((t) => t.toLowerCase()), index };
  });
  const byTerm = new Map<string, CrowdService[]>();
  const byTag = new Map<string, CrowdService[]>();
  for (const cs of crowdServices) {
    for (const t of cs.terms) byTerm.set(t, [...(byTerm.get(t) ?? []), cs]);
    for (const t of cs.tags) byTag.set(t, [...(byTag.get(t) ?? []), cs]);
  }

  function serviceForHost(host: string): DemoService {
    const svc = catalog.find((s) => statusHostOf(s) === host);
    if (svc?.official) return { id: svc.id, name: svc.name, statusUrl: svc.official.url };
    return { id: host, name: host, statusUrl: `https://${host}` };
  }

  /** Service id or host → status host; throws with a reason if it can't be placed. */
  function resolveHost(hostOrService: string): string {
    const key = hostOrService.trim();
    const svc = catalog.find((s) => s.id === key);
    if (svc) {
      const h = statusHostOf(svc);
      if (!h) throw new Error(`service "${key}" has no official status feed in the catalog`);
      return h;
    }
    if (key.includes('.')) return normaliseHost(key);
    throw new Error(`"${key}" is neither a catalog service id nor a hostname`);
  }

  function set(host: string, scenario: StatusScenarioName): void {
    hosts.set(host, { scenario, setAt: now(), service: serviceForHost(host) });
  }

  function complaintState(serviceId: string): ComplaintState & { setAt: number } {
    return complaints.get(serviceId) ?? { hn: 'crowd-quiet', mastodon: 'crowd-quiet', setAt: complaintsSetAt };
  }

  function setComplaints(target: string, scenario: CrowdScenarioName, source?: CrowdSource): void {
    const id = target.trim();
    if (!catalog.some((s) => s.id === id)) throw new Error(`complaint scenarios need a catalog service id; "${id}" is not one`);
    if (source !== undefined && !(CROWD_SOURCES as readonly string[]).includes(source))
      throw new Error(`"source" must be one of ${CROWD_SOURCES.join(', ')}`);
    const prev = complaintState(id);
    const next = { ...prev, setAt: now() };
    for (const src of source ? [source] : CROWD_SOURCES) next[src] = scenario;
    complaints.set(id, next);
    for (const src of CROWD_SOURCES) corpora.delete(`${id}|${src}`);
  }

  function setSite(target: string, scenario: SiteScenarioName): void {
    const key = target.trim();
    const svc = catalog.find((s) => s.id === key);
    const rules: [string, boolean][] = svc
      ? svc.domains.map((d) => [d.toLowerCase(), true])
      : key.includes('.')
        ? [[normaliseHost(key), false]]
        : [];
    if (rules.length === 0) throw new Error(`"${key}" is neither a catalog service id nor a hostname`);
    for (const [host, subdomains] of rules) {
      if (scenario === 'site-ok') siteRules.delete(host);
      else siteRules.set(host, { scenario, subdomains });
    }
  }

  function siteScenarioOf(host: string): SiteScenarioName {
    const exact = siteRules.get(host);
    if (exact) return exact.scenario;
    for (const [d, rule] of siteRules) if (rule.subdomains && host.endsWith(`.${d}`)) return rule.scenario;
    return 'site-ok';
  }
  const refused = (host: string): boolean => host !== '' && siteScenarioOf(host) === 'site-refused';

  function apply(target: string, scenario: ScenarioName, source?: CrowdSource): void {
    if (isStatusScenario(scenario)) set(resolveHost(target), scenario);
    else if (isCrowdScenario(scenario)) setComplaints(target, scenario, source);
    else if (isSiteScenario(scenario)) setSite(target, scenario);
    else throw new Error(`unknown scenario "${String(scenario)}"`);
  }

  function applyWorld(w: Readonly<Record<string, WorldValue>>, strict: boolean): void {
    hosts.clear();
    siteRules.clear();
    complaints.clear();
    corpora.clear();
    complaintsSetAt = now();
    mastodonAccess.clear();
    for (const [h, a] of Object.entries(MASTODON_INSTANCES)) mastodonAccess.set(h, a);
    skipped.length = 0;
    for (const s of catalog) {
      const h = statusHostOf(s);
      const d = defaultScenarioFor(s);
      // A host several services share (Google Workspace, Apple, Microsoft 365, status.io) is set once.
      if (h && d && !hosts.has(h)) set(h, d);
    }
    for (const [k, value] of Object.entries(w)) {
      for (const scenario of worldScenarios(value)) {
        if (!isScenarioName(scenario)) throw new Error(`unknown scenario "${String(scenario)}" for ${k}`);
        try {
          apply(k, scenario);
        } catch (e) {
          if (strict) throw e;
          if (!skipped.includes(k)) skipped.push(k);
        }
      }
    }
  }

  const world = opts.world ?? DEFAULT_WORLD;
  applyWorld(world, opts.world !== undefined);

  /** Status hosts whose answers carry no Access-Control-* headers (setCors). */
  const corsDenied = new Set<string>();
  /**
   * Status hosts of kinds the extension reads by CORS (core/net/access.ts): every answer, errors
   * included, carries `Access-Control-Allow-Origin: *`, so the extension sees the 503 or the HTML
   * and says so. (Observed for Statuspage/incident.io JSON; for their error pages it is assumed.)
   */
  const corsHosts = new Set(
    catalog.filter((s) => s.official && READ_MODE[s.official.kind as OfficialKind] === 'cors').map((s) => statusHostOf(s)!),
  );

  function siteServiceFor(host: string): CatalogService | undefined {
    // The extension's own longest-suffix rule (music.amazon.com before amazon.com, whatever the file order).
    const id = matchService(host)?.id;
    return id === undefined ? undefined : catalog.find((s) => s.id === id);
  }

  function logEntry(entry: DemoRequest): void {
    requests.push(entry);
    if (requests.length > MAX_LOG) requests.splice(0, requests.length - MAX_LOG);
  }

  function log(req: http.IncomingMessage, host: string, status: number): void {
    const origin = req.headers['origin'];
    logEntry({
      at: now(),
      host,
      path: req.url ?? '/',
      status,
      ifNoneMatch: req.headers['if-none-match'] !== undefined,
      ...(origin ? { origin } : {}),
    });
  }

  function send(req: http.IncomingMessage, res: http.ServerResponse, host: string, given: FeedResponse): void {
    const r = corsDenied.has(host)
      ? withoutCors(given)
      : corsHosts.has(host) && !given.headers['access-control-allow-origin']
        ? { ...given, headers: { ...given.headers, 'access-control-allow-origin': '*' } }
        : given;
    const inm = req.headers['if-none-match'];
    const etag = r.headers['etag'];
    if (etag && inm && r.status === 200 && (req.method === 'GET' || req.method === 'HEAD') && etagMatches(inm, etag)) {
      const headers: Record<string, string> = { etag };
      for (const h of ['cache-control', 'access-control-allow-origin', 'access-control-expose-headers'])
        if (r.headers[h]) headers[h] = r.headers[h];
      res.writeHead(304, headers);
      res.end();
      log(req, host, 304);
      return;
    }
    if (r.status === 200 && r.headers['content-type'] === 'text/event-stream' && req.method === 'GET') {
      // A live event stream (Hund's): send the events, then stay open as a real one does — the
      // reader must hang up by itself. Closed after a minute so a stuck reader cannot hold the server.
      res.writeHead(200, r.headers);
      res.write(r.body);
      const timer = setTimeout(() => res.end(), 60_000);
      timer.unref();
      res.on('close', () => clearTimeout(timer));
      log(req, host, r.status);
      return;
    }
    res.writeHead(r.status, { ...r.headers, 'content-length': String(Buffer.byteLength(r.body)) });
    res.end(req.method === 'HEAD' ? undefined : r.body);
    log(req, host, r.status);
  }

  function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
    const body = JSON.stringify(value, null, 2);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(body);
  }

  function state(): Record<string, ScenarioName> {
    const out: Record<string, ScenarioName> = {};
    for (const [h, s] of [...hosts].sort(([a], [b]) => a.localeCompare(b))) out[h] = s.scenario;
    for (const [h, r] of [...siteRules].sort(([a], [b]) => a.localeCompare(b))) out[r.subdomains ? `*.${h}` : h] = r.scenario;
    return out;
  }

  function worldState(): WorldState {
    const status: Record<string, StatusScenarioName> = {};
    for (const [h, s] of [...hosts].sort(([a], [b]) => a.localeCompare(b))) status[h] = s.scenario;
    const sites: Record<string, SiteScenarioName> = {};
    for (const [h, r] of [...siteRules].sort(([a], [b]) => a.localeCompare(b))) sites[r.subdomains ? `*.${h}` : h] = r.scenario;
    const comp: Record<string, ComplaintState> = {};
    for (const [id, c] of [...complaints].sort(([a], [b]) => a.localeCompare(b))) comp[id] = { hn: c.hn, mastodon: c.mastodon };
    return {
      status,
      sites,
      complaints: comp,
      complaintsDefault: 'crowd-quiet',
      mastodon: Object.fromEntries([...mastodonAccess].sort(([a], [b]) => a.localeCompare(b))),
    };
  }

  /** The posts of every service owning one of these terms/tags, on one source. */
  function corpusOf(services: CrowdService[], source: CrowdSource): GenPost[] {
    const out: GenPost[] = [];
    for (const cs of services) {
      const key = `${cs.id}|${source}`;
      let posts = corpora.get(key);
      if (!posts) {
        const st = complaintState(cs.id);
        posts = generateCorpus(cs, source, st[source], st.setAt);
        corpora.set(key, posts);
      }
      out.push(...posts);
    }
    return out;
  }

  async function readBody(req: http.IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of req) {
      size += (c as Buffer).length;
      if (size > 64 * 1024) throw new Error('body too large');
      chunks.push(c as Buffer);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  async function control(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): Promise<void> {
    if (!isLoopback(req.socket.remoteAddress)) return sendJson(res, 403, { error: 'control API is for 127.0.0.1 only' });
    if (req.method === 'GET' && pathname === '/__control/state') return sendJson(res, 200, state());
    if (req.method === 'GET' && pathname === '/__control/world') return sendJson(res, 200, worldState());
    if (req.method === 'GET' && pathname === '/__control/requests') return sendJson(res, 200, requests);
    if (req.method === 'GET' && pathname === '/__control/scenarios') return sendJson(res, 200, SCENARIO_DESCRIPTIONS);
    if (req.method !== 'POST') return sendJson(res, 404, { error: `no control endpoint ${req.method} ${pathname}` });
    // A JSON content type forces a CORS preflight, so pages inside the demo browser can't drive this.
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      return sendJson(res, 415, { error: 'send content-type: application/json' });
    }
    let input: unknown;
    try {
      const text = await readBody(req);
      input = text.trim() === '' ? {} : JSON.parse(text);
    } catch (e) {
      return sendJson(res, 400, { error: `bad JSON body: ${(e as Error).message}` });
    }
    if (pathname === '/__control/reset') {
      applyWorld(world, false);
      return sendJson(res, 200, state());
    }
    if (pathname === '/__control/scenario') {
      const o = (input ?? {}) as { host?: unknown; service?: unknown; scenario?: unknown; source?: unknown };
      const target = typeof o.host === 'string' ? o.host : typeof o.service === 'string' ? o.service : null;
      if (!target) return sendJson(res, 400, { error: 'give "host" or "service"' });
      if (!isScenarioName(o.scenario)) return sendJson(res, 400, { error: `"scenario" must be one of ${SCENARIO_NAMES.join(', ')}` });
      if (o.source !== undefined && !(CROWD_SOURCES as readonly unknown[]).includes(o.source)) {
        return sendJson(res, 400, { error: `"source" must be one of ${CROWD_SOURCES.join(', ')}` });
      }
      try {
        api.setScenario(target, o.scenario, o.source === undefined ? {} : { source: o.source as CrowdSource });
      } catch (e) {
        return sendJson(res, 400, { error: (e as Error).message });
      }
      return sendJson(res, 200, state());
    }
    if (pathname === '/__control/mastodon') {
      const o = (input ?? {}) as { instance?: unknown; access?: unknown };
      if (typeof o.instance !== 'string' || (o.access !== 'open' && o.access !== 'login')) {
        return sendJson(res, 400, { error: 'give "instance" and "access": "open" | "login"' });
      }
      api.setMastodonInstance(o.instance, o.access);
      return sendJson(res, 200, worldState().mastodon);
    }
    return sendJson(res, 404, { error: `no control endpoint POST ${pathname}` });
  }

  const hanging = new Set<NodeJS.Timeout>();

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const host = normaliseHost(req.headers.host);
    const pathname = (req.url ?? '/').split('?')[0]!.split('#')[0]!;
    // Plain-HTTP requests for a refused site (HTTPS ones never get this far: see the front server).
    if (refused(host)) {
      logEntry({ at: now(), host, path: req.url ?? '/', status: 0, ifNoneMatch: false, reset: true });
      req.socket.resetAndDestroy();
      return;
    }
    if (pathname.startsWith('/__control/')) return control(req, res, pathname);
    // A host answering every request with one HTTP error (an API host that is down, or 4xx): the
    // page around it still loads. CORS is open so a page's fetch() sees the answer too.
    const answer = siteScenarioOf(host);
    if (answer === 'site-503' || answer === 'site-404') {
      const status = answer === 'site-503' ? 503 : 404;
      const headers = {
        'content-type': 'application/json; charset=utf-8',
        'access-control-allow-origin': '*',
        'cache-control': 'no-store',
      };
      return send(req, res, host, {
        status,
        headers,
        body: JSON.stringify({ error: status === 503 ? 'service unavailable' : 'not found' }),
      });
    }

    const site = siteServiceFor(host);
    const hs = hosts.get(host);
    if (hs) {
      hs.behaviour ??= buildScenario(hs.scenario, hs.service, hs.setAt);
      const b = hs.behaviour;
      if (b.type === 'hang') {
        log(req, host, 0);
        const t = setTimeout(() => {
          hanging.delete(t);
          req.socket.destroy();
        }, hangMs);
        hanging.add(t);
        return;
      }
      const route = b.routes.get(pathname);
      if (route) return send(req, res, host, route);
      // A status host that is also a site (www.apple.com): people get the site, feeds get the feed.
      if (!(site && b.routes.size > 0 && !looksLikeFeedPath(pathname))) return send(req, res, host, b.fallback(pathname));
    }

    if (host === HN_HOST && (pathname === '/api/v1/search_by_date' || pathname === '/api/v1/search')) {
      const url = new URL(req.url ?? '/', `https://${host}`);
      return send(
        req,
        res,
        host,
        hnSearch(url, now(), (term) => corpusOf(byTerm.get(term) ?? [], 'hn')),
      );
    }
    const access = mastodonAccess.get(host);
    if (access && pathname.startsWith('/api/v1/timelines/tag/')) {
      if (access === 'login') return send(req, res, host, mastodonLoginRequired());
      const url = new URL(req.url ?? '/', `https://${host}`);
      return send(
        req,
        res,
        host,
        mastodonTimeline(host, pathname, url, now(), (tags) => corpusOf([...new Set(tags.flatMap((t) => byTag.get(t) ?? []))], 'mastodon')),
      );
    }

    if (site) {
      const sh = statusHostOf(site);
      const body = sitePage(site, host, sh ? hosts.get(sh)?.scenario : undefined, complaintState(site.id));
      return send(req, res, host, {
        status: 200,
        headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' },
        body,
      });
    }

    return send(req, res, host, {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: `Not found: ${host || '(no host)'} is not simulated by Acknowledged's demo server.\n`,
    });
  }

  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: String((e as Error)?.message ?? e) });
      else res.destroy();
    });
  };

  const tlsServer = https.createServer({ cert, key }, onRequest);
  const plainServer = http.createServer(onRequest);
  const sockets = new Set<net.Socket>();
  // One port, two protocols: a TLS ClientHello starts with 0x16. For TLS we read the whole
  // ClientHello first: if the name it asks for (SNI) is a refused site, the connection is reset
  // (TCP RST) before any TLS answer — what a site that refuses connections looks like to a browser.
  const front = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const chunks: Buffer[] = [];
    const onReadable = (): void => {
      let c: Buffer | null;
      while ((c = socket.read() as Buffer | null) !== null) chunks.push(c);
      const buf = Buffer.concat(chunks);
      if (buf.length === 0) return;
      if (buf[0] === 0x16) {
        const hello = readClientHello(buf);
        if (!hello.complete) {
          chunks.length = 0;
          chunks.push(buf);
          return; // wait for the rest of the ClientHello
        }
        if (hello.serverName !== null && refused(normaliseHost(hello.serverName))) {
          socket.off('readable', onReadable);
          logEntry({ at: now(), host: normaliseHost(hello.serverName), path: '', status: 0, ifNoneMatch: false, reset: true });
          socket.resetAndDestroy();
          return;
        }
      }
      socket.off('readable', onReadable);
      socket.unshift(buf);
      (buf[0] === 0x16 ? tlsServer : plainServer).emit('connection', socket);
    };
    socket.on('readable', onReadable);
    socket.once('end', () => {
      if (socket.listenerCount('readable') > 0) socket.destroy();
    });
  });
  tlsServer.on('tlsClientError', (_e, s) => s.destroy());

  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    front.listen(opts.port ?? 0, '127.0.0.1', () => {
      front.off('error', reject);
      resolve();
    });
  });
  const port = (front.address() as net.AddressInfo).port;

  const api: DemoServer = {
    port,
    spki,
    hostRules: `MAP * 127.0.0.1:${port}, EXCLUDE localhost`,
    setScenario(target, scenario, o = {}) {
      if (!isScenarioName(scenario)) throw new Error(`unknown scenario "${String(scenario)}"`);
      if (o.source !== undefined && !isCrowdScenario(scenario)) throw new Error('"source" applies to complaint scenarios (crowd-*) only');
      apply(target, scenario, o.source);
    },
    setCors(host, allow) {
      if (allow) corsDenied.delete(normaliseHost(host));
      else corsDenied.add(normaliseHost(host));
    },
    setMastodonInstance(instance, access) {
      const h = normaliseHost(instance);
      if (!h.includes('.')) throw new Error(`"${instance}" is not a hostname`);
      mastodonAccess.set(h, access);
    },
    state,
    world: worldState,
    complaintsOf: (id, source) => complaintState(id)[source],
    requests,
    skipped,
    close() {
      for (const t of hanging) clearTimeout(t);
      hanging.clear();
      return new Promise<void>((resolve) => {
        front.close(() => resolve());
        for (const s of sockets) s.destroy();
        tlsServer.close();
        plainServer.close();
      });
    },
  };
  return api;
}

/** Chromium flags that point every hostname at this server and trust its certificate. */
export function chromiumNetworkArgs(server: Pick<DemoServer, 'hostRules' | 'spki'>): string[] {
  return [`--host-resolver-rules=${server.hostRules}`, `--ignore-certificate-errors-spki-list=${server.spki}`];
}

// ---------------------------------------------------------------------------------------------
// CLI

function parseCli(argv: string[]): { port: number; overrides: [string, ScenarioName][] } {
  let port = 0;
  const overrides: [string, ScenarioName][] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = a.includes('=') && a.startsWith('--') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--port' || a.startsWith('--port=')) port = Number(value());
    else if (a === '--scenario' || a.startsWith('--scenario=')) {
      const v = value();
      const eq = v.lastIndexOf('=');
      const k = v.slice(0, eq);
      const s = v.slice(eq + 1);
      if (eq <= 0 || !isScenarioName(s)) throw new Error(`--scenario wants <service|host>=<${SCENARIO_NAMES.join('|')}>`);
      overrides.push([k, s]);
    } else if (a === '--help' || a === '-h') {
      console.log(
        'usage: npx tsx demo/server.ts [--port 8443] [--scenario github=sp-ok ...] [--scenario discord=crowd-spike] [--scenario discord.com=site-refused]',
      );
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be 0..65535');
  return { port, overrides };
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const { port, overrides } = parseCli(process.argv.slice(2));
  const server = await startDemoServer({ port });
  try {
    // Strict only for what the person typed; default-world services missing from the catalog are skipped.
    for (const [k, s] of overrides) server.setScenario(k, s);
  } catch (e) {
    console.error(String((e as Error).message));
    await server.close();
    process.exit(2);
  }
  console.log(`Acknowledged demo server on 127.0.0.1:${server.port} (TLS and plain HTTP)`);
  console.log(`  spki:        ${server.spki}`);
  console.log(`  host rules:  ${server.hostRules}`);
  console.log(
    `  chromium:    ${chromiumNetworkArgs(server)
      .map((a) => `'${a}'`)
      .join(' ')}`,
  );
  console.log(`  control:     curl -sk https://localhost:${server.port}/__control/state`);
  console.log(
    `               curl -sk -H 'content-type: application/json' -d '{"service":"github","scenario":"sp-ok"}' https://localhost:${server.port}/__control/scenario`,
  );
  const w = server.world();
  for (const [h, s] of Object.entries(w.status)) console.log(`  ${h.padEnd(44)} ${s.padEnd(20)} ${SCENARIO_DESCRIPTIONS[s]}`);
  for (const [h, s] of Object.entries(w.sites)) console.log(`  ${`site ${h}`.padEnd(44)} ${s.padEnd(20)} ${SCENARIO_DESCRIPTIONS[s]}`);
  for (const [id, c] of Object.entries(w.complaints)) {
    console.log(`  ${`complaints ${id}`.padEnd(44)} ${`hn ${c.hn}, mastodon ${c.mastodon}`}`);
  }
  console.log(`  ${'complaints (every other service)'.padEnd(44)} ${w.complaintsDefault}`);
  console.log(
    `  ${'mastodon instances'.padEnd(44)} ${Object.entries(w.mastodon)
      .map(([h, a]) => `${h} ${a}`)
      .join(', ')}`,
  );
  if (server.skipped.length) console.log(`  (not in the catalog yet, skipped: ${server.skipped.join(', ')})`);
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
