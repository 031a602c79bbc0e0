/**
 * The benchmarks' fake `fetch` (answers 200 with a feed's body and ETag, or 304 to a matching
 * If-None-Match, counting requests and bytes). Browser-safe — no Node APIs — so the Chromium poll
 * cycle page (bench/cycle-page/) bundles the very same code the Node sections run.
 */

export interface FakeFeed {
  bytes: Uint8Array;
  contentType: string;
  etag: string;
}

export interface FetchStats {
  requests: number;
  byStatus: Map<number, number>;
  byUrl: Map<string, number>;
  conditional: number;
  /** Body bytes received (0 for a 304). */
  responseBodyBytes: number;
  /** Estimated HTTP/1.1 response header bytes (status line + the headers the fake sends). */
  responseHeaderBytes: number;
  /** Estimated HTTP/1.1 request header bytes: request line, Host, and the headers core/net/fetch.ts sets. */
  requestHeaderBytes: number;
}

export function newStats(): FetchStats {
  return {
    requests: 0,
    byStatus: new Map(),
    byUrl: new Map(),
    conditional: 0,
    responseBodyBytes: 0,
    responseHeaderBytes: 0,
    requestHeaderBytes: 0,
  };
}

const utf8 = new TextEncoder();
const DATE_HDR = 'Mon, 23 Nov 2026 20:00:00 GMT';

function headerBytes(statusLine: string, headers: Record<string, string>): number {
  let n = statusLine.length + 2;
  for (const [k, v] of Object.entries(headers)) n += k.length + 2 + utf8.encode(v).byteLength + 2;
  return n + 2;
}

/**
 * A fetch answering from `routes`: 200 with the body and its ETag, or 304 (headers only) when the
 * request's If-None-Match matches. Unknown URLs: 404. `latencyMs` > 0 waits that long (real time)
 * before answering, as a network round trip would.
 */
export function makeFakeFetch(
  routes: Map<string, FakeFeed>,
  stats: FetchStats,
  opts: { latencyMs?: number } = {},
): typeof globalThis.fetch {
  const latency = opts.latencyMs ?? 0;
  const fake = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const sent = (init?.headers ?? {}) as Record<string, string>;
    const u = new URL(url);
    stats.requests++;
    stats.byUrl.set(url, (stats.byUrl.get(url) ?? 0) + 1);
    stats.requestHeaderBytes += headerBytes(`GET ${u.pathname}${u.search} HTTP/1.1`, { Host: u.host, ...sent });
    const inm = sent['If-None-Match'];
    if (inm !== undefined) stats.conditional++;
    if (latency > 0) await new Promise((r) => setTimeout(r, latency));
    const f = routes.get(url);
    let status: number;
    let headers: Record<string, string>;
    let body: Uint8Array | null;
    if (!f) {
      status = 404;
      headers = { date: DATE_HDR, 'content-type': 'text/plain', 'content-length': '9' };
      body = new TextEncoder().encode('not found');
    } else if (inm !== undefined && inm === f.etag) {
      status = 304;
      headers = { date: DATE_HDR, etag: f.etag, 'cache-control': 'max-age=0, private, must-revalidate' };
      body = null;
    } else {
      status = 200;
      headers = {
        date: DATE_HDR,
        'content-type': f.contentType,
        'content-length': String(f.bytes.byteLength),
        etag: f.etag,
        'cache-control': 'max-age=0, private, must-revalidate',
      };
      body = f.bytes;
    }
    stats.byStatus.set(status, (stats.byStatus.get(status) ?? 0) + 1);
    stats.responseHeaderBytes += headerBytes(
      `HTTP/1.1 ${status} ${status === 304 ? 'Not Modified' : status === 200 ? 'OK' : 'Not Found'}`,
      headers,
    );
    stats.responseBodyBytes += body?.byteLength ?? 0;
    // A copy, as the network would hand over fresh bytes.
    return new Response(body ? body.slice() : null, { status, headers });
  };
  return fake as typeof globalThis.fetch;
}
