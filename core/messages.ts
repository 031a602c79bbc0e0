/** Messages between the popup/options pages and the service worker, and shared timing constants. */
export type Message =
  | { type: 'refresh'; serviceId: string }
  | { type: 'poll-now' }
  /** The person's own "it's broken for me" (on: true) or its undo (on: false). */
  | { type: 'report'; serviceId: string; on: boolean }
  /** Options page "Test connection": answered with { ok, message }; credentials never travel in messages. */
  | { type: 'test-source'; source: 'bluesky' | 'isdown' }
  /**
   * The popup's "Find a status page for <site>" (after the person granted the host permissions):
   * answered with the FindResult (core/find/cache.ts), or null for a hostname without a domain.
   */
  | { type: 'find-status-page'; host: string; readSite: boolean };
export type Broadcast = { type: 'updated'; serviceIds: string[] };

/** Refresh a service shown in the active tab (or opened in the popup) when its data is older than this. */
export const TAB_REFRESH_AFTER_MS = 60_000;
