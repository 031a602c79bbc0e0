/**
 * The episode report ("Copy as text" / "Copy as Markdown"), issue 17 item 6. The provider's words
 * are the real Copilot incident of 2026-08-10 (test/fixtures/feeds/github-history-incidents-with-components.json,
 * all six updates verbatim); this browser's failures and the complaint counts are made up here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getService } from '../../../core/catalog/bundled';
import type { CrowdRecord } from '../../../core/crowd/record';
import type { Episode } from '../../../core/history/episodes';
import { episodeReport, mdEscape, type ReportInput } from '../../../core/history/report';
import type { IncidentStatus, OfficialIncident } from '../../../core/model';

const MIN = 60_000;
const row = (
  JSON.parse(readFileSync(new URL('../../fixtures/feeds/github-history-incidents-with-components.json', import.meta.url), 'utf8')) as {
    id: string;
    title: string;
    url: string;
    impact: 'minor';
    components: string[];
    started_at: string;
    resolved_at: string;
    updates: { at: string; status: string; message: string }[];
  }[]
)[0]!;
const STATUS: Record<string, IncidentStatus> = {
  Investigating: 'investigating',
  Update: 'unknown',
  Monitoring: 'monitoring',
  Resolved: 'resolved',
  Identified: 'identified',
};
const created = Date.parse(row.updates[0]!.at);
const incident: OfficialIncident = {
  id: row.id,
  title: row.title,
  kind: 'incident',
  status: 'resolved',
  impact: row.impact,
  // The provider back-dates the start by 9 minutes (as Statuspage's "started_at" allows).
  startedAt: new Date(created - 9 * MIN).toISOString(),
  createdAt: row.updates[0]!.at,
  updatedAt: row.resolved_at,
  resolvedAt: row.resolved_at,
  scheduledFor: null,
  scheduledUntil: null,
  updates: [...row.updates].reverse().map((u) => ({ at: u.at, status: STATUS[u.status] ?? 'unknown', text: u.message })),
  components: row.components,
  url: row.url,
};
const firstEvidence = created - 14 * MIN;
const resolved = Date.parse(row.resolved_at);
const episode: Episode = {
  id: `github:${firstEvidence}`,
  serviceId: 'github',
  startedAt: firstEvidence,
  firstEvidenceAt: firstEvidence,
  firstOfficialAt: created,
  incidentIds: [row.id],
  officialUpdates: [],
  resolvedAt: resolved,
  endedAt: resolved,
  timeline: [
    { at: firstEvidence, verdict: 'unacknowledged' },
    { at: created, verdict: 'acknowledged' },
    { at: resolved, verdict: 'resolved' },
  ],
  notified: [],
};
const bucket = Math.floor(firstEvidence / (15 * MIN)) * 15 * MIN;
const crowd = [
  {
    serviceId: 'github',
    source: 'hn',
    buckets: [
      { bucket, source: 'hn', authors: ['a', 'b', 'c'], posts: 3, ids: [] },
      { bucket: bucket - 3 * 60 * MIN, source: 'hn', authors: ['old'], posts: 1, ids: [] }, // long before: not in the report
    ],
  },
  { serviceId: 'github', source: 'mastodon', buckets: [{ bucket, source: 'mastodon', authors: ['x', 'y'], posts: 2, ids: [] }] },
] as unknown as CrowdRecord[];

function input(over: Partial<ReportInput> = {}): ReportInput {
  return {
    service: getService('github')!,
    verdict: { verdict: 'resolved', severity: null, reason: 'Recently resolved', incident, problem: null },
    episode,
    incidents: [incident],
    nav: [
      { at: firstEvidence, serviceId: 'github', ok: false, error: 'net::ERR_CONNECTION_RESET', host: 'github.com' },
      { at: firstEvidence + MIN, serviceId: 'github', ok: false, error: 'net::ERR_TIMED_OUT', host: 'github.com' },
      { at: firstEvidence + 2 * MIN, serviceId: null, ok: false, error: 'net::ERR_NAME_NOT_RESOLVED' }, // another site
      { at: firstEvidence + 3 * MIN, serviceId: 'github', ok: true },
    ],
    crowd,
    sourceLabels: { hn: 'Hacker News', mastodon: 'Mastodon' },
    now: resolved + 10 * MIN,
    ...over,
  };
}
const utc = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

describe('episode report', () => {
  it('text: failures with times, complaint counts, every provider update with its time, delay and admitted start', () => {
    const text = episodeReport(input(), 'text');
    expect(text).toContain('GitHub — incident report');
    expect(text).toContain(`${utc(firstEvidence)} net::ERR_CONNECTION_RESET`);
    expect(text).toContain(`${utc(firstEvidence + MIN)} net::ERR_TIMED_OUT`);
    expect(text).not.toContain('ERR_NAME_NOT_RESOLVED'); // another site's failure is not this service's evidence
    expect(text).toMatch(/: Hacker News 3, Mastodon 2/);
    expect(text).not.toContain('old');
    for (const u of row.updates) expect(text).toContain(`${utc(Date.parse(u.at))} `);
    expect(text).toContain(row.updates[0]!.message);
    expect(text).toContain(`Provider's first word: ${utc(created)} (14 min after the first signs)`);
    expect(text).toContain(`The provider says the problem began at ${utc(created - 9 * MIN)}, 9 min before its first post`);
    expect(text).toContain(`Resolved: ${utc(resolved)}`);
    // No address of anything browsed: not even the failing host (only times and error codes).
    expect(text).not.toMatch(/(?<![\w.])github\.com(?!\/)/);
    expect(text).not.toMatch(/https?:\/\/(?!www\.githubstatus\.com)/);
  });

  it('Markdown: the same facts, provider text escaped so it cannot become links or markup', () => {
    const hostile = {
      ...incident,
      title: '[click](https://evil.example) <b>x</b>',
      updates: [{ at: incident.updates[0]!.at, status: 'resolved' as const, text: '| a | b |\n# heading *bold*' }],
    };
    const md = episodeReport(input({ incidents: [hostile] }), 'markdown');
    expect(md).toContain('## GitHub — incident report');
    expect(md).toContain('| Time (UTC) | Error |');
    expect(md).toContain(`| ${utc(firstEvidence)} | net::ERR\\_CONNECTION\\_RESET |`);
    expect(md).toContain('\\[click\\](https://evil.example) \\<b\\>x\\</b\\>');
    expect(md).toContain('\\| a \\| b \\| \\# heading \\*bold\\*');
    expect(md).not.toContain('[click](');
  });

  it('without an episode or any evidence it says so plainly', () => {
    const text = episodeReport(
      input({
        episode: null,
        incidents: [],
        nav: [],
        crowd: [],
        verdict: { verdict: 'ok', severity: null, reason: 'All systems operational', incident: null, problem: null },
      }),
      'text',
    );
    expect(text).toContain('No word from the provider.');
    expect(text).toContain('No failed loads recorded in this browser.');
    expect(text).toContain('No complaints counted in this time.');
  });

  it('mdEscape', () => {
    expect(mdEscape('a_b*c [d](e) <f> #g |h|')).toBe('a\\_b\\*c \\[d\\](e) \\<f\\> \\#g \\|h\\|');
  });
});
