/**
 * The person's settings, stored in `storage.local` under `settings` (core/storage.ts; credentials are apart, in
 * ./credentials.ts; what only the options page needs — import/export, the custom-page form's
 * parsing — is in ./settings-io.ts, so the popup does not load it).
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
 *   v3: `http5xxDetection` (never used: no page offered it) is replaced by `watchRequests`, on by
 *       default — observation itself only runs for services the person allowed (issue 13)
 *   (v3, no bump) `watchedParts` arrives with its default `{}`, like `snoozed` and `minSeverity`:
 *       an added field needs no structural step, the repair gives it its default (issue 17)
 */
import { DOMAIN_PATTERN, ID_PATTERN, isCustomPageUrl, isNonEmpty, readOfficial, type Official } from './catalog/rules';
import type { Service } from './catalog/schema';

export const SETTINGS_VERSION = 3;

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
    /** "major": acknowledgements (and "fix applied") are told only for major incidents; "any": all. */
    minSeverity: 'any' | 'major';
    /**
     * Snoozes beside the permanent mute, by service id: `until` epoch ms (1 h, until tomorrow), or
     * `until: null` = until the trouble open when snoozing is resolved (`since` tells which).
     */
    snoozed: Record<string, Snooze>;
  };
  /**
   * Count this browser's failed requests (HTTP 5xx, network errors) to the services whose hosts
   * the person allowed ("Watch this site's requests"); off stops all observation at once.
   */
  watchRequests: boolean;
  /**
   * The parts (catalog `parts` ids) the person cares about, by watched service id. Absent or empty:
   * the whole service. Set: its notifications and watched-list verdict follow only those parts
   * (narrowed by the one rule, core/parts/narrow.ts; see `focusOfChoice` in core/parts/view.ts).
   */
  watchedParts: Record<string, string[]>;
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
    minSeverity: 'any',
    snoozed: {},
  },
  watchRequests: true,
  watchedParts: {},
});

/** A fresh, mutable copy of the defaults. */
export function defaultSettings(): Settings {
  return structuredClone(DEFAULT_SETTINGS) as Settings;
}

// ---------------------------------------------------------------------------------------------
// Field schemas

type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export const CUSTOM_ID_PATTERN = /^custom-[a-z0-9][a-z0-9-]*$/;
/** "HH:MM", 24-hour. */
export const TIME_PATTERN = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
export const MIN_POLL_MIN = 1;
export const MAX_POLL_MIN = 60;
/** Upper bounds, so an import cannot fill storage. */
const MAX_LIST = 500;
const MAX_CUSTOM = 100;

const isId = (v: unknown): v is string => typeof v === 'string' && ID_PATTERN.test(v);
const isInterval = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= MIN_POLL_MIN && v <= MAX_POLL_MIN;
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
  // Custom pages may be intranet ones (http, an IP address, a one-word host); the catalog may not.
  if (!isCustomPageUrl(statusPage)) return null;
  const feed = readOfficial(official, { intranet: true });
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
  // v2 → v3: `http5xxDetection` had no page to set it, so a stored `false` was never a choice;
  // `watchRequests` arrives with its default.
  2: ({ http5xxDetection: _unused, ...o }) => ({ ...o, version: 3 }),
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

/** A snooze: until a time (epoch ms), or (`until: null`) until the trouble open at `since` is over. */
export interface Snooze {
  until: number | null;
  since: number;
}

function severityOf(v: unknown, dflt: 'any' | 'major', repairs: Repairs): 'any' | 'major' {
  if (v === 'any' || v === 'major') return v;
  if (v !== undefined) repairs.push('notifications.minSeverity');
  return dflt;
}

function snoozeMap(v: unknown, repairs: Repairs): Record<string, Snooze> {
  if (!isObj(v)) {
    if (v !== undefined) repairs.push('notifications.snoozed');
    return {};
  }
  const out: Record<string, Snooze> = {};
  for (const [id, s] of Object.entries(v).slice(0, MAX_LIST)) {
    const until = isObj(s) ? s.until : undefined;
    const since = isObj(s) ? s.since : undefined;
    if (
      isId(id) &&
      typeof since === 'number' &&
      Number.isFinite(since) &&
      (until === null || (typeof until === 'number' && Number.isFinite(until)))
    ) {
      out[id] = { until, since };
    } else repairs.push('notifications.snoozed');
  }
  return out;
}

function partsMap(v: unknown, repairs: Repairs): Record<string, string[]> {
  if (!isObj(v)) {
    if (v !== undefined) repairs.push('watchedParts');
    return {};
  }
  const out: Record<string, string[]> = {};
  for (const [id, parts] of Object.entries(v).slice(0, MAX_LIST)) {
    if (!isId(id) || !Array.isArray(parts)) {
      repairs.push('watchedParts');
      continue;
    }
    // Part ids follow the catalog's id rule; an empty choice is the whole service, so not stored.
    const list = idList(parts, [], 'watchedParts', repairs);
    if (list.length > 0) out[id] = list;
  }
  return out;
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
      minSeverity: severityOf(n.minSeverity, d.notifications.minSeverity, repairs),
      snoozed: snoozeMap(n.snoozed, repairs),
    },
    watchRequests: bool(o.watchRequests, d.watchRequests, 'watchRequests', repairs),
    watchedParts: partsMap(o.watchedParts, repairs),
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

/** Like `migrate`, also listing the fields that were present but invalid (for imports: ./settings-io.ts). */
export function migrateListingRepairs(raw: unknown, repairs: string[]): Settings {
  return repair(upgrade(raw), repairs);
}

/** Validate whatever is stored: migrate, validate and repair (kept for callers of the v1 API). */
export function parseSettings(raw: unknown): Settings {
  return migrate(raw);
}

// ---------------------------------------------------------------------------------------------
// Custom services

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

// ---------------------------------------------------------------------------------------------

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}
