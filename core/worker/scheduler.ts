/**
 * The scheduler: what to read and when. The poll alarm (re-armed at every start), the tick that
 * polls what is due, refreshes asked for by a tab or the popup, and the complaint sources.
 */
import type { Service } from '../catalog/catalog';
import { directory } from '../services';
import { officialIsStale } from '../judge';
import { feedPermissionOf } from '../net/access';
import { isPollDue, pollCycle } from '../poll';
import { refreshViaRelay, type RelayDeps } from '../relay/apply';
import { isSharing, shareFailures } from '../relay/share';
import { allTabs, EPISODES_PRUNED_AT, rememberTab } from '../storage';
import type { Settings } from '../settings';
import { allViews, tabView } from '../parts/view';
import { upstreamIds } from '../parts/upstream';
import { loadBackWatches } from '../backwatch';
import { getChecks, getRecord, pruneEpisodes, type Db } from '../store';
import type { Badge } from './badge';
import { pollCrowd } from './complaints';
import { enabledSources, type WorkerContext } from './context';
import type { Reconcile } from './reconcile';

export const POLL_ALARM = 'poll';
/** At most this many feeds are read at once. */
const CONCURRENCY = 4;
/** Episodes are kept 90 days; dropping the old ones reads every episode, so it runs at most this often. */
export const PRUNE_EVERY_MS = 6 * 60 * 60_000;
const NO_PERMISSION = {
  code: 'permission' as const,
  message: 'the browser has not allowed Acknowledged to read this status feed yet — press “Allow reading” in the popup to allow it',
};

export interface Scheduler {
  tick(): Promise<void>;
  /** `reconcileAfter` false: the caller reconciles these services itself right after (the tick). */
  refresh(services: Service[], force: boolean, reconcileAfter?: boolean): Promise<void>;
  pollComplaints(services: Service[], force?: boolean): Promise<void>;
  onTabShows(tabId: number, host: string | null): Promise<void>;
  /** Host permissions were granted (e.g. "Allow reading" in the popup): read the feeds they open, now. */
  onHostsAllowed(origins: readonly string[]): Promise<void>;
  ensureAlarm(): Promise<void>;
}

/** What the relay path (core/relay/apply.ts) needs. */
const relayDeps = (ctx: WorkerContext, d: Db, s: Settings): RelayDeps => ({
  db: d,
  fetch: ctx.deps.fetch,
  now: ctx.deps.now,
  local: ctx.b.storage.local,
  intervalMs: s.pollIntervalMin * 60_000,
});

/** Query complaint sources for these services, each source when due. */
export async function pollComplaints(ctx: WorkerContext, services: Service[], force = false): Promise<void> {
  const { b, deps } = ctx;
  if (services.length === 0) return;
  // Services with an official feed asked the relay in refresh(); the others ask it here, for crowd counts.
  await refreshViaRelay(
    services.filter((x) => !x.official),
    relayDeps(ctx, await ctx.db(), await ctx.settings()),
  );
  const enabled = enabledSources(await ctx.settings());
  if (enabled.length === 0) return;
  const cd = { db: await ctx.db(), fetch: deps.fetch, now: deps.now, config: await ctx.crowdConfig(), store: b.storage.local };
  for (const svc of services) {
    try {
      await pollCrowd(svc, enabled, cd, force);
    } catch {
      // One service's sources failing must not stop the others.
    }
  }
}

/**
 * A host-mode feed is read only with its host permission: Firefox grants none at install, and a
 * catalog feed newer than the last release is asked for at the person's click
 * (core/net/access.ts `splitHostPermissions`). Never fail silently without it.
 */
async function mayRead(b: WorkerContext['b'], service: Service): Promise<boolean> {
  const origin = feedPermissionOf(service); // null: no feed, or read without a host permission (CORS)
  if (origin === null || !b.permissions?.contains) return true;
  try {
    return await b.permissions.contains({ origins: [origin] });
  } catch {
    return true; // an API we cannot ask (tests, old browsers): let the fetch speak for itself
  }
}

export function createScheduler(ctx: WorkerContext, badge: Badge, reconcile: Reconcile): Scheduler {
  const { b, deps, session } = ctx;

  async function refresh(services: Service[], force: boolean, reconcileAfter = true): Promise<void> {
    if (services.length === 0) return;
    const s = await ctx.settings();
    const d = { db: await ctx.db(), fetch: deps.fetch, now: deps.now, intervalMs: s.pollIntervalMin * 60_000 };
    const precheck = async (x: Service) => ((await mayRead(b, x)) ? null : NO_PERMISSION);
    // With a relay on, it answers first; what it cannot answer is polled directly (core/relay/apply.ts).
    const direct = await refreshViaRelay(services, relayDeps(ctx, d.db, s));
    // One read of every record and one write for the whole batch (core/poll.ts `pollCycle`).
    await pollCycle(direct, d, { force, concurrency: CONCURRENCY, precheck }).catch(
      () => undefined, // a storage failure: the next tick retries
    );
    if (reconcileAfter) await reconcile(services.map((x) => x.id));
  }

  /** With the person's opt-in, tell the relay which services this browser fails to reach (core/relay/share.ts). */
  async function shareOwnFailures(services: Service[]) {
    // Judging every service costs a read of every record: only when the person opted in.
    if (!(await isSharing(b.storage.local))) return;
    const j = await ctx.judged(services.map((x) => x.id));
    const local = new Map(services.map((x) => [x.id, j.judge(x).ev.local] as const));
    await shareFailures(local, { fetch: deps.fetch, now: deps.now, local: b.storage.local });
  }

  /** Watched services and services shown in tabs. */
  async function inView(): Promise<Service[]> {
    const s = await ctx.settings();
    const dir = directory(s, await ctx.catalog());
    const ids = new Set<string>(s.watched);
    for (const host of (await allTabs(session)).values()) {
      const svc = dir.match(host);
      if (svc) ids.add(svc.id);
    }
    // Issue 17: product pages tabs show (Jira's), upstream providers (for the hint), one-off watches.
    for (const view of (await allViews(session)).values()) ids.add(view.service);
    for (const id of [...ids]) for (const u of upstreamIds(dir.get(id))) ids.add(u);
    for (const id of Object.keys(await loadBackWatches(b.storage.local, deps.now()))) ids.add(id);
    return [...ids].map((id) => dir.get(id)).filter((x): x is Service => !!x);
  }

  /** The alarm: poll watched services and services shown in tabs, each when it is due. */
  async function tick() {
    const services = await inView();
    const d = await ctx.db();
    // The small check rows (when each feed was last read, its backoff) decide what is due; the
    // full records (snapshots, history) are not read for that.
    const checks = await getChecks(
      d,
      services.map((x) => x.id),
    );
    const now = deps.now();
    const due = services.filter((x) => x.official !== null && isPollDue(checks.get(x.id), now));
    // Official word first: a slow complaint source (a first-run backfill) must never delay it.
    // Not reconciled there: every service is, just below.
    await refresh(due, false, false);
    await pollComplaints(ctx, services);
    // Complaints may have changed any verdict; services without an official feed, and evidence
    // that ages out, are judged on every tick too.
    await reconcile(services.map((x) => x.id));
    await shareOwnFailures(services);
    // Episodes are kept 90 days; dropping the old ones walks every stored episode, so it runs at
    // most every PRUNE_EVERY_MS, remembered in session storage so a fresh worker does not redo it
    // (a clock set back counts as due).
    const prunedAt = await EPISODES_PRUNED_AT.get(session);
    if (now - prunedAt >= PRUNE_EVERY_MS || now < prunedAt) {
      await pruneEpisodes(d, now).catch(() => 0);
      await EPISODES_PRUNED_AT.set(session, now);
    }
  }

  /** A tab shows a site: remember its hostname, paint from stored data at once, refresh if old. */
  async function onTabShows(tabId: number, host: string | null) {
    await rememberTab(session, tabId, host);
    await badge.paintTab(tabId, { host });
    const view = host ? await tabView(session, tabId) : null;
    const dir = await ctx.dirNow();
    const service = host ? ((view && dir.get(view.service)) ?? dir.match(host)) : null;
    if (!service) return;
    await pollComplaints(ctx, [service]);
    if (!service.official) return reconcile([service.id]);
    const rec = await getRecord(await ctx.db(), service.id);
    if (officialIsStale(rec, deps.now())) {
      // Honour backoff while the feed is failing; otherwise the person's visit is reason enough.
      await refresh([service], !rec?.problem);
    }
  }

  async function ensureAlarm() {
    const s = await ctx.settings();
    const existing = await b.alarms.get(POLL_ALARM);
    if (!existing || existing.periodInMinutes !== s.pollIntervalMin) {
      await b.alarms.create(POLL_ALARM, { periodInMinutes: s.pollIntervalMin, delayInMinutes: 0.1 });
    }
  }

  async function onHostsAllowed(origins: readonly string[]) {
    const opened = (await inView()).filter((x) => {
      const p = feedPermissionOf(x);
      return p !== null && origins.includes(p);
    });
    await refresh(opened, true);
  }

  return {
    tick,
    refresh,
    pollComplaints: (services, force) => pollComplaints(ctx, services, force),
    onTabShows,
    onHostsAllowed,
    ensureAlarm,
  };
}
