import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { formatMessage, pageLang, t, type MessageEntry, type MessageKey } from '../../core/i18n';

type Messages = Record<string, MessageEntry>;
const LOCALES = readdirSync('public/_locales');
const read = (lang: string) => JSON.parse(readFileSync(`public/_locales/${lang}/messages.json`, 'utf8')) as Messages;
const en = read('en');

/** Files whose strings come from _locales (the options page and what it shows from core/settings). */
const SOURCES = [
  ...readdirSync('components')
    .filter((f) => /^Options.*\.tsx$/.test(f))
    .map((f) => join('components', f)),
  ...readdirSync('entrypoints/options').map((f) => join('entrypoints/options', f)),
  'core/settings.ts',
  'core/i18n.ts',
];
const source = SOURCES.map((f) => readFileSync(f, 'utf8')).join('\n');

/** `$NAME$` references in a message, lower-cased (Chrome treats placeholder names case-insensitively). */
const namedRefs = (m: string) => [...m.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((x) => x[1]!.toLowerCase()).sort();

describe('locales', () => {
  it('English and German are both there; English is the default locale', () => {
    expect(LOCALES.sort()).toEqual(['de', 'en']);
    const config = readFileSync('wxt.config.ts', 'utf8');
    expect(config).toMatch(/default_locale:\s*'en'/);
  });

  it.each(LOCALES)('%s: same keys as English, valid names, non-empty messages', (lang) => {
    const msgs = read(lang);
    expect(Object.keys(msgs).sort()).toEqual(Object.keys(en).sort());
    for (const [key, entry] of Object.entries(msgs)) {
      expect(key).toMatch(/^[A-Za-z0-9_]+$/);
      expect(entry.message.trim(), key).not.toBe('');
    }
    expect(msgs.langCode?.message).toBe(lang);
  });

  it.each(LOCALES)('%s: placeholders match English, and every $NAME$ used is defined (Chrome refuses to load otherwise)', (lang) => {
    const msgs = read(lang);
    for (const [key, entry] of Object.entries(msgs)) {
      const defined = Object.keys(entry.placeholders ?? {})
        .map((k) => k.toLowerCase())
        .sort();
      const english = Object.fromEntries(Object.entries(en[key]!.placeholders ?? {}).map(([k, v]) => [k.toLowerCase(), v.content]));
      const mine = Object.fromEntries(Object.entries(entry.placeholders ?? {}).map(([k, v]) => [k.toLowerCase(), v.content]));
      expect(mine, `${lang}.${key} placeholders`).toEqual(english);
      expect([...new Set(namedRefs(entry.message))], `${lang}.${key} uses exactly its placeholders`).toEqual(defined);
      // A lone "$" that is not a placeholder or "$$" would be mangled by the browser.
      expect(entry.message.replace(/\$[A-Za-z0-9_@]+\$|\$\$|\$[1-9]/g, ''), `${lang}.${key} stray $`).not.toContain('$');
    }
  });

  it('every key used by the options page exists in every locale, and every key is used', () => {
    const used = new Set([...source.matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/g)].map((m) => m[1]!));
    expect(used.size).toBeGreaterThan(50);
    for (const lang of LOCALES) {
      const msgs = read(lang);
      for (const key of used) expect(msgs[key], `${lang} lacks "${key}"`).toBeDefined();
    }
    // Keys passed around as values (section list, toggles) appear as quoted literals.
    const unused = Object.keys(en).filter((k) => !['extName', 'extDescription'].includes(k) && !source.includes(`'${k}'`) && !source.includes(`"${k}"`));
    expect(unused).toEqual([]);
  });

  it('the manifest strings still exist', () => {
    for (const lang of LOCALES) {
      expect(read(lang).extName?.message).toBe('Acknowledged');
      expect(read(lang).extDescription?.message).toBeTruthy();
    }
  });
});

describe('t', () => {
  const i18n = fakeBrowser.i18n as unknown as { getMessage: unknown };
  const original = i18n.getMessage;
  afterEach(() => {
    i18n.getMessage = original;
  });

  it('falls back to English when the browser API is unavailable (fake browser: not implemented)', () => {
    expect(t('saved')).toBe('Saved');
    expect(pageLang()).toBe('en');
  });

  it('substitutes placeholders in the fallback, one or several, strings or numbers', () => {
    expect(t('searchCount', '3')).toBe('Matches: 3. Tick a service to watch it.');
    expect(t('importDone', [4, 1])).toBe('Imported. Watched services: 4. Custom status pages: 1.');
    expect(t('customIsCatalog', 'GitHub')).toBe("That is GitHub's status page, which Acknowledged already knows. GitHub is now watched.");
    expect(t('pollInvalid', ['1', '60'])).toBe('Enter a whole number of minutes from 1 to 60.');
    // A missing substitution becomes empty, never "$1".
    expect(t('saveFailed')).toBe('Could not save: ');
  });

  it('uses the browser when it answers, with the substitutions passed through', () => {
    const getMessage = vi.fn((key: string, subs?: string[]) => (key === 'saved' ? 'Gespeichert' : key === 'searchCount' ? `Treffer: ${subs?.[0]}.` : ''));
    i18n.getMessage = getMessage;
    expect(t('saved')).toBe('Gespeichert');
    expect(t('searchCount', '7')).toBe('Treffer: 7.');
    expect(getMessage).toHaveBeenCalledWith('searchCount', ['7']);
    // The browser answers "" for a key its locale lacks: English, never blank.
    expect(t('copy')).toBe('Copy');
  });

  it('a key that does not exist anywhere shows the key, never nothing', () => {
    expect(t('no_such_key' as MessageKey)).toBe('no_such_key');
  });
});

describe('formatMessage', () => {
  it('named placeholders (case-insensitive) → $n → substitutions; $$ is a dollar sign', () => {
    const entry: MessageEntry = { message: 'Costs $$5 for $WHO$ at $When$', placeholders: { who: { content: '$1' }, WHEN: { content: '$2' } } };
    expect(formatMessage(entry, ['Ana', 'noon'])).toBe('Costs $5 for Ana at noon');
  });

  it('German messages format with the same substitutions', () => {
    const de = read('de');
    expect(formatMessage(de.importDone!, ['4', '1'])).toBe('Importiert. Beobachtete Dienste: 4. Eigene Statusseiten: 1.');
    expect(formatMessage(de.customInvalidUrl!)).toBe('Geben Sie die https-Adresse einer Statusseite ein, etwa https://www.githubstatus.com');
  });
});
