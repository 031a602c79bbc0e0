/**
 * A plain-text summary of a service's current state and episode, for pasting into a team chat.
 * Pure. Times are absolute (UTC) so the text stays true after it is pasted.
 */
import type { Service } from '../catalog/catalog';
import type { OfficialIncident } from '../model';
import { headline } from '../present';
import { INCIDENT_STATUS_WORDS, type VerdictResult } from '../verdict';
import type { Episode } from './episodes';

const utc = (t: number) => new Date(t).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
const mins = (ms: number) => `${Math.max(0, Math.round(ms / 60_000))} min`;

export function summaryText(service: Service, v: VerdictResult, episode: Episode | null, now: number): string {
  const lines: string[] = [];
  lines.push(`${headline(service.name, v)} — ${v.verdict}: ${v.reason}`);
  lines.push(`As of ${utc(now)}. Status page: ${service.statusPage}`);
  const inc: OfficialIncident | null = v.incident;
  if (inc) {
    lines.push('');
    lines.push(`Official: "${inc.title}"${inc.url ? ` ${inc.url}` : ''}`);
    for (const u of inc.updates.slice(0, 5)) {
      const t = Date.parse(u.at);
      lines.push(`- ${Number.isFinite(t) ? utc(t) : '?'} ${INCIDENT_STATUS_WORDS[u.status]}: ${u.text.replace(/\s+/g, ' ').slice(0, 280)}`);
    }
    if (inc.updates.length > 5) lines.push(`- … ${inc.updates.length - 5} earlier updates`);
  }
  if (episode) {
    lines.push('');
    if (episode.firstEvidenceAt !== null) lines.push(`First signs of trouble: ${utc(episode.firstEvidenceAt)}`);
    if (episode.firstOfficialAt !== null) {
      const delay =
        episode.firstEvidenceAt !== null && episode.firstOfficialAt > episode.firstEvidenceAt
          ? ` (${mins(episode.firstOfficialAt - episode.firstEvidenceAt)} after the first signs)`
          : '';
      lines.push(`Provider's first word: ${utc(episode.firstOfficialAt)}${delay}`);
    } else if (episode.firstEvidenceAt !== null && episode.endedAt === null) {
      lines.push(`No word from the provider for ${mins(now - episode.firstEvidenceAt)}.`);
    }
    if (episode.resolvedAt !== null) lines.push(`Resolved: ${utc(episode.resolvedAt)}`);
    if (episode.timeline.length > 1) {
      lines.push(`Timeline: ${episode.timeline.map((x) => `${utc(x.at).slice(11, 16)} ${x.verdict}`).join(' → ')}`);
    }
  }
  lines.push('');
  lines.push('— via Acknowledged');
  return lines.join('\n');
}
