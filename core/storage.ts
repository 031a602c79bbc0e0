/**
 * Every key Acknowledged keeps in extension storage, declared here and nowhere else: its area, its
 * type, its default (what a missing or unreadable value reads as) and its migration (how anything
 * stored — an older version, a hand edit, garbage — is read into the current type). The idea is
 * WXT's `storage.defineItem`; the functions below are the only readers and writers of these keys.
 *
 * | key | area | type | default | migration / validation |
 * | --- | --- | --- | --- | --- |
 * | `settings` | local | `Settings` | `DEFAULT_SETTINGS` | `parseSettings`: versioned steps, then field by field (core/settings.ts) |
 * | `credentials` | local | `Credentials` | `{}` | `parseCredentials` (core/credentials.ts) |
 * | `reports` | local | `ManualReport[]` | `[]` | well-formed entries kept, expired ones dropped on read |
 * | `crowd.bluesky.session` | local | Bluesky tokens | none | validated by core/crowd/bluesky.ts, which gets this area injected |
 * | `nav` | session | `NavEvent[]` | `[]` | well-formed entries kept, pruned to the evidence window on write |
 * | `requests` | session | `RequestBucket[]` (counts per service and minute; never a URL or host) | `[]` | well-formed buckets kept, pruned to 15 min on write |
 * | `notifiedAt` | session | `number[]` (epoch ms) | `[]` | numbers kept; the notifier keeps the last hour |
 * | `tab:<id>` | session | `string` (hostname) | none | a string, else absent |
 * | `view:<id>` | session | `TabView` (service id, part id, region code — never the URL) | none | well-formed, else absent (core/parts/view.ts) |
 * | `backWatch` | local | `{ [serviceId]: { since } }` | `{}` | well-formed entries kept, expired (7 days) dropped (core/backwatch.ts) |
 *
 * `storage.session` is memory only (gone when the browser closes); nothing is ever in `sync`.
 * Larger data (feed records, bodies, episodes, complaint buckets) is in IndexedDB, whose stores and
 * upgrades are declared in core/store.ts (`DB_VERSION`).
 */
import { BLUESKY_SESSION_KEY } from './crowd/bluesky';
import { parseCredentials, type Credentials } from './credentials';
import { MANUAL_REPORT_MS, pruneEvents, type ManualReport, type NavEvent } from './local/failures';
import { addObservations, type Observation, type RequestBucket } from './local/requests';
import { parseSettings, type Settings } from './settings';
import { parseRelaySettings, type RelaySettings } from './relay/settings';

/** The part of `browser.storage.local` / `.session` we use (fakeable in tests). */
export interface StorageArea {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/** A key/value area without `remove` (enough for items that are only read and written). */
export type KeyValueArea = Pick<StorageArea, 'get' | 'set'>;

export interface StorageItem<T> {
  key: string;
  area: 'local' | 'session';
  /** Anything stored (or nothing) → a valid value: the default and the migration in one. */
  read(raw: unknown): T;
  get(area: KeyValueArea): Promise<T>;
  set(area: KeyValueArea, value: T): Promise<void>;
}

export function defineItem<T>(key: string, area: 'local' | 'session', read: (raw: unknown) => T): StorageItem<T> {
  return {
    key,
    area,
    read,
    get: async (a) => read((await a.get(key))[key]),
    set: (a, value) => a.set({ [key]: value }),
  };
}

const isObject = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object';

function asEvents(raw: unknown): NavEvent[] {
  return Array.isArray(raw) ? raw.filter((e): e is NavEvent => isObject(e) && typeof e.at === 'number' && typeof e.ok === 'boolean') : [];
}

function asReports(raw: unknown): ManualReport[] {
  return Array.isArray(raw)
    ? raw.filter((r): r is ManualReport => isObject(r) && typeof r.serviceId === 'string' && typeof r.at === 'number')
    : [];
}

function asBuckets(raw: unknown): RequestBucket[] {
  return Array.isArray(raw)
    ? raw.filter(
        (b): b is RequestBucket =>
          isObject(b) &&
          typeof b.serviceId === 'string' &&
          typeof b.at === 'number' &&
          typeof b.answered === 'number' &&
          isObject(b.status) &&
          isObject(b.errors),
      )
    : [];
}

/** Which path answered a service's last refresh (core/relay/apply.ts). */
export interface RelayPath {
  via: 'relay' | 'direct';
  at: number;
  /** The relay's origin. */
  relay: string;
  /** Why the relay's answer was not used (direct only). */
  reason?: string;
}

function asRelayPaths(raw: unknown): Record<string, RelayPath> {
  const out: Record<string, RelayPath> = {};
  if (!isObject(raw)) return out;
  for (const [id, p] of Object.entries(raw)) {
    if (isObject(p) && (p.via === 'relay' || p.via === 'direct') && typeof p.at === 'number' && typeof p.relay === 'string') {
      out[id] = { via: p.via, at: p.at, relay: p.relay, ...(typeof p.reason === 'string' ? { reason: p.reason } : {}) };
    }
  }
  return out;
}

const asTimes = (raw: unknown): number[] => (Array.isArray(raw) ? raw.filter((x): x is number => typeof x === 'number') : []);

export const SETTINGS = defineItem<Settings>('settings', 'local', parseSettings);
export const CREDENTIALS = defineItem<Credentials>('credentials', 'local', parseCredentials);
export const REPORTS = defineItem<ManualReport[]>('reports', 'local', asReports);
export const NAV = defineItem<NavEvent[]>('nav', 'session', asEvents);
/** This browser's request counts (core/local/requests.ts): counts only, memory only. */
export const REQUESTS = defineItem<RequestBucket[]>('requests', 'session', asBuckets);
export const NOTIFIED_AT = defineItem<number[]>('notifiedAt', 'session', asTimes);
/** When the worker last dropped old episodes (core/worker/scheduler.ts): they age by days, so not at every tick. */
export const EPISODES_PRUNED_AT = defineItem<number>('episodesPrunedAt', 'session', (raw) => (typeof raw === 'number' ? raw : 0));
/** The relay (core/relay/): its settings, which path answered each service, the day's install token, reports sent. */
export const RELAY = defineItem<RelaySettings>('relay', 'local', parseRelaySettings);
export const RELAY_PATHS = defineItem<Record<string, RelayPath>>('relayPaths', 'local', asRelayPaths);
export const RELAY_TOKEN = defineItem<{ day: number; token: string } | null>('relayToken', 'local', (raw) =>
  isObject(raw) && typeof raw.day === 'number' && typeof raw.token === 'string' ? { day: raw.day, token: raw.token } : null,
);
export const RELAY_SENT = defineItem<string[]>('relaySent', 'local', (raw) =>
  Array.isArray(raw) ? raw.filter((k): k is string => typeof k === 'string') : [],
);
/** The Bluesky session cache: written only by core/crowd/bluesky.ts through the area it is given. */
export const BLUESKY_SESSION = { key: BLUESKY_SESSION_KEY, area: 'local' } as const;
/** Which hostname tab `id` shows (the key family `tab:<id>`). */
export const tabKey = (tabId: number): string => `tab:${tabId}`;
const TAB_KEY = /^tab:(\d+)$/;

export const SETTINGS_KEY = SETTINGS.key;
export const CREDENTIALS_KEY = CREDENTIALS.key;
export const NAV_KEY = NAV.key;
export const REPORTS_KEY = REPORTS.key;

// ---------------------------------------------------------------------------------------------
// Settings and credentials (written through their parser, so nothing invalid is ever stored).

export const loadSettings = (area: KeyValueArea): Promise<Settings> => SETTINGS.get(area);
export const saveSettings = (area: KeyValueArea, s: Settings): Promise<void> => SETTINGS.set(area, parseSettings(s));
export const loadCredentials = (area: KeyValueArea): Promise<Credentials> => CREDENTIALS.get(area);
export const saveCredentials = (area: KeyValueArea, c: Credentials): Promise<void> => CREDENTIALS.set(area, parseCredentials(c));

// ---------------------------------------------------------------------------------------------
// Local evidence: navigation outcomes (session) and the person's reports (local). Writes are
// serialised within a worker so concurrent events never lose one.

let chain: Promise<unknown> = Promise.resolve();
function serial<T>(fn: () => Promise<T>): Promise<T> {
  const p = chain.then(fn, fn);
  chain = p.catch(() => undefined);
  return p;
}

export const loadRelaySettings = (area: KeyValueArea): Promise<RelaySettings> => RELAY.get(area);
export const saveRelaySettings = (area: KeyValueArea, s: RelaySettings): Promise<void> => RELAY.set(area, parseRelaySettings(s));
export const loadRelayPaths = (area: KeyValueArea): Promise<Record<string, RelayPath>> => RELAY_PATHS.get(area);

export const loadNav = (session: KeyValueArea): Promise<NavEvent[]> => NAV.get(session);

export function recordNav(session: KeyValueArea, ev: NavEvent, now: number): Promise<void> {
  return serial(async () => NAV.set(session, pruneEvents([...(await loadNav(session)), ev], now)));
}

export async function loadReports(local: KeyValueArea, now: number): Promise<ManualReport[]> {
  return (await REPORTS.get(local)).filter((r) => now - r.at <= MANUAL_REPORT_MS);
}

/** Record (`on`) or withdraw the person's own "it's broken for me" for a service. */
export function setReport(local: KeyValueArea, serviceId: string, on: boolean, now: number): Promise<void> {
  return serial(async () => {
    const kept = (await loadReports(local, now)).filter((r) => r.serviceId !== serviceId);
    await REPORTS.set(local, on ? [...kept, { serviceId, at: now }] : kept);
  });
}

export const loadRequests = (session: KeyValueArea): Promise<RequestBucket[]> => REQUESTS.get(session);

/** Add observed request outcomes to the stored counts (serialised with the other evidence writes). */
export function recordRequests(session: KeyValueArea, observations: readonly Observation[], now: number): Promise<void> {
  return serial(async () => REQUESTS.set(session, addObservations(await loadRequests(session), observations, now)));
}

// ---------------------------------------------------------------------------------------------
// Tabs: which hostname each tab shows. Only the hostname — never the URL — and never off the device.

export async function rememberTab(area: StorageArea, tabId: number, hostname: string | null): Promise<void> {
  if (hostname) await area.set({ [tabKey(tabId)]: hostname });
  else await area.remove(tabKey(tabId));
}

export async function forgetTab(area: StorageArea, tabId: number): Promise<void> {
  await area.remove(tabKey(tabId));
}

export async function tabHostname(area: KeyValueArea, tabId: number): Promise<string | null> {
  const h = (await area.get(tabKey(tabId)))[tabKey(tabId)];
  return typeof h === 'string' ? h : null;
}

export async function allTabs(area: KeyValueArea): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (const [k, v] of Object.entries(await area.get(null))) {
    const m = TAB_KEY.exec(k);
    if (m && typeof v === 'string') out.set(Number(m[1]), v);
  }
  return out;
}
