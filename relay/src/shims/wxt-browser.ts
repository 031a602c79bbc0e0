/**
 * Stand-in for `wxt/browser` in the relay bundle. Shared modules of ../core (core/poll.ts →
 * store.ts → history/episodes.ts) import the extension's i18n helper (core/i18n.ts) for words the
 * relay never shows; with no `i18n` here that helper answers from its English fallback, as it
 * does in unit tests.
 */
export const browser: { i18n?: undefined; runtime?: undefined } = {};
