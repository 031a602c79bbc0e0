/**
 * Glue between the store and the pure verdict: what the badge and the popup both call, so they
 * always agree.
 */
import type { Service } from './catalog/catalog';
import { t } from './i18n';
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
}

export function evaluate(
  service: Service,
  rec: ServiceRecord | undefined,
  now: number,
  pollIntervalMin: number,
  evidence?: Evidence,
): Evaluation {
  const computed = computeVerdict({
    hasOfficial: service.official !== null,
    official: rec,
    now,
    staleAfterMs: staleAfterMs(pollIntervalMin),
    ...(evidence ? { evidence } : {}),
  });
  // The provider has spoken; what people or this browser see agrees with it. Say so in the reason,
  // which the badge title, the popup and the copied summary all carry ("Partial outage; this
  // browser: 14 of 20 requests to GitHub failed in the last 5 minutes (503)").
  const result =
    computed.verdict === 'acknowledged' && evidence?.trouble && evidence.summary
      ? { ...computed, reason: t('reasonCorroborated', [computed.reason, evidence.summary]) }
      : computed;
  const upd = result.incident?.updates[0]?.at ?? result.incident?.updatedAt ?? null;
  const updatedAt = upd ? Date.parse(upd) : NaN;
  return {
    result,
    freshness: {
      updatedAt: Number.isFinite(updatedAt) ? updatedAt : null,
      checkedAt: rec?.lastSuccessAt ?? null,
    },
  };
}
