/**
 * ETA, next-update promise and typical duration. Phrase tables are written inline (no real
 * incident in our fixtures states an ETA); the real GitHub history (test/fixtures/feeds, see
 * PROVENANCE.md) is used to show that ordinary incident prose yields no ETA, and for durations.
 */
import { describe, expect, it } from 'vitest';
import type { OfficialIncident, OfficialUpdate } from '../../../core/model';
import { githubHistory } from './github-history';
import {
  MAX_SCAN_CHARS,
  STALE_GRACE_MS,
  etaFor,
  etaFromText,
  median,
  nextUpdateFor,
  nextUpdateFromText,
  typicalDuration,
  uniqueIncidents,
} from '../../../core/history/eta';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** Monday 2024-09-16 14:00 UTC: US on daylight time (PDT −7, EDT −4), Europe on summer time (CEST +2). */
const U = Date.parse('2024-09-16T14:00:00Z');
/** Wednesday 2024-01-17 14:00 UTC: standard time everywhere (PST −8, EST −5, CET +1). */
const W = Date.parse('2024-01-17T14:00:00Z');
const iso = (t: number | undefined) => (t === undefined ? undefined : new Date(t).toISOString());

function incident(
  updates: { at: number; text: string; status?: OfficialUpdate['status'] }[],
  over: Partial<OfficialIncident> = {},
): OfficialIncident {
  const sorted = [...updates].sort((a, b) => b.at - a.at);
  return {
    id: 'i1',
    title: 'Elevated errors',
    kind: 'incident',
    status: 'investigating',
    impact: 'major',
    startedAt: iso(sorted[sorted.length - 1]?.at) ?? null,
    createdAt: iso(sorted[sorted.length - 1]?.at) ?? null,
    updatedAt: iso(sorted[0]?.at) ?? null,
    resolvedAt: null,
    scheduledFor: null,
    scheduledUntil: null,
    updates: sorted.map((u) => ({ at: new Date(u.at).toISOString(), status: u.status ?? 'investigating', text: u.text })),
    components: [],
    url: null,
    ...over,
  };
}

// ---------------------------------------------------------------------------------------------

describe('etaFromText: phrases that state an ETA', () => {
  const cases: [string, string, number?][] = [
    // [text, expected ISO, update time (default U)]
    ['We expect services to be restored by 14:30 UTC.', '2024-09-16T14:30:00.000Z'],
    ['We expect to be back by 15:00 UTC', '2024-09-16T15:00:00.000Z'],
    ['Expected to be resolved by 16:45 UTC.', '2024-09-16T16:45:00.000Z'],
    ['We expect completion by 16:45 UTC.', '2024-09-16T16:45:00.000Z'],
    ['The system is expected to be fully back online by 18:00 UTC.', '2024-09-16T18:00:00.000Z'],
    ['ETA 15:00 UTC', '2024-09-16T15:00:00.000Z'],
    ['ETA: 15:00 UTC.', '2024-09-16T15:00:00.000Z'],
    ['Current ETA is approximately 15:30 GMT.', '2024-09-16T15:30:00.000Z'],
    ['ETA for resolution is 15:30 UTC', '2024-09-16T15:30:00.000Z'],
    ['ETA to full recovery: 19:15 UTC', '2024-09-16T19:15:00.000Z'],
    ['The estimated time of resolution is 16:45 UTC.', '2024-09-16T16:45:00.000Z'],
    ['Estimated time of completion: 16:45 UTC', '2024-09-16T16:45:00.000Z'],
    ['Estimated completion is 16:45 UTC.', '2024-09-16T16:45:00.000Z'],
    ['Estimated resolution time is 16:45 UTC.', '2024-09-16T16:45:00.000Z'],
    ['Recovery is expected by 15:00 UTC.', '2024-09-16T15:00:00.000Z'],
    ['Full service restoration is anticipated around 17:00 UTC.', '2024-09-16T17:00:00.000Z'],
    ['We anticipate the issue will be mitigated by 16:00 UTC.', '2024-09-16T16:00:00.000Z'],
    ['We are on track to complete recovery by 20:00 UTC.', '2024-09-16T20:00:00.000Z'],
    // Zones (season-aware: September is daylight time in the US and summer time in Europe).
    ['We expect the service to be restored by 3pm PT', '2024-09-16T22:00:00.000Z'],
    ['It should be back by 3pm PST', '2024-09-16T22:00:00.000Z'],
    ['We expect full recovery by 3 p.m. PDT.', '2024-09-16T22:00:00.000Z'],
    ['We expect full recovery by 3:15 PM Pacific Time.', '2024-09-16T22:15:00.000Z'],
    ['We expect recovery by 11am ET.', '2024-09-16T15:00:00.000Z'],
    ['We expect recovery by 11:00 EST.', '2024-09-16T15:00:00.000Z'],
    ['We expect recovery by 11:00 a.m. EDT.', '2024-09-16T15:00:00.000Z'],
    ['We expect recovery by 17:00 CEST.', '2024-09-16T15:00:00.000Z'],
    ['We expect recovery by 17:00 CET.', '2024-09-16T15:00:00.000Z'],
    ['We expect recovery by 18:00 UTC+2.', '2024-09-16T16:00:00.000Z'],
    ['We expect recovery by 09:30 UTC−5.', '2024-09-16T14:30:00.000Z'],
    ['We expect recovery by 15:00 (UTC).', '2024-09-16T15:00:00.000Z'],
    ['ETA 14:30Z', '2024-09-16T14:30:00.000Z'],
    ['ETA 14:30:00Z', '2024-09-16T14:30:00.000Z'],
    ['We expect recovery by 14:30\u00a0UTC.', '2024-09-16T14:30:00.000Z'],
    // January: standard time.
    ['We expect the service to be restored by 3pm PT', '2024-01-17T23:00:00.000Z', W],
    ['We expect the service to be restored by 3pm PDT', '2024-01-17T23:00:00.000Z', W],
    ['We expect recovery by 11:00 ET.', '2024-01-17T16:00:00.000Z', W],
    ['We expect recovery by 17:00 CET.', '2024-01-17T16:00:00.000Z', W],
    ['We expect recovery by 17:00 CEST.', '2024-01-17T16:00:00.000Z', W],
    // Next occurrence after the update: late-evening update, early-morning time.
    ['Services should be restored by 01:00 UTC.', '2024-09-17T01:00:00.000Z', Date.parse('2024-09-16T23:00:00Z')],
    ['We expect to be back by 9am PT', '2024-09-17T16:00:00.000Z', Date.parse('2024-09-17T05:00:00Z')],
    // An ISO date is read.
    ['We expect to be back by 2024-09-17 09:00 UTC.', '2024-09-17T09:00:00.000Z'],
    ['ETA 2024-09-17T09:00Z', '2024-09-17T09:00:00.000Z'],
    // Relative durations count from the update.
    ['We expect this to be resolved within the next 2 hours.', '2024-09-16T16:00:00.000Z'],
    ['Service should be back in about 45 minutes.', '2024-09-16T14:45:00.000Z'],
    ['We anticipate recovery in approximately 1 hour.', '2024-09-16T15:00:00.000Z'],
    ['We expect full recovery within 30-60 minutes.', '2024-09-16T15:00:00.000Z'],
    ['We expect full recovery within 30 to 60 minutes.', '2024-09-16T15:00:00.000Z'],
    ['Services should be fully restored within 1 hour 30 minutes.', '2024-09-16T15:30:00.000Z'],
    ['It should be back within half an hour.', '2024-09-16T14:30:00.000Z'],
    ['We expect it to be back in an hour and a half.', '2024-09-16T15:30:00.000Z'],
    ['We expect it to be back in two hours.', '2024-09-16T16:00:00.000Z'],
    ['We expect recovery in 1.5 hours.', '2024-09-16T15:30:00.000Z'],
    ['ETA is 2 hours.', '2024-09-16T16:00:00.000Z'],
    ['ETA: ~30 mins', '2024-09-16T14:30:00.000Z'],
    ['Recovery is expected within 90 minutes.', '2024-09-16T15:30:00.000Z'],
    // Maintenance-style phrasing.
    ['The database will remain unavailable until 15:00 UTC.', '2024-09-16T15:00:00.000Z'],
    ['The maintenance window has been extended until 16:00 UTC.', '2024-09-16T16:00:00.000Z'],
    // Several sentences, several ETAs: the latest is a safe "by".
    ['We expect the API to be restored by 14:30 UTC. We expect the dashboard to be restored by 15:00 UTC.', '2024-09-16T15:00:00.000Z'],
    // Other sentences around it do not matter.
    ['Errors started at 13:10 UTC. We have identified the cause and expect recovery by 15:00 UTC.', '2024-09-16T15:00:00.000Z'],
    ['We expect recovery by 15:00 UTC. Next update in 30 minutes.', '2024-09-16T15:00:00.000Z'],
    ['<b>ETA 15:00 UTC</b>', '2024-09-16T15:00:00.000Z'],
    ['We expect recovery no later than 15:00 UTC.', '2024-09-16T15:00:00.000Z'],
    ['The cause was identified and we expect recovery by 15:00 UTC.', '2024-09-16T15:00:00.000Z'],
    ['We expect error rates to return to normal levels by 15:00 UTC.', '2024-09-16T15:00:00.000Z'],
    [
      'We will continue to monitor. Customers should expect full recovery by 15:00 UTC, with the next update at 15:30 UTC.',
      '2024-09-16T15:00:00.000Z',
    ],
  ];
  it.each(cases)('%s → %s', (text, expected, at = U) => {
    expect(iso(etaFromText(text, at)?.at)).toBe(expected);
  });

  it('returns the phrase verbatim, from the cue to the time', () => {
    expect(etaFromText('Update: we expect services to be restored by 14:30 UTC. Sorry!', U)?.text).toBe(
      'expect services to be restored by 14:30 UTC',
    );
    expect(etaFromText('ETA 3 p.m. PDT', U)?.text).toBe('ETA 3 p.m. PDT');
    expect(etaFromText('We anticipate recovery in approximately 1 hour.', U)?.text).toBe('anticipate recovery in approximately 1 hour');
  });

  it('bounds the phrase it returns', () => {
    const text = `We expect${' very'.repeat(50)} everything to be restored by 14:30 UTC`;
    const r = etaFromText(text, U);
    // The cue is too far from the time: nothing is read rather than a stretched phrase.
    expect(r === null || r.text.length <= 200).toBe(true);
  });
});

describe('etaFromText: phrases that do not state an ETA', () => {
  const cases: [string, number?][] = [
    ['We are investigating'],
    ['We are currently investigating this issue.'],
    ['The incident started at 14:00 UTC.'],
    ['Errors started at 13:00 UTC and we expect them to stop soon.'],
    ['We have seen elevated errors since 9am PT.'],
    ['This page was updated at 10:00 UTC.'],
    ['The issue lasted 2 hours.'],
    ['Between 14:00 and 15:00 UTC, some users saw errors.'],
    ['We expect recovery between 15:00 and 16:00 UTC.'],
    ['We expect recovery from 15:00 to 16:00 UTC.'],
    ['We expect recovery at 15:00-16:00 UTC.'],
    // No zone, or too loose.
    ['We expect to be back by 15:00.'],
    ['We expect to be back by 3pm.'],
    ['We expect to be back by 15 UTC.'],
    ['We expect to be back by 25:00 UTC.'],
    ['We expect to be back by 13pm UTC.'],
    ['We expect to be back by 14:75 UTC.'],
    // Ambiguous zones are not read.
    ['We expect to be back by 9am CST.'],
    ['We expect to be back by 9:00 IST.'],
    ['We expect to be back by 9:00 BST.'],
    ['We expect to be back by 9:00 MST.'],
    // When they will speak next is not when it will be back.
    ['Next update in 30 minutes.'],
    ['We will provide another update by 15:00 UTC.'],
    ['We will provide an update within 60 minutes.'],
    ['ETA for the next update is 15:00 UTC.'],
    ["We'll be back with more information in 30 minutes."],
    ['We expect to provide an update by 15:00 UTC.'],
    // Past facts.
    ['The issue was resolved at 14:30 UTC.'],
    ['Service was restored by 13:50 UTC.'],
    ['Services should have recovered by 14:30 UTC.', Date.parse('2024-09-16T14:20:00Z')],
    ['Recovery was expected by 15:00 UTC.'],
    // Negated or superseded.
    ['We do not expect a resolution before 18:00 UTC.'],
    ["We don't expect services to be restored by 15:00 UTC."],
    ['We no longer expect recovery by 15:00 UTC.'],
    ['We had expected recovery by 15:00 UTC, but it is taking longer.'],
    ['We previously expected recovery by 15:00 UTC.'],
    ['There is no ETA at this time.'],
    ['ETA unknown.'],
    ['No ETA yet; next update at 15:00 UTC.'],
    // Something else finishes, or something starts.
    ['We expect to start the recovery at 15:00 UTC.'],
    ['Recovery will begin at 15:00 UTC.'],
    ['We expect to complete our investigation by 15:00 UTC.'],
    ['We expect to complete the root cause analysis within 2 hours.'],
    ['A fix will be available by 15:00 UTC.'],
    ['Users should retry after 15:00 UTC.'],
    ['We will deploy a fix at 15:00 UTC.'],
    ['We will deploy a fix in about 45 minutes.'],
    ['We are on track to complete the migration by 20:00 UTC.'],
    ['We expect to complete the rollback in 20 minutes.'],
    ['We expect the fix to be fully deployed by 15:00 UTC.'],
    ['We expect the API to be restored by 14:30 UTC and the dashboard by 15:00 UTC.', Date.parse('2024-09-16T14:40:00Z')],
    // Dates we do not read.
    ['We expect to be back by 9am PT tomorrow.'],
    ['We expect to be back by 09:00 UTC on Tuesday.'],
    ['We expect to be back by Sept 17, 09:00 UTC.'],
    ['We expect to be back by 17 September 09:00 UTC.'],
    ['We expect to be back by 9/17 09:00 UTC.'],
    ['We expect to be back by Tuesday 09:00 UTC.'],
    // The next occurrence is almost a day away: a time that just passed, not an ETA.
    ['We expect to be back by 14:30 UTC.', Date.parse('2024-09-16T14:31:00Z')],
    // Dated, but before the update.
    ['We expect to be back by 2024-09-15 09:00 UTC.'],
    // Durations that are too long, zero, or vague.
    ['We expect recovery within 72 hours.'],
    ['We expect recovery within 0 minutes.'],
    ['We expect recovery within a few hours.'],
    ['We expect recovery within the hour.'],
    // Same sentence reads both ways: not read.
    ['We expect recovery and will post another update by 15:00 UTC.'],
    // Hostile / odd input.
    [''],
    ['14:30 UTC'],
    ['by 14:30 UTC'],
    ['restored by 14:30 UTC'],
  ];
  it.each(cases)('%s → null', (text, at = U) => {
    expect(etaFromText(text, at)).toBeNull();
  });

  it('ignores non-strings and non-finite update times', () => {
    expect(etaFromText(null as unknown as string, U)).toBeNull();
    expect(etaFromText({} as unknown as string, U)).toBeNull();
    expect(etaFromText('ETA 15:00 UTC', Number.NaN)).toBeNull();
    expect(etaFromText('ETA 15:00 UTC', Number.POSITIVE_INFINITY)).toBeNull();
  });

  it('reads only the first MAX_SCAN_CHARS characters', () => {
    expect(etaFromText(`${'x'.repeat(MAX_SCAN_CHARS)} ETA 15:00 UTC`, U)).toBeNull();
    expect(etaFromText(`${'x '.repeat(100)} ETA 15:00 UTC`, U)).not.toBeNull();
  });

  it('stays fast on huge hostile strings', () => {
    const hostile = [
      'expect recovery by 14:30 UTC '.repeat(100_000),
      'by 14:30 UTC '.repeat(100_000),
      'expect '.repeat(200_000) + 'restored by 14:30 UTC',
      'expect restored back '.repeat(100_000),
      '9'.repeat(1_000_000),
      ':'.repeat(1_000_000),
      '1:1 '.repeat(300_000),
      'in 1 hour '.repeat(100_000),
      `We expect${' '.repeat(1_000_000)}recovery by 14:30 UTC`,
      'ETA '.repeat(250_000),
      'a.m. '.repeat(200_000),
    ];
    const t0 = performance.now();
    for (const h of hostile) {
      etaFromText(h, U);
      nextUpdateFromText(h, U);
    }
    expect(performance.now() - t0).toBeLessThan(1_500);
  });
});

// ---------------------------------------------------------------------------------------------

describe('nextUpdateFromText', () => {
  const positive: [string, string][] = [
    ['Next update in 30 minutes.', '2024-09-16T14:30:00.000Z'],
    ['Next update: 15:30 UTC', '2024-09-16T15:30:00.000Z'],
    ['The next update will be posted by 15:30 UTC.', '2024-09-16T15:30:00.000Z'],
    ['We will provide another update by 15:00 UTC.', '2024-09-16T15:00:00.000Z'],
    ['We will provide an update within 60 minutes.', '2024-09-16T15:00:00.000Z'],
    ['We will provide updates every 30 minutes.', '2024-09-16T14:30:00.000Z'],
    ['We will update this page in 1 hour.', '2024-09-16T15:00:00.000Z'],
    ["We'll check back in 45 minutes.", '2024-09-16T14:45:00.000Z'],
    ["We'll be back with more information in 30 minutes.", '2024-09-16T14:30:00.000Z'],
    ['ETA for the next update is 15:00 UTC.', '2024-09-16T15:00:00.000Z'],
    ['No ETA yet; next update at 15:00 UTC.', '2024-09-16T15:00:00.000Z'],
    ['We expect recovery by 15:00 UTC. Next update in 20 minutes.', '2024-09-16T14:20:00.000Z'],
    ['We will share further details by 3pm PT.', '2024-09-16T22:00:00.000Z'],
    ['We will provide an update no later than 15:00 UTC.', '2024-09-16T15:00:00.000Z'],
    ['Customers should expect full recovery by 15:00 UTC, with the next update at 15:30 UTC.', '2024-09-16T15:30:00.000Z'],
  ];
  it.each(positive)('%s → %s', (text, expected) => {
    expect(iso(nextUpdateFromText(text, U)?.at)).toBe(expected);
  });

  const negative = [
    'We expect recovery in 30 minutes.',
    'We expect services to be restored by 15:00 UTC.',
    'We are investigating.',
    'The last update was at 14:00 UTC.',
    'This page was updated at 10:00 UTC.',
    'We will not provide further updates until 15:00 UTC.',
    'Next update in 30.',
    'Next update soon.',
  ];
  it.each(negative)('%s → null', (text) => {
    expect(nextUpdateFromText(text, U)).toBeNull();
  });

  it('returns the phrase verbatim', () => {
    expect(nextUpdateFromText('Thanks for your patience. Next update in 30 minutes.', U)?.text).toBe('Next update in 30 minutes');
  });
});

// ---------------------------------------------------------------------------------------------

describe('etaFor', () => {
  it('uses the end of a maintenance window in the future', () => {
    const m = incident([{ at: U, text: 'Maintenance is in progress.', status: 'in_progress' }], {
      kind: 'maintenance',
      status: 'in_progress',
      impact: 'maintenance',
      scheduledFor: '2024-09-16T13:00:00.000Z',
      scheduledUntil: '2024-09-16T17:00:00.000Z',
    });
    expect(etaFor(m, U)).toEqual({
      at: Date.parse('2024-09-16T17:00:00Z'),
      source: 'maintenance_window',
      text: '2024-09-16T17:00:00.000Z',
      updateAt: null,
    });
  });

  it('falls back to the update text when the window has passed (an overrunning maintenance)', () => {
    const m = incident([{ at: U, text: 'The maintenance window has been extended until 16:00 UTC.', status: 'in_progress' }], {
      kind: 'maintenance',
      status: 'in_progress',
      scheduledUntil: '2024-09-16T13:30:00.000Z',
    });
    expect(etaFor(m, U + MIN)).toMatchObject({ at: Date.parse('2024-09-16T16:00:00Z'), source: 'update_text', updateAt: U });
  });

  it('reads the newest update that states an ETA', () => {
    const i = incident([
      { at: U, text: 'We have identified the issue and expect services to be restored by 14:30 UTC.' },
      { at: U + 10 * MIN, text: 'A fix is being deployed. We now expect recovery by 15:00 UTC.' },
      { at: U + 20 * MIN, text: 'The fix is rolling out.' },
    ]);
    expect(etaFor(i, U + 25 * MIN)).toEqual({
      at: Date.parse('2024-09-16T15:00:00Z'),
      source: 'update_text',
      text: 'expect recovery by 15:00 UTC',
      updateAt: U + 10 * MIN,
    });
  });

  it('is withdrawn by a newer update saying it takes longer, or that there is no ETA', () => {
    for (const text of [
      'Recovery is taking longer than expected.',
      'We have no current ETA.',
      'Our ETA has been revised.',
      'Restoration has been delayed.',
      'The maintenance has been extended.',
    ]) {
      const i = incident([
        { at: U, text: 'We expect recovery by 16:00 UTC.' },
        { at: U + 10 * MIN, text },
      ]);
      expect(etaFor(i, U + 15 * MIN), text).toBeNull();
    }
  });

  it('is not withdrawn by ordinary words such as "delayed webhooks"', () => {
    const i = incident([
      { at: U, text: 'We expect recovery by 16:00 UTC.' },
      { at: U + 10 * MIN, text: 'Some webhooks are delayed and will be redelivered.' },
    ]);
    expect(etaFor(i, U + 15 * MIN)?.at).toBe(Date.parse('2024-09-16T16:00:00Z'));
  });

  it('drops an ETA more than 5 min in the past (stale)', () => {
    const i = incident([{ at: U, text: 'We expect recovery by 15:00 UTC.' }]);
    const eta = Date.parse('2024-09-16T15:00:00Z');
    expect(etaFor(i, eta + STALE_GRACE_MS - 1)?.at).toBe(eta);
    expect(etaFor(i, eta + STALE_GRACE_MS + 1)).toBeNull();
    expect(etaFor(i, eta + 6 * MIN)).toBeNull();
  });

  it('a stale newest ETA does not fall back to an older one', () => {
    const i = incident([
      { at: U - 3 * HOUR, text: 'We expect recovery within 24 hours.' },
      { at: U, text: 'We expect recovery by 14:30 UTC.' },
    ]);
    expect(etaFor(i, U + 2 * HOUR)).toBeNull();
  });

  it('has none for a closed incident, or one without updates', () => {
    const open = incident([{ at: U, text: 'We expect recovery by 15:00 UTC.' }]);
    expect(etaFor({ ...open, status: 'resolved', resolvedAt: iso(U + HOUR)! }, U)).toBeNull();
    expect(etaFor({ ...open, status: 'completed' }, U)).toBeNull();
    expect(etaFor({ ...open, updates: [] }, U)).toBeNull();
    expect(etaFor({ ...open, updates: [{ at: 'garbage', status: 'investigating', text: 'ETA 15:00 UTC' }] }, U)).toBeNull();
    expect(etaFor({ ...open, updates: null as unknown as OfficialUpdate[] }, U)).toBeNull();
    expect(etaFor(open, Number.NaN)).toBeNull();
  });

  it('finds no ETA in real GitHub incidents (even if they were still open)', () => {
    const past = githubHistory();
    expect(past).toHaveLength(2);
    for (const i of past) {
      expect(etaFor(i, Date.parse(i.createdAt!))).toBeNull();
      const reopened: OfficialIncident = { ...i, status: 'investigating', resolvedAt: null, updates: i.updates.slice(1) };
      expect(etaFor(reopened, Date.parse(i.createdAt!))).toBeNull();
      expect(nextUpdateFor(reopened, Date.parse(i.createdAt!))).toBeNull();
    }
  });

  it('reads an ETA added to a real GitHub update', () => {
    const [first] = githubHistory();
    const reopened: OfficialIncident = {
      ...first!,
      status: 'investigating',
      resolvedAt: null,
      // Real updates minus "resolved", with a sentence appended to the newest one.
      updates: first!.updates
        .slice(1)
        .map((u, k) => (k === 0 ? { ...u, text: `${u.text} We expect recovery within the next 30 minutes.` } : u)),
    };
    const newest = Date.parse(reopened.updates[0]!.at);
    expect(etaFor(reopened, newest)).toEqual({
      at: newest + 30 * MIN,
      source: 'update_text',
      text: 'expect recovery within the next 30 minutes',
      updateAt: newest,
    });
  });
});

describe('nextUpdateFor', () => {
  it('reads the promise in the newest update only', () => {
    const i = incident([
      { at: U, text: 'Next update in 30 minutes.' },
      { at: U + 20 * MIN, text: 'We are still investigating.' },
    ]);
    expect(nextUpdateFor(i, U + 21 * MIN)).toBeNull();
    const j = incident([
      { at: U, text: 'We are investigating.' },
      { at: U + 20 * MIN, text: 'Next update in 30 minutes.' },
    ]);
    expect(nextUpdateFor(j, U + 21 * MIN)).toEqual({
      at: U + 50 * MIN,
      text: 'Next update in 30 minutes',
      updateAt: U + 20 * MIN,
      overdue: false,
    });
  });

  it('marks a broken promise as overdue', () => {
    const i = incident([{ at: U, text: 'We will provide another update by 14:30 UTC.' }]);
    expect(nextUpdateFor(i, U + 34 * MIN)?.overdue).toBe(false);
    expect(nextUpdateFor(i, U + 36 * MIN)).toMatchObject({ at: U + 30 * MIN, overdue: true });
  });

  it('is never mistaken for an ETA, and has none when closed', () => {
    const i = incident([{ at: U, text: 'Next update in 30 minutes.' }]);
    expect(etaFor(i, U)).toBeNull();
    expect(nextUpdateFor({ ...i, status: 'resolved' }, U)).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------

describe('typicalDuration', () => {
  const resolved = (id: string, start: string, end: string, over: Partial<OfficialIncident> = {}): OfficialIncident => ({
    ...incident([]),
    id,
    status: 'resolved',
    startedAt: start,
    createdAt: start,
    resolvedAt: end,
    ...over,
  });

  it('is null with fewer than 3 incidents (the real GitHub history has 2)', () => {
    expect(typicalDuration([])).toBeNull();
    expect(typicalDuration(githubHistory())).toBeNull();
  });

  it('is the median over resolved incidents, real and synthetic', () => {
    const past = [...githubHistory(), resolved('x', '2024-09-10T10:00:00Z', '2024-09-10T12:00:00Z')];
    // 37m36.620s, 58m16.657s, 2h → median 58m16.657s.
    expect(typicalDuration(past)).toEqual({ medianMs: 3_496_657, count: 3 });
    const four = [...past, resolved('y', '2024-09-11T10:00:00Z', '2024-09-11T10:10:00Z')];
    expect(typicalDuration(four)).toEqual({ medianMs: (2_256_620 + 3_496_657) / 2, count: 4 });
  });

  it('uses startedAt when back-dated, else createdAt', () => {
    const past = [
      resolved('a', '2024-09-10T10:00:00Z', '2024-09-10T11:00:00Z', { startedAt: '2024-09-10T09:00:00Z' }),
      resolved('b', '2024-09-10T10:00:00Z', '2024-09-10T11:00:00Z', { startedAt: null }),
      resolved('c', '2024-09-10T10:00:00Z', '2024-09-10T11:00:00Z', { startedAt: null }),
    ];
    expect(typicalDuration(past)).toEqual({ medianMs: HOUR, count: 3 });
  });

  it('leaves out retroactive, zero, absurd, open, unresolved, maintenance and duplicate records', () => {
    const good = [
      resolved('a', '2024-09-10T10:00:00Z', '2024-09-10T10:30:00Z'),
      resolved('b', '2024-09-10T10:00:00Z', '2024-09-10T11:00:00Z'),
    ];
    const bad = [
      resolved('retro', '2024-09-10T10:00:00Z', '2024-09-10T09:00:00Z'),
      resolved('zero', '2024-09-10T10:00:00Z', '2024-09-10T10:00:00Z'),
      resolved('long', '2024-09-01T10:00:00Z', '2024-09-20T10:00:00Z'),
      resolved('garbage', 'garbage', '2024-09-10T10:00:00Z', { createdAt: 'garbage' }),
      resolved('open', '2024-09-10T10:00:00Z', '2024-09-10T11:00:00Z', { status: 'monitoring' }),
      resolved('unresolved', '2024-09-10T10:00:00Z', '2024-09-10T11:00:00Z', { resolvedAt: null }),
      resolved('maint', '2024-09-10T10:00:00Z', '2024-09-10T11:00:00Z', { kind: 'maintenance', status: 'completed' }),
      resolved('a', '2024-09-10T10:00:00Z', '2024-09-10T10:30:00Z'),
      resolved('b', '2024-09-10T10:00:00Z', '2024-09-10T11:00:00Z'),
    ];
    expect(typicalDuration([...good, ...bad])).toBeNull();
    const third = resolved('c', '2024-09-10T10:00:00Z', '2024-09-10T12:00:00Z');
    expect(typicalDuration([...good, ...bad, third])).toEqual({ medianMs: HOUR, count: 3 });
  });

  it('survives junk', () => {
    expect(typicalDuration(null as unknown as OfficialIncident[])).toBeNull();
    expect(typicalDuration([null, 42, 'x'] as unknown as OfficialIncident[])).toBeNull();
  });
});

describe('helpers', () => {
  it('median', () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([Number.NaN, 1, Number.POSITIVE_INFINITY, 3])).toBe(2);
    const xs = [3, 1, 2];
    median(xs);
    expect(xs).toEqual([3, 1, 2]);
  });

  it('uniqueIncidents keeps the most recent record of each id', () => {
    const a = { ...incident([]), id: 'a', updatedAt: '2024-09-10T10:00:00Z' };
    const a2 = { ...a, updatedAt: '2024-09-10T11:00:00Z', title: 'newer' };
    const b = { ...incident([]), id: 'b' };
    expect(uniqueIncidents([a, b, a2]).map((i) => [i.id, i.title])).toEqual([
      ['a', 'newer'],
      ['b', 'Elevated errors'],
    ]);
    expect(uniqueIncidents([a2, a])[0]!.title).toBe('newer');
  });
});
