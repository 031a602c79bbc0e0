/**
 * Heroku status API v4 adapter. No untouched capture of a v4 body with an incident exists, so the
 * fixtures are (see test/fixtures/feeds/PROVENANCE.md): a healthy v4 body quoted in a third-party
 * feed guide (live 2026-09, trimmed by that author), and a doc-derived v4 body whose incident is
 * Heroku's own documented issue 604. Variants are built inline from deep copies; each test says
 * what it changed.
 */
import { describe, expect, it } from 'vitest';
import type { OfficialSnapshot } from '../../../core/model';
import { herokuAdapter, mapColour, mapUpdateType } from '../../../core/official/heroku';
import { freshVerdict, json, parserFor, expectProblem, problem, raw, value, expectJsonFeedAt } from './helpers';

const FEED = 'https://status.heroku.com/api/v4/current-status';
const NOW = Date.parse('2026-09-23T12:00:00Z');
const ctx = { now: NOW, baseUrl: FEED };

const HEALTHY = 'heroku-v4-current-status-healthy-stale-maintenance.doc-sample.json';
const ISSUE = 'heroku-v4-current-status-resolved-incident-604.doc-derived.json';

const parse = parserFor(herokuAdapter, ctx);

const verdictOf = (snapshot: OfficialSnapshot, now = NOW) => freshVerdict(snapshot, now, 'heroku').verdict;

/** Issue 604 made open again: its resolved update removed and `resolved` set false. */
function openIssue(): any {
  const body = json(ISSUE);
  const inc = body.incidents[0];
  inc.resolved = false;
  inc.updates = inc.updates.filter((u: any) => u.update_type !== 'resolved');
  return body;
}

describe('heroku endpoints', () => {
  it('reads the feed URL itself, as JSON', () => {
    expectJsonFeedAt(herokuAdapter, 'heroku', FEED);
    expect(herokuAdapter.endpoints(`${FEED}/`)).toEqual([{ url: FEED, expect: 'json' }]);
    expect(herokuAdapter.history).toBeUndefined();
  });
});

describe('heroku — healthy body with a stale "upcoming" maintenance (third-party live sample)', () => {
  const snap = value(parse(raw(HEALTHY)));

  it('reads the three systems as components, all operational', () => {
    expect(snap.components).toEqual([
      { id: 'Apps', name: 'Apps', status: 'operational', group: null },
      { id: 'Data', name: 'Data', status: 'operational', group: null },
      { id: 'Tools', name: 'Tools', status: 'operational', group: null },
    ]);
    expect(snap.indicator).toBe('operational');
    expect(snap.description).toBeNull();
    expect(snap.incidents).toEqual([]);
    expect(snap.recent).toEqual([]);
  });

  it('keeps the announced maintenance as scheduled, with no window invented from its prose', () => {
    expect(snap.maintenances).toHaveLength(1);
    const m = snap.maintenances[0]!;
    expect(m).toMatchObject({
      id: '2959',
      title: 'Heroku Platform Maintenance',
      kind: 'maintenance',
      status: 'scheduled',
      impact: 'maintenance',
      createdAt: '2026-07-15T17:00:24.339Z',
      startedAt: '2026-07-15T17:00:24.339Z',
      updatedAt: '2026-07-15T21:23:52.796Z',
      resolvedAt: null,
      scheduledFor: null,
      scheduledUntil: null,
      components: ['Apps'],
      url: 'https://status.heroku.com/incidents/2959',
    });
    expect(m.updates).toEqual([
      { at: '2026-07-15T21:23:52.796Z', status: 'scheduled', text: 'Maintenance is complete' },
      { at: '2026-07-15T17:00:24.339Z', status: 'scheduled', text: 'On July 15, 2026, starting at 17:00 UTC ... (3 hours) ...' },
    ]);
  });

  it('so the verdict is ok, not "maintenance" two months later', () => {
    expect(verdictOf(snap)).toBe('ok');
  });
});

describe('heroku — issue 604 (doc-derived)', () => {
  it('a resolved incident (resolved: true) goes to recent, with its resolution time', () => {
    const snap = value(parse(raw(ISSUE)));
    expect(snap.incidents).toEqual([]);
    expect(snap.recent).toHaveLength(1);
    const i = snap.recent[0]!;
    expect(i).toMatchObject({
      id: '604',
      title: 'Error when deploying certain apps',
      kind: 'incident',
      status: 'resolved',
      impact: 'none', // status_prod and status_dev both green on the incident
      startedAt: '2014-04-01T17:16:00.000Z',
      createdAt: '2014-04-01T17:16:00.000Z',
      updatedAt: '2014-04-01T19:26:00.000Z',
      resolvedAt: '2014-04-01T19:26:00.000Z',
      components: [],
      url: 'https://status.heroku.com/incidents/604',
    });
    expect(i.updates.map((u) => [u.at, u.status])).toEqual([
      ['2014-04-01T19:26:00.000Z', 'resolved'],
      ['2014-04-01T17:16:00.000Z', 'investigating'], // update_type "issue"
    ]);
    expect(i.updates[0]!.text).toBe('This change was reverted at 7:26 PM PDT (02:26 UTC).');
    expect(i.updates[1]!.text).toContain('Invalid add-on specification. Buildpacks must inform addons as a string.');
    expect(i.updates[1]!.text).not.toContain('\r');
  });

  it('the same incident still open (resolved update removed, resolved: false) is an open incident', () => {
    const body = openIssue();
    body.incidents[0].status_dev = 'yellow';
    body.status[2].status = 'yellow';
    const snap = value(parse(body));
    expect(snap.recent).toEqual([]);
    expect(snap.incidents.map((i) => [i.id, i.status, i.impact, i.resolvedAt])).toEqual([['604', 'investigating', 'minor', null]]);
    expect(snap.components.find((c) => c.name === 'Tools')!.status).toBe('degraded');
    expect(snap.indicator).toBe('degraded');
    expect(verdictOf(snap)).toBe('acknowledged');
  });

  it('judges by `state` over a stale `resolved: false` (observed live: state resolved, resolved false)', () => {
    const body = openIssue();
    body.incidents[0].state = 'resolved';
    const snap = value(parse(body));
    expect(snap.incidents).toEqual([]);
    expect(snap.recent[0]!.status).toBe('resolved');
    body.incidents[0].state = 'monitoring';
    expect(value(parse(body)).incidents[0]!.status).toBe('monitoring');
  });

  it('a plain "update" keeps the previous status and shows as an Update', () => {
    const body = openIssue();
    body.incidents[0].updates.unshift({
      id: 1962,
      update_type: 'update',
      contents: 'We are still looking.',
      created_at: '2014-04-01T18:00:00Z',
    });
    const i = value(parse(body)).incidents[0]!;
    expect(i.status).toBe('investigating');
    expect(i.updates.map((u) => u.status)).toEqual(['unknown', 'investigating']);
    expect(i.updatedAt).toBe('2014-04-01T18:00:00.000Z');
  });

  it('maps every system colour; red and blue systems', () => {
    expect(['green', 'yellow', 'red', 'blue', 'purple', 7].map(mapColour)).toEqual([
      'operational',
      'degraded',
      'major_outage',
      'maintenance',
      'unknown',
      'unknown',
    ]);
    expect(['issue', 'update', 'monitoring', 'resolved', 'scheduled', 'new'].map(mapUpdateType)).toEqual([
      'investigating',
      'unknown',
      'monitoring',
      'resolved',
      'scheduled',
      'unknown',
    ]);
    const body = json(ISSUE);
    body.status[0].status = 'red';
    body.status[1].status = 'blue';
    const snap = value(parse(body));
    expect(snap.components.map((c) => c.status)).toEqual(['major_outage', 'maintenance', 'operational']);
    expect(snap.indicator).toBe('major_outage');
    expect(verdictOf(snap)).toBe('acknowledged');
  });

  it('a maintenance whose state says it is under way makes the verdict maintenance', () => {
    const body = json(HEALTHY);
    body.scheduled[0].state = 'in_progress';
    const snap = value(parse(body));
    expect(snap.maintenances[0]!.status).toBe('in_progress');
    expect(verdictOf(snap)).toBe('maintenance');
    body.scheduled[0].state = 'completed';
    const done = value(parse(body));
    expect(done.maintenances).toEqual([]);
    expect(done.recent.map((m) => [m.id, m.status])).toEqual([['2959', 'completed']]);
  });
});

describe('heroku scope (system names)', () => {
  it('keeps only the named systems and the incidents that touch them (or name none)', () => {
    const body = openIssue();
    const apps = { ...body.incidents[0], id: 700, title: 'Apps trouble', systems: [{ name: 'Apps', status: 'red' }] };
    const data = { ...body.incidents[0], id: 701, title: 'Data trouble', systems: [{ name: 'Data', status: 'yellow' }] };
    body.incidents.push(apps, data);
    const snap = value(parse(body, ['data']));
    expect(snap.components.map((c) => c.name)).toEqual(['Data']);
    expect(snap.incidents.map((i) => [i.id, i.components, i.impact])).toEqual([
      ['604', [], 'none'], // no system named: kept
      ['701', ['Data'], 'minor'],
    ]);
  });

  it('a scope that matches no system fails instead of reading as operational', () => {
    const p = problem(parse(raw(HEALTHY), ['Dynos']));
    expect(p.code).toBe('schema');
    expect(p.message).toContain('no longer lists “Dynos”');
  });
});

describe('heroku broken bodies', () => {
  it.each([
    ['an HTML page', '<!DOCTYPE html><html><body>Heroku | Application Error</body></html>', 'parse', /web page/],
    ['an empty body', '', 'parse', /empty/],
    ['whitespace', '  \n ', 'parse', /empty/],
    ['null', 'null', 'schema', /expected shape/],
    ['an array', '[]', 'schema', /expected shape/],
    ['a number', '42', 'schema', /expected shape/],
    ['truncated JSON', '{"status":[{"system":"Apps"', 'parse', /not valid JSON/],
    ['the v3 shape', '{"status":{"Production":"green","Development":"green"},"issues":[]}', 'schema', /expected shape/],
    ['no incidents key', '{"status":[{"system":"Apps","status":"green"}]}', 'schema', /expected shape/],
    ['status not a list', '{"status":"green","incidents":[]}', 'schema', /expected shape/],
    ['systems all garbage', '{"status":[1,"x",null],"incidents":[]}', 'schema', /expected shape/],
    ['incidents all garbage', '{"status":[],"incidents":[1,2]}', 'schema', /expected shape/],
  ])('%s → %s failure', (_label, body, code, message) => {
    expectProblem(parse(body), code, message);
  });

  it('fails without throwing when the body is missing', () => {
    expect(problem(herokuAdapter.parse([], ctx)).code).toBe('internal');
    expect(problem(herokuAdapter.parse([undefined as unknown as string], ctx)).code).toBe('parse');
  });

  it('skips an element with wrong field types, keeps the rest, invents nothing', () => {
    const body = openIssue();
    body.incidents.push(5, { id: { x: 1 }, title: 'no usable id' }, { id: 900, title: 42, updates: 'nope', created_at: 7 });
    body.status.push({ system: 99, status: 'green' });
    const snap = value(parse(body));
    expect(snap.components.map((c) => c.name)).toEqual(['Apps', 'Data', 'Tools']);
    expect(snap.incidents.map((i) => i.id)).toEqual(['604', '900']);
    const odd = snap.incidents[1]!;
    expect(odd).toMatchObject({ title: 'Heroku incident 900', status: 'unknown', createdAt: null, updatedAt: null, updates: [] });
    expect(odd.url).toBe('https://status.heroku.com/incidents/900');
  });

  it('garbage dates become null; an update without a readable time is dropped, not dated now', () => {
    const body = openIssue();
    const inc = body.incidents[0];
    inc.created_at = 'yesterday';
    inc.updates.push({ id: 1, update_type: 'update', contents: 'later', created_at: '2014-13-45T99:00:00Z' });
    const i = value(parse(body)).incidents[0]!;
    expect(i.createdAt).toBeNull();
    expect(i.startedAt).toBeNull();
    expect(i.updates).toHaveLength(1);
    expect(i.updates[0]!.at).toBe('2014-04-01T17:16:00.000Z');
  });

  it('hostile markup in titles and texts becomes plain text; a javascript: link is dropped', () => {
    const body = openIssue();
    const inc = body.incidents[0];
    inc.title = '<img src=x onerror="window.x=1">Deploys <b>failing</b>';
    inc.updates[0].contents = '<script>window.y=2</script><p>Investigating</p><a href="javascript:alert(1)">click</a>';
    inc.full_url = 'javascript:alert(1)';
    const i = value(parse(body)).incidents[0]!;
    expect(i.title).toBe('Deploys failing');
    expect(i.updates[0]!.text).toBe('Investigating\n\nclick');
    expect([i.title, ...i.updates.map((u) => u.text)].some((t) => t.includes('<'))).toBe(false);
    expect(i.url).toBe('https://status.heroku.com/incidents/604');
  });

  it('huge nesting fails with a schema problem, without throwing', () => {
    const deep = '['.repeat(2_500_000) + ']'.repeat(2_500_000);
    expect(problem(parse(deep)).code).toBe('schema');
    expect(problem(parse(`{"status":[],"incidents":${deep}}`)).code).toBe('schema');
    expect(problem(parse('{"a":'.repeat(1_000_000) + '1' + '}'.repeat(1_000_000))).code).toBe('schema');
  });
});
