/**
 * The judge step: evidence + verdict + the staleness rule, between the store and the pure verdict.
 * The worker (badge, episodes, notifications) and the popup both call it, so they always agree.
 */
import type { Service } from './catalog/catalog';
import type { CrowdRecord } from './crowd/record';
import { evidenceFor, type EvidenceInputs, type ServiceEvidence } from './evidence';
import { t } from './i18n';
import type { Freshness } from './present';
import type { ServiceRecord } from './store';
import { computeVerdict, type Evidence, type VerdictResult } from './verdict';

/** Refresh a service shown in the active tab (or opened in the popup) when its data is older than this. */
export const TAB_REFRESH_AFTER_MS = 60_000;

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

export interface Judgement extends Evaluation {
  /** The evidence outside the official feed that went into the verdict. */
  ev: ServiceEvidence;
}

/** Evidence for one service, then its verdict: the one way a service is judged. */
export function judge(service: Service, rec: ServiceRecord | undefined, inputs: EvidenceInputs, now: number, pollIntervalMin: number): Judgement {
  const ev = evidenceFor(service.id, inputs, now, service.name);
  return { ev, ...evaluate(service, rec, now, pollIntervalMin, ev.verdict) };
}

/** Whether the official feed was last tried too long ago for a person looking at it now. */
export function officialIsStale(rec: ServiceRecord | undefined, now: number): boolean {
  return !rec || rec.lastAttemptAt === null || now - rec.lastAttemptAt > TAB_REFRESH_AFTER_MS;
}

/**
 * Whether what is stored about a service is too old for a person looking at it now: its official
 * feed, or — for a service without one, judged on complaints — its complaint sources.
 */
export function needsRefresh(service: Service, rec: ServiceRecord | undefined, crowd: readonly CrowdRecord[], now: number): boolean {
  if (service.official) return officialIsStale(rec, now);
  const crowdAt = Math.max(0, ...crowd.map((r) => r.lastQueryAt ?? 0));
  return now - crowdAt > TAB_REFRESH_AFTER_MS;
}
