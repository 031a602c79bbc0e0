/**
 * Feed bodies for the benchmarks, all from the real samples in test/fixtures/feeds/ (see
 * PROVENANCE.md there), plus:
 *   - a ~5 MB Google Cloud-style incidents.json built by repeating the real
 *     gcp-incidents-json-resolved-history.json incidents with new ids and shifted dates;
 *   - the incident.io summary assembled from the real status.json + components.json exactly as
 *     test/unit/official/incidentio.test.ts does (no real incident.io summary.json sample exists);
 * and (re-exported from ./fake-fetch.ts, which is browser-safe) a fake `fetch` that answers 200 with
 * those bodies (with an ETag) or 304 to a matching If-None-Match, counting requests and bytes.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Service } from '../core/catalog/catalog';
import type { OfficialKind } from '../core/official/kinds';
import { adapterFor } from '../core/official/registry';
import type { FakeFeed } from './fake-fetch';

export { makeFakeFetch, newStats, type FakeFeed, type FetchStats } from './fake-fetch';

export const FEEDS_DIR = new URL('../test/fixtures/feeds/', import.meta.url);

export function fixtureText(name: string): string {
  return readFileSync(new URL(name, FEEDS_DIR), 'utf8');
}
export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(name, FEEDS_DIR)));
}

/** The incident.io summary.json the unit tests assemble from the two real OpenAI captures. */
export function assembledIncidentioSummary(): string {
  const status = JSON.parse(fixtureText('incidentio-statuspage-compat-status-openai-operational.json')) as Record<string, unknown>;
  const components = JSON.parse(fixtureText('incidentio-statuspage-compat-components-openai-trimmed.json')) as Record<string, unknown>;
  return JSON.stringify({ page: status.page, status: status.status, components: components.components });
}

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/;

function shiftDates(value: unknown, deltaMs: number): unknown {
  if (typeof value === 'string') {
    if (!ISO.test(value)) return value;
    const t = Date.parse(value);
    return Number.isFinite(t) ? new Date(t + deltaMs).toISOString().replace(/\.\d{3}Z$/, '+00:00') : value;
  }
  if (Array.isArray(value)) return value.map((v) => shiftDates(v, deltaMs));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = shiftDates(v, deltaMs);
    return out;
  }
  return value;
}

/**
 * A Google Cloud-style incidents.json of about `targetBytes`: the 4 real incidents repeated, each
 * copy with a new id/number/uri and all its dates shifted so incidents begin every ~2 days going
 * back from `now` (newest first, as Google lists them). The newest `openCount` copies have their
 * `end` removed (still open); everything else is resolved. Whitespace as Google serves it (none).
 */
export function buildGcpHistory(now: number, targetBytes = 5_000_000, openCount = 2): { body: string; incidents: number; open: number } {
  const real = JSON.parse(fixtureText('gcp-incidents-json-resolved-history.json')) as Record<string, unknown>[];
  const out: string[] = [];
  let size = 2;
  let k = 0;
  const DAY = 86_400_000;
  while (size < targetBytes) {
    const src = real[k % real.length]!;
    const begin = Date.parse(String(src.begin));
    const wantBegin = now - 3 * 3_600_000 - k * 2 * DAY;
    const copy = shiftDates(src, wantBegin - begin) as Record<string, unknown>;
    const id = `Bench${String(k).padStart(6, '0')}${String(src.id).slice(0, 8)}`;
    copy.id = id;
    copy.number = String(9_000_000_000_000_000 + k);
    if (typeof copy.uri === 'string') copy.uri = `incidents/${id}`;
    if (k < openCount) delete copy.end;
    const s = JSON.stringify(copy);
    out.push(s);
    size += s.length + 1;
    k++;
  }
  return { body: `[${out.join(',')}]`, incidents: k, open: Math.min(openCount, k) };
}

// ---------------------------------------------------------------------------------------------
// What each service's feed answers (for the poll-cycle and schedule simulations).

function feed(bytes: Uint8Array | string, contentType: string): FakeFeed {
  const b = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  return { bytes: b, contentType, etag: `"${createHash('sha1').update(b).digest('hex').slice(0, 20)}"` };
}

const JSON_CT = 'application/json; charset=utf-8';

/**
 * The body a given feed URL answers with, chosen from the real samples by adapter kind and by the
 * position of the URL in `adapter.endpoints()` (or the history endpoint). Mostly "all fine" pages,
 * as in normal life; GCP uses the real 4-incident history (116 KB) unless `gcpBody` is given.
 */
export function bodiesFor(kind: OfficialKind, url: string, role: number | 'history', opts: { gcpBody?: string } = {}): FakeFeed {
  switch (kind) {
    case 'statuspage':
      return role === 'history'
        ? feed(fixtureText('statuspage-incidents-github-resolved-with-component-transitions.json'), JSON_CT)
        : feed(fixtureText('statuspage-summary-github-all-operational-20191230.json'), JSON_CT);
    case 'incidentio':
      return role === 0
        ? feed(assembledIncidentioSummary(), JSON_CT)
        : feed(fixtureText('incidentio-statuspage-compat-incidents-openai-active-identified-trimmed.json'), JSON_CT);
    case 'cachet':
      return role === 0
        ? feed(fixtureText('cachet-v1-components-doc-example.json'), JSON_CT)
        : feed(fixtureText('cachet-v1-incidents-2.4-doc-example-identified.json'), JSON_CT);
    case 'gcp':
      return feed(opts.gcpBody ?? fixtureText('gcp-incidents-json-resolved-history.json'), JSON_CT);
    case 'aws-health':
      // AWS serves UTF-16BE with a BOM: the real bytes, decoded by core/net/fetch.ts.
      return feed(fixtureBytes('aws-health-currentevents-active-2events.utf16be.bin'), 'application/json');
    case 'slack':
      return feed(fixtureText('slack-v2-current-ok.json'), JSON_CT);
    case 'apple':
      return url.includes('/developer/')
        ? feed(fixtureText('apple-systemstatus-developer-events-ongoing-resolved-202207.partial.json'), 'application/javascript')
        : feed(fixtureText('apple-systemstatus-consumer-icloud-outage.doc-derived.jsonp'), 'application/javascript');
    case 'heroku':
      return feed(fixtureText('heroku-v4-current-status-healthy-stale-maintenance.doc-sample.json'), JSON_CT);
    case 'statusio':
      return feed(fixtureText('statusio-public-status-gitlab-operational.json'), JSON_CT);
    case 'instatus':
      return feed(fixtureText('instatus-summary-wistia-up.doc-sample.json'), JSON_CT);
    case 'm365':
      return feed(fixtureText('m365-consumer-posts-doc-derived-mixed.json'), JSON_CT);
    case 'betterstack':
      return feed(fixtureText('betterstack-index-huggingface-operational-trimmed.json'), JSON_CT);
    case 'rootly':
      return feed(fixtureText('rootly-status-doc-example-operational.json'), JSON_CT);
    case 'sorry':
      return feed(fixtureText('sorry-components-doc-derived-partially-degraded.json'), JSON_CT);
    case 'uptimekuma':
      return role === 0
        ? feed(fixtureText('uptimekuma-status-page-doc-derived-incident.json'), JSON_CT)
        : feed(fixtureText('uptimekuma-heartbeat-doc-derived-mail-down.json'), JSON_CT);
    case 'gatus':
      return feed(fixtureText('gatus-endpoints-statuses-upstream-test-failing.json'), JSON_CT);
    case 'hund':
      return feed(fixtureText('hund-live-status-page-doc-derived-degraded.txt'), 'text/event-stream');
    case 'rss':
      if (url.includes('azure')) return feed(fixtureText('azure-status-rss-empty-operational.xml'), 'application/rss+xml');
      if (url.endsWith('atom'))
        return feed(fixtureText('statuspage-history-atom-github-scheduled-maintenance.atom'), 'application/atom+xml');
      return feed(fixtureText('statuspage-history-rss-govuk-scheduled-maintenance-20240108.rss'), 'application/rss+xml');
  }
}

/** Every URL the given services read (endpoints and history endpoints) → its fake feed. */
export function routesFor(services: readonly Service[], opts: { gcpBody?: string } = {}): Map<string, FakeFeed> {
  const routes = new Map<string, FakeFeed>();
  for (const s of services) {
    if (!s.official) continue;
    const adapter = adapterFor(s.official.kind);
    const base = s.official.url.replace(/\/+$/, '');
    adapter.endpoints(base).forEach((req, i) => {
      if (!routes.has(req.url)) routes.set(req.url, bodiesFor(s.official!.kind, req.url, i, opts));
    });
    if (adapter.history) {
      const req = adapter.history.endpoint(base);
      if (!routes.has(req.url)) routes.set(req.url, bodiesFor(s.official.kind, req.url, 'history', opts));
    }
  }
  return routes;
}
