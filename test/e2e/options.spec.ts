/**
 * The options page in real Chromium with the built extension: watch/unwatch via the catalog
 * search, add a status page by URL (format detection against the demo server; the permission
 * request), the clear errors, export → import round trip without credentials, and axe in light
 * and dark mode.
 *
 * About the permission prompt: the status page of a catalogued service is watched without asking
 * for anything (its feed may be read by CORS, core/net/access.ts); `permissions.request` for an
 * origin the manifest already grants resolves `true` at once. For any other
 * origin Chromium opens a native prompt that nothing in this harness can answer (it would hang), so
 * the custom-host tests replace `chrome.permissions.request` on the page with "the person clicked
 * Allow / Deny", and serve that host with `page.route` (the demo server only knows catalog hosts).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { extensionArgs, findChromium } from '../../demo/browser';
import { startDemoServer } from '../../demo/server';
import { EXTENSION_PATH, expect, openPopup, shot, test } from './fixtures';

declare const chrome: typeof import('wxt/browser').browser;

type Env = Parameters<Parameters<typeof test>[2]>[0]['env'];

const AXE = resolve('node_modules/axe-core/axe.min.js');
const CUSTOM_ORIGIN = 'https://status.example-custom.test';
const SUMMARY = JSON.parse(
  readFileSync(resolve('test/fixtures/feeds/statuspage-summary-github-all-operational-20191230.json'), 'utf8'),
) as {
  page: { id: string; name: string; url: string };
};

async function stored(env: Env): Promise<Record<string, unknown>> {
  return (await env.sw.evaluate(() => chrome.storage.local.get(['settings', 'credentials']))) as Record<string, unknown>;
}

async function storedSettings(env: Env): Promise<{
  watched: string[];
  pollIntervalMin: number;
  custom: { id: string; name: string; official: { kind: string; url: string }; domains: string[] }[];
}> {
  return (await stored(env)).settings as never;
}

async function openOptions(env: Env, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  await env.sw.evaluate(() => chrome.storage.local.remove(['settings', 'credentials']));
  const page = await env.context.newPage();
  await page.setViewportSize({ width: 900, height: 1000 });
  await page.emulateMedia({ colorScheme });
  await page.goto(`chrome-extension://${env.extensionId}/options.html`);
  await expect(page.getByRole('heading', { level: 1, name: 'Acknowledged settings' })).toBeVisible();
  return page;
}

/** Serve a Statuspage API for CUSTOM_ORIGIN (the person's own status page). */
async function serveCustomHost(page: Page) {
  await page.route(`${CUSTOM_ORIGIN}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    const cors = { 'access-control-allow-origin': '*', 'content-type': 'application/json' };
    if (path === '/api/v2/summary.json') {
      const body = { ...SUMMARY, page: { ...SUMMARY.page, name: 'Example Custom', url: CUSTOM_ORIGIN } };
      return route.fulfill({ status: 200, headers: cors, body: JSON.stringify(body) });
    }
    return route.fulfill({ status: 404, headers: { ...cors, 'content-type': 'text/plain' }, body: 'not found' });
  });
}

/** Stand in for the person's answer to the native permission prompt (see the header comment). */
async function answerPermissionPrompt(page: Page, allow: boolean) {
  await page.evaluate((a) => {
    const asked: unknown[] = [];
    (window as unknown as { asked: unknown[] }).asked = asked;
    chrome.permissions.request = ((p: unknown) => {
      asked.push(p);
      return Promise.resolve(a);
    }) as typeof chrome.permissions.request;
  }, allow);
}

const saved = (page: Page) => expect(page.getByTestId('save-status')).toHaveText('Saved');

test.describe('options page', () => {
  test('watch a service via search, see it in the popup, unwatch it', async ({ env }) => {
    const page = await openOptions(env);
    const search = page.getByRole('searchbox', { name: 'Search the catalog' });
    await search.fill('zoom');
    // Zoom first (exact name), whatever else the catalog holds (ZoomInfo…).
    await expect(page.locator('#catalog-search-count')).toHaveText(/Matches: \d+/);
    await expect(page.locator('#catalog-results li').first()).toContainText('Zoom');
    // Keyboard: arrow down into the results, space ticks the box.
    await search.press('ArrowDown');
    await expect(page.getByRole('checkbox', { name: /^Zoom\b(?!Info)/ })).toBeFocused();
    await page.keyboard.press('Space');
    await saved(page);
    await expect.poll(async () => (await storedSettings(env)).watched).toContain('zoom');
    await expect(page.getByTestId('watched-list')).toContainText('Zoom');

    // The popup's watched list now includes Zoom.
    const popup = await openPopup(env, 'service=github');
    await expect(popup.getByText('Zoom', { exact: true })).toBeVisible();
    await popup.close();

    // A pasted URL finds the owner by hostname.
    await search.fill('https://gist.github.com/someone');
    await expect(page.locator('#catalog-results li').first()).toContainText('GitHub');

    await page.getByRole('button', { name: 'Remove Zoom from watched services' }).click();
    await saved(page);
    await expect.poll(async () => (await storedSettings(env)).watched).not.toContain('zoom');
    await expect(page.getByTestId('watched-list')).not.toContainText('Zoom');
    // Focus went somewhere sensible, not to <body>.
    expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY');
  });

  test('choose the parts of a watched service: shown, saved, cleared', async ({ env }) => {
    const page = await openOptions(env);
    // GitHub is watched by default and its catalog parts are offered; none ticked = the whole service.
    const choice = page.getByTestId('parts-github');
    await expect(choice.locator('summary')).toHaveText('all parts');
    await choice.locator('summary').click();
    await expect(choice.getByRole('group', { name: 'Parts of GitHub that matter to you' })).toBeVisible();
    await choice.getByRole('checkbox', { name: 'Copilot' }).check();
    await choice.getByRole('checkbox', { name: 'Actions' }).check();
    await saved(page);
    await expect(choice.locator('summary')).toHaveText('only: Actions, Copilot');
    await expect
      .poll(async () => ((await stored(env)).settings as { watchedParts: unknown }).watchedParts)
      .toEqual({
        github: ['copilot', 'actions'],
      });
    await choice.getByRole('checkbox', { name: 'Copilot' }).uncheck();
    await choice.getByRole('checkbox', { name: 'Actions' }).uncheck();
    await saved(page);
    await expect(choice.locator('summary')).toHaveText('all parts');
    await expect.poll(async () => ((await stored(env)).settings as { watchedParts: unknown }).watchedParts).toEqual({});
  });

  test('a catalog status page added by URL → that service is watched, no permission asked', async ({ env }) => {
    const page = await openOptions(env);
    expect((await storedSettings(env)) ?? null).toBeNull();
    await answerPermissionPrompt(page, false);
    await page.getByLabel('Status page address').fill('www.zoomstatus.com');
    await page.getByRole('button', { name: 'Add' }).click();
    await expect(page.getByTestId('custom-note')).toHaveText(
      /That is Zoom's status page, which Acknowledged already knows\. Zoom is now watched\./,
    );
    await expect.poll(async () => (await storedSettings(env)).watched).toContain('zoom');
    expect((await storedSettings(env)).custom).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { asked: unknown[] }).asked)).toEqual([]);
    await page.close();
  });

  test('a custom status page by URL: permission asked for that origin, format detected, added and watched', async ({ env }) => {
    const page = await openOptions(env);
    await serveCustomHost(page);
    await answerPermissionPrompt(page, true);
    await page.getByLabel('Status page address').fill(`${CUSTOM_ORIGIN}/`);
    await page.getByLabel('Sites of this service (optional)').fill('example-custom.test, https://app.example-custom.test/login');
    await page.getByRole('button', { name: 'Add' }).click();
    await expect(page.getByTestId('custom-note')).toHaveText('✓Added Example Custom (Atlassian Statuspage feed) and watching it.');
    expect(await page.evaluate(() => (window as unknown as { asked: unknown[] }).asked)).toEqual([{ origins: [`${CUSTOM_ORIGIN}/*`] }]);

    await expect
      .poll(async () => (await storedSettings(env)).custom)
      .toEqual([
        {
          id: 'custom-status-example-custom-test',
          name: 'Example Custom',
          statusPage: CUSTOM_ORIGIN,
          official: { kind: 'statuspage', url: CUSTOM_ORIGIN },
          domains: ['example-custom.test', 'app.example-custom.test'],
        },
      ]);
    expect((await storedSettings(env)).watched).toContain('custom-status-example-custom-test');
    await expect(page.getByTestId('custom-list')).toContainText('Example Custom');
    await expect(page.getByTestId('watched-list')).toContainText('Example Custom');

    // Adding it twice is refused in words.
    await page.getByLabel('Status page address').fill(CUSTOM_ORIGIN);
    await page.getByRole('button', { name: 'Add' }).click();
    await expect(page.getByTestId('custom-error')).toContainText('You have already added this page as Example Custom.');

    // Delete: gone from both lists and from storage.
    await page.getByRole('button', { name: 'Delete Example Custom' }).click();
    await expect.poll(async () => (await storedSettings(env)).custom).toEqual([]);
    expect((await storedSettings(env)).watched).not.toContain('custom-status-example-custom-test');
    await page.close();
  });

  test('clear errors: invalid address, permission denied, no feed found', async ({ env }) => {
    const page = await openOptions(env);
    const url = page.getByLabel('Status page address');
    const add = page.getByRole('button', { name: 'Add' });
    const error = page.getByTestId('custom-error');

    for (const bad of ['not a url', 'ftp://status.example.com', 'https://user:pw@status.example.com', 'javascript:alert(1)']) {
      await url.fill(bad);
      await add.click();
      await expect(error).toHaveText('✗Enter the address of a status page, like https://www.githubstatus.com');
      await expect(url).toHaveAttribute('aria-invalid', 'true');
      await expect(url).toBeFocused();
    }
    // Intranet addresses are allowed for custom pages, with the risk said under the field first.
    await expect(page.getByTestId('custom-intranet-risk')).toHaveCount(0);
    for (const intranet of ['http://status.example.com', 'https://127.0.0.1', 'http://kuma:3001/status/main']) {
      await url.fill(intranet);
      await expect(page.getByTestId('custom-intranet-risk')).toContainText('is an intranet address');
      await expect(page.getByTestId('custom-intranet-risk')).toContainText('anyone on your network can read or change what this page says');
    }
    await url.fill(CUSTOM_ORIGIN);
    await expect(page.getByTestId('custom-intranet-risk')).toHaveCount(0);
    await page.getByLabel('Sites of this service (optional)').fill('example.com, exa_mple.com');
    await url.fill(CUSTOM_ORIGIN);
    await add.click();
    await expect(error).toContainText('“exa_mple.com” is not a site name');
    await expect(page.getByLabel('Sites of this service (optional)')).toBeFocused();
    await page.getByLabel('Sites of this service (optional)').fill('');

    // A page with no feed: HTML to everything, no link to a status page (a catalogued status page
    // would simply be watched, so this is a host of the person's own).
    await page.route('https://nofeed.example-custom.test/**', (route) =>
      route.fulfill({
        status: 200,
        headers: { 'content-type': 'text/html' },
        body: '<!doctype html><title>Nothing</title><p>No feed here.</p>',
      }),
    );
    await answerPermissionPrompt(page, true);
    await url.fill('https://nofeed.example-custom.test');
    await add.click();
    await expect(error).toHaveText(
      "✗No status feed Acknowledged can read was found at nofeed.example-custom.test. Try the address of the page's RSS or Atom feed.",
    );

    // The person says no to the permission prompt.
    await serveCustomHost(page);
    await answerPermissionPrompt(page, false);
    await url.fill(CUSTOM_ORIGIN);
    await add.click();
    await expect(error).toHaveText(
      '✗Permission to read status.example-custom.test was not given, so nothing was added. Press Add again and allow it to continue.',
    );
    expect((await storedSettings(env)) ?? { custom: [] }).toMatchObject({ custom: [] });
    await page.close();
  });

  test('export → import round trip; credentials are never exported; bad imports explained', async ({ env }) => {
    const page = await openOptions(env);
    // Credentials typed in go to storage.local under their own key.
    await page.getByLabel('Bluesky', { exact: true }).check();
    await page.getByLabel('IsDown', { exact: true }).check();
    await page.getByLabel('Handle').fill('@someone.bsky.social');
    await page.getByLabel('App password').fill('abcd-efgh-ijkl-mnop');
    await page.getByLabel('API key').fill('isdown-secret-key');
    await expect
      .poll(async () => (await stored(env)).credentials)
      .toEqual({ bluesky: { handle: 'someone.bsky.social', appPassword: 'abcd-efgh-ijkl-mnop' }, isdown: { apiKey: 'isdown-secret-key' } });

    await page.getByLabel('Minutes between checks').fill('5');
    await page.getByLabel('Mute GitHub').check();
    await saved(page);
    const exported = await page.getByTestId('export-json').inputValue();
    expect(exported).not.toContain('abcd-efgh');
    expect(exported).not.toContain('isdown-secret');
    expect(exported).not.toContain('someone');
    const parsed = JSON.parse(exported) as unknown;
    expect(parsed).toMatchObject({
      version: 3,
      pollIntervalMin: 5,
      sources: { bluesky: true, isdown: true },
      notifications: { muted: ['github'] },
    });

    // Change things, then import the export: everything is back, credentials untouched.
    await page.getByLabel('Minutes between checks').fill('9');
    await page.getByLabel('Mute GitHub').uncheck();
    await expect.poll(async () => (await storedSettings(env)).pollIntervalMin).toBe(9);
    const importBox = page.getByLabel('Paste settings to import');
    await importBox.fill(exported);
    await page.getByRole('button', { name: 'Import' }).click();
    await expect(page.getByTestId('import-note')).toContainText('Imported. Watched services: 4. Custom status pages: 0.');
    await expect.poll(async () => (await storedSettings(env)).pollIntervalMin).toBe(5);
    expect(JSON.parse(JSON.stringify(await storedSettings(env)))).toEqual(JSON.parse(exported));
    await expect(page.getByLabel('Minutes between checks')).toHaveValue('5');
    await expect(page.getByLabel('Mute GitHub')).toBeChecked();
    expect((await stored(env)).credentials).toMatchObject({ isdown: { apiKey: 'isdown-secret-key' } });

    // Bad input is explained and changes nothing.
    await importBox.fill('{ "watched": [ "github" ');
    await page.getByRole('button', { name: 'Import' }).click();
    await expect(page.getByTestId('import-error')).toContainText('This is not valid JSON');
    await importBox.fill('[1, 2, 3]');
    await page.getByRole('button', { name: 'Import' }).click();
    await expect(page.getByTestId('import-error')).toContainText('These are not Acknowledged settings');
    await importBox.fill('{ "version": 2, "pollIntervalMin": 0 }');
    await page.getByRole('button', { name: 'Import' }).click();
    await expect(page.getByTestId('import-error')).toContainText('Nothing was imported. Not valid: the poll interval');
    expect((await storedSettings(env)).pollIntervalMin).toBe(5);
    await page.close();
  });

  test('"Test connection" answers in words even when the worker does not', async ({ env }) => {
    const page = await openOptions(env);
    await expect(page.getByLabel('Handle')).toHaveCount(0); // the account fields appear with the source
    await page.getByLabel('Bluesky', { exact: true }).check();
    await page.getByLabel('Handle').fill('someone.bsky.social');
    await page.getByLabel('App password').fill('abcd-efgh-ijkl-mnop');
    await page.getByRole('button', { name: 'Test connection' }).first().click();
    // Until the worker handles 'test-source', the page says so; once it does, its answer shows.
    await expect(page.getByTestId('test-bluesky-result')).toHaveText(/\S/);
    await expect(page.getByRole('button', { name: 'Test connection' }).first()).toBeEnabled();
    await page.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`accessibility (axe) and screenshot, ${scheme}`, async ({ env }) => {
      const page = await openOptions(env, scheme);
      const search = page.getByRole('searchbox', { name: 'Search the catalog' });
      await search.fill('git');
      await expect(page.locator('#catalog-results li')).not.toHaveCount(0);
      await search.focus();
      await shot(page, `options-${scheme}`);

      // Check more states than the screenshot shows: account fields and an error message.
      await page.getByLabel('Bluesky', { exact: true }).check();
      await page.getByLabel('IsDown', { exact: true }).check();
      // Not http(s): refused at once (plain http and one-word hosts are allowed, for intranet pages).
      await page.getByLabel('Status page address').fill('ftp://nope');
      await page.getByRole('button', { name: 'Add' }).click();
      await expect(page.getByTestId('custom-error')).toBeVisible();
      // Extension pages forbid inline scripts (CSP), so addScriptTag is refused: evaluate the source instead.
      await page.evaluate(readFileSync(AXE, 'utf8'));
      const violations = await page.evaluate(async () => {
        const axe = (
          window as unknown as {
            axe: {
              run(
                ctx: Document,
              ): Promise<{ violations: { id: string; impact: string; nodes: { target: string[]; failureSummary: string }[] }[] }>;
            };
          }
        ).axe;
        const r = await axe.run(document);
        return r.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
        }));
      });
      expect(violations).toEqual([]);
      await page.close();
    });
  }

  test('in a German browser every string comes from _locales/de', async () => {
    // Its own browser: the UI language is fixed at launch.
    const server = await startDemoServer();
    const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'ack-e2e-de-')), {
      executablePath: findChromium(),
      headless: true,
      locale: 'de-DE',
      args: [...extensionArgs(EXTENSION_PATH, server), '--lang=de'],
    });
    try {
      const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
      const page = await context.newPage();
      await page.goto(`chrome-extension://${new URL(sw.url()).host}/options.html`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Acknowledged – Einstellungen');
      expect(await page.evaluate(() => [document.documentElement.lang, document.title])).toEqual(['de', 'Acknowledged – Einstellungen']);
      // Not http(s): refused at once (plain http is allowed, for intranet pages).
      await page.getByLabel('Adresse der Statusseite').fill('ftp://status.example.com');
      await page.getByRole('button', { name: 'Hinzufügen' }).click();
      await expect(page.getByTestId('custom-error')).toHaveText(
        '✗Geben Sie die Adresse einer Statusseite ein, etwa https://www.githubstatus.com',
      );
      await page.getByLabel('Katalog durchsuchen').fill('zoom');
      await expect(page.locator('#catalog-search-count')).toHaveText(/^Treffer: \d+\. Haken setzen, um einen Dienst zu beobachten\.$/);
    } finally {
      await context.close();
      await server.close();
    }
  });
});
