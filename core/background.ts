/**
 * The service worker's behaviour, with the browser passed in (the entrypoint only calls `start`).
 *
 * MV3 workers die at any moment, so: every listener is registered synchronously in `start`; the
 * poll alarm is re-armed at every start; all state lives in IndexedDB and storage; every step can
 * be repeated without harm (a notification is marked told in its episode before it is shown).
 *
 * One loop: poll feeds / record evidence → `reconcile` (verdict → episode → notifications) → paint
 * the badges of the tabs concerned → tell any open popup.
 */
import type { WxtBrowser } from 'wxt/browser';
import { hostnameOf, loadCatalog, type Catalog, type Service } from './catalog/catalog';
import { directory, type Directory } from './services';
import { sourceById } from './crowd/index';
import { pollCrowd, type CrowdRecord } from './crowd/poller';
import type { SourceConfig, SourceId } from './crowd/source';
import { evaluate } from './evaluate';
import { evidenceFor, type EvidenceInputs } from './evidence';
import { stepEpisode, takeUnnotified } from './history/episodes';
import { loadNav, loadReports, loadRequests, recordNav, setReport } from './local/store';
import { watchRequests } from './local/watch';
import { TAB_REFRESH_AFTER_MS, type Broadcast, type Message } from './messages';
import { DEFAULT_NOTIFICATION_PREFS, notificationText, shouldNotify, type NotificationPrefs } from './notify';
import { isPollDue, pollCycle } from './poll';
import { badgeSpec, watchedTroubleBadge, type BadgeSpec } from './present';
import { blueskyReady, isdownReady, loadCredentials } from './credentials';
import { loadSettings, type Settings } from './settings';
import { getCrowd, getOpenEpisode, getRecord, getRecords, openStore, pruneEpisodes, putEpisode, type Db } from './store';
import { allTabs, forgetTab, rememberTab, tabHostname } from './tabs';
import { isOpen } from './verdict';

export const POLL_ALARM = 'poll';
/** The toolbar title on sites no catalogued service owns and no watched service is in trouble. */
export const DEFAULT_TITLE = 'Acknowledged';
/** At most this many feeds are read at once. */
const CONCURRENCY = 4;
const NOTIFIED_KEY = 'notifiedAt';
const NO_PERMISSION = {
  code: 'permission' as const,
  message: 'the browser has not allowed Acknowledged to read this status page yet — open the welcome page to allow it',
};

export interface BackgroundDeps {
  fetch: typeof globalThis.fetch;
  now: () => number;
  /** Whether the browser believes it is online (navigator.onLine); failures while offline never count. */
  online?: () => boolean;
  /** Minutes between UTC and local time (Date#getTimezoneOffset), for quiet hours. */
  tzOffsetMin?: () => number;
  db?: () => Promise<Db>;
  /** The service catalog (default: the packaged catalog.json, read once). */
  catalog?: () => Promise<Catalog>;
}

/** Complaint sources turned on in settings. */
function enabledSources(s: Settings): SourceId[] {
  return (Object.keys(s.sources) as SourceId[]).filter((k) => s.sources[k]);
}

function notificationPrefs(s: Settings): NotificationPrefs {
  return { ...DEFAULT_NOTIFICATION_PREFS, ...s.notifications, muted: [...s.notifications.muted] };
}

export function start(b: WxtBrowser, deps: BackgroundDeps) {
  const db = deps.db ?? (() => openStore());
  const catalog = deps.catalog ?? loadCatalog;
  const settings = () => loadSettings(b.storage.local);
  const session = b.storage.session;
  const online = deps.online ?? (() => true);

  async function evidenceInputs(d: Db, ids: string[], s: Settings): Promise<EvidenceInputs> {
    const enabled = new Set(enabledSources(s));
    const [events, reports, crowdRows, requests] = await Promise.all([
      loadNav(session),
      loadReports(b.storage.local, deps.now()),
      Promise.all(ids.map(async (id) => [id, (await getCrowd(d, id)).filter((r) => enabled.has(r.source))] as const)),
      loadRequests(session),
    ]);
    return { events, reports, online: online(), crowd: new Map<string, CrowdRecord[]>(crowdRows), requests };
  }

  /** Credentials stay in storage.local and are read here, never passed around in messages. */
  async function crowdConfig(): Promise<SourceConfig> {
    const c = await loadCredentials(b.storage.local);
    return {
      ...(blueskyReady(c) && c.bluesky ? { bluesky: { handle: c.bluesky.handle, appPassword: c.bluesky.appPassword } } : {}),
      ...(isdownReady(c) && c.isdown ? { isdown: { apiKey: c.isdown.apiKey } } : {}),
    };
  }

  const dirNow = async (): Promise<Directory> => directory(await settings(), await catalog());

  /** Query complaint sources for these services, each source when due. */
  async function pollComplaints(services: Service[], force = false) {
    if (services.length === 0) return;
    const s = await settings();
    const enabled = enabledSources(s);
    if (enabled.length === 0) return;
    const cd = { db: await db(), fetch: deps.fetch, now: deps.now, config: await crowdConfig(), store: b.storage.local };
    for (const svc of services) {
      try {
        await pollCrowd(svc, enabled, cd, force);
      } catch {
        // One service's sources failing must not stop the others.
      }
    }
  }

  /** Everything needed to judge services now, read once per paint/reconcile. */
  async function context(ids: string[]) {
    const [s, d] = await Promise.all([settings(), db()]);
    const [inputs, recs] = await Promise.all([evidenceInputs(d, ids, s), getRecords(d, ids)]);
    const now = deps.now();
    const judge = (service: Service) => {
      const ev = evidenceFor(service.id, inputs, now, service.name);
      return { ev, ...evaluate(service, recs.get(service.id), now, s.pollIntervalMin, ev.verdict) };
    };
    return { s, d, recs, now, judge };
  }

  async function setBadge(tabId: number, spec: BadgeSpec) {
    try {
      await Promise.all([
        b.action.setBadgeText({ tabId, text: spec.text }),
        b.action.setBadgeBackgroundColor({ tabId, color: spec.color }),
        b.action.setTitle({ tabId, title: spec.title }),
      ]);
    } catch {
      // The tab closed while we were painting: nothing to do.
    }
  }

  async function paintTab(tabId: number, known?: { host: string | null }) {
    const host = known ? known.host : await tabHostname(session, tabId);
    const dir = await dirNow();
    const service = host ? dir.match(host) : null;
    if (service) {
      const { judge, now } = await context([service.id]);
      const { result, freshness } = judge(service);
      return setBadge(tabId, badgeSpec(service.name, result, freshness, now));
    }
    // No catalogued service owns this site: show how many watched services are in trouble, if any.
    const s = await settings();
    const watched = s.watched.map((id) => dir.get(id)).filter((x): x is Service => !!x);
    const { judge } = await context(watched.map((w) => w.id));
    await setBadge(tabId, watchedTroubleBadge(watched.map((w) => ({ name: w.name, result: judge(w).result })), DEFAULT_TITLE));
  }

  async function paintAllTabs() {
    const tabs = await allTabs(session);
    await Promise.all([...tabs].map(([tabId, host]) => paintTab(tabId, { host })));
  }

  function broadcast(serviceIds: string[]) {
    const msg: Broadcast = { type: 'updated', serviceIds };
    // No popup open is the normal case: the promise rejects and that is fine.
    b.runtime.sendMessage(msg).catch(() => undefined);
  }

  /**
   * Judge services again, advance their episodes, tell the person what changed, repaint.
   * Runs one at a time: two overlapping runs (a tick and a navigation) would both see "no open
   * episode" and tell the same transition twice.
   */
  let reconcileChain: Promise<unknown> = Promise.resolve();
  function reconcile(ids: string[]): Promise<void> {
    const p = reconcileChain.then(() => reconcileNow(ids));
    reconcileChain = p.catch(() => undefined);
    return p;
  }

  async function reconcileNow(ids: string[]) {
    const dir = await dirNow();
    const services = [...new Set(ids)].map((id) => dir.get(id)).filter((x): x is Service => !!x);
    if (services.length === 0) return;
    const { s, d, recs, now, judge } = await context(services.map((x) => x.id));
    const prefs = notificationPrefs(s);
    for (const service of services) {
      try {
        const { result, ev } = judge(service);
        const open = await getOpenEpisode(d, service.id);
        const openIncidents = (recs.get(service.id)?.snapshot?.incidents ?? []).filter((i) => isOpen(i) && i.kind === 'incident');
        const step = stepEpisode(open, {
          serviceId: service.id,
          now,
          verdict: result,
          openIncidents,
          evidenceSince: ev.verdict.trouble ? ev.verdict.since : null,
        });
        if (!step.episode) continue;
        const { episode, fresh } = takeUnnotified(step.episode, step.transitions);
        if (JSON.stringify(episode) !== JSON.stringify(open)) await putEpisode(d, episode);
        for (const t of fresh) await notify(service, t, result.reason, prefs, s.watched.includes(service.id));
      } catch {
        // One service's storage trouble must not stop the others; the next tick tries again.
      }
    }
    await paintAllTabs();
    broadcast(services.map((x) => x.id));
  }

  async function notify(
    service: Service,
    t: Parameters<typeof notificationText>[1],
    detail: string,
    prefs: NotificationPrefs,
    watched: boolean,
  ) {
    const now = deps.now();
    const got = await session.get(NOTIFIED_KEY);
    const recent = (Array.isArray(got[NOTIFIED_KEY]) ? (got[NOTIFIED_KEY] as number[]) : []).filter((x) => now - x < 3_600_000);
    const tzOffsetMin = deps.tzOffsetMin?.() ?? 0;
    if (!shouldNotify(t, prefs, { watched, now, tzOffsetMin, recent })) return;
    await session.set({ [NOTIFIED_KEY]: [...recent, now] });
    const text = notificationText(service.name, t, detail);
    await b.notifications
      .create(`${t.kind}|${service.id}|${t.episodeId}`, {
        type: 'basic',
        iconUrl: b.runtime.getURL('/icons/128.png'),
        title: text.title,
        message: text.message,
      })
      .catch(() => undefined);
  }

  /** Firefox does not grant MV3 host permissions at install: never fail silently without them. */
  async function mayRead(service: Service): Promise<boolean> {
    if (!service.official || !b.permissions?.contains) return true;
    const origin = `${new URL(service.official.url).origin}/*`;
    try {
      return await b.permissions.contains({ origins: [origin] });
    } catch {
      return true; // an API we cannot ask (tests, old browsers): let the fetch speak for itself
    }
  }

  async function refresh(services: Service[], force: boolean): Promise<void> {
    if (services.length === 0) return;
    const s = await settings();
    const d = { db: await db(), fetch: deps.fetch, now: deps.now, intervalMs: s.pollIntervalMin * 60_000 };
    // One read of every record and one write for the whole batch (core/poll.ts `pollCycle`).
    await pollCycle(services, d, { force, concurrency: CONCURRENCY, precheck: async (x) => ((await mayRead(x)) ? null : NO_PERMISSION) }).catch(
      () => undefined, // a storage failure: the next tick retries
    );
    await reconcile(services.map((x) => x.id));
  }

  /** The alarm: poll watched services and services shown in tabs, each when it is due. */
  async function tick() {
    const s = await settings();
    const dir = directory(s, await catalog());
    const tabs = await allTabs(session);
    const ids = new Set<string>(s.watched);
    for (const host of tabs.values()) {
      const svc = dir.match(host);
      if (svc) ids.add(svc.id);
    }
    const services = [...ids].map((id) => dir.get(id)).filter((x): x is Service => !!x);
    const d = await db();
    const recs = await getRecords(d, services.map((x) => x.id));
    const now = deps.now();
    const due = services.filter((x) => x.official !== null && isPollDue(recs.get(x.id), now));
    // Official word first: a slow complaint source (a first-run backfill) must never delay it.
    await refresh(due, false);
    await pollComplaints(services);
    // Complaints may have changed any verdict; services without an official feed, and evidence
    // that ages out, are judged on every tick too.
    await reconcile(services.map((x) => x.id));
    await pruneEpisodes(d, now).catch(() => 0);
  }

  /** A tab shows a site: remember its hostname, paint from stored data at once, refresh if old. */
  async function onTabShows(tabId: number, host: string | null) {
    await rememberTab(session, tabId, host);
    await paintTab(tabId, { host });
    const service = host ? (await dirNow()).match(host) : null;
    if (!service) return;
    await pollComplaints([service]);
    if (!service.official) return reconcile([service.id]);
    const rec = await getRecord(await db(), service.id);
    const now = deps.now();
    if (!rec || rec.lastAttemptAt === null || now - rec.lastAttemptAt > TAB_REFRESH_AFTER_MS) {
      // Honour backoff while the feed is failing; otherwise the person's visit is reason enough.
      await refresh([service], !rec?.problem);
    }
  }

  /** "Test connection" on the options page: one real query with the stored credentials. */
  async function testSource(id: 'bluesky' | 'isdown'): Promise<{ ok: boolean; message: string }> {
    const source = sourceById(id);
    const now = deps.now();
    const r = await source.query(
      { terms: ['status'], since: now - 15 * 60_000, until: now, now },
      { fetch: deps.fetch, now: deps.now, config: await crowdConfig(), store: b.storage.local },
    );
    switch (r.status.state) {
      case 'ok':
        return { ok: true, message: `${source.label}: connected.` };
      case 'not_configured':
        return { ok: false, message: r.status.message };
      case 'rate_limited':
        return { ok: false, message: `${source.label}: ${r.status.message}` };
      case 'error':
        return { ok: false, message: `${source.label}: ${r.status.problem.message}` };
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
  // This browser's failed requests to the services the person allowed (core/local/watch.ts).
  watchRequests(b, { now: deps.now, online, session, catalog, directory: dirNow, settings, onFailures: (ids) => void reconcile(ids) });
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
      const svc = (await dirNow()).match(hostnameOf(d.url) ?? '');
      await recordNav(session, { at: deps.now(), serviceId: svc?.id ?? null, ok: true }, deps.now());
      await paintTab(d.tabId);
    })();
  });
  b.webNavigation.onErrorOccurred.addListener((d) => {
    if (d.frameId !== 0) return;
    void (async () => {
      const host = hostnameOf(d.url);
      const svc = host ? (await dirNow()).match(host) : null;
      // Only a catalogued service's hostname is kept; any other site is a bare failure mark.
      await recordNav(
        session,
        { at: deps.now(), serviceId: svc?.id ?? null, ok: false, error: d.error, ...(svc && host ? { host } : {}) },
        deps.now(),
      );
      await onTabShows(d.tabId, host);
      if (svc) await reconcile([svc.id]);
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
  b.notifications?.onClicked.addListener((id) => {
    const serviceId = id.split('|')[1];
    if (serviceId) {
      void b.tabs.create({ url: b.runtime.getURL(`/popup.html?service=${encodeURIComponent(serviceId)}`) });
    }
    void b.notifications.clear(id);
  });
  // sendResponse + `return true` (not a returned promise): works on every Chrome and Firefox version.
  b.runtime.onMessage.addListener((raw: unknown, _sender: unknown, sendResponse: (r: unknown) => void) => {
    const msg = raw as Message;
    let work: Promise<unknown> | null = null;
    if (msg?.type === 'refresh') {
      work = dirNow().then((dir) => {
        const svc = dir.get(msg.serviceId);
        if (!svc) return;
        return pollComplaints([svc], true).then(() => (svc.official ? refresh([svc], true) : reconcile([svc.id])));
      });
    } else if (msg?.type === 'poll-now') {
      work = tick();
    } else if (msg?.type === 'report') {
      work = dirNow().then(async (dir) => {
        const svc = dir.get(msg.serviceId);
        if (!svc) return;
        await setReport(b.storage.local, svc.id, msg.on, deps.now());
        // The person says it is broken: check whether the provider has said anything yet.
        return msg.on && svc.official ? refresh([svc], true) : reconcile([svc.id]);
      });
    } else if (msg?.type === 'test-source') {
      work = testSource(msg.source);
    }
    if (!work) return false;
    work.then(
      (r) => sendResponse(msg.type === 'test-source' ? r : true),
      (e) => sendResponse(msg.type === 'test-source' ? { ok: false, message: String(e) } : false),
    );
    return true;
  });

  b.runtime.onInstalled.addListener((details) => {
    // First run: say what the extension does, and ask for what the browser did not grant (Firefox).
    if (details.reason === 'install') void b.tabs.create({ url: b.runtime.getURL('/welcome.html') }).catch(() => undefined);
  });

  // The first tick at start; `ready` lets tests wait for it (a worker never needs to).
  const ready = ensureAlarm()
    .then(tick)
    .catch(() => undefined);

  return { tick, paintTab, refresh, reconcile, onTabShows, ensureAlarm, ready };
}
