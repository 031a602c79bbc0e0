import { start } from '@/core/background';

// Everything is in core/background.ts; this only hands it the browser. WXT runs this function
// synchronously at worker start, so every listener `start` adds is registered in time to wake it.
export default defineBackground(() => {
  start(browser, {
    fetch: globalThis.fetch.bind(globalThis),
    now: Date.now,
    online: () => navigator.onLine,
    tzOffsetMin: () => new Date().getTimezoneOffset(),
  });
});
