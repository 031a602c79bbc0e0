/**
 * Reconcile: judge services again, advance their episodes, tell the person what changed, repaint
 * the badges, tell any open popup. Runs one at a time: two overlapping runs (a tick and a
 * navigation) would both see "no open episode" and tell the same transition twice.
 */
import type { Service } from '../catalog/catalog';
import { stepEpisode, takeUnnotified } from '../history/episodes';
import type { Broadcast } from '../messages';
import { isOpen } from '../model';
import { DEFAULT_NOTIFICATION_PREFS, type NotificationPrefs } from '../notify';
import type { Settings } from '../settings';
import { getOpenEpisode, putEpisode } from '../store';
import type { Badge } from './badge';
import type { Judged, WorkerContext } from './context';
import type { Notifier } from './notifier';
import { backWatches } from './backwatch';

export type Reconcile = (ids: string[]) => Promise<void>;

function notificationPrefs(s: Settings): NotificationPrefs {
  return { ...DEFAULT_NOTIFICATION_PREFS, ...s.notifications, muted: [...s.notifications.muted] };
}

export function createReconcile(ctx: WorkerContext, badge: Badge, notifier: Notifier): Reconcile {
  /** One service: its episode stepped and stored (marked told before telling), then told. */
  async function step(service: Service, j: Judged, prefs: NotificationPrefs) {
    const { result, ev } = j.judge(service);
    const open = await getOpenEpisode(j.d, service.id);
    const openIncidents = (j.recs.get(service.id)?.snapshot?.incidents ?? []).filter((i) => isOpen(i.status) && i.kind === 'incident');
    const next = stepEpisode(open, {
      serviceId: service.id,
      now: j.now,
      verdict: result,
      openIncidents,
      evidenceSince: ev.verdict.trouble ? ev.verdict.since : null,
    });
    if (!next.episode) return;
    const { episode, fresh } = takeUnnotified(next.episode, next.transitions);
    if (JSON.stringify(episode) !== JSON.stringify(open)) await putEpisode(j.d, episode);
    for (const t of fresh) {
      await notifier.notify(service, t, result.reason, prefs, j.s.watched.includes(service.id), {
        severity: result.severity,
        episodeStartedAt: episode.startedAt,
      });
    }
  }

  function broadcast(serviceIds: string[]) {
    const msg: Broadcast = { type: 'updated', serviceIds };
    // No popup open is the normal case: the promise rejects and that is fine.
    ctx.b.runtime.sendMessage(msg).catch(() => undefined);
  }

  async function reconcileNow(ids: string[]) {
    const dir = await ctx.dirNow();
    const services = [...new Set(ids)].map((id) => dir.get(id)).filter((x): x is Service => !!x);
    if (services.length === 0) return;
    const j = await ctx.judged(services.map((x) => x.id));
    const prefs = notificationPrefs(j.s);
    for (const service of services) {
      try {
        await step(service, j, prefs);
      } catch {
        // One service's storage trouble must not stop the others; the next tick tries again.
      }
    }
    // "Tell me when it's back" (issue 17): one-off watches, checked after every judgement.
    await backWatches(ctx, services, j, prefs.enabled).catch(() => undefined);
    await badge.paintAllTabs();
    broadcast(services.map((x) => x.id));
  }

  let chain: Promise<unknown> = Promise.resolve();
  return (ids) => {
    const p = chain.then(() => reconcileNow(ids));
    chain = p.catch(() => undefined);
    return p;
  };
}
