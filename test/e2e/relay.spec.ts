/**
 * The relay end to end: the real Worker in workerd (Miniflare, relay/scripts/local.ts) on
 * loopback, reading the demo's "simulated internet" for upstream; the built extension in real
 * Chromium pointed at it through its options page.
 *   (a) official data through the relay (GitHub's demo incident → acknowledged, "Answered by the relay");
 *   (c) five simulated installs report failures to reach Netflix → this, the sixth install's,
 *       popup says `unacknowledged` with the crowd count;
 *   (b) the relay down → direct polling, and the popup says so.
 * The relay is reached as http://localhost:<port> (the browser's host rules send every other
 * name to the demo server; localhost is excluded). The permission prompt for the relay's origin
 * is answered "Allow" by replacing chrome.permissions.request on the options page, as in
 * options.spec.ts (nothing in this harness can click a native prompt).
 */
import type { Page } from '@playwright/test';
import { startRelay, viaDemoServer, type LocalRelay } from '../../relay/scripts/local';
import { REPORT_WINDOW_MS } from '../../core/relay/wire';
import { expect, openPopup, shot, test, verdictOf } from './fixtures';

declare const chrome: typeof import('wxt/browser').browser;

let relay: LocalRelay | null = null;
let relayUrl = '';

test.afterAll(async () => {
  await relay?.close();
});

async function refresh(popup: Page) {
  await popup.getByRole('button', { name: 'Refresh' }).click();
}

test.describe.serial('a relay on loopback', () => {
  test('(a) turned on in the options, it answers the official data', async ({ env }) => {
    relay = await startRelay({ upstream: viaDemoServer(env.server.port) });
    relayUrl = relay.url.replace('127.0.0.1', 'localhost');

    const options = await env.context.newPage();
    await options.goto(`chrome-extension://${env.extensionId}/options.html`);
    await options.evaluate(() => {
      (chrome.permissions as { request: unknown }).request = async () => true; // "Allow"
    });
    await expect(options.getByTestId('relay-state')).toHaveAttribute('data-on', 'false'); // off by default
    await options.locator('#relay-url').fill(relayUrl);
    await options.locator('#relay-on').click();
    await expect(options.getByTestId('relay-state')).toHaveAttribute('data-on', 'true');
    await options.locator('#relay-share').check();
    // The privacy statement shows the exact payload: four fields, nothing else.
    const payload = JSON.parse((await options.getByTestId('relay-payload').textContent()) ?? '') as Record<string, unknown>;
    expect(Object.keys(payload).sort()).toEqual(['bucket', 'kind', 'service', 'token']);
    await shot(options, 'options-relay');

    const popup = await openPopup(env, 'service=github');
    await refresh(popup);
    await expect(popup.getByTestId('answered-by')).toHaveAttribute('data-via', 'relay', { timeout: 30_000 });
    await expect(popup.getByTestId('answered-by')).toContainText(`Answered by the relay ${new URL(relayUrl).host}`);
    expect(await verdictOf(popup)).toBe('acknowledged'); // the demo world's GitHub incident, read by the relay
    await shot(popup, 'popup-relay-github');
  });

  test('(c) five installs report failures → the sixth install sees unacknowledged with the crowd count', async ({ env }) => {
    const bucket = Math.floor(Date.now() / REPORT_WINDOW_MS) * REPORT_WINDOW_MS;
    for (let i = 1; i <= 5; i++) {
      const res = await fetch(`${relay!.url}/v1/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'cf-connecting-ip': `198.51.100.${i}` },
        body: JSON.stringify({ service: 'netflix', kind: 'page-load', bucket, token: `simulated_install_${i}_abcdefghijkl` }),
      });
      expect(res.status).toBe(202);
      expect(await res.json()).toEqual({ counted: true });
    }
    const popup = await openPopup(env, 'service=netflix');
    await refresh(popup);
    await expect(popup.locator('main[data-verdict]')).toHaveAttribute('data-verdict', 'unacknowledged', { timeout: 30_000 });
    expect(await verdictOf(popup)).toBe('unacknowledged');
    await expect(popup.getByTestId('complaints')).toContainText(/\b5\b/);
    await expect(popup.getByTestId('answered-by')).toHaveAttribute('data-via', 'relay');
    await shot(popup, 'popup-relay-netflix-unacknowledged');
  });

  test('(b) the relay down → direct polling, and the popup says which path answered', async ({ env }) => {
    await relay!.close();
    relay = null;
    // The relay answered GitHub moments ago; let the "asked moments ago" window pass.
    await env.sw.evaluate(() => chrome.storage.local.remove('relayPaths'));
    const popup = await openPopup(env, 'service=github');
    await refresh(popup);
    await expect(popup.getByTestId('answered-by')).toHaveAttribute('data-via', 'direct', { timeout: 30_000 });
    await expect(popup.getByTestId('answered-by')).toContainText('Read directly from the provider');
    await expect(popup.getByTestId('answered-by')).toContainText('did not answer');
    expect(await verdictOf(popup)).toBe('acknowledged'); // read straight from the (simulated) status page
    await shot(popup, 'popup-relay-down-github');
  });
});
