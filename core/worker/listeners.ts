/**
 * The browser events the worker listens to, registered synchronously at every start (an MV3
 * worker that registers late misses the event that woke it).
 */
import { hostnameOf } from '../catalog/catalog';
import { allTabs, forgetTab, recordNav, tabHostname } from '../storage';
import { forgetView, rememberView, viewOfUrl } from '../parts/view';
import type { Badge } from './badge';
import type { WorkerContext } from './context';
import type { Reconcile } from './reconcile';
import { POLL_ALARM, type Scheduler } from './scheduler';
import { watchRequests } from '../local/watch';

export function listen(ctx: WorkerContext, badge: Badge, scheduler: Scheduler, reconcile: Reconcile): void {
  const { b, deps, session } = ctx;
  const { onTabShows } = scheduler;

  // This browser's failed requests to the services the person allowed (core/local/watch.ts).
  watchRequests(b, {
    now: deps.now,
    online: deps.online ?? (() => true),
    session,
    catalog: ctx.catalog,
    directory: ctx.dirNow,
    settings: ctx.settings,
    onFailures: (ids) => void reconcile(ids),
  });
  // "Allow reading status.example.com" (popup): the feed is read at once, not at the next alarm.
  try {
    b.permissions.onAdded.addListener((p) => void scheduler.onHostsAllowed(p.origins ?? []));
  } catch {
    // No permission events (a test's fake browser): the next alarm reads the feed.
  }
  b.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === POLL_ALARM) void scheduler.tick();
  });
  /** Issue 17: the tab's part and region, from its URL, in memory; only the catalog's words for them are kept. */
  async function noteView(tabId: number, url: string) {
    await rememberView(session, tabId, viewOfUrl(await ctx.dirNow(), url));
  }
  b.webNavigation.onCommitted.addListener((d) => {
    if (d.frameId === 0) void noteView(d.tabId, d.url).then(() => onTabShows(d.tabId, hostnameOf(d.url)));
  });
  // Chromium resets per-tab badge text and title on every navigation, failed ones included.
  b.webNavigation.onCompleted.addListener((d) => {
    if (d.frameId !== 0) return;
    void (async () => {
      const svc = (await ctx.dirNow()).match(hostnameOf(d.url) ?? '');
      await recordNav(session, { at: deps.now(), serviceId: svc?.id ?? null, ok: true }, deps.now());
      await badge.paintTab(d.tabId);
    })();
  });
  b.webNavigation.onErrorOccurred.addListener((d) => {
    if (d.frameId !== 0) return;
    void (async () => {
      const host = hostnameOf(d.url);
      const svc = host ? (await ctx.dirNow()).match(host) : null;
      // Only a catalogued service's hostname is kept; any other site is a bare failure mark.
      await recordNav(
        session,
        { at: deps.now(), serviceId: svc?.id ?? null, ok: false, error: d.error, ...(svc && host ? { host } : {}) },
        deps.now(),
      );
      await noteView(d.tabId, d.url);
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
      if (host !== null && (await tabHostname(session, tabId)) === null) {
        await noteView(tabId, frame!.url);
        await onTabShows(tabId, host);
      } else await badge.paintTab(tabId);
    })();
  });
  b.tabs.onRemoved.addListener((tabId) => {
    void forgetTab(session, tabId);
    void forgetView(session, tabId);
  });
  b.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes.settings) void scheduler.ensureAlarm().then(scheduler.tick);
  });
  b.notifications?.onClicked.addListener((id) => {
    const [kind, serviceId] = id.split('|');
    if (kind === 'back-reload' && serviceId) {
      // "It answers again" (core/backwatch.ts): reload the tabs that show it (they showed the error page).
      void (async () => {
        const dir = await ctx.dirNow();
        for (const [tabId, host] of await allTabs(session))
          if (dir.match(host)?.id === serviceId) await b.tabs.reload(tabId).catch(() => undefined);
      })();
    } else if (serviceId) {
      void b.tabs.create({ url: b.runtime.getURL(`/popup.html?service=${encodeURIComponent(serviceId)}`) });
    }
    void b.notifications.clear(id);
  });
  b.runtime.onInstalled.addListener((details) => {
    // First run: say what the extension does, and ask for what the browser did not grant (Firefox).
    if (details.reason === 'install') void b.tabs.create({ url: b.runtime.getURL('/welcome.html') }).catch(() => undefined);
  });
}
