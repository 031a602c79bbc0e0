/**
 * Launch Firefox with the built extension (.output/firefox-mv3), pointed at the demo server.
 *
 * How (measured on Firefox 153 ESR, see ../../shared/research/firefox-e2e.md): puppeteer-core
 * speaks WebDriver BiDi to Firefox directly — no geckodriver. Playwright's own Firefox path cannot
 * install extensions and fails against ESR 153, so Firefox uses puppeteer-core while Chromium keeps
 * Playwright. What `--host-resolver-rules` does in Chromium, two prefs do here: every name resolves
 * to 127.0.0.1 and ports 443/80 go to the demo server's one port (which answers for every
 * hostname). The demo certificate is accepted through `acceptInsecureCerts`, which covers the
 * extension's own background fetches too.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { DemoServer } from './server';

const KNOWN_PATHS = ['/usr/lib/firefox-esr/firefox-esr', '/usr/lib/firefox/firefox', '/usr/bin/firefox-esr', '/usr/bin/firefox'];

/** The gecko id in wxt.config.ts; its moz-extension UUID is pinned so tests know the pages' URLs. */
export const GECKO_ID = 'acknowledged@acknowledged.invalid';
export const FIREFOX_EXTENSION_UUID = '6f1c9d52-2b8e-4d1a-9c3f-a0c0a0d0e0f0';

export function findFirefox(): string {
  const p = process.env.ACKNOWLEDGED_FIREFOX;
  if (p) {
    if (!existsSync(p)) throw new Error(`ACKNOWLEDGED_FIREFOX=${p} does not exist`);
    return p;
  }
  for (const k of KNOWN_PATHS) if (existsSync(k)) return k;
  throw new Error('No Firefox found. Install Firefox ESR (e.g. `apt install firefox-esr`) or set ACKNOWLEDGED_FIREFOX=/path/to/firefox.');
}

export interface FirefoxLaunchOptions {
  /** Directory holding the built extension's manifest.json (e.g. .output/firefox-mv3). */
  extensionPath: string;
  server: Pick<DemoServer, 'port'>;
  headless: boolean;
  /**
   * Firefox 128+ grants the manifest's host permissions at install (pref
   * `extensions.originControls.grantByDefault`, true by default). false = what older or
   * configured Firefoxes do: installed without host access until the person allows it.
   */
  grantHostPermissions?: boolean;
  /** `prefers-color-scheme` of web content, extension pages included. */
  colorScheme?: 'light' | 'dark';
  /** The browser's UI language (e.g. "de"), which the extension's `_locales` follow. */
  language?: string;
}

export interface LaunchedFirefox {
  browser: Browser;
  /** moz-extension://<uuid> */
  origin: string;
}

export async function launchFirefoxWithExtension(opts: FirefoxLaunchOptions): Promise<LaunchedFirefox> {
  if (!existsSync(join(opts.extensionPath, 'manifest.json'))) {
    throw new Error(`No built extension at ${opts.extensionPath} (manifest.json missing). Run \`npm run build:firefox\` first.`);
  }
  const port = opts.server.port;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: findFirefox(),
    headless: opts.headless,
    acceptInsecureCerts: true,
    // Lets BiDi navigate to moz-extension:// pages (without it Firefox refuses the navigation).
    args: ['--remote-allow-system-access'],
    defaultViewport: null,
    extraPrefsFirefox: {
      'network.dns.forceResolve': '127.0.0.1',
      'network.socket.forcePort': `443=${port};80=${port}`,
      // No DNS-over-HTTPS, no connectivity probes or captive-portal checks to the "real" internet.
      'network.trr.mode': 5,
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_EXTENSION_UUID }),
      'extensions.originControls.grantByDefault': opts.grantHostPermissions ?? true,
      // permissions.request() resolves without a doorhanger nothing here could click.
      'extensions.webextOptionalPermissionPrompts': false,
      ...(opts.colorScheme ? { 'layout.css.prefers-color-scheme.content-override': opts.colorScheme === 'dark' ? 0 : 1 } : {}),
      ...(opts.language ? { 'intl.locale.requested': opts.language, 'intl.accept_languages': opts.language } : {}),
    },
  });
  try {
    // Firefox wants an absolute path.
    await browser.installExtension(resolve(opts.extensionPath));
  } catch (e) {
    await browser.close().catch(() => {});
    throw new Error(`Firefox refused the extension at ${opts.extensionPath}: ${(e as Error).message}`);
  }
  return { browser, origin: `moz-extension://${FIREFOX_EXTENSION_UUID}` };
}

/**
 * Open an extension page. BiDi never reports the load of a moz-extension:// page to puppeteer
 * (`goto` would time out), so start the navigation, ignore its promise and wait for the document.
 */
export async function openExtensionPage(page: Page, url: string, timeoutMs = 20_000): Promise<void> {
  void page.goto(url, { timeout: 0 }).catch(() => {});
  const until = Date.now() + timeoutMs;
  for (;;) {
    const state = await page
      .evaluate(() => (location.href.startsWith('moz-extension:') ? document.readyState : 'other'))
      .catch(() => 'navigating');
    if (state === 'complete') return;
    if (Date.now() > until) throw new Error(`${url} did not load within ${timeoutMs} ms (last state: ${state})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
