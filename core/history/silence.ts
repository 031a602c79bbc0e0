/**
 * The provider's own admitted silence: where a feed states when impact began (Google Cloud
 * `begin`, Statuspage `started_at`) earlier than its first post (`createdAt`), the time between.
 * One definition, used by the track record (./track.ts) and the popup's incident card; kept in
 * its own small file so the popup's first paint does not load the track record.
 */
import type { OfficialIncident } from '../model';

/** A start earlier than `createdAt` by less than this is bookkeeping (Statuspage writes both within ms), not back-dating. */
export const BACKDATE_MIN_MS = 60_000;
/** Longer than this is not a silence but a date error (same bound as the track record's durations). */
const MAX_SILENCE_MS = 14 * 24 * 3_600_000;

/** createdAt − startedAt when the provider's own start is at least a minute earlier (and sane), else null. */
export function admittedSilenceMs(i: Pick<OfficialIncident, 'startedAt' | 'createdAt'>): number | null {
  const started = i.startedAt ? Date.parse(i.startedAt) : NaN;
  const created = i.createdAt ? Date.parse(i.createdAt) : NaN;
  if (!Number.isFinite(started) || !Number.isFinite(created)) return null;
  const r = created - started;
  return r >= BACKDATE_MIN_MS && r < MAX_SILENCE_MS ? r : null;
}
