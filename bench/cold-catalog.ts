/**
 * Child process for bench §3: what reading the packaged catalog costs a page that opens — the
 * popup and the worker read `catalog.json` once (core/catalog/catalog.ts `loadCatalog`): parse the
 * JSON and build the lookup maps — in a fresh V8 isolate. (The file itself comes from the
 * extension package on disk; its fetch is part of the popup timing above.)
 * Prints one JSON line: { bytes, firstMs, warmMs }.
 */
import { packagedCatalogJson } from '../core/catalog/bundled';
import { catalogFrom } from '../core/catalog/match';
import type { Service } from '../core/catalog/schema';

const text = packagedCatalogJson();
const read = () => catalogFrom((JSON.parse(text) as { services: Service[] }).services);
const t0 = performance.now();
const first = read();
const t1 = performance.now();
for (let i = 0; i < 30; i++) read();
const t2 = performance.now();
console.log(JSON.stringify({ ok: first.services.length > 0, bytes: text.length, firstMs: t1 - t0, warmMs: (t2 - t1) / 30 }));
