/**
 * Options page, welcome page and popup: axe-core and screenshots, in the colour scheme of the
 * worker's browser (browsers-pages.spec.ts light, browsers-dark.spec.ts dark). Runs in both browsers.
 */
import { expect, openAllDetails, shotName, test, tid, verdictOf, type Driver } from './both';

const FF = { tag: '@firefox' };

async function popupFor(drv: Driver, query: string) {
  const popup = await drv.openPopup(query);
  const verdict = await verdictOf(popup);
  return { popup, verdict };
}

export function pagesAndAxe() {
  test('welcome page: opened on install, host access granted, axe clean', FF, async ({ drv }) => {
    await expect.poll(async () => !!(await drv.welcomePage()), { message: 'welcome tab opened by runtime.onInstalled' }).toBe(true);
    const welcome = (await drv.welcomePage())!;
    await expect.poll(() => welcome.attr('main.welcome', 'data-granted')).toBe('true');
    expect(await welcome.count(tid('perm-ok'))).toBe(1);
    await welcome.setViewport(900, 800);
    await welcome.screenshot(shotName(drv, 'welcome'));
    expect(await welcome.axe()).toEqual([]);
  });

  test('options page: renders, watch list shown, axe clean', FF, async ({ drv }) => {
    const options = await drv.openExtensionPage('options.html', { width: 900, height: 1000 });
    await expect.poll(() => options.text('h1')).toBe('Acknowledged settings');
    await expect.poll(() => options.count('input[type="search"], input[type="text"]')).toBeGreaterThan(0);
    await options.screenshot(shotName(drv, 'options'));
    expect(await options.axe()).toEqual([]);
  });

  for (const service of ['github', 'discord', 'dropbox', 'reddit'] as const) {
    test(`popup (${service}): axe clean, screenshot`, FF, async ({ drv }) => {
      const { popup } = await popupFor(drv, `service=${service}`);
      await openAllDetails(popup);
      expect(await popup.axe()).toEqual([]);
      await popup.screenshot(shotName(drv, `popup-axe-${service}`));
    });
  }
}
