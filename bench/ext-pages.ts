/**
 * Bench pages on the extension's own origin (§2 Chromium cycle, §3 popup): a small page is bundled
 * with Vite, and the built extension is copied into bench-output/ with that page added, so the page
 * loads over chrome-extension:// with the extension's CSP, process model, storage and IndexedDB
 * (the app's own .output/ is never changed).
 */
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sleep } from './lib';

/** Bundle the page whose index.html is in `root` into `outDir` (relative asset paths). */
export async function buildBenchPage(root: string, outDir: string): Promise<void> {
  const { build } = await import('vite');
  await build({
    configFile: false,
    root: resolve(root),
    base: './',
    logLevel: 'warn',
    build: { outDir: resolve(outDir), emptyOutDir: true, target: 'es2022' },
  });
}

/**
 * Copy the built extension at `extensionPath` to `copyDir` and add each built page directory
 * (`pages`: directory in the copy → built page directory). Others may rebuild .output/ while we
 * copy it (WXT empties the directory first): retries until the copy is complete.
 */
export async function copyExtensionWith(extensionPath: string, copyDir: string, pages: Record<string, string>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    rmSync(copyDir, { recursive: true, force: true });
    mkdirSync(copyDir, { recursive: true });
    try {
      cpSync(extensionPath, copyDir, { recursive: true });
    } catch {
      /* a file vanished mid-copy */
    }
    if (existsSync(join(copyDir, 'manifest.json')) && existsSync(join(copyDir, 'popup.html')) && existsSync(join(copyDir, 'background.js')))
      break;
    if (attempt >= 15) throw new Error(`could not copy a complete extension from ${extensionPath}`);
    await sleep(2000);
  }
  for (const [dir, built] of Object.entries(pages)) cpSync(built, join(copyDir, dir), { recursive: true });
}
