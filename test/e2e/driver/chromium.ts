/** The Driver over Playwright's Chromium with the built extension (.output/chrome-mv3). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { launchWithExtension } from '../../../demo/browser';
import type { DemoServer } from '../../../demo/server';
import {
  axeSourceText,
  extensionCalls,
  markForClick,
  recordClosedNotifications,
  runAxeInPage,
  screenshotPath,
  textIn,
  waitForTab,
} from './common';
import type { ColorScheme, Driver, View } from './types';

export const CHROME_EXTENSION_PATH = resolve('.output/chrome-mv3');

declare const chrome: typeof import('wxt/browser').browser;

function chromiumView(page: Page): View {
  return {
    url: () => page.url(),
    text: (selector) => page.evaluate(textIn, selector),
    attr: (selector, name) => page.evaluate(([s, n]) => document.querySelector(s)?.getAttribute(n) ?? null, [selector, name] as const),
    count: (selector) => page.evaluate((s) => document.querySelectorAll(s).length, selector),
    async click(selector, name) {
      const sel = await page.evaluate(markForClick, [selector, name ?? null] as [string, string | null]);
      if (!sel) throw new Error(`nothing to click: ${selector} ${name ?? ''}`);
      await page.click(sel);
    },
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    async screenshot(name) {
      const path = screenshotPath('chromium', name);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async axe() {
      await page.evaluate(axeSourceText());
      return page.evaluate(runAxeInPage);
    },
    setViewport: (width, height) => page.setViewportSize({ width, height }),
    close: () => page.close(),
  };
}

export async function launchChromiumDriver(
  server: DemoServer,
  colorScheme: ColorScheme,
  opts: { extensionPath?: string } = {},
): Promise<Driver> {
  const { context, extensionId, serviceWorker } = await launchWithExtension({
    extensionPath: opts.extensionPath ?? CHROME_EXTENSION_PATH,
    server,
    headless: true,
    userDataDir: mkdtempSync(join(tmpdir(), 'ack-e2e-')),
  });
  // The 'serviceworker' event can come before the worker's script has run: wait for its listeners.
  for (let i = 0; i < 300 && !(await serviceWorker.evaluate(() => chrome.webNavigation.onCommitted.hasListeners())); i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  // The worker may be stopped and restarted between steps: always talk to the live one.
  const sw = (): Worker => context.serviceWorkers().find((w) => w.url().includes(extensionId)) ?? serviceWorker;
  await serviceWorker.evaluate(recordClosedNotifications);
  const ua = await serviceWorker.evaluate(() => navigator.userAgent);
  const origin = `chrome-extension://${extensionId}`;

  async function newPage(ctx: BrowserContext, width?: number, height?: number): Promise<Page> {
    const page = await ctx.newPage();
    await page.emulateMedia({ colorScheme });
    if (width && height) await page.setViewportSize({ width, height });
    return page;
  }

  const driver: Driver = {
    browser: 'chromium',
    version: `Chromium ${/Chrome\/([\d.]+)/.exec(ua)?.[1] ?? '?'}`,
    server,
    colorScheme,
    hostAccessAtInstall: true,
    async visit(url) {
      const page = await newPage(context);
      await page.goto(url);
      return { view: chromiumView(page), tabId: await waitForTab(driver.tabIdFor, new URL(url).hostname) };
    },
    async failingVisit(url) {
      const page = await newPage(context);
      return page.goto(url).then(
        () => 'loaded',
        (e: Error) => e.message,
      );
    },
    async openPopup(query) {
      const page = await newPage(context, 380, 600);
      await page.goto(`${origin}/popup.html?${query}`);
      return chromiumView(page);
    },
    async openExtensionPage(path, viewport) {
      const page = await newPage(context, viewport?.width, viewport?.height);
      await page.goto(`${origin}/${path}`);
      return chromiumView(page);
    },
    async welcomePage() {
      const page = context.pages().find((p) => p.url().endsWith('/welcome.html'));
      if (!page) return null;
      await page.emulateMedia({ colorScheme });
      return chromiumView(page);
    },
    ...extensionCalls((fn, arg) => sw().evaluate(fn as never, arg) as never),
    close: () => context.close(),
  };
  return driver;
}
