/**
 * The episode report behind "Copy as text" / "Copy as Markdown" (issue 17 item 6): evidence for a
 * support ticket. What this browser saw (failed loads with times and error codes), how many
 * people complained (distinct authors per 15-minute window and source), what the provider said
 * and when, the delay to acknowledge and the provider's own admitted start.
 *
 * Pure. Absolute UTC times only (the text stays true after it is pasted). It carries no address
 * of anything the person browsed: failures are listed by time and error, never by URL or path.
 * Provider text is text: in Markdown it is escaped so it cannot become links, markup or tables.
 */
import type { Service } from '../catalog/catalog';
import type { CrowdRecord } from '../crowd/record';
import { t } from '../i18n';
import type { NavEvent } from '../local/failures';
import type { OfficialIncident } from '../model';
import { headline, verdictWord } from '../present';
import { incidentStatusWord, type VerdictResult } from '../verdict';
import type { Episode } from './episodes';

export interface ReportInput {
  service: Service;
  verdict: VerdictResult;
  episode: Episode | null;
  /** The provider's incidents of this episode (open and closed), any order. */
  incidents: readonly OfficialIncident[];
  /** This browser's recent navigations (core/local): only the service's failures are used. */
  nav: readonly NavEvent[];
  /** Complaint counts of the service (core/crowd). */
  crowd: readonly CrowdRecord[];
  /** Display names of complaint sources by id ("Hacker News"). */
  sourceLabels: Readonly<Record<string, string>>;
  now: number;
}

export type ReportFormat = 'text' | 'markdown';

const MIN = 60_000;
const BUCKET = 15 * MIN;
/** Evidence this long before the episode's start still belongs to it (the first signs). */
const LEAD_MS = 30 * MIN;
const MAX_UPDATES = 20;

export const utc = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);
const duration = (ms: number) => t('durMinutes', [Math.max(0, Math.round(ms / MIN))]);
const at = (iso: string | null): number | null => {
  const v = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(v) ? v : null;
};

/** Markdown-safe text: no links, emphasis, HTML, headings or table cells can come out of it. */
export function mdEscape(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/([\\`*_{}[\]<>#+!|~])/g, '\\$1');
}

interface Sections {
  title: string;
  asOf: string;
  facts: string[];
  provider: { title: string; url: string | null; updates: { at: string; status: string; text: string }[]; more: number }[];
  failures: { at: string; error: string }[];
  complaints: { window: string; counts: { label: string; n: number }[] }[];
}

function sections(input: ReportInput): Sections {
  const { service, verdict: v, episode, now } = input;
  const from = (episode?.startedAt ?? now - 2 * 60 * MIN) - LEAD_MS;
  const to = episode?.endedAt ?? now;
  const incidents = [...input.incidents].sort((a, b) => (at(a.createdAt) ?? 0) - (at(b.createdAt) ?? 0));

  const facts: string[] = [`${verdictWord(v.verdict)}: ${v.reason}`];
  if (episode?.firstEvidenceAt != null) facts.push(t('summaryFirstSigns', utc(episode.firstEvidenceAt)));
  const firstWord = episode?.firstOfficialAt ?? at(incidents[0]?.createdAt ?? null);
  if (firstWord !== null) {
    const ev = episode?.firstEvidenceAt ?? null;
    facts.push(
      ev !== null && firstWord > ev
        ? t('summaryFirstWordDelay', [utc(firstWord), duration(firstWord - ev)])
        : t('summaryFirstWord', utc(firstWord)),
    );
  } else if (episode?.firstEvidenceAt != null && episode.endedAt === null) {
    facts.push(t('silenceFor', duration(now - episode.firstEvidenceAt)));
  }
  // The provider's own admitted start: when it says the problem began, against when it first spoke.
  const started = incidents.map((i) => at(i.startedAt)).filter((x): x is number => x !== null);
  if (started.length > 0) {
    const s = Math.min(...started);
    facts.push(
      firstWord !== null && firstWord - s >= MIN
        ? t('reportAdmittedSilence', [utc(s), duration(firstWord - s)])
        : t('reportAdmittedStart', utc(s)),
    );
  }
  if (episode?.resolvedAt != null) facts.push(t('summaryResolved', utc(episode.resolvedAt)));
  if (episode && episode.timeline.length > 1) {
    facts.push(t('summaryTimeline', episode.timeline.map((x) => `${hhmm(x.at)} ${verdictWord(x.verdict)}`).join(' → ')));
  }

  const provider = incidents.map((i) => {
    const updates = [...i.updates].sort((a, b) => (at(a.at) ?? 0) - (at(b.at) ?? 0));
    const kept = updates.slice(-MAX_UPDATES);
    return {
      title: i.title,
      url: i.url,
      updates: kept.map((u) => ({
        at: at(u.at) !== null ? utc(at(u.at)!) : '?',
        status: incidentStatusWord(u.status),
        text: u.text.replace(/\s+/g, ' ').trim(),
      })),
      more: updates.length - kept.length,
    };
  });

  const failures = input.nav
    .filter((e) => e.serviceId === service.id && !e.ok && e.at >= from && e.at <= to)
    .sort((a, b) => a.at - b.at)
    .map((e) => ({ at: utc(e.at), error: e.error ?? t('reportUnknownError') }));

  const windows = new Map<number, Map<string, number>>();
  for (const rec of input.crowd) {
    for (const b of rec.buckets) {
      if (b.bucket + BUCKET < from || b.bucket > to || b.authors.length === 0) continue;
      const row = windows.get(b.bucket) ?? new Map<string, number>();
      row.set(b.source, (row.get(b.source) ?? 0) + b.authors.length);
      windows.set(b.bucket, row);
    }
  }
  const complaints = [...windows.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([w, row]) => ({
      window: `${utc(w).slice(0, 16)}–${hhmm(w + BUCKET)} UTC`,
      counts: [...row.entries()].map(([id, n]) => ({ label: input.sourceLabels[id] ?? id, n })),
    }));

  return {
    title: t('reportTitle', service.name),
    asOf: t('summaryAsOf', [utc(now), service.statusPage]),
    facts,
    provider,
    failures,
    complaints,
  };
}

/** The report as plain text or Markdown. */
export function episodeReport(input: ReportInput, format: ReportFormat): string {
  const s = sections(input);
  const md = format === 'markdown';
  const esc = md ? mdEscape : (x: string) => x;
  const h = (x: string) => (md ? `### ${esc(x)}` : `${x}\n${'-'.repeat(Math.min(60, x.length))}`);
  const li = (x: string) => `- ${x}`;
  const out: string[] = [];
  out.push(md ? `## ${esc(s.title)}` : `${s.title}\n${'='.repeat(Math.min(60, s.title.length))}`);
  out.push(esc(headline(input.service.name, input.verdict)), esc(s.asOf), '');
  out.push(...s.facts.map((f) => li(esc(f))), '');

  out.push(h(t('reportProviderHeading')));
  if (s.provider.length === 0) out.push(esc(t('reportNoProviderWord')));
  for (const p of s.provider) {
    const safeUrl = p.url && /^https?:\/\//.test(p.url) ? p.url : null;
    out.push(
      md ? `**${esc(p.title)}**${safeUrl ? ` <${safeUrl}>` : ''}` : `${t('summaryOfficial', p.title)}${safeUrl ? ` ${safeUrl}` : ''}`,
    );
    if (p.more > 0) out.push(esc(t('summaryEarlier', [p.more])));
    for (const u of p.updates) out.push(li(md ? `${esc(u.at)} **${esc(u.status)}**: ${esc(u.text)}` : `${u.at} ${u.status}: ${u.text}`));
  }
  out.push('');

  out.push(h(t('reportBrowserHeading')));
  if (s.failures.length === 0) out.push(esc(t('reportNoFailures')));
  else if (md) {
    out.push(
      `| ${esc(t('reportColTime'))} | ${esc(t('reportColError'))} |`,
      '|---|---|',
      ...s.failures.map((f) => `| ${esc(f.at)} | ${esc(f.error)} |`),
    );
  } else out.push(...s.failures.map((f) => li(`${f.at} ${f.error}`)));
  out.push('');

  out.push(h(t('reportComplaintsHeading')));
  if (s.complaints.length === 0) out.push(esc(t('reportNoComplaints')));
  for (const c of s.complaints) out.push(li(esc(`${c.window}: ${c.counts.map((x) => `${x.label} ${x.n}`).join(', ')}`)));
  out.push('', esc(t('reportPrivacy')), esc(t('summaryVia')));
  return out.join('\n');
}
