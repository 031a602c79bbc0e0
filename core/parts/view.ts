/**
 * What a tab shows, as far as the verdict cares: the service, the part of it (catalog `parts`) and
 * the console region. Worked out from the URL in memory at navigation (`viewOfUrl`); only this
 * small result — catalog words like "pulls" or "eu-west-1", never the path or query — is kept in
 * `storage.session` (memory only, cleared when the browser closes), beside the tab's hostname
 * (core/tabs.ts). Nothing of it leaves the device.
 */
import type { Service } from '../catalog/catalog';
import type { StorageArea as SessionArea } from '../storage';
import type { Focus } from './narrow';
import { compiled, pathSegments, patternMatches } from './pattern';
import { regionFamily, regionOfUrl } from './region';

export interface TabView {
  /** The service judged for the tab: the site's owner, or the product page a part points to (Jira). */
  service: string;
  /** The part id within that service, or null (the whole service). */
  part: string | null;
  /** The console region, or null. */
  region: string | null;
}

export interface ServiceLookup {
  get(id: string): Service | undefined;
  match(hostname: string): Service | null;
}

/** The first part of `service` whose pattern matches the address, or null. */
export function partOfUrl(service: Service, url: URL): NonNullable<Service['parts']>[number] | null {
  if (!service.parts) return null;
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  const segs = pathSegments(url.pathname);
  for (const part of service.parts) {
    for (const pattern of part.match) {
      const p = compiled(pattern);
      if (p && patternMatches(p, host, segs)) return part;
    }
  }
  return null;
}

/** The view of an http(s) address, or null when no service owns its host. The URL is not kept. */
export function viewOfUrl(dir: ServiceLookup, rawUrl: string): TabView | null {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const owner = dir.match(url.hostname);
  if (!owner) return null;
  const part = partOfUrl(owner, url);
  // A part that is a product with its own status page (Jira on *.atlassian.net): judge that product.
  const target = part?.service ? (dir.get(part.service) ?? owner) : owner;
  const family = regionFamily(target.official);
  return {
    service: target.id,
    part: part && !part.service && target === owner ? part.id : null,
    region: family ? regionOfUrl(family, url) : null,
  };
}

/** The focus (components of the part, region) for judging `service` in a tab with this view. */
export function focusOf(service: Service, view: TabView | null | undefined): Focus | null {
  if (!view || view.service !== service.id) return null;
  const part = view.part !== null ? service.parts?.find((p) => p.id === view.part) : undefined;
  const family = regionFamily(service.official);
  const components = part?.components ?? null;
  if (components === null && (view.region === null || family === null)) return null;
  return {
    components,
    claimed: (service.parts ?? []).flatMap((p) => p.components ?? []),
    region: family ? view.region : null,
    family,
  };
}

/**
 * The focus for a watched service narrowed to the parts the person chose (settings `watchedParts`):
 * the chosen parts' components, judged by the same rule as a tab's part (./narrow.ts) — an
 * incident naming no component, or an unclaimed component in major trouble, still counts. Null
 * (the whole service) when nothing is chosen or no chosen part names components.
 */
export function focusOfChoice(service: Service, partIds: readonly string[] | undefined): Focus | null {
  if (!partIds || partIds.length === 0) return null;
  const chosen = (service.parts ?? []).filter((p) => partIds.includes(p.id));
  const components = chosen.flatMap((p) => p.components ?? []);
  if (components.length === 0) return null;
  return { components, claimed: (service.parts ?? []).flatMap((p) => p.components ?? []), region: null, family: null };
}

/** The parts a person can choose for a watched service: those naming the provider's components. */
export function choosableParts(service: Service): NonNullable<Service['parts']> {
  return (service.parts ?? []).filter((p) => !p.service && (p.components?.length ?? 0) > 0);
}

/** The name to show for the part ("Pull Requests"), or null for the whole service. */
export function partName(service: Service, view: TabView | null | undefined): string | null {
  if (!view || view.service !== service.id || view.part === null) return null;
  const part = service.parts?.find((p) => p.id === view.part);
  return part ? (part.name ?? part.components?.[0] ?? null) : null;
}

// ---- storage.session: `view:<tabId>` → TabView ----

const key = (tabId: number) => `view:${tabId}`;

function isView(v: unknown): v is TabView {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return (
    typeof o.service === 'string' && (o.part === null || typeof o.part === 'string') && (o.region === null || typeof o.region === 'string')
  );
}

export async function rememberView(area: SessionArea, tabId: number, view: TabView | null): Promise<void> {
  if (view) await area.set({ [key(tabId)]: view });
  else await area.remove(key(tabId));
}

export async function forgetView(area: SessionArea, tabId: number): Promise<void> {
  await area.remove(key(tabId));
}

export async function tabView(area: SessionArea, tabId: number): Promise<TabView | null> {
  const got = await area.get(key(tabId));
  const v = got[key(tabId)];
  return isView(v) ? v : null;
}

/** Every tab's view (for polling the product pages tabs show, e.g. Jira's). */
export async function allViews(area: SessionArea): Promise<Map<number, TabView>> {
  const got = await area.get(null);
  const out = new Map<number, TabView>();
  for (const [k, v] of Object.entries(got)) {
    const m = /^view:(\d+)$/.exec(k);
    if (m && isView(v)) out.set(Number(m[1]), v);
  }
  return out;
}
