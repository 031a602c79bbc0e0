/**
 * Statuspage adapter: real payloads (test/fixtures/feeds, see PROVENANCE.md there) plus broken
 * variants written inline. Derived variants always start from a deep copy of a real payload and
 * change only what the test names.
 */
import { describe, expect, it } from 'vitest';
import type { OfficialIncident, OfficialSnapshot, Result } from '../../../core/model';
import {
  mapComponentStatus,
  mapImpact,
  mapIndicator,
  normaliseComponents,
  normaliseIncident,
  normaliseIncidents,
  readSummary,
  statuspageAdapter,
} from '../../../core/official/statuspage';
import { mapIncidentStatus } from '../../../core/official/kit';
import { raw, json, value, expectProblem, problem } from './helpers';

const BASE = 'https://www.githubstatus.com';
const ctx = { now: Date.parse('2020-04-02T20:40:00Z'), baseUrl: BASE };

const ACTIVE = 'statuspage-summary-github-active-incident-major-outage-20200402.json';
const ALL_OK = 'statuspage-summary-github-all-operational-20191230.json';
const GROUPS = 'statuspage-components-codametrix-with-groups.json';
const HISTORY = 'statuspage-incidents-github-resolved-with-component-transitions.json';
const MAINT = 'statuspage-scheduled-maintenances-codametrix-completed-trimmed.json';
const DISCORD = 'statuspage-status-discord-operational.json';

const parse = (body: string): Result<OfficialSnapshot> => statuspageAdapter.parse([body], ctx);
const history = (body: string): Result<OfficialIncident[]> => statuspageAdapter.history!.parse(body, ctx);

describe('statuspage endpoints', () => {
  it('reads summary.json each poll and incidents.json as history; tolerates a trailing slash', () => {
    expect(statuspageAdapter.kind).toBe('statuspage');
    expect(statuspageAdapter.endpoints(BASE)).toEqual([{ url: `${BASE}/api/v2/summary.json`, expect: 'json' }]);
    expect(statuspageAdapter.endpoints(`${BASE}/`)).toEqual([{ url: `${BASE}/api/v2/summary.json`, expect: 'json' }]);
    expect(statuspageAdapter.history!.endpoint(`${BASE}/`)).toEqual({ url: `${BASE}/api/v2/incidents.json`, expect: 'json' });
  });
});

describe('statuspage summary — GitHub 2020-04-02 outage (real)', () => {
  const snap = value(parse(raw(ACTIVE)));

  it('carries the page indicator and the provider’s words', () => {
    expect(snap.indicator).toBe('partial_outage'); // "major" → partial_outage
    expect(snap.description).toBe('Partial System Outage');
  });

  it('keeps 8 real components (placeholder "Visit … for more information" dropped) with mapped statuses', () => {
    expect(snap.components).toHaveLength(8);
    expect(snap.components.map((c) => c.name)).not.toContain('Visit www.githubstatus.com for more information');
    const byName = Object.fromEntries(snap.components.map((c) => [c.name, c.status]));
    expect(byName).toEqual({
      'Git Operations': 'major_outage',
      'API Requests': 'major_outage',
      Webhooks: 'major_outage',
      'Issues, PRs, Projects': 'major_outage',
      'GitHub Actions': 'partial_outage',
      'GitHub Packages': 'major_outage',
      'GitHub Pages': 'operational',
      Other: 'operational',
    });
    expect(snap.components.every((c) => c.group === null)).toBe(true);
    expect(snap.components[0]).toEqual({ id: '8l4ygp009s5s', name: 'Git Operations', status: 'major_outage', group: null });
  });

  it('normalises the open incident', () => {
    expect(snap.incidents).toHaveLength(1);
    const i = snap.incidents[0]!;
    expect(i).toMatchObject({
      id: '80d0cs6kpsps',
      title: 'Incident on 2020-04-02 20:20 UTC',
      kind: 'incident',
      status: 'investigating',
      impact: 'major',
      startedAt: '2020-04-02T20:20:54.005Z',
      createdAt: '2020-04-02T20:20:54.013Z',
      updatedAt: '2020-04-02T20:26:36.354Z',
      resolvedAt: null,
      scheduledFor: null,
      scheduledUntil: null,
      url: 'http://stspg.io/n0wskg2n6bvy',
    });
    expect(i.updates).toEqual([
      { at: '2020-04-02T20:26:36.354Z', status: 'investigating', text: 'We are investigating reports of service unavailability.' },
      { at: '2020-04-02T20:20:54.071Z', status: 'investigating', text: 'We are investigating reports of degraded performance.' },
    ]);
    // Its only listed component is the placeholder row: no real component is named.
    expect(i.components).toEqual([]);
    expect(snap.maintenances).toEqual([]);
    expect(snap.recent).toEqual([]);
  });
});

describe('statuspage summary — GitHub all operational 2019-12-30 (real)', () => {
  it('reads as operational with no incidents', () => {
    const snap = value(parse(raw(ALL_OK)));
    expect(snap.indicator).toBe('operational');
    expect(snap.description).toBe('All Systems Operational');
    expect(snap.incidents).toEqual([]);
    expect(snap.maintenances).toEqual([]);
    expect(snap.components.length).toBe(json(ALL_OK).components.length - 1); // minus the placeholder
    expect(snap.components.every((c) => c.status === 'operational')).toBe(true);
  });

  it('keeps both signals when the indicator says none but an incident is open (verdict decides)', () => {
    const body = json(ALL_OK);
    const open = json(ACTIVE).incidents[0];
    open.impact = 'none';
    body.incidents = [open];
    const snap = value(parse(JSON.stringify(body)));
    expect(snap.indicator).toBe('operational');
    expect(snap.incidents.map((i) => [i.id, i.status, i.impact])).toEqual([['80d0cs6kpsps', 'investigating', 'none']]);
  });

  it('leaves resolved/postmortem incidents out of the open list', () => {
    const body = json(ALL_OK);
    const a = json(ACTIVE).incidents[0];
    body.incidents = [
      { ...a, id: 'a1', status: 'resolved' },
      { ...a, id: 'a2', status: 'postmortem' },
      { ...a, id: 'a3', status: 'monitoring' },
      { ...a, id: 'a4', status: 'some_new_word' },
    ];
    const snap = value(parse(JSON.stringify(body)));
    // An unknown status is never silently treated as over.
    expect(snap.incidents.map((i) => [i.id, i.status])).toEqual([
      ['a3', 'monitoring'],
      ['a4', 'unknown'],
    ]);
  });
});

describe('statuspage components with groups — CodaMetrix (real)', () => {
  const rows = json(GROUPS).components as unknown[];

  it('drops group rows and names each leaf’s group', () => {
    const comps = value(normaliseComponents(rows));
    expect(comps).toEqual([
      { id: 'pg7c1ssg6zpr', name: 'CMX Automate', status: 'operational', group: 'CMX-Automate' },
      { id: 'h58vrf2tn36g', name: 'CMX-Amplify', status: 'operational', group: 'CMX-Amplify' },
      { id: 'c7ddhzc8g0yn', name: 'Analytics Dashboards', status: 'operational', group: 'CMX-Automate' },
    ]);
  });

  it('finds the group through the group row’s member list when group_id is missing', () => {
    // Derived: group_id removed from every leaf.
    const noIds = rows.map((r) => ({ ...(r as object), group_id: undefined }));
    expect(value(normaliseComponents(noIds)).map((c) => c.group)).toEqual(['CMX-Automate', 'CMX-Amplify', 'CMX-Automate']);
  });

  it('works inside a summary-shaped body (components.json wrapped with a status)', () => {
    const body = { ...json(GROUPS), status: { indicator: 'none', description: 'All Systems Operational' } };
    const snap = value(parse(JSON.stringify(body)));
    expect(snap.components.map((c) => `${c.group} / ${c.name}`)).toEqual([
      'CMX-Automate / CMX Automate',
      'CMX-Amplify / CMX-Amplify',
      'CMX-Automate / Analytics Dashboards',
    ]);
    // No incidents / scheduled_maintenances keys: nothing open, not a failure.
    expect(snap.incidents).toEqual([]);
  });

  it('maps every component status, unknown words to unknown', () => {
    const variant = rows.slice(0, 3).map((r, n) => ({
      ...(r as object),
      status: ['degraded_performance', 'under_maintenance', 'on_fire'][n],
    }));
    expect(value(normaliseComponents(variant)).map((c) => c.status)).toEqual(['degraded', 'maintenance', 'unknown']);
  });
});

describe('statuspage history — GitHub incidents.json (real)', () => {
  const list = value(history(raw(HISTORY)));

  it('reads both resolved incidents with their resolution', () => {
    expect(list.map((i) => [i.id, i.title, i.status, i.impact])).toEqual([
      ['69sb0f8lydp4', 'Incident with Pages and Actions', 'resolved', 'major'],
      ['r3x7x31k7nn1', 'Disruption with Git SSH', 'resolved', 'minor'],
    ]);
    expect(list[0]).toMatchObject({
      kind: 'incident',
      startedAt: '2024-09-16T21:31:02.713Z',
      createdAt: '2024-09-16T21:31:02.719Z',
      updatedAt: '2024-09-16T22:08:39.333Z',
      resolvedAt: '2024-09-16T22:08:39.333Z',
      url: 'https://stspg.io/mc6sr407p78b',
      components: ['Actions', 'Pages'],
    });
  });

  it('orders the 6 updates newest first', () => {
    const u = list[0]!.updates;
    expect(u).toHaveLength(6);
    expect(u[0]).toEqual({ at: '2024-09-16T22:08:39.333Z', status: 'resolved', text: 'This incident has been resolved.' });
    expect(u[5]).toEqual({
      at: '2024-09-16T21:31:02.798Z',
      status: 'investigating',
      text: 'We are investigating reports of degraded performance for Actions and Pages',
    });
    const times = u.map((x) => Date.parse(x.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('sorts by display time even when the feed lists updates oldest first', () => {
    const body = json(HISTORY);
    body.incidents[0].incident_updates.reverse();
    const u = value(history(JSON.stringify(body)))[0]!.updates;
    expect(u.map((x) => x.at)).toEqual(list[0]!.updates.map((x) => x.at));
  });

  it('turns <br /> into line breaks', () => {
    const ssh = list[1]!;
    expect(ssh.updates.map((x) => x.text)).toContain(
      'We are seeing up to 2% of Git SSH connections failing.\n\nWe have taken suspected problematic hosts out of rotation and are monitoring for recovery and continuing to investigate.',
    );
    expect(ssh.updates.every((x) => !x.text.includes('<'))).toBe(true);
    // components: [] and affected_components: null → no components, none invented.
    expect(ssh.components).toEqual([]);
  });

  it('falls back to the union of affected_components names when components is absent', () => {
    const body = json(HISTORY);
    delete body.incidents[0].components;
    expect(value(history(JSON.stringify(body)))[0]!.components).toEqual(['Pages', 'Actions']);
  });

  it('links to <base>/incidents/<id> when there is no shortlink, and never to javascript:', () => {
    const body = json(HISTORY);
    delete body.incidents[0].shortlink;
    body.incidents[1].shortlink = 'javascript:alert(1)';
    const [a, b] = value(history(JSON.stringify(body)));
    expect(a!.url).toBe('https://www.githubstatus.com/incidents/69sb0f8lydp4');
    expect(b!.url).toBe('https://www.githubstatus.com/incidents/r3x7x31k7nn1');
    const slash = value(statuspageAdapter.history!.parse(JSON.stringify(body), { ...ctx, baseUrl: `${BASE}/` }));
    expect(slash[0]!.url).toBe('https://www.githubstatus.com/incidents/69sb0f8lydp4');
  });

  it('fails on a body without an incidents list', () => {
    expect(problem(history('{"page":{"id":"kctbh9vrtdwd"}}')).code).toBe('schema');
    expect(problem(history('<html></html>')).code).toBe('parse');
  });
});

describe('statuspage scheduled maintenances — CodaMetrix (real)', () => {
  const rows = json(MAINT).scheduled_maintenances as unknown[];
  const opts = { baseUrl: 'https://status.codametrix.com', fromMaintenances: true };

  it('normalises a maintenance window, converting -04:00 offsets to UTC', () => {
    const m = value(normaliseIncidents(rows, opts));
    expect(m).toHaveLength(2);
    expect(m[0]).toMatchObject({
      id: '17cb5x66pljj',
      title: 'Routine Maintenance - Minor delays possible',
      kind: 'maintenance',
      status: 'completed',
      impact: 'maintenance',
      startedAt: '2026-07-17T19:34:01.522Z',
      createdAt: '2026-07-17T19:34:01.534Z',
      updatedAt: '2026-07-18T20:00:07.719Z',
      resolvedAt: '2026-07-18T20:00:07.719Z',
      scheduledFor: '2026-07-17T20:00:00.000Z',
      scheduledUntil: '2026-07-18T20:00:00.000Z',
      components: ['CMX Automate'],
      url: 'https://stspg.io/tvpxv0j80408',
    });
    expect(m[0]!.updates.map((u) => u.status)).toEqual(['completed', 'verifying', 'in_progress', 'scheduled']);
    expect(m[0]!.updates[3]!.text).toContain('during this time.\n\nPlease contact support@codametrix.com');
    expect(m[1]!.components).toEqual(['CMX Automate', 'CMX-Amplify']);
  });

  it('is a maintenance even when it comes from incidents.json (impact maintenance / scheduled_for)', () => {
    const fromIncidents = normaliseIncident(rows[0], { baseUrl: opts.baseUrl });
    expect(fromIncidents?.kind).toBe('maintenance');
    const noImpact = normaliseIncident({ ...(rows[0] as object), impact: 'none' }, { baseUrl: opts.baseUrl });
    expect(noImpact?.kind).toBe('maintenance'); // still has scheduled_for
  });

  it('lists only scheduled / in progress / verifying maintenances in the snapshot', () => {
    const body = json(ALL_OK);
    const [a, b] = rows as Record<string, unknown>[];
    body.scheduled_maintenances = [a, { ...b, status: 'in_progress' }];
    const snap = value(parse(JSON.stringify(body)));
    expect(snap.maintenances.map((m) => [m.id, m.status, m.kind])).toEqual([['g7ndjyqvbt1f', 'in_progress', 'maintenance']]);
    expect(snap.incidents).toEqual([]);
  });
});

describe('statuspage time offsets — Discord status.json (real)', () => {
  const discord = json(DISCORD);

  it('status.json alone is not a summary (no components): a shape failure, not "operational"', () => {
    expectProblem(parse(raw(DISCORD)), 'schema', /no longer has the expected shape/);
  });

  it('reads the status once wrapped as a summary, and turns -07:00 times into UTC', () => {
    const body = {
      ...discord,
      components: [],
      // Derived: an incident stamped with Discord's real page.updated_at (a -07:00 time).
      incidents: [{ id: 'x', name: 'Test', status: 'identified', created_at: discord.page.updated_at, incident_updates: [] }],
    };
    const snap = value(statuspageAdapter.parse([JSON.stringify(body)], { ...ctx, baseUrl: 'https://discordstatus.com' }));
    expect(snap.indicator).toBe('operational');
    expect(snap.description).toBe('All Systems Operational');
    expect(discord.page.updated_at).toBe('2026-09-18T20:38:57.035-07:00');
    expect(snap.incidents[0]).toMatchObject({
      createdAt: '2026-09-19T03:38:57.035Z',
      startedAt: '2026-09-19T03:38:57.035Z',
      updatedAt: null,
      updates: [],
      url: 'https://discordstatus.com/incidents/x',
    });
  });
});

describe('statuspage mappings', () => {
  it('maps indicators, statuses and impacts; unknown words are unknown/null', () => {
    expect(['none', 'minor', 'major', 'critical', 'maintenance', 'weird', 7].map(mapIndicator)).toEqual([
      'operational',
      'degraded',
      'partial_outage',
      'major_outage',
      'maintenance',
      'unknown',
      'unknown',
    ]);
    expect(mapComponentStatus('major_outage')).toBe('major_outage');
    expect(mapComponentStatus('toString')).toBe('unknown');
    expect(mapIncidentStatus('postmortem')).toBe('resolved');
    expect(mapIncidentStatus('verifying')).toBe('verifying');
    expect(mapIncidentStatus('__proto__')).toBe('unknown');
    expect(['none', 'minor', 'major', 'critical', 'maintenance', 'huge', null].map(mapImpact)).toEqual([
      'none',
      'minor',
      'major',
      'critical',
      'maintenance',
      null,
      null,
    ]);
  });
});

describe('statuspage broken bodies', () => {
  it.each([
    ['HTML', '<!DOCTYPE html><html><body>Page not found</body></html>', 'parse'],
    ['empty', '', 'parse'],
    ['whitespace', '  \n ', 'parse'],
    ['truncated JSON', raw(ACTIVE).slice(0, 500), 'parse'],
    ['JSON null', 'null', 'schema'],
    ['top-level array', '[]', 'schema'],
    ['a number', '42', 'schema'],
    ['missing components', JSON.stringify({ page: {}, status: { indicator: 'none' } }), 'schema'],
    ['components not an array', JSON.stringify({ status: { indicator: 'none' }, components: { a: 1 } }), 'schema'],
    ['incidents not an array', JSON.stringify({ components: [], incidents: 'none' }), 'schema'],
    ['status not an object', JSON.stringify({ components: [], status: 'ok' }), 'schema'],
  ])('%s → %s failure with a sentence', (_label, body, code) => {
    expectProblem(parse(body), code, /^the status feed /);
  });

  it('says so in words for invalid JSON and HTML', () => {
    expect(problem(parse('{"page":')).message).toBe('the status feed is not valid JSON');
    expect(problem(parse('<html>')).message).toMatch(/HTML/);
  });

  it('never throws on odd inputs', () => {
    expect(problem(statuspageAdapter.parse([], ctx)).code).toBe('internal');
    expect(problem(statuspageAdapter.parse([undefined as unknown as string], ctx)).code).toBe('parse');
    expect(problem(statuspageAdapter.history!.parse(null as unknown as string, ctx)).code).toBe('parse');
  });

  it('skips one malformed component but fails when every component is malformed', () => {
    const body = json(ALL_OK);
    body.components.push(42, { name: 'no id' }, { id: 'x' });
    expect(value(parse(JSON.stringify(body))).components).toHaveLength(json(ALL_OK).components.length - 1);
    expect(problem(parse(JSON.stringify({ ...body, components: [1, 'two', null] }))).code).toBe('schema');
  });

  it('skips a malformed incident but fails when every incident is malformed (never hides them as "none open")', () => {
    const body = json(ACTIVE);
    body.incidents.push('garbage', { name: 'no id' });
    expect(value(parse(JSON.stringify(body))).incidents.map((i) => i.id)).toEqual(['80d0cs6kpsps']);
    expect(problem(parse(JSON.stringify({ ...body, incidents: ['garbage', null] }))).code).toBe('schema');
  });

  it('tolerates extra fields and wrong-typed leaves without inventing data', () => {
    const body = json(ACTIVE);
    body.brand_new_field = { nested: true };
    const inc = body.incidents[0];
    inc.shortlink = 12345;
    inc.impact = ['major'];
    inc.incident_updates = 'not a list';
    const i = value(parse(JSON.stringify(body))).incidents[0]!;
    expect(i.url).toBe('https://www.githubstatus.com/incidents/80d0cs6kpsps');
    expect(i.impact).toBeNull();
    expect(i.updates).toEqual([]);
    expect(i.updatedAt).toBe('2020-04-02T20:26:36.356Z'); // falls back to the incident's updated_at
  });

  it('an incident with garbage dates keeps null dates and drops undatable updates, never throws', () => {
    const body = json(ACTIVE);
    const inc = body.incidents[0];
    inc.created_at = 'yesterday-ish';
    inc.started_at = 'not a date';
    inc.updated_at = '2020-13-45T99:99:99Z';
    inc.incident_updates[0].display_at = 'soon';
    inc.incident_updates[0].created_at = null;
    const i = value(parse(JSON.stringify(body))).incidents[0]!;
    expect(i).toMatchObject({ startedAt: null, createdAt: null });
    expect(i.updates).toEqual([
      { at: '2020-04-02T20:20:54.071Z', status: 'investigating', text: 'We are investigating reports of degraded performance.' },
    ]);
    expect(i.updatedAt).toBe('2020-04-02T20:20:54.071Z');
  });

  it('hostile markup in titles and updates becomes plain text', () => {
    const body = json(ACTIVE);
    const inc = body.incidents[0];
    inc.name = '<b onmouseover="x()">Outage</b> &amp; more';
    inc.incident_updates[0].body = '<img src=x onerror="window.x=1">Investigating <script>window.y=2</script>';
    inc.shortlink = 'javascript:window.z=3';
    const i = value(parse(JSON.stringify(body))).incidents[0]!;
    expect(i.title).toBe('Outage & more');
    expect(i.updates[0]!.text).toBe('Investigating');
    expect(i.updates.every((u) => !u.text.includes('<'))).toBe(true);
    expect(i.url).toBe('https://www.githubstatus.com/incidents/80d0cs6kpsps');
  });

  it('bounds titles to 300 characters', () => {
    const body = json(ACTIVE);
    body.incidents[0].name = 'x'.repeat(5000);
    expect(value(parse(JSON.stringify(body))).incidents[0]!.title.length).toBe(300);
  });

  it('5 MB of nested garbage fails with a schema problem, without throwing', () => {
    const depth = 2_500_000;
    const nestedArray = '['.repeat(depth) + ']'.repeat(depth);
    const nestedInComponents = `{"status":{"indicator":"none"},"components":${nestedArray}}`;
    const nestedObjects = '{"a":'.repeat(1_000_000) + '1' + '}'.repeat(1_000_000);
    const unclosed = '{"components":[' + '{"x":['.repeat(800_000);
    const wide = `{"status":{"indicator":"none"},"components":[${'[1],'.repeat(1_250_000)}[1]]}`;
    expect(wide.length).toBeGreaterThan(5_000_000);
    expect(problem(parse(wide)).code).toBe('schema');
    expect(problem(parse(nestedArray)).code).toBe('schema');
    expect(problem(parse(nestedInComponents)).code).toBe('schema');
    expect(problem(parse(nestedObjects)).code).toBe('schema');
    expect(problem(parse(unclosed)).code).toBe('schema'); // refused by the nesting limit before JSON.parse
    expect(problem(history(nestedArray)).code).toBe('schema');
  });

  it('accepts real nesting; brackets inside strings do not count', () => {
    const body = json(ACTIVE);
    body.incidents[0].incident_updates[0].body = '[[[[[[[[[['.repeat(100) + ' "quoted" \\ {{{{';
    const i = value(parse(JSON.stringify(body))).incidents[0]!;
    expect(i.updates[0]!.text.startsWith('[[[[')).toBe(true);
  });
});

describe('readSummary', () => {
  it('exposes every summary incident before filtering, and whether the key was present', () => {
    const parts = value(readSummary(raw(ACTIVE), { baseUrl: BASE }));
    expect(parts.hasIncidents).toBe(true);
    expect(parts.incidents).toHaveLength(1);
    const noKeys = value(readSummary(raw(GROUPS), { baseUrl: BASE }));
    expect(noKeys.hasIncidents).toBe(false);
    expect(noKeys.indicator).toBe('unknown'); // no status object at all: not "operational"
    expect(noKeys.description).toBeNull();
  });
});
