/**
 * The common model every official feed adapter normalises to, and the verdict contract.
 *
 * Everything here is plain data (JSON-serialisable) so it can be stored in IndexedDB as is and
 * read by the popup without any transformation.
 */

/** The six verdicts of PRODUCT.md. A contract: code, tests, badge, popup and README use exactly these. */
export const VERDICTS = ['ok', 'acknowledged', 'unacknowledged', 'maintenance', 'resolved', 'unknown'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Status of a component, or of the whole page. */
export type ComponentStatus =
  | 'operational'
  | 'degraded'
  | 'partial_outage'
  | 'major_outage'
  | 'maintenance'
  | 'unknown';

/** Lifecycle of an incident or maintenance, as the provider states it. */
export type IncidentStatus =
  | 'investigating'
  | 'identified'
  | 'monitoring'
  | 'resolved'
  | 'scheduled'
  | 'in_progress'
  | 'verifying'
  | 'completed'
  | 'unknown';

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
