/**
 * A browser i18n API for the replay's worker that has no translation of its own (Chrome's answer
 * for a missing message is ''), so core/i18n.ts `t()` speaks the English messages that
 * core/i18n-english.ts installs — the words a browser in English shows.
 *
 * Why: under tsx there is no extension API (`wxt/browser` exports `globalThis.chrome`, undefined)
 * and under vitest WXT's fake browser throws "not implemented", so `t()` reached the same English
 * only after an exception per word: a tenth of the replay's machine time.
 *
 * No imports, and imported FIRST by every replay entry point: `wxt/browser` reads
 * `globalThis.chrome` once, when it is loaded.
 */
export const noTranslation = (): string => '';

const g = globalThis as { browser?: unknown; chrome?: unknown };
if (g.browser === undefined && g.chrome === undefined) g.chrome = { i18n: { getMessage: noTranslation } };
