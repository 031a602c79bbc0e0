/**
 * A small, non-validating XML reader for status feeds: one pass over the string into a tree of
 * elements and text. Never throws; returns an error result instead.
 *
 * - Elements keep their names and attribute names as written, prefix included (`atom:link`,
 *   `dc:date`); namespaces are not resolved.
 * - Text is decoded (the five XML built-in entities and numeric character references; a code point
 *   out of range, zero or a lone surrogate becomes U+FFFD); any other `&…` — a bare ampersand, an
 *   HTML or DTD-defined entity — stays as written. CDATA is kept verbatim. Adjacent text and CDATA
 *   are joined into one string; whitespace between tags is dropped unless it follows text.
 * - The XML declaration, processing instructions and comments are skipped. A DOCTYPE (before the
 *   root only) is skipped, internal subset included, and never read: no entity it defines is ever
 *   expanded, nothing external is ever fetched.
 * - Refused as not well-formed: no root, text or a second element outside the root, an unclosed
 *   or mismatched element, an unterminated tag/comment/CDATA/PI/DOCTYPE, a bad tag or attribute
 *   name, an unquoted attribute value. Not checked: characters allowed, `<` in attribute values,
 *   duplicate attributes, `]]>` in text.
 * - Bounded: nesting depth, number of elements + attributes + text nodes, total text characters.
 *   Every scan moves forward with indexOf or a bounded loop, so time is linear in the input.
 */

export interface XmlElement {
  /** As written, prefix included. */
  name: string;
  /** Attribute names (as written) and decoded values, alternating: [name, value, name, value…]. */
  attrs: string[];
  /** Child elements and text, in document order. */
  children: (XmlElement | string)[];
}

export type XmlResult = { ok: true; root: XmlElement } | { ok: false; limit: boolean; error: string; at: number };

export interface XmlLimits {
  /** Deepest element nesting accepted (the root is depth 1). */
  maxDepth: number;
  /** Most elements + attributes + text nodes. */
  maxNodes: number;
  /** Most characters of text (after decoding) and attribute values, in all. */
  maxText: number;
}

export const XML_LIMITS: XmlLimits = { maxDepth: 64, maxNodes: 100_000, maxText: 8 * 1024 * 1024 };

const NAMED = ['lt;', 'gt;', 'amp;', 'quot;', 'apos;'];
const CHARS = '<>&"\'';

/** Decode the XML built-in entities and numeric references, once. Anything else stays as written. */
export function decodeXml(s: string): string {
  let amp = s.indexOf('&');
  if (amp === -1) return s;
  const out: string[] = [];
  let from = 0;
  const n = s.length;
  while (amp !== -1) {
    let rep: string | null = null;
    let end = -1; // index of the ';'
    if (s.charCodeAt(amp + 1) === 35 /* # */) {
      const hex = s.charCodeAt(amp + 2) === 120; /* x */
      const start = amp + (hex ? 3 : 2);
      let k = start;
      let code = 0;
      const maxLen = hex ? 6 : 7;
      while (k < n && k - start < maxLen) {
        const c = s.charCodeAt(k);
        const d = c >= 48 && c <= 57 ? c - 48 : hex && c >= 97 && c <= 102 ? c - 87 : hex && c >= 65 && c <= 70 ? c - 55 : -1;
        if (d < 0) break;
        code = code * (hex ? 16 : 10) + d;
        k++;
      }
      if (k > start && s.charCodeAt(k) === 59 /* ; */) {
        end = k;
        rep = code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? '\uFFFD' : String.fromCodePoint(code);
      }
    } else {
      for (let e = 0; e < 5; e++) {
        if (s.startsWith(NAMED[e]!, amp + 1)) {
          rep = CHARS[e]!;
          end = amp + NAMED[e]!.length;
          break;
        }
      }
    }
    if (rep !== null) {
      out.push(s.slice(from, amp), rep);
      from = end + 1;
    }
    amp = s.indexOf('&', rep !== null ? from : amp + 1);
  }
  out.push(s.slice(from));
  return out.join('');
}

// Character classes: ASCII spelled out; every code unit from U+0080 up is accepted in names.
const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 9 || c === 13;
const isNameStart = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || c >= 128;
const isNameChar = (c: number): boolean => isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46;

function isBlank(s: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (!isSpace(s.charCodeAt(k))) return false;
  return true;
}

/** The index just past a DOCTYPE that starts at `from` (after "<!DOCTYPE"), or -1. Its content is never read. */
function skipDoctype(s: string, from: number): number {
  let k = from;
  let subset = false;
  const n = s.length;
  while (k < n) {
    const c = s.charCodeAt(k);
    if (c === 34 || c === 39) {
      // A quoted literal (system id, entity value): skip whole, it may hold '>' or ']'.
      const q = s.indexOf(c === 34 ? '"' : "'", k + 1);
      if (q === -1) return -1;
      k = q + 1;
    } else if (subset && c === 60 /* < */ && s.startsWith('<!--', k)) {
      const e = s.indexOf('-->', k + 4);
      if (e === -1) return -1;
      k = e + 3;
    } else if (subset && c === 60 && s.charCodeAt(k + 1) === 63 /* ? */) {
      const e = s.indexOf('?>', k + 2);
      if (e === -1) return -1;
      k = e + 2;
    } else if (c === 91 /* [ */ && !subset) {
      subset = true;
      k++;
    } else if (c === 93 /* ] */ && subset) {
      subset = false;
      k++;
    } else if (c === 62 /* > */ && !subset) {
      return k + 1;
    } else k++;
  }
  return -1;
}

/** Parse `src` into its root element. Never throws. */
export function parseXml(src: string, limits: Partial<XmlLimits> = {}): XmlResult {
  const maxDepth = limits.maxDepth ?? XML_LIMITS.maxDepth;
  const maxNodes = limits.maxNodes ?? XML_LIMITS.maxNodes;
  const maxText = limits.maxText ?? XML_LIMITS.maxText;
  const n = src.length;
  const stack: XmlElement[] = [];
  let cur: XmlElement | null = null;
  let root: XmlElement | null = null;
  let nodes = 0;
  let chars = 0;
  let i = 0;
  let at = 0;

  const bad = (error: string, limit = false): XmlResult => ({ ok: false, limit, error, at });
  /** Append text to the current element, joined to a text node just before it. False when over a limit. */
  const addText = (t: string): boolean => {
    const kids = cur!.children;
    const last = kids.length - 1;
    chars += t.length;
    const prev = kids[last];
    if (typeof prev === 'string') kids[last] = prev + t;
    else {
      kids.push(t);
      nodes++;
    }
    return chars <= maxText && nodes <= maxNodes;
  };

  while (i < n) {
    const lt = src.indexOf('<', i);
    const stop = lt === -1 ? n : lt;
    if (stop > i) {
      at = i;
      if (!isBlank(src, i, stop)) {
        if (cur === null) return bad('text outside the root element');
        if (!addText(decodeXml(src.slice(i, stop)))) return bad('too much text', true);
      } else if (cur !== null && typeof cur.children[cur.children.length - 1] === 'string') {
        // Whitespace between tags is dropped, except right after text ("a <![CDATA[b]]>").
        if (!addText(src.slice(i, stop))) return bad('too much text', true);
      }
    }
    if (lt === -1) break;
    at = lt;
    const c = src.charCodeAt(lt + 1);

    if (c === 47 /* / */) {
      // </name  >
      if (cur === null) return bad('close tag outside the root element');
      const name = cur.name;
      let k = lt + 2 + name.length;
      if (!src.startsWith(name, lt + 2) || isNameChar(src.charCodeAt(k))) return bad(`mismatched close tag (open: <${name}>)`);
      while (isSpace(src.charCodeAt(k))) k++;
      if (src.charCodeAt(k) !== 62) return bad('unterminated close tag');
      stack.pop();
      cur = stack.length > 0 ? stack[stack.length - 1]! : null;
      i = k + 1;
    } else if (c === 63 /* ? */) {
      // XML declaration or processing instruction.
      const e = src.indexOf('?>', lt + 2);
      if (e === -1) return bad('unterminated processing instruction');
      i = e + 2;
    } else if (c === 33 /* ! */) {
      if (src.startsWith('--', lt + 2)) {
        const e = src.indexOf('-->', lt + 4);
        if (e === -1) return bad('unterminated comment');
        i = e + 3;
      } else if (src.startsWith('[CDATA[', lt + 2)) {
        if (cur === null) return bad('CDATA outside the root element');
        const e = src.indexOf(']]>', lt + 9);
        if (e === -1) return bad('unterminated CDATA section');
        if (e > lt + 9 && !addText(src.slice(lt + 9, e))) return bad('too much text', true);
        i = e + 3;
      } else if (src.startsWith('DOCTYPE', lt + 2) && root === null) {
        const e = skipDoctype(src, lt + 9);
        if (e === -1) return bad('unterminated DOCTYPE');
        i = e;
      } else return bad('unexpected markup declaration');
    } else {
      // <name attr="v" …> or <name …/>
      if (!isNameStart(c)) return bad('bad tag name');
      if (cur === null && root !== null) return bad('a second root element');
      let k = lt + 2;
      while (isNameChar(src.charCodeAt(k))) k++;
      const el: XmlElement = { name: src.slice(lt + 1, k), attrs: [], children: [] };
      let closed = false;
      for (;;) {
        const k0 = k;
        while (isSpace(src.charCodeAt(k))) k++;
        const d = src.charCodeAt(k);
        if (d === 62 /* > */) {
          k++;
          break;
        }
        if (d === 47 /* / */) {
          if (src.charCodeAt(k + 1) !== 62) return bad('bad empty-element tag');
          k += 2;
          closed = true;
          break;
        }
        if (k === k0 || !isNameStart(d)) return bad(k >= n ? 'unterminated tag' : 'bad attribute');
        const a0 = k;
        while (isNameChar(src.charCodeAt(k))) k++;
        const a1 = k;
        while (isSpace(src.charCodeAt(k))) k++;
        if (src.charCodeAt(k) !== 61 /* = */) return bad('attribute without a value');
        k++;
        while (isSpace(src.charCodeAt(k))) k++;
        const q = src.charCodeAt(k);
        if (q !== 34 && q !== 39) return bad('unquoted attribute value');
        const e = src.indexOf(q === 34 ? '"' : "'", k + 1);
        if (e === -1) return bad('unterminated attribute value');
        const v = decodeXml(src.slice(k + 1, e));
        el.attrs.push(src.slice(a0, a1), v);
        chars += v.length;
        k = e + 1;
        if (++nodes > maxNodes || chars > maxText) return bad(chars > maxText ? 'too much text' : 'too many nodes', true);
      }
      if (++nodes > maxNodes) return bad('too many nodes', true);
      if (cur === null) root = el;
      else cur.children.push(el);
      if (!closed) {
        if (stack.length >= maxDepth) return bad('nested too deeply', true);
        stack.push(el);
        cur = el;
      }
      i = k;
    }
  }
  at = n;
  if (cur !== null) return bad(`unclosed element <${cur.name}>`);
  if (root === null) return bad('no root element');
  return { ok: true, root };
}
