/**
 * The person's settings, in `storage.local` (never sync: later versions hold credentials).
 * Read through a schema and repaired to defaults field by field, so a bad or old value never
 * stops the extension from working.
 */
import * as z from 'zod/mini';

export const SETTINGS_KEY = 'settings';
export const SETTINGS_VERSION = 1;

/** Services watched out of the box: everyday services with official feeds, so the list is useful at once. */
export const DEFAULT_WATCHED = ['github', 'cloudflare', 'openai', 'discord'] as const;

export interface Settings {
  version: number;
  /** Catalog ids of the services to keep polling and list in the popup. */
  watched: string[];
  /** Minutes between polls of watched services (≥ 1). */
  pollIntervalMin: number;
}

export const DEFAULT_SETTINGS: Settings = {
  version: SETTINGS_VERSION,
  watched: [...DEFAULT_WATCHED],
  pollIntervalMin: 1,
};

const watchedSchema = z.array(z.string().check(z.regex(/^[a-z0-9][a-z0-9-]*$/)));
const intervalSchema = z.number().check(z.int(), z.gte(1), z.lte(60));

/** Validate whatever is stored; keep each field that is valid, default the rest. */
export function parseSettings(raw: unknown): Settings {
  const obj = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const watched = watchedSchema.safeParse(obj.watched);
  const interval = intervalSchema.safeParse(obj.pollIntervalMin);
  return {
    version: SETTINGS_VERSION,
    watched: watched.success ? [...new Set(watched.data)] : [...DEFAULT_SETTINGS.watched],
    pollIntervalMin: interval.success ? interval.data : DEFAULT_SETTINGS.pollIntervalMin,
  };
}

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
