/**
 * E2E fixtures: the demo's "simulated internet" (one local HTTPS server answering for real
 * hostnames) and a real Chromium with the built extension loaded, per test file.
 */
import { test as base, expect, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchWithExtension } from '../../demo/browser';
import { startDemoServer, type DemoServer, type DemoServerOptions } from '../../demo/server';
import { badgeInExtension, notificationIdsInExtension, recordClosedNotifications, tabIdInSession } from './driver/common';

// Inside `sw.evaluate` callbacks code runs in the extension's service worker, where `chrome` exists.
declare const chrome: typeof import('wxt/browser').browser;

export const EXTENSION_PATH = resolve('.output/chrome-mv3');
export const SHOTS = resolve('test-results/screenshots');

export interface Env {
  server: DemoServer;
  context: BrowserContext;
  extensionId: string;
  sw: Worker;
}

/**
 * The fixtures of a spec file: one demo server (its `world`: scenarios by service; default the
 * demo's) and one Chromium with the extension at `extensionPath()` (default: the build), shared by
 * the file's tests.
 */
export function extensionTest(opts: { world?: DemoServerOptions['world']; extensionPath?: () => string } = {}) {
  return base.extend<{ env: Env }, { envWorker: Env }>({
    envWorker: [
      async ({}, use) => {
        const server = await startDemoServer(opts.world ? { world: opts.world } : {});
        const userDataDir = mkdtempSync(join(tmpdir(), 'ack-e2e-'));
        const { context, extensionId, serviceWorker } = await launchWithExtension({
          extensionPath: opts.extensionPath?.() ?? EXTENSION_PATH,
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
}

export const test = extensionTest();

export { expect };

/**
 * Headless Chromium closes notifications after a while, so `notifications.getAll()` alone misses
 * one shown a minute ago (e.g. while other spec files ran). Count the closed ones too. In-memory:
 * lost if the worker restarts (resilience.spec.ts stops it; it does not count notifications).
 */
async function trackClosedNotifications(sw: Worker): Promise<void> {
  await sw.evaluate(recordClosedNotifications);
}

/** Ids of the notifications shown since launch: open ones and ones seen closing. */
export async function notificationIds(env: Env): Promise<string[]> {
  return env.sw.evaluate(notificationIdsInExtension);
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
      found = await env.sw.evaluate(tabIdInSession, hostname);
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
  return env.sw.evaluate(badgeInExtension, tabId);
}

/** Open a site in a tab, as a person would, and wait for the badge to show a verdict. */
export async function visit(env: Env, url: string): Promise<{ page: Page; tabId: number }> {
  const page = await env.context.newPage();
  await page.goto(url);
  const tabId = await tabIdFor(env, new URL(url).hostname);
  return { page, tabId };
}
