/**
 * The service catalog: which services Acknowledged knows, which sites they own, and where their
 * official status lives.
 *
 * The JSON is validated once at import. An invalid catalog is a programming error (the file ships
 * with the extension), so it throws with every problem listed rather than limping on.
 *
 * Matching a tab's hostname to a service happens here, locally: nothing about the person's
 * browsing leaves the device.
 */
import * as z from 'zod/mini';
import raw from './services.json';
import { catalogSchema, type Service } from './schema';

export type { Category, Official, Service } from './schema';
export { CATEGORIES } from './schema';

function load(input: unknown): readonly Service[] {
  const parsed = catalogSchema.safeParse(input);
  if (!parsed.success) {
    throw new Error(`core/catalog/services.json is invalid:\n${z.prettifyError(parsed.error)}`);
  }
  for (const s of parsed.data.services) {
    Object.freeze(s.domains);
    if (s.searchTerms) Object.freeze(s.searchTerms);
    if (s.official) Object.freeze(s.official);
    Object.freeze(s);
  }
  return Object.freeze(parsed.data.services);
}

/** Every catalogued service, in file order. */
export const SERVICES: readonly Service[] = load(raw);

const BY_ID: ReadonlyMap<string, Service> = new Map(SERVICES.map((s) => [s.id, s]));

/** domain → owning service; the schema guarantees no domain has two owners. */
const BY_DOMAIN: ReadonlyMap<string, Service> = new Map(SERVICES.flatMap((s) => s.domains.map((d) => [d, s] as const)));

export function getService(id: string): Service | undefined {
  return BY_ID.get(id);
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/**
 * The service that owns a hostname, by longest-suffix match on whole labels: `gist.github.com` →
 * GitHub, `notgithub.com` → null, `github.com.evil.io` → null. Case-insensitive; a trailing dot
 * is ignored. IP addresses (v4, or v6 with or without brackets) and empty input → null.
 */
export function matchService(hostname: string): Service | null {
  let host = hostname.trim().toLowerCase();
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host === '' || host.includes(':') || host.startsWith('[') || IPV4.test(host)) return null;
  const labels = host.split('.');
  if (labels.some((l) => l === '')) return null;
  for (let i = 0; i < labels.length; i++) {
    const hit = BY_DOMAIN.get(labels.slice(i).join('.'));
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

/** Exposed for tests: validate an arbitrary catalog object the way the shipped file is validated. */
export const validateCatalog = (input: unknown) => catalogSchema.safeParse(input);
