/**
 * 4. Requests and bytes per hour for 20 watched services whose feeds are unchanged.
 *
 * Simulates the official-feed part of the worker's schedule (core/worker/scheduler.ts `tick`): the poll
 * alarm fires every minute (the default `pollIntervalMin: 1`); at each tick every watched service
 * whose record is due (`isPollDue(rec, now)` from core/poll.ts — whatever rule it implements at the
 * time, over core/net/backoff.ts `afterSuccess`) is polled through `refreshService`, 4 at a time,
 * without `force`. The fake fetch answers 304 to every
 * conditional request after one priming round (200 + ETag, not counted in the hour).
 *
 * Two clocks:
 *   - ideal: the clock stands still during a tick (polls take no time);
 *   - realistic: every request takes 30 ms and the clock runs during the tick, as in a browser —
 *     so a poll ends a little after its tick, which is what can make a "due" rule skip ticks.
 *
 * Complaint sources (HN, Mastodon; on by default) also send requests from the same tick; they are
 * not official feeds and are outside this figure (their own per-source budget caps them).
 */
import { SERVICES, getService, type Service } from '../core/catalog/bundled';
import { isPollDue, type PollDeps } from '../core/poll';
import { adapterFor, ADAPTERS } from '../core/official/registry';
import type { OfficialKind } from '../core/official/kinds';
import { getRecords } from '../core/store';
import { makeFakeFetch, newStats, routesFor } from './feeds';
import { fmt, heading, kb, record } from './lib';
import { freshFakeDb, pollAll } from './sim';

const INTERVAL_MS = 60_000;
const HOUR_TICKS = 60;

/**
 * 20 services: the 4 default watched ones (github, cloudflare, openai, discord), then one of each
 * other feed kind in the catalog, two services sharing Google's Workspace feed (as gmail and
 * google-calendar do), and Statuspage services to fill up to 20.
 */
export function twentyServices(): Service[] {
  const ids = [
    'github',
    'cloudflare',
    'openai',
    'discord',
    'google-cloud',
    'gmail',
    'google-calendar',
    'icloud',
    'azure',
    'outlook',
    'fastmail',
    'gitlab',
    'slack',
    'heroku',
    'aws-console',
    'notion',
  ];
  const out = ids.map((id) => getService(id)).filter((s): s is Service => !!s && s.official !== null);
  const have = new Set(out.map((s) => s.id));
  for (const s of SERVICES) {
    if (out.length >= 20) break;
    if (s.official?.kind === 'statuspage' && !have.has(s.id)) out.push(s);
  }
  return out;
}

interface HourResult {
  polls: Map<string, number>;
  requests: number;
  expected: number;
  status: Map<number, number>;
  conditional: number;
  respHeaderBytes: number;
  respBodyBytes: number;
  reqHeaderBytes: number;
  uniqueUrls: number;
  historyRequests: number;
}

async function simulateHour(services: readonly Service[], mode: 'ideal' | 'realistic'): Promise<HourResult> {
  const db = await freshFakeDb();
  const routes = routesFor(services);
  const stats = newStats();
  const fetch = makeFakeFetch(routes, stats, { latencyMs: mode === 'realistic' ? 30 : 0 });
  const t0 = Date.UTC(2026, 10, 23, 12, 0, 0);
  let tickAt = t0;
  let tickReal = performance.now();
  const now = mode === 'ideal' ? () => tickAt : () => tickAt + (performance.now() - tickReal);
  const deps: PollDeps = { db, fetch, now, intervalMs: INTERVAL_MS };

  // Priming round at t0 (first start: nothing stored, everything due), not counted.
  await pollAll(services, deps);

  const base = {
    requests: stats.requests,
    conditional: stats.conditional,
    rh: stats.responseHeaderBytes,
    rb: stats.responseBodyBytes,
    qh: stats.requestHeaderBytes,
  };
  const baseStatus = new Map(stats.byStatus);
  const baseUrl = new Map(stats.byUrl);
  const polls = new Map<string, number>(services.map((s) => [s.id, 0]));
  let expected = 0;
  for (let k = 1; k <= HOUR_TICKS; k++) {
    tickAt = t0 + k * INTERVAL_MS;
    tickReal = performance.now();
    // As tick(): read the records, poll the due ones.
    const recs = await getRecords(
      db,
      services.map((s) => s.id),
    );
    const due = services.filter((s) => isPollDue(recs.get(s.id), now()));
    for (const s of due) {
      polls.set(s.id, polls.get(s.id)! + 1);
      expected += adapterFor(s.official!.kind).endpoints(s.official!.url.replace(/\/+$/, '')).length;
    }
    await pollAll(due, deps);
  }
  const status = new Map<number, number>();
  for (const [code, n] of stats.byStatus) status.set(code, n - (baseStatus.get(code) ?? 0));
  let historyRequests = 0;
  for (const [url, n] of stats.byUrl) {
    const d = n - (baseUrl.get(url) ?? 0);
    if (
      d > 0 &&
      /\/api\/v2\/incidents\.json$/.test(url) &&
      !services.some((s) => s.official?.kind === 'incidentio' && url.startsWith(s.official.url.replace(/\/+$/, '')))
    )
      historyRequests += d;
  }
  return {
    polls,
    requests: stats.requests - base.requests,
    expected,
    status,
    conditional: stats.conditional - base.conditional,
    respHeaderBytes: stats.responseHeaderBytes - base.rh,
    respBodyBytes: stats.responseBodyBytes - base.rb,
    reqHeaderBytes: stats.requestHeaderBytes - base.qh,
    uniqueUrls: [...stats.byUrl.keys()].filter((u) => (stats.byUrl.get(u) ?? 0) > (baseUrl.get(u) ?? 0)).length,
    historyRequests,
  };
}

export async function benchSchedule(): Promise<void> {
  heading('4. Requests and bytes per hour, 20 watched services, feeds unchanged (304)');
  const services = twentyServices();
  const kinds = Object.keys(ADAPTERS) as OfficialKind[];
  const endpointsPer = kinds.map(
    (k) =>
      `${k} ${ADAPTERS[k].endpoints('https://status.example.com').length}${ADAPTERS[k].history ? ' (+1 history, first poll / vanished incident only)' : ''}`,
  );
  console.log(`  endpoints per adapter: ${endpointsPer.join(', ')}`);
  const mix = new Map<string, number>();
  for (const s of services) mix.set(s.official!.kind, (mix.get(s.official!.kind) ?? 0) + 1);
  console.log(`  services (${services.length}): ${services.map((s) => s.id).join(', ')}`);
  console.log(`  kinds: ${[...mix].map(([k, n]) => `${k} ×${n}`).join(', ')}`);
  const perPollEndpoints = services.reduce((n, s) => n + adapterFor(s.official!.kind).endpoints(s.official!.url).length, 0);

  for (const mode of ['ideal', 'realistic'] as const) {
    const r = await simulateHour(services, mode);
    const totalPolls = [...r.polls.values()].reduce((a, b) => a + b, 0);
    const pollCounts = [...r.polls.values()];
    const only304 = (r.status.get(304) ?? 0) === r.requests;
    const ok = r.requests === r.expected && only304 && r.conditional === r.requests;
    const perPoll = r.requests / Math.max(1, totalPolls);
    const bytes = r.respHeaderBytes + r.respBodyBytes;
    console.log(
      `  ${mode}: ${totalPolls} polls (per service min ${Math.min(...pollCounts)}, max ${Math.max(...pollCounts)}; 60 intended), ` +
        `${r.requests} requests (expected polls × endpoints = ${r.expected}), ${r.status.get(304) ?? 0} × 304, ${r.conditional} conditional, ` +
        `${r.historyRequests} history reads, ${r.uniqueUrls} distinct URLs; response bytes ${kb(bytes)} (headers ${kb(r.respHeaderBytes)}, bodies ${r.respBodyBytes} B); ` +
        `request header bytes ${kb(r.reqHeaderBytes)}`,
    );
    const late = [...r.polls].filter(([, n]) => n < HOUR_TICKS).map(([id, n]) => `${id} ${n}`);
    record({
      section: '4 hour',
      name: `${mode} clock: requests/hour = polls × endpoints, all 304`,
      value: r.requests,
      unit: 'req',
      budget: `= ${r.expected} (polls × endpoints), all 304`,
      pass: ok,
      note: `${totalPolls} polls × ${fmt(perPoll)} endpoints/poll (one full round = ${perPollEndpoints} requests); ${r.status.get(304) ?? 0} × 304; ${r.historyRequests} history reads`,
    });
    record({
      section: '4 hour',
      name: `${mode} clock: response bytes/hour (304 headers only, HTTP/1.1 estimate)`,
      value: bytes / 1024,
      unit: 'KB',
      budget: '',
      pass: null,
      note: `${r.respBodyBytes} body bytes; ~${fmt(r.respHeaderBytes / Math.max(1, r.requests), 0)} B of headers per 304 as the fake sends them; requests ~${fmt(r.reqHeaderBytes / Math.max(1, r.requests), 0)} B + browser headers`,
    });
    record({
      section: '4 hour',
      name: `${mode} clock: polls per service per hour (interval 1 min)`,
      value: totalPolls / services.length,
      unit: 'polls',
      budget: '',
      pass: null,
      note: late.length
        ? `fewer than 60: ${late.slice(0, 8).join(', ')}${late.length > 8 ? ', …' : ''}`
        : 'every service polled at every tick',
    });
  }
}
