/**
 * RSS 2.0 / Atom document → raw items (`RawFeed`), through our own bounded XML reader (../xml.ts).
 */
import { fail, ok, type Result } from '../../model';
import { decodeXml, parseXml, type XmlElement } from '../xml';
import { MAX_FEED_CHARS, MAX_ITEMS, MAX_NESTING, NOT_A_FEED, type RawFeed, type RawItem } from './common';
import { feedDateMs } from './dates';

// ---------------------------------------------------------------------------------------------
// XML.

/** Decode the XML built-in entities and numeric references, once. Anything else stays as written. */
export const decodeXmlEntities: (s: string) => string = decodeXml;

/** Children of `el` by local name (prefix dropped: content:encoded → encoded, dc:date → date, atom:link → link). */
type Fields = Map<string, XmlElement[]>;

const localName = (name: string): string => {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
};

function fieldsOf(el: XmlElement | undefined): Fields {
  const out: Fields = new Map();
  if (el === undefined) return out;
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    const key = localName(c.name);
    const list = out.get(key);
    if (list === undefined) out.set(key, [c]);
    else list.push(c);
  }
  return out;
}

/** An element's own text and CDATA (child elements' text left out), trimmed; null when it has none. */
function ownText(el: XmlElement): string | null {
  let own: string | null = null;
  for (const c of el.children) if (typeof c === 'string') own = own === null ? c : own + c;
  return own === null ? null : own.trim();
}

/**
 * Text of an element: its own text and CDATA (decoded by the reader; CDATA verbatim), trimmed;
 * failing that, the text of its child elements (Atom type="xhtml" content, other nested markup),
 * one per line. Null when there is none.
 */
function elementText(el: XmlElement, depth = 0): string | null {
  const own = ownText(el);
  if (own !== null) return own;
  if (depth >= 8) return null;
  const parts: string[] = [];
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    const t = elementText(c, depth + 1);
    if (t !== null && t !== '') parts.push(t);
  }
  return parts.length > 0 ? parts.join('\n') : null;
}

/** The first non-empty text among the fields of that name. */
function textOf(fields: Fields, name: string): string | null {
  const list = fields.get(name);
  if (list === undefined) return null;
  for (const el of list) {
    const t = elementText(el);
    if (t !== null && t !== '') return t;
  }
  return null;
}

/** An attribute's (decoded) value, by local name. */
function attrOf(el: XmlElement, name: string): string | null {
  const a = el.attrs;
  for (let k = 0; k < a.length; k += 2) if (a[k] === name) return a[k + 1]!;
  for (let k = 0; k < a.length; k += 2) if (localName(a[k]!) === name) return a[k + 1]!;
  return null;
}

/** The human link of an item/channel: RSS `<link>text</link>`, or Atom rel=alternate (or no rel) href. */
function linkOf(fields: Fields): string | null {
  const links = fields.get('link') ?? [];
  for (const l of links) {
    const t = ownText(l);
    if (t !== null && t !== '') return t;
  }
  let fallback: string | null = null;
  for (const l of links) {
    const href = attrOf(l, 'href');
    if (href === null) continue;
    const rel = attrOf(l, 'rel');
    if (rel === null || rel === 'alternate') return href;
    if (fallback === null && rel !== 'self') fallback = href;
  }
  return fallback;
}

// ---------------------------------------------------------------------------------------------
// Reading the document.

function looksLikeHtml(text: string): boolean {
  const head = text
    .slice(0, 2048)
    .replace(/^\s*<\?xml[^>]*\?>/i, '')
    .replace(/^(?:\s*<!--[\s\S]*?-->)*/, '')
    .trimStart()
    .slice(0, 16)
    .toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html');
}

const RAW_TAG = /<\/?[a-z][a-z0-9]*[\s/>]/i;
const ESCAPED_TAG = /&lt;\/?[a-z][a-z0-9]*(?:\s|\/|&gt;)/i;

/**
 * Markup escaped twice: AWS puts entity-escaped HTML inside CDATA (`<![CDATA[…&lt;br&gt;…]]>`), so
 * after XML decoding the text still reads "&lt;br&gt;". When text has escaped tags and no real
 * ones, decode once more so htmlToText sees the tags (and removes them) instead of showing them.
 */
export function unescapeMarkup(text: string): string {
  return ESCAPED_TAG.test(text) && !RAW_TAG.test(text) ? decodeXmlEntities(text) : text;
}

function readItem(raw: XmlElement, atom: boolean): RawItem | null {
  const f = fieldsOf(raw);
  const title = unescapeMarkup(textOf(f, 'title') ?? '');
  const body = atom ? (textOf(f, 'content') ?? textOf(f, 'summary')) : (textOf(f, 'encoded') ?? textOf(f, 'description'));
  const content = body === null ? null : unescapeMarkup(body);
  const guid = textOf(f, atom ? 'id' : 'guid');
  const link = linkOf(f);
  if (title.trim() === '' && (content ?? '').trim() === '' && guid === null && link === null) return null;
  const categories: string[] = [];
  for (const c of (f.get('category') ?? []).slice(0, 50)) {
    const t = elementText(c) || attrOf(c, 'term');
    if (t) categories.push(t);
    const label = attrOf(c, 'label');
    if (label) categories.push(label);
  }
  return {
    guid,
    link,
    title,
    html: content ?? '',
    categories,
    pubDate: feedDateMs(textOf(f, 'pubDate')) ?? feedDateMs(textOf(f, 'date')),
    published: feedDateMs(textOf(f, 'published')) ?? feedDateMs(textOf(f, 'issued')),
    updated: feedDateMs(textOf(f, 'updated')) ?? feedDateMs(textOf(f, 'modified')),
    maintenanceEnd: feedDateMs(textOf(f, 'maintenanceEndDate')),
  };
}

const NOT_XML = 'the status feed is not well-formed XML — it may be cut off or broken';

/** Body → the feed's items. Never throws. */
export function readFeed(body: unknown): Result<RawFeed> {
  try {
    if (typeof body !== 'string') return fail('parse', 'the status feed could not be read');
    if (body.length > MAX_FEED_CHARS) return fail('too_large', 'the status feed is too large to read');
    const text = body.replace(/^\uFEFF/, '').trimStart();
    if (text === '') return fail('parse', 'the status feed was empty');
    if (looksLikeHtml(text)) {
      return fail('parse', 'the status feed answered with a web page (HTML) instead of RSS or Atom — the page may have moved');
    }
    if (text[0] !== '<') return fail('parse', NOT_A_FEED);

    // Our own reader (./xml): no DOCTYPE is read, no entity beyond the XML built-ins is expanded,
    // bare ampersands stay literal; depth, node count and text are bounded.
    const doc = parseXml(text, { maxDepth: MAX_NESTING });
    if (!doc.ok) {
      return fail('parse', doc.limit ? 'the status feed could not be read as XML (nested too deeply or too large)' : NOT_XML);
    }
    const root = doc.root;
    const kind = localName(root.name);
    if (kind === 'html') {
      return fail('parse', 'the status feed answered with a web page (HTML) instead of RSS or Atom — the page may have moved');
    }

    // A channel/feed that holds only text is not a feed.
    const textOnly = (el: XmlElement | undefined): boolean =>
      el !== undefined && el.children.length > 0 && el.children.every((c) => typeof c === 'string');
    let format: RawFeed['format'];
    let channel: Fields;
    let rows: XmlElement[];
    if (kind === 'rss') {
      const chan = fieldsOf(root).get('channel')?.[0];
      if (chan === undefined) return fail('schema', `${NOT_A_FEED} (no channel)`);
      if (textOnly(chan)) return fail('schema', NOT_A_FEED);
      format = 'rss';
      channel = fieldsOf(chan);
      rows = channel.get('item') ?? [];
    } else if (kind === 'feed') {
      if (textOnly(root)) return fail('schema', NOT_A_FEED);
      format = 'atom';
      channel = fieldsOf(root);
      rows = channel.get('entry') ?? [];
    } else if (kind === 'RDF') {
      if (textOnly(root)) return fail('schema', NOT_A_FEED);
      format = 'rdf';
      const top = fieldsOf(root);
      channel = fieldsOf(top.get('channel')?.[0]);
      rows = top.get('item') ?? [];
    } else {
      return fail('schema', NOT_A_FEED);
    }

    const items: RawItem[] = [];
    let bad = 0;
    const considered = rows.length > MAX_ITEMS ? rows.slice(0, MAX_ITEMS) : rows;
    for (const row of considered) {
      const item = readItem(row, format === 'atom');
      if (item === null) bad++;
      else items.push(item);
    }
    return ok({
      format,
      title: textOf(channel, 'title') ?? '',
      link: linkOf(channel),
      generator: textOf(channel, 'generator') ?? '',
      items,
      allBad: considered.length > 0 && bad === considered.length,
    });
  } catch {
    return fail('parse', 'the status feed could not be read as XML');
  }
}
