/**
 * Translated text for the extension's pages: `t(key, subs?)` reads `public/_locales/<lang>/messages.json`
 * through `browser.i18n.getMessage` (which itself falls back to English, the default locale, for a
 * key missing from the person's language). Where there is no browser API (unit tests, benchmarks,
 * the demo's Node side) the English messages installed with `setFallbackMessages` are used; they
 * are not bundled into the extension's scripts, which never need them.
 *
 * Keys are typed from the English file: a key that does not exist there is a compile error, and
 * test/unit/i18n.test.ts checks every locale has the same keys and placeholders.
 */
import { browser } from 'wxt/browser';
import type en from '../public/_locales/en/messages.json';

export interface MessageEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

export type MessageKey = keyof typeof en;

let EN: Record<string, MessageEntry> = {};

/** Messages to use when the browser API is missing or answers empty (Node-side code passes the English file). */
export function setFallbackMessages(messages: Record<string, MessageEntry>): void {
  EN = messages;
}

/** Substitute a messages.json entry the way browsers do: named `$NAME$` placeholders, then `$1`…`$9`, `$$` → `$`. */
export function formatMessage(entry: MessageEntry, subs: readonly string[] = []): string {
  const named = entry.placeholders ?? {};
  const lower = new Map(Object.entries(named).map(([k, v]) => [k.toLowerCase(), v.content]));
  const withNamed = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => lower.get(name.toLowerCase()) ?? whole);
  return withNamed.replace(/\$(\$|[1-9])/g, (_whole, d: string) => (d === '$' ? '$' : (subs[Number(d) - 1] ?? '')));
}

function fromBrowser(key: string, subs: string[]): string {
  try {
    // WXT types getMessage from the messages it last generated; any key of ours is valid here.
    const getMessage = browser.i18n?.getMessage as ((k: string, s?: string[]) => string) | undefined;
    const got = getMessage?.call(browser.i18n, key, subs);
    return typeof got === 'string' ? got : '';
  } catch {
    return '';
  }
}

/** The text for `key` in the browser's language, or English. Never empty for a key that exists in English. */
export function t(key: MessageKey, subs?: string | readonly (string | number)[]): string {
  const list = subs === undefined ? [] : typeof subs === 'string' ? [subs] : subs.map(String);
  const got = fromBrowser(key, list);
  if (got !== '') return got;
  const entry = EN[key];
  return entry ? formatMessage(entry, list) : key;
}

/** The language code of the messages actually used ("en", "de"), for `<html lang>`. */
export function pageLang(): string {
  return t('langCode');
}
