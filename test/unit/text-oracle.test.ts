/**
 * htmlToText (core/text.ts) against the version it replaced, which ran every regex pass over every
 * input: the same output for every input and length bound. fast-check on strings built from markup,
 * entities, every kind of whitespace and unicode (lone surrogates, astral characters), on fully
 * random strings, and on every text in the feed fixtures.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_TEXT, htmlToText } from '../../core/text';

// ---- The oracle: core/text.ts's htmlToText before the fast paths, verbatim (renamed old*). ----

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
  bull: '•',
  middot: '·',
  copy: '©',
  reg: '®',
  trade: '™',
  euro: '€',
  pound: '£',
  deg: '°',
  times: '×',
};

/** Decode HTML character references (named subset, decimal, hex). Unknown names stay as written. */
function oldDecodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,31});/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\uFFFD';
      return String.fromCodePoint(code);
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

const LINE_BREAK = /<\s*(br|\/h[1-6]|\/tr|hr)\b[^>]*>/gi;
const PARAGRAPH = /<\s*\/?\s*(p|div|blockquote|ul|ol|h[1-6])\b[^>]*>/gi;
const LIST_ITEM = /<\s*li\b[^>]*>/gi;
// Elements whose content is never text a person should read.
const DROP_WITH_CONTENT = /<\s*(script|style|template|noscript|iframe|object)\b[\s\S]*?<\s*\/\s*\1\s*>/gi;
const COMMENT = /<!--[\s\S]*?-->/g;
const TAG = /<\/?[a-z][^<>]*>/gi;

/**
 * Markup (or plain text that may contain a stray `<br />`) → readable plain text.
 * Paragraph breaks are kept as "\n\n" at most; runs of spaces are folded.
 */
function oldHtmlToText(input: unknown, max: number = MAX_TEXT): string {
  if (typeof input !== 'string' || input.length === 0) return '';
  // Bound the work before regexes run over it: a hostile 20 MB body must not stall the worker.
  let s = input.length > max * 4 ? input.slice(0, max * 4) : input;
  s = s.replace(COMMENT, '').replace(DROP_WITH_CONTENT, '');
  s = s.replace(LIST_ITEM, '\n• ').replace(LINE_BREAK, '\n').replace(PARAGRAPH, '\n\n');
  s = s.replace(TAG, '');
  s = oldDecodeEntities(s);
  s = s
    .replace(/\r\n?/g, '\n')
    .replace(/[\t\f\v \u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return oldClip(s, max);
}

/** Cut to `max` characters on a code point boundary, adding an ellipsis. */
function oldClip(s: string, max: number): string {
  if (s.length <= max) return s;
  let cut = s.slice(0, max - 1);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return cut + '…';
}

// ---- Inputs ----

const TAGS = [
  '<p>',
  '</p>',
  '<P class="x">',
  '< p >',
  '</ p>',
  '<p',
  '<br/>',
  '<br />',
  '<BR>',
  '<br',
  '<brx>',
  '<li>',
  '</li>',
  '<LI value=2>',
  '<li',
  '<ul>',
  '</ul>',
  '<ol>',
  '</h2>',
  '<h3>',
  '</h7>',
  '<hr>',
  '</tr>',
  '<tr>',
  '<div>',
  '</div>',
  '<blockquote>',
  '<a href="https://x/?a=1&amp;b=2">',
  '</a>',
  '<b>',
  '<img src=x onerror="y">',
  '<x-y>',
  '<1>',
  '<-',
  '</',
  '<',
  '>',
  '<>',
  '</>',
  '< /p>',
  '<\n/p>',
  '<\u00a0li>',
  '<\u2003br>',
  '<\u212Ai>',
  '<\u017Fcript>',
  '<script>',
  '</script>',
  '<script>x()</script>',
  '< / script >',
  '</SCRIPT >',
  '<scr',
  'ipt>',
  '<style>p{}</style>',
  '<STYLE>',
  '</style>',
  '<template>',
  '</template>',
  '<noscript>',
  '</noscript>',
  '<iframe>',
  '</iframe>',
  '<object>',
  '</ object >',
  '<scripts>',
  '<!--',
  '-->',
  '<!-- c -->',
  '<!-->',
  '<!---->',
  '<!-- <p> -->',
  '<br <li>',
  '< <br>p>',
  '<b <br>>',
  '<<p>>',
  '<<!-- -->p>',
  '<sc<script></script>ript>',
  '<li <p>',
  '<a title="<b>">',
];
const ENTITIES = [
  '&amp;',
  '&AMP;',
  '&lt;',
  '&gt;',
  '&quot;',
  '&apos;',
  '&#60;',
  '&#x3c;',
  '&#X3C;',
  '&nbsp;',
  '&NBSP;',
  '&eacute;',
  '&hellip;',
  '&#0;',
  '&#xD800;',
  '&#xdfff;',
  '&#x110000;',
  '&#x10FFFF;',
  '&#13;',
  '&#10;',
  '&#9;',
  '&#11;',
  '&#12;',
  '&#160;',
  '&#x20;',
  '&#32;',
  '&#;',
  '&#x;',
  '&amp',
  '&',
  ';',
  '&#9999999;',
  '&#99999999;',
  '&#x1F600;',
  '&lt;p&gt;',
  '&amp;lt;',
  '&a;',
  '&a1b2;',
  '&#0000065;',
];
const SPACES = [
  ' ',
  ' ',
  '  ',
  '   ',
  '\n',
  '\n',
  '\n\n',
  '\n\n\n',
  '\n\n\n\n\n',
  '\r\n',
  '\r',
  '\r\r\n',
  '\n\r',
  '\t',
  '\u00a0',
  '\v',
  '\f',
  ' \n ',
  ' \n\n ',
  '   \n\n\n   ',
  '\t\n\t',
  '\u2003',
  '\u3000',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\u1680',
  '\u202f',
  '\u205f',
  '\u0085',
  '\u200b',
];
const WORDS = [
  'a',
  'b',
  'p',
  'li',
  'br',
  'script',
  'word',
  'Investigating',
  'é',
  '中文',
  '•',
  '…',
  '\ud83d\ude00',
  '\ud83d',
  '\ude00',
  'x\ud800',
  '\u0000',
  '1',
];

const token = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...TAGS) },
  { weight: 2, arbitrary: fc.constantFrom(...ENTITIES) },
  { weight: 3, arbitrary: fc.constantFrom(...SPACES) },
  { weight: 3, arbitrary: fc.constantFrom(...WORDS) },
);
const vocabulary = fc.array(token, { maxLength: 40 }).map((a) => a.join(''));
// Single characters where the passes meet, so the tokens above also get split and recombined.
const chars = fc
  .array(fc.constantFrom(...'<>/!-&#;xX3c60 \n\r\t\v\f\u00a0\u2003\ufeffablipr'.split(''), '\ud83d\ude00', '\ud83d'), { maxLength: 60 })
  .map((a) => a.join(''));
const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const random = fc.oneof(
  fc.string({ unit: anyUnit, maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ maxLength: 60 }),
);
const maxes = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 40 }) },
  { weight: 2, arbitrary: fc.constant(MAX_TEXT) },
  { weight: 1, arbitrary: fc.integer({ min: -3, max: 200 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 0.5, 2.5, Number.NaN, Number.POSITIVE_INFINITY) },
);

function same(s: string, max: number): void {
  const want = oldHtmlToText(s, max);
  const got = htmlToText(s, max);
  if (got !== want) expect({ s, max, got }).toEqual({ s, max, got: want });
}

// Every string in the feed fixtures: JSON leaves and keys, XML/RSS/Atom text and attribute values
// (raw and XML-decoded), and each whole file.
function fixtureTexts(): string[] {
  const dir = join(__dirname, '../fixtures/feeds');
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        out.push(k);
        walk(x);
      }
  };
  const decodeXml = (s: string): string =>
    s.replace(/&(lt|gt|amp|quot|apos|#[0-9]+|#x[0-9a-f]+);/gi, (w, r: string) => {
      const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
      if (r[0] !== '#') return named[r] ?? w;
      const code = r[1] === 'x' || r[1] === 'X' ? parseInt(r.slice(2), 16) : parseInt(r.slice(1), 10);
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : w;
    });
  for (const f of readdirSync(dir)) {
    if (f.endsWith('.md')) continue;
    const buf = readFileSync(join(dir, f));
    let text = f.endsWith('.bin') ? new TextDecoder('utf-16be').decode(buf) : buf.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    out.push(text);
    if (/\.(xml|rss|atom)$/.test(f)) {
      for (const m of text.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>|>([^<]+)<|\s[\w:-]+="([^"]*)"/g)) {
        if (m[1] !== undefined) out.push(m[1]);
        else {
          const raw = m[2] ?? m[3] ?? '';
          out.push(raw, decodeXml(raw));
        }
      }
      continue;
    }
    const open = text.indexOf('(');
    for (const candidate of [text, f.endsWith('.jsonp') ? text.slice(open + 1, text.lastIndexOf(')')) : null]) {
      if (candidate === null) continue;
      try {
        walk(JSON.parse(candidate));
        break;
      } catch {
        // not JSON as a whole (or a JSONP wrapper): the next candidate
      }
    }
  }
  return out;
}

describe('htmlToText matches the all-passes version', () => {
  // Each generator with its own run count and seed (fixed, so a failure is reproducible).
  for (const [name, strings, numRuns, seed] of [
    ['on markup, entities, whitespace and unicode (20,000 runs)', vocabulary, 20_000, 20_260_921],
    ['on strings of single significant characters (10,000 runs)', chars, 10_000, 7],
    ['on random strings, lone surrogates included (5,000 runs)', random, 5_000, 11],
  ] as const) {
    it(name, () => {
      fc.assert(
        fc.property(strings, maxes, (s, m) => same(s, m)),
        { numRuns, seed },
      );
    });
  }

  it('on long inputs cut by the length bound', () => {
    fc.assert(
      fc.property(
        fc.array(token, { minLength: 50, maxLength: 400 }).map((a) => a.join('')),
        fc.integer({ min: 1, max: 120 }),
        (s, m) => same(s, m),
      ),
      { numRuns: 500, seed: 3 },
    );
  });

  it('on every text in the feed fixtures, at MAX_TEXT and smaller bounds', () => {
    const texts = fixtureTexts();
    expect(texts.length).toBeGreaterThan(5000);
    expect(texts.filter((t) => t.includes('<')).length).toBeGreaterThan(50);
    for (const t of texts) for (const m of [MAX_TEXT, 500, 200, 80, 10, 1]) same(t, m);
  });

  it('on inputs that are not strings, and hand-picked edges', () => {
    for (const v of [undefined, null, 0, 42, {}, [], true]) expect(htmlToText(v)).toBe(oldHtmlToText(v));
    const edges = [
      '',
      ' ',
      '\n',
      'plain',
      ' plain ',
      'a  b',
      'a \nb',
      'a\n b',
      'a\n\n\nb',
      'a\r\nb',
      '\u00a0a\u00a0',
      '\ufeffa\u2028',
      '< <br>p>',
      '<br <li>',
      '<b>x</b> < y',
      'x < y > z',
      'a<',
      'a<b',
      '<<p>',
      '<p>>',
      '<!-- <script> -->x</script>',
      '<script>a</script><script>b',
      '&#13;&#10;x&#9;',
      '&nbsp;&nbsp;a',
      '<p> &nbsp; </p>',
      'a&#x3c;p&#x3e;b',
      '\ud83d\ude00'.repeat(5),
      'x'.repeat(40) + '\ud83d\ude00',
      // Unclosed comments and script-like elements (the regexes these replace were quadratic on them).
      '<!--'.repeat(500) + 'x',
      '<!--a<!--b-->c<!--d',
      '<script>a<script>b</script>c',
      '<style>x<script>y</script>z',
      '<SCRIPT >a</ script >b',
      '<script>'.repeat(300) + 'x',
      '<style>'.repeat(200) + '</script>',
      '<script>a</style><style>b</script>c</style>d',
      '< iframe>x<object>y</iframe>z</object>w',
      '<scripts>a</scripts>b',
      '<script\n>a<\n/\nscript\n>b',
      '<noscript><script>a</script></noscript>c',
      '<template><!-- x --></template>y<!-- z',
    ];
    for (const s of edges) for (const m of [MAX_TEXT, 20, 5, 1, 0]) same(s, m);
  });
});
