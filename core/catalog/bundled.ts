/**
 * The catalog read straight from its source files (core/catalog/services/*.json) and validated with the zod
 * schema (throws, listing every problem, if the file is invalid). For Node-side code only: unit
 * tests, benchmarks, the demo and the build. The extension itself reads the packaged catalog.jsonl
 * (./packed.ts) through `loadCatalog()` (./catalog.ts) and never bundles this module.
 */
import * as z from 'zod/mini';
import { readCatalogFiles } from './raw';
import { catalogFrom, type Catalog } from './match';
import { packCatalog } from './packed';
import { catalogSchema, EVIDENCE_FIELDS, type Service } from './schema';

export type { Service } from './schema';
export { hostnameOf } from './match';

function load(input: unknown): Catalog {
  const parsed = catalogSchema.safeParse(input);
  if (!parsed.success) throw new Error(`the catalog (core/catalog/services/*.json) is invalid:\n${z.prettifyError(parsed.error)}`);
  return catalogFrom(parsed.data.services);
}

const raw = readCatalogFiles();

export const CATALOG: Catalog = load(raw);
export const SERVICES: readonly Service[] = CATALOG.services;
export const getService = (id: string): Service | undefined => CATALOG.get(id);
export const matchService = (hostname: string): Service | null => CATALOG.match(hostname);

/** Validate an arbitrary catalog object the way the shipped file is validated. */
export const validateCatalog = (input: unknown) => catalogSchema.safeParse(input);

/**
 * The services the extension ships: validated, `$comment` and each entry's evidence (`source`,
 * `verified` — for maintainers, never shown) dropped. Throws if the catalog is invalid.
 */
function shippedServices(input: unknown): Service[] {
  const parsed = catalogSchema.safeParse(input);
  if (!parsed.success) throw new Error(`the catalog (core/catalog/services/*.json) is invalid:\n${z.prettifyError(parsed.error)}`);
  return parsed.data.services.map((entry) => {
    const copy: Record<string, unknown> = { ...entry };
    for (const k of EVIDENCE_FIELDS) delete copy[k];
    return copy as Service;
  });
}

/** The shipped services as one JSON document, `{ services }`, no whitespace (what the package carried before catalog.jsonl). */
export function packagedCatalogJson(input: unknown = raw): string {
  return JSON.stringify({ services: shippedServices(input) });
}

/** The file the build writes into the package (`catalog.jsonl`, ./packed.ts): index line, then one entry per line. */
export function packagedCatalog(input: unknown = raw): string {
  return packCatalog(shippedServices(input));
}
