/**
 * The small XML reader under the RSS adapter (core/official/xml.ts): tree shape, decoding, what is
 * skipped, what is refused, and its bounds. The RSS adapter's own tests (rss.test.ts) cover the
 * real feeds on top of it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeXml, parseXml, XML_LIMITS, type XmlElement, type XmlResult } from '../../../core/official/xml';

function root(r: XmlResult): XmlElement {
  if (!r.ok) throw new Error(`expected ok, got: ${r.error} at ${r.at}`);
  return r.root;
}
function error(r: XmlResult): { limit: boolean; error: string } {
  if (r.ok) throw new Error('expected a failure');
  return r;
}
const el = (x: XmlElement | string | undefined): XmlElement => {
  if (x === undefined || typeof x === 'string') throw new Error('expected an element');
  return x;
};

describe('parseXml: the tree', () => {
  it('keeps names and attribute names as written, prefixes included', () => {
    const r = root(
      parseXml(
        '<rss xmlns:atom="http://www.w3.org/2005/Atom" version="2.0"><channel><atom:link rel="self" href="https://x/feed"/><dc:date>d</dc:date></channel></rss>',
      ),
    );
    expect(r.name).toBe('rss');
    expect(r.attrs).toEqual(['xmlns:atom', 'http://www.w3.org/2005/Atom', 'version', '2.0']);
    const channel = el(r.children[0]);
    expect(channel.children).toEqual([
      { name: 'atom:link', attrs: ['rel', 'self', 'href', 'https://x/feed'], children: [] },
      { name: 'dc:date', attrs: [], children: ['d'] },
    ]);
  });

  it('keeps text and CDATA in order, joins them, drops whitespace-only text between tags', () => {
    const r = root(
      parseXml('<a>\n  <b> x &amp; <![CDATA[<p>y &amp; z</p>]]> w </b>\n  <c><![CDATA[]]></c>\n<d><![CDATA[1]]> <![CDATA[2]]>\n</d></a>'),
    );
    expect(r.children).toHaveLength(3);
    expect(el(r.children[0]).children).toEqual([' x & <p>y &amp; z</p> w ']);
    expect(el(r.children[1]).children).toEqual([]);
    expect(el(r.children[2]).children).toEqual(['1 2\n']); // whitespace after text is text
  });

  it('accepts single quotes, spaces around "=", whitespace in tags and in close tags', () => {
    const r = root(parseXml(`<a  x = 'it"s'\n y="1" ><b\n/></a >`));
    expect(r.attrs).toEqual(['x', 'it"s', 'y', '1']);
    expect(el(r.children[0]).name).toBe('b');
  });

  it('decodes attribute values once, and keeps ">" inside them', () => {
    const r = root(parseXml('<a href="https://x/?a=1&amp;b=2&amp;amp;c" t="1 > 0"/>'));
    expect(r.attrs).toEqual(['href', 'https://x/?a=1&b=2&amp;c', 't', '1 > 0']);
  });

  it('skips the XML declaration, processing instructions and comments, wherever they are', () => {
    const r = root(
      parseXml('<?xml version="1.0"?>\n<!-- a -- b --><?xml-stylesheet href="s.xsl"?><a><!-- <b> --><?pi ?>t</a><!-- end --><?pi?>\n'),
    );
    expect(r).toEqual({ name: 'a', attrs: [], children: ['t'] });
  });

  it('reads a real feed (the GitHub history.atom capture)', () => {
    const text = readFileSync(
      fileURLToPath(new URL('../../fixtures/feeds/statuspage-history-atom-github-active-incident.atom', import.meta.url)),
      'utf8',
    );
    const r = root(parseXml(text));
    expect(r.name).toBe('feed');
    const entries = r.children.filter((c): c is XmlElement => typeof c !== 'string' && c.name === 'entry');
    expect(entries).toHaveLength(25);
    const content = el(entries[0]!.children.find((c) => typeof c !== 'string' && c.name === 'content'));
    expect(content.attrs).toEqual(['type', 'html']);
    expect(content.children[0]).toMatch(/^<p><small>Mar <var data-var='date'> 3<\/var>/); // escaped HTML, decoded once
  });
});

describe('parseXml: entities and DOCTYPE', () => {
  it('decodes the five built-ins and numeric references; leaves every other "&" as written', () => {
    const r = root(parseXml('<a>&lt;&gt;&amp;&quot;&apos; &#65;&#x42;&#x1F600; &nbsp; &copy; AT&T & &; &#; &#x; &#X41; &amp</a>'));
    expect(r.children).toEqual(['<>&"\' AB\u{1F600} &nbsp; &copy; AT&T & &; &#; &#x; &#X41; &amp']);
  });

  it('replaces zero, out-of-range and surrogate references with U+FFFD', () => {
    expect(decodeXml('&#0;|&#x110000;|&#xD800;|&#57343;|&#9999999;|&#x10FFFF;')).toBe('\uFFFD|\uFFFD|\uFFFD|\uFFFD|\uFFFD|\u{10FFFF}');
    // Too many digits: not a reference at all.
    expect(decodeXml('&#00000065;&#x0000041;')).toBe('&#00000065;&#x0000041;');
  });

  it('decodes once', () => {
    expect(decodeXml('&amp;lt; &amp;amp;')).toBe('&lt; &amp;');
  });

  it('skips a DOCTYPE and its internal subset without expanding anything ("]" and ">" inside literals too)', () => {
    const doc = `<?xml version="1.0"?><!DOCTYPE r [
      <!ENTITY a "x]>y">
      <!-- ]> in a comment -->
      <?pi ]> ?>
      <!ENTITY lol1 "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
      <!ENTITY xxe SYSTEM 'file:///etc/passwd'>
    ]><r>&a; &lol1; &xxe;</r>`;
    expect(root(parseXml(doc))).toEqual({ name: 'r', attrs: [], children: ['&a; &lol1; &xxe;'] });
    expect(
      root(parseXml('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd"><html/>'))
        .name,
    ).toBe('html');
  });

  it('reads a billion-laughs document in linear time, unexpanded', () => {
    let doctype = '<!DOCTYPE lolz [<!ENTITY lol "lol">';
    for (let k = 1; k <= 9; k++) doctype += `<!ENTITY lol${k} "${`&lol${k === 1 ? '' : k - 1};`.repeat(10)}">`;
    const r = root(parseXml(`${doctype}]><r>${'&lol9;'.repeat(1000)}</r>`));
    expect(r.children[0]).toBe('&lol9;'.repeat(1000));
  });
});

describe('parseXml: refuses what is not well-formed', () => {
  const cases: [string, string][] = [
    ['empty', ''],
    ['only a declaration and a comment', '<?xml version="1.0"?><!-- x -->'],
    ['a lone "<"', '<'],
    ['an unclosed root', '<rss><channel></channel>'],
    ['a truncated tag', '<rss><channel'],
    ['a truncated attribute', '<rss a="1'],
    ['a mismatched close tag', '<rss><a></b></rss>'],
    ['a close tag that is a prefix of the open one', '<rss><ab></a></rss>'],
    ['a close tag longer than the open one', '<rss><a></ab></rss>'],
    ['a stray close tag', '</rss>'],
    ['two roots', '<rss/><rss/>'],
    ['text before the root', 'x<rss/>'],
    ['text after the root', '<rss/>junk'],
    ['CDATA outside the root', '<rss/><![CDATA[x]]>'],
    ['a DOCTYPE after the root', '<rss><!DOCTYPE x></rss>'],
    ['other markup declarations', '<rss><!ELEMENT x ANY></rss>'],
    ['an unterminated comment', '<rss><!-- x </rss>'],
    ['an unterminated CDATA section', '<rss><![CDATA[ x </rss>'],
    ['an unterminated processing instruction', '<?xml version="1.0"<rss/>'],
    ['an unterminated DOCTYPE', '<!DOCTYPE x [<!ENTITY a "b">'],
    ['"<" followed by a space', '<rss>a < b</rss>'],
    ['a tag name starting with a digit', '<1a/>'],
    ['an unquoted attribute value', '<rss a=b></rss>'],
    ['a boolean attribute', '<rss a></rss>'],
    ['attributes without whitespace between them', '<rss a="1"b="2"></rss>'],
    ['a bad character in a tag', '<rss"></rss>'],
    ['"/" not followed by ">"', '<rss/ ></rss>'],
  ];
  for (const [what, body] of cases) {
    it(`refuses ${what}`, () => {
      const e = error(parseXml(body));
      expect(e.limit).toBe(false);
      expect(e.error).not.toBe('');
    });
  }

  it('tolerates what real feeds get wrong and does not matter here', () => {
    // A bare "&", a duplicated attribute (the first is read), "]]>" in text, "<" in an attribute.
    expect(root(parseXml('<a x="1" x="2" y="a<b">AT&T ]]></a>'))).toEqual({
      name: 'a',
      attrs: ['x', '1', 'x', '2', 'y', 'a<b'],
      children: ['AT&T ]]>'],
    });
  });
});

describe('parseXml: bounds', () => {
  it(`accepts ${XML_LIMITS.maxDepth} levels of nesting and refuses one more, without recursion`, () => {
    const nest = (d: number) => '<a>'.repeat(d) + '</a>'.repeat(d);
    expect(parseXml(nest(XML_LIMITS.maxDepth)).ok).toBe(true);
    expect(error(parseXml(nest(XML_LIMITS.maxDepth + 1)))).toMatchObject({ limit: true });
    expect(error(parseXml(nest(100_000)))).toMatchObject({ limit: true });
    expect(error(parseXml('<a>'.repeat(100_000)))).toMatchObject({ limit: true });
    expect(parseXml(nest(10), { maxDepth: 9 }).ok).toBe(false);
  });

  it('bounds the number of nodes (elements, attributes, text)', () => {
    expect(parseXml(`<r>${'<i/>'.repeat(99)}</r>`, { maxNodes: 100 }).ok).toBe(true);
    expect(error(parseXml(`<r>${'<i/>'.repeat(100)}</r>`, { maxNodes: 100 }))).toMatchObject({ limit: true });
    expect(error(parseXml(`<r>${'<i a="1"/>'.repeat(60)}</r>`, { maxNodes: 100 }))).toMatchObject({ limit: true });
    expect(error(parseXml(`<r>${'<i/>x'.repeat(60)}</r>`, { maxNodes: 100 }))).toMatchObject({ limit: true });
  });

  it('bounds the total text', () => {
    expect(parseXml(`<r>${'x'.repeat(100)}</r>`, { maxText: 100 }).ok).toBe(true);
    expect(error(parseXml(`<r>${'x'.repeat(101)}</r>`, { maxText: 100 }))).toMatchObject({ limit: true });
    expect(error(parseXml(`<r><![CDATA[${'x'.repeat(60)}]]><i a="${'y'.repeat(60)}"/></r>`, { maxText: 100 }))).toMatchObject({
      limit: true,
    });
  });

  it('stays linear on hostile bodies (each ~1–4 MB, well under a second)', () => {
    const bodies = [
      `<r>${'&'.repeat(1_000_000)}</r>`,
      `<r>${'&#1'.repeat(1_000_000)}</r>`,
      `<r>${'&amp'.repeat(1_000_000)}</r>`,
      `<r a="${'&'.repeat(1_000_000)}"/>`,
      `<r>${'<!--'.repeat(500_000)}`,
      `<r>${'<![CDATA['.repeat(300_000)}`,
      `<r>${'<?'.repeat(1_000_000)}`,
      `<!DOCTYPE r [${'"'.repeat(1_000_001)}`,
      `<!DOCTYPE r [${'<!--'.repeat(500_000)}`,
      `<r>${'<a x="1" '.repeat(300_000)}`,
      `<r>${'</r'.repeat(1_000_000)}`,
      `<r>${' '.repeat(3_000_000)}x</r>`,
    ];
    for (const body of bodies) {
      const t0 = performance.now();
      parseXml(body);
      expect(performance.now() - t0).toBeLessThan(1500);
    }
  });

  it('never throws', () => {
    for (const body of [
      '<',
      '<!',
      '<![',
      '<!-',
      '<?',
      '</',
      '<a',
      '<a ',
      '<a x',
      '<a x=',
      '<a x="',
      '<a/',
      '<a></',
      '<a></a',
      '\u0000',
      '<\uD800/>',
    ]) {
      expect(() => parseXml(body)).not.toThrow();
    }
  });
});
