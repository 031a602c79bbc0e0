/**
 * The demo's "simulated internet": one local server that answers for every hostname.
 *
 * Chromium is started with `--host-resolver-rules=MAP * 127.0.0.1:<port>, EXCLUDE localhost` and
 * `--ignore-certificate-errors-spki-list=<spki>`, so https://www.githubstatus.com/… and
 * https://github.com/… both arrive here; we route on the Host header:
 *   - a catalog service's status host → that host's scenario (demo/scenarios.ts);
 *   - a catalog service's site domain (or subdomain) → a small "Simulated <name>" HTML page;
 *   - `/__control/*` on any host, from 127.0.0.1 only → the control API;
 *   - anything else → 404.
 * The port speaks both TLS and plain HTTP (sniffed on the first byte), so http:// navigations work too.
 *
 * CLI: `npx tsx demo/server.ts [--port 8443] [--scenario github=sp-ok …]`
 */
import { X509Certificate, createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { pathToFileURL } from 'node:url';
import catalogJson from '../core/catalog/services.json' with { type: 'json' };
import {
  SCENARIO_DESCRIPTIONS,
  SCENARIO_NAMES,
  buildScenario,
  escapeHtml,
  isScenarioName,
  type DemoService,
  type FeedResponse,
  type ScenarioBehaviour,
  type ScenarioName,
} from './scenarios';

export type { ScenarioName } from './scenarios';

export interface DemoRequest {
  at: number;
  host: string;
  /** Path and query as requested. */
  path: string;
  /** Status sent; 0 for a request left hanging (timeout scenario). */
  status: number;
  ifNoneMatch: boolean;
}

export interface DemoServer {
  port: number;
  /** base64 sha256 of the certificate's SPKI, for --ignore-certificate-errors-spki-list. */
  spki: string;
  /** `MAP * 127.0.0.1:${port}, EXCLUDE localhost`, for --host-resolver-rules. */
  hostRules: string;
  /** host = a status host like 'www.githubstatus.com', or a catalog service id like 'github'. */
  setScenario(host: string, scenario: ScenarioName): void;
  /** Current scenario of every simulated status host, keyed by status host. */
  state(): Record<string, ScenarioName>;
  /** Every request except control calls, oldest first (capped at the newest 10 000). */
  requests: DemoRequest[];
  /** Default-world entries that could not be placed (service not in the catalog, or no official feed). */
  skipped: string[];
  close(): Promise<void>;
}

export interface DemoServerOptions {
  /** Port to listen on (127.0.0.1); 0 or absent = any free port. */
  port?: number;
  /** The world (service id or status host → scenario). Defaults to DEFAULT_WORLD. */
  world?: Record<string, ScenarioName>;
  /** Clock (epoch ms); scenarios are built with the time they were set. Tests inject this. */
  now?: () => number;
  /** How long the `timeout` scenario holds a request before destroying the socket (default 60 s). */
  hangMs?: number;
}

/** Which service is in which state when the demo starts (ids from core/catalog/services.json). */
export const DEFAULT_WORLD: Readonly<Record<string, ScenarioName>> = {
  github: 'sp-incident',
  discord: 'sp-ok',
  reddit: 'sp-maintenance',
  cloudflare: 'sp-resolved',
  npm: 'http-503',
  dropbox: 'html',
  openai: 'io-incident',
};

// ---------------------------------------------------------------------------------------------
// Catalog

export interface CatalogService {
  id: string;
  name: string;
  domains: string[];
  official: { kind: string; url: string } | null;
}

export function catalogServices(): CatalogService[] {
  return (catalogJson as unknown as { services: CatalogService[] }).services;
}

export function statusHostOf(service: CatalogService): string | null {
  return service.official ? new URL(service.official.url).hostname.toLowerCase() : null;
}

/** The scenario a catalog service gets when the world does not name it. */
function defaultScenarioFor(service: CatalogService): ScenarioName | null {
  if (service.official?.kind === 'statuspage') return 'sp-ok';
  if (service.official?.kind === 'incidentio') return 'io-ok';
  return null;
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
  scenario: ScenarioName;
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

/** Weak comparison per RFC 9110 §13.1.2. */
function etagMatches(ifNoneMatch: string, etag: string): boolean {
  const strip = (t: string): string => t.trim().replace(/^W\//, '');
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((t) => strip(t) === strip(etag));
}

function sitePage(service: CatalogService, host: string, statusScenario: ScenarioName | undefined): string {
  const name = escapeHtml(service.name);
  const feed = statusScenario
    ? `<p class="muted">Its status feed (${escapeHtml(statusHostOf(service) ?? '')}) is in scenario <code>${escapeHtml(statusScenario)}</code>: ${escapeHtml(SCENARIO_DESCRIPTIONS[statusScenario])}.</p>`
    : '';
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
</main></body></html>
`;
}

export async function startDemoServer(opts: DemoServerOptions = {}): Promise<DemoServer> {
  const now = opts.now ?? Date.now;
  const hangMs = opts.hangMs ?? 60_000;
  const catalog = catalogServices();
  const cert = readFileSync(TLS_CERT_URL);
  const key = readFileSync(TLS_KEY_URL);
  const spki = spkiOf(cert);

  const hosts = new Map<string, HostState>();
  const requests: DemoRequest[] = [];
  const skipped: string[] = [];

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

  function set(host: string, scenario: ScenarioName): void {
    hosts.set(host, { scenario, setAt: now(), service: serviceForHost(host) });
  }

  function applyWorld(world: Record<string, ScenarioName>, strict: boolean): void {
    hosts.clear();
    skipped.length = 0;
    for (const s of catalog) {
      const h = statusHostOf(s);
      const d = defaultScenarioFor(s);
      if (h && d) set(h, d);
    }
    for (const [k, scenario] of Object.entries(world)) {
      if (!isScenarioName(scenario)) throw new Error(`unknown scenario "${String(scenario)}" for ${k}`);
      try {
        set(resolveHost(k), scenario);
      } catch (e) {
        if (strict) throw e;
        skipped.push(k);
      }
    }
  }

  const world = opts.world ?? DEFAULT_WORLD;
  applyWorld(world, opts.world !== undefined);

  function siteServiceFor(host: string): CatalogService | undefined {
    return catalog.find((s) => s.domains.some((d) => host === d.toLowerCase() || host.endsWith(`.${d.toLowerCase()}`)));
  }

  function log(req: http.IncomingMessage, host: string, status: number): void {
    requests.push({ at: now(), host, path: req.url ?? '/', status, ifNoneMatch: req.headers['if-none-match'] !== undefined });
    if (requests.length > MAX_LOG) requests.splice(0, requests.length - MAX_LOG);
  }

  function send(req: http.IncomingMessage, res: http.ServerResponse, host: string, r: FeedResponse): void {
    const inm = req.headers['if-none-match'];
    const etag = r.headers['etag'];
    if (etag && inm && r.status === 200 && (req.method === 'GET' || req.method === 'HEAD') && etagMatches(inm, etag)) {
      const headers: Record<string, string> = { etag };
      if (r.headers['cache-control']) headers['cache-control'] = r.headers['cache-control'];
      res.writeHead(304, headers);
      res.end();
      log(req, host, 304);
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
      const o = (input ?? {}) as { host?: unknown; service?: unknown; scenario?: unknown };
      const target = typeof o.host === 'string' ? o.host : typeof o.service === 'string' ? o.service : null;
      if (!target) return sendJson(res, 400, { error: 'give "host" or "service"' });
      if (!isScenarioName(o.scenario)) return sendJson(res, 400, { error: `"scenario" must be one of ${SCENARIO_NAMES.join(', ')}` });
      try {
        api.setScenario(target, o.scenario);
      } catch (e) {
        return sendJson(res, 400, { error: (e as Error).message });
      }
      return sendJson(res, 200, state());
    }
    return sendJson(res, 404, { error: `no control endpoint POST ${pathname}` });
  }

  const hanging = new Set<NodeJS.Timeout>();

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const host = normaliseHost(req.headers.host);
    const pathname = (req.url ?? '/').split('?')[0]!.split('#')[0]!;
    if (pathname.startsWith('/__control/')) return control(req, res, pathname);

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
      return send(req, res, host, b.routes.get(pathname) ?? b.fallback(pathname));
    }

    const site = siteServiceFor(host);
    if (site) {
      const sh = statusHostOf(site);
      const body = sitePage(site, host, sh ? hosts.get(sh)?.scenario : undefined);
      return send(req, res, host, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' }, body });
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
  // One port, two protocols: a TLS ClientHello starts with 0x16.
  const front = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.once('readable', () => {
      const first = socket.read(1) as Buffer | null;
      if (!first) return void socket.destroy();
      socket.unshift(first);
      (first[0] === 0x16 ? tlsServer : plainServer).emit('connection', socket);
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
    setScenario(hostOrService, scenario) {
      if (!isScenarioName(scenario)) throw new Error(`unknown scenario "${String(scenario)}"`);
      set(resolveHost(hostOrService), scenario);
    },
    state,
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

function parseCli(argv: string[]): { port: number; overrides: Record<string, ScenarioName> } {
  let port = 0;
  const overrides: Record<string, ScenarioName> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = a.includes('=') && a.startsWith('--') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--port' || a.startsWith('--port=')) port = Number(value());
    else if (a === '--scenario' || a.startsWith('--scenario=')) {
      const [k, s] = value().split('=');
      if (!k || !isScenarioName(s)) throw new Error(`--scenario wants <service|host>=<${SCENARIO_NAMES.join('|')}>`);
      overrides[k] = s;
    } else if (a === '--help' || a === '-h') {
      console.log('usage: npx tsx demo/server.ts [--port 8443] [--scenario github=sp-ok ...]');
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
    for (const [k, s] of Object.entries(overrides)) server.setScenario(k, s);
  } catch (e) {
    console.error(String((e as Error).message));
    await server.close();
    process.exit(2);
  }
  console.log(`Acknowledged demo server on 127.0.0.1:${server.port} (TLS and plain HTTP)`);
  console.log(`  spki:        ${server.spki}`);
  console.log(`  host rules:  ${server.hostRules}`);
  console.log(`  chromium:    ${chromiumNetworkArgs(server).map((a) => `'${a}'`).join(' ')}`);
  console.log(`  control:     curl -sk https://localhost:${server.port}/__control/state`);
  console.log(
    `               curl -sk -H 'content-type: application/json' -d '{"service":"github","scenario":"sp-ok"}' https://localhost:${server.port}/__control/scenario`,
  );
  for (const [h, s] of Object.entries(server.state())) console.log(`  ${h.padEnd(28)} ${s.padEnd(15)} ${SCENARIO_DESCRIPTIONS[s]}`);
  if (server.skipped.length) console.log(`  (not in the catalog yet, skipped: ${server.skipped.join(', ')})`);
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
