/**
 * Chromium's native permission prompt cannot be answered from this harness. These stand in for
 * "the person clicked Allow" in an extension page: `chrome.permissions.request` resolves true and
 * records what was asked, so a test can check the exact origins a click asked for.
 */
import type { Page } from '@playwright/test';

declare const chrome: typeof import('wxt/browser').browser;

/** From now on, every permission request of this page is answered "Allow" and recorded. */
export async function answerPromptsWithAllow(page: Page): Promise<void> {
  await page.evaluate(() => {
    const asked: unknown[] = [];
    (window as unknown as { asked: unknown[] }).asked = asked;
    chrome.permissions.request = ((p: { origins?: string[] }) => {
      asked.push(p);
      return Promise.resolve(true);
    }) as typeof chrome.permissions.request;
  });
}

/** What the page asked for since `answerPromptsWithAllow`. */
export const askedBy = (page: Page): Promise<unknown[]> => page.evaluate(() => (window as unknown as { asked: unknown[] }).asked);
