/** Shared helpers for the complaint-source tests: fixtures and a recording fake fetch. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FetchDeps } from '../../../core/net/fetch';

export const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

export function fixture<T = unknown>(name: string): T {
  const path = fileURLToPath(new URL(`../../fixtures/complaints/${name}`, import.meta.url));
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

export const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

export interface Call {
  url: string;
  method: string;
  headers: Headers;
  body: string | null;
}

export type Answer = Response | ((call: Call, n: number) => Response | Promise<Response>);

/** A fake fetch that answers with `answer` and records every request. */
export function fakeFetch(answer: Answer, now: number | (() => number) = NOW) {
  const calls: Call[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const call: Call = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? init.body : null,
    };
    calls.push(call);
    return typeof answer === 'function' ? answer(call, calls.length) : answer.clone();
  }) as typeof globalThis.fetch;
  const deps: FetchDeps = { fetch, now: typeof now === 'function' ? now : () => now };
  return { deps, calls };
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });
}

export function status(code: number, headers: Record<string, string> = {}, body: string | null = null): Response {
  return new Response(body, { status: code, headers });
}

export const iso = (t: number) => new Date(t).toISOString();
