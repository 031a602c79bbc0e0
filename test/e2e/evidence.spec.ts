/**
 * The heart of Acknowledged: people hurting while the provider is silent, and the provider
 * finally speaking. Seed cases from the demo world (demo/server.ts):
 *   - Discord: status page green, complaint spike on Hacker News and Mastodon, discord.com resets
 *     connections → unacknowledged;
 *   - Amazon Prime Video: no official channel at all, spike, www.primevideo.com resets → unacknowledged
 *     naming that there is no status page;
 *   - Zoom: a quiet week → ok;
 * then the transition: Discord posts an incident (acknowledged, notification with the measured
 * delay), then resolves it (resolved).
 */
import type { Page } from '@playwright/test';
import { badgeOf, expect, notificationIds, openPopup, shot, tabIdFor, test, verdictOf } from './fixtures';

declare const chrome: typeof import('wxt/browser').browser;

/** Load a site whose server resets the connection; the navigation fails as it would for a person. */
async function failingVisit(page: Page, url: string) {
  const err = await page.goto(url).then(
    () => null,
    (e: Error) => e.message,
  );
  expect(err).toMatch(/ERR_CONNECTION_RESET|ERR_CONNECTION_CLOSED|ERR_EMPTY_RESPONSE/);
}

test.describe.serial('unacknowledged, then acknowledged, then resolved', () => {
  test('Discord: green status page, people complaining, discord.com failing → unacknowledged', async ({ env }) => {
    const page = await env.context.newPage();
    for (let i = 0; i < 3; i++) await failingVisit(page, 'https://discord.com/');
    const tabId = await tabIdFor(env, 'discord.com');
    // Both kinds of evidence arrive: this browser's failures at once, the complaint spike once read.
    await expect
      .poll(async () => (await badgeOf(env, tabId)).title, { timeout: 45_000 })
      .toMatch(
        /^Discord — unacknowledged: Complaints about [\d.]+× the usual on Hacker News and Mastodon; this browser failed to reach discord\.com 3 times/,
      );
    const badge = await badgeOf(env, tabId);
    expect(badge.text).toBe('?');
    expect(badge.color.slice(0, 3)).toEqual([0x6d, 0x28, 0xd9]); // purple

    const popup = await openPopup(env, `tab=${tabId}`);
    expect(await verdictOf(popup)).toBe('unacknowledged');
    await expect(popup.getByTestId('headline')).toHaveText('Problems with Discord; the provider has said nothing');
    await expect(popup.getByTestId('complaints')).toContainText(
      /people reported problems in the last 15 minutes — about [\d.]+× the usual/,
    );
    await expect(popup.getByTestId('local-failures')).toHaveText('This browser failed to reach discord.com 3 times in the last 5 minutes.');
    await expect(popup.getByTestId('ack-silence')).toContainText('no word from the provider since');
    await expect(popup.getByTestId('sparkline')).toHaveAttribute('aria-label', /Complaints per hour over the last 24 hours/);
    // Deep links to look for yourself; never polled.
    for (const name of ['Bluesky', 'Reddit', 'X', 'Downdetector']) {
      await expect(popup.getByRole('link', { name, exact: true })).toHaveAttribute('href', /^https:\/\//);
    }
    // The per-instance Mastodon problem is stated, not hidden (hachyderm.io requires login).
    await expect(popup.locator('.sources li', { hasText: 'Mastodon' })).toHaveAttribute('title', /hachyderm\.io/);
    await shot(popup, 'popup-unacknowledged-discord');
    await shot(await openPopup(env, `tab=${tabId}`, { colorScheme: 'dark' }), 'popup-unacknowledged-discord-dark');

    // A notification was shown for the watched service (once).
    const ids = await notificationIds(env);
    expect(ids.filter((id) => id.startsWith('unacknowledged|discord|'))).toHaveLength(1);
  });

  test('Amazon Prime Video: no official channel, people complaining → unacknowledged, naming the missing status page', async ({ env }) => {
    const page = await env.context.newPage();
    for (let i = 0; i < 3; i++) await failingVisit(page, 'https://www.primevideo.com/');
    const tabId = await tabIdFor(env, 'www.primevideo.com');
    await expect.poll(async () => (await badgeOf(env, tabId)).text, { timeout: 45_000 }).toBe('?');
    expect((await badgeOf(env, tabId)).title).toContain('no official status page');

    const popup = await openPopup(env, 'service=primevideo');
    expect(await verdictOf(popup)).toBe('unacknowledged');
    await expect(popup.getByTestId('headline')).toHaveText(
      'Problems with Amazon Prime Video; the provider has said nothing (no official status page)',
    );
    await expect(popup.locator('.note').first()).toContainText(/Amazon/);
    await shot(popup, 'popup-unacknowledged-primevideo');
  });

  test('a quiet week of complaints (Zoom) stays ok', async ({ env }) => {
    const popup = await openPopup(env, 'service=zoom');
    await popup.getByRole('button', { name: 'Refresh' }).click();
    await expect(popup.getByTestId('complaints')).toHaveText(/^No unusual number of complaints/);
    expect(await verdictOf(popup)).toBe('ok');
  });

  test('Discord speaks: acknowledged with the measured delay, then resolved — one notification each', async ({ env }) => {
    // The provider posts an incident now (its record is created ~10 min before "now" in this scenario).
    await env.server.setScenario('discord', 'sp-incident');
    const popup = await openPopup(env, 'service=discord');
    await popup.getByRole('button', { name: 'Refresh' }).click();
    await expect(popup.locator('main[data-verdict]')).toHaveAttribute('data-verdict', 'acknowledged');
    await expect(popup.getByTestId('ack-delay')).toHaveText(/^The provider's first word came \d+ min after trouble was first seen here\.$/);
    await shot(popup, 'popup-acknowledged-after-silence-discord');

    const episode = await env.sw.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((res, rej) => {
        const r = indexedDB.open('acknowledged');
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
      const all = await new Promise<Array<Record<string, unknown>>>((res) => {
        const g = db.transaction('episodes').objectStore('episodes').index('serviceId').getAll('discord');
        g.onsuccess = () => res(g.result);
      });
      db.close();
      return all[all.length - 1]!;
    });
    expect(episode.firstEvidenceAt).not.toBeNull();
    expect(episode.firstOfficialAt as number).toBeGreaterThan(episode.firstEvidenceAt as number);
    expect(episode.notified).toEqual(['unacknowledged', 'acknowledged']);

    // Resolution.
    await env.server.setScenario('discord', 'sp-resolved');
    await env.server.setScenario('discord.com', 'site-ok');
    await env.server.setScenario('discord', 'crowd-quiet');
    await popup.getByRole('button', { name: 'Refresh' }).click();
    await expect(popup.locator('main[data-verdict]')).not.toHaveAttribute('data-verdict', 'acknowledged');
    const ids = await notificationIds(env);
    expect(ids.filter((id) => id.startsWith('acknowledged|discord|'))).toHaveLength(1);
    // Repeating the same step (as a restarted worker would) tells nothing twice.
    await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'poll-now' }));
    const again = await notificationIds(env);
    expect(again.filter((id) => id.includes('|discord|')).sort()).toEqual(ids.filter((id) => id.includes('|discord|')).sort());
  });
});
