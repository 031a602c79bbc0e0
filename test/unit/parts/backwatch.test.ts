/** "Tell me when it's back" (issue 17 item 4): one-off watches that notify once and remove themselves. */
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  BACK_WATCH_TTL_MS,
  backNow,
  loadBackWatches,
  mayWatchBack,
  runBackWatches,
  setBackWatch,
  type BackCheck,
} from '../../../core/backwatch';
import { backRetryText, backText } from '../../../core/notify';

const NOW = Date.parse('2026-11-23T12:00:00Z');

function deps(fetchImpl: typeof fetch) {
  const shown: { serviceId: string; title: string; message: string; reload: boolean }[] = [];
  const fetched: string[] = [];
  return {
    shown,
    fetched,
    d: {
      local: fakeBrowser.storage.local,
      now: NOW,
      fetch: (async (url: string, init?: RequestInit) => {
        fetched.push(`${url} ${init?.mode} ${init?.credentials}`);
        return fetchImpl(url, init);
      }) as typeof fetch,
      notify: async (serviceId: string, title: string, message: string, reload: boolean) =>
        void shown.push({ serviceId, title, message, reload }),
      words: { back: backText, answers: backRetryText },
    },
  };
}
const check = (over: Partial<BackCheck> = {}): BackCheck => ({
  serviceId: 'discord',
  name: 'Discord',
  verdict: 'unacknowledged',
  failedHosts: [],
  ...over,
});

describe('tell me when it is back', () => {
  it('which verdicts offer it, and which are "back"', () => {
    expect(mayWatchBack('acknowledged', false)).toBe(true);
    expect(mayWatchBack('unacknowledged', false)).toBe(true);
    expect(mayWatchBack('ok', false)).toBe(false);
    expect(mayWatchBack('unknown', true)).toBe(true); // this browser failed to load it
    expect(backNow('resolved')).toBe(true);
    expect(backNow('ok')).toBe(true);
    expect(backNow('unknown')).toBe(false); // cannot tell is never "back"
    expect(backNow('maintenance')).toBe(false);
  });

  it('the provider says resolved: one notification, then the watch is gone', async () => {
    await setBackWatch(fakeBrowser.storage.local, 'discord', true, NOW - 60_000);
    const { d, shown } = deps(async () => new Response(''));
    await runBackWatches([check({ verdict: 'acknowledged' })], d);
    expect(shown).toEqual([]);
    await runBackWatches([check({ verdict: 'resolved' })], d);
    await runBackWatches([check({ verdict: 'resolved' })], d);
    expect(shown).toEqual([
      {
        serviceId: 'discord',
        title: 'Discord is back',
        message: expect.stringContaining('reports no problem any more') as string,
        reload: false,
      },
    ]);
    expect(await loadBackWatches(fakeBrowser.storage.local, NOW)).toEqual({});
  });

  it('a site this browser failed to reach answers a retry: notify with the offer to reload, then remove', async () => {
    await setBackWatch(fakeBrowser.storage.local, 'discord', true, NOW);
    const down = deps(async () => {
      throw new TypeError('Failed to fetch');
    });
    await runBackWatches([check({ failedHosts: ['discord.com'] })], down.d);
    expect(down.shown).toEqual([]);
    expect(down.fetched).toEqual(['https://discord.com/ no-cors omit']);

    const up = deps(async () => new Response(null, { status: 200 }));
    await runBackWatches([check({ failedHosts: ['discord.com'] })], up.d);
    expect(up.shown).toEqual([
      {
        serviceId: 'discord',
        title: 'Discord answers again',
        message: 'A retry of discord.com just worked. Click to reload its tabs.',
        reload: true,
      },
    ]);
    expect(await loadBackWatches(fakeBrowser.storage.local, NOW)).toEqual({});
  });

  it('services without a watch are left alone; a watch expires after 7 days; garbage in storage is ignored', async () => {
    const { d, shown, fetched } = deps(async () => new Response(''));
    await runBackWatches([check({ verdict: 'ok', failedHosts: ['discord.com'] })], d);
    expect(shown).toEqual([]);
    expect(fetched).toEqual([]);
    await setBackWatch(fakeBrowser.storage.local, 'discord', true, NOW - BACK_WATCH_TTL_MS - 1);
    expect(await loadBackWatches(fakeBrowser.storage.local, NOW)).toEqual({});
    await fakeBrowser.storage.local.set({ backWatch: { a: 'x', b: { since: 'no' }, c: null } });
    expect(await loadBackWatches(fakeBrowser.storage.local, NOW)).toEqual({});
  });
});
