import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ratioWords } from '../../core/evidence';
import { formatDuration, describeTrackRecord, trackRecord } from '../../core/history/track';
import { formatMessage, pageLang, t, type MessageEntry, type MessageKey } from '../../core/i18n';
import { badgeSpec, headline, relativeTime, watchedTroubleBadge } from '../../core/present';
import { computeVerdict, type VerdictResult } from '../../core/verdict';

type Messages = Record<string, MessageEntry>;
const LOCALES = readdirSync('public/_locales');
const read = (lang: string) => JSON.parse(readFileSync(`public/_locales/${lang}/messages.json`, 'utf8')) as Messages;
const en = read('en');

/** Components whose every word comes from _locales: the options page, the popup, the welcome page. */
const PAGES = readdirSync('components')
  .filter((f) => /^(Options.*|Popup|PopupDetails|PopupAccess|Complaints|Welcome|RelayPath)\.tsx$/.test(f))
  .map((f) => join('components', f));

/**
 * Files whose strings come from _locales: those pages, their entrypoints, and the core modules
 * whose words they (and the badge, and the copied summary) show.
 */
const SOURCES = [
  ...PAGES,
  'components/slots.ts',
  ...['options', 'popup', 'welcome'].flatMap((e) => readdirSync(`entrypoints/${e}`).map((f) => join('entrypoints', e, f))),
  'core/settings.ts',
  'core/settings-io.ts',
  'core/i18n.ts',
  'core/present.ts',
  'core/verdict.ts',
  'core/evidence.ts',
  'core/judge.ts',
  'core/history/track.ts',
  'core/history/report.ts',
  'core/history/episodes.ts',
  'core/notify.ts',
  'core/judge.ts',
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

  it('every key used by the pages exists in every locale, and every key is used', () => {
    const used = new Set([...source.matchAll(/\b(?:t|rich)\(\s*'([A-Za-z0-9_]+)'/g)].map((m) => m[1]!));
    expect(used.size).toBeGreaterThan(50);
    for (const lang of LOCALES) {
      const msgs = read(lang);
      for (const key of used) expect(msgs[key], `${lang} lacks "${key}"`).toBeDefined();
    }
    // Keys passed around as values (section list, toggles) appear as quoted literals.
    const unused = Object.keys(en).filter(
      (k) => !['extName', 'extDescription'].includes(k) && !source.includes(`'${k}'`) && !source.includes(`"${k}"`),
    );
    expect(unused).toEqual([]);
  });

  it('the popup and welcome page have no hard-coded words in their markup (text or visible attributes)', () => {
    for (const f of PAGES.filter((p) => !/Options/.test(p))) {
      const jsx = readFileSync(f, 'utf8');
      // Text after an HTML tag that contains a word, e.g. `<p>Checked {…}` or `</span> and more`.
      const tag = String.raw`<\/?(?:a|button|div|em|h[1-6]|label|li|p|span|strong|summary|time|title)\b[^<>]*>`;
      const text = [...jsx.matchAll(new RegExp(`${tag}([^<>{}]*[A-Za-z]{2,}[^<>{}]*)[<{]`, 'g'))]
        .map((m) => m[1]!.trim())
        // Code between elements (`</p>\n) : records.length ? (`, `</strong>,\n ratioWords(…)`) is not text;
        // the product name is not translated.
        .filter((w) => !/^[),]/.test(w) && w !== 'Acknowledged');
      expect(text, f).toEqual([]);
      expect(
        [...jsx.matchAll(/\b(?:title|aria-label|placeholder|alt)="[^"]*[A-Za-z]{2,}/g)].map((m) => m[0]),
        f,
      ).toEqual([]);
    }
  });

  it('Chrome key names are unique ignoring case', () => {
    const lower = Object.keys(en).map((k) => k.toLowerCase());
    expect(new Set(lower).size).toBe(lower.length);
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
    const getMessage = vi.fn((key: string, subs?: string[]) =>
      key === 'saved' ? 'Gespeichert' : key === 'searchCount' ? `Treffer: ${subs?.[0]}.` : '',
    );
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

describe('German through the browser API', () => {
  const i18n = fakeBrowser.i18n as unknown as { getMessage: unknown };
  const original = i18n.getMessage;
  const de = read('de');
  afterEach(() => {
    i18n.getMessage = original;
  });
  const german = () => {
    i18n.getMessage = (key: string, subs?: string[]) => (de[key] ? formatMessage(de[key]!, subs ?? []) : '');
  };
  const NOW = Date.parse('2026-11-23T14:00:00Z');
  const MIN = 60_000;
  const ack: VerdictResult = { verdict: 'acknowledged', severity: 'major', reason: 'Teilweiser Ausfall', incident: null, problem: null };

  it('relative times and durations, with the inflection the sentences need', () => {
    german();
    expect(pageLang()).toBe('de');
    expect(relativeTime(NOW - 4 * MIN, NOW)).toBe('vor 4 Min.');
    expect(relativeTime(NOW - 65 * MIN, NOW)).toBe('vor 1 Std. 5 Min.');
    expect(relativeTime(NOW - 3 * 24 * 60 * MIN, NOW)).toBe('vor 3 Tagen');
    expect(relativeTime(NOW + 30 * MIN, NOW)).toBe('in 30 Min.');
    expect(relativeTime(NOW - 10_000, NOW)).toBe('gerade eben');
    expect(formatDuration(27 * 60 * MIN)).toBe('1 Tg. 3 Std.');
    expect(ratioWords(2.5)).toBe('etwa 2,5-mal so viele wie üblich');
  });

  it('headline, badge title and reasons', () => {
    german();
    expect(headline('GitHub', ack)).toBe('GitHub hat ein Problem bestätigt');
    expect(badgeSpec('GitHub', ack, { updatedAt: NOW - 4 * MIN, checkedAt: null }, NOW).title).toBe(
      'GitHub — bestätigt: Teilweiser Ausfall, aktualisiert vor 4 Min.',
    );
    expect(watchedTroubleBadge([{ name: 'GitHub', result: ack }], '').title).toBe('1 beobachteter Dienst hat Probleme: GitHub (bestätigt)');
    const stale = computeVerdict({
      hasOfficial: true,
      official: { serviceId: 'x', snapshot: null, lastSuccessAt: null, lastAttemptAt: null, problem: null, history: [] },
      now: NOW,
      staleAfterMs: MIN,
    });
    expect(stale.reason).toBe('Noch nicht geprüft');
  });

  it('track record: plural forms chosen in code', () => {
    german();
    expect(describeTrackRecord(trackRecord([], []))).toEqual(['Noch zu wenig Verlauf']);
  });
});

describe('formatMessage', () => {
  it('named placeholders (case-insensitive) → $n → substitutions; $$ is a dollar sign', () => {
    const entry: MessageEntry = {
      message: 'Costs $$5 for $WHO$ at $When$',
      placeholders: { who: { content: '$1' }, WHEN: { content: '$2' } },
    };
    expect(formatMessage(entry, ['Ana', 'noon'])).toBe('Costs $5 for Ana at noon');
  });

  it('German messages format with the same substitutions', () => {
    const de = read('de');
    expect(formatMessage(de.importDone!, ['4', '1'])).toBe('Importiert. Beobachtete Dienste: 4. Eigene Statusseiten: 1.');
    expect(formatMessage(de.customInvalidUrl!)).toBe('Geben Sie die Adresse einer Statusseite ein, etwa https://www.githubstatus.com');
  });
});
