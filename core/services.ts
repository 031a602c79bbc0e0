/**
 * The services a person can see: the catalog plus their own custom status pages (from settings).
 * Custom entries are looked up first, so a person's explicit choice wins for its domains.
 */
import type { Catalog, Service } from './catalog/catalog';
import { customAsService, type Settings } from './settings';

export interface Directory {
  get(id: string): Service | undefined;
  /** The service owning a hostname (subdomains included), or null. */
  match(hostname: string): Service | null;
}

export function directory(s: Pick<Settings, 'custom'>, catalog: Catalog): Directory {
  const custom = s.custom.map(customAsService);
  const byId = new Map(custom.map((c) => [c.id, c]));
  const owns = (host: string, domain: string) => host === domain || host.endsWith(`.${domain}`);
  return {
    get: (id) => byId.get(id) ?? catalog.get(id),
    match(hostname) {
      const host = hostname.trim().toLowerCase().replace(/\.$/, '');
      let best: Service | null = null;
      let bestLen = -1;
      for (const c of custom) {
        for (const d of c.domains) {
          if (owns(host, d) && d.length > bestLen) {
            best = c;
            bestLen = d.length;
          }
        }
      }
      return best ?? catalog.match(host);
    },
  };
}
