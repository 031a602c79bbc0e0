/**
 * Run the relay on this machine, for the load run, the end-to-end tests and the demo: the Worker
 * is bundled by wrangler (`deploy --dry-run`: offline, no account) and served by Miniflare — the
 * real workerd runtime — on loopback. Its outbound requests (status feeds, complaint APIs) go to a
 * function in this process instead of the internet, e.g. the demo's "simulated internet".
 */
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Miniflare } from 'miniflare';

const RELAY_DIR = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Environment for every wrangler run: no telemetry, no banner, no Cloudflare lookups, config kept in a temp dir. */
export function quietWranglerEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    WRANGLER_SEND_METRICS: 'false',
    WRANGLER_HIDE_BANNER: 'true',
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME ?? mkdtempSync(join(tmpdir(), 'relay-wrangler-')),
  };
}

/** Bundle the Worker (TypeScript + ../core) into one ES module; returns its path. */
export function buildRelay(): string {
  const out = mkdtempSync(join(tmpdir(), 'relay-dist-'));
  execFileSync(join(RELAY_DIR, 'node_modules/.bin/wrangler'), ['deploy', '--dry-run', '--outdir', out], {
    cwd: RELAY_DIR,
    env: quietWranglerEnv(),
    stdio: 'pipe',
  });
  return join(out, 'index.js');
}

export interface LocalRelay {
  url: string;
  mf: Miniflare;
  close(): Promise<void>;
}

export interface RelayOptions {
  /** Answers every request the Worker makes to the outside. */
  upstream: (req: Request) => Promise<Response> | Response;
  /** Loopback port (default: a free one). */
  port?: number;
  /** Take "now" from the x-relay-bench-now header (load runs only). */
  benchClock?: boolean;
  vars?: Record<string, string>;
}

export async function startRelay(opts: RelayOptions): Promise<LocalRelay> {
  const scriptPath = buildRelay();
  const mf = new Miniflare({
    // Given as contents, without its source-map comment: workerd refuses the map's "../core" paths.
    modules: [
      { type: 'ESModule', path: 'index.js', contents: readFileSync(scriptPath, 'utf8').replace(/\n\/\/# sourceMappingURL=.*$/m, '') },
    ],
    compatibilityDate: '2026-04-20',
    host: '127.0.0.1',
    port: opts.port ?? 0,
    cf: false,
    durableObjects: {
      SERVICE: { className: 'ServiceObject', useSQLite: true },
      LIMITER: { className: 'Limiter', useSQLite: true },
      REGISTRY: { className: 'Registry', useSQLite: true },
    },
    bindings: { ...(opts.benchClock ? { BENCH_CLOCK: '1' } : {}), ...(opts.vars ?? {}) },
    outboundService: async (req) => (await opts.upstream(req as unknown as Request)) as never,
  });
  const url = (await mf.ready).toString().replace(/\/$/, '');
  return { url, mf, close: () => mf.dispose() };
}

/**
 * An upstream that forwards to the demo's "simulated internet" (demo/server.ts), which speaks
 * plain HTTP on its port and routes on the Host header — the relay sees real hostnames.
 */
export function viaDemoServer(port: number): (req: Request) => Promise<Response> {
  return (req) =>
    new Promise((resolveRes) => {
      const u = new URL(req.url);
      const headers: Record<string, string> = {};
      req.headers.forEach((v, k) => (headers[k] = v));
      headers.host = u.host;
      const r = http.request({ host: '127.0.0.1', port, path: u.pathname + u.search, method: req.method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const h = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') h.set(k, v);
          const status = res.statusCode ?? 502;
          resolveRes(new Response(status === 304 || status === 204 ? null : Buffer.concat(chunks), { status, headers: h }));
        });
        res.on('error', () => resolveRes(new Response('upstream broke', { status: 502 })));
      });
      r.on('error', () => resolveRes(new Response('upstream unreachable', { status: 502 })));
      r.end();
    });
}

// CLI: `tsx relay/scripts/local.ts --demo-port 8443 [--port 8787]` (used by `npm run demo -- --relay`).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const demoPort = Number(arg('--demo-port'));
  if (!Number.isFinite(demoPort)) {
    console.error('usage: tsx relay/scripts/local.ts --demo-port <port of demo/server.ts> [--port 8787]');
    process.exit(2);
  }
  const relay = await startRelay({ upstream: viaDemoServer(demoPort), port: Number(arg('--port') ?? 8787) });
  console.log(`relay listening on ${relay.url}`);
  const stop = () => void relay.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
