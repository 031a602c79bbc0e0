/**
 * The Driver over real Firefox (puppeteer-core, WebDriver BiDi) with the built extension
 * (.output/firefox-mv3). Launch details and why: demo/firefox.ts.
 *
 * Firefox differences this driver absorbs:
 * - Extension code runs in an event page, not a service worker, and BiDi does not expose it:
 *   `ext()` runs in an extension page (options.html) opened once as a control page. It has the
 *   same origin (IndexedDB) and the same `chrome.*` APIs.
 * - prefers-color-scheme cannot be emulated per page over BiDi in Firefox 153 (puppeteer needs CDP
 *   for it): the colour scheme is a launch pref, so a dark run is its own browser.
 */
import { resolve } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { launchFirefoxWithExtension, openExtensionPage } from '../../../demo/firefox';
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

export const FIREFOX_EXTENSION_PATH = resolve('.output/firefox-mv3');

function firefoxView(page: Page): View {
  return {
    // page.url() is not kept up to date for moz-extension pages over BiDi.
    url: () => page.url(),
    text: (selector) => page.evaluate(textIn, selector),
    attr: (selector, name) => page.evaluate((s, n) => document.querySelector(s)?.getAttribute(n) ?? null, selector, name),
    count: (selector) => page.evaluate((s) => document.querySelectorAll(s).length, selector),
    async click(selector, name) {
      // Input sent to a background tab is dropped silently in Firefox: bring the tab to the front first.
      await page.bringToFront();
      const sel = await page.evaluate(markForClick, [selector, name ?? null] as [string, string | null]);
      if (!sel) throw new Error(`nothing to click: ${selector} ${name ?? ''}`);
      await page.click(sel);
    },
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    async screenshot(name) {
      const path = screenshotPath('firefox', name) as `${string}.png`;
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async axe() {
      await page.evaluate(axeSourceText());
      return page.evaluate(runAxeInPage);
    },
    setViewport: (width, height) => page.setViewport({ width, height }),
    close: () => page.close(),
  };
}

/** "Error: NS_ERROR_NET_RESET #onNavigationCommitted@chrome://…" → "NS_ERROR_NET_RESET" (BiDi's navigate error). */
function navError(e: Error): string {
  return /NS_ERROR_[A-Z_]+|NS_BINDING_[A-Z_]+/.exec(e.message)?.[0] ?? e.message.split('\n')[0]!;
}

export async function launchFirefoxDriver(
  server: DemoServer,
  colorScheme: ColorScheme,
  opts: { grantHostPermissions?: boolean; extensionPath?: string } = {},
): Promise<Driver> {
  const grant = opts.grantHostPermissions ?? true;
  const { browser, origin } = await launchFirefoxWithExtension({
    extensionPath: opts.extensionPath ?? FIREFOX_EXTENSION_PATH,
    server,
    headless: true,
    colorScheme,
    grantHostPermissions: grant,
  });
  const control = await browser.newPage();
  await openExtensionPage(control, `${origin}/options.html`);
  await control.evaluate(recordClosedNotifications);
  const version = (await browser.version()).replace(/^firefox\//i, 'Firefox ');

  async function extPage(path: string, width?: number, height?: number): Promise<View> {
    const page = await browser.newPage();
    if (width && height) await page.setViewport({ width, height });
    await openExtensionPage(page, `${origin}/${path}`);
    return firefoxView(page);
  }

  const driver: Driver = {
    browser: 'firefox',
    version,
    server,
    colorScheme,
    hostAccessAtInstall: grant,
    async visit(url) {
      const page = await browser.newPage();
      await page.goto(url);
      return { view: firefoxView(page), tabId: await waitForTab(driver.tabIdFor, new URL(url).hostname) };
    },
    async failingVisit(url) {
      // A new tab each time: navigating a tab that shows Firefox's error page to the same failing
      // URL again is never reported as finished over BiDi (the goto would hang until its timeout).
      const page = await browser.newPage();
      return page.goto(url, { timeout: 20_000 }).then(
        () => 'loaded',
        (e: Error) => navError(e),
      );
    },
    openPopup: (query) => extPage(`popup.html?${query}`, 380, 600),
    openExtensionPage: (path, viewport) => extPage(path, viewport?.width, viewport?.height),
    async welcomePage() {
      // page.url() stays about:blank for moz-extension pages (BiDi does not report their load): ask each page.
      for (const page of await browser.pages()) {
        const href = await page.evaluate(() => location.href).catch(() => '');
        if (href.endsWith('/welcome.html')) return firefoxView(page);
      }
      return null;
    },
    ...extensionCalls((fn, arg) => control.evaluate(fn as never, arg) as never),
    close: () => browser.close(),
  };
  return driver;
}

export type { Browser };
