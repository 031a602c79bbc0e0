/**
 * The extension's side of the relay (core/relay/): what it believes, where it stores it, when it
 * falls back to direct polling, and exactly what it shares. The relay's answers here are built
 * by the relay's own wire types around a snapshot the real Statuspage adapter made from a real
 * GitHub payload (test/fixtures/feeds).
 */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { getService } from '../../core/catalog/bundled';
import { crowdSpike } from '../../core/crowd/spike';
import type { LocalEvidence } from '../../core/local/failures';
import { statuspageAdapter } from '../../core/official/statuspage';
import { refreshViaRelay } from '../../core/relay/apply';
import { normaliseRelayUrl } from '../../core/relay/settings';
import { reportsFor, shareFailures } from '../../core/relay/share';
import { loadRelayPaths, RELAY_TOKEN, saveRelaySettings } from '../../core/storage';
import { parseReport, RELAY_FORMAT, REPORT_WINDOW_MS, type RelayServiceBody } from '../../core/relay/wire';
import { getCrowd, getRecord, openStore, type Db } from '../../core/store';

const NOW = Date.UTC(2026, 11, 7, 12, 7, 0);
const RELAY = 'https://relay.example.org';
const github = getService('github')!;
const netflix = getService('netflix')!;
const summary = readFileSync('test/fixtures/feeds/statuspage-summary-github-active-incident-major-outage-20200402.json', 'utf8');

function relayBody(over: Partial<RelayServiceBody> = {}, id = 'github'): RelayServiceBody {
  const snap = statuspageAdapter.parse([summary], { now: NOW, baseUrl: 'https://www.githubstatus.com' });
  if (!snap.ok) throw new Error('fixture did not parse');
  return {
    format: RELAY_FORMAT,
    service: id,
    generatedAt: NOW - 5_000,
    official: { snapshot: snap.value, history: [], lastSuccessAt: NOW - 30_000, lastAttemptAt: NOW - 30_000, problem: null },
    complaints: [{ source: 'hn', coverageFrom: NOW - 7 * 86_400_000, lastQueryAt: NOW - 60_000, windows: [] }],
    browsers: { minTokens: 5, windows: [], usual: 0.25, coverageFrom: NOW - 86_400_000 },
    ...over,
  };
}

let db: Db;
let n = 0;
const local = () => fakeBrowser.storage.local;
beforeEach(async () => {
  fakeBrowser.reset();
  db = await openStore(`relay-client-${n++}`);
});

function fetchAnswering(answer: (url: string, init?: RequestInit) => Response | Promise<Response>) {
  const seen: { url: string; init?: RequestInit }[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push({ url: String(input), init });
    return answer(String(input), init);
  }) as typeof globalThis.fetch;
  return { fetch, seen };
}

const deps = (fetch: typeof globalThis.fetch) => ({ db, fetch, now: () => NOW, local: local(), intervalMs: 60_000 });

describe('settings', () => {
  it('accepts https and loopback http only, keeping just the origin', () => {
    expect(normaliseRelayUrl('https://relay.example.org/some/path?q=1')).toBe('https://relay.example.org');
    expect(normaliseRelayUrl('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787');
    expect(normaliseRelayUrl('http://relay.example.org')).toBeNull();
    expect(normaliseRelayUrl('https://user:pw@relay.example.org')).toBeNull();
    expect(normaliseRelayUrl('not a url')).toBeNull();
  });
});

describe('refreshViaRelay', () => {
  it('off (the default): asks nothing and leaves every service to direct polling', async () => {
    const { fetch, seen } = fetchAnswering(() => Response.json(relayBody()));
    expect(await refreshViaRelay([github], deps(fetch))).toEqual([github]);
    expect(seen).toEqual([]);
  });

  it('on: stores the relay’s snapshot as a poll would, and says the relay answered', async () => {
    await saveRelaySettings(local(), { enabled: true, url: RELAY, share: false });
    const { fetch, seen } = fetchAnswering(() => Response.json(relayBody()));
    expect(await refreshViaRelay([github], deps(fetch))).toEqual([]);
    expect(seen.map((s) => s.url)).toEqual([`${RELAY}/v1/services/github`]);
    const rec = await getRecord(db, 'github');
    expect(rec?.snapshot?.incidents.length).toBeGreaterThan(0);
    expect(rec?.lastSuccessAt).toBe(NOW - 30_000); // when the provider was read, not now
    expect((await loadRelayPaths(local())).github).toMatchObject({ via: 'relay', relay: RELAY });
    // Complaint counts gathered for everyone: this browser does not query HN itself for 5 minutes.
    const hn = (await getCrowd(db, 'github')).find((r) => r.source === 'hn');
    expect(hn?.nextQueryAt).toBe(NOW + 5 * 60_000);
  });

  it.each([
    ['fails', () => new Response('bad gateway', { status: 502 }), 'did not answer'],
    ['disagrees in format', () => Response.json({ ...relayBody(), format: 'acknowledged-relay/2' }), 'format'],
    ['answers for another service', () => Response.json(relayBody({}, 'npm')), 'format'],
    ['is stale', () => Response.json(relayBody({ generatedAt: NOW - 3_600_000 })), 'stale'],
    [
      'has a stale copy of the status page',
      () => Response.json(relayBody({ official: { ...relayBody().official!, lastSuccessAt: NOW - 3_600_000 } })),
      'stale',
    ],
    [
      'could not read the provider',
      () => Response.json(relayBody({ official: { ...relayBody().official!, problem: { code: 'http', message: 'HTTP 503' } } })),
      'could not read',
    ],
  ])('falls back to direct polling when the relay %s, and says why', async (_what, answer, reason) => {
    await saveRelaySettings(local(), { enabled: true, url: RELAY, share: false });
    const { fetch } = fetchAnswering(answer);
    expect(await refreshViaRelay([github], deps(fetch))).toEqual([github]);
    expect((await getRecord(db, 'github'))?.snapshot ?? null).toBeNull();
    const path = (await loadRelayPaths(local())).github!;
    expect(path.via).toBe('direct');
    expect(path.reason).toContain(reason);
  });

  it('five or more browsers failing in this window make a likely outage on their own (the shared-failure source)', async () => {
    await saveRelaySettings(local(), { enabled: true, url: RELAY, share: false });
    const bucket = Math.floor(NOW / REPORT_WINDOW_MS) * REPORT_WINDOW_MS;
    const body = relayBody(
      {
        official: null,
        complaints: [],
        browsers: { minTokens: 5, windows: [{ bucket, count: 5 }], usual: 0.25, coverageFrom: NOW - 86_400_000 },
      },
      'netflix',
    );
    const { fetch } = fetchAnswering(() => Response.json(body));
    expect(await refreshViaRelay([netflix], deps(fetch))).toEqual([]);
    const records = await getCrowd(db, 'netflix');
    const spike = crowdSpike(records, NOW, false);
    expect(spike.likely).toBe(true);
    expect(spike.count).toBe(5);
    expect(spike.source).toBe('browsers');
  });
});

describe('sharing failure counts', () => {
  const failing: LocalEvidence = {
    trouble: true,
    failures: 4,
    since: NOW - 120_000,
    hosts: ['github.com'],
    manual: false,
    discounted: null,
  };

  it('sends nothing unless the person opted in', async () => {
    await saveRelaySettings(local(), { enabled: true, url: RELAY, share: false });
    const { fetch, seen } = fetchAnswering(() => Response.json({ counted: true }, { status: 202 }));
    expect(await shareFailures(new Map([['github', failing]]), { fetch, now: () => NOW, local: local() })).toBe(0);
    expect(seen).toEqual([]);
  });

  it('opted in: exactly {service, kind, bucket, token}, once per window, with a daily token the relay accepts', async () => {
    await saveRelaySettings(local(), { enabled: true, url: RELAY, share: true });
    const { fetch, seen } = fetchAnswering(() => Response.json({ counted: true }, { status: 202 }));
    const d = { fetch, now: () => NOW, local: local() };
    expect(await shareFailures(new Map([['github', failing]]), d)).toBe(1);
    expect(await shareFailures(new Map([['github', failing]]), d)).toBe(0); // same window: not again
    expect(seen).toHaveLength(1);
    const sent = JSON.parse(String(seen[0]!.init!.body)) as Record<string, unknown>;
    expect(Object.keys(sent).sort()).toEqual(['bucket', 'kind', 'service', 'token']);
    expect(sent).toMatchObject({ service: 'github', kind: 'page-load', bucket: Math.floor(NOW / REPORT_WINDOW_MS) * REPORT_WINDOW_MS });
    expect(parseReport(sent, NOW).ok).toBe(true);
    expect(seen[0]!.init!.credentials).toBe('omit');
    // The next day, a new token.
    const first = (await RELAY_TOKEN.get(local()))!.token;
    await shareFailures(new Map([['github', failing]]), { ...d, now: () => NOW + 86_400_000 });
    const second = (await RELAY_TOKEN.get(local()))!.token;
    expect(second).not.toBe(first);
  });

  it('reports only what this browser saw itself: repeated failures not explained by its own network, or the person’s report', () => {
    expect(reportsFor('github', { ...failing, discounted: 'offline' }, NOW)).toEqual([]);
    expect(reportsFor('github', { ...failing, failures: 2, trouble: false }, NOW)).toEqual([]);
    expect(reportsFor('github', { ...failing, failures: 0, manual: true }, NOW).map((r) => r.kind)).toEqual(['person']);
  });
});

describe('the relay bundles the whole catalog', () => {
  it('relay/src/catalog.ts imports every category file of core/catalog/services', async () => {
    const { readdirSync } = await import('node:fs');
    const src = readFileSync('relay/src/catalog.ts', 'utf8');
    const imported = [...src.matchAll(/core\/catalog\/services\/([a-z-]+)\.json'/g)].map((m) => `${m[1]}.json`).sort();
    expect(imported).toEqual(
      readdirSync('core/catalog/services')
        .filter((f) => f.endsWith('.json'))
        .sort(),
    );
  });
});
