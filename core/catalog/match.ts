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
}

/** A catalog over a list of (already validated) services. Entries are frozen. */
export function catalogFrom(services: readonly Service[]): Catalog {
  for (const s of services) {
    Object.freeze(s.domains);
    if (s.apiHosts) Object.freeze(s.apiHosts);
    if (s.searchTerms) Object.freeze(s.searchTerms);
    if (s.parts) Object.freeze(s.parts.map((p) => Object.freeze(p)));
    if (s.official) {
      if (s.official.scope) Object.freeze(s.official.scope);
      Object.freeze(s.official);
    }
    Object.freeze(s);
  }
  Object.freeze(services);
  const byId: ReadonlyMap<string, Service> = new Map(services.map((s) => [s.id, s]));
  // domain → owning service; the schema guarantees no domain has two owners.
  const byDomain: ReadonlyMap<string, Service> = new Map(services.flatMap((s) => s.domains.map((d) => [d, s] as const)));
  return { services, get: (id) => byId.get(id), match: (host) => matchIn(byDomain, host) };
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/**
 * The service that owns a hostname, by longest-suffix match on whole labels: `gist.github.com` →
 * GitHub, `notgithub.com` → null, `github.com.evil.io` → null. Case-insensitive; a trailing dot
 * is ignored. IP addresses (v4, or v6 with or without brackets) and empty input → null.
 */
export function matchIn(byDomain: ReadonlyMap<string, Service>, hostname: string): Service | null {
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
