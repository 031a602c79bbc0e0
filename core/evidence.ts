/**
 * Evidence outside the official feed, combined for the verdict: this browser's own failures and
 * reports now; complaint spikes join here too. Pure.
 */
import { localEvidence, type LocalEvidence, type ManualReport, type NavEvent } from './local/failures';
import type { Evidence } from './verdict';

export interface EvidenceInputs {
  events: readonly NavEvent[];
  reports: readonly ManualReport[];
  online: boolean;
}

export interface ServiceEvidence {
  verdict: Evidence;
  local: LocalEvidence;
}

export function localSummary(l: LocalEvidence): string {
  const parts: string[] = [];
  if (l.failures >= 3 && !l.discounted) {
    const where = l.hosts.length ? l.hosts.join(', ') : 'its site';
    parts.push(`this browser failed to reach ${where} ${l.failures} times in the last 5 minutes`);
  }
  if (l.manual) parts.push('you reported it broken');
  return parts.join('; ');
}

export function evidenceFor(serviceId: string, inputs: EvidenceInputs, now: number): ServiceEvidence {
  const local = localEvidence(serviceId, inputs.events, inputs.reports, now, inputs.online);
  return {
    local,
    verdict: { trouble: local.trouble, since: local.since, summary: localSummary(local) },
  };
}
