/**
 * An HTTPS server answering the watched services' feed URLs with the real sample bodies of
 * ./feeds.ts (`routesFor`): 200 with the body and an ETag, 304 to a matching If-None-Match, with
 * the CORS headers a Statuspage or incident.io page sends (the extension reads those kinds by
 * CORS, and the browser then revalidates itself). Chromium reaches it for every hostname through
 * --host-resolver-rules, trusting the test certificate by its SPKI (test/fixtures/tls/, as the
 * demo server does). Every request is counted by status, so a wake can be checked to be "all 304".
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { spkiOf, TLS_CERT_URL, TLS_KEY_URL } from '../demo/server';
import type { FakeFeed } from './fake-fetch';

export interface FeedServer {
  hostRules: string;
  spki: string;
  /** Requests so far, by status (0: unknown URL answered 404 is counted as 404). */
  byStatus: Map<number, number>;
  requests(): number;
  /** Called with the running request count at every request (e.g. to sample CPU at the first one). */
  onRequest: ((count: number) => void) | null;
  close(): Promise<void>;
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'etag, last-modified, date',
  'cache-control': 'max-age=0, must-revalidate',
};

export async function startFeedServer(routes: Map<string, FakeFeed>): Promise<FeedServer> {
  const cert = readFileSync(TLS_CERT_URL);
  let count = 0;
  const byStatus = new Map<number, number>();
  const server: FeedServer = {
    hostRules: '',
    spki: spkiOf(cert),
    byStatus,
    requests: () => count,
    onRequest: null,
    close: () => new Promise((r) => https.close(() => r())),
  };
  const https = createServer({ cert, key: readFileSync(TLS_KEY_URL) }, (req, res) => {
    const answer = (status: number, headers: Record<string, string>, body?: Uint8Array) => {
      res.writeHead(status, headers);
      res.end(body);
      if (req.method !== 'OPTIONS') {
        byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
        count++;
        server.onRequest?.(count);
      }
    };
    if (req.method === 'OPTIONS') {
      answer(204, { ...CORS, 'access-control-allow-headers': '*', 'access-control-max-age': '86400' });
      return;
    }
    const f = routes.get(`https://${req.headers.host}${req.url}`);
    if (!f) return answer(404, { ...CORS, 'content-type': 'text/plain' }, new TextEncoder().encode('not found'));
    if (req.headers['if-none-match'] === f.etag) return answer(304, { ...CORS, etag: f.etag });
    answer(200, { ...CORS, etag: f.etag, 'content-type': f.contentType, 'content-length': String(f.bytes.byteLength) }, f.bytes);
  });
  await new Promise<void>((r) => https.listen(0, '127.0.0.1', () => r()));
  server.hostRules = `MAP * 127.0.0.1:${(https.address() as AddressInfo).port}, EXCLUDE localhost`;
  return server;
}
