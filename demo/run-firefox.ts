/**
 * `npm run demo -- --browser firefox`: the demo's browser part in Firefox (demo/firefox.ts), same
 * world and same report as the Chromium run in demo/run.ts. Headless (no display): popup
 * screenshots in demo-output/firefox/; headed: the window stays open until closed or Ctrl-C.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'puppeteer-core';
import { VERDICTS } from '../core/model';
import { launchFirefoxWithExtension, openExtensionPage } from './firefox';
import type { DemoServer } from './server';

export interface DemoRow {
  id: string;
  host: string | null;
  refused: string[];
  expected: string;
}

const extensionPath = fileURLToPath(new URL('../.output/firefox-mv3', import.meta.url));
/** How long a popup may take to show its verdict, and then the expected one (complaint backfill). */
const POPUP_TIMEOUT_MS = 20_000;
const EVIDENCE_WAIT_MS = 20_000;

async function verdictWhenChecked(page: Page, wantChecked: boolean, expected: string): Promise<string | null> {
  const read = () =>
    page.evaluate(() => {
      const m = document.querySelector('main[data-verdict]');
      return m ? { v: m.getAttribute('data-verdict'), checked: !!m.getAttribute('data-checked-at') } : null;
    });
  const start = Date.now();
  let last: { v: string | null; checked: boolean } | null = null;
  while (Date.now() - start < POPUP_TIMEOUT_MS + EVIDENCE_WAIT_MS) {
    last = await read().catch(() => null);
    const ready = last && (!wantChecked || last.checked);
    if (ready && (last!.v === expected || Date.now() - start > POPUP_TIMEOUT_MS)) return last!.v;
    await new Promise((r) => setTimeout(r, 250));
  }
  return last?.v ?? null;
}

export async function runFirefoxDemo(
  server: DemoServer,
  rows: DemoRow[],
  o: { headless: boolean; strict: boolean; outDir: string },
): Promise<number> {
  const out = join(o.outDir, 'firefox');
  mkdirSync(out, { recursive: true });
  const { browser, origin } = await launchFirefoxWithExtension({ extensionPath, server, headless: o.headless });
  try {
    console.log(
      ` Firefox ${(await browser.version()).replace(/^firefox\//i, '')}: extension installed at ${origin}; checking ${rows.length} services…`,
    );
    let failed = 0;
    let mismatched = 0;
    for (const row of rows) {
      const page = await browser.newPage();
      try {
        await page.setViewport({ width: 400, height: 600 });
        await openExtensionPage(page, `${origin}/popup.html?service=${encodeURIComponent(row.id)}`);
        const verdict = await verdictWhenChecked(page, row.host !== null, row.expected);
        if (verdict === null) {
          failed++;
          console.log(` ✗ ${row.id} → no verdict`);
          continue;
        }
        for (const v of [...VERDICTS, 'none']) rmSync(join(out, `${row.id}-${v}.png`), { force: true });
        const shot = join(out, `${row.id}-${verdict}.png`) as `${string}.png`;
        await page.screenshot({ path: shot });
        const ok = verdict === row.expected;
        if (!ok) mismatched++;
        console.log(` ${ok ? '✓' : '!'} ${row.id} → ${verdict}${ok ? '' : `   (should give ${row.expected})`}   ${shot}`);
      } finally {
        if (o.headless) await page.close().catch(() => {});
      }
    }
    // The refused sites, as a person would open them (and fail, as they would).
    for (const host of rows.flatMap((r) => r.refused).filter((h) => !h.startsWith('*.'))) {
      const page = await browser.newPage();
      const err = await page.goto(`https://${host}/`, { timeout: 15_000 }).then(
        () => 'loaded (unexpected)',
        (e: Error) => /NS_ERROR_[A-Z_]+/.exec(e.message)?.[0] ?? e.message.split('\n')[0],
      );
      console.log(` ${host} tab → ${err} (site-refused)`);
    }
    if (o.headless) return failed > 0 || (o.strict && mismatched > 0) ? 1 : 0;
    console.log(
      ' The Firefox window stays open: visit github.com, discord.com… and open the Acknowledged toolbar button. Close it or press Ctrl-C to stop.',
    );
    await new Promise<void>((resolve) => {
      browser.once('disconnected', () => resolve());
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    return 0;
  } finally {
    await browser.close().catch(() => {});
  }
}
