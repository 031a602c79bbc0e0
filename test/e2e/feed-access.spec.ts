/**
 * A catalog feed that needs a host permission the last release did not have (Plausible's Better
 * Stack page, status.plausible.io: core/net/access.ts `splitHostPermissions`) is not an
 * install-time permission: the built manifest does not ask for it, the worker does not read it,
 * the popup says why and offers "Allow reading status.plausible.io", and only that click asks the
 * browser — for exactly that origin.
 *
 * About the prompt (as in find-status-page.spec.ts): Chromium's native prompt cannot be answered
 * from this harness, so the popup's `chrome.permissions.request` is replaced with "the person
 * clicked Allow" (recording what was asked) and the worker's `chrome.permissions.contains` then
 * answers "granted" for exactly that origin — what the browser would do after that click.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, shot, test, verdictOf, visit, type Env } from './fixtures';
import { answerPromptsWithAllow, askedBy } from './prompt';

declare const chrome: typeof import('wxt/browser').browser;

const HOST = 'status.plausible.io';
const ORIGIN = `https://${HOST}/*`;

async function popupFor(env: Env, tabId: number): Promise<Page> {
  const page = await env.context.newPage();
  await page.setViewportSize({ width: 380, height: 600 });
  await page.goto(`chrome-extension://${env.extensionId}/popup.html?tab=${tabId}`);
  return page;
}

test('a newer host-mode catalog feed is asked for at the person’s click, never at install', async ({ env }) => {
  const manifest = JSON.parse(readFileSync('.output/chrome-mv3/manifest.json', 'utf8')) as { host_permissions: string[] };
  expect(manifest.host_permissions).not.toContain(ORIGIN);
  expect(await env.sw.evaluate((o) => chrome.permissions.contains({ origins: [o] }), ORIGIN)).toBe(false);
  env.server.setScenario(HOST, 'betterstack-incident');

  const { tabId } = await visit(env, 'https://plausible.io/');
  const popup = await popupFor(env, tabId);
  await expect(popup.locator('main[data-service="plausible-analytics"]')).toBeVisible();
  const allow = popup.locator('[data-action="allow-feed"]');
  await expect(allow).toHaveText(`Allow reading ${HOST}`);
  await expect(popup.getByTestId('feed-access')).toContainText('asked here, not at install');
  // Without the permission the feed is never requested, and the verdict is not "ok".
  expect(env.server.requests.filter((r) => r.host === HOST)).toEqual([]);
  expect(await popup.locator('main[data-verdict]').getAttribute('data-verdict')).toBe('unknown');
  await shot(popup, 'feed-access-offer');

  // The click asks for exactly this one origin.
  await answerPromptsWithAllow(popup);
  await env.sw.evaluate((origin) => {
    const real = chrome.permissions.contains.bind(chrome.permissions);
    chrome.permissions.contains = (async (p: { origins?: string[] }) =>
      (p.origins ?? []).every((o) => o === origin) ? true : real(p)) as typeof chrome.permissions.contains;
  }, ORIGIN);
  await allow.click();
  await expect.poll(() => askedBy(popup)).toEqual([{ origins: [ORIGIN] }]);

  // Granted: the worker reads the feed (in a real browser permissions.onAdded triggers this read).
  await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'refresh', serviceId: 'plausible-analytics' }).catch(() => null));
  await expect.poll(() => env.server.requests.filter((r) => r.host === HOST && r.path === '/index.json').length).toBeGreaterThan(0);
  const again = await popupFor(env, tabId);
  expect(await verdictOf(again)).toBe('acknowledged');
  await again.close();
  await popup.close();
});

test('watching such a service on the options page asks for its feed host in the same click', async ({ env }) => {
  const page = await env.context.newPage();
  await page.setViewportSize({ width: 900, height: 1000 });
  await page.goto(`chrome-extension://${env.extensionId}/options.html`);
  await page.getByRole('searchbox', { name: 'Search the catalog' }).fill('plausible');
  const box = page.getByRole('checkbox', { name: /^Plausible Analytics\b/ });
  await expect(box).toBeVisible();
  await answerPromptsWithAllow(page);
  await box.check();
  await expect.poll(() => askedBy(page)).toEqual([{ origins: [ORIGIN] }]);
  await expect
    .poll(
      async () =>
        ((await env.sw.evaluate(() => chrome.storage.local.get('settings'))) as { settings?: { watched: string[] } }).settings?.watched,
    )
    .toContain('plausible-analytics');
  // A service read by CORS (Zoom, Statuspage) asks for nothing.
  await page.getByRole('searchbox', { name: 'Search the catalog' }).fill('zoom');
  await page.getByRole('checkbox', { name: /^Zoom\b(?!Info)/ }).check();
  await expect
    .poll(
      async () =>
        ((await env.sw.evaluate(() => chrome.storage.local.get('settings'))) as { settings: { watched: string[] } }).settings.watched,
    )
    .toContain('zoom');
  expect(await askedBy(page)).toEqual([{ origins: [ORIGIN] }]);
  await page.close();
});
