/**
 * Turning feed markup into plain text, without a DOM (service workers have no DOMParser).
 *
 * The output is only ever rendered as a text node, so this is about readability, not safety:
 * even if a tag slipped through it would show as literal characters. Tags are removed, block
 * boundaries become line breaks, entities are decoded, whitespace is folded and length is bounded.
 */

/** Longest text we keep for one update; longer is cut with an ellipsis. */
export const MAX_TEXT = 8000;

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
export function decodeEntities(s: string): string {
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
const TAG = /<\/?[a-z][^<>]*>/gi;

/**
 * Matches wherever some pass of htmlToText could change the text: markup passes need a '<',
 * entity decoding a '&', whitespace folding one of `\r \t \v \f \u00a0`, two spaces, a space next
 * to a line break or three line breaks in a row. No match → only trim and clip are left to do.
 */
const NEEDS_WORK = /[<&\r\t\v\f\u00a0]| [ \n]|\n(?: |\n\n)/;

/**
 * Markup (or plain text that may contain a stray `<br />`) → readable plain text.
 * Paragraph breaks are kept as "\n\n" at most; runs of spaces are folded.
 *
 * Runs on every title, name and update body of every feed, so it does no work it can prove is a
 * no-op: plain text (the usual case) is only trimmed and clipped, the markup passes need a '<',
 * entity decoding a '&', and tags and whitespace are each handled in one pass where the text
 * allows. The result is exactly that of running every pass in turn, for every input
 * (test/unit/text-oracle.test.ts checks it against that version, kept verbatim).
 */
export function htmlToText(input: unknown, max: number = MAX_TEXT): string {
  if (typeof input !== 'string' || input.length === 0) return '';
  // Bound the work before regexes run over it: a hostile 20 MB body must not stall the worker.
  let s = input.length > max * 4 ? input.slice(0, max * 4) : input;
  // Most feed text is plain: then every pass but trim and clip is a no-op.
  if (!NEEDS_WORK.test(s)) return clip(s.trim(), max);
  if (s.includes('<')) s = stripMarkup(s);
  if (s.includes('&')) s = decodeEntities(s);
  return clip(foldWhitespace(s).trim(), max);
}

/** Comments and script-like elements dropped, block boundaries → line breaks, other tags removed. */
function stripMarkup(input: string): string {
  let s = input;
  if (s.includes('<!--')) s = stripComments(s);
  s = dropWithContent(s);
  // The passes below each need a '<'.
  if (!s.includes('<')) return s;
  return replaceTags(s) ?? s.replace(LIST_ITEM, '\n• ').replace(LINE_BREAK, '\n').replace(PARAGRAPH, '\n\n').replace(TAG, '');
}

/**
 * `s.replace(COMMENT, '')` in linear time. The regex retries every "<!--" that has no "-->" after
 * it by scanning to the end (quadratic on "<!--<!--<!--…": ~0.1 s per 32 KB field); here the
 * first "<!--" without a "-->" after it ends the work — no later one can have one either.
 */
function stripComments(s: string): string {
  let out = '';
  let from = 0;
  for (let open = s.indexOf('<!--'); open !== -1; open = s.indexOf('<!--', from)) {
    const close = s.indexOf('-->', open + 4);
    if (close === -1) break;
    out += s.slice(from, open);
    from = close + 3;
  }
  return from === 0 ? s : out + s.slice(from);
}

const DROP_OPEN = /<\s*(script|style|template|noscript|iframe|object)\b/gi;
const DROP_CLOSE = /<\s*\/\s*(script|style|template|noscript|iframe|object)\s*>/gi;

/**
 * `s.replace(DROP_WITH_CONTENT, '')` in linear time, same result: each opening (as the regex finds
 * them, left to right) is removed with everything up to the first closing tag of the same name
 * after it; an opening with no such closing is left, and the search goes on after its '<'. The
 * regex rescans to the end for every unclosed opening (quadratic on "<script><script>…"); here the
 * closings of each name are listed once and found with a pointer.
 */
function dropWithContent(s: string): string {
  if (!DROP_CLOSE.test(s)) {
    DROP_CLOSE.lastIndex = 0;
    return s; // no closing tag at all: nothing can match
  }
  DROP_CLOSE.lastIndex = 0;
  const closes = new Map<string, { start: number; end: number }[]>();
  for (const m of s.matchAll(DROP_CLOSE)) {
    const name = m[1]!.toLowerCase();
    let list = closes.get(name);
    if (!list) closes.set(name, (list = []));
    list.push({ start: m.index, end: m.index + m[0].length });
  }
  const next = new Map<string, number>(); // per name: index of the first closing not yet passed
  let out = '';
  let from = 0;
  DROP_OPEN.lastIndex = 0;
  for (let m = DROP_OPEN.exec(s); m; m = DROP_OPEN.exec(s)) {
    const name = m[1]!.toLowerCase();
    const list = closes.get(name);
    const nameEnd = m.index + m[0].length;
    let k = next.get(name) ?? 0;
    while (list && k < list.length && list[k]!.start < nameEnd) k++;
    next.set(name, k);
    const close = list?.[k];
    if (!close) {
      DROP_OPEN.lastIndex = m.index + 1; // the regex would retry from the next character
      continue;
    }
    out += s.slice(from, m.index);
    from = close.end;
    DROP_OPEN.lastIndex = close.end;
  }
  return from === 0 ? s : out + s.slice(from);
}

const LIST_ITEM_AT = new RegExp(LIST_ITEM.source, 'iy');
const LINE_BREAK_AT = new RegExp(LINE_BREAK.source, 'iy');
const PARAGRAPH_AT = new RegExp(PARAGRAPH.source, 'iy');
const TAG_AT = new RegExp(TAG.source, 'iy');

/**
 * The LIST_ITEM, LINE_BREAK, PARAGRAPH and TAG passes in one scan, or null when the text is not
 * simple enough for that (the caller then runs the passes).
 *
 * Each of those patterns starts at a '<' and ends at the first '>' after it, and no replacement
 * holds a '<' or '>'. So when every '<' that has a '>' after it reaches that '>' before any other
 * '<', each match of each pass is a whole `<…>` stretch of the input, the stretches do not overlap
 * and a replacement cannot change what another stretch matches: each stretch simply gets the
 * replacement of the first pass that matches it (tried at its '<', with the same patterns). A '<'
 * with no '>' after it can start no match. Anything else — "<br <li>", "< <br>p>" — returns null.
 */
function replaceTags(s: string): string | null {
  let out = '';
  let from = 0; // start of the input not yet copied to `out`
  let lt = s.indexOf('<');
  while (lt !== -1) {
    const gt = s.indexOf('>', lt + 1);
    if (gt === -1) break;
    const next = s.indexOf('<', lt + 1);
    if (next !== -1 && next < gt) return null;
    let rep: string | null = null;
    if (at(LIST_ITEM_AT, s, lt)) rep = '\n• ';
    else if (at(LINE_BREAK_AT, s, lt)) rep = '\n';
    else if (at(PARAGRAPH_AT, s, lt)) rep = '\n\n';
    else if (at(TAG_AT, s, lt)) rep = '';
    if (rep !== null) {
      out += s.slice(from, lt) + rep;
      from = gt + 1;
    }
    lt = next;
  }
  return from === 0 ? s : out + s.slice(from);
}

function at(re: RegExp, s: string, i: number): boolean {
  re.lastIndex = i;
  return re.test(s);
}

/**
 * A maximal run of the characters `\t \n \v \f \r space \u00a0` that the whitespace passes below
 * would change: one holding `\t \v \f \r \u00a0`, two spaces, a space next to a line break or three
 * line breaks (any run of three or more such characters holds one, so runs left alone are only
 * " ", "\n" and "\n\n"). Linear: the leading `*` gives back at most three characters to find one.
 */
const WHITESPACE_RUN = /[\t-\r \u00a0]*(?:[\t\v\f\r\u00a0]| [ \n]|\n(?: |\n\n))[\t-\r \u00a0]*/g;

/**
 * `\r\n?` → `\n`, then `[\t\f\v \u00a0]+` → ' ', then ` *\n *` → `\n`, then `\n{3,}` → `\n\n`, as one
 * pass. Those passes only ever turn a maximal run of the characters above into something made of
 * the same characters, so each run is folded on its own: with no line break it becomes one space;
 * otherwise its spaces all touch a line break and go, and its line breaks (`\r\n` counting as
 * one) are kept, two at most.
 */
function foldWhitespace(s: string): string {
  return s.replace(WHITESPACE_RUN, foldRun);
}

function foldRun(run: string): string {
  let breaks = 0;
  for (let i = 0; i < run.length && breaks < 2; i++) {
    const c = run.charCodeAt(i);
    if (c === 10) breaks++;
    else if (c === 13) {
      breaks++;
      if (run.charCodeAt(i + 1) === 10) i++;
    }
  }
  return breaks === 0 ? ' ' : breaks === 1 ? '\n' : '\n\n';
}

/** Cut to `max` characters on a code point boundary, adding an ellipsis. */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  let cut = s.slice(0, max - 1);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return cut + '…';
}

/** A link we are willing to put in an href: http(s) only, else null. */
export function safeUrl(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > 2048) return null;
  try {
    const u = new URL(input.trim());
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

/** Parse a date string to ISO UTC, or null when it is not a real date. */
export function toIso(input: unknown): string | null {
  if (typeof input !== 'string' && typeof input !== 'number') return null;
  if (typeof input === 'string' && input.trim() === '') return null;
  const t = new Date(input).getTime();
  if (!Number.isFinite(t)) return null;
  return new Date(t).toISOString();
}
