/**
 * Child process for bench §3: what reading the packaged catalog costs a page that opens — the
 * popup and every worker start read `catalog.jsonl` once (core/catalog/catalog.ts `loadCatalog`,
 * format in core/catalog/packed.ts: parse the index line, keep the text, parse an entry on first
 * use) — in a fresh V8 isolate, with the two lookups a popup makes (an id, a hostname). Beside it,
 * the whole catalog as one JSON document with every entry indexed (what the package carried
 * before, `catalogFrom`), measured the same way in the same process afterwards.
 * (The file itself comes from the extension package on disk; its fetch is part of the popup timing.)
 * Prints one JSON line: { bytes, packedMs, wholeMs }.
 */
import { packagedCatalog, packagedCatalogJson } from '../core/catalog/bundled';
import { catalogFrom } from '../core/catalog/match';
import { catalogFromPack } from '../core/catalog/packed';
import type { Service } from '../core/catalog/schema';

const packed = packagedCatalog();
const whole = packagedCatalogJson();
const t0 = performance.now();
const a = catalogFromPack(packed);
const ok = a.get('github')?.id === 'github' && a.match('gist.github.com')?.id === 'github';
const t1 = performance.now();
const b = catalogFrom((JSON.parse(whole) as { services: Service[] }).services);
const ok2 = b.get('github')?.id === 'github' && b.match('gist.github.com')?.id === 'github';
const t2 = performance.now();
console.log(JSON.stringify({ ok: ok && ok2, bytes: packed.length, packedMs: t1 - t0, wholeMs: t2 - t1 }));
