import { describe, expect, it } from 'vitest';
import { clip, decodeEntities, htmlToText, safeUrl, toIso } from '../../core/text';

describe('htmlToText', () => {
  it('keeps hostile markup out: tags removed, script bodies dropped, text kept', () => {
    const out = htmlToText('<img src=x onerror="window.x=1">Investigating <script>window.y=2</script>');
    expect(out).toBe('Investigating');
  });
  it('turns Statuspage <br /> and paragraphs into line breaks', () => {
    expect(htmlToText('First line.<br />Second line.<p>Para</p><p>Next</p>')).toBe('First line.\nSecond line.\n\nPara\n\nNext');
  });
  it('decodes entities once (no double decoding into markup)', () => {
    expect(htmlToText('a &amp;lt;b&amp;gt; &#x3C;c&#62; &eacute;')).toBe('a &lt;b&gt; <c> &eacute;');
  });
  it('turns list items into bullets', () => {
    expect(htmlToText('<ul><li>one</li><li>two</li></ul>')).toBe('• one\n• two');
  });
  it('bounds length and never splits a surrogate pair', () => {
    const s = 'a'.repeat(9) + '😀';
    expect(clip(s, 10)).toBe('a'.repeat(9) + '…');
    expect(htmlToText('x'.repeat(100_000)).length).toBe(8000);
  });
  it('returns empty text for non-strings', () => {
    expect(htmlToText(null)).toBe('');
    expect(htmlToText(42)).toBe('');
  });
  it('leaves plain text alone apart from trimming, and folds whitespace runs', () => {
    expect(htmlToText('  All systems operational\n\nSince 10:00  ')).toBe('All systems operational\n\nSince 10:00');
    expect(htmlToText('a \t\u00a0b\r\nc\r\rd \n \n \n e')).toBe('a b\nc\n\nd\n\ne');
    expect(htmlToText('a&nbsp; &#13;&#10;b')).toBe('a\nb');
  });
  it('handles stray angle brackets the way the tag passes do, one after another', () => {
    expect(htmlToText('latency < 5 ms <b>now</b>')).toBe('latency < 5 ms now');
    expect(htmlToText('x < y > z')).toBe('x < y > z');
    // List items go first; the "<br" left then has no '>' to end it.
    expect(htmlToText('a<br <li>b')).toBe('a<br\n• b');
    // Once "<br>" is a line break, "< \np>" reads as a paragraph tag.
    expect(htmlToText('a< <br>p>b')).toBe('a\n\nb');
  });
  it('decodes numeric references and rejects invalid code points', () => {
    expect(decodeEntities('&#65;&#x42;&#0;&#xD800;')).toBe('AB\uFFFD\uFFFD');
  });
});

describe('safeUrl', () => {
  it('allows http(s) only', () => {
    expect(safeUrl('https://stspg.io/abc')).toBe('https://stspg.io/abc');
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl('data:text/html,hi')).toBeNull();
    expect(safeUrl('not a url')).toBeNull();
    expect(safeUrl(undefined)).toBeNull();
  });
});

describe('toIso', () => {
  it('normalises offsets to UTC', () => {
    expect(toIso('2026-09-19T10:00:00-07:00')).toBe('2026-09-19T17:00:00.000Z');
  });
  it('rejects garbage and empty strings', () => {
    expect(toIso('yesterday-ish')).toBeNull();
    expect(toIso('')).toBeNull();
    expect(toIso(null)).toBeNull();
  });
});
