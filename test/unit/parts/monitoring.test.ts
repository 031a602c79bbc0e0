/**
 * Issue 17 item 7: "monitoring" (fix applied) is not "broken" — in the verdict's words, the badge
 * title, the popup headline, and a once-per-episode notification for watched services.
 * The incident is the real Copilot incident of test/fixtures/feeds/github-history-incidents-with-components.json.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stepEpisode, takeUnnotified, type Episode } from '../../../core/history/episodes';
import type { IncidentStatus, OfficialIncident, OfficialSnapshot } from '../../../core/model';
import { DEFAULT_NOTIFICATION_PREFS, notificationText, shouldNotify } from '../../../core/notify';
import { badgeSpec, headline } from '../../../core/present';
import { computeVerdict } from '../../../core/verdict';

const NOW = Date.parse('2026-08-10T21:00:00Z');
const row = (
  JSON.parse(readFileSync(new URL('../../fixtures/feeds/github-history-incidents-with-components.json', import.meta.url), 'utf8')) as {
    id: string;
    title: string;
    impact: 'minor' | 'major';
    components: string[];
    started_at: string;
  }[]
)[0]!;

function incident(status: IncidentStatus, impact: OfficialIncident['impact'] = row.impact): OfficialIncident {
  const at = new Date(NOW - 3 * 60_000).toISOString();
  return {
    id: row.id,
    title: row.title,
    kind: 'incident',
    status,
    impact,
    startedAt: row.started_at,
    createdAt: row.started_at,
    updatedAt: at,
    resolvedAt: null,
    scheduledFor: null,
    scheduledUntil: null,
    updates: [{ at, status, text: 'A fix has been deployed and we are monitoring.' }],
    components: row.components,
    url: null,
  };
}
function judge(incidents: OfficialIncident[], components: OfficialSnapshot['components'] = []) {
  const snapshot: OfficialSnapshot = { indicator: 'degraded', description: null, components, incidents, maintenances: [], recent: [] };
  return computeVerdict({
    hasOfficial: true,
    official: { serviceId: 'github', snapshot, lastSuccessAt: NOW, lastAttemptAt: NOW, problem: null, history: [] },
    now: NOW,
    staleAfterMs: 15 * 60_000,
  });
}

describe('monitoring is said as such', () => {
  it.each<[string, OfficialIncident[], OfficialSnapshot['components'], boolean, 'minor' | 'major']>([
    ['one incident monitoring (major impact when opened)', [incident('monitoring', 'major')], [], true, 'minor'],
    [
      'monitoring, but a component still in partial outage',
      [incident('monitoring', 'major')],
      [{ id: 'c', name: 'Copilot', status: 'partial_outage', group: null }],
      true,
      'major',
    ],
    [
      'one monitoring, one still investigating',
      [incident('monitoring'), { ...incident('investigating', 'major'), id: 'other' }],
      [],
      false,
      'major',
    ],
    ['investigating', [incident('investigating', 'minor')], [], false, 'minor'],
  ])('%s', (_name, incidents, components, monitoring, severity) => {
    const r = judge(incidents, components);
    expect(r.verdict).toBe('acknowledged');
    expect(r.monitoring).toBe(monitoring);
    expect(r.severity).toBe(severity);
    if (monitoring) {
      expect(r.reason).toBe('Fix applied, monitoring');
      expect(badgeSpec('GitHub', r, { updatedAt: NOW - 3 * 60_000, checkedAt: NOW }, NOW).title).toBe(
        'GitHub — acknowledged: Fix applied, monitoring, updated 3 min ago',
      );
      expect(headline('GitHub', r)).toBe('GitHub has applied a fix and is monitoring');
    } else {
      expect(r.reason).not.toContain('monitoring');
      expect(headline('GitHub', r)).toBe('GitHub has acknowledged a problem');
    }
  });
});

describe('a watched service tells "fix applied, monitoring" once per episode', () => {
  const step = (open: Episode | null, status: IncidentStatus, now: number) =>
    stepEpisode(open, {
      serviceId: 'github',
      now,
      verdict: judge([incident(status)]),
      openIncidents: [incident(status)],
      evidenceSince: null,
    });

  it('acknowledged, then monitoring (told once, even when repeated), then resolved', () => {
    const a = step(null, 'investigating', NOW);
    expect(a.transitions.map((x) => x.kind)).toEqual(['acknowledged']);
    const told = takeUnnotified(a.episode!, a.transitions).episode;

    const m = step(told, 'monitoring', NOW + 60_000);
    expect(m.transitions.map((x) => x.kind)).toEqual(['monitoring']);
    const { episode, fresh } = takeUnnotified(m.episode!, m.transitions);
    expect(fresh).toHaveLength(1);
    const text = notificationText('GitHub', fresh[0]!, 'Fix applied, monitoring');
    expect(text.title).toBe('GitHub: fix applied, monitoring');
    expect(text.message).toContain('Not resolved yet');
    expect(shouldNotify(fresh[0]!, DEFAULT_NOTIFICATION_PREFS, { watched: true, now: NOW, tzOffsetMin: 0, recent: [] })).toBe(true);
    // Not for people who turned acknowledgement notifications off, nor for services they do not watch.
    expect(
      shouldNotify(
        fresh[0]!,
        { ...DEFAULT_NOTIFICATION_PREFS, acknowledged: false },
        { watched: true, now: NOW, tzOffsetMin: 0, recent: [] },
      ),
    ).toBe(false);
    expect(shouldNotify(fresh[0]!, DEFAULT_NOTIFICATION_PREFS, { watched: false, now: NOW, tzOffsetMin: 0, recent: [] })).toBe(false);

    const again = step(episode, 'monitoring', NOW + 120_000);
    expect(takeUnnotified(again.episode!, again.transitions).fresh).toEqual([]);
  });

  it('an incident first seen already monitoring is told as an acknowledgement whose words say monitoring', () => {
    const first = step(null, 'monitoring', NOW);
    expect(first.transitions.map((x) => x.kind)).toEqual(['acknowledged']);
  });
});
