/**
 * The judge step: evidence + verdict + the staleness rule, between the store and the pure verdict.
 * The worker (badge, episodes, notifications) and the popup both call it, so they always agree.
 */
import type { Service } from './catalog/catalog';
import type { OfficialComponent, OfficialIncident } from './model';
import { narrowRecord, type Focus } from './parts/narrow';
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
  const computed = computeVerdict({
    hasOfficial: service.official !== null,
    official: narrowed.record,
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

export interface Judgement extends Evaluation {
  /** The evidence outside the official feed that went into the verdict. */
  ev: ServiceEvidence;
}

/** Evidence for one service, then its verdict: the one way a service is judged. */
export function judge(
  service: Service,
  rec: ServiceRecord | undefined,
  inputs: EvidenceInputs,
  now: number,
  pollIntervalMin: number,
  focus?: Focus | null,
): Judgement {
  const ev = evidenceFor(service.id, inputs, now, service.name);
  return { ev, ...evaluate(service, rec, now, pollIntervalMin, ev.verdict, focus) };
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
