/**
 * The verdict: one pure function from everything known about a service to one of the six words
 * of docs/design.md. No I/O, no clock: `now` is an argument, so every rule is a table-driven test. The
 * words of `reason` come from public/_locales through `t()` (core/i18n.ts); the verdict never depends on them.
 *
 * Order of precedence (docs/design.md, "How evidence combines"):
 *   feed unreadable / stale  → unknown (the last good data is still shown, marked as such)
 *   open incident or a component/page reporting trouble → acknowledged
 *   maintenance in progress  → maintenance
 *   an incident resolved within the last 60 min, nothing open → resolved
 *   otherwise                → ok
 * Complaint and local evidence (`unacknowledged`) arrive in a later layer and slot in above `ok`.
 */
import { t, type MessageKey } from './i18n';
import {
  type ComponentStatus,
  type IncidentStatus,
  type OfficialIncident,
  type OfficialSnapshot,
  type Problem,
  type Verdict,
  IMPACT_STATUS,
  isClosed,
  isMaintenanceUnderWay,
  isOpen,
  isTrouble,
  worstStatus,
} from './model';

/** What the store knows about a service's official feed. */
export interface OfficialState {
  serviceId: string;
  /** Last good snapshot; kept through errors. */
  snapshot: OfficialSnapshot | null;
  /** Epoch ms of the last answer we could read (200 parsed, or 304 for data we already had). */
  lastSuccessAt: number | null;
  /** Epoch ms of the last attempt, successful or not. */
  lastAttemptAt: number | null;
  /** Why the last attempt failed; null when it succeeded. */
  problem: Problem | null;
  /** Recently closed incidents (from the history endpoint, or seen vanishing), newest first. */
  history: OfficialIncident[];
}

/** Trouble seen outside the official feed: complaint spikes and this browser's own failures. */
export interface Evidence {
  /** A likely outage: a complaint spike (docs/design.md rules) and/or this browser's repeated failures or the person's report. */
  trouble: boolean;
  /** When the trouble started (first anomalous window / first failure / report), epoch ms. */
  since: number | null;
  /** Short words for what was seen, e.g. "complaints about 14× the usual; this browser failed 3 times". */
  summary: string;
}

export interface VerdictInput {
  /** Whether the provider publishes an official feed at all. */
  hasOfficial: boolean;
  /** Complaint and local evidence, when any is known. */
  evidence?: Evidence;
  official: OfficialState | undefined;
  now: number;
  /** Data older than this is not trusted to say "ok". */
  staleAfterMs: number;
}

export interface VerdictResult {
  verdict: Verdict;
  /** For `acknowledged`: how bad the provider says it is. */
  severity: 'minor' | 'major' | null;
  /** Short words for the badge title and headline, e.g. "Partial outage". */
  reason: string;
  /** The incident or maintenance the verdict is about, if any. */
  incident: OfficialIncident | null;
  /** The problem behind an `unknown`, if any (also kept for an `unacknowledged` whose feed is down). */
  problem: Problem | null;
  /** For `unacknowledged`: since when people/this browser have seen trouble with no official word. */
  silentSince?: number | null;
  /**
   * For `acknowledged`: every open incident's latest status is "monitoring" — the provider has
   * applied a fix and is watching it. Still acknowledged (not over until they say resolved), but
   * said as such, and no longer "major" unless a component still reports an outage.
   */
  monitoring?: boolean;
}

export const RESOLVED_WINDOW_MS = 60 * 60 * 1000;

/** Message keys of the reason for a page/component status (public/_locales). */
const STATUS_WORDS: Record<ComponentStatus, MessageKey> = {
  operational: 'statusOperational',
  unknown: 'statusNotStated',
  maintenance: 'statusMaintenance',
  degraded: 'statusDegraded',
  partial_outage: 'statusPartialOutage',
  major_outage: 'statusMajorOutage',
};

const INCIDENT_STATUS_WORDS: Record<IncidentStatus, MessageKey> = {
  investigating: 'incidentInvestigating',
  identified: 'incidentIdentified',
  monitoring: 'incidentMonitoring',
  resolved: 'incidentResolved',
  scheduled: 'incidentScheduled',
  in_progress: 'incidentInProgress',
  verifying: 'incidentVerifying',
  completed: 'incidentCompleted',
  unknown: 'incidentUpdate',
};

/** The label of an incident/maintenance update's status, e.g. "Investigating". */
export function incidentStatusWord(status: IncidentStatus): string {
  return t(INCIDENT_STATUS_WORDS[status] ?? 'incidentUpdate');
}

/** An incident not yet resolved or completed (the model's rule, on the incident). */
const openIncident = (i: OfficialIncident): boolean => isOpen(i.status);

const time = (iso: string | null): number => (iso ? Date.parse(iso) : NaN);

/** A maintenance is in progress when the provider says so, or when its announced window contains now. */
export function maintenanceInProgress(m: OfficialIncident, now: number): boolean {
  if (isClosed(m.status)) return false;
  if (isMaintenanceUnderWay(m.status)) return true;
  const from = time(m.scheduledFor);
  const until = time(m.scheduledUntil);
  return m.status === 'scheduled' && from <= now && (Number.isNaN(until) || now < until);
}

/** The worst trouble among some statuses; 'operational' when none is trouble (maintenance is not). */
function worstOf(statuses: ComponentStatus[]): ComponentStatus {
  return worstStatus(statuses.filter(isTrouble), 'operational');
}

function newestFirst(a: OfficialIncident, b: OfficialIncident): number {
  return (time(b.updatedAt ?? b.createdAt) || 0) - (time(a.updatedAt ?? a.createdAt) || 0);
}

const unknown = (reason: string, problem: Problem | null, incident: OfficialIncident | null = null): VerdictResult => ({
  verdict: 'unknown',
  severity: null,
  reason,
  incident,
  problem,
});

/** How long ago, in coarse words, for reasons ("12 min", "3 h"). */
export function agoWords(ms: number): string {
  const min = Math.max(0, Math.round(ms / 60_000));
  if (min < 1) return t('durLessThanMinute');
  if (min < 60) return t('durMinutes', [min]);
  if (min < 180) return min % 60 === 0 ? t('durHours', [min / 60]) : t('durHoursMinutes', [Math.floor(min / 60), min % 60]);
  const h = Math.round(min / 60);
  if (h < 48) return t('durHours', [h]);
  return t('durDays', [Math.round(h / 24)]);
}

export function computeVerdict(input: VerdictInput): VerdictResult {
  const { official, now, hasOfficial } = input;
  const ev = input.evidence?.trouble ? input.evidence : null;
  const silent = (reason: string, problem: Problem | null, incident: OfficialIncident | null = null): VerdictResult => ({
    verdict: 'unacknowledged',
    severity: null,
    reason,
    incident,
    problem,
    silentSince: ev?.since ?? null,
  });

  if (!hasOfficial) {
    const problem: Problem = { code: 'no_official', message: 'the provider publishes no official status feed' };
    if (ev) return silent(t('reasonSilentNoOfficial', capitalise(ev.summary)), problem);
    return unknown(t('reasonNoOfficial'), problem);
  }
  if (!official || official.lastAttemptAt === null) {
    return ev ? silent(capitalise(ev.summary), null) : unknown(t('notCheckedYet'), null);
  }

  const snap = official.snapshot;
  const lastOpen = snap ? ([...snap.incidents].filter(openIncident).sort(newestFirst)[0] ?? null) : null;

  // 1. The feed could not be read on the last attempt: say so, whatever the old data said. With
  //    trouble seen elsewhere, that is unacknowledged "and the status page is down too".
  if (official.problem) {
    if (ev) return silent(t('reasonSilentUnreachable', capitalise(ev.summary)), official.problem, lastOpen);
    return unknown(capitalise(official.problem.message), official.problem, lastOpen);
  }
  // 2. Nothing readable ever, or too old to speak for now.
  if (!snap || official.lastSuccessAt === null) return ev ? silent(capitalise(ev.summary), null) : unknown(t('notCheckedYet'), null);
  const age = now - official.lastSuccessAt;
  if (age > input.staleAfterMs) {
    const problem: Problem = { code: 'stale', message: `no fresh data for ${agoWords(age)}` };
    if (ev) return silent(t('reasonSilentStale', [capitalise(ev.summary), agoWords(age)]), problem, lastOpen);
    return unknown(t('reasonStale', agoWords(age)), problem, lastOpen);
  }

  // 3. The provider has spoken: an open incident, or a component/page reporting trouble.
  const openIncidents = snap.incidents.filter((i) => openIncident(i) && i.kind === 'incident').sort(newestFirst);
  const componentWorst = worstOf(snap.components.map((c) => c.status));
  const incidentWorst = worstOf(openIncidents.map((i) => (i.impact ? IMPACT_STATUS[i.impact] : 'operational')));
  const worst = worstOf([snap.indicator, componentWorst, incidentWorst]);
  if (openIncidents.length > 0 || isTrouble(worst)) {
    const top = openIncidents[0] ?? null;
    // "Monitoring" is not "broken" (issue 17): the fix is in; what still counts is a component
    // the provider reports as down right now, not the impact the incident was opened with.
    const monitoring = openIncidents.length > 0 && openIncidents.every((i) => i.status === 'monitoring');
    const componentMajor = [snap.indicator, componentWorst].some((s) => s === 'major_outage' || s === 'partial_outage');
    const major =
      componentMajor ||
      (!monitoring &&
        (worst === 'major_outage' ||
          worst === 'partial_outage' ||
          openIncidents.some((i) => i.impact === 'major' || i.impact === 'critical')));
    const reason = monitoring
      ? t('reasonMonitoring')
      : isTrouble(worst)
        ? t(STATUS_WORDS[worst])
        : t('reasonIncident', incidentStatusWord(top?.status ?? 'unknown'));
    return { verdict: 'acknowledged', severity: major ? 'major' : 'minor', reason, incident: top, problem: null, monitoring };
  }

  // 4. Maintenance in progress (announced in advance), or components/page under maintenance. The
  //    provider said so in advance, so complaints during it do not make it unacknowledged.
  const activeMaintenance = [...snap.maintenances, ...snap.incidents.filter((i) => i.kind === 'maintenance')]
    .filter((m) => maintenanceInProgress(m, now))
    .sort(newestFirst);
  if (activeMaintenance.length > 0 || snap.indicator === 'maintenance' || snap.components.some((c) => c.status === 'maintenance')) {
    return {
      verdict: 'maintenance',
      severity: null,
      reason: t('reasonMaintenance'),
      incident: activeMaintenance[0] ?? null,
      problem: null,
    };
  }

  // 5. People or this browser see trouble and the provider has no open incident — including a new
  //    spike within the hour after a resolution (that is not "resolved").
  if (ev) return silent(capitalise(ev.summary), null);

  // 6. Recently resolved: judged by the status field and resolution time, never by words in a title.
  const recent = latestResolution([...snap.recent, ...official.history], now);
  if (recent) {
    return { verdict: 'resolved', severity: null, reason: t('reasonResolved'), incident: recent, problem: null };
  }

  return { verdict: 'ok', severity: null, reason: snap.description ?? t(STATUS_WORDS.operational), incident: null, problem: null };
}

/** The incident resolved most recently within the last hour (not a maintenance), if any. */
export function latestResolution(incidents: OfficialIncident[], now: number): OfficialIncident | null {
  let best: OfficialIncident | null = null;
  let bestAt = -Infinity;
  for (const i of incidents) {
    if (i.kind !== 'incident' || i.status !== 'resolved') continue;
    const at = time(i.resolvedAt ?? i.updatedAt);
    // A resolution "in the future" is clock skew: treat it as now rather than dropping it.
    if (Number.isNaN(at) || now - Math.min(at, now) > RESOLVED_WINDOW_MS) continue;
    if (at > bestAt) {
      best = i;
      bestAt = at;
    }
  }
  return best;
}

function capitalise(s: string): string {
  return s.length > 0 ? s[0]!.toUpperCase() + s.slice(1) : s;
}
