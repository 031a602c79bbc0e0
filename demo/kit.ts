/**
 * Shared pieces of the demo's scenario builders (demo/scenarios.ts, demo/formats.ts, demo/crowd.ts):
 * fixture loading, JSON probing, time shifting, responses. Nothing here knows a scenario name.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
export { rng } from './rng';

/** The service a scenario is served for. */
export interface DemoService {
  id: string;
  name: string;
  /** The catalog's `official.url`, e.g. https://www.githubstatus.com or a feed URL. */
  statusUrl: string;
}

export interface FeedResponse {
  status: number;
  headers: Record<string, string>;
  /** A string is sent as UTF-8; a Buffer as is (AWS's UTF-16BE body). */
  body: string | Buffer;
}

export type ScenarioBehaviour =
  { type: 'respond'; routes: Map<string, FeedResponse>; fallback: (pathname: string) => FeedResponse } | { type: 'hang' };

export type ScenarioBuilder = (service: DemoService, now: number) => ScenarioBehaviour;

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type Obj = { [k: string]: Json };

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

// ---------------------------------------------------------------------------------------------
// Fixtures (read once, handed out as fresh copies: builders mutate what they get)

const FEEDS_DIR = new URL('../test/fixtures/feeds/', import.meta.url);
const COMPLAINTS_DIR = new URL('../test/fixtures/complaints/', import.meta.url);

const bytesCache = new Map<string, Buffer>();
function bytesOf(dir: URL, file: string): Buffer {
  const url = new URL(file, dir);
  let b = bytesCache.get(url.href);
  if (b === undefined) {
    b = readFileSync(url);
    bytesCache.set(url.href, b);
  }
  return b;
}

/** Raw bytes of a file in test/fixtures/feeds/ (a copy). */
export function feedBytes(file: string): Buffer {
  return Buffer.from(bytesOf(FEEDS_DIR, file));
}
/** A file in test/fixtures/feeds/ as UTF-8 text. */
export function feedText(file: string): string {
  return bytesOf(FEEDS_DIR, file).toString('utf8');
}
/** A JSON file in test/fixtures/feeds/, freshly parsed (a deep copy every call). */
export function feedJson<T extends Json = Obj>(file: string): T {
  return JSON.parse(feedText(file)) as T;
}
/** A JSON file in test/fixtures/complaints/, freshly parsed. */
export function complaintJson<T extends Json = Obj>(file: string): T {
  return JSON.parse(bytesOf(COMPLAINTS_DIR, file).toString('utf8')) as T;
}

// ---------------------------------------------------------------------------------------------
// Small JSON helpers (the fixtures are trusted, but keep strict typing honest)

export function obj(v: Json | undefined): Obj {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('demo fixture: expected an object');
  return v;
}
export function arr(v: Json | undefined): Json[] {
  if (!Array.isArray(v)) throw new Error('demo fixture: expected an array');
  return v;
}
export function objs(v: Json | undefined): Obj[] {
  return arr(v).map(obj);
}
export function str(v: Json | undefined): string {
  if (typeof v !== 'string') throw new Error('demo fixture: expected a string');
  return v;
}
export function num(v: Json | undefined): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error('demo fixture: expected a number');
  return v;
}

// ---------------------------------------------------------------------------------------------
// Time

/** Full ISO 8601 date-time with seconds and a zone (dates alone, like `start_date`, are left alone). */
export const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})$/;

/** Keys whose values may legitimately be in the future (a maintenance window). */
const FUTURE_KEYS = new Set(['scheduled_for', 'scheduled_until']);

export interface ShiftOptions {
  /** Clamp shifted timestamps to this epoch ms (except maintenance-window keys). */
  notAfter?: number;
  /**
   * Write each shifted time in the zone offset it was written in ("…-07:00" stays "-07:00",
   * "+00:00" stays "+00:00") instead of UTC `Z` (Slack and Google write offsets).
   */
  keepZone?: boolean;
}

/** ISO UTC without milliseconds, as incident.io writes it. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** ISO 8601 in a given offset, e.g. "2026-06-26T03:09:39-07:00" (with ".mmm" when `millis`). */
export function isoInOffset(ms: number, offsetMin: number, millis: boolean): string {
  const d = new Date(ms + offsetMin * 60_000);
  const base =
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}` +
    (millis ? `.${pad(d.getUTCMilliseconds(), 3)}` : '');
  const sign = offsetMin < 0 ? '-' : '+';
  const a = Math.abs(offsetMin);
  return `${base}${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

function formatLike(original: string, ms: number, keepZone: boolean): string {
  const millis = /\.\d+/.test(original);
  const zone = /([+-])(\d{2}):?(\d{2})$/.exec(original);
  if (keepZone && zone) {
    const offset = (zone[1] === '-' ? -1 : 1) * (Number(zone[2]) * 60 + Number(zone[3]));
    return isoInOffset(ms, offset, millis);
  }
  // incident.io's compat API writes whole seconds (`…:40Z`); keep that texture.
  return millis ? new Date(ms).toISOString() : isoSeconds(ms);
}

/**
 * Returns a deep copy of `value` with every ISO date-time string moved by `deltaMs`, written in UTC
 * (or in its own offset with `keepZone`).
 */
export function shiftTimestamps<T extends Json>(value: T, deltaMs: number, opts: ShiftOptions = {}): T {
  const walk = (v: Json, key: string | null): Json => {
    if (typeof v === 'string') {
      if (!ISO_DATE_TIME.test(v)) return v;
      const t = Date.parse(v);
      if (Number.isNaN(t)) return v;
      let shifted = t + deltaMs;
      if (opts.notAfter !== undefined && !(key !== null && FUTURE_KEYS.has(key))) {
        shifted = Math.min(shifted, opts.notAfter);
      }
      return formatLike(v, shifted, opts.keepZone === true);
    }
    if (Array.isArray(v)) return v.map((x) => walk(x, key));
    if (v !== null && typeof v === 'object') {
      const out: Obj = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x, k);
      return out;
    }
    return v;
  };
  return walk(value, null) as T;
}

/** Latest ISO timestamp anywhere in a JSON value (-Infinity when none). */
export function latestTimestampMs(value: Json): number {
  let max = -Infinity;
  const walk = (v: Json): void => {
    if (typeof v === 'string' && ISO_DATE_TIME.test(v)) max = Math.max(max, Date.parse(v));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(value);
  return max;
}

/** Round a shift down to whole minutes, so minute-precision text ("04:36 UTC") moves exactly with it. */
export function wholeMinutes(deltaMs: number): number {
  return Math.floor(deltaMs / MIN) * MIN;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** RFC 822 as Azure writes it: "Sat, 20 Jul 2024 12:59:45 Z". */
export function rfc822Z(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} Z`;
}

export const MONTH_ABBR = MONTHS;

// ---------------------------------------------------------------------------------------------
// Rebranding

/** Replace every occurrence of `from` inside strings (e.g. "Visit www.githubstatus.com for more information"). */
export function replaceInStrings<T extends Json>(value: T, from: string, to: string): T {
  if (from === to) return value;
  const walk = (v: Json): Json => {
    if (typeof v === 'string') return v.split(from).join(to);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      const out: Obj = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x);
      return out;
    }
    return v;
  };
  return walk(value) as T;
}

export function statusHost(service: DemoService): string {
  return new URL(service.statusUrl).host;
}
export function statusOrigin(service: DemoService): string {
  return new URL(service.statusUrl).origin;
}
/** The path part of the catalog URL (a feed URL such as /api/v2.0.0/current), '/' for a base URL. */
export function statusPath(service: DemoService): string {
  return new URL(service.statusUrl).pathname || '/';
}

// ---------------------------------------------------------------------------------------------
// Responses

export function etagOf(body: string | Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

export function byteResponse(body: string | Buffer, contentType: string, status = 200, extra: Record<string, string> = {}): FeedResponse {
  const headers: Record<string, string> = {
    'content-type': contentType,
    'cache-control': 'public, max-age=0, must-revalidate',
    'access-control-allow-origin': '*',
    // As Atlassian Statuspage does: a CORS reader may see the ETag (core/net/fetch.ts, mode 'cors').
    'access-control-expose-headers': 'ETag',
    ...extra,
  };
  if (status >= 200 && status < 300) headers['etag'] = etagOf(body);
  return { status, headers, body };
}

export function jsonResponse(value: unknown, status = 200): FeedResponse {
  return byteResponse(JSON.stringify(value), 'application/json; charset=utf-8', status);
}

export function htmlResponse(body: string, status = 200): FeedResponse {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' }, body };
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A small HTML page for humans who follow a link to the (simulated) status page itself. */
export function statusPageHtml(service: DemoService, scenario: string, description: string, setAt: number, feedPath: string): FeedResponse {
  return htmlResponse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(service.name)} status (simulated)</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1f2328}
code{background:#f3f4f6;padding:.1em .3em;border-radius:4px}</style></head>
<body><h1>${escapeHtml(service.name)} status — simulated</h1>
<p>This status page is served by Acknowledged's demo server. Its machine-readable feed
(<code>${escapeHtml(feedPath)}</code>) is in scenario <code>${escapeHtml(scenario)}</code>:
${escapeHtml(description)}.</p>
<p>Scenario set at ${escapeHtml(new Date(setAt).toISOString())}.</p></body></html>
`);
}

// ---------------------------------------------------------------------------------------------
// Deterministic pseudo-randomness (scenarios must be reproducible from their set time)

/** 32-bit FNV-1a of a string. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < s.length; k++) {
    h ^= s.charCodeAt(k);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
