/**
 * The service worker, with the browser passed in (the entrypoint only calls `start`). The parts
 * are in core/worker/: the context every part reads (context.ts), the badge (badge.ts), the
 * notifier (notifier.ts), reconcile (verdict → episode → notifications → badges, reconcile.ts),
 * the scheduler (scheduler.ts), the answers to the pages' messages (handlers.ts, protocol in
 * core/messages.ts) and the browser events (listeners.ts).
 *
 * MV3 workers die at any moment, so: every listener is registered synchronously in `start`; the
 * poll alarm is re-armed at every start; all state lives in IndexedDB and storage; every step can
 * be repeated without harm (a notification is marked told in its episode before it is shown).
 *
 * One loop: poll feeds / record evidence → reconcile → paint the badges of the tabs concerned →
 * tell any open popup.
 */
import type { WxtBrowser } from 'wxt/browser';
import { handleMessages } from './messages';
import { createBadge } from './worker/badge';
import { createContext, type BackgroundDeps } from './worker/context';
import { createHandlers } from './worker/handlers';
import { listen } from './worker/listeners';
import { createNotifier } from './worker/notifier';
import { createReconcile } from './worker/reconcile';
import { createScheduler } from './worker/scheduler';

export function start(b: WxtBrowser, deps: BackgroundDeps) {
  const ctx = createContext(b, deps);
  const badge = createBadge(ctx);
  const reconcile = createReconcile(ctx, badge, createNotifier(ctx));
  const scheduler = createScheduler(ctx, badge, reconcile);

  listen(ctx, badge, scheduler, reconcile);
  handleMessages(b, createHandlers(ctx, scheduler, reconcile));

  // The first tick at start; `ready` lets tests wait for it (a worker never needs to).
  const ready = scheduler
    .ensureAlarm()
    .then(scheduler.tick)
    .catch(() => undefined);

  const { tick, refresh, onTabShows, ensureAlarm } = scheduler;
  return { tick, paintTab: badge.paintTab, refresh, reconcile, onTabShows, ensureAlarm, ready };
}
