/**
 * `npm run catalog:check` against the local demo server (demo/server.ts) with a small catalog:
 * entries whose status hosts are put in demo scenarios that stand for "still fine", "moved to
 * another platform", "answers 503", "answers HTML", "gone", "redirects elsewhere", and a domain that
 * does not resolve. Requests go to the server by Host header, as the e2e browser's do.
 */
import http from 'node:http';
import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCatalog, formatReport, type CheckEntry } from '../../core/catalog/check';
import { startDemoServer, type DemoServer } from '../../demo/server';

/** fetch → the demo server by Host header; `moved` hosts answer as if redirected to another site. */
function demoFetch(port: number, moved: Record<string, string>): typeof globalThis.fetch {
  return (async (input: RequestInfo | URL) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const to = moved[url.hostname];
    if (to) {
      const r = new Response('<html>moved</html>', { status: 200, headers: { 'content-type': 'text/html' } });
      Object.defineProperty(r, 'redirected', { value: true });
      Object.defineProperty(r, 'url', { value: `https://${to}${url.pathname}` });
      return r;
    }
    const reply = await new Promise<{ status: number; headers: http.IncomingHttpHeaders; bytes: Buffer }>((resolve, reject) => {
      const req = https.request(
        {
          host: '127.0.0.1',
          port,
          path: url.pathname + url.search,
          headers: { host: url.host },
          servername: url.hostname,
          rejectUnauthorized: false,
          agent: false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }));
          res.on('error', reject);
        },
      );
      req.on('error', (e) => reject(new TypeError(`fetch failed: ${e.message}`)));
      req.end();
    });
    const h = new Headers();
    for (const [k, v] of Object.entries(reply.headers)) if (typeof v === 'string') h.set(k, v);
    return new Response(reply.status === 304 ? null : new Uint8Array(reply.bytes), { status: reply.status, headers: h });
  }) as typeof globalThis.fetch;
}

const entry = (
  id: string,
  host: string,
  kind: CheckEntry['official'] extends infer O ? (O extends { kind: infer K } ? K : never) : never,
  url = `https://${host}`,
  domains = [`${id}.example.org`],
): CheckEntry => ({
  id,
  statusPage: `https://${host}`,
  domains,
  official: { kind, url },
});

const CATALOG: CheckEntry[] = [
  entry('fine', 'status.fine-co.org', 'statuspage'),
  entry('now-incidentio', 'status.switched-co.org', 'statuspage'),
  entry('now-betterstack', 'status.bs-co.org', 'statuspage'),
  entry('answers-503', 'status.flaky-co.org', 'statuspage'),
  entry('answers-html', 'status.html-co.org', 'statuspage'),
  entry('gone', 'status.gone-co.org', 'instatus', 'https://status.gone-co.org/summary.json'),
  entry('redirected', 'status.old-co.org', 'statuspage'),
  {
    id: 'no-feed-yet',
    statusPage: 'https://status.newfeed-co.org',
    domains: ['newfeed-co.example.org', 'dead-domain.example.org'],
    official: null,
  },
];

describe('catalog:check against the demo server', () => {
  let server: DemoServer;
  beforeAll(async () => {
    server = await startDemoServer({ port: 0 });
    server.setScenario('status.fine-co.org', 'sp-ok');
    server.setScenario('status.switched-co.org', 'io-ok');
    server.setScenario('status.bs-co.org', 'betterstack-ok');
    server.setScenario('status.flaky-co.org', 'http-503');
    server.setScenario('status.html-co.org', 'html');
    server.setScenario('status.newfeed-co.org', 'sp-ok');
  });
  afterAll(async () => {
    await server.close();
  });

  it('says what moved, died or changed platform, with a fix; ok entries stay quiet', async () => {
    const reports = await checkCatalog(CATALOG, {
      fetch: demoFetch(server.port, { 'status.old-co.org': 'www.old-co-new-home.org' }),
      now: () => Date.now(),
      resolves: async (host) => !host.startsWith('dead-domain.'),
      timeoutMs: 5_000,
    });
    const by = Object.fromEntries(reports.map((r) => [r.id, r]));
    expect(by['fine']).toMatchObject({ finding: 'ok', fix: null, deadDomains: [] });
    expect(by['now-incidentio']).toMatchObject({
      finding: 'changed-platform',
      fix: 'consider "official": {"kind":"incidentio","url":"https://status.switched-co.org"}',
    });
    expect(by['now-betterstack']).toMatchObject({
      finding: 'changed-platform',
      fix: 'set "official": {"kind":"betterstack","url":"https://status.bs-co.org/index.json"}',
    });
    expect(by['answers-503']!.finding).toBe('died');
    expect(by['answers-503']!.detail).toContain('503');
    expect(by['answers-html']!.finding).toBe('unreadable');
    expect(by['answers-html']!.detail).toMatch(/HTML|web page/);
    expect(by['gone']!.finding).toBe('died');
    expect(by['redirected']).toMatchObject({
      finding: 'moved',
      fix: 'check https://www.old-co-new-home.org and update "statusPage" and "official.url" to it',
    });
    expect(by['no-feed-yet']).toMatchObject({
      finding: 'new-feed',
      fix: 'set "official": {"kind":"statuspage","url":"https://status.newfeed-co.org"}',
      deadDomains: ['dead-domain.example.org'],
    });

    const text = formatReport(reports);
    expect(text).toContain('CHANGED PLATFORM  now-betterstack:');
    expect(text).toContain('MOVED  redirected:');
    expect(text).toContain('DOMAIN DOES NOT RESOLVE  no-feed-yet: dead-domain.example.org');
    expect(text).not.toMatch(/^OK {2}fine/m);
    expect(text.split('\n').at(-1)).toMatch(/^8 entries checked: .*1 ok.*; 1 domain not resolving$/);
    // The checker read the feeds the way the extension does: the demo server saw the requests.
    expect(server.requests.some((r) => r.host === 'status.fine-co.org' && r.path === '/api/v2/summary.json')).toBe(true);
  }, 60_000);
});
