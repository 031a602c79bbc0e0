/**
 * Reading a server-sent event stream only until its first event of one name (core/net/sse.ts,
 * fetchFeed's `sseEvent`), on the documented Hund stream (test/fixtures/feeds/PROVENANCE.md).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fetchFeed, type FetchDeps, type FetchOutcome } from '../../core/net/fetch';
import { sseScanner } from '../../core/net/sse';

const STREAM = readFileSync(
  fileURLToPath(new URL('../fixtures/feeds/hund-live-status-page-doc-derived-degraded.txt', import.meta.url)),
  'utf8',
);
const URL_ = 'https://status.example.com/live/v2/status_page';
const SSE = { 'content-type': 'text/event-stream' };
const bytes = (s: string) => new TextEncoder().encode(s);

/** The first `init_event` data of the fixture, as the widget's EventSource would hand it over. */
const INIT = /event: init_event\ndata: (.*)\n/.exec(STREAM)![1]!;

/** Feed `text` to a scanner in pieces of `size` bytes; the event data, or null. */
function scan(text: string, size: number, name = 'init_event'): string | null {
  const s = sseScanner(name);
  const b = bytes(text);
  for (let i = 0; i < b.length; i += size) {
    const got = s.push(b.subarray(i, i + size));
    if (got !== null) return got;
  }
  return s.push(new Uint8Array(0));
}

/**
 * A stream that sends `text` (then stays open, like a live status stream, unless `end`), recording
 * whether the reader hung up.
 */
function liveStream(text: string, end = false) {
  const stats = { cancelled: false, pulls: 0 };
  let sent = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        stats.pulls++;
        if (!sent) {
          sent = true;
          controller.enqueue(bytes(text));
          if (end) controller.close();
        }
        // else: nothing more, ever (the promise of this pull never settles the read)
        return sent && !end ? new Promise<void>(() => undefined) : undefined;
      },
      cancel() {
        stats.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, stats };
}

const deps = (answer: () => Response): FetchDeps => ({ fetch: (async () => answer()) as typeof fetch, now: () => 0 });
const failure = (o: FetchOutcome) => {
  if (o.kind !== 'failed') throw new Error(`expected failed, got ${o.kind}`);
  return o.problem;
};

describe('sseScanner', () => {
  it('finds the first init_event of the documented stream, whatever the chunking (1, 7, all bytes)', () => {
    for (const size of [1, 7, 1 << 20]) expect(scan(STREAM, size)).toBe(INIT);
  });

  it('CRLF and lone CR line ends (split across chunks), comments, one leading space, data lines joined', () => {
    const text = ': hi\r\nevent:init_event\r\ndata: {"a":\r\ndata:  1}\r\r\n';
    for (const size of [1, 2, 100]) expect(scan(text, size)).toBe('{"a":\n 1}');
  });

  it('other events first are skipped; an event with no data is not dispatched; unnamed events are "message"', () => {
    expect(scan('event: degraded\ndata: x\n\nevent: init_event\n\nevent: init_event\ndata: y\n\n', 3)).toBe('y');
    expect(scan('data: m\n\n', 5, 'message')).toBe('m');
    expect(scan('data: m\n\n', 5)).toBeNull();
  });

  it('an event not ended by a blank line is not complete; a leading BOM is dropped', () => {
    expect(scan('event: init_event\ndata: {}\n', 4)).toBeNull();
    expect(scan('\uFEFFevent: init_event\ndata: {}\n\n', 4)).toBe('{}');
  });
});

describe('sseScanner (property)', () => {
  it('any events, any line endings, any chunking: the data of the first complete init_event, else null', () => {
    const line = fc.string({ unit: fc.constantFrom('a', 'é', '{', ':', ' ', '😀'), maxLength: 8 });
    const event = fc.record({
      name: fc.constantFrom('init_event', 'degraded', 'issue_updated', ''),
      data: fc.array(line, { maxLength: 3 }),
      comment: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(event, { maxLength: 5 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.array(fc.nat(40), { maxLength: 20 }),
        (events, eol, cuts) => {
          const text = events
            .map(
              (e) =>
                (e.comment ? `:x${eol}` : '') +
                (e.name ? `event: ${e.name}${eol}` : '') +
                e.data.map((d) => `data: ${d}${eol}`).join('') +
                eol,
            )
            .join('');
          const first = events.find((e) => e.name === 'init_event' && e.data.length > 0);
          const b = bytes(text);
          const s = sseScanner('init_event');
          let got: string | null = null;
          let at = 0;
          for (const c of [...cuts, b.length]) {
            const end = Math.min(b.length, at + c);
            got = s.push(b.subarray(at, end)) ?? got;
            at = end;
          }
          got = s.push(b.subarray(at)) ?? got;
          expect(got).toBe(first ? first.data.join('\n') : null);
        },
      ),
      { numRuns: 500, seed: 20261207 },
    );
  });
});

describe('fetchFeed with sseEvent', () => {
  it('reads until the first init_event, then hangs up on a stream that never ends; no validators kept or sent', async () => {
    const { stream, stats } = liveStream(STREAM);
    let init: RequestInit = {};
    const d: FetchDeps = {
      fetch: (async (_u: unknown, i?: RequestInit) => {
        init = i ?? {};
        return new Response(stream, { headers: { ...SSE, etag: '"x"' } });
      }) as typeof fetch,
      now: () => 0,
    };
    const out = await fetchFeed(URL_, { expect: 'text', sseEvent: 'init_event', validators: { etag: '"x"' }, timeoutMs: 60_000 }, d);
    expect(out.kind).toBe('fresh');
    if (out.kind !== 'fresh') return;
    expect(out.text).toBe(INIT);
    expect(out.validators).toEqual({});
    expect(stats.cancelled).toBe(true);
    expect(init.headers).toEqual({ Accept: 'text/event-stream' });
  });

  it('a stream that sends nothing within the timeout → timeout naming the event, never a body', async () => {
    const { stream, stats } = liveStream(': keep-alive\n\n');
    const out = await fetchFeed(
      URL_,
      { expect: 'text', sseEvent: 'init_event', timeoutMs: 50 },
      deps(() => new Response(stream, { headers: SSE })),
    );
    expect(failure(out)).toMatchObject({ code: 'timeout', message: 'the status stream sent no “init_event” within 50 ms' });
    expect(stats.cancelled).toBe(true);
  });

  it('a stream that ends without init_event, or is empty → parse failure', async () => {
    for (const text of ['event: degraded\ndata: {}\n\n', '']) {
      const { stream } = liveStream(text, true);
      const out = await fetchFeed(
        URL_,
        { expect: 'text', sseEvent: 'init_event' },
        deps(() => new Response(stream, { headers: SSE })),
      );
      expect(failure(out)).toMatchObject({ code: 'parse', message: 'the status stream ended without sending “init_event”' });
    }
  });

  it('HTML or JSON where the stream should be → failures; the size cap still applies', async () => {
    const html = await fetchFeed(
      URL_,
      { expect: 'text', sseEvent: 'init_event' },
      deps(() => new Response('<html>', { headers: { 'content-type': 'text/html' } })),
    );
    expect(failure(html).code).toBe('html');
    const json = await fetchFeed(
      URL_,
      { expect: 'text', sseEvent: 'init_event' },
      deps(() => new Response('{}', { headers: { 'content-type': 'application/json' } })),
    );
    expect(failure(json).code).toBe('content_type');
    const { stream } = liveStream(`event: init_event\ndata: ${'x'.repeat(5000)}`);
    const big = await fetchFeed(
      URL_,
      { expect: 'text', sseEvent: 'init_event', maxBytes: 1000 },
      deps(() => new Response(stream, { headers: SSE })),
    );
    expect(failure(big).code).toBe('too_large');
  });
});
