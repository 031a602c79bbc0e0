/**
 * 3. Popup open → verdict in the DOM, in real Chromium with the built extension.
 *
 * Baseline: a blank Preact page (bench/blank/: one module that renders `<main data-verdict>`),
 * bundled with Vite into bench-output/blank/ and served from the SAME extension origin: the built
 * extension is copied to bench-output/ext/ with the blank page added as /bench-blank/index.html, and
 * that copy is loaded (the app's own .output/ is not changed). Both pages then load over
 * chrome-extension:// with the same CSP, process model and disk reads.
 *
 * Per open: a new tab (380×600), an init script with a MutationObserver records `performance.now()`
 * (ms since the navigation's time origin) when `main[data-verdict]` first exists, and again in the
 * next animation frame (≈ when that frame is painted); first-contentful-paint is read too. The
 * popup is opened as `popup.html?service=github` after the worker has stored GitHub's data
 * (demo server scenario `sp-incident`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { launchWithExtension } from '../demo/browser';
import { startDemoServer } from '../demo/server';
import { buildBenchPage, copyExtensionWith } from './ext-pages';
import { fmt, heading, median, percentile, record, sleep } from './lib';

interface Timing {
  /** When the document's first script (our init script) ran. */
  start: number;
  verdict: number;
  frame: number;
  fcp: number | null;
  responseEnd: number;
  domContentLoaded: number;
  value: string;
}

declare global {
  interface Window {
    __bench?: { start?: number; verdict?: number; frame?: number; value?: string };
  }
}

/**
 * Runs in the page before any of its scripts. A string, not a function: tsx (esbuild keepNames)
 * wraps named functions in a `__name` helper that does not exist in the page.
 */
export const OBSERVE_VERDICT = `(() => {
  const state = { start: performance.now() };
  window.__bench = state;
  const check = () => {
    if (state.verdict !== undefined) return true;
    const main = document.querySelector('main[data-verdict]');
    if (!main) return false;
    state.verdict = performance.now();
    state.value = main.getAttribute('data-verdict') || '';
    requestAnimationFrame(() => { state.frame = performance.now(); });
    return true;
  };
  const mo = new MutationObserver(() => { if (check()) mo.disconnect(); });
  mo.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-verdict'] });
})();`;

async function openAndTime(context: BrowserContext, url: string): Promise<Timing> {
  const page = await context.newPage();
  try {
    await page.setViewportSize({ width: 380, height: 600 });
    await page.addInitScript({ content: OBSERVE_VERDICT });
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__bench?.frame !== undefined, undefined, { timeout: 20_000 });
    return await page.evaluate(() => {
      const b = window.__bench!;
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      return {
        start: b.start ?? NaN,
        verdict: b.verdict!,
        frame: b.frame!,
        fcp: fcp ? fcp.startTime : null,
        responseEnd: nav?.responseEnd ?? NaN,
        domContentLoaded: nav?.domContentLoadedEventEnd ?? NaN,
        value: b.value ?? '',
      };
    });
  } finally {
    await page.close();
  }
}

/** Reading the packaged catalog.jsonl in a fresh isolate (bench/cold-catalog.ts in a child Node), median of 5. */
function coldCatalogRead(): { packed: number; whole: number; bytes: number } | null {
  const packed: number[] = [];
  const whole: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 5; i++) {
    try {
      const out = execFileSync(process.execPath, ['--import', 'tsx', resolve('bench/cold-catalog.ts')], { encoding: 'utf8' });
      const r = JSON.parse(out.trim().split('\n').pop()!) as { ok: boolean; bytes: number; packedMs: number; wholeMs: number };
      if (!r.ok) return null;
      packed.push(r.packedMs);
      whole.push(r.wholeMs);
      bytes = r.bytes;
    } catch {
      return null;
    }
  }
  return { packed: median(packed), whole: median(whole), bytes };
}

export async function benchPopup(opts: { extensionPath: string; runs: number; headless: boolean }): Promise<void> {
  heading(`3. Popup open → verdict in the DOM, real Chromium, median of ${opts.runs}`);
  if (!existsSync(join(opts.extensionPath, 'manifest.json'))) {
    console.log(`  skipped: no built extension at ${opts.extensionPath}`);
    return;
  }
  const blankOut = resolve('bench-output/blank');
  await buildBenchPage('bench/blank', blankOut);
  const extCopy = resolve('bench-output/ext');
  await copyExtensionWith(opts.extensionPath, extCopy, { 'bench-blank': blankOut });

  const server = await startDemoServer();
  const { context, extensionId, serviceWorker } = await launchWithExtension({ extensionPath: extCopy, server, headless: opts.headless });
  try {
    // Wait for the worker's listeners, then for GitHub's data to be stored (first tick at start).
    for (let i = 0; i < 300; i++) {
      const ready = await serviceWorker
        .evaluate(() =>
          (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome.webNavigation.onCommitted.hasListeners(),
        )
        .catch(() => false);
      if (ready) break;
      await sleep(100);
    }
    const popupUrl = `chrome-extension://${extensionId}/popup.html?service=github`;
    const blankUrl = `chrome-extension://${extensionId}/bench-blank/index.html`;
    const stored = await (async () => {
      for (let i = 0; i < 60; i++) {
        const page = await context.newPage();
        await page.goto(popupUrl);
        const at = await page
          .locator('main[data-verdict]')
          .first()
          .getAttribute('data-checked-at', { timeout: 10_000 })
          .catch(() => null);
        await page.close();
        if (at && /\d{4}-/.test(at)) return true;
        await sleep(1000);
      }
      return false;
    })();
    if (!stored) console.log('  !! GitHub data was not stored within 60 s; timing the popup anyway');

    // Warm-up: a few opens of each (V8 code cache, disk cache).
    for (let i = 0; i < 3; i++) {
      await openAndTime(context, popupUrl);
      await openAndTime(context, blankUrl);
    }
    const popup: Timing[] = [];
    const blank: Timing[] = [];
    for (let i = 0; i < opts.runs; i++) {
      // Alternate so load changes on this shared machine hit both alike.
      popup.push(await openAndTime(context, popupUrl));
      blank.push(await openAndTime(context, blankUrl));
    }
    const m = (xs: Timing[], k: 'start' | 'verdict' | 'frame' | 'responseEnd' | 'domContentLoaded') => median(xs.map((x) => x[k]));
    const fcps = (xs: Timing[]) => xs.map((x) => x.fcp).filter((x): x is number => x !== null);
    const popupV = m(popup, 'verdict');
    const blankV = m(blank, 'verdict');
    const ratio = popupV / blankV;
    const verdicts = [...new Set(popup.map((p) => p.value))].join(',');
    console.log(
      `  popup (verdict "${verdicts}"): verdict in DOM median ${fmt(popupV)} ms (p90 ${fmt(
        percentile(
          popup.map((p) => p.verdict),
          90,
        ),
      )}), ` +
        `next frame ${fmt(m(popup, 'frame'))} ms, FCP ${fmt(median(fcps(popup)))} ms; document's first script ${fmt(m(popup, 'start'))} ms, DCL end ${fmt(m(popup, 'domContentLoaded'))} ms`,
    );
    console.log(
      `  blank Preact page: verdict in DOM median ${fmt(blankV)} ms (p90 ${fmt(
        percentile(
          blank.map((p) => p.verdict),
          90,
        ),
      )}), ` +
        `next frame ${fmt(m(blank, 'frame'))} ms, FCP ${fmt(median(fcps(blank)))} ms; document's first script ${fmt(m(blank, 'start'))} ms, DCL end ${fmt(m(blank, 'domContentLoaded'))} ms`,
    );
    record({
      section: '3 popup',
      name: 'popup.html?service=github: navigation start → main[data-verdict] in DOM (median)',
      value: popupV,
      unit: 'ms',
      budget: '≤ 100 ms',
      pass: popupV <= 100,
      note: `n=${opts.runs}; p90 ${fmt(
        percentile(
          popup.map((p) => p.verdict),
          90,
        ),
      )} ms; next frame ${fmt(m(popup, 'frame'))} ms; FCP ${fmt(median(fcps(popup)))} ms; verdict "${verdicts}"`,
    });
    const inPage = (xs: Timing[]) => median(xs.map((x) => x.verdict - x.start));
    const afterDcl = (xs: Timing[]) => median(xs.map((x) => x.verdict - x.domContentLoaded));
    console.log(
      `  in-page (document's first script → verdict): popup ${fmt(inPage(popup))} ms, blank ${fmt(inPage(blank))} ms; ` +
        `popup DCL end → verdict (reads storage + IndexedDB, renders) ${fmt(afterDcl(popup))} ms`,
    );
    record({
      section: '3 popup',
      name: "popup in-page part: document's first script → verdict in DOM (median)",
      value: inPage(popup),
      unit: 'ms',
      budget: '',
      pass: null,
      note: `blank ${fmt(inPage(blank))} ms; the rest is the browser creating the page (${fmt(m(popup, 'start'))} ms popup, ${fmt(m(blank, 'start'))} ms blank); DCL end → verdict ${fmt(afterDcl(popup))} ms`,
    });
    record({
      section: '3 popup',
      name: 'popup verdict vs blank Preact page (same extension origin), median/median',
      value: ratio,
      unit: '×',
      budget: '≤ 1.5× blank',
      pass: ratio <= 1.5,
      note: `blank ${fmt(blankV)} ms (p90 ${fmt(
        percentile(
          blank.map((p) => p.verdict),
          90,
        ),
      )}; FCP ${fmt(median(fcps(blank)))} ms)`,
    });
  } finally {
    await context.close().catch(() => undefined);
    await server.close().catch(() => undefined);
  }
  const cold = coldCatalogRead();
  if (cold) {
    console.log(
      `  reading catalog.jsonl (index line + the entries asked for, core/catalog/packed.ts), fresh isolate: ${fmt(cold.packed)} ms; the whole catalog as one JSON, every entry indexed: ${fmt(cold.whole)} ms`,
    );
    record({
      section: '3 popup',
      name: 'of which: reading the packaged catalog.jsonl (index line, one id and one hostname looked up), first time in a fresh V8 isolate (Node)',
      value: cold.packed,
      unit: 'ms',
      budget: '',
      pass: null,
      note: `median of 5 child processes; ${(cold.bytes / 1024).toFixed(0)} KB file; the whole catalog parsed and indexed (the format before issue 15): ${fmt(cold.whole)} ms; paid by every popup open and every worker start`,
    });
  }
}
