/**
 * Fuzz properties of the fetch module (core/net/fetch.ts):
 *   decodeBody-no-throw   random bytes × random content types: never throws, returns a string of
 *                         at most one UTF-16 unit per byte, the same string every time
 *   fetchFeed-bounded     a fake fetch answering random statuses/headers and streaming random
 *                         chunk sizes (sometimes erroring, stalling or yielding a non-byte chunk):
 *                         the promise never rejects; a `fresh` outcome has read at most maxBytes
 *                         and its text is exactly decodeBody(all bytes sent) (nothing cut silently,
 *                         so at most maxBytes units of text); a body over maxBytes is never `fresh`;
 *                         a failure has a known code and a message
 */
import fc from 'fast-check';
import type { Problem } from '../../core/model';
import { decodeBody, fetchFeed, type FetchOutcome } from '../../core/net/fetch';
import { seedFor, type Tally } from './properties';

const CONTENT_TYPES: readonly (string | null)[] = [
  null,
  '',
  'application/json',
  'application/json; charset=utf-8',
  'application/json;charset=utf-16',
  'application/json; charset=UTF-16LE',
  'application/json; charset=utf-16be',
  'application/json; charset="utf-8"',
  'text/plain; charset=utf8',
  'text/xml; charset=iso-8859-1',
  'application/rss+xml; charset=windows-1252',
  'application/xml; charset=latin1',
  'text/plain; charset=us-ascii',
  'text/plain; charset=shift_jis',
  'text/plain; charset=gb18030',
  'text/plain; charset=iso-2022-jp',
  'text/plain; charset=x-user-defined',
  'text/plain; charset=bogus-charset',
  'text/plain; charset=ucs-2',
  'text/plain; charset=',
  'text/html; charset=utf-8',
  'application/xhtml+xml',
  'image/png',
  'application/octet-stream',
  'application/atom+xml',
  ';;;',
  'charset=utf-16',
];

const BOMS = [[], [0xef, 0xbb, 0xbf], [0xfe, 0xff], [0xff, 0xfe], [0xef, 0xbb], [0xfe]];

/** Bytes: random, or text in some encoding, behind an optional (possibly partial) BOM. */
const bytesArb: fc.Arbitrary<Uint8Array> = fc
  .tuple(
    fc.constantFrom(...BOMS),
    fc.oneof(
      fc.uint8Array({ maxLength: 600 }),
      fc.string({ maxLength: 200 }).map((s) => new TextEncoder().encode(s)),
      fc.string({ unit: 'binary', maxLength: 120 }).map((s) => {
        const out = new Uint8Array(s.length * 2);
        for (let k = 0; k < s.length; k++) {
          out[2 * k] = s.charCodeAt(k) >> 8;
          out[2 * k + 1] = s.charCodeAt(k) & 0xff;
        }
        return out;
      }),
    ),
  )
  .map(([bom, body]) => {
    const out = new Uint8Array(bom.length + body.length);
    out.set(bom, 0);
    out.set(body, bom.length);
    return out;
  });

const contentTypeArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
);

export function runDecodeBody(numRuns: number, tally: Tally): void {
  fc.assert(
    fc.property(bytesArb, contentTypeArb, (bytes, contentType) => {
      tally.count('fetch', 'decodeBody-no-throw');
      let a: string;
      let b: string;
      try {
        a = decodeBody(bytes, contentType);
        b = decodeBody(bytes, contentType);
      } catch (e) {
        throw new Error(`decodeBody threw on ${bytes.length} bytes, content-type ${JSON.stringify(contentType)}: ${String(e)}`);
      }
      if (typeof a !== 'string') throw new Error('decodeBody returned a non-string');
      if (a !== b) throw new Error('decodeBody is not deterministic');
      if (a.length > bytes.length)
        throw new Error(`decodeBody made ${a.length} units from ${bytes.length} bytes (${JSON.stringify(contentType)})`);
    }),
    { numRuns, seed: seedFor('fetch', 'decodeBody') },
  );
}

// ---------------------------------------------------------------------------------------------
// fetchFeed with a fake fetch.

interface Plan {
  status: number;
  contentType: string | null;
  /** 'none' | 'true' | 'low' | 'high' | 'junk' Content-Length. */
  length: 'none' | 'true' | 'low' | 'high' | 'junk';
  chunks: Uint8Array[];
  /** How the stream ends. */
  end: 'close' | 'error' | 'badChunk' | 'stall' | 'throwFetch' | 'rejectFetch' | 'nullBody';
  maxBytes: number;
  expect: 'json' | 'xml' | 'text';
  redirected: 'no' | 'same' | 'other';
}

const PROBLEM_CODES: readonly Problem['code'][] = [
  'timeout',
  'network',
  'http',
  'rate_limited',
  'too_large',
  'html',
  'content_type',
  'parse',
  'redirect',
  'internal',
];

const planArb: fc.Arbitrary<Plan> = fc.record({
  status: fc.oneof(
    { weight: 12, arbitrary: fc.constant(200) },
    { weight: 3, arbitrary: fc.constantFrom(203, 206, 304, 404, 410, 429, 500, 503) },
  ),
  contentType: fc.oneof(
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        null,
        'application/json; charset=utf-8',
        'application/xml',
        'text/plain',
        'application/json;charset=utf-16',
      ),
    },
    { weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
  ),
  length: fc.constantFrom('none' as const, 'true' as const, 'low' as const, 'high' as const, 'junk' as const),
  chunks: fc.array(
    fc.oneof(
      { weight: 4, arbitrary: fc.uint8Array({ maxLength: 700 }) },
      { weight: 1, arbitrary: fc.string({ maxLength: 300 }).map((s) => new TextEncoder().encode(s)) },
    ),
    { maxLength: 12 },
  ),
  end: fc.oneof(
    { weight: 20, arbitrary: fc.constant('close' as const) },
    { weight: 2, arbitrary: fc.constant('error' as const) },
    { weight: 1, arbitrary: fc.constant('badChunk' as const) },
    { weight: 1, arbitrary: fc.constant('stall' as const) },
    { weight: 1, arbitrary: fc.constant('throwFetch' as const) },
    { weight: 1, arbitrary: fc.constant('rejectFetch' as const) },
    { weight: 1, arbitrary: fc.constant('nullBody' as const) },
  ),
  maxBytes: fc.integer({ min: 1, max: 4096 }),
  expect: fc.constantFrom('json' as const, 'xml' as const, 'text' as const),
  redirected: fc.oneof(
    { weight: 8, arbitrary: fc.constant('no' as const) },
    { weight: 1, arbitrary: fc.constantFrom('same' as const, 'other' as const) },
  ),
});

const URL_ = 'https://status.example.com/api/v2/summary.json';

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const total = chunks.reduce((n, c) => n + c.byteLength, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

function fakeFetch(p: Plan): typeof globalThis.fetch {
  return (async (_input: RequestInfo | URL, init?: RequestInit) => {
    if (p.end === 'throwFetch') throw new TypeError('fetch failed');
    if (p.end === 'rejectFetch') return Promise.reject(Object.assign(new Error('boom'), { cause: { code: 'ECONNRESET' } }));
    const total = p.chunks.reduce((n, c) => n + c.byteLength, 0);
    const headers = new Headers();
    if (p.contentType !== null) headers.set('content-type', p.contentType);
    if (p.length === 'true') headers.set('content-length', String(total));
    else if (p.length === 'low') headers.set('content-length', String(Math.max(0, total - 10)));
    else if (p.length === 'high') headers.set('content-length', String(total + 1_000_000));
    else if (p.length === 'junk') headers.set('content-length', 'twelve');
    let k = 0;
    const signal = init?.signal;
    const stream =
      p.end === 'nullBody' || p.status === 304
        ? null
        : new ReadableStream<Uint8Array>(
            {
              pull(controller) {
                if (k < p.chunks.length) {
                  controller.enqueue(p.chunks[k++]!);
                  return;
                }
                if (p.end === 'error') controller.error(new Error('connection reset'));
                else if (p.end === 'badChunk') controller.enqueue('not bytes' as unknown as Uint8Array);
                else if (p.end === 'stall') {
                  // Never ends; aborting the request errors it, as a browser would.
                  return new Promise<void>((resolve) => {
                    signal?.addEventListener('abort', () => {
                      try {
                        controller.error(new DOMException('aborted', 'AbortError'));
                      } catch {
                        /* already closed */
                      }
                      resolve();
                    });
                  });
                } else controller.close();
                return undefined;
              },
            },
            { highWaterMark: 0 },
          );
    const res = new Response(stream, { status: p.status, headers });
    if (p.redirected !== 'no') {
      Object.defineProperty(res, 'redirected', { value: true });
      Object.defineProperty(res, 'url', {
        value: p.redirected === 'same' ? 'https://www.status.example.com/x' : 'https://elsewhere.example.net/',
      });
    }
    return res;
  }) as typeof globalThis.fetch;
}

export async function runFetchFeed(numRuns: number, tally: Tally): Promise<void> {
  await fc.assert(
    fc.asyncProperty(planArb, async (p) => {
      tally.count('fetch', 'fetchFeed-bounded');
      let out: FetchOutcome;
      try {
        out = await fetchFeed(
          URL_,
          { expect: p.expect, maxBytes: p.maxBytes, timeoutMs: p.end === 'stall' ? 25 : 5000 },
          { fetch: fakeFetch(p), now: () => Date.UTC(2026, 0, 1) },
        );
      } catch (e) {
        throw new Error(`fetchFeed rejected: ${String(e)}`);
      }
      // What the server actually sent (a null body sends nothing, whatever chunks were drawn).
      const all = p.end === 'nullBody' || p.status === 304 ? new Uint8Array(0) : concat(p.chunks);
      tally.count('fetch', `fetchFeed outcome ${out.kind === 'failed' ? `failed:${out.problem.code}` : out.kind}`);
      if (out.kind === 'fresh') {
        if (out.bytes > p.maxBytes) throw new Error(`fresh with ${out.bytes} bytes > maxBytes ${p.maxBytes}`);
        if (out.text.length > p.maxBytes) throw new Error(`fresh text of ${out.text.length} units > maxBytes ${p.maxBytes}`);
        if (all.byteLength > p.maxBytes) throw new Error(`a ${all.byteLength}-byte body (cap ${p.maxBytes}) was returned fresh`);
        if (p.end !== 'close' && p.end !== 'nullBody') throw new Error(`fresh although the stream ended with ${p.end}`);
        const expected = decodeBody(all, p.contentType === null ? null : p.contentType);
        if (out.text !== expected) throw new Error('fresh text differs from decodeBody(all bytes sent)');
        if (out.status < 200 || out.status > 299) throw new Error(`fresh with status ${out.status}`);
      } else if (out.kind === 'failed') {
        if (!PROBLEM_CODES.includes(out.problem.code)) throw new Error(`unknown problem code ${out.problem.code}`);
        if (typeof out.problem.message !== 'string' || out.problem.message.trim() === '') throw new Error('empty problem message');
        if (p.end === 'stall' && p.status >= 200 && p.status <= 299 && out.problem.code === 'internal')
          throw new Error('a stalled body gave an internal error');
      } else if (out.kind === 'not_modified') {
        if (p.status !== 304) throw new Error(`not_modified for status ${p.status}`);
      } else {
        throw new Error(`unknown outcome ${JSON.stringify(out)}`);
      }
    }),
    { numRuns, seed: seedFor('fetch', 'fetchFeed') },
  );
}
