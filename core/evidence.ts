/**
 * Evidence outside the official feed, combined for the verdict: complaint spikes (public sources)
 * and this browser's own failures and reports. Pure.
 *
 * "Likely outage" (docs/design.md): two anomalous windows in a row, or two independent sources, or a
 * spike plus local failures — spike detection applies those rules; local trouble counts alone.
 */
import type { CrowdRecord } from './crowd/record';
import { crowdSpike } from './crowd/spike';
import { SOURCE_LABELS } from './crowd/source';
import { pageLang, t, type MessageKey } from './i18n';
import type { SpikeResult } from './crowd/spike';
import { localEvidence, type FailureKind, type LocalEvidence, type ManualReport, type NavEvent } from './local/failures';
import { requestEvidence, type RequestBucket, type RequestEvidence } from './local/requests';
import type { Evidence } from './verdict';

export interface EvidenceInputs {
  events: readonly NavEvent[];
  reports: readonly ManualReport[];
  online: boolean;
  /** Complaint records per service id (absent: complaints unknown for that service). */
  crowd?: ReadonlyMap<string, readonly CrowdRecord[]>;
  /** This browser's request counts for the services it observes (core/local/requests.ts). */
  requests?: readonly RequestBucket[];
}

export interface ServiceEvidence {
  verdict: Evidence;
  local: LocalEvidence;
  /** This browser's failed requests to the service's hosts (empty counts when not observed). */
  requests: RequestEvidence;
  /** Spike detection over the service's complaint counts, or null when no source has data. */
  crowd: SpikeResult | null;
  crowdRecords: readonly CrowdRecord[];
}

export function localSummary(l: LocalEvidence): string {
  const parts: string[] = [];
  if (l.failures >= 3 && !l.discounted) {
    const where = l.hosts.length ? l.hosts.join(', ') : t('evidenceItsSite');
    parts.push(t('evidenceLocalFailed', [where, l.failures]));
  }
  if (l.manual) parts.push(t('evidenceReported'));
  return parts.join('; ');
}

const KIND_WORDS: Record<FailureKind, MessageKey> = {
  reset: 'reqKindReset',
  refused: 'reqKindRefused',
  timeout: 'reqKindTimeout',
  tls: 'reqKindTls',
  dns: 'reqKindDns',
};

/** What failed: "503" when there is one cause, else "503 ×12, timed out ×2" (most frequent first). */
export function requestCauses(r: RequestEvidence): string {
  const causes: [string, number][] = [...r.status, ...r.errors.map(([k, n]) => [t(KIND_WORDS[k]), n] as [string, number])].sort(
    (a, b) => b[1] - a[1],
  );
  if (causes.length === 1) return causes[0]![0];
  return causes.map(([c, n]) => t('reqCauseCount', [c, n])).join(', ');
}

/** "this browser: 14 of 20 requests to Prime Video failed in the last 5 minutes (503)", or '' when not trouble. */
export function requestSummary(r: RequestEvidence, name: string): string {
  return r.trouble ? t('evidenceRequestsFailed', [r.failed, r.total, name, requestCauses(r)]) : '';
}

/** A ratio as the page's language writes it ("2.5", "2,5"), never grouped ("1500"). */
function ratioNumber(x: number): string {
  try {
    return new Intl.NumberFormat(pageLang(), { useGrouping: false, maximumFractionDigits: 1 }).format(x);
  } catch {
    return String(x);
  }
}

/** "about 14× the usual" — rounded so it never sounds more precise than it is. */
export function ratioWords(ratio: number): string {
  if (!Number.isFinite(ratio) || ratio <= 0) return t('ratioMore');
  if (ratio >= 10) return t('ratioAbout', ratioNumber(Math.round(ratio)));
  if (ratio >= 2) return t('ratioAbout', ratioNumber(Math.round(ratio * 2) / 2));
  return t('ratioLittle');
}

export function crowdSummary(spike: SpikeResult): string {
  const names = spike.sources.filter((s) => s.anomalous).map((s) => SOURCE_LABELS[s.source]);
  const ratio = ratioWords(spike.ratio);
  if (names.length === 0) return t('crowdSummary', ratio);
  return t('crowdSummaryOn', [ratio, names.reduce((a, b) => t('listAnd', [a, b]))]);
}

/** `name` is the service's display name, for the words about its failed requests (the id if absent). */
export function evidenceFor(serviceId: string, inputs: EvidenceInputs, now: number, name = serviceId): ServiceEvidence {
  const local = localEvidence(serviceId, inputs.events, inputs.reports, now, inputs.online);
  const requests = requestEvidence(serviceId, inputs.requests ?? [], inputs.events, now, inputs.online);
  const records = inputs.crowd?.get(serviceId) ?? [];
  // Failed loads and failed requests are both "this browser's failures": with a spike, a likely outage.
  const localFailing = (local.failures >= 3 && !local.discounted) || requests.trouble;
  const spike = records.length ? crowdSpike(records, now, localFailing) : null;
  const crowdTrouble = !!spike?.likely;
  const parts = [crowdTrouble ? crowdSummary(spike!) : '', localSummary(local), requestSummary(requests, name)].filter(Boolean);
  const starts = [crowdTrouble ? spike!.since : null, local.trouble ? local.since : null, requests.since].filter(
    (x): x is number => x !== null,
  );
  return {
    local,
    requests,
    crowd: spike,
    crowdRecords: records,
    verdict: {
      trouble: crowdTrouble || local.trouble || requests.trouble,
      since: starts.length ? Math.min(...starts) : null,
      summary: parts.join('; '),
    },
  };
}
