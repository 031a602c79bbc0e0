/**
 * The service worker's behaviour, with the browser passed in (the entrypoint only calls `start`).
 *
 * MV3 workers die at any moment, so: every listener is registered synchronously in `start`; the
 * poll alarm is re-armed at every start; all state lives in IndexedDB and storage.session; every
 * step can be repeated without harm.
 */
import type { WxtBrowser } from 'wxt/browser';
import { getService, hostnameOf, matchService, type Service } from './catalog/catalog';
import { evaluate } from './evaluate';
import { evidenceFor, type EvidenceInputs } from './evidence';
import { loadNav, loadReports, recordNav, setReport } from './local/store';
import { badgeSpec } from './present';
import { isPollDue, refreshService } from './poll';
import { TAB_REFRESH_AFTER_MS, type Broadcast, type Message } from './messages';
import { loadSettings, type Settings } from './settings';
import { getRecord, getRecords, openStore, type Db, type ServiceRecord } from './store';
import { allTabs, forgetTab, rememberTab, tabHostname } from './tabs';

export const POLL_ALARM = 'poll';
/** The toolbar title on sites no catalogued service owns. */
export const DEFAULT_TITLE = 'Acknowledged';
/** At most this many feeds are read at once. */
const CONCURRENCY = 4;


export interface BackgroundDeps {
  fetch: typeof globalThis.fetch;
  now: () => number;
  /** Whether the browser believes it is online (navigator.onLine); failures while offline never count. */
  online?: () => boolean;
  db?: () => Promise<Db>;
}

export function start(b: WxtBrowser, deps: BackgroundDeps) {
  const db = deps.db ?? (() => openStore());
  const settings = () => loadSettings(b.storage.local);
  const session = b.storage.session;

  const pollDeps = async (s: Settings) => ({
    db: await db(),
    fetch: deps.fetch,
    now: deps.now,
    intervalMs: s.pollIntervalMin * 60_000,
  });

  const online = deps.online ?? (() => true);

  async function evidenceInputs(): Promise<EvidenceInputs> {
    const [events, reports] = await Promise.all([loadNav(session), loadReports(b.storage.local, deps.now())]);
    return { events, reports, online: online() };
  }

  async function paintTab(tabId: number, known?: { host: string | null }) {
    const host = known ? known.host : await tabHostname(session, tabId);
    const service = host ? matchService(host) : null;
    try {
      if (!service) {
        await b.action.setBadgeText({ tabId, text: '' });
        await b.action.setTitle({ tabId, title: DEFAULT_TITLE });
        return;
      }
      const [s, rec, inputs] = await Promise.all([settings(), db().then((d) => getRecord(d, service.id)), evidenceInputs()]);
      const now = deps.now();
      const ev = evidenceFor(service.id, inputs, now);
      const { result, freshness } = evaluate(service, rec, now, s.pollIntervalMin, ev.verdict);
      const spec = badgeSpec(service.name, result, freshness, now);
      await Promise.all([
        b.action.setBadgeText({ tabId, text: spec.text }),
        b.action.setBadgeBackgroundColor({ tabId, color: spec.color }),
        b.action.setTitle({ tabId, title: spec.title }),
      ]);
    } catch {
      // The tab closed while we were painting: nothing to do.
    }
  }

  async function paintTabsOf(serviceIds: Set<string>) {
    const tabs = await allTabs(session);
    await Promise.all(
      [...tabs].filter(([, host]) => serviceIds.has(matchService(host)?.id ?? '')).map(([tabId, host]) => paintTab(tabId, { host })),
    );
  }

  function broadcast(serviceIds: string[]) {
    const msg: Broadcast = { type: 'updated', serviceIds };
    // No popup open is the normal case: the promise rejects and that is fine.
    b.runtime.sendMessage(msg).catch(() => undefined);
  }

  async function refresh(services: Service[], force: boolean): Promise<ServiceRecord[]> {
    if (services.length === 0) return [];
    const s = await settings();
    const d = await pollDeps(s);
    const out: ServiceRecord[] = [];
    const queue = [...services];
    await Promise.all(
      Array.from({ length: Math.min(CONCURRENCY, queue.length) }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          try {
            out.push(await refreshService(next, d, { force }));
          } catch {
            // A storage failure for one service must not stop the others; the next tick retries.
          }
        }
      }),
    );
    const ids = services.map((x) => x.id);
    await paintTabsOf(new Set(ids));
    broadcast(ids);
    return out;
  }

  /** The alarm: poll watched services and services shown in tabs, each when it is due. */
  async function tick() {
    const s = await settings();
    const tabs = await allTabs(session);
    const ids = new Set<string>(s.watched);
    for (const host of tabs.values()) {
      const svc = matchService(host);
      if (svc) ids.add(svc.id);
    }
    const services = [...ids].map(getService).filter((x): x is Service => !!x && x.official !== null);
    const recs = await getRecords(await db(), services.map((x) => x.id));
    const now = deps.now();
    await refresh(
      services.filter((x) => isPollDue(recs.get(x.id), now)),
      false,
    );
  }

  /** A tab shows a site: remember its hostname, paint from stored data at once, refresh if old. */
  async function onTabShows(tabId: number, host: string | null) {
    await rememberTab(session, tabId, host);
    await paintTab(tabId, { host });
    const service = host ? matchService(host) : null;
    if (!service || !service.official) return;
    const rec = await getRecord(await db(), service.id);
    const now = deps.now();
    if (!rec || rec.lastAttemptAt === null || now - rec.lastAttemptAt > TAB_REFRESH_AFTER_MS) {
      // Honour backoff while the feed is failing; otherwise the person's visit is reason enough.
      await refresh([service], !rec?.problem);
    }
  }

  async function ensureAlarm() {
    const s = await settings();
    const existing = await b.alarms.get(POLL_ALARM);
    if (!existing || existing.periodInMinutes !== s.pollIntervalMin) {
      await b.alarms.create(POLL_ALARM, { periodInMinutes: s.pollIntervalMin, delayInMinutes: 0.1 });
    }
  }

  // ---- listeners: registered synchronously, every start ----
  b.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === POLL_ALARM) void tick();
  });
  b.webNavigation.onCommitted.addListener((d) => {
    if (d.frameId === 0) void onTabShows(d.tabId, hostnameOf(d.url));
  });
  // Chromium resets per-tab badge text and title on every navigation, failed ones included.
  b.webNavigation.onCompleted.addListener((d) => {
    if (d.frameId !== 0) return;
    void (async () => {
      await recordNav(session, { at: deps.now(), serviceId: matchService(hostnameOf(d.url) ?? '')?.id ?? null, ok: true }, deps.now());
      await paintTab(d.tabId);
    })();
  });
  b.webNavigation.onErrorOccurred.addListener((d) => {
    if (d.frameId !== 0) return;
    void (async () => {
      const host = hostnameOf(d.url);
      const svc = host ? matchService(host) : null;
      // Only a catalogued service's hostname is kept; any other site is a bare failure mark.
      await recordNav(
        session,
        { at: deps.now(), serviceId: svc?.id ?? null, ok: false, error: d.error, ...(svc && host ? { host } : {}) },
        deps.now(),
      );
      await onTabShows(d.tabId, host);
      if (svc) await paintTabsOf(new Set([svc.id]));
    })();
  });
  b.tabs.onActivated.addListener(({ tabId }) => {
    void (async () => {
      const known = await tabHostname(session, tabId);
      if (known !== null) return onTabShows(tabId, known);
      // Not seen yet (e.g. a tab from before the extension started). Ask for its frame, but
      // navigation events are the authority: only fill a gap, never erase what they recorded
      // (an activation racing a navigation would otherwise read the old about:blank).
      const frame = await b.webNavigation.getFrame({ tabId, frameId: 0 }).catch(() => null);
      const host = frame?.url ? hostnameOf(frame.url) : null;
      if (host !== null && (await tabHostname(session, tabId)) === null) await onTabShows(tabId, host);
      else await paintTab(tabId);
    })();
  });
  b.tabs.onRemoved.addListener((tabId) => {
    void forgetTab(session, tabId);
  });
  b.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes.settings) void ensureAlarm().then(tick);
  });
  // sendResponse + `return true` (not a returned promise): works on every Chrome and Firefox version.
  b.runtime.onMessage.addListener((raw: unknown, _sender: unknown, sendResponse: (r: unknown) => void) => {
    const msg = raw as Message;
    let work: Promise<unknown> | null = null;
    if (msg?.type === 'refresh') {
      const svc = getService(msg.serviceId);
      work = svc ? refresh([svc], true) : Promise.resolve();
    } else if (msg?.type === 'poll-now') {
      work = tick();
    } else if (msg?.type === 'report' && getService(msg.serviceId)) {
      const svc = getService(msg.serviceId)!;
      work = setReport(b.storage.local, svc.id, msg.on, deps.now()).then(async () => {
        // The person says it is broken: check whether the provider has said anything yet.
        if (msg.on && svc.official) await refresh([svc], true);
        await paintTabsOf(new Set([svc.id]));
        broadcast([svc.id]);
      });
    }
    if (!work) return false;
    work.then(
      () => sendResponse(true),
      () => sendResponse(false),
    );
    return true;
  });

  void ensureAlarm().then(tick);

  return { tick, paintTab, refresh, onTabShows, ensureAlarm };
}

