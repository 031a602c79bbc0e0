/**
 * Cachet API v1 adapter. No capture from a live Cachet install was found, so the bodies are
 * doc-derived (see test/fixtures/feeds/PROVENANCE.md): the component list and the 2.3-era incident
 * list from the cachet-node README (generated from the Cachet API reference), and a 2.4-era incident
 * list (with embedded `updates`) from a Go Cachet client's test. Variants are built inline.
 */
import { describe, expect, it } from 'vitest';
import type { OfficialSnapshot, Result } from '../../../core/model';
import { cachetAdapter, mapComponentCode, mapIncidentCode } from '../../../core/official/cachet';
import { zonelessAsUtc } from '../../../core/official/dates';
import { freshVerdict, json, expectProblem, problem, raw, value } from './helpers';

const BASE = 'https://status.example.com';
const NOW = Date.parse('2015-08-01T12:30:00Z');
const ctx = { now: NOW, baseUrl: BASE };

const COMPONENTS = 'cachet-v1-components-doc-example.json';
const OPEN = 'cachet-v1-incidents-2.4-doc-example-identified.json';
const FIXED = 'cachet-v1-incidents-2.3-doc-example-fixed.json';

const body = (b: unknown): string => (typeof b === 'string' ? b : JSON.stringify(b));
const parse = (components: unknown, incidents: unknown, more: { scope?: string[]; now?: number } = {}): Result<OfficialSnapshot> =>
  cachetAdapter.parse([body(components), body(incidents)], { ...ctx, ...more });

const verdictOf = (snapshot: OfficialSnapshot, now = NOW) => freshVerdict(snapshot, now).verdict;

describe('cachet endpoints', () => {
  it('reads the component list and the newest incidents under the install base', () => {
    expect(cachetAdapter.kind).toBe('cachet');
    const expected = [
      { url: `${BASE}/api/v1/components?per_page=100`, expect: 'json' },
      { url: `${BASE}/api/v1/incidents?sort=id&order=desc&per_page=20`, expect: 'json' },
    ];
    expect(cachetAdapter.endpoints(BASE)).toEqual(expected);
    expect(cachetAdapter.endpoints(`${BASE}/`)).toEqual(expected);
  });
});

describe('cachet — documented bodies', () => {
  it('components: status codes, no page-level indicator', () => {
    const snap = value(parse(raw(COMPONENTS), raw(FIXED)));
    expect(snap.components).toEqual([{ id: '1', name: 'Example', status: 'operational', group: null }]);
    expect(snap.indicator).toBe('unknown');
    expect(snap.description).toBeNull();
  });

  it('2.4 incident list: an open "Identified" incident with its update and first post', () => {
    const snap = value(parse(raw(COMPONENTS), raw(OPEN)));
    expect(snap.incidents).toEqual([
      {
        id: '1',
        title: 'Incident Name',
        kind: 'incident',
        status: 'identified',
        impact: null, // its component is operational
        startedAt: '2015-08-01T12:00:00.000Z', // occurred_at, zone-less, read as UTC
        createdAt: '2015-08-01T12:00:00.000Z',
        updatedAt: '2015-08-01T12:00:00.000Z',
        resolvedAt: null,
        scheduledFor: null,
        scheduledUntil: null,
        updates: [
          { at: '2015-08-01T12:00:00.000Z', status: 'identified', text: 'Incident Update #1' },
          { at: '2015-08-01T12:00:00.000Z', status: 'unknown', text: 'Incident Message' },
        ],
        components: ['Example'],
        url: 'http://localhost/incidents/1', // the install's own permalink
      },
    ]);
    expect(snap.recent).toEqual([]);
    expect(verdictOf(snap)).toBe('acknowledged');
  });

  it('2.3 incident list: a Fixed incident without component is recent, linked under the base', () => {
    const snap = value(parse(raw(COMPONENTS), raw(FIXED)));
    expect(snap.incidents).toEqual([]);
    expect(snap.recent).toEqual([
      expect.objectContaining({
        id: '1',
        status: 'resolved',
        kind: 'incident',
        impact: null,
        resolvedAt: '2015-08-01T12:00:00.000Z',
        components: [],
        updates: [{ at: '2015-08-01T12:00:00.000Z', status: 'resolved', text: 'Incident Message' }],
        url: 'https://status.example.com/incidents/1',
      }),
    ]);
    expect(verdictOf(snap)).toBe('resolved');
    expect(verdictOf(snap, Date.parse('2015-08-01T14:00:00Z'))).toBe('ok');
  });

  it('maps every documented code', () => {
    expect([0, 1, 2, 3, 4, 5, '3', 'x'].map(mapComponentCode)).toEqual([
      'unknown',
      'operational',
      'degraded',
      'partial_outage',
      'major_outage',
      'unknown',
      'partial_outage',
      'unknown',
    ]);
    expect([0, 1, 2, 3, 4, 5, '4'].map(mapIncidentCode)).toEqual([
      'scheduled',
      'investigating',
      'identified',
      'monitoring',
      'resolved',
      'unknown',
      'resolved',
    ]);
  });

  it('reads zone-less dates as UTC whatever the local zone', () => {
    expect(zonelessAsUtc('2015-08-01 12:00:00')).toBe('2015-08-01T12:00:00.000Z');
    expect(zonelessAsUtc('2015-02-29 12:00:00')).toBeNull();
    expect(zonelessAsUtc('2015-08-01T12:00:00Z')).toBeNull(); // has a zone: not this reader's job
  });
});

describe('cachet variants', () => {
  it('the newest update decides; a component in trouble gives the incident its impact', () => {
    const comps = json(COMPONENTS);
    comps.data[0].status = 3;
    const incs = json(OPEN);
    incs.data[0].updates.unshift({ id: 2, status: 3, message: 'Watching.', created_at: '2015-08-01 12:20:00' });
    const snap = value(parse(comps, incs));
    expect(snap.components[0]!.status).toBe('partial_outage');
    const i = snap.incidents[0]!;
    expect(i.status).toBe('monitoring');
    expect(i.impact).toBe('major');
    expect(i.updates.map((u) => [u.at, u.status])).toEqual([
      ['2015-08-01T12:20:00.000Z', 'monitoring'],
      ['2015-08-01T12:00:00.000Z', 'identified'],
      ['2015-08-01T12:00:00.000Z', 'unknown'],
    ]);
    // A Fixed update closes it.
    incs.data[0].updates.unshift({ id: 3, status: 4, message: 'Fixed.', created_at: '2015-08-01 12:25:00' });
    const closed = value(parse(comps, incs));
    expect(closed.incidents).toEqual([]);
    expect(closed.recent.map((r) => [r.status, r.resolvedAt, r.impact])).toEqual([['resolved', '2015-08-01T12:25:00.000Z', null]]);
  });

  it('is_resolved: true closes; hidden incidents and disabled components are skipped', () => {
    const comps = json(COMPONENTS);
    comps.data.push({ ...comps.data[0], id: 2, name: 'Hidden thing', status: 4, enabled: false });
    const incs = json(OPEN);
    incs.data.push({ ...incs.data[0], id: 2, name: 'Secret', visible: 0 });
    incs.data[0].is_resolved = true;
    const snap = value(parse(comps, incs));
    expect(snap.components.map((c) => c.name)).toEqual(['Example']);
    expect(snap.incidents).toEqual([]);
    expect(snap.recent.map((r) => r.id)).toEqual(['1']);
  });

  it('a scheduled maintenance (status 0) is upcoming before its start and past after it', () => {
    const incs = json(FIXED);
    incs.data[0].status = 0;
    incs.data[0].scheduled_at = '2015-08-01 13:00:00';
    const before = value(parse(raw(COMPONENTS), incs));
    expect(before.maintenances.map((m) => [m.kind, m.status, m.scheduledFor, m.impact])).toEqual([
      ['maintenance', 'scheduled', '2015-08-01T13:00:00.000Z', 'maintenance'],
    ]);
    expect(verdictOf(before)).toBe('ok');
    const after = value(parse(raw(COMPONENTS), incs, { now: Date.parse('2015-08-01T13:30:00Z') }));
    expect(after.maintenances).toEqual([]);
    expect(after.recent.map((m) => [m.kind, m.status])).toEqual([['maintenance', 'completed']]);
  });

  it('scope keeps the named components and the incidents on them (or on none)', () => {
    const comps = json(COMPONENTS);
    comps.data.push({ ...comps.data[0], id: 2, name: 'API', status: 2 });
    const incs = json(OPEN);
    incs.data.push({ ...incs.data[0], id: 2, name: 'API slow', component_id: 2, updates: [] });
    incs.data.push({ ...incs.data[0], id: 3, name: 'General', component_id: 0, updates: [] });
    const snap = value(parse(comps, incs, { scope: ['api'] }));
    expect(snap.components.map((c) => c.name)).toEqual(['API']);
    expect(snap.incidents.map((i) => [i.title, i.components, i.impact])).toEqual([
      ['API slow', ['API'], 'minor'],
      ['General', [], null],
    ]);
    expectProblem(
      parse(comps, incs, { scope: ['Billing'] }),
      'schema',
      'the component list (api/v1/components) no longer lists “Billing” — the provider may have renamed it',
    );
  });
});

describe('cachet broken bodies', () => {
  const C = raw(COMPONENTS);
  const I = raw(OPEN);
  it.each([
    ['components: HTML', '<html><body>Whoops</body></html>', I, 'parse', /component list .*web page/],
    ['components: empty', '', I, 'parse', /component list .*empty/],
    ['components: null', 'null', I, 'schema', /component list .*expected shape/],
    ['components: array', '[]', I, 'schema', /component list .*expected shape/],
    ['components: data not a list', '{"data":{"id":1}}', I, 'schema', /component list .*expected shape/],
    ['components: all garbage', '{"data":[1,"x",null]}', I, 'schema', /component list .*expected shape/],
    [
      'components: a Cachet 3 (JSON:API) body',
      '{"data":[{"id":"1","type":"components","attributes":{"name":"API","status":1}}]}',
      I,
      'schema',
      /component list .*expected shape/,
    ],
    ['incidents: HTML', C, '<!doctype html><title>Login</title>', 'parse', /incident list .*web page/],
    ['incidents: empty', C, '   ', 'parse', /incident list .*empty/],
    ['incidents: number', C, '7', 'schema', /incident list .*expected shape/],
    ['incidents: no data', C, '{"meta":{}}', 'schema', /incident list .*expected shape/],
    ['incidents: all garbage', C, '{"data":[[],"x"]}', 'schema', /incident list .*expected shape/],
  ])('%s → %s failure', (_label, c, i, code, message) => {
    expectProblem(parse(c, i), code, message);
  });

  it('fails without throwing when a body is missing', () => {
    expect(problem(cachetAdapter.parse([C], ctx)).code).toBe('internal');
    expect(problem(cachetAdapter.parse([C, undefined as unknown as string], ctx)).code).toBe('parse');
  });

  it('an empty install (no components, no incidents) states nothing: unknown with that reason, never ok', () => {
    expect(problem(parse('{"data":[]}', '{"data":[]}'))).toMatchObject({
      code: 'schema',
      message: expect.stringContaining('states no status'),
    });
  });

  it('skips elements with wrong field types; an unreadable status stays open (never "over")', () => {
    const incs = json(OPEN);
    incs.data.push('junk', { id: [1] }, { id: 9, name: 5, status: 'x', message: 12, created_at: 'soon', updates: 'no' });
    const snap = value(parse(C, incs));
    expect(snap.incidents.map((i) => i.id)).toEqual(['1', '9']);
    expect(snap.incidents[1]).toMatchObject({ title: 'Incident 9', status: 'unknown', createdAt: null, updates: [] });
  });

  it('garbage dates become null; an undatable update is dropped', () => {
    const incs = json(OPEN);
    incs.data[0].occurred_at = '2015-13-01 12:00:00';
    incs.data[0].created_at = 'yesterday';
    incs.data[0].updates[0].created_at = '32/01/2015';
    const i = value(parse(C, incs)).incidents[0]!;
    expect(i).toMatchObject({ startedAt: null, createdAt: null, updatedAt: null, updates: [] });
    expect(i.status).toBe('identified'); // from latest_status
  });

  it('HTML and Markdown messages are shown as text; a javascript: permalink is dropped', () => {
    const incs = json(OPEN);
    incs.data[0].name = '<script>alert(1)</script>API <em>slow</em>';
    incs.data[0].message = '**Investigating** <img src=x onerror=alert(1)>the <a href="javascript:alert(1)">API</a>';
    incs.data[0].updates[0].message = '<p>Fix deployed</p><iframe src="https://evil"></iframe>';
    incs.data[0].permalink = 'javascript:alert(1)';
    const i = value(parse(C, incs)).incidents[0]!;
    expect(i.title).toBe('API slow');
    expect(i.updates.map((u) => u.text)).toEqual(['Fix deployed', '**Investigating** the API']);
    expect([i.title, ...i.updates.map((u) => u.text)].some((t) => t.includes('<'))).toBe(false);
    expect(i.url).toBe('https://status.example.com/incidents/1');
  });

  it('huge nesting fails with a schema problem, without throwing', () => {
    const deep = '['.repeat(2_500_000) + ']'.repeat(2_500_000);
    expect(problem(parse(deep, I)).code).toBe('schema');
    expect(problem(parse(C, `{"data":${deep}}`)).code).toBe('schema');
  });
});

describe('cachet update order', () => {
  it('a first post dated after an update (occurred_at set by hand) is placed by its time, so the list stays newest first', () => {
    const incidents = {
      data: [
        {
          id: 1,
          name: 'x',
          status: 2,
          message: 'first post',
          occurred_at: '2015-08-01 12:10:00',
          updates: [
            { status: 2, message: 'newer update', created_at: '2015-08-01 12:20:00' },
            { status: 2, message: 'older update', created_at: '2015-08-01 12:00:00' },
          ],
        },
      ],
    };
    const snap = value(parse({ data: [] }, incidents));
    const texts = [...snap.incidents, ...snap.recent].flatMap((i) => i.updates.map((u) => u.text));
    expect(texts).toEqual(['newer update', 'first post', 'older update']);
  });
});
