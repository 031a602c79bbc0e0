/**
 * Issue 17 item 3 through the real worker (core/background.ts `start` → core/worker/reconcile.ts →
 * core/worker/notifier.ts), with WXT's fake browser and fake-indexeddb: a watched service's choice
 * of parts, its minimum severity and its snooze decide which notifications are shown.
 *
 * Feeds are real: the demo's `sp-copilot-incident` (GitHub's real all-operational summary plus the
 * real Copilot-only incident of 2026-08-10, minor, re-opened) and `sp-resolved`, and GitHub's
 * summary.json during the 2020-04-02 major outage (test/fixtures/feeds/PROVENANCE.md).
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WxtBrowser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { scenarioResponses, type StatusScenarioName } from '../../../demo/scenarios';
import { start } from '../../../core/background';
import { SERVICES } from '../../../core/catalog/bundled';
import { getRecord, openStore } from '../../../core/store';
import type { Settings } from '../../../core/settings';
import { recordNotifications } from '../fake-notifications';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const MAJOR_2020 = readFileSync('test/fixtures/feeds/statuspage-summary-github-active-incident-major-outage-20200402.json', 'utf8');
const NOW_2020 = Date.parse('2020-04-02T20:40:00Z');
const GITHUB = SERVICES.find((s) => s.id === 'github')!;
const b = fakeBrowser as unknown as WxtBrowser;
const until = <T>(fn: () => T | Promise<T>) => vi.waitFor(fn, { timeout: 15_000, interval: 20 });

/** githubstatus.com answering as in a demo scenario (or a raw summary.json); everything else 503. */
function githubFeed(first: StatusScenarioName | { summary: string }, now: number) {
  let routes = new Map<string, string>();
  const set = (what: StatusScenarioName | { summary: string }) => {
    if (typeof what === 'object') {
      routes = new Map([
        ['/api/v2/summary.json', what.summary],
        ['/api/v2/incidents.json', '{"page":{},"incidents":[]}'],
      ]);
      return;
    }
    const demo = { id: 'github', name: 'GitHub', statusUrl: GITHUB.official!.url };
    routes = new Map([...scenarioResponses(what, demo, now)].map(([path, r]) => [path, String(r.body)]));
  };
  set(first);
  const fetch = (async (input: RequestInfo | URL) => {
    const url = new URL(String(input));
    const body = url.hostname === 'www.githubstatus.com' ? routes.get(url.pathname) : undefined;
    return body === undefined
      ? new Response('unavailable', { status: 503 })
      : new Response(body, { headers: { 'content-type': 'application/json' } });
  }) as typeof globalThis.fetch;
  return { fetch, set };
}

let n = 0;
let dbName: string;
const booted: ReturnType<typeof start>[] = [];
beforeEach(() => {
  dbName = `worker-notify-${n++}`;
});
afterEach(async () => {
  // Let each worker's first tick finish before the next test shares the fake browser.
  await Promise.all(booted.splice(0).map((api) => api.ready));
  await new Promise((r) => setTimeout(r, 50));
});

async function boot(settings: Partial<Settings> | Record<string, unknown>, fetch: typeof globalThis.fetch, now = NOW) {
  await fakeBrowser.storage.local.set({ settings: { watched: ['github'], ...settings } });
  const api = start(b, { fetch, now: () => now, db: () => openStore(dbName) });
  booted.push(api);
  await api.ready;
  return api;
}

/** The worker polled the feed and reconciled: the record holds the provider's open incidents. */
async function openIncidentNames(): Promise<string[]> {
  const rec = await getRecord(await openStore(dbName), 'github');
  return (rec?.snapshot?.incidents ?? []).map((i) => i.title);
}

describe("a watched service's notifications follow its choice of parts", () => {
  it('a Copilot-only incident is held back for someone who chose Pull Requests, and told to someone who chose Copilot', async () => {
    const created = recordNotifications();
    const api = await boot({ watchedParts: { github: ['pulls'] } }, githubFeed('sp-copilot-incident', NOW).fetch);
    // The feed was read and the incident is there: silence is the part choice, not a missed poll.
    expect(await openIncidentNames()).toEqual(['Disruption with Copilot for access to some models']);
    await api.reconcile(['github']);
    expect(created).toEqual([]);
    expect(await (await openStore(dbName)).getAll('episodes')).toEqual([]);
  });

  it('the same incident is told when the chosen parts include Copilot', async () => {
    const created = recordNotifications();
    await boot({ watchedParts: { github: ['pulls', 'copilot'] } }, githubFeed('sp-copilot-incident', NOW).fetch);
    await until(() => expect(created).toHaveLength(1));
    expect(created[0]).toMatch(/^acknowledged\|github\|github:/);
  });

  it('without a choice of parts the whole service counts, as before parts', async () => {
    const created = recordNotifications();
    await boot({}, githubFeed('sp-copilot-incident', NOW).fetch);
    await until(() => expect(created).toHaveLength(1));
  });

  it('a major incident on a component no part claims is told even to someone who chose only Pages', async () => {
    // The real 2020-04-02 incident names only "Visit www.githubstatus.com for more information",
    // which no part claims, and is major. "GitHub Pages" is listed in that feed, so the choice
    // really narrows (a part whose components are not listed would fall back to the whole service).
    const feed = JSON.parse(MAJOR_2020) as { components: { name: string }[] };
    expect(feed.components.map((c) => c.name)).toContain('GitHub Pages');
    const created = recordNotifications();
    await boot({ watchedParts: { github: ['pages'] } }, githubFeed({ summary: MAJOR_2020 }, NOW_2020).fetch, NOW_2020);
    await until(() => expect(created).toHaveLength(1));
    expect(created[0]).toMatch(/^acknowledged\|github\|github:/);
  });
});

describe('minimum severity and snooze, through the worker', () => {
  it('"major only" holds back the minor Copilot incident', async () => {
    const created = recordNotifications();
    const api = await boot({ notifications: { minSeverity: 'major' } }, githubFeed('sp-copilot-incident', NOW).fetch);
    expect(await openIncidentNames()).toHaveLength(1);
    await api.reconcile(['github']);
    expect(created).toEqual([]);
  });

  it('"major only" tells the major 2020 outage', async () => {
    const created = recordNotifications();
    await boot({ notifications: { minSeverity: 'major' } }, githubFeed({ summary: MAJOR_2020 }, NOW_2020).fetch, NOW_2020);
    await until(() => expect(created).toHaveLength(1));
    expect(created[0]).toMatch(/^acknowledged\|github\|/);
  });

  it('snoozed for an hour: nothing is told while it lasts', async () => {
    const created = recordNotifications();
    const snoozed = { github: { until: NOW + 3_600_000, since: NOW - 60_000 } };
    const api = await boot({ notifications: { snoozed } }, githubFeed('sp-copilot-incident', NOW).fetch);
    expect(await openIncidentNames()).toHaveLength(1);
    await api.reconcile(['github']);
    expect(created).toEqual([]);
    // Marked told in the episode: the end of the snooze does not replay an old acknowledgement.
    const eps = await (await openStore(dbName)).getAll('episodes');
    expect(eps).toHaveLength(1);
    expect(eps[0]!.notified).toContain('acknowledged');
  });

  it('snoozed until resolved: the acknowledgement is silent, its resolution is told', async () => {
    const created = recordNotifications();
    const feed = githubFeed('sp-copilot-incident', NOW);
    const snoozed = { github: { until: null, since: NOW } }; // set now, while the incident is open
    const api = await boot({ notifications: { snoozed } }, feed.fetch);
    await api.reconcile(['github']);
    expect(created).toEqual([]);

    feed.set('sp-resolved');
    await api.refresh([GITHUB], true);
    await until(() => expect(created).toHaveLength(1));
    expect(created[0]).toMatch(/^resolved\|github\|github:/);
  });
});
