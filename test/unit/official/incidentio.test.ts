/**
 * incident.io adapter (Statuspage-compatible shim), on real OpenAI payloads of 2026-09-19.
 *
 * No real compat `summary.json` sample exists, so the summary body is ASSEMBLED here from the two
 * real bodies captured at the same time: `{ page, status }` from status.json plus `{ components }`
 * from components.json, with no `incidents` / `scheduled_maintenances` keys — the shape two
 * independent projects report for incident.io's summary.json (see the header of core/official/incidentio.ts). The incident list
 * is the real (trimmed) incidents.json, unchanged.
 */
import { describe, expect, it } from 'vitest';
import type { OfficialSnapshot, Result } from '../../../core/model';
import { incidentioAdapter } from '../../../core/official/incidentio';
import { raw, json, value, expectProblem, problem } from './helpers';

const BASE = 'https://status.openai.com';
const ctx = { now: Date.parse('2026-09-19T01:15:00Z'), baseUrl: BASE };

const STATUS = 'incidentio-statuspage-compat-status-openai-operational.json';
const COMPONENTS = 'incidentio-statuspage-compat-components-openai-trimmed.json';
const INCIDENTS = 'incidentio-statuspage-compat-incidents-openai-active-identified-trimmed.json';

/** summary.json assembled from the real status.json + components.json (see the header). */
function assembledSummary(): any {
  const status = json(STATUS);
  return { page: status.page, status: status.status, components: json(COMPONENTS).components };
}

const parse = (summary: unknown, incidents: unknown): Result<OfficialSnapshot> =>
  incidentioAdapter.parse(
    [
      typeof summary === 'string' ? summary : JSON.stringify(summary),
      typeof incidents === 'string' ? incidents : JSON.stringify(incidents),
    ],
    ctx,
  );

describe('incident.io endpoints', () => {
  it('reads summary.json and incidents.json on every poll, and has no separate history', () => {
    expect(incidentioAdapter.kind).toBe('incidentio');
    const expected = [
      { url: `${BASE}/api/v2/summary.json`, expect: 'json' },
      { url: `${BASE}/api/v2/incidents.json`, expect: 'json' },
    ];
    expect(incidentioAdapter.endpoints(BASE)).toEqual(expected);
    expect(incidentioAdapter.endpoints(`${BASE}/`)).toEqual(expected);
    expect(incidentioAdapter.history).toBeUndefined();
  });
});

describe('incident.io — OpenAI 2026-09-19 (real bodies)', () => {
  const snap = value(parse(assembledSummary(), raw(INCIDENTS)));

  it('says "All Systems Operational" while an incident is open: the data carries both', () => {
    expect(snap.indicator).toBe('operational');
    expect(snap.description).toBe('All Systems Operational');
    expect(snap.incidents).toHaveLength(1);
    expect(snap.incidents[0]!.status).toBe('identified');
  });

  it('keeps components without page envelope or groups; duplicate names stay separate by id', () => {
    expect(snap.components.map((c) => c.name)).toEqual([
      'Ads Manager',
      'Login',
      'Login',
      'Conversations',
      'Chat Completions',
      'Fine-tuning',
    ]);
    expect(snap.components.filter((c) => c.name === 'Login').map((c) => c.id)).toEqual([
      '01JSM5RTJWHRWDTS6Q604VEW3B',
      '01JMXBNJXG1S2D9V65P1ZZTD94',
    ]);
    expect(snap.components.every((c) => c.group === null && c.status === 'operational')).toBe(true);
  });

  it('normalises the open incident (no started_at, no resolved_at, no shortlink)', () => {
    const i = snap.incidents[0]!;
    expect(i).toEqual({
      id: '01M2VA7X37P1ASADSNZ1CG4N4D',
      title: 'Overbilling for OpenAI-hosted containers in the Agent API',
      kind: 'incident',
      status: 'identified',
      impact: 'none',
      startedAt: '2026-09-18T22:29:53.000Z', // = created_at
      createdAt: '2026-09-18T22:29:53.000Z',
      updatedAt: '2026-09-19T01:08:42.000Z',
      resolvedAt: null,
      scheduledFor: null,
      scheduledUntil: null,
      updates: [
        { at: '2026-09-19T01:08:42.000Z', status: 'identified', text: 'We are still implementing the mitigation.' },
        {
          at: '2026-09-18T23:22:34.000Z',
          status: 'investigating',
          text: 'We’re continuing to work on a fix for the container overbilling issue.\n\nWe’re also reviewing affected usage to identify impacted customers and calculate refunds.',
        },
        {
          at: '2026-09-18T22:29:53.000Z',
          status: 'investigating',
          text: expect.stringMatching(/^We’re investigating an issue causing higher-than-expected charges/) as unknown as string,
        },
      ],
      components: [],
      url: 'https://status.openai.com/', // page root: compat ids may not match incident URLs
    });
  });

  it('puts resolved incidents in recent, with their resolution time', () => {
    expect(snap.recent.map((i) => [i.id, i.title, i.status, i.resolvedAt])).toEqual([
      ['01M2V76GEPJB0HQGRA0QERRZ3T', 'Delayed support responses', 'resolved', '2026-09-19T01:10:40.000Z'],
      ['01M2VBZB1RYSMXHZNRA25ZJ36X', 'SSO sign-in and SCIM provisioning issues', 'resolved', '2026-09-18T23:18:55.000Z'],
    ]);
    expect(snap.maintenances).toEqual([]);
  });

  it('orders updates by display_at (back-dated updates), newest first', () => {
    const sso = snap.recent[1]!;
    expect(sso.updates.map((u) => [u.at, u.status])).toEqual([
      ['2026-09-18T23:18:55.000Z', 'resolved'],
      ['2026-09-18T23:06:00.000Z', 'monitoring'], // created 23:10:37, displayed 23:06
      ['2026-09-18T22:40:00.000Z', 'identified'], // created 23:00:09, displayed 22:40
    ]);
    expect(sso.updatedAt).toBe('2026-09-18T23:18:55.000Z');
    expect(sso.createdAt).toBe('2026-09-18T23:00:09.000Z');
  });
});

describe('incident.io variants derived from the real bodies', () => {
  it('a re-opened incident (resolved → identified, old resolved_at kept) is open, with no resolvedAt', () => {
    const list = json(INCIDENTS);
    const sso = list.incidents[2];
    sso.status = 'identified';
    sso.updated_at = '2026-09-19T00:05:00Z';
    sso.incident_updates.unshift({
      id: 'reopen',
      body: 'We are seeing the issue again.',
      created_at: '2026-09-19T00:05:00Z',
      display_at: '2026-09-19T00:05:00Z',
      incident_id: sso.id,
      status: 'identified',
      updated_at: '2026-09-19T00:05:00Z',
    });
    const snap = value(parse(assembledSummary(), list));
    const reopened = snap.incidents.find((i) => i.id === '01M2VBZB1RYSMXHZNRA25ZJ36X')!;
    expect(reopened.status).toBe('identified');
    expect(reopened.resolvedAt).toBeNull();
    expect(reopened.updates.map((u) => u.status)).toEqual(['identified', 'resolved', 'monitoring', 'identified']);
    expect(snap.recent.map((i) => i.id)).toEqual(['01M2V76GEPJB0HQGRA0QERRZ3T']);
  });

  it('uses a shortlink when one exists; a javascript: shortlink falls back to the page root', () => {
    const list = json(INCIDENTS);
    list.incidents[1].shortlink = 'https://status.openai.com/incidents/01KAAAAAAAAAAAAAAAAAAAAAAA';
    list.incidents[0].shortlink = 'javascript:window.x=1';
    const snap = value(parse(assembledSummary(), list));
    expect(snap.incidents[0]!.url).toBe('https://status.openai.com/incidents/01KAAAAAAAAAAAAAAAAAAAAAAA');
    expect(snap.recent[0]!.url).toBe('https://status.openai.com/');
  });

  it('hostile update bodies become plain text', () => {
    const list = json(INCIDENTS);
    list.incidents[1].incident_updates[0].body = '<img src=x onerror="window.x=1">Investigating <script>window.y=2</script>';
    const u = value(parse(assembledSummary(), list)).incidents[0]!.updates[0]!;
    expect(u.text).toBe('Investigating');
    expect(u.text).not.toContain('<');
  });

  it('an empty body (reported on some incident.io incidents) keeps the update with empty text', () => {
    const list = json(INCIDENTS);
    list.incidents[1].incident_updates[0].body = '';
    const u = value(parse(assembledSummary(), list)).incidents[0]!.updates[0]!;
    expect(u).toEqual({ at: '2026-09-19T01:08:42.000Z', status: 'identified', text: '' });
  });

  it('adds open incidents a summary.json lists but incidents.json does not, without duplicates', () => {
    const list = json(INCIDENTS);
    const summary = assembledSummary();
    const extra = { ...list.incidents[1], id: '01EXTRAEXTRAEXTRAEXTRAEXTR', name: 'Only in summary' };
    summary.incidents = [list.incidents[1], extra];
    const snap = value(parse(summary, list));
    expect(snap.incidents.map((i) => i.title)).toEqual(['Overbilling for OpenAI-hosted containers in the Agent API', 'Only in summary']);
  });

  it('routes an open maintenance to maintenances (from incidents.json or summary.json)', () => {
    const list = json(INCIDENTS);
    list.incidents.push({
      ...list.incidents[0],
      id: '01MAINTMAINTMAINTMAINTMAINT',
      name: 'Database upgrade',
      status: 'in_progress',
      impact: 'maintenance',
      resolved_at: undefined,
    });
    const summary = assembledSummary();
    summary.scheduled_maintenances = [
      { ...list.incidents[0], id: '01SCHEDSCHEDSCHEDSCHEDSCHED', name: 'Later', status: 'scheduled', impact: 'maintenance' },
    ];
    const snap = value(parse(summary, list));
    expect(snap.maintenances.map((m) => [m.title, m.kind, m.status])).toEqual([
      ['Later', 'maintenance', 'scheduled'],
      ['Database upgrade', 'maintenance', 'in_progress'],
    ]);
    expect(snap.incidents.map((i) => i.title)).toEqual(['Overbilling for OpenAI-hosted containers in the Agent API']);
  });

  it('an incident with garbage dates keeps null dates and never throws', () => {
    const list = json(INCIDENTS);
    list.incidents[1].created_at = 'garbage';
    list.incidents[1].incident_updates[2].display_at = 'also garbage';
    list.incidents[1].incident_updates[2].created_at = 12;
    const i = value(parse(assembledSummary(), list)).incidents[0]!;
    expect(i.createdAt).toBeNull();
    expect(i.startedAt).toBeNull();
    // The first update has no readable time (a number is not a date string here): it cannot be
    // placed on the timeline, so it is dropped rather than given an invented time.
    expect(i.updates.map((u) => u.at)).toEqual(['2026-09-19T01:08:42.000Z', '2026-09-18T23:22:34.000Z']);
    expect(i.updatedAt).toBe('2026-09-19T01:08:42.000Z');
  });
});

describe('incident.io broken bodies', () => {
  const summary = assembledSummary();
  const incidents = raw(INCIDENTS);

  it.each([
    ['HTML 404 for summary', '<!DOCTYPE html><html><title>Not found</title></html>', incidents, 'parse', /summary\.json/],
    ['empty summary', '', incidents, 'parse', /summary\.json/],
    ['null summary', 'null', incidents, 'schema', /summary\.json/],
    ['array summary', '[]', incidents, 'schema', /summary\.json/],
    ['summary without components', JSON.stringify({ page: summary.page, status: summary.status }), incidents, 'schema', /summary\.json/],
    ['components not an array', JSON.stringify({ ...summary, components: 'none' }), incidents, 'schema', /summary\.json/],
    ['HTML incident list', JSON.stringify(summary), '<html><body>404</body></html>', 'parse', /incidents\.json/],
    ['empty incident list', JSON.stringify(summary), '', 'parse', /incidents\.json/],
    ['incident list null', JSON.stringify(summary), 'null', 'schema', /incidents\.json/],
    ['incident list without incidents', JSON.stringify(summary), '{"page":{}}', 'schema', /incidents\.json/],
    ['incident list of garbage', JSON.stringify(summary), '{"incidents":[1,2,3]}', 'schema', /incidents\.json/],
  ])('%s → %s failure', (_label, s, i, code, where) => {
    expectProblem(incidentioAdapter.parse([s, i], ctx), code, where);
  });

  it('components.json alone (no page, no status) reads as indicator unknown, never operational', () => {
    const snap = value(parse(raw(COMPONENTS), incidents));
    expect(snap.indicator).toBe('unknown');
    expect(snap.description).toBeNull();
    expect(snap.incidents).toHaveLength(1);
  });

  it('fails, without throwing, when a body is missing', () => {
    expect(problem(incidentioAdapter.parse([JSON.stringify(summary)], ctx)).code).toBe('internal');
    expect(problem(incidentioAdapter.parse([], ctx)).code).toBe('internal');
    expect(problem(incidentioAdapter.parse([JSON.stringify(summary), undefined as unknown as string], ctx)).code).toBe('parse');
  });

  it('5 MB of nested garbage in either body fails with a schema problem', () => {
    const nested = '['.repeat(2_500_000) + ']'.repeat(2_500_000);
    expect(problem(parse(nested, incidents)).code).toBe('schema');
    expect(problem(parse(summary, nested)).code).toBe('schema');
    expect(problem(parse(summary, `{"incidents":${nested}}`)).code).toBe('schema');
  });
});
