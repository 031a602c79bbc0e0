/**
 * `npm run demo`: build, then start the simulated internet and a Chromium with the extension,
 * screenshot the popup for each service of the default world, and (headed) leave the browser open.
 *
 *   npx tsx demo/run.ts [--headless] [--strict] [--relay] [--browser chromium|firefox]
 *
 *   --browser   chromium (default) or firefox (Firefox ESR with .output/firefox-mv3: demo/run-firefox.ts)
 *   --headless  force headless (the default when neither DISPLAY nor WAYLAND_DISPLAY is set)
 *   --strict    also fail when a verdict differs from the one the scenarios should produce
 *               (without it a differing verdict is reported with "!" and the run still succeeds)
 *   --relay     also start a local relay (relay/: the Worker in workerd, reading this simulated
 *               internet) and point the extension at it (needs `npm ci --prefix relay` once)
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
import { EXPECTED_VERDICT, SCENARIO_DESCRIPTIONS, type CrowdScenarioName, type StatusScenarioName } from './scenarios';
import { runFirefoxDemo } from './run-firefox';
import { DEFAULT_WORLD, catalogServices, startDemoServer, statusHostOf, type DemoServer } from './server';

// Inside `serviceWorker.evaluate` callbacks code runs in the extension's worker, where `chrome` exists.
declare const chrome: typeof import('wxt/browser').browser;

const VERDICT_SELECTOR = 'main[data-verdict][data-checked-at]:not([data-checked-at=""])';
const ANY_VERDICT_SELECTOR = 'main[data-verdict]';
const POPUP_TIMEOUT_MS = 20_000;
/** How long to wait for complaint evidence (backfill of two sources) to change a verdict before the screenshot. */
const EVIDENCE_WAIT_MS = 20_000;

const args = process.argv.slice(2).flatMap((a) => (a.startsWith('--browser=') ? ['--browser', a.slice('--browser='.length)] : [a]));
let browserName: 'chromium' | 'firefox' = 'chromium';
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (a === '--browser' && (args[i + 1] === 'chromium' || args[i + 1] === 'firefox')) {
    browserName = args[++i] as 'chromium' | 'firefox';
  } else if (a !== '--headless' && a !== '--strict' && a !== '--relay') {
    console.error(`unknown argument ${a}\nusage: npx tsx demo/run.ts [--headless] [--strict] [--relay] [--browser chromium|firefox]`);
    process.exit(2);
  }
}
const headless = args.includes('--headless') || !(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const strict = args.includes('--strict');
const withRelay = args.includes('--relay');
if (withRelay && browserName === 'firefox') {
  console.error('--relay runs with the Chromium demo only for now (the relay e2e test is Chromium-only too)');
  process.exit(2);
}
const extensionPath = fileURLToPath(new URL('../.output/chrome-mv3', import.meta.url));
const outDir = fileURLToPath(new URL('../demo-output', import.meta.url));

interface Row {
  id: string;
  name: string;
  /** Status host, or null when the service publishes no official feed. */
  host: string | null;
  scenario: StatusScenarioName | null;
  complaints: { hn: CrowdScenarioName; mastodon: CrowdScenarioName };
  /** Site hosts (or "*.domain") of this service that refuse connections. */
  refused: string[];
  expected: string;
}

interface Outcome extends Row {
  verdict: string | null;
  error?: string;
  screenshot?: string;
}

/** What a correct extension should show: the feed's verdict, unless people/this browser see trouble the feed does not. */
function expectedFor(scenario: StatusScenarioName | null, complaints: Row['complaints'], refused: string[]): string {
  const official = scenario ? EXPECTED_VERDICT[scenario] : 'unknown';
  const trouble = complaints.hn === 'crowd-spike' || complaints.mastodon === 'crowd-spike' || refused.length > 0;
  if (!trouble || official === 'acknowledged' || official === 'maintenance') return official;
  return 'unacknowledged';
}

/** One row per service the default world names (directly, or through one of its site hosts). */
function worldRows(server: DemoServer): Row[] {
  const w = server.world();
  const catalog = catalogServices();
  const owner = (host: string) => catalog.find((s) => s.domains.some((d) => host.replace(/^\*\./, '') === d || host.endsWith(`.${d}`)));
  const ids: string[] = [];
  for (const key of Object.keys(DEFAULT_WORLD)) {
    const id = catalog.some((s) => s.id === key) ? key : owner(key)?.id;
    if (id && !ids.includes(id)) ids.push(id);
  }
  const rows: Row[] = [];
  for (const id of ids) {
    const svc = catalog.find((s) => s.id === id)!;
    const host = statusHostOf(svc);
    const scenario = host ? (w.status[host] ?? null) : null;
    const complaints = { hn: server.complaintsOf(id, 'hn'), mastodon: server.complaintsOf(id, 'mastodon') };
    const refused = Object.entries(w.sites)
      .filter(([h, sc]) => sc === 'site-refused' && owner(h)?.id === id)
      .map(([h]) => h);
    rows.push({ id, name: svc.name, host, scenario, complaints, refused, expected: expectedFor(scenario, complaints, refused) });
  }
  return rows;
}

function banner(server: DemoServer, rows: Row[]): void {
  const line = '─'.repeat(118);
  console.log(line);
  console.log(' Acknowledged demo — a simulated internet');
  console.log(line);
  console.log(` Nothing here reaches the real internet. The browser resolves EVERY hostname to the demo server at`);
  console.log(` 127.0.0.1:${server.port}; its test TLS certificate is trusted only by this browser profile.`);
  console.log(' Status feeds are real captured feeds (test/fixtures/feeds/), re-timed so the story happens now. Complaints on');
  console.log(' Hacker News / Mastodon are generated from the real response shapes (test/fixtures/complaints/).');
  console.log(` Browser: ${headless ? 'headless' : 'headed'}. Screenshots: ${outDir}/`);
  console.log('');
  console.log(
    ` ${'service'.padEnd(13)}${'status host'.padEnd(26)}${'feed scenario'.padEnd(21)}${'complaints'.padEnd(13)}${'site'.padEnd(31)}${'should show'.padEnd(16)}`,
  );
  const crowd = (c: Row['complaints']): string =>
    c.hn === c.mastodon ? c.hn.replace('crowd-', '') : `hn ${c.hn.replace('crowd-', '')}/md ${c.mastodon.replace('crowd-', '')}`;
  for (const r of rows) {
    console.log(
      ` ${r.id.padEnd(13)}${(r.host ?? '— (no feed)').padEnd(26)}${(r.scenario ?? '—').padEnd(21)}${crowd(r.complaints).padEnd(13)}${(r.refused.length ? `refused ${r.refused.join(' ')}` : 'answers').padEnd(31)}${r.expected.padEnd(16)}`,
    );
  }
  console.log('');
  for (const r of rows) if (r.scenario) console.log(`   ${r.id}: ${SCENARIO_DESCRIPTIONS[r.scenario]}`);
  console.log(`   complaints "spike": ${SCENARIO_DESCRIPTIONS['crowd-spike'].replace(/^complaints: /, '')}`);
  console.log(`   site "refused": ${SCENARIO_DESCRIPTIONS['site-refused'].replace(/^site: /, '')}`);
  const w = server.world();
  const login = Object.entries(w.mastodon)
    .filter(([, a]) => a === 'login')
    .map(([h]) => h);
  console.log(
    `   every other service: its feed kind's healthy scenario, complaints "quiet"; Mastodon instances needing login: ${login.join(', ') || 'none'}`,
  );
  if (server.skipped.length) console.log(` (not in the catalog yet, so not simulated: ${server.skipped.join(', ')})`);
  console.log(` Change a scenario while it runs:`);
  console.log(
    `   curl -sk -H 'content-type: application/json' -d '{"service":"github","scenario":"sp-resolved"}' https://localhost:${server.port}/__control/scenario`,
  );
  console.log(
    `   curl -sk -H 'content-type: application/json' -d '{"service":"zoom","scenario":"crowd-spike"}' https://localhost:${server.port}/__control/scenario`,
  );
  console.log(line);
}

async function screenshotPopup(launched: LaunchedExtension, row: Row): Promise<Outcome> {
  let page: Page | undefined;
  try {
    page = await launched.context.newPage();
    await page.setViewportSize({ width: 400, height: 600 });
    await page.goto(`chrome-extension://${launched.extensionId}/popup.html?service=${encodeURIComponent(row.id)}`);
    // A service with no official feed is never "checked": wait for its popup to paint instead.
    const main = await page.waitForSelector(row.host ? VERDICT_SELECTOR : ANY_VERDICT_SELECTOR, { timeout: POPUP_TIMEOUT_MS });
    // Complaint evidence arrives after the feed (a week of backfill on two sources): give it time.
    if ((await main.getAttribute('data-verdict')) !== row.expected) {
      await page
        .waitForFunction((v) => document.querySelector('main[data-verdict]')?.getAttribute('data-verdict') === v, row.expected, {
          timeout: EVIDENCE_WAIT_MS,
        })
        .catch(() => {});
    }
    const verdict = await page.locator('main[data-verdict]').first().getAttribute('data-verdict');
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
  const row = rows.find((r) => r.scenario?.startsWith('sp-') || r.scenario?.startsWith('io-')) ?? rows.find((r) => r.host);
  if (!row?.host) return;
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
      return {
        text: (await c.action.getBadgeText({ tabId: tab.id })) as string,
        title: (await c.action.getTitle({ tabId: tab.id })) as string,
      };
    });
    if (badge) console.log(` github.com tab → badge "${badge.text}" — ${badge.title.replace(/\s+/g, ' ')}`);
  } catch (e) {
    console.log(` github.com tab: ${(e as Error).message.split('\n')[0]}`);
  }
}

/** Open the refused sites of the world, as a person would (and fail, as they would). */
async function openRefusedSites(launched: LaunchedExtension, rows: Row[]): Promise<void> {
  for (const host of rows.flatMap((r) => r.refused).filter((h) => !h.startsWith('*.'))) {
    const page = await launched.context.newPage();
    const err = await page.goto(`https://${host}/`, { timeout: 15_000 }).then(
      () => 'loaded (unexpected)',
      (e: Error) => /net::ERR_[A-Z_]+/.exec(e.message)?.[0] ?? e.message.split('\n')[0],
    );
    console.log(` ${host} tab → ${err} (site-refused)`);
    await page.close().catch(() => {});
  }
}

async function main(): Promise<number> {
  const server = await startDemoServer({ port: Number(process.env.DEMO_PORT ?? 0) });
  // A fresh profile every run (so the extension starts from nothing), removed at the end.
  const userDataDir = mkdtempSync(join(tmpdir(), 'acknowledged-demo-'));
  let launched: LaunchedExtension | undefined;
  let relay: { url: string; close(): Promise<void> } | undefined;
  try {
    const rows = worldRows(server);
    banner(server, rows);
    mkdirSync(outDir, { recursive: true });
    if (browserName === 'firefox') return await runFirefoxDemo(server, rows, { headless, strict, outDir });
    launched = await launchWithExtension({ extensionPath, server, headless, userDataDir });
    if (withRelay) {
      // Loaded only when asked: it needs relay/node_modules (wrangler, miniflare).
      const { startRelay, viaDemoServer } = await import('../relay/scripts/local');
      relay = await startRelay({ upstream: viaDemoServer(server.port) });
      // Reached as localhost: the browser's host rules send every other name to the demo server.
      const url = relay.url.replace('127.0.0.1', 'localhost');
      await launched.serviceWorker.evaluate(
        (u: string) => chrome.storage.local.set({ relay: { enabled: true, url: u, share: true } }),
        url,
      );
      console.log(` local relay at ${url} (the extension reads through it; popups say "Answered by the relay")`);
    }
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
      const expected = o.expected;
      const why = [
        o.scenario ?? 'no feed',
        ...(o.complaints.hn === 'crowd-spike' || o.complaints.mastodon === 'crowd-spike' ? ['complaint spike'] : []),
        ...(o.refused.length ? ['site refused'] : []),
      ];
      const note = o.verdict === expected ? '' : `   (${why.join(' + ')} should give ${expected})`;
      if (note) mismatched++;
      console.log(` ${note ? '!' : '✓'} ${o.id} → ${o.verdict}${note}   ${o.screenshot ?? ''}`);
    }
    if (failed) await diagnose(launched, server, rows);
    if (mismatched && !strict)
      console.log(` ${mismatched} verdict(s) differ from what the scenarios should give (not an error without --strict).`);
    await openSite(launched);
    await openRefusedSites(launched, rows);

    if (headless) {
      return failed > 0 || (strict && mismatched > 0) ? 1 : 0;
    }
    console.log('');
    console.log(
      ' The browser stays open: visit github.com, slack.com, portal.azure.com, discord.com (refuses to load)… and open the Acknowledged',
    );
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
    await relay?.close().catch(() => {});
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
