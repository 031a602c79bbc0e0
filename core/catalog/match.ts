/**
 * A catalog over a list of services: lookup by id and by hostname (longest-suffix match). Pure;
 * see ./catalog.ts for where the data comes from.
 */
import type { Service } from './schema';

export interface Catalog {
  /** Every catalogued service, in file order. */
  readonly services: readonly Service[];
  get(id: string): Service | undefined;
  /** The service owning a hostname (see `matchIn`), or null. */
  match(hostname: string): Service | null;
  /** The service one of whose `apiHosts` covers a hostname (same rule as `match`), or null. */
  matchApiHost(hostname: string): Service | null;
}

/** What `matchIn` needs of an index: a Map, or a lazy lookup (./packed.ts). */
export interface HostLookup {
  get(host: string): Service | undefined;
}

/** Entries are frozen: every page and part of the worker shares them. Returns `s`. */
export function freezeService(s: Service): Service {
  Object.freeze(s.domains);
  if (s.apiHosts) Object.freeze(s.apiHosts);
  if (s.searchTerms) Object.freeze(s.searchTerms);
  if (s.parts) Object.freeze(s.parts.map((p) => Object.freeze(p)));
  if (s.official) {
    if (s.official.scope) Object.freeze(s.official.scope);
    Object.freeze(s.official);
  }
  return Object.freeze(s);
}

/**
 * A catalog over a list of (already validated) services, every entry indexed at once. Entries
 * are frozen. Node-side code and tests use it; the extension reads the packed file
 * (./packed.ts), which parses an entry only when it is asked for.
 */
export function catalogFrom(services: readonly Service[]): Catalog {
  for (const s of services) freezeService(s);
  Object.freeze(services);
  const byId: ReadonlyMap<string, Service> = new Map(services.map((s) => [s.id, s]));
  // domain → owning service; the schema guarantees no domain has two owners.
  const byDomain: ReadonlyMap<string, Service> = new Map(services.flatMap((s) => s.domains.map((d) => [d, s] as const)));
  const byApiHost: ReadonlyMap<string, Service> = new Map(services.flatMap((s) => (s.apiHosts ?? []).map((h) => [h, s] as const)));
  return {
    services,
    get: (id) => byId.get(id),
    match: (host) => matchIn(byDomain, host),
    matchApiHost: (host) => matchIn(byApiHost, host),
  };
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/**
 * The service that owns a hostname, by longest-suffix match on whole labels: `gist.github.com` →
 * GitHub, `notgithub.com` → null, `github.com.evil.io` → null. Case-insensitive; a trailing dot
 * is ignored. IP addresses (v4, or v6 with or without brackets) and empty input → null.
 */
export function matchIn(byDomain: HostLookup, hostname: string): Service | null {
  let host = hostname.trim().toLowerCase();
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host === '' || host.includes(':') || host.startsWith('[') || IPV4.test(host)) return null;
  const labels = host.split('.');
  if (labels.some((l) => l === '')) return null;
  for (let i = 0; i < labels.length; i++) {
    const hit = byDomain.get(labels.slice(i).join('.'));
    if (hit) return hit;
  }
  return null;
}

/** The hostname of an http(s) URL (lowercased by the URL parser), or null for anything else. */
export function hostnameOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  return parsed.hostname === '' ? null : parsed.hostname;
}
