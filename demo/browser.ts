/**
 * Launch Chromium with the built extension, pointed at the demo server.
 *
 * Why Chromium and not Google Chrome: branded Google Chrome 137+ ignores `--load-extension`
 * (unpacked extensions can only be loaded by hand from chrome://extensions there), so the demo and
 * the e2e tests need Chromium (Debian/Ubuntu package, snap, or Playwright's own build) or
 * "Chrome for Testing". Point ACKNOWLEDGED_CHROMIUM at one if it isn't found.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Worker } from '@playwright/test';
import { chromiumNetworkArgs, type DemoServer } from './server';

const KNOWN_PATHS = ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium'];

export function findChromium(): string {
  for (const name of ['ACKNOWLEDGED_CHROMIUM', 'CHROME_PATH'] as const) {
    const p = process.env[name];
    if (p) {
      if (!existsSync(p)) throw new Error(`${name}=${p} does not exist`);
      return p;
    }
  }
  for (const p of KNOWN_PATHS) if (existsSync(p)) return p;
  try {
    const p = chromium.executablePath();
    if (p && existsSync(p)) return p;
  } catch {
    // Playwright has no browser of its own installed.
  }
  throw new Error(
    'No Chromium found. Install Chromium (e.g. `apt install chromium`, or `npx playwright install chromium`) ' +
      'or set ACKNOWLEDGED_CHROMIUM=/path/to/chromium. Branded Google Chrome 137+ will not work: it ignores --load-extension.',
  );
}

export interface LaunchOptions {
  /** Directory holding the built extension's manifest.json (e.g. .output/chrome-mv3). */
  extensionPath: string;
  server: Pick<DemoServer, 'hostRules' | 'spki'>;
  headless: boolean;
  /** Profile directory; a temporary one (deleted when the context closes) if absent. */
  userDataDir?: string;
  /** Chromium binary; findChromium() if absent. */
  executablePath?: string;
  /** The browser's UI language (e.g. "de"), which the extension's `_locales` follow; the system's if absent. */
  language?: string;
}

export interface LaunchedExtension {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
}

/** Chromium flags for a profile that loads only our extension and sends every hostname to the demo server. */
export function extensionArgs(extensionPath: string, server: Pick<DemoServer, 'hostRules' | 'spki'>): string[] {
  // No shell quoting: each array element is one argv entry.
  return [
    `--disable-extensions-except=${extensionPath}`,
    `--load-extension=${extensionPath}`,
    ...chromiumNetworkArgs(server),
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--no-default-browser-check',
  ];
}

export async function launchWithExtension(opts: LaunchOptions): Promise<LaunchedExtension> {
  if (!existsSync(join(opts.extensionPath, 'manifest.json'))) {
    throw new Error(`No built extension at ${opts.extensionPath} (manifest.json missing). Run \`npm run build\` first.`);
  }
  const tempProfile = opts.userDataDir === undefined;
  const userDataDir = opts.userDataDir ?? mkdtempSync(join(tmpdir(), 'acknowledged-demo-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: opts.executablePath ?? findChromium(),
    headless: opts.headless,
    args: [...extensionArgs(opts.extensionPath, opts.server), ...(opts.language ? [`--lang=${opts.language}`] : [])],
    // On Linux Chromium takes its UI language from the environment; --lang covers the others.
    ...(opts.language
      ? {
          env: { ...process.env, LANGUAGE: opts.language, LC_ALL: '', LC_MESSAGES: '', LANG: `${opts.language}.UTF-8` },
          locale: opts.language,
        }
      : {}),
    // Headed: pages follow the window size; headless: Playwright's fixed default.
    ...(opts.headless ? {} : { viewport: null }),
  });
  if (tempProfile) {
    // 'close' fires while Chromium may still be flushing the profile, so retry for a while;
    // a stale temp dir is harmless if the process exits first.
    context.on('close', () => {
      void rm(userDataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }).catch(() => {});
    });
  }
  try {
    const isExtensionWorker = (w: Worker): boolean => w.url().startsWith('chrome-extension://');
    let serviceWorker = context.serviceWorkers().find(isExtensionWorker);
    serviceWorker ??= await context.waitForEvent('serviceworker', { predicate: isExtensionWorker, timeout: 30_000 });
    const extensionId = new URL(serviceWorker.url()).host;
    return { context, extensionId, serviceWorker };
  } catch (e) {
    await context.close().catch(() => {});
    throw new Error(`The extension's service worker did not start: ${(e as Error).message}`);
  }
}
