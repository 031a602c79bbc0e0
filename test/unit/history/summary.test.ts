import { describe, expect, it } from 'vitest';
import { getService } from '../../../core/catalog/bundled';
import type { Episode } from '../../../core/history/episodes';
import { summaryText } from '../../../core/history/summary';

const T0 = Date.parse('2026-11-23T14:00:00Z');
const MIN = 60_000;
const discord = getService('discord')!;

describe('summaryText', () => {
  it('tells the story with absolute times and the measured delay', () => {
    const episode: Episode = {
      id: 'discord:1',
      serviceId: 'discord',
      startedAt: T0,
      firstEvidenceAt: T0,
      firstOfficialAt: T0 + 19 * MIN,
      incidentIds: ['i1'],
      officialUpdates: [],
      resolvedAt: null,
      endedAt: null,
      timeline: [
        { at: T0 + 2 * MIN, verdict: 'unacknowledged' },
        { at: T0 + 20 * MIN, verdict: 'acknowledged' },
      ],
      notified: [],
    };
    const text = summaryText(
      discord,
      {
        verdict: 'acknowledged',
        severity: 'major',
        reason: 'Partial outage',
        problem: null,
        incident: {
          id: 'i1',
          title: 'Messages failing',
          kind: 'incident',
          status: 'identified',
          impact: 'major',
          startedAt: null,
          createdAt: new Date(T0 + 19 * MIN).toISOString(),
          updatedAt: null,
          resolvedAt: null,
          scheduledFor: null,
          scheduledUntil: null,
          updates: [{ at: new Date(T0 + 25 * MIN).toISOString(), status: 'identified', text: 'Fix in progress.\n\nMore soon.' }],
          components: [],
          url: 'https://discordstatus.com/incidents/i1',
        },
      },
      episode,
      T0 + 30 * MIN,
    );
    expect(text).toContain('Discord has acknowledged a problem — acknowledged: Partial outage');
    expect(text).toContain('Official: "Messages failing" https://discordstatus.com/incidents/i1');
    expect(text).toContain('- 2026-11-23 14:25 UTC Identified: Fix in progress. More soon.');
    expect(text).toContain("Provider's first word: 2026-11-23 14:19 UTC (19 min after the first signs)");
    expect(text).toContain('Timeline: 14:02 unacknowledged → 14:20 acknowledged');
  });

  it('says how long the provider has been silent', () => {
    const text = summaryText(
      discord,
      { verdict: 'unacknowledged', severity: null, reason: 'This browser failed to reach discord.com 3 times', incident: null, problem: null },
      { id: 'x', serviceId: 'discord', startedAt: T0, firstEvidenceAt: T0, firstOfficialAt: null, incidentIds: [], officialUpdates: [], resolvedAt: null, endedAt: null, timeline: [], notified: [] },
      T0 + 23 * MIN,
    );
    expect(text).toContain('No word from the provider for 23 min.');
  });
});
