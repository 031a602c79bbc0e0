/**
 * The common model every official feed adapter normalises to, and the verdict contract.
 *
 * Everything here is plain data (JSON-serialisable) so it can be stored in IndexedDB as is and
 * read by the popup without any transformation.
 */

/** The six verdicts of docs/design.md. A contract: code, tests, badge, popup and README use exactly these. */
export const VERDICTS = ['ok', 'acknowledged', 'unacknowledged', 'maintenance', 'resolved', 'unknown'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Status of a component, or of the whole page. */
export type ComponentStatus = 'operational' | 'degraded' | 'partial_outage' | 'major_outage' | 'maintenance' | 'unknown';

/** Lifecycle of an incident or maintenance, as the provider states it. */
export type IncidentStatus =
  'investigating' | 'identified' | 'monitoring' | 'resolved' | 'scheduled' | 'in_progress' | 'verifying' | 'completed' | 'unknown';

export type Impact = 'none' | 'minor' | 'major' | 'critical' | 'maintenance';

/** One official update ("Investigating - We are looking into…"). */
export interface OfficialUpdate {
  /** ISO 8601 UTC: when the provider says it posted this update. */
  at: string;
  status: IncidentStatus;
  /** Plain text, never HTML. Adapters convert markup to text (see core/text.ts). */
  text: string;
}

export interface OfficialIncident {
  /** Stable id within the feed. */
  id: string;
  title: string;
  kind: 'incident' | 'maintenance';
  status: IncidentStatus;
  impact: Impact | null;
  /** When the problem started, if the provider says (may be earlier than createdAt: back-dated). */
  startedAt: string | null;
  /** When the provider first spoke about it (the incident record was created). */
  createdAt: string | null;
  /** Time of the latest update. */
  updatedAt: string | null;
  resolvedAt: string | null;
  /** Maintenance window, when known. */
  scheduledFor: string | null;
  scheduledUntil: string | null;
  /** Newest first. */
  updates: OfficialUpdate[];
  /** Display names of affected components. */
  components: string[];
  /** Link for humans (http or https only), or null. */
  url: string | null;
}

export interface OfficialComponent {
  id: string;
  name: string;
  status: ComponentStatus;
  /** Display name of the group the component belongs to, if any. */
  group: string | null;
}

/** What one read of an official feed says, normalised. */
export interface OfficialSnapshot {
  /** The page-level indicator as the provider states it ('unknown' when the feed has none). */
  indicator: ComponentStatus;
  /** The provider's own words for the page status, e.g. "All Systems Operational". */
  description: string | null;
  /** Leaf components (groups flattened, group name kept). */
  components: OfficialComponent[];
  /** Incidents that are open now (not resolved/completed/postmortem). */
  incidents: OfficialIncident[];
  /** Maintenances in progress or upcoming. */
  maintenances: OfficialIncident[];
  /** Recently closed incidents/maintenances the feed itself lists (may be empty). */
  recent: OfficialIncident[];
}

/** A reason something could not be read, in words for a person. */
export interface Problem {
  /** Machine-readable code, stable for tests. */
  code:
    | 'timeout'
    | 'network'
    | 'http'
    | 'rate_limited'
    | 'too_large'
    | 'html'
    | 'content_type'
    | 'parse'
    | 'schema'
    | 'redirect'
    | 'offline'
    | 'no_official'
    | 'permission'
    | 'stale'
    | 'internal';
  /** Sentence for a person, e.g. "the status page answered with HTML — it may have moved". */
  message: string;
  httpStatus?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; problem: Problem };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(code: Problem['code'], message: string, httpStatus?: number): Result<T> => ({
  ok: false,
  problem: httpStatus === undefined ? { code, message } : { code, message, httpStatus },
});

// ---------------------------------------------------------------------------------------------
// The status vocabulary: one definition of each word's weight and meaning, used by every adapter,
// the verdict and the history. (Feeds disagree on words; these are the model's.)

/**
 * How bad a component/page status is. 'unknown' is below everything stated (a feed that says
 * "operational" has said more than one that says nothing); maintenance is planned work, worse
 * than operational and better than any trouble.
 */
export const STATUS_RANK: Readonly<Record<ComponentStatus, number>> = {
  unknown: 0,
  operational: 1,
  maintenance: 2,
  degraded: 3,
  partial_outage: 4,
  major_outage: 5,
};

/** The worse of two statuses (on a tie, the first). */
export function worse(a: ComponentStatus, b: ComponentStatus): ComponentStatus {
  return STATUS_RANK[b] > STATUS_RANK[a] ? b : a;
}

/** The worst of some statuses, starting from `from` ('unknown': nothing stated loses to anything stated). */
export function worstStatus(statuses: readonly ComponentStatus[], from: ComponentStatus = 'unknown'): ComponentStatus {
  let worst = from;
  for (const s of statuses) worst = worse(worst, s);
  return worst;
}

/** Trouble: a status that means something is broken (degraded or worse), not planned work. */
export function isTrouble(status: ComponentStatus): boolean {
  return STATUS_RANK[status] >= STATUS_RANK.degraded;
}

/** What an incident's impact says about the component it hits. */
export const IMPACT_STATUS: Readonly<Record<Impact, ComponentStatus>> = {
  none: 'operational',
  minor: 'degraded',
  major: 'partial_outage',
  critical: 'major_outage',
  maintenance: 'maintenance',
};

/** Closed for good: resolved (postmortem included) or completed. */
export function isClosed(status: IncidentStatus): boolean {
  return status === 'resolved' || status === 'completed';
}

/** Open: anything not closed. An 'unknown' status is open: never silently treated as over. */
export function isOpen(status: IncidentStatus): boolean {
  return !isClosed(status);
}

/** A maintenance that is upcoming or under way. */
export function isActiveMaintenance(status: IncidentStatus): boolean {
  return status === 'scheduled' || status === 'in_progress' || status === 'verifying';
}

/** A maintenance the provider says is under way now. */
export function isMaintenanceUnderWay(status: IncidentStatus): boolean {
  return status === 'in_progress' || status === 'verifying';
}

// Limits every adapter applies to what it keeps (feeds are untrusted and unbounded).

/** Longest incident title kept. */
export const MAX_TITLE = 300;
/** Longest component name or page description kept. */
export const MAX_NAME = 300;
/** A closed incident is "recent" (listed in `snapshot.recent`) for this long after it ended. */
export const RECENT_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
/** At most this many recently closed incidents per snapshot (newest first). */
export const MAX_RECENT = 20;
/** At most this many open incidents/maintenances per snapshot (newest first). */
export const MAX_OPEN = 100;
/** At most this many updates per incident (newest kept). */
export const MAX_UPDATES = 100;
/** At most this many component names per incident. */
export const MAX_COMPONENTS = 200;
