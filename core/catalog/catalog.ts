/**
 * The service catalog at runtime: which services Acknowledged knows, which sites they own, and
 * where their official status lives.
 *
 * The data ships as a file of its own, `catalog.jsonl` in the extension package (written by the
 * build from core/catalog/services/*.json after validating it against ./schema.ts — see
 * wxt.config.ts; format in ./packed.ts), and is read with `loadCatalog()` once per page or worker
 * start: the small matching index is parsed, each entry only when first asked for. It is not
 * inlined into the scripts: JSON parses several times faster than the same object as JavaScript,
 * and the popup's and worker's code stay small. Tests, benchmarks and the demo use ./bundled.ts,
 * which imports and validates the JSON directly.
 *
 * Matching a tab's hostname to a service happens locally (./match.ts): nothing about the person's
 * browsing leaves the device.
 */
import { browser } from 'wxt/browser';
import type { Catalog } from './match';
import { CATALOG_FILE, catalogFromPack } from './packed';

export type { Category, Official, Service } from './schema';
export { CATEGORIES } from './rules';
export { catalogFrom, hostnameOf, matchIn, type Catalog } from './match';
export { CATALOG_FILE } from './packed';

let loading: Promise<Catalog> | null = null;

/**
 * The catalog shipped in the extension package, read once per page or worker (later calls share
 * the first). A failed read is not cached, so the next call tries again.
 */
export function loadCatalog(): Promise<Catalog> {
  loading ??= (async () => {
    // Written by the build hook, so WXT's generated PublicPath type does not list it.
    const res = await fetch((browser.runtime.getURL as (path: string) => string)(`/${CATALOG_FILE}`));
    if (!res.ok) throw new Error(`${CATALOG_FILE}: HTTP ${res.status}`);
    return catalogFromPack(await res.text());
  })().catch((e: unknown) => {
    loading = null;
    throw e;
  });
  return loading;
}

/** Use this catalog instead of reading the packaged file (unit tests, benchmarks, the demo's Node side). */
export function provideCatalog(c: Catalog): void {
  loading = Promise.resolve(c);
}

/** Forget the loaded catalog, so the next `loadCatalog()` reads the file again (tests). */
export function forgetCatalog(): void {
  loading = null;
}
