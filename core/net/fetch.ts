/**
 * The one fetch every official feed read goes through.
 *
 * - Never throws: every failure is a `failed` outcome carrying a `Problem` whose message is a short
 *   sentence for a person (it is shown in the popup as the reason a verdict is `unknown`).
 * - Conditional requests: the caller passes the validators it stored with the last body; a 304 is
 *   `not_modified` and the caller keeps that body.
 * - Bounded: one deadline covers the headers and the whole body; the body is read as a stream and
 *   the stream is cancelled as soon as it exceeds `maxBytes` (a 20 MB answer is never buffered).
 * - Bytes are decoded here (`decodeBody`), not by `response.text()`: AWS serves its JSON as
 *   UTF-16BE with a BOM, and other hosts mislabel charsets.
 */
import type { Problem } from '../model';
import type { ReadMode } from './access';
import { sseScanner, type SseScanner } from './sse';

export interface Validators {
  etag?: string;
  lastModified?: string;
}

export interface FetchDeps {
  fetch: typeof globalThis.fetch;
  now: () => number;
}

export interface FetchOptions {
  expect: 'json' | 'xml' | 'text';
  /** Sent as If-None-Match / If-Modified-Since. */
  validators?: Validators;
  /** One deadline for headers and body. Default 10 000 ms. */
  timeoutMs?: number;
  /** Largest body we agree to read. Default 5 MiB. */
  maxBytes?: number;
  /**
   * How the feed's host may be read (core/net/access.ts). `host` (default): the extension holds a
   * host permission and revalidates itself — If-None-Match / If-Modified-Since, a real 304, and the
   * browser cache kept out of it. `cors`: no host permission, so a plain CORS request with no
   * custom header (one would trigger a preflight); the browser's HTTP cache revalidates with its own
   * validators (`cache: 'no-cache'`) and hands back its copy after a 304, so "unchanged" is a 200
   * whose ETag (or Last-Modified) equals `validators` — reported as `not_modified` like a 304.
   */
  mode?: ReadMode;
  /**
   * The answer is a server-sent event stream (text/event-stream) that never ends by itself: read it
   * only until the first complete event of this name, then hang up. The outcome's `text` is that
   * event's data. The deadline and the size cap cover the read as usual: a stream that stays silent
   * is a timeout, never a snapshot. Conditional requests do not apply to a stream (no ETag, no
   * Last-Modified, no 304): no validators are sent and none are kept.
   */
  sseEvent?: string;
}

export type FetchOutcome =
  | {
      kind: 'fresh';
      text: string;
      validators: Validators;
      contentType: string;
      finalUrl: string;
      bytes: number;
      status: number;
    }
  /** 304: the caller keeps its last body. */
  | { kind: 'not_modified'; validators: Validators; finalUrl: string }
  | { kind: 'failed'; problem: Problem; retryAfterMs?: number };

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
/** Longest Retry-After we honour (a provider asking for a day is treated as asking for 6 h). */
export const MAX_RETRY_AFTER_MS = 6 * 60 * 60 * 1000;

const ACCEPT: Record<FetchOptions['expect'], string> = {
  json: 'application/json',
  xml: 'application/rss+xml, application/atom+xml, application/xml, text/xml',
  text: '*/*',
};

const TIMED_OUT = Symbol('timed out');
type TimedOut = typeof TIMED_OUT;

export async function fetchFeed(url: string, opts: FetchOptions, deps: FetchDeps): Promise<FetchOutcome> {
  const timeoutMs = positiveOr(opts.timeoutMs, DEFAULT_TIMEOUT_MS);
  const maxBytes = positiveOr(opts.maxBytes, DEFAULT_MAX_BYTES);
  const sent = opts.validators ?? {};
  const cors = opts.mode === 'cors';
  const sse = opts.sseEvent !== undefined && opts.sseEvent !== '' ? opts.sseEvent : null;
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // One deadline for the whole exchange. We race every await against it rather than relying on
  // the abort signal alone: an aborted signal does not always reach a body stream promptly (and a
  // fake fetch in tests may ignore it entirely).
  const deadline = new Promise<TimedOut>((resolve) => {
    timer = setTimeout(() => {
      // Resolve before aborting, so the race sees the deadline before the abort's rejection.
      resolve(TIMED_OUT);
      controller.abort();
    }, timeoutMs);
  });
  const timedOut = (): FetchOutcome =>
    failed({
      code: 'timeout',
      message:
        sse === null
          ? `the status page did not answer within ${formatDuration(timeoutMs)}`
          : `the status stream sent no “${sse}” within ${formatDuration(timeoutMs)}`,
    });

  try {
    // Accept is a CORS-safelisted header; the conditional ones are not.
    const headers: Record<string, string> = { Accept: sse === null ? ACCEPT[opts.expect] : 'text/event-stream' };
    if (!cors && sse === null && sent.etag) headers['If-None-Match'] = sent.etag;
    if (!cors && sse === null && sent.lastModified) headers['If-Modified-Since'] = sent.lastModified;

    let response: Response | TimedOut;
    try {
      response = await race(
        // Wrapped so a fetch that throws synchronously is a rejection like any other.
        Promise.resolve().then(() =>
          deps.fetch(url, {
            method: 'GET',
            headers,
            credentials: 'omit',
            // host mode: not 'no-cache' — we revalidate ourselves; the browser cache must not answer
            // for us or turn our 304 into a 200 from its own copy. cors mode: the browser revalidates.
            cache: cors ? 'no-cache' : 'no-store',
            redirect: 'follow',
            referrerPolicy: 'no-referrer',
            signal: controller.signal,
            // Asserted, not annotated: the relay (relay/) compiles this file against the Workers
            // types, whose RequestInit lacks `credentials`/`referrerPolicy` (workerd ignores them).
          } as RequestInit),
        ),
        deadline,
      );
    } catch (e) {
      if (controller.signal.aborted) return timedOut();
      // A CORS read that the server does not allow fails exactly like an unreachable host.
      const what = cors ? 'the status page could not be reached, or did not allow the read' : 'the status page could not be reached';
      return failed({ code: 'network', message: withDetail(what, e) });
    }
    if (response === TIMED_OUT) return timedOut();

    const finalUrl = response.url || url;

    // A status page that now redirects elsewhere has probably moved (or been shut down and pointed
    // at the marketing site): say so rather than parse whatever the other host answers.
    if (response.redirected && response.url) {
      const from = hostOf(url);
      const to = hostOf(response.url);
      if (from !== null && to !== null && sameSite(from, to) === false) {
        discard(response);
        return failed({ code: 'redirect', message: `the status page now redirects to ${to} — the provider may have moved it` });
      }
    }

    const status = response.status;
    if (sse === null && (status === 304 || (cors && status === 200 && sameValidators(response.headers, sent)))) {
      discard(response);
      return { kind: 'not_modified', validators: validatorsOf(response.headers, sent), finalUrl };
    }
    if (status < 200 || status > 299) {
      discard(response);
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), deps.now());
      const withRetry = (problem: Problem): FetchOutcome => failed(problem, retryAfterMs);
      if (status === 429) {
        return withRetry({ code: 'rate_limited', message: 'the status page asked us to slow down (HTTP 429)', httpStatus: 429 });
      }
      if (status >= 500) {
        return withRetry({ code: 'http', message: `the status page is having trouble (HTTP ${status})`, httpStatus: status });
      }
      return withRetry({ code: 'http', message: `the status page answered HTTP ${status} — the feed may have moved`, httpStatus: status });
    }

    const contentType = response.headers.get('content-type') ?? '';
    const mime = mimeOf(contentType);
    if (sse !== null && mime !== 'text/event-stream') {
      discard(response);
      if (mime === 'text/html' || mime === 'application/xhtml+xml') return failed(HTML_PROBLEM);
      return failed({
        code: 'content_type',
        message: `the status page answered with ${mime || 'no content type'} instead of an event stream`,
      });
    }
    if (opts.expect !== 'text') {
      if (mime === 'text/html' || mime === 'application/xhtml+xml') {
        discard(response);
        return failed(HTML_PROBLEM);
      }
      if (!acceptable(opts.expect, mime)) {
        discard(response);
        return failed({
          code: 'content_type',
          message: `the status page answered with ${mime} instead of ${opts.expect === 'json' ? 'JSON' : 'XML'}`,
        });
      }
    }

    const declared = parseContentLength(response.headers.get('content-length'));
    if (declared !== null && declared > maxBytes) {
      discard(response);
      return failed(tooLarge(maxBytes));
    }

    const scanner = sse === null ? null : sseScanner(sse);
    const read = await readCapped(response, maxBytes, deadline, scanner);
    if (read === TIMED_OUT) return timedOut();
    if (read === 'too_large') return failed(tooLarge(maxBytes));
    if (read instanceof Error) {
      if (controller.signal.aborted) return timedOut();
      return failed({ code: 'network', message: withDetail('the connection to the status page broke while reading', read) });
    }

    if (scanner !== null) {
      const event = scanner.push(new Uint8Array(0));
      if (event === null) return failed({ code: 'parse', message: `the status stream ended without sending “${sse}”` });
      return { kind: 'fresh', text: event, validators: {}, contentType, finalUrl, bytes: read.byteLength, status };
    }
    const text = decodeBody(read, contentType || null);
    if (opts.expect !== 'text') {
      if (text.trim() === '') return failed({ code: 'parse', message: 'the status page sent an empty answer' });
      if (looksLikeHtml(text)) return failed(HTML_PROBLEM);
    }
    return {
      kind: 'fresh',
      text,
      validators: validatorsOf(response.headers, {}),
      contentType,
      finalUrl,
      bytes: read.byteLength,
      status,
    };
  } catch (e) {
    // Should be unreachable; a broken Response-like object from a test or a browser quirk.
    return failed({ code: 'internal', message: withDetail('the status feed could not be read', e) });
  } finally {
    clearTimeout(timer);
    // Harmless when everything was read; frees the connection when we gave up early.
    controller.abort();
  }
}

const HTML_PROBLEM: Problem = { code: 'html', message: 'the status page answered with HTML — it may have moved' };

function failed(problem: Problem, retryAfterMs?: number): FetchOutcome {
  return retryAfterMs === undefined ? { kind: 'failed', problem } : { kind: 'failed', problem, retryAfterMs };
}

function tooLarge(maxBytes: number): Problem {
  return { code: 'too_large', message: `the status feed is larger than ${formatBytes(maxBytes)} — refusing to read it` };
}

function race<T>(p: Promise<T>, deadline: Promise<TimedOut>): Promise<T | TimedOut> {
  // The loser may reject later (e.g. aborted); it must not surface as an unhandled rejection.
  p.catch(() => undefined);
  return Promise.race([p, deadline]);
}

/**
 * Read the body as a stream, stopping (and cancelling the stream) as soon as it exceeds the cap —
 * or, with a `scanner`, as soon as it has found its event (the rest of an event stream is never read).
 */
async function readCapped(
  response: Response,
  maxBytes: number,
  deadline: Promise<TimedOut>,
  scanner: SseScanner | null = null,
): Promise<Uint8Array | TimedOut | 'too_large' | Error> {
  const body = response.body;
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const stop = () => {
    try {
      reader.cancel().catch(() => undefined);
    } catch {
      /* already released */
    }
  };
  for (;;) {
    let step: ReadableStreamReadResult<Uint8Array> | TimedOut;
    try {
      step = await race(reader.read(), deadline);
    } catch (e) {
      stop();
      return e instanceof Error ? e : new Error(String(e));
    }
    if (step === TIMED_OUT) {
      stop();
      return TIMED_OUT;
    }
    if (step.done) break;
    const chunk = step.value;
    if (!(chunk instanceof Uint8Array)) {
      stop();
      return new Error('unexpected body chunk');
    }
    total += chunk.byteLength;
    if (total > maxBytes) {
      stop();
      return 'too_large';
    }
    chunks.push(chunk);
    if (scanner !== null && scanner.push(chunk) !== null) {
      stop();
      break;
    }
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** Cancel a body we will not read, so the connection is freed. Never throws. */
function discard(response: Response): void {
  try {
    if (response.body && !response.bodyUsed && !response.body.locked) response.body.cancel().catch(() => undefined);
  } catch {
    /* nothing to free */
  }
}

/**
 * A CORS read answered from the browser's cache after its own 304 (or a server that ignores
 * validators): the response carries the validators we kept with the stored body. The ETag decides
 * when both sides have one (Statuspage exposes it); else Last-Modified (always readable in CORS).
 */
function sameValidators(headers: Headers, sent: Validators): boolean {
  const etag = headers.get('etag');
  if (sent.etag && etag) return etag === sent.etag;
  const lastModified = headers.get('last-modified');
  return !!sent.lastModified && !!lastModified && lastModified === sent.lastModified;
}

function validatorsOf(headers: Headers, fallback: Validators): Validators {
  const out: Validators = {};
  const etag = headers.get('etag') ?? fallback.etag;
  const lastModified = headers.get('last-modified') ?? fallback.lastModified;
  if (etag) out.etag = etag;
  if (lastModified) out.lastModified = lastModified;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Headers

/**
 * Retry-After as milliseconds from `now`: delta-seconds or an HTTP-date. Garbage → undefined;
 * a date in the past → 0; capped at 6 h.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value == null) return undefined;
  const v = value.trim();
  if (v === '') return undefined;
  if (/^\d+$/.test(v)) return Math.min(Number(v) * 1000, MAX_RETRY_AFTER_MS);
  const imf = /^[A-Za-z]{3}, \d{1,2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/; // Sun, 06 Nov 1994 08:49:37 GMT
  const rfc850 = /^[A-Za-z]+, \d{2}-[A-Za-z]{3}-\d{2} \d{2}:\d{2}:\d{2} GMT$/; // Sunday, 06-Nov-94 08:49:37 GMT
  const asctime = /^[A-Za-z]{3} [A-Za-z]{3} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/; // Sun Nov  6 08:49:37 1994
  let at: number;
  if (imf.test(v) || rfc850.test(v)) at = Date.parse(v);
  else if (asctime.test(v)) at = Date.parse(`${v} GMT`);
  else return undefined;
  if (!Number.isFinite(at) || !Number.isFinite(now)) return undefined;
  return Math.min(Math.max(0, at - now), MAX_RETRY_AFTER_MS);
}

function parseContentLength(value: string | null): number | null {
  if (value == null || !/^\s*\d+\s*$/.test(value)) return null;
  return Number(value.trim());
}

/** "application/json; charset=utf-8" → "application/json" (lower case); "" when absent. */
function mimeOf(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

const JSON_OK = new Set([
  'text/plain',
  'text/javascript',
  'application/javascript',
  'application/x-javascript',
  'application/ecmascript',
  'text/ecmascript',
  'application/octet-stream',
  'binary/octet-stream',
]);
const XML_OK = new Set(['text/plain', 'application/octet-stream', 'binary/octet-stream']);

/** Lenient: many status hosts mislabel their feeds; only reject what is clearly something else. */
function acceptable(expect: 'json' | 'xml', mime: string): boolean {
  // Missing or unparseable (no "type/subtype"): give the body a chance.
  if (mime === '' || !mime.includes('/')) return true;
  if (expect === 'json') return mime.includes('json') || JSON_OK.has(mime);
  return mime.includes('xml') || mime.includes('rss') || mime.includes('atom') || XML_OK.has(mime);
}

// ---------------------------------------------------------------------------------------------
// Hosts

function hostOf(u: string): string | null {
  try {
    return new URL(u).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return null;
  }
}

/** Same host, where a leading `www.` makes no difference. */
function sameSite(a: string, b: string): boolean {
  const strip = (h: string) => (h.startsWith('www.') ? h.slice(4) : h);
  return strip(a) === strip(b);
}

// ---------------------------------------------------------------------------------------------
// Bodies

function looksLikeHtml(text: string): boolean {
  const head = text.trimStart().slice(0, 16).toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html');
}

/**
 * Decode a feed body: BOM first (UTF-8, UTF-16BE, UTF-16LE), then the content-type's `charset=`,
 * then a UTF-16 sniff (many zero bytes at even or odd positions among the first 64 bytes), else
 * UTF-8. Never throws (invalid sequences become U+FFFD). The BOM is not part of the result.
 */
export function decodeBody(bytes: Uint8Array, contentType: string | null): string {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) return decode('utf-8', bytes.subarray(3));
  if (b0 === 0xfe && b1 === 0xff) return decode('utf-16be', bytes.subarray(2));
  if (b0 === 0xff && b1 === 0xfe) return decode('utf-16le', bytes.subarray(2));

  const charset = charsetOf(contentType);
  if (charset) {
    if (charset === 'utf-16' || charset === 'utf16' || charset === 'ucs-2') {
      // No BOM: find the byte order from the bytes; browsers' default for bare "utf-16" is LE.
      return decode(sniffUtf16(bytes) ?? 'utf-16le', bytes);
    }
    const label = charset === 'utf8' ? 'utf-8' : charset;
    const text = decodeWith(label, bytes);
    if (text !== null) return stripBom(text);
    // Unknown label: fall through to the sniff and the UTF-8 default.
  }

  const sniffed = sniffUtf16(bytes);
  if (sniffed) return decode(sniffed, bytes);
  return decode('utf-8', bytes);
}

function charsetOf(contentType: string | null): string | null {
  if (!contentType) return null;
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType);
  return m?.[1] ? m[1].toLowerCase() : null;
}

/** 'utf-16be' | 'utf-16le' when the first 64 bytes look like UTF-16 text, else null. */
function sniffUtf16(bytes: Uint8Array): 'utf-16be' | 'utf-16le' | null {
  const n = Math.min(bytes.length, 64) & ~1;
  const pairs = n / 2;
  if (pairs < 2) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  // ASCII-range text in UTF-16BE is 00 xx (zero at even offsets); in LE it is xx 00.
  if (evenZeros >= pairs * 0.4 && oddZeros <= pairs * 0.1) return 'utf-16be';
  if (oddZeros >= pairs * 0.4 && evenZeros <= pairs * 0.1) return 'utf-16le';
  return null;
}

function decode(label: 'utf-8' | 'utf-16be' | 'utf-16le', bytes: Uint8Array): string {
  // ignoreBOM: the BOM (if any) was already removed; a second U+FEFF would be content.
  return new TextDecoder(label, { fatal: false, ignoreBOM: true }).decode(bytes);
}

function decodeWith(label: string, bytes: Uint8Array): string | null {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: false, ignoreBOM: false });
  } catch {
    return null; // RangeError: label not supported
  }
  // iso-8859-1, latin1, us-ascii… all mean windows-1252 (WHATWG Encoding). Some runtimes (Node
  // ≤ 22) report 'windows-1252' but decode 0x80–0x9F as C1 controls; decode it ourselves so the
  // result is the same everywhere.
  return decoder.encoding === 'windows-1252' ? decodeWindows1252(bytes) : decoder.decode(bytes);
}

/** windows-1252 bytes 0x80–0x9F (0 = undefined in the standard: maps to the C1 code point itself). */
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0, 0, 0x2018, 0x2019,
  0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  const step = 8192;
  for (let start = 0; start < bytes.length; start += step) {
    const codes: number[] = [];
    const end = Math.min(bytes.length, start + step);
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      codes.push(b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] || b : b);
    }
    out += String.fromCharCode(...codes);
  }
  return out;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

// ---------------------------------------------------------------------------------------------
// Words for people

function positiveOr(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

function formatBytes(n: number): string {
  const MB = 1024 * 1024;
  if (n >= MB) return `${Number.isInteger(n / MB) ? n / MB : (n / MB).toFixed(1)} MB`;
  if (n >= 1024) return `${Number.isInteger(n / 1024) ? n / 1024 : (n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

const GENERIC_ERRORS = /^(failed to fetch|fetch failed|networkerror when attempting to fetch resource\.?|load failed|network error)$/i;

/**
 * Append a short technical detail in parentheses when it adds something (an error code such as
 * ENOTFOUND, or a short message); browsers' generic "Failed to fetch" adds nothing.
 */
function withDetail(sentence: string, e: unknown): string {
  let detail = '';
  if (e && typeof e === 'object') {
    const cause = (e as { cause?: unknown }).cause;
    const code = cause && typeof cause === 'object' ? (cause as { code?: unknown }).code : undefined;
    const message = (e as { message?: unknown }).message;
    if (typeof code === 'string') detail = code;
    else if (typeof message === 'string') detail = message;
  } else if (typeof e === 'string') {
    detail = e;
  }
  detail = detail.replace(/\s+/g, ' ').trim();
  if (!detail || detail.length > 60 || GENERIC_ERRORS.test(detail)) return sentence;
  return `${sentence} (${detail})`;
}
