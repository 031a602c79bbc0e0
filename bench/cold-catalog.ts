/**
 * Child process for bench §3: how long the catalog's zod validation (core/catalog/catalog.ts runs
 * it at import, so every popup open and every worker start pays it) takes in a fresh V8 isolate.
 * Prints one JSON line: { firstMs, secondMs, warmMs }.
 */
import { readFileSync } from 'node:fs';
import { catalogSchema } from '../core/catalog/schema';

const raw: unknown = JSON.parse(readFileSync(new URL('../core/catalog/services.json', import.meta.url), 'utf8'));
const t0 = performance.now();
const first = catalogSchema.safeParse(raw);
const t1 = performance.now();
catalogSchema.safeParse(raw);
const t2 = performance.now();
for (let i = 0; i < 30; i++) catalogSchema.safeParse(raw);
const t3 = performance.now();
console.log(JSON.stringify({ ok: first.success, firstMs: t1 - t0, secondMs: t2 - t1, warmMs: (t3 - t2) / 30 }));
