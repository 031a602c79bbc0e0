/**
 * The worker's request watching (core/local/watch.ts) with a small stand-in browser: which
 * requests are counted, that only counts are stored, and that nothing happens without the
 * permission. Then the counts through evidenceFor → evaluate: the words the badge, popup and copied
 * summary show.
 */
import { describe, expect, it, vi } from 'vitest';
import type { WxtBrowser } from 'wxt/browser';
import { CATALOG } from '../../../core/catalog/bundled';
import { evaluate } from '../../../core/judge';
import { evidenceFor } from '../../../core/evidence';
import { requestOrigins } from '../../../core/local/observe';
import { loadRequests, REQUESTS, type KeyValueArea } from '../../../core/storage';
import { watchRequests } from '../../../core/local/watch';
import { directory } from '../../../core/services';
import { defaultSettings } from '../../../core/settings';

const NOW = Date.parse('2026-11-23T12:00:30Z');
type Listener = (d: Record<string, unknown>) => void;

function memoryArea(): KeyValueArea & { data: Record<string, unknown> } {
  const data: Record<string, unknown> = {};
  return {
    data,
    get: async (k: string) => (k in data ? { [k]: structuredClone(data[k]) } : {}),
    set: async (items: Record<string, unknown>) => void Object.assign(data, structuredClone(items)),
  };
}

function fakeBrowser(opts: { webRequest: boolean; held: string[] }) {
  const listeners: { completed: Listener[]; error: Listener[]; added: (() => void)[] } = { completed: [], error: [], added: [] };
  const held = new Set(opts.held);
  const event = (list: Listener[]) => ({ addListener: (fn: Listener) => list.push(fn) });
  const b = {
    webRequest: opts.webRequest ? { onCompleted: event(listeners.completed), onErrorOccurred: event(listeners.error) } : undefined,
    permissions: {
      contains: async ({ origins }: { origins: string[] }) => origins.every((o) => held.has(o)),
      onAdded: { addListener: (fn: () => void) => listeners.added.push(fn) },
      onRemoved: { addListener: () => undefined },
    },
    storage: { onChanged: { addListener: () => undefined } },
  };
  return {
    b: b as unknown as WxtBrowser,
    completed: (url: string, statusCode: number, extra: Record<string, unknown> = {}) =>
      listeners.completed.forEach((fn) => fn({ url, statusCode, ...extra })),
    failed: (url: string, error: string) => listeners.error.forEach((fn) => fn({ url, error })),
    grant(origins: string[]) {
      for (const o of origins) held.add(o);
      listeners.added.forEach((fn) => fn());
    },
  };
}

const primevideo = CATALOG.get('primevideo')!;

function setup(opts: { webRequest?: boolean; held?: string[]; watchRequests?: boolean } = {}) {
  const f = fakeBrowser({ webRequest: opts.webRequest ?? true, held: opts.held ?? requestOrigins(primevideo) });
  const session = memoryArea();
  const onFailures = vi.fn();
  const settings = { ...defaultSettings(), watchRequests: opts.watchRequests ?? true };
  const w = watchRequests(f.b, {
    now: () => NOW,
    online: () => true,
    session,
    catalog: async () => CATALOG,
    directory: async () => directory(settings, CATALOG),
    settings: async () => settings,
    onFailures,
  });
  /** Let the async handlers and the batched write finish. */
  const settle = async () => {
    for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
    await w.flush();
  };
  return { ...f, session, onFailures, w, settle };
}

describe('watching requests', () => {
  it("counts the service's own hosts (domain and API host): 14 × 503 and 6 × 200 → counts only", async () => {
    const x = setup();
    for (let i = 0; i < 14; i++) x.completed('https://atv-ps-eu.primevideo.com/playback/prs/GetVodPlaybackResources?deviceID=secret', 503);
    for (let i = 0; i < 6; i++) x.completed('https://www.primevideo.com/region/eu/api/getDetailPage?titleID=abc', 200);
    await x.settle();
    const buckets = await loadRequests(x.session);
    expect(buckets).toHaveLength(1);
    expect(buckets[0]).toMatchObject({ serviceId: 'primevideo', answered: 6, status: { '503': 14 }, errors: {} });
    // Never a URL, path, query or hostname in storage.
    const stored = JSON.stringify(x.session.data[REQUESTS.key]);
    expect(stored).not.toMatch(/primevideo\.com|playback|GetVod|secret|titleID|https?:|\?/);
    await vi.waitFor(() => expect(x.onFailures).toHaveBeenCalledWith(['primevideo']));
  });

  it('ignores third-party hosts (analytics), 4xx are answers, aborted and blocked requests are nothing', async () => {
    const x = setup();
    x.failed('https://analytics.example-tracker.test/collect', 'net::ERR_CONNECTION_RESET');
    x.completed('https://www.google-analytics.com/g/collect', 503);
    x.completed('https://atv-ps.primevideo.com/cdp/x', 404);
    x.failed('https://atv-ps.primevideo.com/cdp/y', 'net::ERR_ABORTED');
    x.failed('https://aiv-cdn.net/seg.mp4', 'net::ERR_BLOCKED_BY_CLIENT');
    await x.settle();
    const buckets = await loadRequests(x.session);
    expect(buckets.map((b) => [b.serviceId, b.answered, b.status, b.errors])).toEqual([['primevideo', 1, {}, {}]]);
    expect(x.onFailures).not.toHaveBeenCalled();
  });

  it("never counts the extension's own requests (status feeds)", async () => {
    const x = setup();
    x.completed('https://www.primevideo.com/x', 503, { initiator: 'chrome-extension://abcdef' });
    x.completed('https://www.primevideo.com/x', 503, { originUrl: 'moz-extension://1234/background.html' });
    await x.settle();
    expect(await loadRequests(x.session)).toEqual([]);
  });

  it('nothing without the permission for all of the service’s hosts', async () => {
    const x = setup({ held: ['https://*.primevideo.com/*'] });
    x.completed('https://www.primevideo.com/x', 503);
    await x.settle();
    expect(await loadRequests(x.session)).toEqual([]);
  });

  it('nothing when turned off in options', async () => {
    const x = setup({ watchRequests: false });
    x.completed('https://www.primevideo.com/x', 503);
    await x.settle();
    expect(await loadRequests(x.session)).toEqual([]);
  });

  it('hosts granted later (popup "Watch this site\'s requests"): observed from then on', async () => {
    const x = setup({ held: [] });
    expect(x.w.isRegistered()).toBe(true);
    x.failed('https://aiv-cdn.net/seg.mp4', 'net::ERR_CONNECTION_RESET');
    await x.settle();
    expect(await loadRequests(x.session)).toEqual([]);
    x.grant(requestOrigins(primevideo));
    x.failed('https://aiv-cdn.net/seg.mp4', 'net::ERR_CONNECTION_RESET');
    await x.settle();
    expect((await loadRequests(x.session))[0]).toMatchObject({ errors: { reset: 1 } });
  });

  it('a browser without the webRequest API: nothing registered, nothing breaks', () => {
    expect(setup({ webRequest: false }).w.isRegistered()).toBe(false);
  });
});

describe('the words', () => {
  const buckets = [
    { serviceId: 'primevideo', at: NOW - 30_000, answered: 6, status: { '503': 14 }, errors: {}, offline: 0, firstFailureAt: NOW - 90_000 },
  ];
  const inputs = { events: [], reports: [], online: true, requests: buckets };

  it('no official channel + failed requests → unacknowledged, naming what failed', () => {
    const ev = evidenceFor('primevideo', inputs, NOW, primevideo.name);
    expect(ev.requests).toMatchObject({ trouble: true, failed: 14, total: 20 });
    expect(ev.verdict.summary).toBe('this browser: 14 of 20 requests to Amazon Prime Video failed in the last 5 minutes (503)');
    expect(ev.verdict.since).toBe(NOW - 90_000);
    const { result } = evaluate(primevideo, undefined, NOW, 1, ev.verdict);
    expect(result.verdict).toBe('unacknowledged');
    expect(result.reason).toContain('14 of 20 requests to Amazon Prime Video failed in the last 5 minutes (503)');
  });

  it('several causes are listed with counts, most frequent first', () => {
    const mixed = [{ ...buckets[0]!, status: { '503': 10, '502': 2 }, errors: { timeout: 3 } }];
    const ev = evidenceFor('primevideo', { ...inputs, requests: mixed }, NOW, primevideo.name);
    expect(ev.verdict.summary).toBe(
      'this browser: 15 of 21 requests to Amazon Prime Video failed in the last 5 minutes (503 ×10, timed out ×3, 502 ×2)',
    );
  });
});
