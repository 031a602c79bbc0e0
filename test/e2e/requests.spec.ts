/**
 * This browser's failed requests as evidence (issue 13), in real Chromium with the built extension:
 *   - Prime Video-style: the page loads, its API host answers 503 to the page's fetches, no official
 *     channel → `unacknowledged` within 2 minutes, the popup naming what failed ("this browser only");
 *   - a page whose third-party analytics host fails → stays `ok`;
 *   - the same API failures while the provider has an open incident (GitHub) → `acknowledged`, our
 *     failures listed as corroboration;
 *   - 4xx answers → `ok`.
 *
 * Permissions, as a person would have them after "Watch this site's requests": the extension is the
 * built one, with the three services' hosts added to `host_permissions` in a copy of its manifest
 * (the issue's "listed in the manifest"), because Chromium's prompt for new hosts cannot be answered
 * from a test. Every other service (Netflix here) shows the offer instead.
 *
 * Written to run on the Firefox harness too: everything browser-specific is in `launch`, `badge`
 * and `grantByButton` below (see the report of issue 13 for what Firefox needs).
 */
import type { Page } from '@playwright/test';
import { extensionWithHosts } from './driver/common';
import { badgeOf, EXTENSION_PATH, expect, extensionTest, shot, tabIdFor, type Env } from './fixtures';

declare const chrome: typeof import('wxt/browser').browser;

const OBSERVED = ['primevideo', 'github', 'zoom'];

// GitHub has an open incident; Zoom is operational; Prime Video publishes nothing. Complaints quiet.
const test = extensionTest({
  world: { github: 'sp-incident', zoom: 'sp-ok' },
  extensionPath: () => extensionWithHosts(EXTENSION_PATH, OBSERVED),
});

async function popup(env: Env, query: string): Promise<Page> {
  const page = await env.context.newPage();
  await page.setViewportSize({ width: 380, height: 700 });
  await page.goto(`chrome-extension://${env.extensionId}/popup.html?${query}`);
  await expect(page.locator('main[data-verdict]').first()).toBeVisible();
  return page;
}

/** The page's own fetches to a host, as its scripts would make them; returns the HTTP statuses seen. */
async function pageFetches(page: Page, url: string, n: number): Promise<number[]> {
  return page.evaluate(
    async ({ url: u, n: count }) =>
      Promise.all(
        Array.from({ length: count }, (_, i) =>
          fetch(`${u}${u.includes('?') ? '&' : '?'}n=${i}`, { cache: 'no-store' }).then(
            (r) => r.status,
            () => 0,
          ),
        ),
      ),
    { url, n },
  );
}

/** Stored request counts (storage.session), as the worker keeps them. */
async function storedCounts(env: Env): Promise<unknown> {
  return env.sw.evaluate(() => chrome.storage.session.get('requests').then((x) => x.requests ?? []));
}

/** A service's answered and failed requests, summed over its stored minutes. */
async function countsOf(env: Env, serviceId: string): Promise<{ answered: number; failed: number }> {
  const buckets = (await storedCounts(env)) as {
    serviceId: string;
    answered: number;
    status: Record<string, number>;
    errors: Record<string, number>;
  }[];
  const mine = buckets.filter((b) => b.serviceId === serviceId);
  const sum = (o: Record<string, number>) => Object.values(o).reduce((a, n) => a + n, 0);
  return { answered: mine.reduce((a, b) => a + b.answered, 0), failed: mine.reduce((a, b) => a + sum(b.status) + sum(b.errors), 0) };
}

test.describe.serial("this browser's failed requests", () => {
  test('Prime Video-style: the page loads, its API host answers 503 → badge ? within 2 minutes, popup naming what failed', async ({
    env,
  }) => {
    env.server.setScenario('atv-ps-eu.primevideo.com', 'site-503');

    // A service whose hosts the person has not allowed: nothing is observed; the popup offers it,
    // with one sentence of why. (Its button opens the browser's own prompt, which a test cannot answer.)
    const offer = await popup(env, 'service=netflix');
    await expect(offer.getByTestId('request-offer')).toContainText(
      'When Netflix loads but its requests fail, this browser can tell you at once. Only counts are kept, never an address.',
    );
    await expect(offer.getByRole('button', { name: "Watch this site's requests" })).toBeVisible();
    await shot(offer, 'popup-requests-offer-netflix');
    await offer.close();
    // Prime Video's hosts are held (listed in the manifest): observed, nothing failed yet.
    const before = await popup(env, 'service=primevideo');
    await expect(before.getByTestId('request-watching')).toHaveText(/^Watching this site's requests: 0 in the last 5 minutes, 0 failed\.$/);
    await before.close();

    const page = await env.context.newPage();
    await page.goto('https://www.primevideo.com/');
    await expect(page).toHaveTitle('Simulated Amazon Prime Video');
    const tabId = await tabIdFor(env, 'www.primevideo.com');
    expect((await badgeOf(env, tabId)).text).not.toBe('?');

    const firstFailure = Date.now();
    const failed = await pageFetches(page, 'https://atv-ps-eu.primevideo.com/playback/prs/GetVodPlaybackResources?deviceID=browser', 14);
    expect(failed.every((s) => s === 503)).toBe(true);
    const ok = await pageFetches(page, 'https://www.primevideo.com/region/eu/api/getDetailPage?titleID=x', 6);
    expect(ok.every((s) => s === 200)).toBe(true);

    await expect.poll(async () => (await badgeOf(env, tabId)).text, { timeout: 120_000, intervals: [250] }).toBe('?');
    const seconds = (Date.now() - firstFailure) / 1000;
    console.log(`[requests] first failed request → badge "?": ${seconds.toFixed(1)} s`);
    expect(seconds).toBeLessThan(120);
    // The title follows as the remaining answers are counted (the worker re-judges at most every 2 s).
    await expect
      .poll(async () => (await badgeOf(env, tabId)).title, { timeout: 30_000 })
      .toMatch(
        /^Amazon Prime Video — unacknowledged: This browser: 14 of \d+ requests to Amazon Prime Video failed in the last 5 minutes \(503\); no official status page/,
      );

    const p = await popup(env, `tab=${tabId}`);
    await expect(p.locator('main[data-verdict]').first()).toHaveAttribute('data-verdict', 'unacknowledged');
    await expect(p.getByTestId('request-failures')).toHaveText(
      /^This browser: 14 of \d+ requests to Amazon Prime Video failed in the last 5 minutes \(503\)\.$/,
    );
    await expect(p.getByTestId('request-scope')).toHaveText('This browser only — others may not see it.');
    await shot(p, 'popup-requests-unacknowledged-primevideo');

    // Counts only: no URL, path, query or hostname anywhere in what was stored.
    const stored = JSON.stringify(await storedCounts(env));
    expect(await countsOf(env, 'primevideo')).toMatchObject({ failed: 14 });
    expect(stored).not.toMatch(/primevideo\.com|GetVod|deviceID|titleID|https?:|\?/);
  });

  test('a page whose third-party analytics host fails stays ok', async ({ env }) => {
    env.server.setScenario('collect.analytics-demo.test', 'site-503');
    const page = await env.context.newPage();
    await page.goto('https://zoom.us/');
    const tabId = await tabIdFor(env, 'zoom.us');
    const analytics = await pageFetches(page, 'https://collect.analytics-demo.test/g/collect', 12);
    expect(analytics.every((s) => s === 503)).toBe(true);
    const own = await pageFetches(page, 'https://zoom.us/api/ok', 3);
    expect(own.every((s) => s === 200)).toBe(true);
    // Zoom's own requests are observed (so the analytics failures were seen and ignored, not missed).
    await expect.poll(async () => (await countsOf(env, 'zoom')).answered, { timeout: 15_000 }).toBeGreaterThanOrEqual(4);
    expect((await countsOf(env, 'zoom')).failed).toBe(0);
    // Nothing is kept about the analytics host at all.
    expect(JSON.stringify(await storedCounts(env))).not.toContain('analytics');
    const p = await popup(env, `tab=${tabId}`);
    await expect(p.locator('main[data-verdict]').first()).toHaveAttribute('data-verdict', 'ok');
    await expect(p.getByTestId('request-watching')).toHaveText(/^Watching this site's requests: \d+ in the last 5 minutes, 0 failed\.$/);
    expect((await badgeOf(env, tabId)).text).toBe('');
  });

  test('the same API failures while the provider has an open incident → acknowledged, our failures as corroboration', async ({ env }) => {
    env.server.setScenario('api.github.com', 'site-503');
    const page = await env.context.newPage();
    await page.goto('https://github.com/');
    const tabId = await tabIdFor(env, 'github.com');
    const failed = await pageFetches(page, 'https://api.github.com/repos/o/r/issues', 10);
    expect(failed.every((s) => s === 503)).toBe(true);
    // The title follows as the remaining answers are counted (the worker re-judges at most every 2 s).
    await expect
      .poll(async () => (await badgeOf(env, tabId)).title, { timeout: 120_000 })
      .toMatch(/^GitHub — acknowledged: .+; this browser: 10 of \d+ requests to GitHub failed in the last 5 minutes \(503\)/);
    expect((await badgeOf(env, tabId)).text).toBe('!');
    const p = await popup(env, `tab=${tabId}`);
    await expect(p.locator('main[data-verdict]').first()).toHaveAttribute('data-verdict', 'acknowledged');
    await expect(p.getByTestId('request-failures')).toHaveText(
      /^This browser: 10 of \d+ requests to GitHub failed in the last 5 minutes \(503\)\.$/,
    );
    await expect(p.getByTestId('request-scope')).toHaveText('This agrees with what the provider says.');
    await shot(p, 'popup-requests-acknowledged-github');
  });

  test('4xx answers → ok', async ({ env }) => {
    env.server.setScenario('api.zoom.us', 'site-404');
    const page = await env.context.newPage();
    await page.goto('https://zoom.us/');
    const tabId = await tabIdFor(env, 'zoom.us');
    const before = (await countsOf(env, 'zoom')).answered;
    const answers = await pageFetches(page, 'https://api.zoom.us/v2/users/me', 12);
    expect(answers.every((s) => s === 404)).toBe(true);
    await expect.poll(async () => (await countsOf(env, 'zoom')).answered, { timeout: 15_000 }).toBeGreaterThanOrEqual(before + 12);
    expect((await countsOf(env, 'zoom')).failed).toBe(0);
    const p = await popup(env, `tab=${tabId}`);
    await expect(p.locator('main[data-verdict]').first()).toHaveAttribute('data-verdict', 'ok');
    await expect(p.getByTestId('request-watching')).toHaveText(/, 0 failed\.$/);
  });
});
