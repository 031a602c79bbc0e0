/**
 * The search itself, run by the worker when the person presses "Find a status page" (the popup
 * asked for the host permissions first): try each place of ./candidates.ts with detectFeed, stop
 * at the first readable feed, remember the answer for a week (./cache.ts), and on success watch
 * the page like a custom status page whose site is the registrable domain — so the badge follows
 * that site from then on. Never throws.
 */
import { detectFeed } from '../official/detect';
import type { FetchDeps } from '../net/fetch';
import { fetchFeed } from '../net/fetch';
import { readCustomService, type CustomService } from '../settings';
import { allTabs, loadSettings, saveSettings, type KeyValueArea as SettingsArea, type StorageArea } from '../storage';
import { forgetView } from '../parts/view';
import { customIdFor } from '../settings-io';
import { rememberFind, rememberedFind, type FindResult, type FoundPage, type KeyValueArea } from './cache';
import { candidatePages, registrableDomain, sitePage, statusLinksInHtml } from './candidates';

export interface FindRequest {
  /** The hostname of the tab. */
  host: string;
  /** Whether the person allowed reading the site's own home page for a status link. */
  readSite: boolean;
}

/** Find (or recall) the status page of a site. `null` when the hostname has no registrable domain. */
export async function findStatusPage(req: FindRequest, deps: FetchDeps & { store: KeyValueArea }): Promise<FindResult | null> {
  const site = registrableDomain(req.host);
  if (site === null) return null;
  const now = deps.now();
  const remembered = await rememberedFind(deps.store, site, now);
  // A remembered "not found" is kept for a week, unless the person now allows reading the site
  // (a place not tried last time).
  if (remembered !== null && (remembered.found !== null || !req.readSite || remembered.tried.includes(sitePage(req.host) ?? '')))
    return remembered;

  const tried: string[] = [];
  let found: FoundPage | null = null;
  const attempt = async (page: string): Promise<boolean> => {
    if (tried.includes(page)) return false;
    tried.push(page);
    const r = await detectFeed(page, deps).catch(() => null);
    if (r === null || !r.ok) return false;
    found = { statusPage: page, kind: r.value.kind, url: r.value.url, label: r.value.label };
    return true;
  };
  for (const c of candidatePages(req.host)) if (await attempt(c.url)) break;
  const home = req.readSite ? sitePage(req.host) : null;
  if (found === null && home !== null) {
    tried.push(home);
    const got = await fetchFeed(home, { expect: 'text' }, deps).catch(() => null);
    if (got !== null && got.kind === 'fresh') {
      for (const link of statusLinksInHtml(got.text, got.finalUrl || home)) if (await attempt(link)) break;
    }
  }
  const result: FindResult = { site, at: now, found, tried };
  await rememberFind(deps.store, result, now).catch(() => undefined);
  return result;
}

/** A found page as the custom status page that watches it (sites: the registrable domain). */
export function customFor(result: FindResult): CustomService | null {
  if (result.found === null) return null;
  const f = result.found;
  return readCustomService({
    id: customIdFor(f.statusPage),
    name: (f.label.trim() || new URL(f.statusPage).hostname).slice(0, 120),
    statusPage: f.statusPage,
    official: { kind: f.kind, url: f.url },
    domains: [result.site],
  });
}

/**
 * Watch a found page: add it as a custom page (or give an existing custom page of the same feed the
 * site), and watch it. Idempotent. Returns the custom service's id, or null when nothing was found.
 */
export async function watchFound(area: SettingsArea, result: FindResult): Promise<string | null> {
  const entry = customFor(result);
  if (entry === null) return null;
  const s = await loadSettings(area);
  const same = s.custom.find((c) => c.id === entry.id || c.official.url === entry.official.url);
  const custom = same
    ? s.custom.map((c) =>
        c === same && !c.domains.includes(result.site) ? { ...c, domains: [...c.domains, result.site].slice(0, 50) } : c,
      )
    : [...s.custom, entry];
  const id = same?.id ?? entry.id;
  await saveSettings(area, { ...s, custom, watched: s.watched.includes(id) ? s.watched : [...s.watched, id] });
  return id;
}

/**
 * Tabs on the found site recorded which service they show (core/parts/view.ts) when a catalogued
 * entry without a feed owned it. The watched page now speaks for the site, so those views are
 * forgotten: the tabs then follow the directory (a custom page wins: core/services.ts) until
 * their next navigation records a view again. Only the tab's hostname is compared.
 */
export async function forgetSiteViews(session: StorageArea, site: string): Promise<void> {
  for (const [tabId, host] of await allTabs(session)) {
    if (host === site || host.endsWith(`.${site}`)) await forgetView(session, tabId);
  }
}
