/**
 * Outage episodes: one record per stretch of trouble for a service, from the first sign (people,
 * this browser, or the provider) to resolution. Pure: the previous open episode and what is known
 * now go in; the next episode state and the transitions worth telling the person come out.
 *
 * Honesty rules (docs/design.md, "Honesty about time"): the provider's first word is the incident's `createdAt` (when it
 * spoke), not when we noticed. A delay to acknowledge is only claimed when our first evidence is
 * earlier than that word; otherwise the provider spoke first and we say so.
 */
import type { IncidentStatus, OfficialIncident, Verdict } from '../model';
import type { VerdictResult } from '../verdict';
import { t as tr } from '../i18n';

/** `monitoring`: the provider says a fix is applied and it is watching (told once per episode). */
export type TransitionKind = 'unacknowledged' | 'acknowledged' | 'monitoring' | 'resolved';

export interface Transition {
  kind: TransitionKind;
  serviceId: string;
  episodeId: string;
  at: number;
  /** For 'acknowledged': ms from the first evidence to the provider's first word (only when evidence came first). */
  delayMs: number | null;
  /** For 'acknowledged': true when the provider's word predates any evidence we had. */
  providerFirst: boolean;
}

export interface Episode {
  id: string;
  serviceId: string;
  startedAt: number;
  /** First complaint spike / local failure / report, epoch ms. */
  firstEvidenceAt: number | null;
  /** When the provider first spoke (the earliest linked incident's createdAt), epoch ms. */
  firstOfficialAt: number | null;
  incidentIds: string[];
  officialUpdates: { at: number; status: IncidentStatus }[];
  resolvedAt: number | null;
  /** Set when the episode is closed (resolved, or trouble faded with no word at all). */
  endedAt: number | null;
  /** Verdict changes during the episode, oldest first. */
  timeline: { at: number; verdict: Verdict }[];
  /** Transitions already told to the person: never told twice, even across worker restarts. */
  notified: TransitionKind[];
}

export const EPISODE_RETENTION_MS = 90 * 24 * 60 * 60_000;
const MAX_UPDATES = 60;
const MAX_TIMELINE = 60;

export interface StepInput {
  serviceId: string;
  now: number;
  verdict: VerdictResult;
  /** The open official incidents (kind incident) right now, for linking. */
  openIncidents: OfficialIncident[];
  /** When trouble was first seen outside the feed, if it is being seen now. */
  evidenceSince: number | null;
}

export interface StepResult {
  /** The episode after this step (open, or just closed), or null when there is none. */
  episode: Episode | null;
  transitions: Transition[];
}

const ms = (iso: string | null | undefined): number | null => {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : null;
};

function officialWordAt(incidents: OfficialIncident[], fallback: number): number {
  const times = incidents.map((i) => ms(i.createdAt) ?? ms(i.updates[i.updates.length - 1]?.at)).filter((t): t is number => t !== null);
  return times.length ? Math.min(...times) : fallback;
}

function withTimeline(e: Episode, at: number, verdict: Verdict): Episode {
  const last = e.timeline[e.timeline.length - 1];
  if (last?.verdict === verdict) return e;
  return { ...e, timeline: [...e.timeline, { at, verdict }].slice(-MAX_TIMELINE) };
}

function withUpdates(e: Episode, incidents: OfficialIncident[]): Episode {
  const seen = new Set(e.officialUpdates.map((u) => `${u.at}|${u.status}`));
  const fresh = incidents
    .flatMap((i) => i.updates.map((u) => ({ at: ms(u.at), status: u.status })))
    .filter((u): u is { at: number; status: IncidentStatus } => u.at !== null && !seen.has(`${u.at}|${u.status}`));
  if (fresh.length === 0 && incidents.every((i) => e.incidentIds.includes(i.id))) return e;
  return {
    ...e,
    incidentIds: [...new Set([...e.incidentIds, ...incidents.map((i) => i.id)])],
    officialUpdates: [...e.officialUpdates, ...fresh].sort((a, b) => a.at - b.at).slice(-MAX_UPDATES),
  };
}

function transition(e: Episode, kind: TransitionKind, at: number, delayMs: number | null = null, providerFirst = false): Transition {
  return { kind, serviceId: e.serviceId, episodeId: e.id, at, delayMs, providerFirst };
}

/** An episode that starts at `start`, first seen with verdict `v` at `now`; nothing official read into it yet. */
function newEpisode(
  serviceId: string,
  start: number,
  first: Pick<Episode, 'firstEvidenceAt' | 'firstOfficialAt'>,
  now: number,
  v: Verdict,
): Episode {
  return {
    id: `${serviceId}:${start}`,
    serviceId,
    startedAt: start,
    ...first,
    incidentIds: [],
    officialUpdates: [],
    resolvedAt: null,
    endedAt: null,
    timeline: [{ at: now, verdict: v }],
    notified: [],
  };
}

export function stepEpisode(open: Episode | null, input: StepInput): StepResult {
  const { now, verdict, serviceId } = input;
  const v = verdict.verdict;
  // Can't tell (feed unreadable, nothing else known): change nothing.
  if (v === 'unknown') return { episode: open, transitions: [] };

  if (!open) {
    if (v === 'unacknowledged') {
      const start = Math.min(input.evidenceSince ?? now, now);
      const e = newEpisode(serviceId, start, { firstEvidenceAt: start, firstOfficialAt: null }, now, v);
      return { episode: e, transitions: [transition(e, 'unacknowledged', now)] };
    }
    if (v === 'acknowledged') {
      const spoke = officialWordAt(input.openIncidents, now);
      const evidence = input.evidenceSince;
      const start = Math.min(spoke, evidence ?? spoke);
      const e = withUpdates(
        newEpisode(serviceId, start, { firstEvidenceAt: evidence, firstOfficialAt: spoke }, now, v),
        input.openIncidents,
      );
      const evidenceFirst = evidence !== null && evidence < spoke;
      return { episode: e, transitions: [transition(e, 'acknowledged', now, evidenceFirst ? spoke - evidence : null, !evidenceFirst)] };
    }
    return { episode: null, transitions: [] };
  }

  let e = withTimeline(open, now, v);
  const out: Transition[] = [];
  if (v === 'acknowledged' || input.openIncidents.length > 0) {
    e = withUpdates(e, input.openIncidents);
    if (e.firstOfficialAt === null && input.openIncidents.length > 0) {
      const spoke = officialWordAt(input.openIncidents, now);
      e = { ...e, firstOfficialAt: spoke };
      const evidenceFirst = e.firstEvidenceAt !== null && e.firstEvidenceAt < spoke;
      out.push(transition(e, 'acknowledged', now, evidenceFirst ? spoke - e.firstEvidenceAt! : null, !evidenceFirst));
    }
  }
  // The fix is in: tell it once (after the acknowledgement, never instead of it).
  if (
    v === 'acknowledged' &&
    verdict.monitoring &&
    e.firstOfficialAt !== null &&
    !e.notified.includes('monitoring') &&
    !out.some((x) => x.kind === 'acknowledged')
  ) {
    out.push(transition(e, 'monitoring', now));
  }
  if (v === 'unacknowledged' && e.firstEvidenceAt === null) e = { ...e, firstEvidenceAt: Math.min(input.evidenceSince ?? now, now) };

  if (v === 'resolved' || v === 'ok') {
    const resolvedAt = ms(verdict.incident?.resolvedAt) ?? now;
    e = { ...e, resolvedAt: e.firstOfficialAt !== null ? resolvedAt : null, endedAt: now };
    if (e.firstOfficialAt !== null) out.push(transition(e, 'resolved', now));
  }
  return { episode: e, transitions: out };
}

/** Transitions not yet told for this episode; mark them told in the returned episode. */
export function takeUnnotified(e: Episode, ts: Transition[]): { episode: Episode; fresh: Transition[] } {
  const fresh = ts.filter((t) => !e.notified.includes(t.kind));
  return { episode: fresh.length ? { ...e, notified: [...e.notified, ...fresh.map((t) => t.kind)] } : e, fresh };
}

/** "Discord acknowledged 19 min after people started reporting" and friends. */
export function describeAcknowledgement(name: string, t: Transition): string {
  if (t.kind !== 'acknowledged') return '';
  if (t.delayMs !== null && t.delayMs >= 60_000) {
    return tr('ackAfterMinutes', [name, Math.round(t.delayMs / 60_000)]);
  }
  if (t.providerFirst) return tr('ackProviderFirst', name);
  return tr('ackWithinMinute', name);
}

export function isPrunable(e: Episode, now: number): boolean {
  return now - (e.endedAt ?? e.startedAt) > EPISODE_RETENTION_MS;
}
