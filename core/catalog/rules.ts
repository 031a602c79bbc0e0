/**
 * The rules a catalog entry (and a person's custom status page) must follow, as plain predicates.
 *
 * They are used at runtime without zod (settings repair in the worker and popup, the options page's
 * custom-page form) and by the zod schema in ./schema.ts, which checks the shipped catalog in tests
 * and at build time. One definition of each rule, two users.
 */
import { OFFICIAL_KINDS, type OfficialKind } from '../official/kinds';

/** What kind of service an entry is; used to group and search the catalog. */
export const CATEGORIES = [
  'mail',
  'chat',
  'video',
  'music',
  'social',
  'games',
  'shopping',
  'cloud',
  'developer',
  'ai',
  'productivity',
  'payments',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Catalog ids: lowercase slug, used in storage keys, URLs (`?service=`) and tests. */
export const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

/**
 * A site hostname people visit: lowercase, at least two labels, no scheme, port, path, wildcard
 * or trailing dot. Subdomains match automatically, so `github.com` covers `gist.github.com`.
 */
export const DOMAIN_PATTERN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

/** A hostname that is a domain name (any case; a dotted name ending in a 2–63 letter label — so no IPs, no localhost). */
const HOST_DOMAIN = /^(?=.{1,253}$)(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$/;

export const HTTPS_URL_MESSAGE = 'must be an https URL on a domain name, without credentials';

/** An absolute https URL on a domain name (no IPs, no localhost, no credentials, no whitespace). */
export function isHttpsUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value === '' || value !== value.trim() || /[\t\n\r]/.test(value)) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && HOST_DOMAIN.test(url.hostname) && url.username === '' && url.password === '';
}

/** Kinds whose `url` is the base of the status site (the adapter appends `/api/v2/…` itself). */
export const BASE_URL_KINDS: ReadonlySet<string> = new Set(['statuspage', 'incidentio']);

export const BASE_URL_MESSAGE =
  'official.url is the base of the status site for this kind: no trailing slash, /api path, query or fragment';

/** A base URL for the Statuspage-family kinds: no trailing slash, no /api path, no query or fragment. */
export function isBaseUrl(u: string): boolean {
  try {
    const url = new URL(u);
    return !u.endsWith('/') && url.search === '' && url.hash === '' && !/(^|\/)api(\/|$)/.test(url.pathname);
  } catch {
    return false;
  }
}

export const ISO_DATE_MESSAGE = 'must be an ISO date (YYYY-MM-DD) that exists and is not in the future';

/** A calendar date written YYYY-MM-DD that exists (no 2026-02-30) and is not after `now`. */
export function isIsoDate(value: unknown, now: number = Date.now()): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const t = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === value && t <= now;
}

const KINDS: ReadonlySet<string> = new Set(OFFICIAL_KINDS);
export const isOfficialKind = (v: unknown): v is OfficialKind => typeof v === 'string' && KINDS.has(v);

/** A non-empty string after trimming. */
export const isNonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

/** Where the official word comes from; see ./schema.ts for the meaning of each field. */
export interface Official {
  kind: OfficialKind;
  url: string;
  scope?: string[] | undefined;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A valid `official` block → a fresh copy, else null. Strict like the schema: unknown keys are an
 * error, `scope` (when present) is a non-empty list of non-empty strings.
 */
export function readOfficial(v: unknown): Official | null {
  if (!isPlainObject(v)) return null;
  for (const k of Object.keys(v)) if (k !== 'kind' && k !== 'url' && k !== 'scope') return null;
  const { kind, url, scope } = v;
  if (!isOfficialKind(kind) || !isHttpsUrl(url)) return null;
  if (BASE_URL_KINDS.has(kind) && !isBaseUrl(url)) return null;
  if (scope === undefined) return { kind, url };
  if (!Array.isArray(scope) || scope.length === 0 || !scope.every(isNonEmpty)) return null;
  return { kind, url, scope: (scope as string[]).map((x) => x.trim()) };
}
