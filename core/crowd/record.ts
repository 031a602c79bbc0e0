/** One service's complaint record for one source, as stored (IndexedDB `crowd`) and judged. Types only. */
import type { CrowdBucket } from './buckets';
import type { BudgetState } from './budget';
import type { SourceId, SourceStatus } from './source';

export interface CrowdRecord {
  key: string;
  serviceId: string;
  source: SourceId;
  buckets: CrowdBucket[];
  /** From when this source's history is complete (backfill, or when watching began). */
  coverageFrom: number | null;
  backfilledAt: number | null;
  lastQueryAt: number | null;
  /** Not before this (rate limits, errors). */
  nextQueryAt: number;
  status: SourceStatus;
  notes: string[];
  budget: BudgetState;
}

/** Complaint sources are re-checked every 5 minutes (docs/design.md). */
export const CROWD_INTERVAL_MS = 5 * 60_000;
