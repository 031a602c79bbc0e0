/**
 * Growth never disables an installed extension: the built manifest asks for nothing the last
 * release did not, and a Statuspage feed — whose origin is no longer a host permission — is read
 * in real Chromium as a CORS request (core/net/access.ts), revalidated by the browser's own cache
 * (a 304 at the server), and turns `unknown`, never `ok`, on a server that allows no cross-origin read.
 */
import { readFileSync } from 'node:fs';
import { expect, openPopup, test, verdictOf } from './fixtures';

declare const chrome: typeof import('wxt/browser').browser;

type Manifest = { permissions: string[]; host_permissions: string[] };
const GH = 'www.githubstatus.com';
const SUMMARY = '/api/v2/summary.json';

test('the built manifest asks for no install-time permission the last release did not', () => {
  const built = JSON.parse(readFileSync('.output/chrome-mv3/manifest.json', 'utf8')) as Manifest;
  const released = JSON.parse(readFileSync('release/manifest-permissions.json', 'utf8')) as Manifest;
  // Warning-free API permissions added since, each with its written reason (test/unit/permissions.test.ts checks them).
  const added = Object.keys(
    (JSON.parse(readFileSync('release/permission-additions.json', 'utf8')) as { additions: Record<string, unknown> }).additions,
  );
  const had = new Set([...released.permissions, ...released.host_permissions, ...added]);
  expect([...built.permissions, ...built.host_permissions].filter((p) => !had.has(p))).toEqual([]);
  expect(built.host_permissions).not.toContain(`https://${GH}/*`);
});

test('a Statuspage feed is read without a host permission, and an unchanged one costs a 304', async ({ env }) => {
  expect(await env.sw.evaluate((o) => chrome.permissions.contains({ origins: [o] }), `https://${GH}/*`)).toBe(false);

  const popup = await openPopup(env, 'service=github');
  expect(await verdictOf(popup)).toBe('acknowledged'); // the default world: GitHub has an open major incident
  const reads = env.server.requests.filter((r) => r.host === GH && r.path === SUMMARY);
  expect(reads.length).toBeGreaterThan(0);
  // A cross-origin read: Chromium sent the extension's Origin (it sends none for a host it may read).
  expect(reads.every((r) => r.origin?.startsWith('chrome-extension://'))).toBe(true);

  // Read again: the worker sends no If-None-Match of its own, the browser revalidates its copy.
  const from = env.server.requests.length;
  await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'refresh', serviceId: 'github' }).catch(() => null));
  await expect
    .poll(() => env.server.requests.slice(from).some((r) => r.host === GH && r.path === SUMMARY && r.status === 304 && r.ifNoneMatch))
    .toBe(true);
  const again = await openPopup(env, 'service=github');
  expect(await verdictOf(again)).toBe('acknowledged');
  await again.close();
  await popup.close();
});

test('a server that allows no cross-origin read gives unknown with a reason, never ok', async ({ env }) => {
  env.server.setCors(GH, false);
  try {
    await env.server.setScenario('github', 'sp-ok'); // a new body: the browser cannot answer from its copy
    const popup = await openPopup(env, 'service=github');
    await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'refresh', serviceId: 'github' }).catch(() => null));
    await popup.reload();
    await expect.poll(async () => verdictOf(popup).then(async (v) => (v === 'unknown' ? v : (await popup.reload(), v)))).toBe('unknown');
    await expect(popup.locator('main[data-verdict]').first()).toContainText(/did not allow the read/);
    await popup.close();
  } finally {
    env.server.setCors(GH, true);
    await env.server.setScenario('github', 'sp-incident'); // the default world's, for the specs that follow
    // Read it again now (a failed read backs off), so the next spec finds GitHub as the world says.
    const page = await openPopup(env, 'service=github');
    await page.evaluate(() => chrome.runtime.sendMessage({ type: 'refresh', serviceId: 'github' }).catch(() => null));
    await page.close();
  }
});
