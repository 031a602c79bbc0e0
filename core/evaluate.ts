/**
 * Glue between the store and the pure verdict: what the badge and the popup both call, so they
 * always agree.
 */
import type { Service } from './catalog/catalog';
import { t } from './i18n';
import type { OfficialComponent, OfficialIncident } from './model';
import { narrowRecord, type Focus } from './parts/narrow';
import type { Freshness } from './present';
import type { ServiceRecord } from './store';
import { computeVerdict, type Evidence, type VerdictResult } from './verdict';

/** Data older than this never speaks for "now" (at least 15 min, or three missed polls). */
export function staleAfterMs(pollIntervalMin: number): number {
  return Math.max(15 * 60_000, 3 * pollIntervalMin * 60_000);
}

export interface Evaluation {
  result: VerdictResult;
  freshness: Freshness;
  /** With a focus (the part or region a tab shows): the provider's open incidents that do not count here. */
  elsewhere: OfficialIncident[];
  /** With a focus: components in trouble that do not count here. */
  componentsElsewhere: OfficialComponent[];
}

export function evaluate(
  service: Service,
  rec: ServiceRecord | undefined,
  now: number,
  pollIntervalMin: number,
  evidence?: Evidence,
  focus?: Focus | null,
): Evaluation {
  // The part in front of you (core/parts/narrow.ts): judged on what concerns it; the rest is "elsewhere".
  const narrowed = narrowRecord(rec, focus);
  const result = computeVerdict({
    hasOfficial: service.official !== null,
    official: narrowed.record,
    now,
    staleAfterMs: staleAfterMs(pollIntervalMin),
    ...(evidence ? { evidence } : {}),
  });
  // An ok part of a provider in trouble elsewhere says so (the badge stays empty).
  if (result.verdict === 'ok' && (narrowed.elsewhere.length > 0 || narrowed.componentsElsewhere.length > 0)) {
    result.reason = t('reasonOkElsewhere', [narrowed.elsewhere.length || narrowed.componentsElsewhere.length, service.name]);
  }
  const upd = result.incident?.updates[0]?.at ?? result.incident?.updatedAt ?? null;
  const updatedAt = upd ? Date.parse(upd) : NaN;
  return {
    result,
    elsewhere: narrowed.elsewhere,
    componentsElsewhere: narrowed.componentsElsewhere,
    freshness: {
      updatedAt: Number.isFinite(updatedAt) ? updatedAt : null,
      checkedAt: rec?.lastSuccessAt ?? null,
    },
  };
}
