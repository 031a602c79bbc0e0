/**
 * "Do they care?" (docs/design.md, the five questions: 4): a provider's track record, from its own past
 * incidents (the status feed's history, resolved ones included) and the episodes this browser
 * recorded (core/history/episodes.ts).
 *
 * Pure: no clock, and no browser API except reading translated words (`t()`, core/i18n.ts).
 *
 * Honesty (docs/design.md, "Honesty about time"): we never claim to have seen trouble
 * before the provider unless the timestamps prove it. A time to acknowledge is measured only when an
 * episode's first evidence is strictly earlier than the provider's first word, and the provider's
 * first word must be its own timestamp (the incident's `createdAt`, as episodes.ts records it), never
 * the time we polled. Episodes where the provider spoke first are counted and said as such.
 */
import { t } from '../i18n';
import type { OfficialIncident } from '../model';
import { admittedSilenceMs } from './silence';
import { MAX_SANE_DURATION_MS, MAX_SCAN_CHARS, incidentDurationMs, median, msOf, uniqueIncidents } from './eta';

export interface EpisodeLike {
  firstEvidenceAt: number | null;
  firstOfficialAt: number | null;
  resolvedAt: number | null;
  startedAt: number;
  /**
   * When the episode was closed (episodes.ts sets it; an episode that faded with no official word
   * keeps `resolvedAt: null`). Optional: without it, an episode counts as ended only when
   * `resolvedAt` is set.
   */
  endedAt?: number | null;
}

/** How many records stand behind each figure, so sentences can say "(from 12 incidents)". */
export interface TrackCounts {
  /** Episodes behind `medianTimeToAcknowledgeMs` (evidence strictly before the provider's word). */
  acknowledgedAfterEvidence: number;
  /** Episodes with evidence where the provider's word came at or before the first evidence. */
  providerFirst: number;
  /** Ended episodes with evidence: the denominator of `neverAcknowledgedShare`. */
  endedWithEvidence: number;
  /** Of those, the ones with no official word by the time they ended. */
  neverAcknowledged: number;
  /** Gaps behind `medianUpdateIntervalMs`, and the incidents they come from. */
  updateGaps: number;
  incidentsWithGaps: number;
  /** Incidents behind `medianDurationMs`. */
  durations: number;
  /** Incidents behind `firstResponseMs`. */
  firstResponses: number;
  /** Incidents with any update text: the denominator of `postmortems`. */
  incidentsWithText: number;
}

export interface TrackRecord {
  basedOn: { incidents: number; episodes: number };
  /** Median of firstOfficialAt − firstEvidenceAt over episodes whose evidence came strictly first. */
  medianTimeToAcknowledgeMs: number | null;
  /** Ended episodes with evidence and no official word by their end ÷ ended episodes with evidence; null below 3. */
  neverAcknowledgedShare: number | null;
  /** Median gap between consecutive updates within an incident (all gaps pooled). */
  medianUpdateIntervalMs: number | null;
  /** Median of resolvedAt − (startedAt ?? createdAt) over resolved incidents. */
  medianDurationMs: number | null;
  /** Median of createdAt − startedAt where the provider back-dated the start by at least a minute. */
  firstResponseMs: number | null;
  /** Incidents with an update mentioning a postmortem / post-incident review / RCA; null when no incident has update text. */
  postmortems: number | null;
  counts: TrackCounts;
}

/** Fewer ended episodes with evidence than this → no `neverAcknowledgedShare`. */
export const MIN_EPISODES_FOR_SHARE = 3;
export { BACKDATE_MIN_MS } from './silence';
/** Inputs beyond these are ignored (the newest come first in every list we are given). */
export const MAX_INCIDENTS = 1_000;
export const MAX_EPISODES = 1_000;
export const MAX_UPDATES_PER_INCIDENT = 200;

const POSTMORTEM_RE =
  /\bpost[- ]?mortems?\b|\bpost[- ]incident\s+(?:reviews?|reports?|analys[ie]s)\b|\broot[- ]cause\s+analys[ie]s\b|\brcas?\b|\bincident\s+reports?\b/i;

const finite = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
const sane = (d: number) => d > 0 && d < MAX_SANE_DURATION_MS;

function isEpisode(e: unknown): e is EpisodeLike {
  return typeof e === 'object' && e !== null && finite((e as EpisodeLike).startedAt) !== null;
}

export function trackRecord(past: OfficialIncident[], episodes: EpisodeLike[]): TrackRecord {
  const incidents = uniqueIncidents(Array.isArray(past) ? past.slice(0, MAX_INCIDENTS) : []).filter((i) => i.kind === 'incident');
  const eps = (Array.isArray(episodes) ? episodes.slice(0, MAX_EPISODES) : []).filter(isEpisode);

  // Episodes.
  const ackDelays: number[] = [];
  let providerFirst = 0;
  let endedWithEvidence = 0;
  let neverAcknowledged = 0;
  for (const e of eps) {
    const evidence = finite(e.firstEvidenceAt);
    const official = finite(e.firstOfficialAt);
    if (evidence === null) continue;
    if (official !== null) {
      if (official > evidence) {
        if (sane(official - evidence)) ackDelays.push(official - evidence);
      } else providerFirst++;
    }
    const resolved = finite(e.resolvedAt);
    const ended = finite(e.endedAt);
    if (resolved === null && ended === null) continue; // still going: not yet known
    // The later of the two ends: generous to the provider, so we never over-claim silence.
    const end = Math.max(resolved ?? -Infinity, ended ?? -Infinity);
    endedWithEvidence++;
    if (official === null || official > end) neverAcknowledged++;
  }

  // Incidents.
  const gaps: number[] = [];
  let incidentsWithGaps = 0;
  const durations: number[] = [];
  const firstResponses: number[] = [];
  let incidentsWithText = 0;
  let postmortems = 0;
  for (const i of incidents) {
    const updates = Array.isArray(i.updates) ? i.updates.slice(0, MAX_UPDATES_PER_INCIDENT) : [];
    const times = [...new Set(updates.map((u) => msOf(u?.at)).filter((t): t is number => t !== null))].sort((a, b) => a - b);
    let had = false;
    for (let k = 1; k < times.length; k++) {
      const g = times[k]! - times[k - 1]!;
      if (sane(g)) {
        gaps.push(g);
        had = true;
      }
    }
    if (had) incidentsWithGaps++;

    const d = incidentDurationMs(i);
    if (d !== null) durations.push(d);

    const silence = admittedSilenceMs(i);
    if (silence !== null) firstResponses.push(silence);

    const texts = updates.map((u) => (typeof u?.text === 'string' ? u.text : '')).filter((t) => t.trim() !== '');
    if (texts.length > 0) {
      incidentsWithText++;
      if (texts.some((t) => POSTMORTEM_RE.test(t.slice(0, MAX_SCAN_CHARS)))) postmortems++;
    }
  }

  return {
    basedOn: { incidents: incidents.length, episodes: eps.length },
    medianTimeToAcknowledgeMs: median(ackDelays),
    neverAcknowledgedShare: endedWithEvidence >= MIN_EPISODES_FOR_SHARE ? neverAcknowledged / endedWithEvidence : null,
    medianUpdateIntervalMs: median(gaps),
    medianDurationMs: median(durations),
    firstResponseMs: median(firstResponses),
    postmortems: incidentsWithText > 0 ? postmortems : null,
    counts: {
      acknowledgedAfterEvidence: ackDelays.length,
      providerFirst,
      endedWithEvidence,
      neverAcknowledged,
      updateGaps: gaps.length,
      incidentsWithGaps,
      durations: durations.length,
      firstResponses: firstResponses.length,
      incidentsWithText,
    },
  };
}

/** "under 1 min", "19 min", "1 h 5 min", "2 h", "3 d 4 h". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 60_000) return t('durUnderMinute');
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return t('durMinutes', [minutes]);
  const hours = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (hours < 24) return m === 0 ? t('durHours', [hours]) : t('durHoursMinutes', [hours, m]);
  const days = Math.floor(hours / 24);
  const h = hours % 24;
  return h === 0 ? t('durDaysShort', [days]) : t('durDaysHours', [days, h]);
}

/**
 * "Not enough history yet", in the page's language (read once, at import: on the Node side the English
 * fallback must be installed first, as test/unit/setup.ts does).
 */
export const NOT_ENOUGH = t('trackNotEnough');

/** Plain sentences for the popup; ["Not enough history yet"] when there is nothing to say. */
export function describeTrackRecord(r: TrackRecord): string[] {
  const out: string[] = [];
  const c = r.counts;
  if (r.medianDurationMs !== null && c.durations > 0) {
    out.push(
      c.durations === 1
        ? t('trackDurationOne', formatDuration(r.medianDurationMs))
        : t('trackDuration', [formatDuration(r.medianDurationMs), c.durations]),
    );
  }
  if (r.medianUpdateIntervalMs !== null && c.updateGaps > 0) {
    out.push(
      t(c.incidentsWithGaps === 1 ? 'trackUpdatesOne' : 'trackUpdatesOther', [
        formatDuration(r.medianUpdateIntervalMs),
        c.incidentsWithGaps,
      ]),
    );
  }
  if (r.firstResponseMs !== null && c.firstResponses > 0) {
    out.push(
      t(c.firstResponses === 1 ? 'trackFirstWordOne' : 'trackFirstWordOther', [formatDuration(r.firstResponseMs), c.firstResponses]),
    );
  }
  if (r.medianTimeToAcknowledgeMs !== null && c.acknowledgedAfterEvidence > 0) {
    out.push(
      t(c.acknowledgedAfterEvidence === 1 ? 'trackAckOne' : 'trackAckOther', [
        formatDuration(r.medianTimeToAcknowledgeMs),
        c.acknowledgedAfterEvidence,
      ]),
    );
  }
  if (c.providerFirst > 0) {
    out.push(t(c.providerFirst === 1 ? 'trackProviderFirstOne' : 'trackProviderFirstOther', [c.providerFirst]));
  }
  if (r.neverAcknowledgedShare !== null) {
    // endedWithEvidence is at least MIN_EPISODES_FOR_SHARE here: always plural.
    out.push(t('trackNeverAck', [c.neverAcknowledged, c.endedWithEvidence]));
  }
  // Only a positive count is said: a review published elsewhere (a blog, a report) leaves no trace
  // in the feed's update text, so "0 of 12" would over-claim.
  if (r.postmortems !== null && r.postmortems > 0 && c.incidentsWithText > 0) {
    out.push(t(c.incidentsWithText === 1 ? 'trackPostmortemOne' : 'trackPostmortemOther', [r.postmortems, c.incidentsWithText]));
  }
  return out.length > 0 ? out : [t('trackNotEnough')];
}
