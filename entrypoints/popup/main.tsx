import { render } from 'preact';
import { directory, type Directory } from '@/core/services';
import { loadCatalog } from '@/core/catalog/catalog';
import { Popup, copyStatus, loadDetails, type PopupData } from '@/components/Popup';
import { pageLang } from '@/core/i18n';
import { ask, type Broadcast } from '@/core/messages';
import { openStore, readForPopup } from '@/core/store';
import { evaluate, needsRefresh } from '@/core/judge';
import { evidenceFor } from '@/core/evidence';
import { loadNav, loadReports, loadRequests, loadSettings, tabHostname } from '@/core/storage';
import { findOfferSite, originsToAsk } from '@/core/find/candidates';
import { rememberedFind } from '@/core/find/cache';
import type { FindState } from '@/components/Popup';
import { requestPermissions } from '@/core/local/observe';
import { feedPermissionOf } from '@/core/net/access';
import type { FeedAccessState } from '@/components/PopupAccess';
import type { Service } from '@/core/catalog/catalog';
import { focusOf, tabView, type TabView } from '@/core/parts/view';
import { upstreamIds } from '@/core/parts/upstream';
import { loadBackWatches } from '@/core/backwatch';
import '@/components/popup.css';

// Thin wiring only: find the target (?service=, ?tab=, or the active tab), read what is stored,
// paint at once, then ask the worker to refresh if the data is old.
const root = document.getElementById('app')!;
document.documentElement.lang = pageLang();
const params = new URLSearchParams(location.search);
let selected = params.get('service');
let refreshing = false;
let status: string | null = null;
let find: FindState = { state: 'idle' };
/** The person said no to "Watch this site's requests" (for this service, while the popup is open). */
let watchDenied: string | null = null;
/** The person said no to "Allow reading <feed host>" (for this service, while the popup is open). */
let feedDenied: string | null = null;

/** The service's feed host, when it needs a host permission this browser has not given (core/net/access.ts). */
async function feedAccess(service: Service | null): Promise<FeedAccessState> {
  const origin = service ? feedPermissionOf(service) : null;
  if (!service || origin === null) return null;
  if (await browser.permissions.contains({ origins: [origin] }).catch(() => true)) return null;
  return { host: new URL(service.official!.url).host, ...(feedDenied === service.id ? { denied: true } : {}) };
}

/** Whether this browser watches the service's requests: the setting and every host held. */
async function requestWatch(service: Service | null, enabled: boolean): Promise<PopupData['requestWatch']> {
  if (!service || !enabled) return null;
  const on = await browser.permissions.contains(requestPermissions(service)).catch(() => false);
  return { on, ...(watchDenied === service.id ? { denied: true } : {}) };
}

/** The hostname and view (part, region) of the tab the popup is about (`?tab=`, else the active tab), as the worker recorded them. */
async function tabHost(): Promise<{ host: string | null; view: TabView | null }> {
  const tabParam = params.get('tab');
  const tabId = tabParam !== null ? Number(tabParam) : (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (tabId === undefined || !Number.isInteger(tabId)) return { host: null, view: null };
  const [host, view] = await Promise.all([tabHostname(browser.storage.session, tabId), tabView(browser.storage.session, tabId)]);
  return { host, view: host ? view : null };
}

function target(
  dir: Directory,
  tab: { host: string | null; view: TabView | null },
): { serviceId: string | null; host: string | null; view: TabView | null } {
  if (selected) return { serviceId: dir.get(selected)?.id ?? null, host: null, view: null };
  const { host, view } = tab;
  const viewed = view ? dir.get(view.service) : undefined;
  return { serviceId: viewed?.id ?? (host ? (dir.match(host)?.id ?? null) : null), host, view: viewed ? view : null };
}

// Every read the first paint needs starts now, in parallel, before any rendering code runs.
const catalogReady = loadCatalog();
const dbReady = openStore();
const NO_TAB = { host: null, view: null };
let firstHost: Promise<{ host: string | null; view: TabView | null }> | null = selected ? null : tabHost();

async function load(): Promise<PopupData> {
  const now = Date.now();
  const hostReady = firstHost ?? (selected ? Promise.resolve(NO_TAB) : tabHost());
  firstHost = null;
  const [settings, catalog, db, host, events, reports, backWatches, requests] = await Promise.all([
    loadSettings(browser.storage.local),
    catalogReady,
    dbReady,
    hostReady,
    loadNav(browser.storage.session),
    loadReports(browser.storage.local, now),
    loadBackWatches(browser.storage.local, now),
    loadRequests(browser.storage.session),
  ]);
  const dir = directory(settings, catalog);
  const t = target(dir, host);
  const service = t.serviceId ? (dir.get(t.serviceId) ?? null) : null;
  const upstream = upstreamIds(service ?? undefined);
  const ids = [...new Set([...(t.serviceId ? [t.serviceId] : []), ...settings.watched, ...upstream])];
  const [{ records: recs, crowd, episodes }, watch, access] = await Promise.all([
    readForPopup(db, ids, service?.id ?? null),
    requestWatch(service, settings.watchRequests),
    feedAccess(service),
  ]);
  // A site no service owns, or a catalogued one without a feed: offer the search, showing what it
  // found within the last week.
  const site = findOfferSite(t.host, service);
  if (site !== null && find.state === 'idle') {
    const remembered = await rememberedFind(browser.storage.local, site, now);
    if (remembered) find = { state: 'done', result: remembered };
  }
  const inputs = { events, reports, online: navigator.onLine, crowd, requests };
  return {
    now,
    episode: episodes[episodes.length - 1] ?? null,
    episodes,
    status,
    evidence: service ? evidenceFor(service.id, inputs, now, service.name) : null,
    requestWatch: watch,
    feedAccess: access,
    pollIntervalMin: settings.pollIntervalMin,
    watchedParts: settings.watchedParts,
    service,
    host: t.host,
    view: t.view,
    backWatched: service ? !!backWatches[service.id] : false,
    upstream: upstream.flatMap((id) => {
      const s = dir.get(id);
      return s ? [{ service: s, record: recs.get(id) }] : [];
    }),
    record: service ? recs.get(service.id) : undefined,
    watched: settings.watched.flatMap((id) => {
      const s = dir.get(id);
      return s ? [{ service: s, record: recs.get(id), evidence: evidenceFor(id, inputs, now, s.name) }] : [];
    }),
    refreshing,
    find: site !== null ? { site, state: find } : null,
  };
}

let last: PopupData | null = null;
async function paint() {
  last = await load();
  render(
    <Popup
      data={last}
      actions={{
        onRefresh: () => void refresh(),
        onSelect: select,
        onReport: (on) => void report(on),
        onCopy: (format) => void copy(format),
        onOptions: () => void browser.runtime.openOptionsPage(),
        onBackWatch: (on) => void backWatch(on),
        onFind,
        onWatchRequests: watchRequests,
        onAllowFeed: allowFeed,
      }}
    />,
    root,
  );
}

async function refresh() {
  const id = last?.service?.id;
  if (!id || refreshing) return;
  refreshing = true;
  await paint();
  try {
    await ask(browser, 'refresh', { serviceId: id });
  } finally {
    refreshing = false;
    await paint();
  }
}

/**
 * "Find a status page": ask for the hosts first, inside the click (browsers prompt only during a
 * user gesture), then let the worker search (it outlives the popup) and show what it found.
 */
function onFind(readSite: boolean) {
  const host = last?.host;
  if (!host || find.state === 'busy') return;
  let granted: Promise<boolean>;
  try {
    granted = browser.permissions.request({ origins: originsToAsk(host, readSite) });
  } catch (e) {
    granted = Promise.reject(e);
  }
  void (async () => {
    find = { state: 'busy' };
    await paint();
    if (!(await granted.catch(() => false))) {
      find = { state: 'denied' };
      return paint();
    }
    const r = await ask(browser, 'find-status-page', { host, readSite }).catch(() => null);
    find = r ? { state: 'done', result: r } : { state: 'failed' };
    await paint();
  })();
}

/** "Copy as text" / "Copy as Markdown": the episode report (core/history/report.ts), no browsing addresses in it. */
async function copy(format: 'text' | 'markdown') {
  if (!last?.service) return;
  const { result } = evaluate(
    last.service,
    last.record,
    last.now,
    last.pollIntervalMin,
    last.evidence?.verdict,
    focusOf(last.service, last.view),
  );
  const [{ episodeReport }, { SOURCES }, nav] = await Promise.all([
    import('@/core/history/report'),
    import('@/core/crowd/index'),
    loadNav(browser.storage.session),
  ]);
  const ids = new Set(last.episode?.incidentIds ?? []);
  if (result.incident) ids.add(result.incident.id);
  const rec = last.record;
  const known = [...(rec?.snapshot?.incidents ?? []), ...(rec?.snapshot?.recent ?? []), ...(rec?.history ?? [])];
  const incidents = [...new Map(known.filter((i) => ids.has(i.id)).map((i) => [i.id, i])).values()];
  const text = episodeReport(
    {
      service: last.service,
      verdict: result,
      episode: last.episode,
      incidents,
      nav,
      crowd: last.evidence?.crowdRecords ?? [],
      sourceLabels: Object.fromEntries(SOURCES.map((s) => [s.id, s.label])),
      now: last.now,
    },
    format,
  );
  try {
    await navigator.clipboard.writeText(text);
    status = copyStatus(true);
  } catch {
    status = copyStatus(false);
  }
  await paint();
  setTimeout(() => {
    status = null;
    void paint();
  }, 4000);
}

/**
 * "Watch this site's requests": ask for exactly the service's hosts, in one prompt.
 * `permissions.request` must be the first thing the click does (browsers require the gesture).
 * The worker starts observing on its own (permissions.onAdded); Chrome may close the popup while
 * its prompt shows, so nothing after the answer is needed for it to work.
 */
function watchRequests() {
  const service = last?.service;
  if (!service) return;
  void browser.permissions
    .request(requestPermissions(service))
    .catch(() => false)
    .then((granted) => {
      watchDenied = granted ? null : service.id;
      return paint();
    });
}

/**
 * "Allow reading status.example.com": ask for exactly the feed's origin, first thing in the click.
 * The worker reads the feed as soon as the browser grants it (permissions.onAdded), so nothing
 * after the answer is needed if Chrome closes the popup while its prompt shows.
 */
function allowFeed() {
  const service = last?.service;
  const origin = service ? feedPermissionOf(service) : null;
  if (!service || origin === null) return;
  void browser.permissions
    .request({ origins: [origin] })
    .catch(() => false)
    .then((granted) => {
      feedDenied = granted ? null : service.id;
      return paint();
    });
}

async function backWatch(on: boolean) {
  const id = last?.service?.id;
  if (!id) return;
  await ask(browser, 'back-watch', { serviceId: id, on });
  await paint();
}

async function report(on: boolean) {
  const id = last?.service?.id;
  if (!id) return;
  await ask(browser, 'report', { serviceId: id, on });
  await paint();
}

function select(serviceId: string) {
  selected = serviceId;
  const url = new URL(location.href);
  url.searchParams.set('service', serviceId);
  history.replaceState(null, '', url);
  void paint().then(maybeRefresh);
}

async function maybeRefresh() {
  if (!last?.service) return;
  // The worker's rule (core/judge.ts): the official feed, or for a service without one its
  // complaint sources, last read too long ago.
  if (needsRefresh(last.service, last.record, last.evidence?.crowdRecords ?? [], Date.now())) await refresh();
}

browser.runtime.onMessage.addListener((raw: unknown) => {
  const msg = raw as Broadcast;
  if (msg?.type === 'updated') void paint();
  return undefined;
});
// Keep "4 min ago" honest while the popup stays open.
setInterval(() => void paint(), 15_000);
// The verdict first; then the worker is asked for fresh data if ours is old, and the slower cards
// ("when will it be back", track record) load and appear.
void paint().then(() => {
  void maybeRefresh();
  void import('@/core/history/report'); // ready before "Copy as text" is pressed
  return loadDetails().then(paint);
});
