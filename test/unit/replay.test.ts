/**
 * The reduced replay (replay/README.md): four real weeks of githubstatus.com (a major incident
 * with 10 updates, two scheduled maintenances) and two real weeks of Google Cloud, pushed through
 * the real worker (adapters, poll cycle with 304s, IndexedDB, episodes, verdict, notifications)
 * and compared with the providers' own record — the same comparisons as `npm run replay`.
 */
import { describe, expect, it } from 'vitest';
import { markdownToText } from '../../core/official/gcp';
import { agree, lateReportsOnly, sameTrack, type compare } from '../../replay/compare';
import { gcpFeeds, githubFeeds, type FeedSet } from '../../replay/feeds';
import { readGcp, readGithub, type RecordIncident } from '../../replay/record';
import { MINUTE, type ReplayService } from '../../replay/replay';
import { replayAndCompare } from '../../replay/setup';
import { GITHUB, GITHUB_ATOM_SERVICE, GOOGLE_CLOUD } from '../../replay/sources';

const GH = readGithub('test/fixtures/replay/github-incidents-2025-04-14_2025-05-12.jsonl');
const GCP = readGcp('test/fixtures/replay/gcp-incidents-2022-05-01_2022-05-15.json');

const run = (
  name: string,
  services: ReplayService[],
  feeds: FeedSet[],
  record: RecordIncident[],
  span?: [number, number],
  everyMinute = false,
) => replayAndCompare(name, services, feeds, record, { ...(span ? { span } : {}), everyMinute });

function expectAgreement(sum: ReturnType<typeof compare>) {
  // Every incident: first word within one poll (never early), resolved within one poll, ok an hour later —
  // or an exception that is a property of the record, never an unexplained one.
  const unexplained = sum.checks
    .filter((c) => !agree(c) && c.reason === null)
    .map((c) => ({ id: c.incident.id, first: c.firstOk, lag: c.lagMs, resolved: c.resolvedOk, ok: c.backToOk }));
  expect(unexplained).toEqual([]);
  expect(sum.outside).toEqual({ acknowledged: 0, unacknowledged: 0, unknown: 0, maintenance: 0, resolved: 0 });
  expect(sum.texts.missing).toEqual([]);
  expect(sum.texts.late).toBe(0);
  expect(sum.texts.verbatim + sum.texts.converted + sum.texts.completedUnshown + sum.texts.lateReports).toBe(sum.texts.total);
  expect(sum.track.length).toBeGreaterThan(0);
  // Equal, or different only by Google's incident reports added more than 7 days after the end.
  expect(sum.track.filter((t) => !sameTrack(t) && !lateReportsOnly(t))).toEqual([]);
}

describe("reduced replay against the providers' own record", () => {
  it('GitHub, 4 weeks (summary.json + incidents.json, and history.atom): verdicts, texts, track record and notifications match the record', async () => {
    const services = [
      { service: GITHUB, record: GH },
      { service: GITHUB_ATOM_SERVICE, record: GH },
    ];
    const { r, sums } = await run('gh', services, [githubFeeds(GH)], GH);
    for (const s of sums) expectAgreement(s);
    // The multi-update major incident and both maintenances are judged, not skipped as exceptions.
    const major = sums[0]!.checks.find((c) => c.incident.id === '24753567')!;
    expect(major.incident.updates.length).toBe(10);
    expect(agree(major)).toBe(true);
    const maint = sums[0]!.checks.filter((c) => c.incident.kind === 'maintenance');
    expect(maint).toHaveLength(2);
    // Both went to `maintenance` within one poll of "In progress"; the second ended 3 min after an
    // incident was resolved, so the verdict there is (rightly) `resolved`, not `ok`: an overlap.
    expect(maint.map((c) => [c.incident.id, c.firstOk, agree(c) || c.reason])).toEqual([
      ['24694695', true, true],
      ['24903911', true, 'overlap'],
    ]);
    // Unchanged minutes were answered 304; no notification was shown twice.
    expect(r.fetch.byStatus.get(304) ?? 0).toBeGreaterThan(0);
    expect(new Set(r.shown.map((s) => s.id)).size).toBe(r.shown.length);
    expect(r.shown.filter((s) => s.id.startsWith('acknowledged|github|')).length).toBeGreaterThan(0);
  }, 180_000);

  it('Google Cloud, 2 weeks (incidents.json): verdicts, texts and track record match the record', async () => {
    const { sums } = await run('gcp', [{ service: GOOGLE_CLOUD, record: GCP, expectText: (x) => markdownToText(x) }], [gcpFeeds(GCP)], GCP);
    expectAgreement(sums[0]!);
    expect(sums[0]!.checks.filter(agree).length).toBeGreaterThan(0);
  }, 180_000);

  it('running only the ticks around changes gives the same verdict timeline as running every minute', async () => {
    const major = GH.find((i) => i.id === '24753567')!;
    const span: [number, number] = [major.createdAt - 30 * MINUTE, major.endedAt + 90 * MINUTE];
    const services = [{ service: GITHUB, record: GH }];
    const skip = await run('skip', services, [githubFeeds(GH)], GH, span);
    const every = await run('every', services, [githubFeeds(GH)], GH, span, true);
    const a = skip.r.timelines.get('github')!;
    const b = every.r.timelines.get('github')!;
    expect(b.times.length).toBeGreaterThan(a.times.length * 2);
    // The verdict the skipping run carries for each minute equals what the worker said at that minute.
    let k = 0;
    const carried = b.times.map((t) => {
      while (k + 1 < a.times.length && a.times[k + 1]! <= t) k++;
      return a.verdicts[k];
    });
    expect(carried).toEqual(b.verdicts);
    expect(skip.r.shown.map((s) => [s.id, s.at])).toEqual(every.r.shown.map((s) => [s.id, s.at]));
  }, 300_000);
});
