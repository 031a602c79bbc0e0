/**
 * Evidence outside the official feed, combined for the verdict: complaint spikes (public sources)
 * and this browser's own failures and reports. Pure.
 *
 * "Likely outage" (PRODUCT.md): two anomalous windows in a row, or two independent sources, or a
 * spike plus local failures — spike detection applies those rules; local trouble counts alone.
 */
import type { CrowdRecord } from './crowd/record';
import { crowdSpike } from './crowd/spike';
import { SOURCE_LABELS } from './crowd/source';
import { pageLang, t } from './i18n';
import type { SpikeResult } from './crowd/spike';
import { localEvidence, type LocalEvidence, type ManualReport, type NavEvent } from './local/failures';
import type { Evidence } from './verdict';

export interface EvidenceInputs {
  events: readonly NavEvent[];
  reports: readonly ManualReport[];
  online: boolean;
  /** Complaint records per service id (absent: complaints unknown for that service). */
  crowd?: ReadonlyMap<string, readonly CrowdRecord[]>;
}

export interface ServiceEvidence {
  verdict: Evidence;
  local: LocalEvidence;
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

export function evidenceFor(serviceId: string, inputs: EvidenceInputs, now: number): ServiceEvidence {
  const local = localEvidence(serviceId, inputs.events, inputs.reports, now, inputs.online);
  const records = inputs.crowd?.get(serviceId) ?? [];
  const localFailing = local.failures >= 3 && !local.discounted;
  const spike = records.length ? crowdSpike(records, now, localFailing) : null;
  const crowdTrouble = !!spike?.likely;
  const parts = [crowdTrouble ? crowdSummary(spike!) : '', localSummary(local)].filter(Boolean);
  const starts = [crowdTrouble ? spike!.since : null, local.trouble ? local.since : null].filter((x): x is number => x !== null);
  return {
    local,
    crowd: spike,
    crowdRecords: records,
    verdict: {
      trouble: crowdTrouble || local.trouble,
      since: starts.length ? Math.min(...starts) : null,
      summary: parts.join('; '),
    },
  };
}
