/**
 * First run and accessibility: the welcome page opens on install and knows whether the status
 * feeds may be read; the popup passes axe-core in light and dark mode, in several verdict states,
 * and is usable by keyboard alone.
 */
import type { Page } from '@playwright/test';
import { axeSourceText, runAxeInPage } from './driver/common';
import { expect, openPopup, shot, test, verdictOf } from './fixtures';

async function axeViolations(page: Page) {
  await page.evaluate(axeSourceText());
  return page.evaluate(runAxeInPage);
}

test('the welcome page opens on install and reports the status-feed permission', async ({ env }) => {
  const find = () => env.context.pages().find((p) => p.url().endsWith('/welcome.html'));
  await expect.poll(() => !!find(), { message: 'welcome tab opened by runtime.onInstalled' }).toBe(true);
  const welcome = find();
  await expect(welcome!.locator('main.welcome')).toHaveAttribute('data-granted', 'true');
  await expect(welcome!.getByTestId('perm-ok')).toBeVisible();
  await welcome!.setViewportSize({ width: 900, height: 800 });
  await shot(welcome!, 'welcome');
  expect(await axeViolations(welcome!)).toEqual([]);
});

for (const scheme of ['light', 'dark'] as const) {
  for (const service of ['github', 'dropbox', 'reddit'] as const) {
    test(`popup passes axe (${scheme}, ${service})`, async ({ env }) => {
      const popup = await openPopup(env, `service=${service}`, { colorScheme: scheme });
      await verdictOf(popup);
      await popup.locator('details').evaluateAll((ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
      expect(await axeViolations(popup)).toEqual([]);
      if (service === 'github') await shot(popup, `popup-axe-${scheme}`);
    });
  }
}

test('the popup is usable by keyboard alone', async ({ env }) => {
  const popup = await openPopup(env, 'service=github');
  await verdictOf(popup);
  // Tab through every control: each gets a visible focus and a name.
  const seen: string[] = [];
  for (let i = 0; i < 30; i++) {
    await popup.keyboard.press('Tab');
    const name = await popup.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      return `${el.tagName.toLowerCase()}:${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}`;
    });
    if (name) seen.push(name);
  }
  expect(seen.some((s) => s.startsWith('button:Refresh'))).toBe(true);
  expect(seen.some((s) => s.startsWith("button:It's broken for me"))).toBe(true);
  expect(seen.some((s) => s.startsWith('summary:'))).toBe(true);
  // Enter on a watched service switches the popup to it.
  await popup.locator('[data-watched="cloudflare"] button').focus();
  await popup.keyboard.press('Enter');
  await expect(popup.locator('main[data-verdict]')).toHaveAttribute('data-service', 'cloudflare');
});
