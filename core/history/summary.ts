/**
 * A plain-text summary of a service's current state and episode, for pasting into a team chat.
 * Pure. Times are absolute (UTC) so the text stays true after it is pasted.
 */
import type { Service } from '../catalog/catalog';
import { t } from '../i18n';
import type { OfficialIncident } from '../model';
import { headline, verdictWord } from '../present';
import { incidentStatusWord, type VerdictResult } from '../verdict';
import type { Episode } from './episodes';

const utc = (t: number) => new Date(t).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
const mins = (ms: number) => t('durMinutes', [Math.max(0, Math.round(ms / 60_000))]);

export function summaryText(service: Service, v: VerdictResult, episode: Episode | null, now: number): string {
  const lines: string[] = [];
  lines.push(`${headline(service.name, v)} — ${verdictWord(v.verdict)}: ${v.reason}`);
  lines.push(t('summaryAsOf', [utc(now), service.statusPage]));
  const inc: OfficialIncident | null = v.incident;
  if (inc) {
    lines.push('');
    lines.push(`${t('summaryOfficial', inc.title)}${inc.url ? ` ${inc.url}` : ''}`);
    for (const u of inc.updates.slice(0, 5)) {
      const at = Date.parse(u.at);
      lines.push(`- ${Number.isFinite(at) ? utc(at) : '?'} ${incidentStatusWord(u.status)}: ${u.text.replace(/\s+/g, ' ').slice(0, 280)}`);
    }
    if (inc.updates.length > 5) lines.push(t('summaryEarlier', [inc.updates.length - 5]));
  }
  if (episode) {
    lines.push('');
    if (episode.firstEvidenceAt !== null) lines.push(t('summaryFirstSigns', utc(episode.firstEvidenceAt)));
    if (episode.firstOfficialAt !== null) {
      lines.push(
        episode.firstEvidenceAt !== null && episode.firstOfficialAt > episode.firstEvidenceAt
          ? t('summaryFirstWordDelay', [utc(episode.firstOfficialAt), mins(episode.firstOfficialAt - episode.firstEvidenceAt)])
          : t('summaryFirstWord', utc(episode.firstOfficialAt)),
      );
    } else if (episode.firstEvidenceAt !== null && episode.endedAt === null) {
      lines.push(t('silenceFor', mins(now - episode.firstEvidenceAt)));
    }
    if (episode.resolvedAt !== null) lines.push(t('summaryResolved', utc(episode.resolvedAt)));
    if (episode.timeline.length > 1) {
      lines.push(t('summaryTimeline', episode.timeline.map((x) => `${utc(x.at).slice(11, 16)} ${verdictWord(x.verdict)}`).join(' → ')));
    }
  }
  lines.push('');
  lines.push(t('summaryVia'));
  return lines.join('\n');
}
