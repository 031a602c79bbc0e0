/**
 * Part patterns: which addresses of a site are which part of the service (catalog `parts[].match`).
 *
 * Grammar (kept tiny on purpose, so a catalog author can read it and a matcher cannot surprise):
 *   "/seg/seg"             any hostname of the service, path starting with these segments
 *   "host/seg/seg"         exactly that hostname
 *   "*.domain/seg"         any subdomain of `domain` (not `domain` itself)
 *   "host" or "*.domain"   the whole host, every path
 * A segment is a literal (case-insensitive) or `*` (exactly one segment of any value). A pattern
 * matches when the address's first path segments match it: "/*\/*\/pulls" matches
 * "/octo/repo/pulls/12" but not "/octo/pulls".
 *
 * Pure and in memory: the URL is read here at navigation, never stored or sent (docs/design.md,
 * "The part in front of you").
 */

export interface PatternParts {
  /** null: any hostname of the service. */
  host: { exact: string } | { suffix: string } | null;
  segments: string[];
}

const SEGMENT = /^(?:\*|[a-z0-9._~@:+-]+)$/;
const HOST = /^(?:\*\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

/** A pattern → its parts, or null when it does not follow the grammar (the schema rejects those). */
export function parsePattern(pattern: string): PatternParts | null {
  if (pattern !== pattern.trim() || pattern === '' || /[?#\s]/.test(pattern)) return null;
  const slash = pattern.indexOf('/');
  const hostPart = slash === -1 ? pattern : pattern.slice(0, slash);
  const pathPart = slash === -1 ? '' : pattern.slice(slash + 1);
  let host: PatternParts['host'] = null;
  if (hostPart !== '') {
    if (!HOST.test(hostPart)) return null;
    host = hostPart.startsWith('*.') ? { suffix: hostPart.slice(2) } : { exact: hostPart };
  } else if (slash !== 0) {
    return null;
  }
  const segments = pathPart === '' ? [] : pathPart.replace(/\/$/, '').split('/');
  if (!segments.every((s) => SEGMENT.test(s))) return null;
  if (host === null && segments.length === 0) return null; // "/" alone would be the whole service: say nothing
  return { host, segments };
}

/** The path of a URL as lowercase segments, percent-decoding left alone (patterns are plain ASCII). */
export function pathSegments(pathname: string): string[] {
  return pathname
    .toLowerCase()
    .split('/')
    .filter((s) => s !== '');
}

/** Whether a parsed pattern matches a hostname (lowercase, no trailing dot) and path segments. */
export function patternMatches(p: PatternParts, hostname: string, segments: readonly string[]): boolean {
  if (p.host !== null) {
    if ('exact' in p.host ? hostname !== p.host.exact : !hostname.endsWith(`.${p.host.suffix}`)) return false;
  }
  if (segments.length < p.segments.length) return false;
  return p.segments.every((want, i) => want === '*' || want === segments[i]);
}

const cache = new Map<string, PatternParts | null>();

/** `parsePattern` with a small cache: the same catalog patterns are tested on every navigation. */
export function compiled(pattern: string): PatternParts | null {
  let hit = cache.get(pattern);
  if (hit === undefined && !cache.has(pattern)) {
    hit = parsePattern(pattern);
    if (cache.size < 2000) cache.set(pattern, hit);
  }
  return hit ?? null;
}
