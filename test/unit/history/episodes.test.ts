import { describe, expect, it } from 'vitest';
import type { OfficialIncident, Verdict } from '../../../core/model';
import { describeAcknowledgement, stepEpisode, takeUnnotified, type Episode } from '../../../core/history/episodes';
import type { VerdictResult } from '../../../core/verdict';

const T0 = Date.parse('2026-11-23T14:00:00Z');
const MIN = 60_000;
const iso = (t: number) => new Date(t).toISOString();

const v = (verdict: Verdict, incident: OfficialIncident | null = null): VerdictResult => ({
  verdict,
  severity: null,
  reason: '',
  incident,
  problem: null,
});

function incident(createdAt: number, over: Partial<OfficialIncident> = {}): OfficialIncident {
  return {
    id: 'i1',
    title: 'Messages failing to send',
    kind: 'incident',
    status: 'investigating',
    impact: 'major',
    startedAt: iso(createdAt),
    createdAt: iso(createdAt),
    updatedAt: iso(createdAt),
    resolvedAt: null,
    scheduledFor: null,
    scheduledUntil: null,
    updates: [{ at: iso(createdAt), status: 'investigating', text: 'We are investigating.' }],
    components: [],
    url: null,
    ...over,
  };
}

/** Drive a sequence of observations through stepEpisode, collecting transitions. */
function run(steps: { at: number; verdict: VerdictResult; open?: OfficialIncident[]; since?: number | null }[]) {
  let e: Episode | null = null;
  const kinds: string[] = [];
  const all = [];
  for (const s of steps) {
    const r = stepEpisode(e && e.endedAt === null ? e : null, {
      serviceId: 'discord',
      now: s.at,
      verdict: s.verdict,
      openIncidents: s.open ?? [],
      evidenceSince: s.since ?? null,
    });
    if (r.episode) e = r.episode;
    kinds.push(...r.transitions.map((t) => t.kind));
    all.push(...r.transitions);
  }
  return { episode: e!, kinds, transitions: all };
}

describe('stepEpisode', () => {
  it('silent provider → acknowledged 19 min after people started reporting → resolved', () => {
    const inc = incident(T0 + 19 * MIN);
    const { episode, kinds, transitions } = run([
      { at: T0 + 5 * MIN, verdict: v('unacknowledged'), since: T0 },
      { at: T0 + 10 * MIN, verdict: v('unacknowledged'), since: T0 },
      { at: T0 + 20 * MIN, verdict: v('acknowledged', inc), open: [inc], since: T0 },
      {
        at: T0 + 60 * MIN,
        verdict: v('resolved', { ...inc, status: 'resolved', resolvedAt: iso(T0 + 58 * MIN) }),
      },
    ]);
    expect(kinds).toEqual(['unacknowledged', 'acknowledged', 'resolved']);
    const ack = transitions.find((t) => t.kind === 'acknowledged')!;
    expect(ack.delayMs).toBe(19 * MIN);
    expect(describeAcknowledgement('Discord', ack)).toBe('Discord acknowledged it 19 min after trouble was first seen.');
    expect(episode).toMatchObject({
      startedAt: T0,
      firstEvidenceAt: T0,
      firstOfficialAt: T0 + 19 * MIN,
      resolvedAt: T0 + 58 * MIN,
      endedAt: T0 + 60 * MIN,
      incidentIds: ['i1'],
    });
    expect(episode.timeline.map((x) => x.verdict)).toEqual(['unacknowledged', 'acknowledged', 'resolved']);
  });

  it('the provider spoke before any evidence → no delay claimed, "provider first"', () => {
    const inc = incident(T0);
    const { transitions } = run([{ at: T0 + 2 * MIN, verdict: v('acknowledged', inc), open: [inc], since: T0 + MIN }]);
    expect(transitions[0]).toMatchObject({ kind: 'acknowledged', delayMs: null, providerFirst: true });
    expect(describeAcknowledgement('Discord', transitions[0]!)).toBe('Discord posted about it before any trouble was seen here.');
  });

  it('the provider word is its createdAt, not when we noticed it', () => {
    const inc = incident(T0 + 12 * MIN);
    const { transitions } = run([
      { at: T0 + MIN, verdict: v('unacknowledged'), since: T0 },
      // We only see the incident at +30 min (e.g. polling was slow): the delay is still 12 min.
      { at: T0 + 30 * MIN, verdict: v('acknowledged', inc), open: [inc], since: T0 },
    ]);
    expect(transitions.find((t) => t.kind === 'acknowledged')!.delayMs).toBe(12 * MIN);
  });

  it('unknown changes nothing (no false transitions while the feed is unreadable)', () => {
    const { kinds, episode } = run([
      { at: T0, verdict: v('unacknowledged'), since: T0 },
      { at: T0 + MIN, verdict: v('unknown') },
    ]);
    expect(kinds).toEqual(['unacknowledged']);
    expect(episode.endedAt).toBeNull();
  });

  it('trouble that fades with no official word ends the episode without a "resolved" claim', () => {
    const { kinds, episode } = run([
      { at: T0, verdict: v('unacknowledged'), since: T0 },
      { at: T0 + 30 * MIN, verdict: v('ok') },
    ]);
    expect(kinds).toEqual(['unacknowledged']);
    expect(episode).toMatchObject({ endedAt: T0 + 30 * MIN, resolvedAt: null, firstOfficialAt: null });
  });

  it('ok with no episode stays quiet', () => {
    expect(run([{ at: T0, verdict: v('ok') }]).kinds).toEqual([]);
  });
});

describe('takeUnnotified', () => {
  it('tells each transition once, even when the same step is repeated (worker restart)', () => {
    const first = stepEpisode(null, { serviceId: 'discord', now: T0, verdict: v('unacknowledged'), openIncidents: [], evidenceSince: T0 });
    const a = takeUnnotified(first.episode!, first.transitions);
    expect(a.fresh.map((t) => t.kind)).toEqual(['unacknowledged']);
    // Same transitions again on the saved episode: nothing new to tell.
    const b = takeUnnotified(a.episode, first.transitions);
    expect(b.fresh).toEqual([]);
  });
});
