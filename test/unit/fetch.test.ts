import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeBody, fetchFeed, parseRetryAfter, type FetchDeps, type FetchOutcome } from '../../core/net/fetch';

const URL_ = 'https://www.githubstatus.com/api/v2/summary.json';
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const JSON_BODY = '{"status":{"indicator":"none"}}';

type Call = { url: string; init: RequestInit };

/** A fake fetch answering with `answer` (a Response, or a function of the request), recording calls. */
function fakeFetch(answer: Response | ((url: string, init: RequestInit) => Response | Promise<Response>)) {
  const calls: Call[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, init: init ?? {} });
    return typeof answer === 'function' ? answer(url, init ?? {}) : answer;
  }) as typeof globalThis.fetch;
  const deps: FetchDeps = { fetch, now: () => NOW };
  return { deps, calls };
}

/** `fetchFeed` of the test URL for JSON, against a fake network that gives `answer`. */
const fetchJsonFrom = (answer: Parameters<typeof fakeFetch>[0]) => fetchFeed(URL_, { expect: 'json' }, fakeFetch(answer).deps);

function res(body: BodyInit | null, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers });
}

/** A Response that looks like the result of following redirects to `finalUrl`. */
function redirected(finalUrl: string, body: string, headers: Record<string, string> = {}): Response {
  const r = res(body, 200, headers);
  Object.defineProperty(r, 'redirected', { value: true });
  Object.defineProperty(r, 'url', { value: finalUrl });
  return r;
}

/**
 * An endless body: every pull yields a `chunkSize` chunk; records pulls and cancellation so a test
 * can prove the reader stopped early.
 */
function endlessStream(chunkSize: number) {
  const stats = { pulls: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        stats.pulls++;
        controller.enqueue(new Uint8Array(chunkSize).fill(0x20));
      },
      cancel() {
        stats.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, stats };
}

function problemOf(o: FetchOutcome) {
  if (o.kind !== 'failed') throw new Error(`expected failed, got ${o.kind}`);
  return o.problem;
}

function headerOf(call: Call | undefined, name: string): string | null {
  return new Headers(call?.init.headers).get(name);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('fetchFeed: success and validators', () => {
  it('returns a fresh body with the response ETag / Last-Modified as validators', async () => {
    const { deps } = fakeFetch(
      res(JSON_BODY, 200, {
        'content-type': 'application/json; charset=utf-8',
        etag: 'W/"abc"',
        'last-modified': 'Wed, 14 Jan 2026 10:00:00 GMT',
      }),
    );
    const out = await fetchFeed(URL_, { expect: 'json' }, deps);
    expect(out).toEqual({
      kind: 'fresh',
      text: JSON_BODY,
      validators: { etag: 'W/"abc"', lastModified: 'Wed, 14 Jan 2026 10:00:00 GMT' },
      contentType: 'application/json; charset=utf-8',
      finalUrl: URL_,
      bytes: JSON_BODY.length,
      status: 200,
    });
  });

  it('sends If-None-Match and If-Modified-Since from the validators, and the request options', async () => {
    const { deps, calls } = fakeFetch(res(JSON_BODY, 200, { 'content-type': 'application/json' }));
    await fetchFeed(URL_, { expect: 'json', validators: { etag: '"v1"', lastModified: 'Tue, 13 Jan 2026 09:00:00 GMT' } }, deps);
    expect(calls).toHaveLength(1);
    const call = calls[0]!;
    expect(call.url).toBe(URL_);
    expect(headerOf(call, 'if-none-match')).toBe('"v1"');
    expect(headerOf(call, 'if-modified-since')).toBe('Tue, 13 Jan 2026 09:00:00 GMT');
    expect(headerOf(call, 'accept')).toBe('application/json');
    expect(call.init).toMatchObject({
      method: 'GET',
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'follow',
      referrerPolicy: 'no-referrer',
    });
    expect(call.init.signal).toBeInstanceOf(AbortSignal);
  });

  it('sends no conditional headers without validators, and an Accept header matching expect', async () => {
    const { deps, calls } = fakeFetch(() => res('<rss/>', 200, { 'content-type': 'application/rss+xml' }));
    await fetchFeed(URL_, { expect: 'xml' }, deps);
    await fetchFeed(URL_, { expect: 'text' }, deps);
    expect(headerOf(calls[0], 'if-none-match')).toBeNull();
    expect(headerOf(calls[0], 'if-modified-since')).toBeNull();
    expect(headerOf(calls[0], 'accept')).toBe('application/rss+xml, application/atom+xml, application/xml, text/xml');
    expect(headerOf(calls[1], 'accept')).toBe('*/*');
  });

  it('304 → not_modified, keeping the sent validators when the response repeats none', async () => {
    const { deps } = fakeFetch(res(null, 304));
    const out = await fetchFeed(
      URL_,
      { expect: 'json', validators: { etag: '"v1"', lastModified: 'Tue, 13 Jan 2026 09:00:00 GMT' } },
      deps,
    );
    expect(out).toEqual({
      kind: 'not_modified',
      validators: { etag: '"v1"', lastModified: 'Tue, 13 Jan 2026 09:00:00 GMT' },
      finalUrl: URL_,
    });
  });

  it('304 → not_modified, preferring validators the response sends', async () => {
    const { deps } = fakeFetch(res(null, 304, { etag: '"v2"' }));
    const out = await fetchFeed(
      URL_,
      { expect: 'json', validators: { etag: '"v1"', lastModified: 'Tue, 13 Jan 2026 09:00:00 GMT' } },
      deps,
    );
    expect(out).toMatchObject({ kind: 'not_modified', validators: { etag: '"v2"', lastModified: 'Tue, 13 Jan 2026 09:00:00 GMT' } });
  });

  it('accepts mislabelled but plausible JSON content types', async () => {
    for (const ct of ['text/plain', 'application/octet-stream', 'application/vnd.api+json', 'text/javascript', '']) {
      const out = await fetchJsonFrom(res(JSON_BODY, 200, ct ? { 'content-type': ct } : {}));
      expect(out.kind, ct).toBe('fresh');
    }
  });

  it('accepts XML-ish content types for xml', async () => {
    for (const ct of ['application/atom+xml', 'text/xml; charset=utf-8', 'application/rss+xml', 'text/plain']) {
      const { deps } = fakeFetch(res('<?xml version="1.0"?><rss/>', 200, { 'content-type': ct }));
      const out = await fetchFeed(URL_, { expect: 'xml' }, deps);
      expect(out.kind, ct).toBe('fresh');
    }
  });

  it('an empty 200 body is fine when text is expected', async () => {
    const { deps } = fakeFetch(res('', 200, { 'content-type': 'text/html' }));
    const out = await fetchFeed(URL_, { expect: 'text' }, deps);
    expect(out).toMatchObject({ kind: 'fresh', text: '', bytes: 0 });
  });
});

describe('fetchFeed: CORS mode (no host permission)', () => {
  const V = { etag: 'W/"v1"', lastModified: 'Tue, 13 Jan 2026 09:00:00 GMT' };
  const cors = (validators?: typeof V) => ({ expect: 'json' as const, mode: 'cors' as const, ...(validators ? { validators } : {}) });

  it('sends only the safelisted Accept header (no preflight) and lets the browser revalidate', async () => {
    const { deps, calls } = fakeFetch(res(JSON_BODY, 200, { 'content-type': 'application/json', etag: 'W/"v2"' }));
    await fetchFeed(URL_, cors(V), deps);
    const call = calls[0]!;
    expect(headerOf(call, 'if-none-match')).toBeNull();
    expect(headerOf(call, 'if-modified-since')).toBeNull();
    expect([...new Headers(call.init.headers).keys()]).toEqual(['accept']);
    expect(call.init).toMatchObject({
      method: 'GET',
      credentials: 'omit',
      cache: 'no-cache',
      redirect: 'follow',
      referrerPolicy: 'no-referrer',
    });
  });

  it('a 200 carrying the stored ETag (the browser’s copy after its 304) → not_modified, body not read', async () => {
    const body = new ReadableStream<Uint8Array>({
      pull: () => {
        throw new Error('the body must not be read');
      },
    });
    const { deps } = fakeFetch(res(body, 200, { 'content-type': 'application/json', etag: 'W/"v1"' }));
    expect(await fetchFeed(URL_, cors(V), deps)).toEqual({ kind: 'not_modified', validators: V, finalUrl: URL_ });
  });

  it('a 200 with another ETag → fresh, with the new validators', async () => {
    const { deps } = fakeFetch(res(JSON_BODY, 200, { 'content-type': 'application/json', etag: 'W/"v2"' }));
    expect(await fetchFeed(URL_, cors(V), deps)).toMatchObject({ kind: 'fresh', text: JSON_BODY, validators: { etag: 'W/"v2"' } });
  });

  it('without an ETag, Last-Modified decides; with neither, or no stored validators, the body is fresh', async () => {
    const same = fakeFetch(res(JSON_BODY, 200, { 'last-modified': V.lastModified }));
    expect((await fetchFeed(URL_, cors({ etag: '', lastModified: V.lastModified }), same.deps)).kind).toBe('not_modified');
    const none = fakeFetch(res(JSON_BODY, 200));
    expect((await fetchFeed(URL_, cors(V), none.deps)).kind).toBe('fresh');
    const first = fakeFetch(res(JSON_BODY, 200, { etag: 'W/"v1"' }));
    expect((await fetchFeed(URL_, cors(), first.deps)).kind).toBe('fresh');
  });

  it('a refused cross-origin read (a network error to fetch) says it may not have been allowed', async () => {
    const { deps } = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    expect(await fetchFeed(URL_, cors(V), deps)).toMatchObject({
      kind: 'failed',
      problem: { code: 'network', message: expect.stringMatching(/^the status page could not be reached, or did not allow the read/) },
    });
  });

  it('a real 304 is still not_modified, and errors are still errors', async () => {
    expect((await fetchFeed(URL_, cors(V), fakeFetch(res(null, 304)).deps)).kind).toBe('not_modified');
    expect(
      (await fetchFeed(URL_, cors(V), fakeFetch(res('<!doctype html><p>moved', 200, { 'content-type': 'text/html', etag: 'W/"v9"' })).deps))
        .kind,
    ).toBe('failed');
    expect((await fetchFeed(URL_, cors(V), fakeFetch(res('x', 503, { etag: 'W/"v1"' })).deps)).kind).toBe('failed');
  });
});

describe('fetchFeed: timeouts', () => {
  it('a fetch that never answers → timeout, and the request is aborted', async () => {
    vi.useFakeTimers();
    let signal: AbortSignal | undefined;
    const { deps } = fakeFetch((_url, init) => {
      signal = init.signal ?? undefined;
      return new Promise<Response>(() => undefined); // never settles, ignores the signal
    });
    const p = fetchFeed(URL_, { expect: 'json' }, deps);
    await vi.advanceTimersByTimeAsync(10_000);
    const out = await p;
    expect(problemOf(out)).toEqual({ code: 'timeout', message: 'the status page did not answer within 10 s' });
    expect(signal?.aborted).toBe(true);
  });

  it('a fetch that rejects because it was aborted still reads as timeout, not network', async () => {
    const { deps } = fakeFetch(
      (_url, init) =>
        new Promise<Response>((_resolve, reject) => {
          init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    );
    const out = await fetchFeed(URL_, { expect: 'json', timeoutMs: 20 }, deps);
    expect(problemOf(out)).toEqual({ code: 'timeout', message: 'the status page did not answer within 20 ms' });
  });

  it('the deadline covers the body: a body that stalls mid-way → timeout, stream cancelled', async () => {
    vi.useFakeTimers();
    const stats = { pulls: 0, cancelled: false };
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          stats.pulls++;
          if (stats.pulls === 1) {
            controller.enqueue(new TextEncoder().encode('{"status":'));
            return;
          }
          return new Promise<void>(() => undefined); // stalls forever
        },
        cancel() {
          stats.cancelled = true;
        },
      },
      { highWaterMark: 0 },
    );
    const { deps } = fakeFetch(res(body, 200, { 'content-type': 'application/json' }));
    const p = fetchFeed(URL_, { expect: 'json', timeoutMs: 3_000 }, deps);
    await vi.advanceTimersByTimeAsync(3_000);
    const out = await p;
    expect(problemOf(out)).toEqual({ code: 'timeout', message: 'the status page did not answer within 3 s' });
    expect(stats.pulls).toBeGreaterThanOrEqual(1);
    expect(stats.cancelled).toBe(true);
  });
});

describe('fetchFeed: HTTP errors', () => {
  it('429 with Retry-After in seconds → rate_limited with retryAfterMs', async () => {
    const out = await fetchJsonFrom(res('slow down', 429, { 'retry-after': '120' }));
    expect(out).toEqual({
      kind: 'failed',
      problem: { code: 'rate_limited', message: 'the status page asked us to slow down (HTTP 429)', httpStatus: 429 },
      retryAfterMs: 120_000,
    });
  });

  it('429 with Retry-After as an HTTP-date → relative to deps.now()', async () => {
    const at = new Date(NOW + 90_000).toUTCString(); // "Thu, 15 Jan 2026 12:01:30 GMT"
    const out = await fetchJsonFrom(res(null, 429, { 'retry-after': at }));
    expect(out).toMatchObject({ kind: 'failed', problem: { code: 'rate_limited' }, retryAfterMs: 90_000 });
  });

  it('429 with a garbage Retry-After → no retryAfterMs', async () => {
    const out = await fetchJsonFrom(res(null, 429, { 'retry-after': 'soon-ish' }));
    expect(out.kind).toBe('failed');
    expect(out).not.toHaveProperty('retryAfterMs');
  });

  it('503 → http with status, and Retry-After passed on', async () => {
    const out = await fetchJsonFrom(res('<h1>Service Unavailable</h1>', 503, { 'content-type': 'text/html', 'retry-after': '30' }));
    expect(out).toEqual({
      kind: 'failed',
      problem: { code: 'http', message: 'the status page is having trouble (HTTP 503)', httpStatus: 503 },
      retryAfterMs: 30_000,
    });
  });

  it('500 without Retry-After → no retryAfterMs', async () => {
    const out = await fetchJsonFrom(res('oops', 500));
    expect(out).toEqual({
      kind: 'failed',
      problem: { code: 'http', message: 'the status page is having trouble (HTTP 500)', httpStatus: 500 },
    });
  });

  it('404 → http, the feed may have moved', async () => {
    const out = await fetchJsonFrom(res('not found', 404));
    expect(problemOf(out)).toEqual({
      code: 'http',
      message: 'the status page answered HTTP 404 — the feed may have moved',
      httpStatus: 404,
    });
  });

  it('403 and 410 likewise', async () => {
    for (const status of [403, 410]) {
      const { deps } = fakeFetch(res('', status));
      const out = await fetchFeed(URL_, { expect: 'xml' }, deps);
      expect(problemOf(out)).toMatchObject({ code: 'http', httpStatus: status });
    }
  });

  it('network rejection → network, with a short detail', async () => {
    const { deps } = fakeFetch(() =>
      Promise.reject(new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ENOTFOUND' }) })),
    );
    const out = await fetchFeed(URL_, { expect: 'json' }, deps);
    expect(problemOf(out)).toEqual({ code: 'network', message: 'the status page could not be reached (ENOTFOUND)' });
  });

  it('network rejection with a generic browser message → the plain sentence', async () => {
    const out = await fetchJsonFrom(() => Promise.reject(new TypeError('Failed to fetch')));
    expect(problemOf(out)).toEqual({ code: 'network', message: 'the status page could not be reached' });
  });

  it('a fetch that throws synchronously is a network failure too', async () => {
    const deps: FetchDeps = {
      fetch: (() => {
        throw new TypeError('bad');
      }) as unknown as typeof globalThis.fetch,
      now: () => NOW,
    };
    const out = await fetchFeed(URL_, { expect: 'json' }, deps);
    expect(problemOf(out)).toMatchObject({ code: 'network' });
  });
});

describe('fetchFeed: HTML, content type, empty', () => {
  const html = '\n  <!DOCTYPE html><html><head><title>Moved</title></head><body>Welcome</body></html>';

  it('HTML body labelled as JSON → html', async () => {
    const out = await fetchJsonFrom(res(html, 200, { 'content-type': 'application/json' }));
    expect(problemOf(out)).toEqual({ code: 'html', message: 'the status page answered with HTML — it may have moved' });
  });

  it('<html> without doctype, any case, for xml too → html', async () => {
    const { deps } = fakeFetch(res('  <HTML lang="en"><body>x</body></HTML>', 200, { 'content-type': 'application/xml' }));
    const out = await fetchFeed(URL_, { expect: 'xml' }, deps);
    expect(problemOf(out).code).toBe('html');
  });

  it('text/html content type → html, without reading the body', async () => {
    const { stream, stats } = endlessStream(1024);
    const out = await fetchJsonFrom(res(stream, 200, { 'content-type': 'text/html; charset=utf-8' }));
    expect(problemOf(out)).toEqual({ code: 'html', message: 'the status page answered with HTML — it may have moved' });
    expect(stats.pulls).toBe(0);
  });

  it('HTML is fine when text is expected', async () => {
    const { deps } = fakeFetch(res(html, 200, { 'content-type': 'text/html' }));
    const out = await fetchFeed(URL_, { expect: 'text' }, deps);
    expect(out).toMatchObject({ kind: 'fresh', text: html });
  });

  it('JSON expected but an image arrives → content_type', async () => {
    const out = await fetchJsonFrom(res(new Uint8Array([0x89, 0x50, 0x4e, 0x47]), 200, { 'content-type': 'image/png' }));
    expect(problemOf(out).code).toBe('content_type');
  });

  it('XML expected but JSON arrives → content_type', async () => {
    const { deps } = fakeFetch(res(JSON_BODY, 200, { 'content-type': 'application/json' }));
    const out = await fetchFeed(URL_, { expect: 'xml' }, deps);
    expect(problemOf(out).code).toBe('content_type');
  });

  it('empty 200 body when JSON or XML is expected → parse', async () => {
    for (const expectKind of ['json', 'xml'] as const) {
      for (const body of [null, '', '  \n ']) {
        const { deps } = fakeFetch(res(body, 200));
        const out = await fetchFeed(URL_, { expect: expectKind }, deps);
        expect(problemOf(out)).toEqual({ code: 'parse', message: 'the status page sent an empty answer' });
      }
    }
  });
});

describe('fetchFeed: size cap', () => {
  it('Content-Length over the cap → too_large, body never read', async () => {
    const { stream, stats } = endlessStream(1024);
    const out = await fetchJsonFrom(res(stream, 200, { 'content-type': 'application/json', 'content-length': String(20 * 1024 * 1024) }));
    expect(problemOf(out)).toEqual({ code: 'too_large', message: 'the status feed is larger than 5 MB — refusing to read it' });
    expect(stats.pulls).toBe(0);
  });

  it('a streamed body over the cap without Content-Length → too_large, stops early and cancels', async () => {
    const chunk = 1024 * 1024; // 1 MiB per pull; an honest reader of a "20 MB" body would pull 20 times
    const { stream, stats } = endlessStream(chunk);
    const out = await fetchJsonFrom(res(stream, 200, { 'content-type': 'application/json' }));
    expect(problemOf(out)).toEqual({ code: 'too_large', message: 'the status feed is larger than 5 MB — refusing to read it' });
    expect(stats.cancelled).toBe(true);
    expect(stats.pulls).toBeLessThanOrEqual(7);
  });

  it('the cap is exact: maxBytes bytes pass, one more does not', async () => {
    const { deps } = fakeFetch(() => res('x'.repeat(100), 200, { 'content-type': 'text/plain' }));
    expect((await fetchFeed(URL_, { expect: 'text', maxBytes: 100 }, deps)).kind).toBe('fresh');
    const out = await fetchFeed(URL_, { expect: 'text', maxBytes: 99 }, deps);
    expect(problemOf(out)).toEqual({ code: 'too_large', message: 'the status feed is larger than 99 bytes — refusing to read it' });
  });
});

describe('fetchFeed: redirects', () => {
  it('redirected to another host → redirect, naming the host', async () => {
    const out = await fetchJsonFrom(
      redirected('https://www.example-marketing.com/status', JSON_BODY, { 'content-type': 'application/json' }),
    );
    expect(problemOf(out)).toEqual({
      code: 'redirect',
      message: 'the status page now redirects to www.example-marketing.com — the provider may have moved it',
    });
  });

  it('redirected between www. and the bare host → fine, finalUrl reported', async () => {
    const final = 'https://githubstatus.com/api/v2/summary.json';
    const out = await fetchJsonFrom(redirected(final, JSON_BODY, { 'content-type': 'application/json' }));
    expect(out).toMatchObject({ kind: 'fresh', text: JSON_BODY, finalUrl: final });
  });

  it('redirected on the same host (another path, http → https) → fine', async () => {
    const final = 'https://status.example.com/api/v2/summary.json';
    const { deps } = fakeFetch(redirected(final, JSON_BODY, { 'content-type': 'application/json' }));
    const out = await fetchFeed('http://status.example.com/summary.json', { expect: 'json' }, deps);
    expect(out).toMatchObject({ kind: 'fresh', finalUrl: final });
  });
});

describe('fetchFeed + decodeBody: charsets', () => {
  // Real bytes: AWS Health "currentevents" (https://health.aws.amazon.com/public/currentevents),
  // served as UTF-16BE with a BOM (FE FF) and `charset=utf-16`: test/fixtures/feeds/
  // aws-health-currentevents-active-2events.utf16be.bin (source in test/fixtures/feeds/PROVENANCE.md). Two open events in ME-CENTRAL-1 / ME-SOUTH-1, status "3".
  const awsBytes = new Uint8Array(
    readFileSync(fileURLToPath(new URL('../fixtures/feeds/aws-health-currentevents-active-2events.utf16be.bin', import.meta.url))),
  );

  it('real AWS UTF-16BE bytes decode to JSON that parses', async () => {
    expect(awsBytes[0]).toBe(0xfe);
    expect(awsBytes[1]).toBe(0xff);
    const { deps } = fakeFetch(res(awsBytes, 200, { 'content-type': 'application/json; charset=utf-16' }));
    const out = await fetchFeed('https://health.aws.amazon.com/public/currentevents', { expect: 'json' }, deps);
    if (out.kind !== 'fresh') throw new Error(`expected fresh, got ${JSON.stringify(out)}`);
    expect(out.bytes).toBe(awsBytes.byteLength);
    expect(out.text.charCodeAt(0)).not.toBe(0xfeff);
    const events = JSON.parse(out.text) as Array<{ status: string; region_name: string; service: string }>;
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ status: '3', service: 'multipleservices-me-central-1', region_name: 'UAE' });
  });

  it('UTF-16BE without BOM is sniffed from the zero bytes', () => {
    const noBom = awsBytes.subarray(2);
    const text = decodeBody(noBom, 'application/json');
    expect(() => JSON.parse(text)).not.toThrow();
  });

  it('UTF-16LE with BOM, without BOM (sniffed) and by charset', () => {
    const s = '{"a":"é✓"}';
    const le = new Uint8Array(s.length * 2);
    for (let i = 0; i < s.length; i++) {
      le[2 * i] = s.charCodeAt(i) & 0xff;
      le[2 * i + 1] = s.charCodeAt(i) >> 8;
    }
    const withBom = new Uint8Array([0xff, 0xfe, ...le]);
    expect(decodeBody(withBom, null)).toBe(s);
    expect(decodeBody(le, null)).toBe(s);
    expect(decodeBody(le, 'application/json; charset=UTF-16LE')).toBe(s);
    expect(decodeBody(le, 'application/json; charset="utf-16"')).toBe(s);
  });

  it('UTF-16LE through fetchFeed', async () => {
    const s = '[{"x":1}]';
    const bytes = new Uint8Array([0xff, 0xfe, ...[...s].flatMap((c) => [c.charCodeAt(0), 0])]);
    const out = await fetchJsonFrom(res(bytes, 200, { 'content-type': 'application/json; charset=utf-16le' }));
    expect(out).toMatchObject({ kind: 'fresh', text: s, bytes: bytes.length });
  });

  it('latin1 / iso-8859-1 / windows-1252 charset', async () => {
    const bytes = new Uint8Array([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0x43, 0x61, 0x66, 0xe9, 0x22, 0x7d]); // {"t":"Café"}
    expect(decodeBody(bytes, 'application/json; charset=ISO-8859-1')).toBe('{"t":"Café"}');
    expect(decodeBody(bytes, 'text/plain;charset=latin1')).toBe('{"t":"Café"}');
    expect(decodeBody(new Uint8Array([0x80]), 'text/plain; charset=windows-1252')).toBe('€');
    const { deps } = fakeFetch(res(bytes, 200, { 'content-type': 'application/json; charset=iso-8859-1' }));
    expect(await fetchFeed(URL_, { expect: 'json' }, deps)).toMatchObject({ kind: 'fresh', text: '{"t":"Café"}' });
  });

  it('UTF-8: BOM stripped, default without charset, invalid bytes replaced (never throws)', () => {
    const utf8 = new TextEncoder().encode('{"t":"Café ✓"}');
    expect(decodeBody(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]), null)).toBe('{"t":"Café ✓"}');
    expect(decodeBody(utf8, null)).toBe('{"t":"Café ✓"}');
    expect(decodeBody(utf8, 'application/json; charset=utf8')).toBe('{"t":"Café ✓"}');
    expect(decodeBody(new Uint8Array([0x61, 0xff, 0x62]), 'text/plain')).toBe('a\uFFFDb');
    expect(decodeBody(new Uint8Array([0x61]), 'text/plain; charset=no-such-charset')).toBe('a');
    expect(decodeBody(new Uint8Array(0), null)).toBe('');
  });
});

describe('parseRetryAfter', () => {
  it('delta-seconds, HTTP-dates (IMF, RFC 850, asctime), garbage, past, cap', () => {
    expect(parseRetryAfter('0', NOW)).toBe(0);
    expect(parseRetryAfter(' 45 ', NOW)).toBe(45_000);
    expect(parseRetryAfter('Thu, 15 Jan 2026 12:05:00 GMT', NOW)).toBe(300_000);
    expect(parseRetryAfter('Thursday, 15-Jan-26 12:05:00 GMT', NOW)).toBe(300_000);
    expect(parseRetryAfter('Thu Jan 15 12:05:00 2026', NOW)).toBe(300_000);
    expect(parseRetryAfter('Thu, 15 Jan 2026 11:00:00 GMT', NOW)).toBe(0);
    expect(parseRetryAfter('86400', NOW)).toBe(6 * 3600_000);
    expect(parseRetryAfter('Sat, 15 Jan 2028 12:00:00 GMT', NOW)).toBe(6 * 3600_000);
    for (const junk of ['', 'soon', '-5', '1.5', '5 minutes', '2026-01-15T12:05:00Z', null, undefined]) {
      expect(parseRetryAfter(junk, NOW)).toBeUndefined();
    }
  });
});
