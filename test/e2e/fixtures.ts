/**
 * E2E fixtures: the demo's "simulated internet" (one local HTTPS server answering for real
 * hostnames) and a real Chromium with the built extension loaded, per test file.
 */
import { test as base, expect, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchWithExtension } from '../../demo/browser';
import { startDemoServer, type DemoServer } from '../../demo/server';

// Inside `sw.evaluate` callbacks code runs in the extension's service worker, where `chrome` exists.
declare const chrome: typeof import('wxt/browser').browser;

export const EXTENSION_PATH = resolve('.output/chrome-mv3');
export const SHOTS = resolve('test-results/screenshots');

interface Env {
  server: DemoServer;
  context: BrowserContext;
  extensionId: string;
  sw: Worker;
}

export const test = base.extend<{ env: Env }, { envWorker: Env }>({
  envWorker: [
    async ({}, use) => {
      const server = await startDemoServer();
      const userDataDir = mkdtempSync(join(tmpdir(), 'ack-e2e-'));
      const { context, extensionId, serviceWorker } = await launchWithExtension({
        extensionPath: EXTENSION_PATH,
        server,
        headless: true,
        userDataDir,
      });
      // The 'serviceworker' event can come before the worker's script has run: wait until its
      // listeners exist, or the first navigation of the first test could go unseen.
      await expect
        .poll(() => serviceWorker.evaluate(() => chrome.webNavigation.onCommitted.hasListeners()), { timeout: 30_000 })
        .toBe(true);
      await trackClosedNotifications(serviceWorker);
      await use({ server, context, extensionId, sw: serviceWorker });
      await context.close();
      await server.close();
    },
    { scope: 'worker' },
  ],
  env: async ({ envWorker }, use) => {
    // The worker may have been stopped and restarted since the last test: always use the live one.
    const sw = envWorker.context.serviceWorkers().find((w) => w.url().includes(envWorker.extensionId)) ?? envWorker.sw;
    await use({ ...envWorker, sw });
  },
});

export { expect };

/**
 * Headless Chromium closes notifications after a while, so `notifications.getAll()` alone misses
 * one shown a minute ago (e.g. while other spec files ran). Count the closed ones too. In-memory:
 * lost if the worker restarts (resilience.spec.ts stops it; it does not count notifications).
 */
async function trackClosedNotifications(sw: Worker): Promise<void> {
  await sw.evaluate(() => {
    const g = globalThis as unknown as { __closedNotifications: string[] };
    g.__closedNotifications = [];
    chrome.notifications.onClosed.addListener((id) => void g.__closedNotifications.push(id));
  });
}

/** Ids of the notifications shown since launch: open ones and ones seen closing. */
export async function notificationIds(env: Env): Promise<string[]> {
  return env.sw.evaluate(async () => {
    const open = Object.keys(await chrome.notifications.getAll());
    const closed = (globalThis as unknown as { __closedNotifications?: string[] }).__closedNotifications ?? [];
    return [...new Set([...closed, ...open])];
  });
}

export async function openPopup(env: Env, query: string, opts: { colorScheme?: 'light' | 'dark' } = {}): Promise<Page> {
  const page = await env.context.newPage();
  await page.setViewportSize({ width: 380, height: 600 });
  if (opts.colorScheme) await page.emulateMedia({ colorScheme: opts.colorScheme });
  await page.goto(`chrome-extension://${env.extensionId}/popup.html?${query}`);
  return page;
}

/** Wait until the popup's main verdict has been checked at least once, and return it. */
export async function verdictOf(page: Page): Promise<string> {
  const main = page.locator('main[data-verdict]').first();
  await expect(main).toHaveAttribute('data-checked-at', /\d{4}-/);
  // The detail cards (complaints, ETA, track record) load just after the verdict: wait for them,
  // so assertions, axe and screenshots see the whole popup.
  await expect(main).toHaveAttribute('data-details', 'ready');
  return (await main.getAttribute('data-verdict')) ?? '';
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** The tab id the extension recorded for a hostname (from its storage.session map). */
export async function tabIdFor(env: Env, hostname: string): Promise<number> {
  let found: number | null = null;
  await expect
    .poll(async () => {
      const all = (await env.sw.evaluate(() => chrome.storage.session.get(null))) as Record<string, unknown>;
      const hit = Object.entries(all).find(([k, v]) => k.startsWith('tab:') && v === hostname);
      found = hit ? Number(hit[0].slice(4)) : null;
      return found;
    })
    .not.toBeNull();
  return found!;
}

export interface Badge {
  text: string;
  title: string;
  color: number[];
}

export async function badgeOf(env: Env, tabId: number): Promise<Badge> {
  return env.sw.evaluate(async (id) => {
    const [text, title, color] = await Promise.all([
      chrome.action.getBadgeText({ tabId: id }),
      chrome.action.getTitle({ tabId: id }),
      chrome.action.getBadgeBackgroundColor({ tabId: id }),
    ]);
    return { text, title, color: color as number[] };
  }, tabId);
}

/** Open a site in a tab, as a person would, and wait for the badge to show a verdict. */
export async function visit(env: Env, url: string): Promise<{ page: Page; tabId: number }> {
  const page = await env.context.newPage();
  await page.goto(url);
  const tabId = await tabIdFor(env, new URL(url).hostname);
  return { page, tabId };
}
