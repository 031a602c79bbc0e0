/**
 * The person's settings, in `storage.local` under `settings`, and their credentials, in
 * `storage.local` under `credentials` (never sync storage, never exported).
 *
 * Settings are versioned. Whatever is stored (an older version, a newer one, a hand-edited import,
 * garbage) is read through `migrate`: structural steps bring it to the current version, then every
 * field is validated on its own and a bad value is replaced by its default. A bad value never stops
 * the extension from working, and one bad field never costs the person the others.
 *
 * Versions:
 *   v0 (no `version`): `{ watched?: string[] }`
 *   v1: `{ version: 1, watched, pollIntervalMin }`
 *   v2: adds `custom`, `sources`, `notifications`, `http5xxDetection`
 */
import { DOMAIN_PATTERN, ID_PATTERN, isHttpsUrl, isNonEmpty, readOfficial, type Official } from './catalog/rules';
import type { Service } from './catalog/schema';
import { t, type MessageKey } from './i18n';
import { fail, ok, type Result } from './model';

export const SETTINGS_KEY = 'settings';
export const CREDENTIALS_KEY = 'credentials';
export const SETTINGS_VERSION = 2;

/** Services watched out of the box: everyday services with official feeds, so the list is useful at once. */
export const DEFAULT_WATCHED = ['github', 'cloudflare', 'openai', 'discord'] as const;

/** A person's own status page, added by URL on the options page. */
export interface CustomService {
  /** `custom-<slug>`, unique among custom services; never collides with a catalog id. */
  id: string;
  name: string;
  /** The page for humans, https. */
  statusPage: string;
  /** The detected feed (same shape and rules as a catalog entry's `official`). */
  official: Official;
  /** Site hostnames the person says this service owns (optional; may be empty). */
  domains: string[];
}

export type SourceToggle = 'hn' | 'mastodon' | 'bluesky' | 'isdown';
export type KeyedSource = 'bluesky' | 'isdown';

export interface Settings {
  version: number;
  /** Catalog (or custom) ids of the services to keep polling and list in the popup. */
  watched: string[];
  /** Minutes between polls of watched services (whole number, 1–60). */
  pollIntervalMin: number;
  /** The person's own status pages. Their ids may appear in `watched`. */
  custom: CustomService[];
  /** Which complaint sources to read. Bluesky and IsDown also need credentials (see `Credentials`). */
  sources: Record<SourceToggle, boolean>;
  notifications: {
    enabled: boolean;
    /** People report trouble and the provider has said nothing. */
    unacknowledged: boolean;
    /** The provider acknowledged a problem. */
    acknowledged: boolean;
    /** The problem is resolved. */
    resolved: boolean;
    /** Service ids never notified about. */
    muted: string[];
    /** No notifications between start and end (local time, "HH:MM"; may wrap past midnight). */
    quietHours: { enabled: boolean; start: string; end: string };
  };
  /** Count HTTP 5xx answers of a service's sites as local failures (needs broad host access; opt-in). */
  http5xxDetection: boolean;
}

export const DEFAULT_SETTINGS: Settings = deepFreeze({
  version: SETTINGS_VERSION,
  watched: [...DEFAULT_WATCHED],
  pollIntervalMin: 1,
  custom: [],
  sources: { hn: true, mastodon: true, bluesky: false, isdown: false },
  notifications: {
    enabled: true,
    unacknowledged: true,
    acknowledged: true,
    resolved: true,
    muted: [],
    quietHours: { enabled: false, start: '22:00', end: '07:00' },
  },
  http5xxDetection: false,
});

/** A fresh, mutable copy of the defaults. */
export function defaultSettings(): Settings {
  return structuredClone(DEFAULT_SETTINGS) as Settings;
}

// ---------------------------------------------------------------------------------------------
// Field schemas

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export const CUSTOM_ID_PATTERN = /^custom-[a-z0-9][a-z0-9-]*$/;
/** "HH:MM", 24-hour. */
export const TIME_PATTERN = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
export const MIN_POLL_MIN = 1;
export const MAX_POLL_MIN = 60;
/** Upper bounds, so an import cannot fill storage. */
const MAX_LIST = 500;
const MAX_CUSTOM = 100;

const isId = (v: unknown): v is string => typeof v === 'string' && ID_PATTERN.test(v);
const isInterval = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= MIN_POLL_MIN && v <= MAX_POLL_MIN;
const isTime = (v: unknown): v is string => typeof v === 'string' && TIME_PATTERN.test(v);

const CUSTOM_KEYS: ReadonlySet<string> = new Set(['id', 'name', 'statusPage', 'official', 'domains']);

/**
 * A valid custom status page → a clean copy (name trimmed), else null. Strict: unknown keys,
 * a bad id/name/URL/feed, a bad or duplicated domain, or more than 50 domains make it invalid.
 * (Plain checks, no zod: this runs in the worker and the popup; the rules are ./catalog/rules.ts.)
 */
export function readCustomService(v: unknown): CustomService | null {
  if (!isObj(v)) return null;
  for (const k of Object.keys(v)) if (!CUSTOM_KEYS.has(k)) return null;
  const { id, name, statusPage, official, domains } = v;
  if (typeof id !== 'string' || !CUSTOM_ID_PATTERN.test(id) || id.length > 80) return null;
  if (!isNonEmpty(name) || name.trim().length > 120) return null;
  if (!isHttpsUrl(statusPage)) return null;
  const feed = readOfficial(official);
  if (feed === null) return null;
  if (!Array.isArray(domains) || domains.length > 50) return null;
  if (!domains.every((d): d is string => typeof d === 'string' && DOMAIN_PATTERN.test(d))) return null;
  if (new Set(domains).size !== domains.length) return null;
  return { id, name: name.trim(), statusPage, official: feed, domains: [...domains] };
}

// ---------------------------------------------------------------------------------------------
// Migration


/** Which version a stored object claims to be: a missing or unreadable `version` is v0. */
function versionOf(o: Obj): number {
  const v = o.version;
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0;
}

/**
 * Structural steps, one per version. Each takes an object of version n and returns one of version
 * n+1; values are not validated here (the repair step does that, field by field).
 */
const STEPS: Record<number, (o: Obj) => Obj> = {
  // v0 → v1: v0 only had `watched`; the interval arrives with its default. Other fields are passed
  // on (not picked) so an object whose `version` is merely unreadable keeps what is valid in it.
  0: (o) => ({ ...o, version: 1 }),
  // v1 → v2: new sections arrive with their defaults.
  1: (o) => ({ ...o, version: 2 }),
};

/** Bring any stored value to the current version's shape (fields still unvalidated). */
function upgrade(raw: unknown): Obj {
  let o: Obj = isObj(raw) ? raw : {};
  let v = versionOf(o);
  while (v < SETTINGS_VERSION) {
    o = STEPS[v]!(o);
    v = versionOf(o);
  }
  // A newer version than this code knows (a downgrade, or an import from a newer install): read the
  // fields we understand, with our meaning, and default the rest.
  return o;
}

/** Names of fields that were present but invalid and so were reset; used by `importSettings`. */
type Repairs = string[];

function bool(v: unknown, dflt: boolean, path: string, repairs: Repairs): boolean {
  if (typeof v === 'boolean') return v;
  if (v !== undefined) repairs.push(path);
  return dflt;
}

/** A list of ids: keep the valid entries (deduplicated, in order), drop the rest. */
function idList(v: unknown, dflt: readonly string[], path: string, repairs: Repairs): string[] {
  if (!Array.isArray(v)) {
    if (v !== undefined) repairs.push(path);
    return [...dflt];
  }
  const out = new Set<string>();
  for (const item of v) {
    if (isId(item)) out.add(item);
    else repairs.push(path);
  }
  return [...out].slice(0, MAX_LIST);
}

function customList(v: unknown, repairs: Repairs): CustomService[] {
  if (!Array.isArray(v)) {
    if (v !== undefined) repairs.push('custom');
    return [];
  }
  const out: CustomService[] = [];
  const ids = new Set<string>();
  v.forEach((item, i) => {
    const c = readCustomService(item);
    if (c === null || ids.has(c.id) || out.length >= MAX_CUSTOM) {
      repairs.push(`custom[${i}]`);
      return;
    }
    ids.add(c.id);
    out.push(c);
  });
  return out;
}

function repair(o: Obj, repairs: Repairs): Settings {
  const d = DEFAULT_SETTINGS;
  const interval = isInterval(o.pollIntervalMin) ? o.pollIntervalMin : null;
  if (interval === null && o.pollIntervalMin !== undefined) repairs.push('pollIntervalMin');

  const src = isObj(o.sources) ? o.sources : {};
  if (o.sources !== undefined && !isObj(o.sources)) repairs.push('sources');

  const n = isObj(o.notifications) ? o.notifications : {};
  if (o.notifications !== undefined && !isObj(o.notifications)) repairs.push('notifications');
  const q = isObj(n.quietHours) ? n.quietHours : {};
  if (n.quietHours !== undefined && !isObj(n.quietHours)) repairs.push('notifications.quietHours');
  const time = (v: unknown, dflt: string, path: string) => {
    if (isTime(v)) return v;
    if (v !== undefined) repairs.push(path);
    return dflt;
  };

  return {
    version: SETTINGS_VERSION,
    watched: idList(o.watched, d.watched, 'watched', repairs),
    pollIntervalMin: interval ?? d.pollIntervalMin,
    custom: customList(o.custom, repairs),
    sources: {
      hn: bool(src.hn, d.sources.hn, 'sources.hn', repairs),
      mastodon: bool(src.mastodon, d.sources.mastodon, 'sources.mastodon', repairs),
      bluesky: bool(src.bluesky, d.sources.bluesky, 'sources.bluesky', repairs),
      isdown: bool(src.isdown, d.sources.isdown, 'sources.isdown', repairs),
    },
    notifications: {
      enabled: bool(n.enabled, d.notifications.enabled, 'notifications.enabled', repairs),
      unacknowledged: bool(n.unacknowledged, d.notifications.unacknowledged, 'notifications.unacknowledged', repairs),
      acknowledged: bool(n.acknowledged, d.notifications.acknowledged, 'notifications.acknowledged', repairs),
      resolved: bool(n.resolved, d.notifications.resolved, 'notifications.resolved', repairs),
      muted: idList(n.muted, d.notifications.muted, 'notifications.muted', repairs),
      quietHours: {
        enabled: bool(q.enabled, d.notifications.quietHours.enabled, 'notifications.quietHours.enabled', repairs),
        start: time(q.start, d.notifications.quietHours.start, 'notifications.quietHours.start'),
        end: time(q.end, d.notifications.quietHours.end, 'notifications.quietHours.end'),
      },
    },
    http5xxDetection: bool(o.http5xxDetection, d.http5xxDetection, 'http5xxDetection', repairs),
  };
}

/**
 * Any stored value (v0, v1, v2, a newer version, garbage) → valid current settings. Each field is
 * validated on its own; an invalid one becomes its default, the others are kept. Unknown fields
 * are dropped.
 */
export function migrate(raw: unknown): Settings {
  return repair(upgrade(raw), []);
}

/** Validate whatever is stored: migrate, validate and repair (kept for callers of the v1 API). */
export function parseSettings(raw: unknown): Settings {
  return migrate(raw);
}

// ---------------------------------------------------------------------------------------------
// Storage

export interface KeyValueArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export async function loadSettings(area: KeyValueArea): Promise<Settings> {
  const got = await area.get(SETTINGS_KEY);
  return parseSettings(got[SETTINGS_KEY]);
}

export async function saveSettings(area: KeyValueArea, s: Settings): Promise<void> {
  await area.set({ [SETTINGS_KEY]: parseSettings(s) });
}

// ---------------------------------------------------------------------------------------------
// Custom services

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
 * A custom status page as a catalog-shaped `Service`, so the poller, the verdict and the popup can
 * treat it like any other. Its `domains` may be empty (then no site maps to it; it is still
 * polled and listed when watched).
 */
export function customAsService(c: CustomService): Service {
  return {
    id: c.id,
    name: c.name,
    category: 'other',
    domains: [...c.domains],
    statusPage: c.statusPage,
    official: c.official,
  };
}

/**
 * What a person typed as a status page address → a clean https URL, or null when it is not one.
 * A bare hostname gets `https://`; `http:`, other schemes, IP addresses, localhost and credentials
 * are refused. The fragment is dropped; a bare `/` path is dropped too (`https://status.example.com`).
 */
export function normaliseStatusPageUrl(input: string): string | null {
  let text = input.trim();
  if (text === '' || /\s/.test(text)) return null;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(text) && !/^[^:/]+:\d/.test(text)) return null; // mailto:, javascript: …
    text = `https://${text}`;
  }
  if (!isHttpsUrl(text)) return null;
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

/** A custom service by id, from settings. */
export function findCustom(s: Settings, id: string): CustomService | undefined {
  return s.custom.find((c) => c.id === id);
}

// ---------------------------------------------------------------------------------------------
// Export / import

/** The settings as pretty JSON for a person to keep. Credentials are not part of settings and never appear. */
export function exportSettings(s: Settings): string {
  return `${JSON.stringify(parseSettings(s), null, 2)}\n`;
}

const KNOWN_FIELDS = ['version', 'watched', 'pollIntervalMin', 'custom', 'sources', 'notifications', 'http5xxDetection'];

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
  http5xxDetection: 'fieldHttp5xx',
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
  const repairs: Repairs = [];
  const settings = repair(upgrade(raw), repairs);
  if (repairs.length > 0) {
    const fields = [...new Set(repairs)].map(describeField);
    return fail('schema', t('importInvalid', fields.join('; ')));
  }
  return ok(settings);
}

// ---------------------------------------------------------------------------------------------
// Credentials (storage.local only; never synced, never exported, never sent in messages)

export interface Credentials {
  /** Either field may be empty while the person is still typing; use `blueskyReady` before using them. */
  bluesky?: { handle: string; appPassword: string };
  isdown?: { apiKey: string };
}

/** A credential field: a string, trimmed, at most `max` characters after trimming; else null. */
const credText = (v: unknown, max: number): string | null => {
  if (typeof v !== 'string') return null;
  const s = v.trim();
  return s.length <= max ? s : null;
};

/** Valid credentials only; an invalid or empty entry is dropped, the other kept. A leading "@" of a handle is removed. */
export function parseCredentials(raw: unknown): Credentials {
  const o = isObj(raw) ? raw : {};
  const out: Credentials = {};
  const b = isObj(o.bluesky) ? o.bluesky : null;
  const handle = b ? credText(b.handle, 253) : null;
  const appPassword = b ? credText(b.appPassword, 200) : null;
  if (handle !== null && appPassword !== null && (handle !== '' || appPassword !== '')) {
    out.bluesky = { handle: handle.replace(/^@/, ''), appPassword };
  }
  const apiKey = isObj(o.isdown) ? credText(o.isdown.apiKey, 500) : null;
  if (apiKey !== null && apiKey !== '') out.isdown = { apiKey };
  return out;
}

/** Both Bluesky fields are filled in. */
export const blueskyReady = (c: Credentials): c is Credentials & { bluesky: { handle: string; appPassword: string } } =>
  !!c.bluesky && c.bluesky.handle !== '' && c.bluesky.appPassword !== '';

/** An IsDown key is filled in. */
export const isdownReady = (c: Credentials): c is Credentials & { isdown: { apiKey: string } } => !!c.isdown && c.isdown.apiKey !== '';

/** Read credentials; pass `browser.storage.local` (never sync storage). */
export async function loadCredentials(area: KeyValueArea): Promise<Credentials> {
  const got = await area.get(CREDENTIALS_KEY);
  return parseCredentials(got[CREDENTIALS_KEY]);
}

/** Write credentials; pass `browser.storage.local` (never sync storage). Incomplete entries are removed. */
export async function saveCredentials(area: KeyValueArea, c: Credentials): Promise<void> {
  await area.set({ [CREDENTIALS_KEY]: parseCredentials(c) });
}

// ---------------------------------------------------------------------------------------------

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}
