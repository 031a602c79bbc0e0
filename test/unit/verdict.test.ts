import { describe, expect, it } from 'vitest';
import type { ComponentStatus, OfficialIncident, OfficialSnapshot } from '../../core/model';
import { badgeSpec, headline } from '../../core/present';
import { computeVerdict, latestResolution, type OfficialState, type VerdictInput } from '../../core/verdict';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const MIN = 60_000;
const iso = (msAgo: number) => new Date(NOW - msAgo).toISOString();

function incident(over: Partial<OfficialIncident> = {}): OfficialIncident {
  return {
    id: 'inc1',
    title: 'Elevated error rates',
    kind: 'incident',
    status: 'investigating',
    impact: 'minor',
    startedAt: iso(30 * MIN),
    createdAt: iso(30 * MIN),
    updatedAt: iso(4 * MIN),
    resolvedAt: null,
    scheduledFor: null,
    scheduledUntil: null,
    updates: [{ at: iso(4 * MIN), status: 'investigating', text: 'We are investigating.' }],
    components: ['API'],
    url: 'https://www.githubstatus.com/incidents/inc1',
    ...over,
  };
}

/** A maintenance window; `startsAgoMs`/`endsAgoMs` are relative to NOW (negative = in the future). */
function maintenance(status: OfficialIncident['status'], startsAgoMs: number, endsAgoMs: number): OfficialIncident {
  return incident({ kind: 'maintenance', status, impact: 'maintenance', scheduledFor: iso(startsAgoMs), scheduledUntil: iso(endsAgoMs) });
}

/** Verdict input whose snapshot carries only these maintenances. */
const withMaintenances = (...maintenances: OfficialIncident[]) => input(state({ snapshot: snapshot({ maintenances }) }));

function snapshot(over: Partial<OfficialSnapshot> = {}): OfficialSnapshot {
  return {
    indicator: 'operational',
    description: 'All Systems Operational',
    components: [{ id: 'c1', name: 'API', status: 'operational', group: null }],
    incidents: [],
    maintenances: [],
    recent: [],
    ...over,
  };
}

function state(over: Partial<OfficialState> = {}): OfficialState {
  return {
    serviceId: 'github',
    snapshot: snapshot(),
    lastSuccessAt: NOW - MIN,
    lastAttemptAt: NOW - MIN,
    problem: null,
    history: [],
    ...over,
  };
}

const input = (official: OfficialState | undefined, over: Partial<VerdictInput> = {}): VerdictInput => ({
  hasOfficial: true,
  official,
  now: NOW,
  staleAfterMs: 15 * MIN,
  ...over,
});

const comp = (status: ComponentStatus) => [{ id: 'c1', name: 'API', status, group: null }];

describe('computeVerdict: table', () => {
  const cases: [string, VerdictInput, string, string | null][] = [
    ['all operational → ok', input(state()), 'ok', null],
    [
      'open incident → acknowledged (minor impact → minor)',
      input(state({ snapshot: snapshot({ incidents: [incident()] }) })),
      'acknowledged',
      'minor',
    ],
    [
      'open incident with impact major → acknowledged major',
      input(state({ snapshot: snapshot({ incidents: [incident({ impact: 'major' })] }) })),
      'acknowledged',
      'major',
    ],
    [
      'page says "none" but an impact-none incident is open → still acknowledged (OpenAI 2026-09-19)',
      input(state({ snapshot: snapshot({ indicator: 'operational', incidents: [incident({ impact: 'none' })] }) })),
      'acknowledged',
      'minor',
    ],
    [
      'degraded component with no incident → acknowledged minor',
      input(state({ snapshot: snapshot({ components: comp('degraded') }) })),
      'acknowledged',
      'minor',
    ],
    [
      'major_outage component with no incident → acknowledged major',
      input(state({ snapshot: snapshot({ components: comp('major_outage') }) })),
      'acknowledged',
      'major',
    ],
    [
      'page indicator partial outage alone → acknowledged major',
      input(state({ snapshot: snapshot({ indicator: 'partial_outage' }) })),
      'acknowledged',
      'major',
    ],
    [
      '"Resolved: Major outage" title with status resolved is not an outage → resolved (within the hour)',
      input(
        state({
          snapshot: snapshot({
            recent: [incident({ title: 'Resolved: Major outage', status: 'resolved', impact: 'critical', resolvedAt: iso(20 * MIN) })],
          }),
        }),
      ),
      'resolved',
      null,
    ],
    [
      'an open incident titled "Resolved…" is judged by its status → acknowledged',
      input(state({ snapshot: snapshot({ incidents: [incident({ title: 'Resolved: Major outage', status: 'monitoring' })] }) })),
      'acknowledged',
      'minor',
    ],
    ['resolved 61 min ago → ok', input(state({ history: [incident({ status: 'resolved', resolvedAt: iso(61 * MIN) })] })), 'ok', null],
    [
      'resolved 20 min ago (history) → resolved',
      input(state({ history: [incident({ status: 'resolved', resolvedAt: iso(20 * MIN) })] })),
      'resolved',
      null,
    ],
    [
      'resolved recently but another incident open → acknowledged',
      input(
        state({
          snapshot: snapshot({ incidents: [incident({ id: 'b' })] }),
          history: [incident({ status: 'resolved', resolvedAt: iso(5 * MIN) })],
        }),
      ),
      'acknowledged',
      'minor',
    ],
    ['maintenance in progress → maintenance', withMaintenances(maintenance('in_progress', 30 * MIN, -90 * MIN)), 'maintenance', null],
    [
      'scheduled maintenance whose window contains now → maintenance',
      withMaintenances(maintenance('scheduled', 5 * MIN, -60 * MIN)),
      'maintenance',
      null,
    ],
    ['upcoming maintenance (in the future) → ok', withMaintenances(maintenance('scheduled', -60 * MIN, -120 * MIN)), 'ok', null],
    [
      'component under maintenance, no incident → maintenance',
      input(state({ snapshot: snapshot({ components: comp('maintenance') }) })),
      'maintenance',
      null,
    ],
    [
      'maintenance plus an incident → acknowledged wins',
      input(
        state({
          snapshot: snapshot({
            incidents: [incident()],
            maintenances: [incident({ id: 'm', kind: 'maintenance', status: 'in_progress', impact: 'maintenance' })],
          }),
        }),
      ),
      'acknowledged',
      'minor',
    ],
    [
      'feed error (HTTP 503) with old good data → unknown, never ok',
      input(state({ problem: { code: 'http', message: 'the status page is having trouble (HTTP 503)', httpStatus: 503 } })),
      'unknown',
      null,
    ],
    [
      'feed error while an incident was open → unknown (not a false acknowledged)',
      input(
        state({
          snapshot: snapshot({ incidents: [incident()] }),
          problem: { code: 'html', message: 'the status page answered with HTML — it may have moved' },
        }),
      ),
      'unknown',
      null,
    ],
    ['data older than the staleness limit → unknown', input(state({ lastSuccessAt: NOW - 16 * MIN })), 'unknown', null],
    ['never checked → unknown', input(undefined), 'unknown', null],
    ['attempted but never succeeded → unknown', input(state({ snapshot: null, lastSuccessAt: null })), 'unknown', null],
    ['no official channel → unknown (not ok)', input(undefined, { hasOfficial: false }), 'unknown', null],
  ];

  it.each(cases)('%s', (_name, inp, verdict, severity) => {
    const r = computeVerdict(inp);
    expect(r.verdict).toBe(verdict);
    expect(r.severity).toBe(severity);
  });
});

describe('computeVerdict: reasons', () => {
  it('says why it is unknown, in the fetch layer words', () => {
    const r = computeVerdict(
      input(state({ problem: { code: 'html', message: 'the status page answered with HTML — it may have moved' } })),
    );
    expect(r.reason).toBe('The status page answered with HTML — it may have moved');
    expect(r.problem?.code).toBe('html');
  });
  it('names staleness with its age', () => {
    const r = computeVerdict(input(state({ lastSuccessAt: NOW - 2 * 60 * MIN })));
    expect(r.reason).toBe('No fresh data for 2 h');
  });
  it('uses the worst stated status as the reason', () => {
    const r = computeVerdict(input(state({ snapshot: snapshot({ indicator: 'degraded', components: comp('partial_outage') }) })));
    expect(r.reason).toBe('Partial outage');
  });
  it('carries the newest open incident for the popup', () => {
    const older = incident({ id: 'old', updatedAt: iso(50 * MIN) });
    const newer = incident({ id: 'new', updatedAt: iso(2 * MIN) });
    const r = computeVerdict(input(state({ snapshot: snapshot({ incidents: [older, newer] }) })));
    expect(r.incident?.id).toBe('new');
  });
});

describe('latestResolution', () => {
  it('ignores maintenances and open incidents, picks the newest resolution', () => {
    const list = [
      incident({ id: 'a', status: 'resolved', resolvedAt: iso(40 * MIN) }),
      incident({ id: 'b', status: 'resolved', resolvedAt: iso(10 * MIN) }),
      incident({ id: 'm', kind: 'maintenance', status: 'resolved', resolvedAt: iso(1 * MIN) }),
      incident({ id: 'o', status: 'monitoring' }),
    ];
    expect(latestResolution(list, NOW)?.id).toBe('b');
  });
  it('treats a resolution time slightly in the future (clock skew) as recent', () => {
    expect(latestResolution([incident({ status: 'resolved', resolvedAt: iso(-2 * MIN) })], NOW)).not.toBeNull();
  });
});

describe('badge and headline', () => {
  it('acknowledged major: "!" in red, title with service, verdict word and freshness', () => {
    const r = computeVerdict(input(state({ snapshot: snapshot({ indicator: 'partial_outage', incidents: [incident()] }) })));
    const spec = badgeSpec('GitHub', r, { updatedAt: NOW - 4 * MIN, checkedAt: NOW - MIN }, NOW);
    expect(spec).toEqual({
      text: '!',
      color: '#C62828',
      title: 'GitHub — acknowledged: Partial outage, updated 4 min ago',
    });
    expect(headline('GitHub', r)).toBe('GitHub has acknowledged a problem');
  });
  it('ok has an empty badge but still a title', () => {
    const r = computeVerdict(input(state()));
    const spec = badgeSpec('GitHub', r, { updatedAt: null, checkedAt: NOW - 2 * MIN }, NOW);
    expect(spec.text).toBe('');
    expect(spec.title).toBe('GitHub — ok: All Systems Operational, checked 2 min ago');
  });
  it.each([
    ['maintenance', 'M'],
    ['resolved', '✓'],
    ['unknown', '…'],
  ] as const)('%s shows %s', (verdict, text) => {
    const r = { verdict, severity: null, reason: 'x', incident: null, problem: null };
    expect(badgeSpec('X', r, { updatedAt: null, checkedAt: null }, NOW).text).toBe(text);
  });
});

describe('computeVerdict: evidence from people and this browser', () => {
  const trouble = { trouble: true, since: NOW - 23 * MIN, summary: 'complaints about 14× the usual' };
  const cases: [string, VerdictInput, string][] = [
    ['green page + complaint spike → unacknowledged', input(state(), { evidence: trouble }), 'unacknowledged'],
    [
      'open incident + complaints → acknowledged wins',
      input(state({ snapshot: snapshot({ incidents: [incident()] }) }), { evidence: trouble }),
      'acknowledged',
    ],
    [
      'maintenance in progress + complaints → maintenance (the provider said so in advance)',
      input(
        state({ snapshot: snapshot({ maintenances: [incident({ kind: 'maintenance', status: 'in_progress', impact: 'maintenance' })] }) }),
        { evidence: trouble },
      ),
      'maintenance',
    ],
    [
      'status feed unreachable + complaints → unacknowledged ("and the status page is down too")',
      input(state({ problem: { code: 'timeout', message: 'the status page did not answer within 10 s' } }), { evidence: trouble }),
      'unacknowledged',
    ],
    ['no official channel + complaints → unacknowledged', input(undefined, { hasOfficial: false, evidence: trouble }), 'unacknowledged'],
    [
      'a new spike within the hour after a resolution → unacknowledged, not resolved',
      input(state({ history: [incident({ status: 'resolved', resolvedAt: iso(20 * MIN) })] }), { evidence: trouble }),
      'unacknowledged',
    ],
    ['evidence without trouble changes nothing', input(state(), { evidence: { ...trouble, trouble: false } }), 'ok'],
  ];
  it.each(cases)('%s', (_n, inp, verdict) => expect(computeVerdict(inp).verdict).toBe(verdict));

  it('says the feed is down too, and keeps since when people have seen trouble', () => {
    const r = computeVerdict(input(state({ problem: { code: 'http', message: 'x', httpStatus: 503 } }), { evidence: trouble }));
    expect(r.reason).toBe('Complaints about 14× the usual; the status page is unreachable too');
    expect(r.silentSince).toBe(NOW - 23 * MIN);
    expect(r.problem?.httpStatus).toBe(503);
  });
  it('names the missing official channel', () => {
    const r = computeVerdict(input(undefined, { hasOfficial: false, evidence: trouble }));
    expect(r.reason).toBe('Complaints about 14× the usual; no official status page');
  });
});
