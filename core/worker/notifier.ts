/**
 * Desktop notifications: the policy (core/notify.ts: which transitions, prefs, quiet hours, the
 * hourly cap) applied to the times already shown, which live in storage.session so the cap holds
 * across worker restarts.
 */
import type { Service } from '../catalog/catalog';
import type { Transition } from '../history/episodes';
import { CAP_WINDOW_MS, notificationText, shouldNotify, type NotificationPrefs } from '../notify';
import { NOTIFIED_AT } from '../storage';
import type { WorkerContext } from './context';

/** What the snooze and the minimum severity look at (core/notify.ts). */
export interface NotifyAbout {
  severity?: 'minor' | 'major' | null;
  episodeStartedAt?: number;
}

export interface Notifier {
  notify(service: Service, t: Transition, detail: string, prefs: NotificationPrefs, watched: boolean, about?: NotifyAbout): Promise<void>;
}

export function createNotifier(ctx: WorkerContext): Notifier {
  const { b, deps, session } = ctx;

  async function notify(
    service: Service,
    t: Transition,
    detail: string,
    prefs: NotificationPrefs,
    watched: boolean,
    about: NotifyAbout = {},
  ) {
    const now = deps.now();
    const recent = (await NOTIFIED_AT.get(session)).filter((x) => now - x < CAP_WINDOW_MS);
    const tzOffsetMin = deps.tzOffsetMin?.() ?? 0;
    if (!shouldNotify(t, prefs, { watched, now, tzOffsetMin, recent, ...about })) return;
    // Recorded before it is shown: a worker killed in between never shows it twice.
    await NOTIFIED_AT.set(session, [...recent, now]);
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

  return { notify };
}
