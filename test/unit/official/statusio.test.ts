/**
 * status.io public status API adapter, on a live GitLab capture (all operational) and on the body
 * reproducing status.io's documentation example (incident + active and upcoming maintenance). See
 * test/fixtures/feeds/PROVENANCE.md. Variants are built inline from deep copies.
 */
import { describe, expect, it } from 'vitest';
import type { OfficialSnapshot, Result } from '../../../core/model';
import { mapStateCode, mapStatusCode, statusioAdapter, statusioIncidentUrl } from '../../../core/official/statusio';
import { freshVerdict, json, expectProblem, problem, raw, value, expectJsonFeedAt } from './helpers';

const PAGE_ID = '5b36dc6502d06804c08349f7';
const FEED = `https://api.status.io/1.0/status/${PAGE_ID}`;
const NOW = Date.parse('2021-12-06T16:55:00Z');
const ctx = { now: NOW, baseUrl: FEED };

const GITLAB = 'statusio-public-status-gitlab-operational.json';
const DOC = 'statusio-public-status-doc-example-incident-maintenance.json';

const parse = (body: unknown, more: { scope?: string[]; baseUrl?: string } = {}): Result<OfficialSnapshot> =>
  statusioAdapter.parse([typeof body === 'string' ? body : JSON.stringify(body)], { ...ctx, ...more });

const verdictOf = (snapshot: OfficialSnapshot, now = NOW) => freshVerdict(snapshot, now).verdict;

describe('status.io endpoints', () => {
  it('reads the feed URL itself, as JSON', () => {
    expectJsonFeedAt(statusioAdapter, 'statusio', FEED);
  });
});

describe('status.io — GitLab 2026-07-01 (live, all operational)', () => {
  const snap = value(parse(raw(GITLAB)));

  it('reads all 23 components as operational, and the page word', () => {
    expect(snap.indicator).toBe('operational');
    expect(snap.description).toBe('Operational');
    expect(snap.components).toHaveLength(23);
    expect(snap.components.slice(0, 3)).toEqual([
      { id: '5b36dc6502d06804c0834a07', name: 'Website', status: 'operational', group: null },
      { id: '5b36e05f02d06804c0834a09', name: 'API', status: 'operational', group: null },
      { id: '5d2f74932676bc45e4927ead', name: 'Git Operations', status: 'operational', group: null },
    ]);
    expect(snap.components.every((c) => c.status === 'operational')).toBe(true);
    expect(snap).toMatchObject({ incidents: [], maintenances: [], recent: [] });
    expect(verdictOf(snap)).toBe('ok');
  });

  it('scope narrows to the named components; the page-wide word no longer speaks for it', () => {
    const s = value(parse(raw(GITLAB), { scope: ['git operations', 'CI/CD'] }));
    expect(s.components.map((c) => c.name)).toEqual(['Git Operations', 'CI/CD']);
    expect(s.indicator).toBe('unknown');
    expect(s.description).toBeNull();
    const p = problem(parse(raw(GITLAB), { scope: ['Gitaly'] }));
    expect(p.message).toContain('no longer lists “Gitaly”');
  });
});

describe('status.io — documentation example (incident, active and upcoming maintenance)', () => {
  const snap = value(parse(raw(DOC)));

  it('reads the page as under planned maintenance, components likewise', () => {
    expect(snap.indicator).toBe('maintenance');
    expect(snap.description).toBe('Planned Maintenance');
    expect(snap.components.map((c) => [c.name, c.status])).toEqual([
      ['Website', 'maintenance'],
      ['Mobile App', 'maintenance'],
    ]);
  });

  it('the open incident: state of the newest message, impact from its status code', () => {
    expect(snap.incidents).toHaveLength(1);
    expect(snap.incidents[0]).toEqual({
      id: '61ae3daa9c768905d9f0f6fd',
      title: 'Authentication Issues',
      kind: 'incident',
      status: 'identified',
      impact: 'minor', // status 300 Degraded Performance
      startedAt: '2021-12-06T16:43:22.431Z',
      createdAt: '2021-12-06T16:43:22.431Z',
      updatedAt: '2021-12-06T16:45:19.810Z',
      resolvedAt: null,
      scheduledFor: null,
      scheduledUntil: null,
      updates: [
        { at: '2021-12-06T16:45:19.810Z', status: 'identified', text: 'The issue has been identified.' },
        { at: '2021-12-06T16:43:22.457Z', status: 'investigating', text: 'Investigating authentication errors.' },
      ],
      components: ['Mobile App'],
      url: null, // api.status.io is not the page's host
    });
    expect(verdictOf(snap)).toBe('acknowledged');
  });

  it('active maintenance is in progress with its window; upcoming is scheduled', () => {
    expect(snap.maintenances.map((m) => [m.title, m.kind, m.status, m.impact, m.scheduledFor, m.scheduledUntil, m.components])).toEqual([
      ['Network Upgrade', 'maintenance', 'in_progress', 'maintenance', '2021-12-06T16:50:00.000Z', '2021-12-06T17:50:00.000Z', ['Website']],
      [
        'Mobile App Upgrade',
        'maintenance',
        'scheduled',
        'maintenance',
        '2021-12-22T15:00:00.000Z',
        '2021-12-22T15:15:00.000Z',
        ['Mobile App'],
      ],
    ]);
    expect(snap.maintenances[0]!.updates.map((u) => [u.at, u.status, u.text])).toEqual([
      ['2021-12-06T16:49:03.798Z', 'unknown', 'Starting maintenance now.'],
      ['2021-12-06T16:48:48.508Z', 'unknown', 'Network upgrades will be performed during this maintenance. No downtime is expected.'],
    ]);
    // Without the incident, the active maintenance decides.
    const body = json(DOC);
    body.result.incidents = [];
    expect(verdictOf(value(parse(body)))).toBe('maintenance');
  });

  it('links incidents on the page host when the feed is served there', () => {
    const own = value(parse(raw(DOC), { baseUrl: `https://status.gitlab.com/1.0/status/${PAGE_ID}` }));
    expect(own.incidents[0]!.url).toBe(`https://status.gitlab.com/pages/incident/${PAGE_ID}/61ae3daa9c768905d9f0f6fd`);
    expect(statusioIncidentUrl(`https://gitlab.hostedstatus.com/1.0/status/${PAGE_ID}`, 'x')).toBeNull();
    expect(statusioIncidentUrl('https://status.example.com/somewhere', 'x')).toBeNull();
  });

  it('a resolved message (state 400) closes the incident, which goes to recent', () => {
    const body = json(DOC);
    body.result.incidents[0].messages.push({ details: 'Resolved.', state: 400, status: 100, datetime: '2021-12-06T16:52:00.000Z' });
    const s = value(parse(body));
    expect(s.incidents).toEqual([]);
    expect(s.recent.map((i) => [i.id, i.status, i.resolvedAt, i.impact])).toEqual([
      ['61ae3daa9c768905d9f0f6fd', 'resolved', '2021-12-06T16:52:00.000Z', 'none'],
    ]);
  });

  it('maps every documented code; 600 Security Event is the worst; unknown codes stay unknown', () => {
    expect([100, 200, 300, 400, 500, 600, '400', 700, 'x', null].map(mapStatusCode)).toEqual([
      'operational',
      'maintenance',
      'degraded',
      'partial_outage',
      'major_outage',
      'major_outage',
      'partial_outage',
      'unknown',
      'unknown',
      'unknown',
    ]);
    expect([100, 200, 300, 400, 500].map(mapStateCode)).toEqual(['investigating', 'identified', 'monitoring', 'resolved', 'unknown']);
  });

  it('scope keeps the components, incidents and maintenances that touch the named components', () => {
    const s = value(parse(raw(DOC), { scope: ['Website'] }));
    expect(s.components.map((c) => c.name)).toEqual(['Website']);
    expect(s.incidents).toEqual([]); // the incident names Mobile App only
    expect(s.maintenances.map((m) => m.title)).toEqual(['Network Upgrade']);
    const body = json(DOC);
    delete body.result.incidents[0].components_affected;
    expect(value(parse(body, { scope: ['Website'] })).incidents).toHaveLength(1); // names none: kept
  });
});

describe('status.io broken bodies', () => {
  it.each([
    ['an HTML page', '<html><head><title>Status.io</title></head></html>', 'parse', /web page/],
    ['an empty body', '', 'parse', /empty/],
    ['null', 'null', 'schema', /expected shape/],
    ['an array', '[{"result":{}}]', 'schema', /expected shape/],
    ['a string', '"ok"', 'schema', /expected shape/],
    ['an error envelope', '{"status":{"error":"yes","code":404,"message":"Page not found"}}', 'schema', /expected shape/],
    ['result null', '{"result":null}', 'schema', /expected shape/],
    ['status not a list', '{"result":{"status":"ok"}}', 'schema', /expected shape/],
    ['incidents not a list', '{"result":{"status":[],"incidents":{}}}', 'schema', /expected shape/],
    ['components all garbage', '{"result":{"status":[1,2,3]}}', 'schema', /expected shape/],
    ['incidents all garbage', '{"result":{"status":[],"incidents":[null,"x"]}}', 'schema', /expected shape/],
    ['maintenance all garbage', '{"result":{"status":[],"maintenance":{"active":[{"_id":{}}]}}}', 'schema', /expected shape/],
  ])('%s → %s failure', (_label, body, code, message) => {
    expectProblem(parse(body), code, message);
  });

  it('a page without status_overall is unknown at page level, never operational', () => {
    const body = json(GITLAB);
    delete body.result.status_overall;
    const s = value(parse(body));
    expect(s.indicator).toBe('unknown');
    expect(s.description).toBeNull();
  });

  it('skips elements with wrong field types and keeps the rest', () => {
    const body = json(DOC);
    body.result.status.push({ id: 5, name: { x: 1 }, status_code: 100 }, 'junk');
    body.result.incidents.push(7, { _id: 'bad-fields', name: ['x'], messages: 'none', datetime_open: 12 });
    const s = value(parse(body));
    expect(s.components).toHaveLength(2);
    expect(s.incidents.map((i) => i.id)).toEqual(['61ae3daa9c768905d9f0f6fd', 'bad-fields']);
    expect(s.incidents[1]).toMatchObject({ title: 'Incident', status: 'unknown', impact: null, createdAt: null, updates: [] });
  });

  it('garbage dates become null; an undatable message is dropped', () => {
    const body = json(DOC);
    const inc = body.result.incidents[0];
    inc.datetime_open = 'Tuesday';
    inc.messages[1].datetime = 'later';
    body.result.maintenance.active[0].datetime_planned_end = '2021-02-30T10:00:00Z';
    const s = value(parse(body));
    expect(s.incidents[0]).toMatchObject({ createdAt: null, startedAt: null, status: 'investigating' });
    expect(s.incidents[0]!.updates).toHaveLength(1);
    expect(s.maintenances[0]!.scheduledUntil).toBeNull();
  });

  it('hostile markup becomes plain text', () => {
    const body = json(DOC);
    const inc = body.result.incidents[0];
    inc.name = '<svg onload="x()">Auth</svg> &amp; <i>login</i>';
    inc.messages[1].details = '<iframe src="javascript:alert(1)"></iframe><b>Identified</b><script>alert(2)</script>';
    const i = value(parse(body)).incidents[0]!;
    expect(i.title).toBe('Auth & login');
    expect(i.updates[0]!.text).toBe('Identified');
    expect([i.title, ...i.updates.map((u) => u.text)].some((t) => t.includes('<'))).toBe(false);
  });

  it('huge nesting fails with a schema problem, without throwing', () => {
    const deep = '['.repeat(2_500_000) + ']'.repeat(2_500_000);
    expect(problem(parse(deep)).code).toBe('schema');
    expect(problem(parse(`{"result":{"status":${deep}}}`)).code).toBe('schema');
  });
});
