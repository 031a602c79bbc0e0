/**
 * Issue 13, this browser's failed requests as evidence, in BOTH browsers (both.ts): the Prime
 * Video-style case (the page loads, its API host answers 503 → unacknowledged, the popup naming
 * what failed) and 4xx answers → ok. The Chromium-only requests.spec.ts also covers the offer,
 * third-party analytics and the acknowledged case.
 *
 * Permissions as after "Watch this site's requests": Prime Video's and Zoom's request hosts are
 * listed in a copy of the built manifest (`ackObserved`), granted at install by both browsers
 * (Firefox: `extensions.originControls.grantByDefault`), because neither prompt can be answered here.
 */
declare const chrome: typeof import('wxt/browser').browser;

import { MAIN, expect, test, tid, verdictOf, type Driver, type View } from './both';

const FF = { tag: '@firefox' };

test.use({ ackObserved: ['primevideo', 'zoom'], ackWorld: { zoom: 'sp-ok', 'www.primevideo.com': 'site-ok', primevideo: 'crowd-quiet' } });

/** The page's own fetches to a URL, as its scripts would make them; the HTTP statuses seen (0 = network error). */
function pageFetches(view: View, url: string, n: number): Promise<number[]> {
  return view.evaluate(
    ({ u, count }) =>
      Promise.all(
        Array.from({ length: count }, (_, i) =>
          fetch(`${u}${u.includes('?') ? '&' : '?'}n=${i}`, { cache: 'no-store' }).then(
            (r) => r.status,
            () => 0,
          ),
        ),
      ),
    { u: url, count: n },
  );
}

/** A service's answered and failed requests, summed over the minutes stored in storage.session. */
async function countsOf(drv: Driver, serviceId: string): Promise<{ answered: number; failed: number }> {
  return drv.ext(async (id) => {
    type Bucket = { serviceId: string; answered: number; status: Record<string, number>; errors: Record<string, number> };
    const got = await chrome.storage.session.get('requests');
    const mine = ((got.requests ?? []) as Bucket[]).filter((b) => b.serviceId === id);
    const sum = (o: Record<string, number>) => Object.values(o).reduce((a, n) => a + n, 0);
    return { answered: mine.reduce((a, b) => a + b.answered, 0), failed: mine.reduce((a, b) => a + sum(b.status) + sum(b.errors), 0) };
  }, serviceId);
}

test.describe.serial("this browser's failed requests", () => {
  test('Prime Video-style: the page loads, its API host answers 503 → unacknowledged, popup naming what failed', FF, async ({ drv }) => {
    drv.server.setScenario('atv-ps-eu.primevideo.com', 'site-503');
    const { view, tabId } = await drv.visit('https://www.primevideo.com/');
    const failed = await pageFetches(view, 'https://atv-ps-eu.primevideo.com/playback/prs/GetVodPlaybackResources?deviceID=browser', 14);
    expect(failed.every((s) => s === 503)).toBe(true);
    const ok = await pageFetches(view, 'https://www.primevideo.com/region/eu/api/getDetailPage?titleID=x', 6);
    expect(ok.every((s) => s === 200)).toBe(true);

    await expect.poll(async () => (await drv.badge(tabId)).text, { timeout: 120_000 }).toBe('?');
    await expect
      .poll(async () => (await drv.badge(tabId)).title, { timeout: 30_000 })
      .toMatch(
        /^Amazon Prime Video — unacknowledged: This browser: 14 of \d+ requests to Amazon Prime Video failed in the last 5 minutes \(503\); no official status page/,
      );
    const popup = await drv.openPopup(`tab=${tabId}`);
    expect(await verdictOf(popup)).toBe('unacknowledged');
    expect(await popup.text(tid('request-failures'))).toMatch(
      /^This browser: 14 of \d+ requests to Amazon Prime Video failed in the last 5 minutes \(503\)\.$/,
    );
    expect(await popup.text(tid('request-scope'))).toBe('This browser only — others may not see it.');
    await popup.screenshot('popup-requests-unacknowledged-primevideo');
    expect(await countsOf(drv, 'primevideo')).toMatchObject({ failed: 14 });
    await popup.close();
  });

  test('4xx answers → ok', FF, async ({ drv }) => {
    drv.server.setScenario('api.zoom.us', 'site-404');
    const { view, tabId } = await drv.visit('https://zoom.us/');
    const before = (await countsOf(drv, 'zoom')).answered;
    const answers = await pageFetches(view, 'https://api.zoom.us/v2/users/me', 12);
    expect(answers.every((s) => s === 404)).toBe(true);
    await expect.poll(async () => (await countsOf(drv, 'zoom')).answered, { timeout: 15_000 }).toBeGreaterThanOrEqual(before + 12);
    expect((await countsOf(drv, 'zoom')).failed).toBe(0);
    const popup = await drv.openPopup(`tab=${tabId}`);
    expect(await verdictOf(popup)).toBe('ok');
    expect(await popup.attr(MAIN, 'data-verdict')).toBe('ok');
    expect(await popup.text(tid('request-watching'))).toMatch(/, 0 failed\.$/);
    await popup.close();
  });
});
