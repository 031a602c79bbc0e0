/** Messages between the popup/options pages and the service worker, and shared timing constants. */
export type Message =
  | { type: 'refresh'; serviceId: string }
  | { type: 'poll-now' }
  /** The person's own "it's broken for me" (on: true) or its undo (on: false). */
  | { type: 'report'; serviceId: string; on: boolean }
  /** "Tell me when it's back" (on: true) or its cancel (on: false): a one-off watch (core/backwatch.ts). */
  | { type: 'back-watch'; serviceId: string; on: boolean }
  /** Options page "Test connection": answered with { ok, message }; credentials never travel in messages. */
  | { type: 'test-source'; source: 'bluesky' | 'isdown' };
export type Broadcast = { type: 'updated'; serviceIds: string[] };

/** Refresh a service shown in the active tab (or opened in the popup) when its data is older than this. */
export const TAB_REFRESH_AFTER_MS = 60_000;
