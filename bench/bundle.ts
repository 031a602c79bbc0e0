/**
 * 5. Bundle sizes, gzipped (zlib level 9, each file on its own, summed).
 *
 * Popup JS = every script the built popup.html loads (`<script src>` and `<link rel=modulepreload>`)
 * plus everything those chunks import statically (followed transitively; dynamic `import()` is not
 * followed). Background = the manifest's service worker and its static imports.
 *
 * Top contributors: the same build is made again with source maps (WXT's `build()` with
 * `build.sourcemap`, into bench-output/wxt-sourcemap/; the extension's own output is not touched),
 * and every byte of the minified chunks is attributed to the source file its mapping segment
 * points at (node_modules files grouped by package).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { heading, kb, record } from './lib';

const POPUP_BUDGET = 20 * 1024;

const gz = (b: Buffer | string) => gzipSync(b, { level: 9 }).byteLength;

/** Static imports of an ES module chunk (minified or not). */
function staticImports(code: string): string[] {
  const out: string[] = [];
  const re = /(?:^|[;\s}])(?:import|export)\s*(?:[\w$*{},\s]*?\bfrom\s*)?["']([^"']+\.m?js)["']/g;
  for (const m of code.matchAll(re)) out.push(m[1]!);
  return out;
}

/** Chunks a module loads later with `import()` (Vite lists them in `__vite__mapDeps`, root-relative). */
function dynamicChunks(root: string, files: string[]): string[] {
  const out = new Set<string>();
  for (const p of files) {
    const code = readFileSync(join(root, p), 'utf8');
    const deps = /__vite__mapDeps=.*?\[([^\]]*)\]/.exec(code)?.[1] ?? '';
    for (const m of deps.matchAll(/["']([^"']+\.js)["']/g)) out.add(m[1]!.replace(/^\//, ''));
    for (const m of code.matchAll(/\bimport\(\s*["']([^"']+\.js)["']\s*\)/g)) {
      const spec = m[1]!;
      out.add(spec.startsWith('/') ? spec.slice(1) : posix.normalize(posix.join(posix.dirname(p), spec)));
    }
  }
  return [...out];
}

/** Extension-root-relative paths of every JS file reachable from the given entry paths. */
export function closure(root: string, entries: string[]): string[] {
  const seen = new Set<string>();
  const stack = entries.map((e) => posix.normalize(e.replace(/^\//, '')));
  while (stack.length) {
    const p = stack.pop()!;
    if (seen.has(p)) continue;
    seen.add(p);
    const code = readFileSync(join(root, p), 'utf8');
    for (const spec of staticImports(code)) {
      const next = spec.startsWith('/') ? spec.slice(1) : posix.normalize(posix.join(posix.dirname(p), spec));
      stack.push(next);
    }
  }
  return [...seen].sort();
}

export function popupEntries(root: string): string[] {
  const html = readFileSync(join(root, 'popup.html'), 'utf8');
  const out: string[] = [];
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) out.push(m[1]!);
  for (const m of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)) out.push(m[1]!);
  for (const m of html.matchAll(/<link\b[^>]*\bhref="([^"]+)"[^>]*\brel="modulepreload"/g)) out.push(m[1]!);
  return out.filter((s) => s.endsWith('.js'));
}

export function backgroundEntries(root: string): string[] {
  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as {
    background?: { service_worker?: string; scripts?: string[] };
  };
  const b = manifest.background ?? {};
  return b.service_worker ? [b.service_worker] : (b.scripts ?? []);
}

export interface Sized {
  files: { path: string; raw: number; gz: number }[];
  raw: number;
  gz: number;
}

export function gzSizes(root: string, files: string[]): Sized {
  const list = files.map((p) => {
    const buf = readFileSync(join(root, p));
    return { path: p, raw: buf.byteLength, gz: gz(buf) };
  });
  return { files: list, raw: list.reduce((n, f) => n + f.raw, 0), gz: list.reduce((n, f) => n + f.gz, 0) };
}

// ---------------------------------------------------------------------------------------------
// Source-map attribution.

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64V = new Map([...B64].map((c, i) => [c, i]));

/** Decoded `mappings`: per generated line, segments [genCol, srcIndex?]. */
function decodeMappings(mappings: string): number[][][] {
  const lines: number[][][] = [];
  let src = 0;
  for (const lineText of mappings.split(';')) {
    const segs: number[][] = [];
    let col = 0;
    if (lineText) {
      for (const segText of lineText.split(',')) {
        if (!segText) continue;
        const vals: number[] = [];
        let shift = 0;
        let value = 0;
        for (const ch of segText) {
          const d = B64V.get(ch);
          if (d === undefined) break;
          value += (d & 31) << shift;
          if (d & 32) shift += 5;
          else {
            const neg = value & 1;
            value >>>= 1;
            vals.push(neg ? -value : value);
            value = 0;
            shift = 0;
          }
        }
        col += vals[0] ?? 0;
        if (vals.length >= 4) {
          src += vals[1]!;
          segs.push([col, src]);
        } else segs.push([col]);
      }
    }
    lines.push(segs);
  }
  return lines;
}

/** A source path → a group: npm package name, or the project file (relative to the repo root). */
function groupOf(source: string, mapDir: string, repoRoot: string): string {
  const norm = source.replace(/^webpack:\/\/|^\/@fs/, '').replace(/\?.*$/, '');
  const nm = norm.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = norm.slice(nm + 'node_modules/'.length).split('/');
    return `npm:${rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  if (norm.startsWith('\0') || norm.includes('\0')) return '(bundler runtime)';
  const abs = resolve(mapDir, norm);
  const rel = relative(repoRoot, abs);
  return rel.startsWith('..') ? norm : rel;
}

/**
 * JSON modules get no source mappings from the bundler; name the big ones by what they contain.
 * Anything else without a mapping stays "(unmapped)" (bundler glue, export lists).
 */
function nameUnmapped(text: string): string {
  if (text.includes('$comment:`Service catalog') || text.includes('"$comment":"Service catalog'))
    return 'core/catalog/services.json (inlined JSON)';
  if (/extName:\{message:|"extName":\{"message"/.test(text)) return 'public/_locales/en/messages.json (inlined JSON, via core/i18n.ts)';
  return '(unmapped)';
}

/** Bytes of the minified file attributed to each group (plus "(unmapped)"). */
function attribute(jsPath: string, repoRoot: string): Map<string, { raw: number; text: string[] }> {
  const code = readFileSync(jsPath, 'utf8');
  const map = JSON.parse(readFileSync(`${jsPath}.map`, 'utf8')) as { sources: string[]; mappings: string; sourceRoot?: string };
  const mapDir = resolve(dirname(jsPath), map.sourceRoot ?? '');
  const groups = map.sources.map((s) => groupOf(s, mapDir, repoRoot));
  const out = new Map<string, { raw: number; text: string[] }>();
  const add = (g: string, s: string) => {
    const e = out.get(g) ?? { raw: 0, text: [] };
    e.raw += Buffer.byteLength(s);
    e.text.push(s);
    out.set(g, e);
  };
  const lines = code.split('\n');
  const decoded = decodeMappings(map.mappings);
  lines.forEach((line, i) => {
    // The trailing sourceMappingURL comment is not shipped in the normal build.
    if (line.startsWith('//# sourceMappingURL=')) return;
    const segs = decoded[i] ?? [];
    let pos = 0;
    let cur = '(unmapped)';
    for (const seg of segs) {
      const col = seg[0]!;
      if (col > pos) {
        const piece = line.slice(pos, col);
        add(cur === '(unmapped)' ? nameUnmapped(piece) : cur, piece);
      }
      pos = Math.max(pos, col);
      cur = seg.length > 1 ? (groups[seg[1]!] ?? '(unmapped)') : '(unmapped)';
    }
    const tail = line.slice(pos) + (i < lines.length - 1 ? '\n' : '');
    add(cur === '(unmapped)' ? nameUnmapped(tail) : cur, tail);
  });
  return out;
}

function topContributors(smRoot: string, files: string[], totalGz: number, n = 12): string[] {
  const merged = new Map<string, { raw: number; text: string[] }>();
  for (const f of files) {
    const p = join(smRoot, f);
    if (!existsSync(`${p}.map`)) continue;
    for (const [g, v] of attribute(p, process.cwd())) {
      const e = merged.get(g) ?? { raw: 0, text: [] };
      e.raw += v.raw;
      e.text.push(...v.text);
      merged.set(g, e);
    }
  }
  const totalRaw = [...merged.values()].reduce((s, v) => s + v.raw, 0);
  return [...merged]
    .sort((a, b) => b[1].raw - a[1].raw)
    .slice(0, n)
    .map(([g, v]) => {
      const share = v.raw / Math.max(1, totalRaw);
      return `${g}: ${kb(v.raw)} min (${(share * 100).toFixed(0)}%, ≈ ${kb(share * totalGz)} of the gz total; ${kb(gz(v.text.join('')))} gz alone)`;
    });
}

async function sourcemapBuild(outDir: string): Promise<string | null> {
  // WXT prints its build report and a spinner; keep the bench output readable.
  const write = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  let captured = '';
  const swallow = (chunk: string | Uint8Array): boolean => {
    captured += String(chunk);
    return true;
  };
  try {
    const { build } = await import('wxt');
    process.stdout.write = swallow as typeof process.stdout.write;
    process.stderr.write = swallow as typeof process.stderr.write;
    try {
      await build({ outDir, vite: () => ({ build: { sourcemap: true } }) });
    } finally {
      process.stdout.write = write;
      process.stderr.write = writeErr;
    }
    return join(outDir, 'chrome-mv3');
  } catch (e) {
    if (captured) console.log(captured.slice(-2000));
    console.log(`  (source-map build failed, no attribution: ${String((e as Error).message ?? e).slice(0, 200)})`);
    return null;
  }
}

export async function benchBundle(opts: { extensionPath: string; attribution: boolean; attributeBackground?: boolean }): Promise<void> {
  heading('5. Bundle sizes, gzip level 9');
  const root = opts.extensionPath;
  const popupFiles = closure(root, popupEntries(root));
  const bgFiles = closure(root, backgroundEntries(root));
  const popup = gzSizes(root, popupFiles);
  const bg = gzSizes(root, bgFiles);
  for (const [label, s] of [
    ['popup JS', popup],
    ['background JS', bg],
  ] as const) {
    console.log(`  ${label}: ${kb(s.gz)} gz (${kb(s.raw)} minified) = ${s.files.map((f) => `${f.path} ${kb(f.gz)} gz`).join(' + ')}`);
  }
  const popupOver = popup.gz - POPUP_BUDGET;
  // What the popup loads after the verdict is painted (detail cards, the copy summary): not part of
  // the budget row, printed so nothing is hidden.
  const later = closure(root, dynamicChunks(root, popupFiles)).filter((f) => !popupFiles.includes(f));
  if (later.length > 0) {
    const deferred = gzSizes(root, later);
    console.log(
      `  popup JS loaded after the verdict is painted: ${kb(deferred.gz)} gz = ${deferred.files.map((f) => `${f.path} ${kb(f.gz)} gz`).join(' + ')}`,
    );
    record({
      section: '5 bundle',
      name: `popup JS loaded after the verdict is painted (${later.join(' + ')})`,
      value: deferred.gz / 1024,
      unit: 'KB',
      budget: '—',
      pass: null,
      note: `dynamic import() after first paint: complaints card, ETA, track record, copy summary; first paint + this = ${kb(popup.gz + deferred.gz)} gz`,
    });
  }
  const popupFig = record({
    section: '5 bundle',
    name: `popup JS gzipped (${popupFiles.join(' + ')})`,
    value: popup.gz / 1024,
    unit: 'KB',
    budget: '≤ 20 KB gz',
    pass: popupOver <= 0,
    note: `${kb(popup.raw)} minified${popupOver > 0 ? `; over by ${kb(popupOver)} (${((popup.gz / POPUP_BUDGET) * 100).toFixed(0)}% of budget)` : ''}`,
  });
  // Information, not a budget (issue 15): what a worker start costs is measured as CPU in the
  // "wake" section, which prints this size next to it.
  record({
    section: '5 bundle',
    name: `background JS gzipped (${bgFiles.join(' + ')})`,
    value: bg.gz / 1024,
    unit: 'KB',
    budget: '',
    pass: null,
    note: `${kb(bg.raw)} minified; information — its cost is the wake row (CPU of a cold worker start + one cycle)`,
  });

  if (opts.attribution && (!popupFig.pass || opts.attributeBackground)) {
    const smRoot = await sourcemapBuild(resolve('bench-output/wxt-sourcemap'));
    if (smRoot) {
      const same = (files: string[]) => files.every((f) => existsSync(join(smRoot, f)));
      if (!popupFig.pass) {
        console.log(
          `  popup top contributors${same(popupFiles) ? '' : ' (chunk names differ from .output; attribution from the source-map build)'}:`,
        );
        const files = same(popupFiles) ? popupFiles : closure(smRoot, popupEntries(smRoot));
        for (const l of topContributors(smRoot, files, popup.gz)) console.log(`    ${l}`);
      }
      if (opts.attributeBackground) {
        console.log('  background top contributors:');
        const files = same(bgFiles) ? bgFiles : closure(smRoot, backgroundEntries(smRoot));
        for (const l of topContributors(smRoot, files, bg.gz)) console.log(`    ${l}`);
      }
    }
  }
}
