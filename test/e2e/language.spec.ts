/**
 * Languages: in a browser whose UI language is German, the popup and the welcome page speak
 * German (public/_locales/de), and the provider's own words stay as the provider wrote them.
 * A browser of its own (the UI language is fixed at launch), against the same demo world.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect } from '@playwright/test';
import { launchWithExtension } from '../../demo/browser';
import { startDemoServer } from '../../demo/server';
import { EXTENSION_PATH, shot } from './fixtures';

// Inside `serviceWorker.evaluate` callbacks code runs in the extension's service worker, where `chrome` exists.
declare const chrome: typeof import('wxt/browser').browser;

base('German browser: the popup speaks German, the provider text stays verbatim', async () => {
  const server = await startDemoServer();
  // Chromium on Linux takes its UI language from the environment at start; on a loaded machine a
  // fresh profile has (rarely) come up in en-US anyway. That is the test browser, not the
  // extension: start it again (at most 3 times) until it really runs in German.
  let launched: Awaited<ReturnType<typeof launchWithExtension>> | null = null;
  for (let attempt = 0; attempt < 3 && !launched; attempt++) {
    const l = await launchWithExtension({
      extensionPath: EXTENSION_PATH,
      server,
      headless: true,
      userDataDir: mkdtempSync(join(tmpdir(), 'ack-e2e-de-')),
      language: 'de',
    });
    await expect
      .poll(() => l.serviceWorker.evaluate(() => chrome.webNavigation.onCommitted.hasListeners()), { timeout: 30_000 })
      .toBe(true);
    if (/^de/.test(await l.serviceWorker.evaluate(() => chrome.i18n.getUILanguage()))) launched = l;
    else await l.context.close();
  }
  expect(launched, 'a Chromium running in German').not.toBeNull();
  const { context, extensionId } = launched!;
  try {
    const popup = await context.newPage();
    await popup.setViewportSize({ width: 380, height: 600 });
    await popup.goto(`chrome-extension://${extensionId}/popup.html?service=github`);
    const main = popup.locator('main[data-verdict]');
    await expect(main).toHaveAttribute('data-checked-at', /\d{4}-/);
    await expect(main).toHaveAttribute('data-details', 'ready');
    await expect(main).toHaveAttribute('data-verdict', 'acknowledged');
    await expect(popup.locator('html')).toHaveAttribute('lang', 'de');
    await expect(popup.getByTestId('headline')).toHaveText('GitHub hat ein Problem bestätigt');
    await expect(popup.getByRole('button', { name: 'Aktualisieren' })).toBeVisible();
    // The provider's update is not translated.
    await expect(popup.getByText('We are investigating reports of service unavailability.')).toBeVisible();
    await shot(popup, 'popup-acknowledged-github-de');
  } finally {
    await context.close();
    await server.close();
  }
});
