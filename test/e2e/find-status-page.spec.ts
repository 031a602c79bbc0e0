/**
 * "Find a status page for <site>" in real Chromium with the built extension, against the demo
 * server: three sites no catalogued service owns — one whose status page is an Atlassian
 * Statuspage (status.<domain>, an open incident), one on incident.io, one with none — and a
 * catalogued site whose entry has no official feed (SoundCloud), where the search is offered
 * under the entry's own verdict.
 *
 * About the permission prompt (as in options.spec.ts): Chromium's native prompt for an origin the
 * manifest does not grant cannot be answered from this harness. The popup's
 * `chrome.permissions.request` is replaced with "the person clicked Allow" (recording what was
 * asked), and the worker's `chrome.permissions.contains` answers "granted" for exactly those
 * origins — what the browser would do after that click. Everything else is real: the worker's
 * requests go to the demo server (CORS, as for any status page), detection, storage, badge, popup.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { originsToAsk } from '../../core/find/candidates';
import { badgeOf, expect, shot, test, verdictOf, visit, type Env } from './fixtures';
import { answerPromptsWithAllow, askedBy } from './prompt';

declare const chrome: typeof import('wxt/browser').browser;

const SHOP = 'www.unlisted-shop.com'; // status.unlisted-shop.com: a Statuspage with an open incident
const APP = 'app.unlisted-app.io'; // status.unlisted-app.io: an incident.io page, operational
const NONE = 'no-status-here.net'; // nothing anywhere

/** Stand in for the person's "Allow" on the popup's prompt, and the browser's grant in the worker. */
async function allowPrompt(env: Env, popup: Page): Promise<void> {
  await answerPromptsWithAllow(popup);
  await env.sw.evaluate(() => {
    const g = globalThis as unknown as { __granted?: boolean };
    if (g.__granted) return;
    g.__granted = true;
    const real = chrome.permissions.contains.bind(chrome.permissions);
    chrome.permissions.contains = (async (p: { origins?: string[] }) => {
      const asked = (p.origins ?? []).every((o) =>
        /unlisted-shop\.com|unlisted-app\.io|no-status-here\.net|unlisted-shop\.statuspage|unlisted-app\.statuspage|soundcloud\.(com|statuspage\.io|instatus\.com)/.test(
          o,
        ),
      );
      return asked ? true : real(p);
    }) as typeof chrome.permissions.contains;
  });
}

async function popupFor(env: Env, tabId: number): Promise<Page> {
  const page = await env.context.newPage();
  await page.setViewportSize({ width: 380, height: 600 });
  await page.goto(`chrome-extension://${env.extensionId}/popup.html?tab=${tabId}`);
  return page;
}

/** axe-core on the page (evaluated as source: extension pages forbid inline scripts). */
async function axeViolations(page: Page): Promise<{ id: string; nodes: string[] }[]> {
  await page.evaluate(readFileSync(resolve('node_modules/axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(ctx: Document): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }
    ).axe;
    const r = await axe.run(document);
    return r.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

const hits = (env: Env, pattern: RegExp) => env.server.requests.filter((r) => pattern.test(r.host)).length;

test.describe('find a status page', () => {
  test('a Statuspage at status.<domain>: found on the click only, watched, the badge follows the site', async ({ env }) => {
    env.server.setScenario('status.unlisted-shop.com', 'sp-incident');
    const { tabId } = await visit(env, `https://${SHOP}/`);
    const popup = await popupFor(env, tabId);
    const button = popup.locator('[data-action="find-status-page"]');
    await expect(button).toHaveText('Find a status page for unlisted-shop.com');
    await expect(popup.locator('#find-why')).toContainText('so those sites learn that you looked');
    // Nothing was asked before the click: visiting the site and opening the popup reveal nothing.
    expect(env.server.requests.filter((r) => /unlisted-shop/.test(r.host) && r.host !== SHOP).map((r) => r.host)).toEqual([]);
    await shot(popup, 'find-status-page-offer');
    expect(await axeViolations(popup)).toEqual([]);
    // Keyboard: the checkbox and the button are reachable and the button works with Enter (below).
    await popup.locator('#find-read-site').focus();
    await popup.keyboard.press('Tab');
    await expect(button).toBeFocused();

    await allowPrompt(env, popup);
    await popup.keyboard.press('Enter');
    // Found: the popup now shows the page's service, with the incident it reports.
    expect(await verdictOf(popup)).toBe('acknowledged');
    expect(await askedBy(popup)).toEqual([{ origins: originsToAsk(SHOP, false) }]);
    await expect(popup.getByTestId('headline')).toContainText('has acknowledged a problem');
    await shot(popup, 'find-status-page-found-statuspage');

    const stored = await env.sw.evaluate(() => chrome.storage.local.get(['settings', 'findStatusPage']));
    const s = stored as {
      settings: { custom: { id: string; domains: string[]; official: { kind: string; url: string } }[]; watched: string[] };
      findStatusPage: Record<string, { found: unknown }>;
    };
    const custom = s.settings.custom.find((c) => c.domains.includes('unlisted-shop.com'))!;
    expect(custom.official).toEqual({ kind: 'statuspage', url: 'https://status.unlisted-shop.com' });
    expect(s.settings.watched).toContain(custom.id);
    expect(s.findStatusPage['unlisted-shop.com']!.found).toMatchObject({
      kind: 'statuspage',
      statusPage: 'https://status.unlisted-shop.com',
    });

    // The badge follows the site from now on, in this tab and any other page of the domain.
    await expect.poll(async () => (await badgeOf(env, tabId)).text).toBe('!');
    const other = await visit(env, 'https://checkout.unlisted-shop.com/');
    await expect.poll(async () => (await badgeOf(env, other.tabId)).text).toBe('!');
    await popup.close();
  });

  test('an incident.io page: detected as incident.io and watched (operational → no badge, the popup says ok)', async ({ env }) => {
    env.server.setScenario('status.unlisted-app.io', 'io-ok');
    const { tabId } = await visit(env, `https://${APP}/`);
    const popup = await popupFor(env, tabId);
    await allowPrompt(env, popup);
    await popup.locator('[data-action="find-status-page"]').click();
    expect(await verdictOf(popup)).toBe('ok');
    const stored = (await env.sw.evaluate(() => chrome.storage.local.get('settings'))) as {
      settings: { custom: { domains: string[]; official: { kind: string } }[] };
    };
    expect(stored.settings.custom.find((c) => c.domains.includes('unlisted-app.io'))!.official.kind).toBe('incidentio');
    await shot(popup, 'find-status-page-found-incidentio');
    await popup.close();
  });

  test('a catalogued site without a feed (SoundCloud): offered under its verdict, only on the click; the found page then speaks for soundcloud.com', async ({
    env,
  }) => {
    env.server.setScenario('status.soundcloud.com', 'sp-incident');
    const { tabId } = await visit(env, 'https://soundcloud.com/discover');
    const popup = await popupFor(env, tabId);
    await expect(popup.locator('main[data-service="soundcloud"]')).toBeVisible();
    const button = popup.locator('[data-action="find-status-page"]');
    await expect(button).toHaveText('Find a status page for soundcloud.com');
    // Offered, not done: no status host was asked anything by visiting the site or opening the popup.
    const asked = /^(status\.soundcloud\.com|soundcloud\.statuspage\.io|soundcloud\.instatus\.com)$/;
    expect(hits(env, asked)).toBe(0);
    expect(await axeViolations(popup)).toEqual([]);
    await shot(popup, 'find-status-page-offer-catalogued');

    await allowPrompt(env, popup);
    await button.click();
    await expect(popup.locator('main[data-service]')).not.toHaveAttribute('data-service', 'soundcloud', { timeout: 60_000 });
    expect(await verdictOf(popup)).toBe('acknowledged');
    expect(await askedBy(popup)).toEqual([{ origins: originsToAsk('soundcloud.com', false) }]);
    const stored = (await env.sw.evaluate(() => chrome.storage.local.get('settings'))) as {
      settings: { custom: { domains: string[]; official: { kind: string; url: string } }[] };
    };
    expect(stored.settings.custom.find((c) => c.domains.includes('soundcloud.com'))!.official).toEqual({
      kind: 'statuspage',
      url: 'https://status.soundcloud.com',
    });
    await expect.poll(async () => (await badgeOf(env, tabId)).text).toBe('!');
    await popup.close();
  });

  test('no status page anywhere: says so with what was tried; remembered, so opening the popup again asks nobody', async ({ env }) => {
    const { tabId } = await visit(env, `https://${NONE}/`);
    const popup = await popupFor(env, tabId);
    await allowPrompt(env, popup);
    await popup.getByLabel("Also read no-status-here.net's own home page for a link to its status page").check();
    await popup.locator('[data-action="find-status-page"]').click();
    const outcome = popup.getByTestId('find-outcome');
    await expect(outcome).toContainText('No status page found for no-status-here.net', { timeout: 60_000 });
    await expect(outcome).toContainText('https://status.no-status-here.net, https://no-status-here.net/status');
    await expect(outcome).toContainText('https://no-status-here.net/'); // the home page was read, as allowed
    expect(await askedBy(popup)).toEqual([{ origins: originsToAsk(NONE, true) }]);
    await shot(popup, 'find-status-page-none');
    await popup.close();

    const before = hits(env, /no-status-here\.(net|statuspage\.io|instatus\.com)$/);
    const again = await popupFor(env, tabId);
    await expect(again.getByTestId('find-outcome')).toContainText('No status page found for no-status-here.net');
    expect(hits(env, /no-status-here\.(net|statuspage\.io|instatus\.com)$/)).toBe(before);
    // Nothing watched for this site: no custom page claims it.
    const stored = (await env.sw.evaluate(() => chrome.storage.local.get('settings'))) as { settings: { custom: { domains: string[] }[] } };
    expect(stored.settings.custom.some((c) => c.domains.includes(NONE))).toBe(false);
    await again.close();
  });
});
