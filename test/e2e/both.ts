/**
 * Fixtures for specs that run in BOTH browsers (Playwright projects "chromium" and "firefox", see
 * playwright.config.ts and README.md in this folder). A test gets `drv`, a Driver (driver/types.ts)
 * over the browser of its project, launched once per worker against its own demo server.
 *
 * A test runs in Firefox when it carries the tag `@firefox` (the firefox project greps for it).
 * Worker options `ackColorScheme` and `ackHostAccess` start a browser in dark mode or without
 * host permissions at install; use them with `test.use` at the top of a describe.
 */
import { test as base, expect } from '@playwright/test';
import { startDemoServer } from '../../demo/server';
import { launchChromiumDriver } from './driver/chromium';
import { launchFirefoxDriver } from './driver/firefox';
import type { BrowserName, ColorScheme, Driver, View } from './driver/types';

export type { Driver, View };

export interface BothWorkerOptions {
  ackBrowser: BrowserName;
  ackColorScheme: ColorScheme;
  /** 'withheld' = the browser did not grant the manifest's host permissions at install (Firefox only). */
  ackHostAccess: 'granted' | 'withheld';
}

export const test = base.extend<{ drv: Driver }, BothWorkerOptions & { drvWorker: Driver }>({
  ackBrowser: ['chromium', { scope: 'worker', option: true }],
  ackColorScheme: ['light', { scope: 'worker', option: true }],
  ackHostAccess: ['granted', { scope: 'worker', option: true }],
  drvWorker: [
    async ({ ackBrowser, ackColorScheme, ackHostAccess }, use) => {
      const server = await startDemoServer();
      const drv =
        ackBrowser === 'firefox'
          ? await launchFirefoxDriver(server, ackColorScheme, { grantHostPermissions: ackHostAccess === 'granted' })
          : await launchChromiumDriver(server, ackColorScheme);
      await use(drv);
      await drv.close();
      await server.close();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  drv: async ({ drvWorker, ackHostAccess }, use, testInfo) => {
    // Said in the report, never skipped silently: Chromium cannot withhold manifest host permissions.
    testInfo.skip(
      ackHostAccess === 'withheld' && drvWorker.browser === 'chromium',
      'Chromium always grants the manifest host permissions at install (chrome.permissions.remove refuses required ones); the withheld path exists in Firefox only',
    );
    testInfo.annotations.push({ type: 'browser', description: drvWorker.version });
    await use(drvWorker);
  },
});

export { expect };

/** `[data-testid="…"]` */
export const tid = (id: string): string => `[data-testid="${id}"]`;

export const MAIN = 'main[data-verdict]';

/** Wait until the popup's main verdict has been checked at least once and its details are loaded; return it. */
export async function verdictOf(view: View): Promise<string> {
  await expect.poll(() => view.attr(MAIN, 'data-checked-at'), { message: 'popup checked at' }).toMatch(/\d{4}-/);
  await expect.poll(() => view.attr(MAIN, 'data-details'), { message: 'popup details' }).toBe('ready');
  return (await view.attr(MAIN, 'data-verdict')) ?? '';
}

/** Open every <details> so axe and screenshots see the whole popup. */
export async function openAllDetails(view: View): Promise<void> {
  await view.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
}

/** Screenshot name with the colour scheme when dark. */
export function shotName(drv: Driver, name: string): string {
  return drv.colorScheme === 'dark' ? `${name}-dark` : name;
}
