/**
 * Fixtures for specs that run in BOTH browsers (Playwright projects "chromium" and "firefox", see
 * playwright.config.ts and README.md in this folder). A test gets `drv`, a Driver (driver/types.ts)
 * over the browser of its project, launched once per worker against its own demo server.
 *
 * A test runs in Firefox when it carries the tag `@firefox` (the firefox project greps for it).
 * Worker options `ackColorScheme`, `ackHostAccess`, `ackObserved` and `ackWorld` start a browser in dark
 * mode, without host permissions at install, with some services' request hosts allowed, or in
 * another demo world from launch on; use them with `test.use` at the top of a describe.
 */
import { test as base, expect } from '@playwright/test';
import { DEFAULT_WORLD, startDemoServer, type WorldValue } from '../../demo/server';
import { CHROME_EXTENSION_PATH, launchChromiumDriver } from './driver/chromium';
import { extensionWithHosts } from './driver/common';
import { FIREFOX_EXTENSION_PATH, launchFirefoxDriver } from './driver/firefox';
import type { BrowserName, ColorScheme, Driver, View } from './driver/types';

export type { Driver, View };

export interface BothWorkerOptions {
  ackBrowser: BrowserName;
  ackColorScheme: ColorScheme;
  /** 'withheld' = the browser did not grant the manifest's host permissions at install (Firefox only). */
  ackHostAccess: 'granted' | 'withheld';
  /** Services whose request hosts the person allowed ("Watch this site's requests"); listed in a manifest copy. */
  ackObserved: string[];
  /** Scenarios that differ from the demo's DEFAULT_WORLD from launch on (before the first poll). */
  ackWorld: Readonly<Record<string, WorldValue>>;
}

export const test = base.extend<{ drv: Driver }, BothWorkerOptions & { drvWorker: Driver }>({
  ackBrowser: ['chromium', { scope: 'worker', option: true }],
  ackColorScheme: ['light', { scope: 'worker', option: true }],
  ackHostAccess: ['granted', { scope: 'worker', option: true }],
  ackObserved: [[], { scope: 'worker', option: true }],
  ackWorld: [{}, { scope: 'worker', option: true }],
  drvWorker: [
    async ({ ackBrowser, ackColorScheme, ackHostAccess, ackObserved, ackWorld }, use) => {
      const server = await startDemoServer(Object.keys(ackWorld).length ? { world: { ...DEFAULT_WORLD, ...ackWorld } } : {});
      const built = ackBrowser === 'firefox' ? FIREFOX_EXTENSION_PATH : CHROME_EXTENSION_PATH;
      const extensionPath = ackObserved.length ? extensionWithHosts(built, ackObserved) : built;
      const drv =
        ackBrowser === 'firefox'
          ? await launchFirefoxDriver(server, ackColorScheme, { grantHostPermissions: ackHostAccess === 'granted', extensionPath })
          : await launchChromiumDriver(server, ackColorScheme, { extensionPath });
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
