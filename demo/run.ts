/**
 * `npm run demo`: build, then start the simulated internet and a Chromium with the extension,
 * screenshot the popup for each service of the default world, and (headed) leave the browser open.
 *
 *   npx tsx demo/run.ts [--headless] [--strict]
 *
 *   --headless  force headless (the default when neither DISPLAY nor WAYLAND_DISPLAY is set)
 *   --strict    also fail when a verdict differs from the one the scenario should produce
 *   DEMO_PORT   port for the demo server (default: any free port)
 *   ACKNOWLEDGED_CHROMIUM  Chromium binary (see demo/browser.ts)
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { VERDICTS } from '../core/model';
import { launchWithExtension, type LaunchedExtension } from './browser';
import { EXPECTED_VERDICT, SCENARIO_DESCRIPTIONS, type ScenarioName } from './scenarios';
import { DEFAULT_WORLD, catalogServices, startDemoServer, statusHostOf, type DemoServer } from './server';

const VERDICT_SELECTOR = 'main[data-verdict][data-checked-at]:not([data-checked-at=""])';
const POPUP_TIMEOUT_MS = 20_000;

const args = process.argv.slice(2);
for (const a of args) {
  if (a !== '--headless' && a !== '--strict') {
    console.error(`unknown argument ${a}\nusage: npx tsx demo/run.ts [--headless] [--strict]`);
    process.exit(2);
  }
}
const headless = args.includes('--headless') || !(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const strict = args.includes('--strict');
const extensionPath = fileURLToPath(new URL('../.output/chrome-mv3', import.meta.url));
const outDir = fileURLToPath(new URL('../demo-output', import.meta.url));

interface Row {
  id: string;
  name: string;
  host: string;
  scenario: ScenarioName;
}

interface Outcome extends Row {
  verdict: string | null;
  error?: string;
  screenshot?: string;
}

function worldRows(server: DemoServer): Row[] {
  const state = server.state();
  const rows: Row[] = [];
  for (const id of Object.keys(DEFAULT_WORLD)) {
    const svc = catalogServices().find((s) => s.id === id);
    const host = svc ? statusHostOf(svc) : null;
    const scenario = host ? state[host] : undefined;
    if (svc && host && scenario) rows.push({ id, name: svc.name, host, scenario });
  }
  return rows;
}

function banner(server: DemoServer, rows: Row[]): void {
  const line = '─'.repeat(100);
  console.log(line);
  console.log(' Acknowledged demo — a simulated internet');
  console.log(line);
  console.log(` Nothing here reaches the real internet. Chromium resolves EVERY hostname to the demo server at`);
  console.log(` 127.0.0.1:${server.port}; its test TLS certificate is trusted only by this browser profile (by SPKI).`);
  console.log(' Status feeds are real captured feeds (test/fixtures/feeds/), re-timed so the story happens now.');
  console.log(` Browser: ${headless ? 'headless' : 'headed'}. Screenshots: ${outDir}/`);
  console.log('');
  console.log(` ${'service'.padEnd(11)}${'status host'.padEnd(26)}${'scenario'.padEnd(16)}${'should show'.padEnd(14)}what the feed says`);
  for (const r of rows) {
    console.log(` ${r.id.padEnd(11)}${r.host.padEnd(26)}${r.scenario.padEnd(16)}${EXPECTED_VERDICT[r.scenario].padEnd(14)}${SCENARIO_DESCRIPTIONS[r.scenario]}`);
  }
  if (server.skipped.length) console.log(` (not in the catalog yet, so not simulated: ${server.skipped.join(', ')})`);
  console.log(` Change a scenario while it runs:`);
  console.log(
    `   curl -sk -H 'content-type: application/json' -d '{"service":"github","scenario":"sp-resolved"}' https://localhost:${server.port}/__control/scenario`,
  );
  console.log(line);
}

async function screenshotPopup(launched: LaunchedExtension, row: Row): Promise<Outcome> {
  let page: Page | undefined;
  try {
    page = await launched.context.newPage();
    await page.setViewportSize({ width: 400, height: 600 });
    await page.goto(`chrome-extension://${launched.extensionId}/popup.html?service=${encodeURIComponent(row.id)}`);
    const main = await page.waitForSelector(VERDICT_SELECTOR, { timeout: POPUP_TIMEOUT_MS });
    const verdict = await main.getAttribute('data-verdict');
    // Drop this service's screenshot from an earlier run (its verdict may have been different).
    for (const v of [...VERDICTS, 'none']) rmSync(join(outDir, `${row.id}-${v}.png`), { force: true });
    const screenshot = join(outDir, `${row.id}-${verdict ?? 'none'}.png`);
    await page.screenshot({ path: screenshot });
    return { ...row, verdict, screenshot };
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0] ?? String(e);
    return { ...row, verdict: null, error: msg };
  } finally {
    await page?.close().catch(() => {});
  }
}

/** When popups fail: can the service worker reach the simulated feed at all? */
async function diagnose(launched: LaunchedExtension, server: DemoServer, rows: Row[]): Promise<void> {
  const row = rows.find((r) => r.scenario.startsWith('sp-') || r.scenario.startsWith('io-')) ?? rows[0];
  if (!row) return;
  const url = `https://${row.host}/api/v2/summary.json`;
  try {
    const res = await launched.serviceWorker.evaluate(async (u: string) => {
      const r = await fetch(u, { cache: 'no-store' });
      return `${r.status} ${r.headers.get('content-type') ?? ''} (${(await r.text()).length} bytes)`;
    }, url);
    console.log(` diagnosis: the extension's service worker fetched ${url} → ${res}; the network path works.`);
  } catch (e) {
    console.log(` diagnosis: the service worker could NOT fetch ${url}: ${(e as Error).message.split('\n')[0]}`);
  }
  const byHost = new Map<string, number>();
  for (const r of server.requests) byHost.set(r.host, (byHost.get(r.host) ?? 0) + 1);
  console.log(` requests seen by the demo server: ${[...byHost].map(([h, n]) => `${h}×${n}`).join(', ') || 'none'}`);
}

/** Open github.com so the toolbar badge shows; report what the badge says. */
async function openSite(launched: LaunchedExtension): Promise<void> {
  const page = await launched.context.newPage();
  try {
    await page.goto('https://github.com/', { waitUntil: 'load', timeout: 15_000 });
    await page.bringToFront();
    await page.waitForTimeout(1_000); // let the extension react to the navigation
    if (headless) await page.screenshot({ path: join(outDir, 'site-github.png') });
    const badge = await launched.serviceWorker.evaluate(async () => {
      // Typed loosely: this runs inside the extension, where `chrome` exists.
      const c = (globalThis as unknown as { chrome: any }).chrome;
      const [tab] = await c.tabs.query({ active: true, lastFocusedWindow: true });
      if (!tab?.id) return null;
      return { text: (await c.action.getBadgeText({ tabId: tab.id })) as string, title: (await c.action.getTitle({ tabId: tab.id })) as string };
    });
    if (badge) console.log(` github.com tab → badge "${badge.text}" — ${badge.title.replace(/\s+/g, ' ')}`);
  } catch (e) {
    console.log(` github.com tab: ${(e as Error).message.split('\n')[0]}`);
  }
}

async function main(): Promise<number> {
  const server = await startDemoServer({ port: Number(process.env.DEMO_PORT ?? 0) });
  // A fresh profile every run (so the extension starts from nothing), removed at the end.
  const userDataDir = mkdtempSync(join(tmpdir(), 'acknowledged-demo-'));
  let launched: LaunchedExtension | undefined;
  try {
    const rows = worldRows(server);
    banner(server, rows);
    mkdirSync(outDir, { recursive: true });
    launched = await launchWithExtension({ extensionPath, server, headless, userDataDir });
    console.log(` extension ${launched.extensionId} loaded; checking ${rows.length} services (up to ${POPUP_TIMEOUT_MS / 1000} s)…`);

    const outcomes = await Promise.all(rows.map((r) => screenshotPopup(launched!, r)));
    let failed = 0;
    let mismatched = 0;
    for (const o of outcomes) {
      if (o.verdict === null) {
        failed++;
        console.log(` ✗ ${o.id} → no verdict (${o.error ?? 'unknown error'})`);
        continue;
      }
      const expected = EXPECTED_VERDICT[o.scenario];
      const note = o.verdict === expected ? '' : `   (scenario ${o.scenario} should give ${expected})`;
      if (note) mismatched++;
      console.log(` ${note ? '!' : '✓'} ${o.id} → ${o.verdict}${note}   ${o.screenshot ?? ''}`);
    }
    if (failed) await diagnose(launched, server, rows);
    await openSite(launched);

    if (headless) {
      return failed > 0 || (strict && mismatched > 0) ? 1 : 0;
    }
    console.log('');
    console.log(' The browser stays open: visit github.com, discord.com, chatgpt.com… and open the Acknowledged');
    console.log(' toolbar button (pin it from the puzzle-piece menu to see its badge). Close the browser or press Ctrl-C to stop.');
    const ctx = launched.context;
    await new Promise<void>((resolve) => {
      ctx.on('close', () => resolve());
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    return 0;
  } finally {
    await launched?.context.close().catch(() => {});
    await server.close();
    try {
      rmSync(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    } catch {
      // a stale temp profile is harmless
    }
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`demo failed: ${(e as Error)?.message ?? String(e)}`);
    process.exit(1);
  },
);
