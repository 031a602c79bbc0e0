/**
 * Stand-in for `wxt/browser` in the relay bundle. Shared modules of ../core (core/poll.ts →
 * store.ts → history/episodes.ts) import the extension's i18n helper (core/i18n.ts) for words the
 * relay never shows; with no `i18n` here that helper answers from its English fallback, as it
 * does in unit tests. Typed as the real object so ../core typechecks against it; nothing on the
 * relay's paths touches it.
 */
export const browser = {} as unknown as typeof import('@wxt-dev/browser').browser;
