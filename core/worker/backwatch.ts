/** The worker's side of "tell me when it's back" (the rules: core/backwatch.ts). */
import type { Service } from '../catalog/catalog';
import { runBackWatches } from '../backwatch';
import { backRetryText, backText } from '../notify';
import type { Judged, WorkerContext } from './context';

export async function backWatches(ctx: WorkerContext, services: Service[], j: Judged, enabled: boolean): Promise<void> {
  const { b, deps } = ctx;
  const checks = services.map((x) => {
    const { result, ev } = j.judge(x);
    return { serviceId: x.id, name: x.name, verdict: result.verdict, failedHosts: ev.local.failures > 0 ? ev.local.hosts : [] };
  });
  await runBackWatches(checks, {
    local: b.storage.local,
    now: deps.now(),
    fetch: deps.fetch,
    words: { back: backText, answers: backRetryText },
    notify: async (serviceId, title, message, reload) => {
      // Asked for explicitly, so told even for unwatched or muted services; not when notifications are off.
      if (!enabled) return;
      const iconUrl = b.runtime.getURL('/icons/128.png');
      await b.notifications
        ?.create(`${reload ? 'back-reload' : 'back'}|${serviceId}|${deps.now()}`, { type: 'basic', iconUrl, title, message })
        .catch(() => undefined);
    },
  });
}
