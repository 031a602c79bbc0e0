/**
 * The catalog's source files as one object, for Node-side code only (the build, unit tests,
 * benchmarks, the demo). The catalog is kept as one data file per category in ./services/ — all
 * under the one schema in ./schema.ts — so a file stays readable as the catalog grows; adding a
 * category file needs no code change here. Files are read in name order, entries in file order.
 * The extension never bundles this module: it reads the packaged catalog.jsonl (./catalog.ts, ./packed.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';

const DIR = new URL('./services/', import.meta.url);

export interface RawCatalog {
  services: unknown[];
}

/** Every entry of every category file, unvalidated (validate with ./schema.ts `catalogSchema`). */
export function readCatalogFiles(): RawCatalog {
  const services: unknown[] = [];
  for (const file of readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const data = JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as { services?: unknown };
    if (!Array.isArray(data.services)) throw new Error(`core/catalog/services/${file}: no "services" array`);
    services.push(...data.services);
  }
  return { services };
}
