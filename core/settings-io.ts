/**
 * What only the options page needs from settings: export/import as JSON, and parsing what a person
 * types when adding a custom status page. (Apart from ./settings.ts so the popup never loads it.)
 */
import { DOMAIN_PATTERN, isCustomPageUrl } from './catalog/rules';
import { t, type MessageKey } from './i18n';
import { fail, ok, type Result } from './model';
import { migrateListingRepairs, parseSettings, type Settings } from './settings';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `custom-<slug of the status page's hostname>`, e.g. `custom-status-example-com`. */
export function customIdFor(statusPageUrl: string): string {
  let host = '';
  try {
    host = new URL(statusPageUrl).hostname;
  } catch {
    // fall through to the generic slug
  }
  const slug = host
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `custom-${slug || 'page'}`;
}

/**
 * What a person typed as a status page address → a clean URL, or null when it is not one.
 * A bare hostname gets `https://`. Intranet pages are accepted (plain `http:`, an IP address, a
 * one-word host: `isCustomPageUrl`; the form says the risk); other schemes and credentials are
 * refused. The fragment is dropped; a bare `/` path is dropped too (`https://status.example.com`).
 */
export function normaliseStatusPageUrl(input: string): string | null {
  let text = input.trim();
  if (text === '' || /\s/.test(text)) return null;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(text) && !/^[^:/]+:\d/.test(text)) return null; // mailto:, javascript: …
    text = `https://${text}`;
  }
  if (!isCustomPageUrl(text)) return null;
  const url = new URL(text);
  url.hash = '';
  return url.pathname === '/' && url.search === '' ? url.origin : url.href;
}

/**
 * The optional "sites of this service" field: hostnames separated by commas or spaces; a pasted
 * URL is reduced to its hostname. Lower-cased, deduplicated. Error: the first entry that is not a
 * hostname, in a sentence.
 */
export function parseDomainsInput(input: string): Result<string[]> {
  const out = new Set<string>();
  for (const part of input.split(/[\s,;]+/)) {
    if (part === '') continue;
    let host = part.toLowerCase();
    if (host.includes('/')) {
      try {
        host = new URL(host.includes('://') ? host : `https://${host}`).hostname;
      } catch {
        // keep as typed; it fails the pattern below
      }
    }
    host = host.replace(/\.$/, '');
    if (!DOMAIN_PATTERN.test(host)) return fail('schema', t('customBadDomain', part));
    out.add(host);
  }
  if (out.size > 50) return fail('schema', t('customTooManyDomains'));
  return ok([...out]);
}

/** The settings as pretty JSON for a person to keep. Credentials are not part of settings and never appear. */
export function exportSettings(s: Settings): string {
  return `${JSON.stringify(parseSettings(s), null, 2)}\n`;
}

const KNOWN_FIELDS = ['version', 'watched', 'pollIntervalMin', 'custom', 'sources', 'notifications', 'watchRequests'];

const FIELD_WORDS: Record<string, MessageKey> = {
  watched: 'fieldWatched',
  pollIntervalMin: 'fieldPollInterval',
  custom: 'fieldCustom',
  sources: 'fieldSources',
  notifications: 'fieldNotifications',
  'notifications.muted': 'fieldMuted',
  'notifications.quietHours': 'fieldQuietHours',
  'notifications.quietHours.start': 'fieldQuietStart',
  'notifications.quietHours.end': 'fieldQuietEnd',
  watchRequests: 'fieldWatchRequests',
  'notifications.minSeverity': 'fieldMinSeverity',
  'notifications.snoozed': 'fieldSnoozed',
  watchedParts: 'fieldWatchedParts',
};

function describeField(path: string): string {
  const key = FIELD_WORDS[path];
  if (key) return t(key);
  const custom = /^custom\[(\d+)\]$/.exec(path);
  if (custom) return t('fieldCustomItem', String(Number(custom[1]) + 1));
  return t('fieldBoolean', path);
}

/**
 * Settings from pasted or loaded JSON. Older versions are migrated; unknown fields are dropped;
 * missing fields take their defaults. Unlike loading from storage, a present but invalid value is
 * an error (naming the field), not silently replaced: the person should know their file was not
 * taken as written. Never touches credentials.
 */
export function importSettings(text: string): Result<Settings> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return fail('parse', t('importNotJson', e instanceof Error ? e.message : String(e)));
  }
  if (!isObj(raw)) return fail('schema', t('importNotObject'));
  if (!KNOWN_FIELDS.some((k) => k in raw)) return fail('schema', t('importNoFields', KNOWN_FIELDS.join(', ')));
  const repairs: string[] = [];
  const settings = migrateListingRepairs(raw, repairs);
  if (repairs.length > 0) {
    const fields = [...new Set(repairs)].map(describeField);
    return fail('schema', t('importInvalid', fields.join('; ')));
  }
  return ok(settings);
}
