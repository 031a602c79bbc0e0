/** For worker tests on WXT's fake browser: the notifications the worker shows. */
import { fakeBrowser } from 'wxt/testing/fake-browser';

/** The ids of the notifications the worker creates from now on, in order (the fake browser still shows them). */
export function recordNotifications(): string[] {
  const created: string[] = [];
  const orig = fakeBrowser.notifications.create;
  fakeBrowser.notifications.create = (async (id: string, opts: unknown) => {
    created.push(id);
    return orig(id, opts as never);
  }) as typeof orig;
  return created;
}
