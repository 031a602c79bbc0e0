/**
 * The status platforms of issue 12 (Better Stack, Uptime Kuma, Rootly, Sorry, Gatus, Hund) through the
 * real path: demo server scenarios built from the fixtures (demo/platforms.ts) → the extension's
 * worker → IndexedDB → badge and popup. No catalog entry uses these formats yet, so each is watched
 * as a person's custom status page (one of them an intranet Uptime Kuma on plain http), written to
 * settings as the options page would. Their hosts are granted at install through a copy of the
 * built manifest (extensionWithOrigins) — what the browser holds after the person allowed them on
 * the options page, whose native prompt this harness cannot answer. (Faking only
 * `permissions.contains` left the reads themselves cross-origin: a conditional re-read's CORS
 * preflight then failed, and the page read as unreachable.)
 */
import { BETTERSTACK_INCIDENT_TITLE, KUMA_INCIDENT_TITLE } from '../../demo/platforms';
import { extensionWithOrigins } from './driver/common';
import { badgeOf, EXTENSION_PATH, expect, extensionTest, openPopup, shot, verdictOf, visit } from './fixtures';

declare const chrome: typeof import('wxt/browser').browser;

const PAGES = [
  {
    id: 'custom-bs',
    name: 'Demo Better Stack',
    host: 'status.demo-betterstack.org',
    scenario: 'betterstack-incident',
    statusPage: 'https://status.demo-betterstack.org',
    official: { kind: 'betterstack', url: 'https://status.demo-betterstack.org/index.json' },
    domains: ['demo-betterstack.org'],
  },
  {
    id: 'custom-kuma',
    name: 'Intranet Kuma',
    host: 'kuma.lan',
    scenario: 'uptimekuma-down',
    statusPage: 'http://kuma.lan/status/main',
    official: { kind: 'uptimekuma', url: 'http://kuma.lan/api/status-page/main' },
    domains: [],
  },
  {
    id: 'custom-rootly',
    name: 'Demo Rootly',
    host: 'status.demo-rootly.org',
    scenario: 'rootly-ok',
    statusPage: 'https://status.demo-rootly.org',
    official: { kind: 'rootly', url: 'https://status.demo-rootly.org/api/v1/status.json' },
    domains: [],
  },
  {
    id: 'custom-sorry',
    name: 'Demo Sorry',
    host: 'api.sorryapp.com',
    scenario: 'sorry-ok',
    statusPage: 'https://api.sorryapp.com/v1/pages/demo1/components',
    official: { kind: 'sorry', url: 'https://api.sorryapp.com/v1/pages/demo1/components' },
    domains: [],
  },
  {
    id: 'custom-gatus',
    name: 'Demo Gatus',
    host: 'health.demo-gatus.org',
    scenario: 'gatus-ok',
    statusPage: 'https://health.demo-gatus.org',
    official: { kind: 'gatus', url: 'https://health.demo-gatus.org/api/v1/endpoints/statuses' },
    domains: [],
  },
  {
    id: 'custom-hund',
    name: 'Demo Hund',
    host: 'status.demo-hund.org',
    scenario: 'hund-ok',
    statusPage: 'https://status.demo-hund.org',
    official: { kind: 'hund', url: 'https://status.demo-hund.org/live/v2/status_page' },
    domains: [],
  },
] as const;

const test = extensionTest({
  extensionPath: () =>
    extensionWithOrigins(
      EXTENSION_PATH,
      PAGES.map((p) => `${new URL(p.official.url).protocol}//${p.host}/*`),
    ),
});

test.describe('status platforms added for issue 12', () => {
  test('Better Stack and Uptime Kuma in trouble → acknowledged with their words; Rootly, Sorry, Gatus, Hund healthy → ok', async ({
    env,
  }) => {
    for (const p of PAGES) env.server.setScenario(p.host, p.scenario);
    const custom = PAGES.map(({ host: _h, scenario: _s, ...c }) => c);
    await env.sw.evaluate(
      async ({ custom }) => {
        const got = (await chrome.storage.local.get('settings')) as {
          settings?: Record<string, unknown> & { watched?: string[]; custom?: unknown[] };
        };
        const s = got.settings ?? { version: 2, watched: ['github', 'cloudflare', 'openai', 'discord'] };
        await chrome.storage.local.set({
          settings: {
            ...s,
            version: 2,
            custom: [...(s.custom ?? []), ...custom],
            watched: [...(s.watched ?? []), ...custom.map((c) => c.id)],
          },
        });
      },
      { custom },
    );

    const bs = await openPopup(env, 'service=custom-bs');
    expect(await verdictOf(bs)).toBe('acknowledged');
    await expect(bs.locator('main[data-verdict]').first()).toContainText(BETTERSTACK_INCIDENT_TITLE);
    await expect(bs.getByTestId('latest-update-text')).toContainText('Hugging Face platform is unavailable from most regions');
    await shot(bs, 'format-betterstack-incident');
    await bs.close();

    const kuma = await openPopup(env, 'service=custom-kuma');
    expect(await verdictOf(kuma)).toBe('acknowledged');
    const main = kuma.locator('main[data-verdict]').first();
    await expect(main).toContainText(KUMA_INCIDENT_TITLE);
    await expect(main).toContainText('Mail');
    await shot(kuma, 'format-uptimekuma-down');
    await kuma.close();

    for (const id of ['custom-rootly', 'custom-sorry', 'custom-gatus', 'custom-hund']) {
      const popup = await openPopup(env, `service=${id}`);
      expect(await verdictOf(popup), id).toBe('ok');
      await shot(popup, `format-${id}`);
      await popup.close();
    }

    // The Better Stack page's site gets the badge.
    const { tabId } = await visit(env, 'https://www.demo-betterstack.org/');
    await expect.poll(async () => (await badgeOf(env, tabId)).text).toBe('!');
    expect((await badgeOf(env, tabId)).title).toMatch(/^Demo Better Stack — acknowledged: /);
    // The intranet page was read over plain http, as configured.
    expect(env.server.requests.some((r) => r.host === 'kuma.lan' && r.path === '/api/status-page/heartbeat/main' && r.status === 200)).toBe(
      true,
    );
    // Hund was read from its event stream, which the demo server keeps open like a live one.
    expect(
      env.server.requests.some((r) => r.host === 'status.demo-hund.org' && r.path === '/live/v2/status_page' && r.status === 200),
    ).toBe(true);
  });
});
