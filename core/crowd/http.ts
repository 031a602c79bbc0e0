/**
 * JSON requests for complaint sources, through the one fetch path (core/net/fetch.ts `fetchFeed`):
 * its deadline, size cap, charset handling and Retry-After parsing apply to every request here.
 *
 * fetchFeed only issues plain GETs and drops error bodies, so this module wraps the injected
 * fetch for one call: it adds the method, body and headers the source needs (POST for Bluesky's
 * login, `Authorization` for Bluesky and IsDown), and for non-2xx answers it reads at most 4 KiB
 * of the body first to learn the XRPC error name (`ExpiredToken`…) and turns rate-limit reset
 * headers into Retry-After. The budget is charged here, before anything is sent.
 */
import type { Problem } from '../model';
import { fetchFeed, type FetchDeps } from '../net/fetch';
import type { BudgetGate } from './budget';
import { DEFAULT_RATE_LIMIT_MS, type SourceStatus } from './source';

export interface JsonRequest {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** JSON-serialisable body (POST only). */
  json?: unknown;
  maxBytes?: number;
  timeoutMs?: number;
}

export type JsonResponse =
  | { ok: true; status: number; json: unknown }
  | {
      ok: false;
      /** HTTP status, or null when no answer came (network, timeout, budget). */
      status: number | null;
      problem: Problem;
      retryAfterMs?: number;
      /** XRPC / API error name from a JSON error body, e.g. "ExpiredToken". */
      errorName?: string;
      /** True when our own hourly budget stopped the request (nothing was sent). */
      budget?: boolean;
    };

const ERROR_BODY_MAX = 4096;
/** Complaint-source answers are small; 2 MiB is plenty for 100 posts or 1000 HN hits. */
export const DEFAULT_SOURCE_MAX_BYTES = 2 * 1024 * 1024;

export interface RequestDeps extends FetchDeps {
  budget?: BudgetGate | undefined;
  timeoutMs?: number | undefined;
}

/** One JSON request. `label` names the source in messages ("Hacker News search"). Never throws. */
export async function requestJson(req: JsonRequest, deps: RequestDeps, label: string): Promise<JsonResponse> {
  const now = deps.now();
  if (deps.budget && !deps.budget.take(now)) {
    const wait = deps.budget.waitMs(now);
    return {
      ok: false,
      status: null,
      budget: true,
      retryAfterMs: wait,
      problem: { code: 'rate_limited', message: `${label}: the hourly request budget (${deps.budget.limit}) is used up` },
    };
  }

  let errorName: string | undefined;
  const wrapped: typeof globalThis.fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    for (const [k, v] of Object.entries(req.headers ?? {})) headers.set(k, v);
    const method = req.method ?? 'GET';
    const next: RequestInit = { ...init, method, headers };
    if (method === 'POST' && req.json !== undefined) {
      headers.set('Content-Type', 'application/json');
      next.body = JSON.stringify(req.json);
    }
    const response = await deps.fetch(input, next);
    if (response.status >= 200 && response.status <= 299) return response;
    // An error answer: learn what we can from a small prefix of the body, then hand fetchFeed a
    // body-less copy (it only looks at the status and headers of an error).
    const text = await readPrefix(response, ERROR_BODY_MAX);
    errorName = errorNameOf(text);
    const outHeaders = new Headers(response.headers);
    if (!outHeaders.has('retry-after')) {
      const reset = resetHeaderMs(response.headers, deps.now());
      if (reset !== undefined) outHeaders.set('retry-after', String(Math.ceil(reset / 1000)));
    }
    const copy = new Response(null, { status: response.status, statusText: response.statusText, headers: outHeaders });
    if (response.url) Object.defineProperty(copy, 'url', { value: response.url });
    return copy;
  };

  const opts: { expect: 'json'; maxBytes: number; timeoutMs?: number } = {
    expect: 'json',
    maxBytes: req.maxBytes ?? DEFAULT_SOURCE_MAX_BYTES,
  };
  const timeoutMs = req.timeoutMs ?? deps.timeoutMs;
  if (timeoutMs !== undefined) opts.timeoutMs = timeoutMs;
  const out = await fetchFeed(req.url, opts, { fetch: wrapped, now: deps.now });

  if (out.kind === 'failed') {
    const status = out.problem.httpStatus ?? null;
    const problem = reword(out.problem, label);
    const res: JsonResponse = { ok: false, status, problem };
    if (out.retryAfterMs !== undefined) res.retryAfterMs = out.retryAfterMs;
    if (errorName !== undefined) res.errorName = errorName;
    return res;
  }
  if (out.kind === 'not_modified') {
    // We never send validators, so a 304 is a confused server.
    return { ok: false, status: 304, problem: { code: 'http', message: `${label} answered 304 to a plain request`, httpStatus: 304 } };
  }
  try {
    return { ok: true, status: out.status, json: JSON.parse(out.text) as unknown };
  } catch {
    return { ok: false, status: out.status, problem: { code: 'parse', message: `${label} sent something that is not JSON` } };
  }
}

/** fetchFeed words problems for status pages; say which source it was instead. */
function reword(p: Problem, label: string): Problem {
  let message: string;
  if (p.code === 'rate_limited') message = `${label} asked us to slow down (HTTP 429)`;
  else if (p.code === 'http' && p.httpStatus !== undefined) {
    message = p.httpStatus >= 500 ? `${label} is having trouble (HTTP ${p.httpStatus})` : `${label} answered HTTP ${p.httpStatus}`;
  } else {
    message = `${label}: ${p.message.replace(/\bthe status (page|feed)\b/g, 'the service')}`;
  }
  return p.httpStatus === undefined ? { code: p.code, message } : { code: p.code, message, httpStatus: p.httpStatus };
}

async function readPrefix(response: Response, max: number): Promise<string> {
  const body = response.body;
  if (!body) return '';
  let reader: ReadableStreamDefaultReader<Uint8Array>;
  try {
    reader = body.getReader();
  } catch {
    return '';
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    while (total < max) {
      const step = await reader.read();
      if (step.done) break;
      if (!(step.value instanceof Uint8Array)) break;
      chunks.push(step.value);
      total += step.value.byteLength;
    }
  } catch {
    /* a broken error body tells us nothing */
  } finally {
    reader.cancel().catch(() => undefined);
  }
  const bytes = new Uint8Array(Math.min(total, max));
  let at = 0;
  for (const c of chunks) {
    const take = Math.min(c.byteLength, bytes.byteLength - at);
    if (take <= 0) break;
    bytes.set(c.subarray(0, take), at);
    at += take;
  }
  return new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(bytes);
}

/** `{"error":"ExpiredToken","message":"…"}` → "ExpiredToken" (only a short identifier). */
function errorNameOf(text: string): string | undefined {
  try {
    const v = JSON.parse(text) as unknown;
    if (v && typeof v === 'object') {
      const e = (v as { error?: unknown }).error;
      if (typeof e === 'string' && /^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(e)) return e;
    }
  } catch {
    /* not JSON */
  }
  return undefined;
}

/**
 * Rate-limit reset headers some services send instead of Retry-After: Mastodon's
 * `X-RateLimit-Reset` (ISO date), atproto's `RateLimit-Reset` (epoch seconds).
 */
function resetHeaderMs(headers: Headers, now: number): number | undefined {
  for (const name of ['ratelimit-reset', 'x-ratelimit-reset']) {
    const v = headers.get(name)?.trim();
    if (!v) continue;
    let at: number;
    if (/^\d{9,11}$/.test(v))
      at = Number(v) * 1000; // epoch seconds
    else if (/^\d{1,8}$/.test(v))
      at = now + Number(v) * 1000; // delta seconds
    else if (/[-:]/.test(v)) at = Date.parse(v);
    else continue;
    if (Number.isFinite(at)) return Math.max(0, at - now);
  }
  return undefined;
}

/** Whether the request went out (our own budget refusing it sends nothing). */
export function wasSent(res: JsonResponse): boolean {
  return res.ok || res.budget !== true;
}

export type JsonFailure = Extract<JsonResponse, { ok: false }>;

/** A failed request as a source status: 429 and our own budget are `rate_limited`, the rest `error`. */
export function statusOf(res: JsonFailure, fallbackRetryMs: number = DEFAULT_RATE_LIMIT_MS): SourceStatus {
  if (res.budget || res.status === 429) {
    return { state: 'rate_limited', message: res.problem.message, retryAfterMs: res.retryAfterMs ?? fallbackRetryMs };
  }
  return res.retryAfterMs === undefined
    ? { state: 'error', problem: res.problem }
    : { state: 'error', problem: res.problem, retryAfterMs: res.retryAfterMs };
}
