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
// Elements whose content is never text a person should read.
const DROP_WITH_CONTENT = /<\s*(script|style|template|noscript|iframe|object)\b[\s\S]*?<\s*\/\s*\1\s*>/gi;
const COMMENT = /<!--[\s\S]*?-->/g;
const TAG = /<\/?[a-z][^<>]*>/gi;

/**
 * Markup (or plain text that may contain a stray `<br />`) → readable plain text.
 * Paragraph breaks are kept as "\n\n" at most; runs of spaces are folded.
 */
export function htmlToText(input: unknown, max: number = MAX_TEXT): string {
  if (typeof input !== 'string' || input.length === 0) return '';
  // Bound the work before regexes run over it: a hostile 20 MB body must not stall the worker.
  let s = input.length > max * 4 ? input.slice(0, max * 4) : input;
  s = s.replace(COMMENT, '').replace(DROP_WITH_CONTENT, '');
  s = s.replace(LIST_ITEM, '\n• ').replace(LINE_BREAK, '\n').replace(PARAGRAPH, '\n\n');
  s = s.replace(TAG, '');
  s = decodeEntities(s);
  s = s
    .replace(/\r\n?/g, '\n')
    .replace(/[\t\f\v \u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return clip(s, max);
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
