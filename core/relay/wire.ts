/**
 * The relay's wire format: what `GET /v1/services/:id` answers and what `POST /v1/reports` accepts.
 * One definition, used by the relay (relay/src/) to write and check, and by the extension
 * (core/relay/client.ts) to read — an answer in any other shape is "disagrees in format", and the
 * extension polls directly instead.
 */
import type { CrowdBucket } from '../crowd/buckets';
import type { SourceId } from '../crowd/source';
import type { OfficialIncident, OfficialSnapshot, Problem } from '../model';

export const RELAY_FORMAT = 'acknowledged-relay/1';

/** What a browser that opted in may report: failed page loads, failed requests, or "It's broken for me". */
export const REPORT_KINDS = ['page-load', 'requests', 'person'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** A window's count is published only when at least this many distinct install tokens reported in it. */
export const MIN_TOKENS = 5;
/** Reports are 15-minute windows, kept 7 days (the spike baseline needs exactly that). */
export const REPORT_WINDOW_MS = 15 * 60_000;
export const REPORT_RETENTION_MS = 7 * 24 * 60 * 60_000;
/** A report names the current window or one of the two before it (a browser that was offline). */
export const REPORT_MAX_AGE_MS = 2 * REPORT_WINDOW_MS;
/** Largest report body accepted (a valid one is < 200 bytes). */
export const MAX_REPORT_BYTES = 1024;

/** The whole report: nothing else is ever sent — no URL, no path, no time finer than the window. */
export interface RelayReport {
  service: string;
  kind: ReportKind;
  /** Start of the 15-minute window, epoch ms (UTC-aligned). */
  bucket: number;
  /** Random, made by the install, replaced every day; lets the relay count distinct browsers. */
  token: string;
}

const TOKEN = /^[A-Za-z0-9_-]{22,64}$/;
const SERVICE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const FIELDS = ['service', 'kind', 'bucket', 'token'] as const;

/** Check a parsed report body. `reason` is a sentence for the sender (sent back with a 400). */
export function parseReport(value: unknown, now: number): { ok: true; report: RelayReport } | { ok: false; reason: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'the body must be a JSON object' };
  const v = value as Record<string, unknown>;
  for (const k of Object.keys(v)) {
    if (!(FIELDS as readonly string[]).includes(k))
      return { ok: false, reason: `unexpected field "${k.slice(0, 40)}": only ${FIELDS.join(', ')} are accepted` };
  }
  if (typeof v.service !== 'string' || !SERVICE_ID.test(v.service)) return { ok: false, reason: 'service must be a catalog id' };
  if (typeof v.kind !== 'string' || !(REPORT_KINDS as readonly string[]).includes(v.kind)) {
    return { ok: false, reason: `kind must be one of ${REPORT_KINDS.join(', ')}` };
  }
  if (typeof v.bucket !== 'number' || !Number.isInteger(v.bucket) || v.bucket % REPORT_WINDOW_MS !== 0) {
    return { ok: false, reason: 'bucket must be the start of a 15-minute window (epoch ms)' };
  }
  const current = Math.floor(now / REPORT_WINDOW_MS) * REPORT_WINDOW_MS;
  if (v.bucket > current || v.bucket < current - REPORT_MAX_AGE_MS) {
    return { ok: false, reason: 'bucket must be the current 15-minute window or one of the two before it' };
  }
  if (typeof v.token !== 'string' || !TOKEN.test(v.token))
    return { ok: false, reason: 'token must be 22–64 characters of A–Z, a–z, 0–9, _ or -' };
  return { ok: true, report: { service: v.service, kind: v.kind as ReportKind, bucket: v.bucket, token: v.token } };
}

/** A 15-minute window and how many distinct people (authors, or browsers) were counted in it. */
export interface RelayWindow {
  bucket: number;
  count: number;
}

export interface RelayOfficial {
  snapshot: OfficialSnapshot | null;
  history: OfficialIncident[];
  /** Epoch ms of the relay's last successful upstream read, and of its last attempt. */
  lastSuccessAt: number | null;
  lastAttemptAt: number | null;
  /** Why the last upstream read failed (the extension shows it as it would its own). */
  problem: Problem | null;
}

export interface RelayComplaints {
  source: 'hn' | 'mastodon';
  /** From when the counts are complete (after the relay's backfill). */
  coverageFrom: number | null;
  lastQueryAt: number | null;
  /** Distinct authors per window; windows without posts are left out. */
  windows: RelayWindow[];
}

export interface RelayBrowsers {
  minTokens: number;
  /** Windows where at least `minTokens` distinct installs reported (others are left out: below k-anonymity). */
  windows: RelayWindow[];
  /** The usual count for the current window (core/crowd/spike.ts baseline), for "40× the usual". */
  usual: number;
  /** From when the relay has been counting (the start of its retention). */
  coverageFrom: number;
}

export interface RelayServiceBody {
  format: typeof RELAY_FORMAT;
  service: string;
  generatedAt: number;
  /** null for services that publish no official feed. */
  official: RelayOfficial | null;
  complaints: RelayComplaints[];
  browsers: RelayBrowsers;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumOrNull = (v: unknown) => v === null || (typeof v === 'number' && Number.isFinite(v));
const isWindows = (v: unknown): v is RelayWindow[] =>
  Array.isArray(v) && v.every((w) => isObj(w) && Number.isFinite(w.bucket) && typeof w.count === 'number' && w.count >= 0);

/** The extension's check of a relay answer: the right format, for the right service, or null. */
export function parseServiceBody(value: unknown, serviceId: string): RelayServiceBody | null {
  if (!isObj(value) || value.format !== RELAY_FORMAT || value.service !== serviceId) return null;
  if (typeof value.generatedAt !== 'number' || !Number.isFinite(value.generatedAt)) return null;
  const o = value.official;
  if (o !== null) {
    if (!isObj(o) || !isNumOrNull(o.lastSuccessAt) || !isNumOrNull(o.lastAttemptAt) || !Array.isArray(o.history)) return null;
    if (o.problem !== null && !(isObj(o.problem) && typeof o.problem.code === 'string' && typeof o.problem.message === 'string'))
      return null;
    const s = o.snapshot;
    if (s !== null) {
      if (!isObj(s) || typeof s.indicator !== 'string') return null;
      if (!Array.isArray(s.components) || !Array.isArray(s.incidents) || !Array.isArray(s.maintenances) || !Array.isArray(s.recent))
        return null;
    }
  }
  if (!Array.isArray(value.complaints)) return null;
  for (const c of value.complaints) {
    if (!isObj(c) || (c.source !== 'hn' && c.source !== 'mastodon') || !isWindows(c.windows) || !isNumOrNull(c.coverageFrom)) return null;
  }
  const b = value.browsers;
  if (
    !isObj(b) ||
    !isWindows(b.windows) ||
    typeof b.usual !== 'number' ||
    typeof b.minTokens !== 'number' ||
    !Number.isFinite(b.coverageFrom)
  )
    return null;
  return value as unknown as RelayServiceBody;
}

/**
 * Published counts as the buckets spike detection reads (core/crowd/spike.ts counts distinct
 * authors): a count of n stands for n distinct people or browsers, named by placeholders — the
 * relay never publishes who they are.
 */
export function windowsToBuckets(windows: readonly RelayWindow[], source: SourceId): CrowdBucket[] {
  return windows.map((w) => ({
    bucket: w.bucket,
    source,
    authors: Array.from({ length: Math.min(Math.floor(w.count), 10_000) }, (_, i) => `${source}-${i}`),
    posts: w.count,
    ids: [],
  }));
}
