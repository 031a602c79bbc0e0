/**
 * Track record: the real GitHub incident history (test/fixtures/feeds, see PROVENANCE.md there),
 * normalised by the Statuspage adapter, plus synthetic episodes and incidents written inline.
 */
import { describe, expect, it } from 'vitest';
import type { OfficialIncident } from '../../../core/model';
import { githubHistory } from './github-history';
import {
  BACKDATE_MIN_MS,
  NOT_ENOUGH,
  describeTrackRecord,
  formatDuration,
  trackRecord,
  type EpisodeLike,
  type TrackRecord,
} from '../../../core/history/track';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.parse('2024-09-10T14:00:00Z');

// Durations and update gaps of the two real incidents, from the fixture's own timestamps.
const PAGES_ACTIONS_MS = 2_256_620; // 21:31:02.713 → 22:08:39.333
const GIT_SSH_MS = 3_496_657; // 13:29:47.155 → 14:28:03.812
const REAL_GAPS = [11_116, 20_367, 64_037, 100_343, 384_197, 497_452, 790_861, 917_097, 1_004_910, 1_962_763];

const iso = (t: number) => new Date(t).toISOString();
function inc(id: string, start: number, end: number | null, over: Partial<OfficialIncident> = {}): OfficialIncident {
  return {
    id,
    title: `Incident ${id}`,
    kind: 'incident',
    status: end === null ? 'investigating' : 'resolved',
    impact: 'minor',
    startedAt: iso(start),
    createdAt: iso(start),
    updatedAt: iso(end ?? start),
    resolvedAt: end === null ? null : iso(end),
    scheduledFor: null,
    scheduledUntil: null,
    updates: [],
    components: [],
    url: null,
    ...over,
  };
}
const ep = (over: Partial<EpisodeLike>): EpisodeLike => ({
  startedAt: T0,
  firstEvidenceAt: null,
  firstOfficialAt: null,
  resolvedAt: null,
  ...over,
});

// ---------------------------------------------------------------------------------------------

describe('trackRecord on the real GitHub history', () => {
  const t = trackRecord(githubHistory(), []);

  it('counts both incidents', () => {
    expect(t.basedOn).toEqual({ incidents: 2, episodes: 0 });
  });

  it('takes the median duration from started_at to resolved_at', () => {
    expect(t.medianDurationMs).toBe((PAGES_ACTIONS_MS + GIT_SSH_MS) / 2);
    expect(t.counts.durations).toBe(2);
  });

  it('pools the gaps between consecutive updates', () => {
    expect(t.counts.updateGaps).toBe(10);
    expect(t.counts.incidentsWithGaps).toBe(2);
    expect(t.medianUpdateIntervalMs).toBe((REAL_GAPS[4]! + REAL_GAPS[5]!) / 2);
  });

  it('does not read a few milliseconds between started_at and created_at as back-dating', () => {
    expect(t.firstResponseMs).toBeNull();
    expect(t.counts.firstResponses).toBe(0);
  });

  it('sees no postmortem mention, and knows it could have (updates have text)', () => {
    expect(t.postmortems).toBe(0);
    expect(t.counts.incidentsWithText).toBe(2);
  });

  it('says nothing about acknowledgement without episodes', () => {
    expect(t.medianTimeToAcknowledgeMs).toBeNull();
    expect(t.neverAcknowledgedShare).toBeNull();
  });

  it('describes it in plain sentences', () => {
    expect(describeTrackRecord(t)).toEqual([
      'Past incidents: median 48 min (from 2 incidents)',
      'Updates every 7 min (median, 2 incidents)',
    ]);
  });

  it('one real incident', () => {
    const one = trackRecord(githubHistory().slice(0, 1), []);
    expect(one.basedOn.incidents).toBe(1);
    expect(one.medianDurationMs).toBe(PAGES_ACTIONS_MS);
    // Gaps of the Pages/Actions incident: 6m24s, 15m17s, 1m04s, 1m40s, 13m11s → median 6m24s.
    expect(one.medianUpdateIntervalMs).toBe(384_197);
    expect(describeTrackRecord(one)).toEqual(['Past incidents: 1 on record, lasting 38 min', 'Updates every 6 min (median, 1 incident)']);
  });

  it('counts a duplicate of a real incident once', () => {
    const past = githubHistory();
    const twice = trackRecord([...past, ...past, { ...past[0]! }], []);
    expect(twice.basedOn.incidents).toBe(2);
    expect(twice.medianDurationMs).toBe(t.medianDurationMs);
    expect(twice.counts.updateGaps).toBe(10);
  });

  it('with synthetic episodes alongside', () => {
    const episodes = [
      ep({ firstEvidenceAt: T0, firstOfficialAt: T0 + 19 * MIN, resolvedAt: T0 + HOUR }),
      ep({ firstEvidenceAt: T0, firstOfficialAt: T0 + 10 * MIN, resolvedAt: T0 + HOUR }),
      ep({ firstEvidenceAt: T0, firstOfficialAt: T0 + 40 * MIN, resolvedAt: T0 + HOUR }),
    ];
    const r = trackRecord(githubHistory(), episodes);
    expect(r.basedOn).toEqual({ incidents: 2, episodes: 3 });
    expect(r.medianTimeToAcknowledgeMs).toBe(19 * MIN);
    expect(r.neverAcknowledgedShare).toBe(0);
    expect(describeTrackRecord(r)).toEqual([
      'Past incidents: median 48 min (from 2 incidents)',
      'Updates every 7 min (median, 2 incidents)',
      'Acknowledged a median 19 min after trouble was first seen (3 episodes)',
      'No official word during 0 of 3 past episodes of trouble',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------

describe('trackRecord: episodes', () => {
  it('measures time to acknowledge only when the evidence came strictly first', () => {
    const r = trackRecord(
      [],
      [
        ep({ firstEvidenceAt: T0, firstOfficialAt: T0 + 19 * MIN, resolvedAt: T0 + HOUR }),
        ep({ firstEvidenceAt: T0 + 5 * MIN, firstOfficialAt: T0 + 5 * MIN, resolvedAt: T0 + HOUR }), // same instant: provider first
        ep({ firstEvidenceAt: T0 + 10 * MIN, firstOfficialAt: T0, resolvedAt: T0 + HOUR }), // provider spoke first
        ep({ firstEvidenceAt: null, firstOfficialAt: T0, resolvedAt: T0 + HOUR }), // official only
      ],
    );
    expect(r.medianTimeToAcknowledgeMs).toBe(19 * MIN);
    expect(r.counts.acknowledgedAfterEvidence).toBe(1);
    expect(r.counts.providerFirst).toBe(2);
    expect(r.basedOn.episodes).toBe(4);
    const text = describeTrackRecord(r);
    expect(text).toContain('Acknowledged a median 19 min after trouble was first seen (1 episode)');
    expect(text).toContain('The provider spoke before any trouble was seen here in 2 episodes');
  });

  it('never claims a lead when the provider always spoke first', () => {
    const r = trackRecord(
      [],
      [
        ep({ firstEvidenceAt: T0 + 3 * MIN, firstOfficialAt: T0, resolvedAt: T0 + HOUR }),
        ep({ firstEvidenceAt: T0 + 1, firstOfficialAt: T0, resolvedAt: T0 + HOUR }),
      ],
    );
    expect(r.medianTimeToAcknowledgeMs).toBeNull();
    const text = describeTrackRecord(r).join(' ');
    expect(text).not.toMatch(/acknowledged a median|before the provider|first to|earlier than the provider|detected/i);
    expect(text).toMatch(/provider spoke before any trouble was seen here in 2 episodes/);
  });

  it('never-acknowledged share: ended episodes with evidence and no official word by their end', () => {
    const episodes = [
      // Faded without a word: episodes.ts leaves resolvedAt null and sets endedAt.
      ep({ firstEvidenceAt: T0, endedAt: T0 + 30 * MIN }),
      ep({ firstEvidenceAt: T0, endedAt: T0 + 20 * MIN }),
      // Acknowledged and resolved.
      ep({ firstEvidenceAt: T0, firstOfficialAt: T0 + 15 * MIN, resolvedAt: T0 + HOUR, endedAt: T0 + HOUR }),
      // Official word only after it ended: not acknowledged while it lasted.
      ep({ firstEvidenceAt: T0, firstOfficialAt: T0 + 2 * HOUR, resolvedAt: T0 + HOUR }),
      // Still going: not counted either way.
      ep({ firstEvidenceAt: T0 }),
      // No evidence (provider-only episode): not counted.
      ep({ firstOfficialAt: T0, resolvedAt: T0 + HOUR }),
    ];
    const r = trackRecord([], episodes);
    expect(r.counts.endedWithEvidence).toBe(4);
    expect(r.counts.neverAcknowledged).toBe(3);
    expect(r.neverAcknowledgedShare).toBe(0.75);
    expect(describeTrackRecord(r)).toContain('No official word during 3 of 4 past episodes of trouble');
  });

  it('uses the later of resolvedAt and endedAt as the end (generous to the provider)', () => {
    const episodes = [
      ep({ firstEvidenceAt: T0, firstOfficialAt: T0 + 50 * MIN, resolvedAt: T0 + 40 * MIN, endedAt: T0 + 55 * MIN }),
      ep({ firstEvidenceAt: T0, endedAt: T0 + HOUR }),
      ep({ firstEvidenceAt: T0, endedAt: T0 + HOUR }),
    ];
    expect(trackRecord([], episodes).counts.neverAcknowledged).toBe(2);
  });

  it('has no share below 3 ended episodes with evidence', () => {
    const r = trackRecord(
      [],
      [ep({ firstEvidenceAt: T0, endedAt: T0 + HOUR }), ep({ firstEvidenceAt: T0, endedAt: T0 + HOUR }), ep({ firstEvidenceAt: T0 })],
    );
    expect(r.neverAcknowledgedShare).toBeNull();
    expect(describeTrackRecord(r)).toEqual([NOT_ENOUGH]);
  });

  it('takes the median of several delays', () => {
    const delays = [5, 19, 30, 60, 2].map((m) => m * MIN);
    const r = trackRecord(
      [],
      delays.map((d) => ep({ firstEvidenceAt: T0, firstOfficialAt: T0 + d, resolvedAt: T0 + 2 * HOUR })),
    );
    expect(r.medianTimeToAcknowledgeMs).toBe(19 * MIN);
  });

  it('ignores junk, non-finite and absurd values', () => {
    const episodes = [
      ep({ firstEvidenceAt: Number.NaN, firstOfficialAt: T0 }),
      ep({ firstEvidenceAt: T0, firstOfficialAt: Number.POSITIVE_INFINITY, resolvedAt: T0 + HOUR }),
      ep({ firstEvidenceAt: -Number.MAX_VALUE, firstOfficialAt: Number.MAX_VALUE, resolvedAt: Number.MAX_VALUE }),
      ep({ firstEvidenceAt: T0, firstOfficialAt: T0 + 30 * 24 * HOUR, resolvedAt: T0 + 31 * 24 * HOUR }),
      { startedAt: Number.NaN, firstEvidenceAt: T0, firstOfficialAt: T0 + MIN, resolvedAt: T0 + HOUR },
      null,
      'episode',
      ep({ firstEvidenceAt: T0, firstOfficialAt: T0 + 7 * MIN, resolvedAt: T0 + HOUR }),
    ] as unknown as EpisodeLike[];
    const r = trackRecord([], episodes);
    expect(r.basedOn.episodes).toBe(5);
    expect(r.medianTimeToAcknowledgeMs).toBe(7 * MIN);
    expect(r.counts.acknowledgedAfterEvidence).toBe(1);
    expect(Number.isFinite(r.neverAcknowledgedShare ?? 0)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------

describe('trackRecord: incidents', () => {
  it('excludes retroactive (resolved before created), zero, absurd, open and maintenance records from durations', () => {
    const past = [
      inc('ok1', T0, T0 + 30 * MIN),
      inc('retro', T0, T0 - 10 * MIN),
      inc('zero', T0, T0),
      inc('huge', T0, T0 + 20 * 24 * HOUR),
      inc('open', T0, null),
      inc('maint', T0, T0 + 2 * HOUR, { kind: 'maintenance', status: 'completed' }),
      inc('nan', T0, T0 + HOUR, { startedAt: 'garbage', createdAt: 'garbage' }),
    ];
    const r = trackRecord(past, []);
    expect(r.medianDurationMs).toBe(30 * MIN);
    expect(r.counts.durations).toBe(1);
    expect(r.basedOn.incidents).toBe(6); // maintenance is not an incident
  });

  it('measures first response only where the provider back-dated the start by a minute or more', () => {
    const past = [
      inc('a', T0, T0 + HOUR, { startedAt: iso(T0 - 12 * MIN) }),
      inc('b', T0, T0 + HOUR, { startedAt: iso(T0 - 20 * MIN) }),
      inc('c', T0, T0 + HOUR, { startedAt: iso(T0 - 4 * MIN) }),
      inc('d', T0, T0 + HOUR, { startedAt: iso(T0 - (BACKDATE_MIN_MS - 1)) }),
      inc('e', T0, T0 + HOUR, { startedAt: iso(T0 + 5 * MIN) }), // started after it was created: not back-dated
      inc('f', T0, T0 + HOUR, { startedAt: null }),
      inc('g', T0, T0 + HOUR, { startedAt: iso(T0 - 40 * 24 * HOUR) }), // absurd
    ];
    const r = trackRecord(past, []);
    expect(r.firstResponseMs).toBe(12 * MIN);
    expect(r.counts.firstResponses).toBe(3);
    expect(describeTrackRecord(r)).toContain(
      "By the provider's own record, impact began a median 12 min before its first post (3 incidents)",
    );
  });

  it('update gaps ignore duplicates, garbage times and absurd gaps; order does not matter', () => {
    const u = (t: number, text = 'x') => ({ at: iso(t), status: 'investigating' as const, text });
    const past = [
      inc('a', T0, T0 + HOUR, { updates: [u(T0 + 30 * MIN), u(T0), u(T0 + 10 * MIN), u(T0 + 10 * MIN)] }),
      inc('b', T0, T0 + HOUR, { updates: [{ at: 'garbage', status: 'investigating', text: 'x' }, u(T0), u(T0 + 20 * 24 * HOUR)] }),
      inc('c', T0, T0 + HOUR, { updates: [u(T0)] }),
    ];
    const r = trackRecord(past, []);
    expect(r.counts.updateGaps).toBe(2);
    expect(r.counts.incidentsWithGaps).toBe(1);
    expect(r.medianUpdateIntervalMs).toBe(15 * MIN);
  });

  it('counts incidents whose updates mention a postmortem, post-incident review or RCA', () => {
    const u = (text: string) => ({ at: iso(T0), status: 'resolved' as const, text });
    const past = [
      inc('a', T0, T0 + HOUR, { updates: [u('This incident has been resolved. A postmortem will follow.')] }),
      inc('b', T0, T0 + HOUR, { updates: [u('Resolved. Post-incident review: https://example.com/pir/123')] }),
      inc('c', T0, T0 + HOUR, { updates: [u('We will publish a root cause analysis (RCA) within 5 business days.')] }),
      inc('d', T0, T0 + HOUR, { updates: [u('This incident has been resolved.')] }),
      inc('e', T0, T0 + HOUR, { updates: [u('Post mortem available.'), u('We are investigating.')] }),
      inc('f', T0, T0 + HOUR, { updates: [u('An incident reported by customers has been resolved.')] }),
      inc('g', T0, T0 + HOUR, { updates: [] }),
    ];
    const r = trackRecord(past, []);
    expect(r.postmortems).toBe(4);
    expect(r.counts.incidentsWithText).toBe(6);
    expect(describeTrackRecord(r)).toContain('A post-incident review was mentioned for 4 of 6 incidents');
  });

  it('postmortems are unknowable without any update text', () => {
    const r = trackRecord(
      [inc('a', T0, T0 + HOUR), inc('b', T0, T0 + HOUR, { updates: [{ at: iso(T0), status: 'resolved', text: '   ' }] })],
      [],
    );
    expect(r.postmortems).toBeNull();
  });

  it('handles many incidents and huge inputs', () => {
    const past = Array.from({ length: 5_000 }, (_, k) => inc(`i${k}`, T0 + k * HOUR, T0 + k * HOUR + ((k % 60) + 1) * MIN));
    const r = trackRecord(past, []);
    expect(r.basedOn.incidents).toBe(1_000);
    expect(r.medianDurationMs).not.toBeNull();
    const hugeText = 'x'.repeat(2_000_000) + ' postmortem';
    expect(trackRecord([inc('a', T0, T0 + HOUR, { updates: [{ at: iso(T0), status: 'resolved', text: hugeText }] })], []).postmortems).toBe(
      0,
    );
  });
});

// ---------------------------------------------------------------------------------------------

describe('empty and odd inputs', () => {
  it('says there is not enough history', () => {
    const r = trackRecord([], []);
    expect(r.basedOn).toEqual({ incidents: 0, episodes: 0 });
    expect(r.medianTimeToAcknowledgeMs).toBeNull();
    expect(r.neverAcknowledgedShare).toBeNull();
    expect(r.medianUpdateIntervalMs).toBeNull();
    expect(r.medianDurationMs).toBeNull();
    expect(r.firstResponseMs).toBeNull();
    expect(r.postmortems).toBeNull();
    expect(describeTrackRecord(r)).toEqual(['Not enough history yet']);
  });

  it('survives non-arrays and junk elements', () => {
    const r = trackRecord(null as unknown as OfficialIncident[], undefined as unknown as EpisodeLike[]);
    expect(describeTrackRecord(r)).toEqual([NOT_ENOUGH]);
    const junk = trackRecord([null, 1, 'x', {}] as unknown as OfficialIncident[], [{}] as unknown as EpisodeLike[]);
    expect(junk.basedOn).toEqual({ incidents: 0, episodes: 0 });
  });

  it('describes a record with only nulls as not enough', () => {
    const r: TrackRecord = { ...trackRecord([], []), basedOn: { incidents: 4, episodes: 2 } };
    expect(describeTrackRecord(r)).toEqual([NOT_ENOUGH]);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, 'under 1 min'],
    [59_999, 'under 1 min'],
    [60_000, '1 min'],
    [19 * MIN + 20_000, '19 min'],
    [59 * MIN + 40_000, '1 h'],
    [HOUR + 5 * MIN, '1 h 5 min'],
    [2 * HOUR, '2 h'],
    [27 * HOUR, '1 d 3 h'],
    [48 * HOUR, '2 d'],
    [Number.NaN, 'under 1 min'],
    [Number.POSITIVE_INFINITY, 'under 1 min'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
