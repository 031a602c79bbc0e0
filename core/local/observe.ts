/**
 * Which requests belong to which service, and what the person is asked to allow for a service
 * ("Watch this site's requests"). Pure; used by the worker (./watch.ts), the popup and options.
 *
 * A service's requests are those to its `domains` and its catalog `apiHosts`, subdomains included
 * — exactly the hosts it is asked permission for, and nothing else: a page's third-party analytics
 * or ad hosts are never observed (the browser does not even report them without permission).
 */
import type { Service } from '../catalog/schema';

/** Every host whose requests are this service's: its domains, then its API hosts. */
export function requestHosts(s: Pick<Service, 'domains' | 'apiHosts'>): string[] {
  return [...new Set([...s.domains, ...(s.apiHosts ?? [])])];
}

/** Host permission patterns for exactly those hosts and their subdomains; https only (what apps call). */
export function requestOrigins(s: Pick<Service, 'domains' | 'apiHosts'>): string[] {
  return requestHosts(s).map((h) => `https://*.${h}/*`);
}

/**
 * What "Watch this site's requests" asks the browser for: exactly the service's hosts. (The
 * `webRequest` API permission is granted at install and sees nothing without them.)
 */
export function requestPermissions(s: Pick<Service, 'domains' | 'apiHosts'>): { origins: string[] } {
  return { origins: requestOrigins(s) };
}

/**
 * The service a request's hostname belongs to: a site domain first (`siteOwner`, the lookup the
 * rest of the extension uses, custom pages included), then an API host, by the same
 * longest-suffix rule.
 */
export function requestOwner(
  host: string,
  siteOwner: (host: string) => Service | null,
  apiHostOwner: (host: string) => Service | null,
): Service | null {
  return siteOwner(host) ?? apiHostOwner(host);
}

/** Whether a request came from an extension (ours: status feeds, complaint searches) rather than a page. */
export function fromExtension(d: { initiator?: string; originUrl?: string; documentUrl?: string }): boolean {
  return [d.initiator, d.originUrl, d.documentUrl].some((u) => typeof u === 'string' && /^(chrome|moz|safari-web)-extension:/.test(u));
}
