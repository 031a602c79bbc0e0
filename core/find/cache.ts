/**
 * What "Find a status page" found for a site, found or not, remembered for a week in
 * `storage.local` (key `findStatusPage`, one entry per registrable domain), so a second click
 * — or the popup opened again — neither asks the same hosts again nor forgets the answer.
 * Entries older than a week are ignored and dropped on the next write.
 */
import type { OfficialKind } from '../official/kinds';

export const FIND_KEY = 'findStatusPage';
export const FIND_TTL_MS = 7 * 24 * 60 * 60_000;

export interface FoundPage {
  /** The status page address that answered (what the person would open). */
  statusPage: string;
  kind: OfficialKind;
  /** The feed URL, as a catalog `official.url`. */
  url: string;
  label: string;
}

export interface FindResult {
  /** Registrable domain the search was for. */
  site: string;
  at: number;
  /** What was found, or null when no place answered with a readable feed. */
  found: FoundPage | null;
  /** The addresses tried, in order (shown when nothing was found). */
  tried: string[];
}

export interface KeyValueArea {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function readEntry(v: unknown): FindResult | null {
  if (!isObj(v) || typeof v.site !== 'string' || typeof v.at !== 'number' || !Array.isArray(v.tried)) return null;
  const f = v.found;
  if (
    f !== null &&
    !(
      isObj(f) &&
      typeof f.statusPage === 'string' &&
      typeof f.kind === 'string' &&
      typeof f.url === 'string' &&
      typeof f.label === 'string'
    )
  ) {
    return null;
  }
  return { site: v.site, at: v.at, found: f as FoundPage | null, tried: v.tried.filter((x): x is string => typeof x === 'string') };
}

async function readAll(area: KeyValueArea): Promise<Record<string, unknown>> {
  const got = await area.get(FIND_KEY);
  return isObj(got[FIND_KEY]) ? got[FIND_KEY] : {};
}

/** The remembered result for a registrable domain, if it is less than a week old. */
export async function rememberedFind(area: KeyValueArea, site: string, now: number): Promise<FindResult | null> {
  const entry = readEntry((await readAll(area))[site]);
  return entry !== null && now - entry.at >= 0 && now - entry.at < FIND_TTL_MS ? entry : null;
}

/** Remember a result (and drop entries older than a week). */
export async function rememberFind(area: KeyValueArea, result: FindResult, now: number): Promise<void> {
  const all = await readAll(area);
  const next: Record<string, FindResult> = {};
  for (const [k, v] of Object.entries(all)) {
    const e = readEntry(v);
    if (e !== null && now - e.at < FIND_TTL_MS && k !== result.site) next[k] = e;
  }
  next[result.site] = result;
  await area.set({ [FIND_KEY]: next });
}
