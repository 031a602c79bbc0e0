import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { WxtBrowser } from 'wxt/browser';
import { start } from '../../core/background';
import { DEFAULT_TITLE } from '../../core/worker/badge';
import { POLL_ALARM } from '../../core/worker/scheduler';
import { SERVICES } from '../../core/catalog/bundled';
import { HN_ENDPOINT } from '../../core/crowd/hn';
import { DEFAULT_INSTANCES } from '../../core/crowd/mastodon';
import { openStore } from '../../core/store';
import { recordNotifications } from './fake-notifications';

// Real payload: GitHub's summary.json during the 2020-04-02 outage (test/fixtures/feeds/PROVENANCE.md).
const ACTIVE = readFileSync('test/fixtures/feeds/statuspage-summary-github-active-incident-major-outage-20200402.json', 'utf8');
const NOW = Date.parse('2020-04-02T20:40:00Z');

function fakeFetch() {
  const urls: string[] = [];
  const fetch = (async (input: RequestInfo | URL) => {
    const url = String(input);
    urls.push(url);
    if (url === 'https://www.githubstatus.com/api/v2/summary.json') {
      return new Response(ACTIVE, { headers: { 'content-type': 'application/json' } });
    }
    if (url === 'https://www.githubstatus.com/api/v2/incidents.json') {
      return new Response('{"page":{},"incidents":[]}', { headers: { 'content-type': 'application/json' } });
    }
    return new Response('unavailable', { status: 503 });
  }) as typeof globalThis.fetch;
  return { fetch, urls };
}

const b = fakeBrowser as unknown as WxtBrowser;
/** Wait for the worker's asynchronous handlers; generous, because CI machines are small and busy. */
const until = <T>(fn: () => T | Promise<T>) => vi.waitFor(fn, { timeout: 15_000, interval: 20 });
let n = 0;
let dbName: string;
beforeEach(() => {
  dbName = `bg-test-${n++}`;
});

const booted: ReturnType<typeof start>[] = [];
function boot(fetch: typeof globalThis.fetch) {
  const name = dbName; // fixed per test: an earlier test's in-flight poll must not write into this one's DB
  const api = start(b, { fetch, now: () => NOW, db: () => openStore(name) });
  booted.push(api);
  return api;
}

// A test's worker keeps working after the test's last assertion (its first tick polls, paints
// every tab in the shared fake session storage, notifies): let it finish before the next test,
// or it paints and notifies into that test.
afterEach(async () => {
  await Promise.all(booted.splice(0).map((api) => api.ready));
  await new Promise((r) => setTimeout(r, 50));
});

const commit = (tabId: number, url: string) =>
  fakeBrowser.webNavigation.onCommitted.trigger({ tabId, frameId: 0, url, timeStamp: NOW } as never);

describe('background', () => {
  it('arms the poll alarm at every start', async () => {
    boot(fakeFetch().fetch);
    await until(async () => expect(await fakeBrowser.alarms.get(POLL_ALARM)).toMatchObject({ periodInMinutes: 1 }));
  });

  it('paints the tab of a catalogued site with its verdict after a navigation', async () => {
    const web = fakeFetch();
    boot(web.fetch);
    await commit(7, 'https://gist.github.com/someone/abc');
    await until(async () => expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('!'));
    expect(await fakeBrowser.action.getTitle({ tabId: 7 })).toBe('GitHub — acknowledged: Major outage, updated 13 min ago');
    // Only status feeds are requested — never the page the person visited.
    await until(() => expect(web.urls).toContain('https://www.githubstatus.com/api/v2/summary.json'));
    expect(web.urls.filter((u) => u.includes('gist') || u.includes('someone'))).toEqual([]);
    // Every request goes to an official feed or a keyless complaint source — nowhere else.
    const allowed = new Set([
      ...SERVICES.flatMap((s) => (s.official ? [new URL(s.official.url).origin] : [])),
      new URL(HN_ENDPOINT).origin,
      ...DEFAULT_INSTANCES.map((i) => `https://${i}`),
    ]);
    expect(web.urls.filter((u) => !allowed.has(new URL(u).origin))).toEqual([]);
    // Only the hostname is kept for the tab, never the URL.
    const session = await fakeBrowser.storage.session.get(null);
    expect(session['tab:7']).toBe('gist.github.com');
    expect(JSON.stringify(session)).not.toContain('someone');
  });

  it('clears the badge on a site no catalogued service owns when no watched service is in trouble', async () => {
    await fakeBrowser.storage.local.set({ settings: { watched: [] } });
    boot(fakeFetch().fetch);
    await fakeBrowser.action.setBadgeText({ tabId: 3, text: '!' });
    await commit(3, 'https://notgithub.com/');
    await until(async () => expect(await fakeBrowser.action.getTitle({ tabId: 3 })).toBe(DEFAULT_TITLE));
    expect(await fakeBrowser.action.getBadgeText({ tabId: 3 })).toBe('');
  });

  it('on a site no catalogued service owns, counts the watched services in trouble', async () => {
    await fakeBrowser.storage.local.set({ settings: { watched: ['github'] } });
    boot(fakeFetch().fetch);
    await commit(4, 'https://example.org/');
    await until(async () => expect(await fakeBrowser.action.getBadgeText({ tabId: 4 })).toBe('1'));
    expect(await fakeBrowser.action.getTitle({ tabId: 4 })).toBe('1 watched service in trouble: GitHub (acknowledged)');
  });

  it('records an episode and notifies once for a watched service the provider acknowledged', async () => {
    await fakeBrowser.storage.local.set({ settings: { watched: ['github'] } });
    const created = recordNotifications();
    const api = boot(fakeFetch().fetch);
    await until(() => expect(created).toHaveLength(1));
    expect(created[0]).toMatch(/^acknowledged\|github\|github:/);
    // Reconciling again (a worker restart repeats steps) tells nothing new.
    await api.reconcile(['github']);
    await api.reconcile(['github']);
    expect(created).toHaveLength(1);
    const db = await openStore(dbName);
    const eps = await db.getAll('episodes');
    expect(eps).toHaveLength(1);
    expect(eps[0]).toMatchObject({
      serviceId: 'github',
      notified: ['acknowledged'],
      firstOfficialAt: Date.parse('2020-04-02T20:20:54.013Z'),
    });
  });

  it('a restarted worker repaints from stored data without refetching fresh data', async () => {
    const first = fakeFetch();
    boot(first.fetch);
    await commit(5, 'https://github.com/');
    await until(async () => expect(await fakeBrowser.action.getBadgeText({ tabId: 5 })).toBe('!'));

    // The worker dies: listeners are gone, badge state is reset by the browser; storage survives.
    const session = await fakeBrowser.storage.session.get(null);
    fakeBrowser.reset();
    await fakeBrowser.storage.session.set(session);
    const second = fakeFetch();
    boot(second.fetch);
    await fakeBrowser.webNavigation.onCompleted.trigger({ tabId: 5, frameId: 0, url: 'https://github.com/', timeStamp: NOW } as never);
    await until(async () => expect(await fakeBrowser.action.getBadgeText({ tabId: 5 })).toBe('!'));
    expect(await fakeBrowser.alarms.get(POLL_ALARM)).toBeDefined();
  });

  it('answers a refresh message from the popup', async () => {
    const web = fakeFetch();
    boot(web.fetch);
    const res = await fakeBrowser.runtime.sendMessage({ type: 'refresh', serviceId: 'github' });
    expect(res).toBe(true);
    expect(web.urls).toContain('https://www.githubstatus.com/api/v2/summary.json');
  });
});

describe('the tick drops old episodes, at most every few hours', () => {
  const old = (serviceId: string, at: number) => ({
    id: `${serviceId}:${at}`,
    serviceId,
    startedAt: at,
    firstEvidenceAt: null,
    firstOfficialAt: null,
    incidentIds: [],
    officialUpdates: [],
    resolvedAt: at + 1,
    endedAt: at + 1,
    timeline: [],
    notified: [],
  });

  it('prunes at the first tick, not at the next ones within PRUNE_EVERY_MS, and again after it', async () => {
    const { PRUNE_EVERY_MS } = await import('../../core/worker/scheduler');
    const { EPISODES_PRUNED_AT } = await import('../../core/storage');
    await b.storage.session.remove(EPISODES_PRUNED_AT.key);
    const db = await openStore(dbName);
    const DAY = 86_400_000;
    await db.put('episodes', old('zoom', NOW - 100 * DAY) as never);
    const api = boot(fakeFetch().fetch);
    await api.ready;
    expect(await db.get('episodes', `zoom:${NOW - 100 * DAY}`)).toBeUndefined();
    expect(await EPISODES_PRUNED_AT.get(b.storage.session)).toBe(NOW);
    // Another 100-day-old episode: the next tick (same clock) leaves it; a tick once the interval has passed drops it.
    await db.put('episodes', old('zoom', NOW - 101 * DAY) as never);
    await api.tick();
    expect(await db.get('episodes', `zoom:${NOW - 101 * DAY}`)).toBeDefined();
    await EPISODES_PRUNED_AT.set(b.storage.session, NOW - PRUNE_EVERY_MS);
    await api.tick();
    expect(await db.get('episodes', `zoom:${NOW - 101 * DAY}`)).toBeUndefined();
  });
});
