/**
 * The Acknowledged relay (a Cloudflare Worker). Routes:
 *   GET  /v1/services/:id  the service's normalised official snapshot, complaint counts and shared
 *                          failure counts (core/relay/wire.ts), cached at the edge (Cache-Control, ETag)
 *   POST /v1/reports       one failure report from a browser that opted in
 *   GET  /v1/health        "ok" (for monitoring and the extension's options page)
 * Cron (every 5 minutes): complaint counts for services asked about in the last 24 hours.
 */
import { MAX_REPORT_BYTES, parseReport } from '../../core/relay/wire';
import { serviceById } from './catalog';
import { numberVar, type Env } from './env';
import { shardOf } from './limiter';

export { ServiceObject } from './service';
export { Limiter } from './limiter';
export { Registry } from './registry';

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };
/** Browsers call the relay from an extension origin; nothing here needs credentials. */
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST',
  'access-control-allow-headers': 'content-type',
};

function error(status: number, reason: string, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ error: reason }), { status, headers: { ...JSON_HEADERS, ...CORS, ...extra } });
}

const serviceStub = (env: Env, id: string) => env.SERVICE.get(env.SERVICE.idFromName(id));

/**
 * Now, for this request. Always the real clock, except in a local load run (`BENCH_CLOCK=1`,
 * never set in wrangler.jsonc): there the bench sends the simulated time in a header, so ten
 * simulated minutes do not take ten real ones.
 */
function clock(request: Request, env: Env): number {
  if (env.BENCH_CLOCK !== '1') return Date.now();
  const t = Number(request.headers.get('x-relay-bench-now'));
  return Number.isFinite(t) && t > 0 ? t : Date.now();
}

async function getService(request: Request, env: Env, ctx: ExecutionContext, id: string): Promise<Response> {
  if (!serviceById(id)) return error(404, `unknown service "${id.slice(0, 64)}"`);
  const cache = caches.default;
  const now = clock(request, env);
  // Under the bench's simulated clock, cache entries must expire with simulated time too.
  const suffix = env.BENCH_CLOCK === '1' ? `?minute=${Math.floor(now / 60_000)}` : '';
  const key = new Request(new URL(`/v1/services/${id}${suffix}`, request.url).toString(), { method: 'GET' });
  let response = await cache.match(key);
  if (!response) {
    const view = await serviceStub(env, id).view(id, now);
    if (!view) return error(404, `unknown service "${id.slice(0, 64)}"`);
    response = new Response(view.body, {
      headers: { ...JSON_HEADERS, ...CORS, 'cache-control': `public, max-age=${view.maxAge}`, etag: view.etag },
    });
    ctx.waitUntil(cache.put(key, response.clone()));
  }
  const etag = response.headers.get('etag');
  if (etag && request.headers.get('if-none-match') === etag) {
    return new Response(null, { status: 304, headers: { etag, 'cache-control': response.headers.get('cache-control') ?? '', ...CORS } });
  }
  return response;
}

/** The body, refusing more than `max` bytes without buffering them (413). */
async function readCapped(request: Request, max: number): Promise<string | 'too_large'> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) return 'too_large';
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      return 'too_large';
    }
    chunks.push(value);
  }
  const all = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(all);
}

async function postReport(request: Request, env: Env): Promise<Response> {
  const mime = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (mime !== 'application/json') return error(400, 'the body must be JSON (content-type: application/json)');
  const text = await readCapped(request, MAX_REPORT_BYTES);
  if (text === 'too_large') return error(413, `a report is at most ${MAX_REPORT_BYTES} bytes`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return error(400, 'the body is not valid JSON');
  }
  const now = clock(request, env);
  const parsed = parseReport(value, now);
  if (!parsed.ok) return error(400, parsed.reason);
  const r = parsed.report;
  if (!serviceById(r.service)) return error(404, `unknown service "${r.service}"`);

  // Cloudflare sets CF-Connecting-IP on every request at the edge (a client cannot forge it there).
  const ip = request.headers.get('cf-connecting-ip') ?? 'unknown';
  const limiter = (key: string) => env.LIMITER.get(env.LIMITER.idFromName(`shard-${shardOf(key)}`));
  const byIp = await limiter(`ip:${ip}`).take(`ip:${ip}`, numberVar(env.IP_REPORTS_PER_10MIN, 30), 10 * 60_000, now);
  if (!byIp.ok) return error(429, 'too many reports from this network; try later', { 'retry-after': String(byIp.retryAfterS) });
  const byToken = await limiter(`t:${r.token}`).take(`t:${r.token}`, numberVar(env.TOKEN_REPORTS_PER_HOUR, 20), 60 * 60_000, now);
  if (!byToken.ok) return error(429, 'too many reports from this install; try later', { 'retry-after': String(byToken.retryAfterS) });

  const result = await serviceStub(env, r.service).report({ ...r, ip }, now);
  return new Response(JSON.stringify(result), { status: 202, headers: { ...JSON_HEADERS, ...CORS } });
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const url = new URL(request.url);
    if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: { ...CORS, 'access-control-max-age': '86400' } });
    const m = /^\/v1\/services\/([^/]+)$/.exec(url.pathname);
    if (m) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return error(405, 'use GET', { allow: 'GET, HEAD' });
      return getService(request, env, ctx, decodeURIComponent(m[1]!));
    }
    if (url.pathname === '/v1/reports') {
      if (request.method !== 'POST') return error(405, 'use POST', { allow: 'POST' });
      return postReport(request, env);
    }
    if (url.pathname === '/v1/_bench/stats' && env.BENCH_CLOCK === '1') {
      const ids = url.searchParams.getAll('service').filter((id) => serviceById(id));
      const stats = await Promise.all(ids.map(async (id) => ({ id, ...(await serviceStub(env, id).stats()) })));
      return Response.json(stats);
    }
    if (url.pathname === '/v1/health') return new Response('ok', { headers: { 'content-type': 'text/plain', ...CORS } });
    return error(404, 'no such route');
  },

  async scheduled(controller: ScheduledController, env: Env, _ctx: ExecutionContext): Promise<void> {
    const now = env.BENCH_CLOCK === '1' ? controller.scheduledTime : Date.now();
    const ids = await env.REGISTRY.get(env.REGISTRY.idFromName('registry')).active(now);
    // A few at a time: each object queries its sources in turn, within the sources' budgets.
    const queue = [...ids];
    await Promise.all(
      Array.from({ length: Math.min(4, queue.length) }, async () => {
        for (let id = queue.shift(); id; id = queue.shift()) {
          await serviceStub(env, id)
            .gather(id, now)
            .catch(() => undefined);
        }
      }),
    );
  },
} satisfies ExportedHandler<Env>;
