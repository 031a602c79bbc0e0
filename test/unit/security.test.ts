/**
 * Security rules enforced on the source tree itself (a lint in test form):
 * - feed and complaint text is only ever rendered as text: no innerHTML / outerHTML /
 *   insertAdjacentHTML / document.write / dangerouslySetInnerHTML anywhere in our code;
 * - no eval / new Function / remote script loading;
 * - credentials never go to sync storage;
 * - the built manifest has a strict CSP and no web-accessible resources.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx)$/.test(p) ? [p] : [];
  });
}

const SOURCE = ['core', 'components', 'entrypoints'].flatMap(files);
const read = (f: string) => readFileSync(f, 'utf8');

describe('source rules', () => {
  it('has source files to check', () => {
    expect(SOURCE.length).toBeGreaterThan(30);
  });

  it.each([
    ['innerHTML', /\.innerHTML\s*=|innerHTML\s*:/],
    ['outerHTML', /\.outerHTML\s*=/],
    ['insertAdjacentHTML', /insertAdjacentHTML/],
    ['document.write', /document\.write/],
    ['dangerouslySetInnerHTML', /dangerouslySetInnerHTML/],
    ['DOMParser (not available in workers, and an HTML sink)', /new\s+DOMParser/],
    ['eval', /\beval\s*\(/],
    ['new Function', /new\s+Function\s*\(/],
    ['sync storage', /storage\.sync/],
  ])('no %s in core/, components/, entrypoints/', (_name, re) => {
    const hits = SOURCE.filter((f) => re.test(read(f).replace(/^\s*(\/\/|\*).*$/gm, '')));
    expect(hits).toEqual([]);
  });

  it('raw <a href> in components only takes safeUrl output, fixed https search links or in-page anchors', () => {
    // <Link href={…}> is fine: the Link component passes every href through safeUrl.
    const offenders = files('components').filter((f) => /<a\b[^>]*\bhref=\{(?!safe\b|l\.href\b|`#)/.test(read(f)));
    expect(offenders).toEqual([]);
  });
});
