/**
 * Instatus summary.json adapter, on Instatus's documented example (incident + maintenance, with
 * JavaScript Date.toString() dates) and on a healthy live body quoted in a third-party feed guide.
 * See test/fixtures/feeds/PROVENANCE.md. Variants are built inline from deep copies.
 */
import { describe, expect, it } from 'vitest';
import type { OfficialSnapshot } from '../../../core/model';
import { jsDateString } from '../../../core/official/dates';
import { instatusAdapter, mapPageStatus } from '../../../core/official/instatus';
import { freshVerdict, json, parserFor, expectProblem, problem, raw, value, expectJsonFeedAt } from './helpers';

const FEED = 'https://instat.us/summary.json';
const NOW = Date.parse('2022-06-11T19:00:00Z');
const ctx = { now: NOW, baseUrl: FEED };

const DOC = 'instatus-summary-doc-example-hasissues.json';
const UP = 'instatus-summary-wistia-up.doc-sample.json';

const parse = parserFor(instatusAdapter, ctx);

const verdict = (snapshot: OfficialSnapshot, now = NOW) => freshVerdict(snapshot, now);

describe('instatus endpoints', () => {
  it('reads the summary.json URL itself, as JSON', () => {
    expectJsonFeedAt(instatusAdapter, 'instatus', FEED);
  });
});

describe('instatus — documentation example', () => {
  const snap = value(parse(raw(DOC)));

  it('reads HASISSUES as degraded at page level; the summary has no components', () => {
    expect(snap.indicator).toBe('degraded');
    expect(snap.description).toBeNull();
    expect(snap.components).toEqual([]);
    expect(snap.recent).toEqual([]);
  });

  it('the open incident, with its start read from a Date.toString() string, and no invented text', () => {
    expect(snap.incidents).toEqual([
      {
        id: 'cl4a8n3070721qtmzvts760c4', // from the incident URL
        title: "We're facing an issue with our API",
        kind: 'incident',
        status: 'investigating',
        impact: 'critical', // MAJOROUTAGE
        startedAt: '2022-06-11T18:55:50.000Z',
        createdAt: null,
        updatedAt: null,
        resolvedAt: null,
        scheduledFor: null,
        scheduledUntil: null,
        updates: [],
        components: [],
        url: 'https://testing-widget.instatus.com/incident/cl4a8n3070721qtmzvts760c4',
      },
    ]);
    const v = verdict(snap);
    expect(v.verdict).toBe('acknowledged');
    expect(v.severity).toBe('major');
  });

  it('the maintenance: not started yet, window = start + duration minutes', () => {
    expect(snap.maintenances).toEqual([
      expect.objectContaining({
        id: 'cl4a8nlv50918qtmzdlw60ivu',
        title: 'Database maintenance',
        kind: 'maintenance',
        status: 'scheduled',
        impact: 'maintenance',
        startedAt: '2022-06-11T18:55:54.000Z',
        scheduledFor: '2022-06-11T18:55:54.000Z',
        scheduledUntil: '2022-06-11T19:55:54.000Z', // "60"
        updates: [],
      }),
    ]);
    // Without the incident, the announced window containing now makes it maintenance.
    const body = json(DOC);
    delete body.activeIncidents;
    body.page.status = 'UP';
    expect(verdict(value(parse(body))).verdict).toBe('maintenance');
    expect(verdict(value(parse(body)), Date.parse('2022-06-11T20:00:00Z')).verdict).toBe('ok');
  });

  it('scope is not applied (the summary attributes nothing to components): nothing is dropped', () => {
    expect(value(parse(raw(DOC), ['API']))).toEqual(snap);
  });
});

describe('instatus — healthy page (live, Wistia)', () => {
  it('UP with both lists left out is operational with nothing open', () => {
    const snap = value(parse(raw(UP)));
    expect(snap).toEqual({ indicator: 'operational', description: null, components: [], incidents: [], maintenances: [], recent: [] });
    expect(verdict(snap).verdict).toBe('ok');
  });
});

describe('instatus variants', () => {
  it('page words: UNDERMAINTENANCE is maintenance, anything else unknown (never operational)', () => {
    expect(['UP', 'HASISSUES', 'UNDERMAINTENANCE', 'up', 'DOWN', 3, null].map(mapPageStatus)).toEqual([
      'operational',
      'degraded',
      'maintenance',
      'operational',
      'unknown',
      'unknown',
      'unknown',
    ]);
    const body = json(UP);
    body.page.status = 'UNDERMAINTENANCE';
    expect(verdict(value(parse(body))).verdict).toBe('maintenance');
  });

  it('reads Date.toString() with other offsets or without the zone name, and ISO strings', () => {
    expect(jsDateString('Sat Jun 11 2022 11:55:50 GMT-0700 (Pacific Daylight Time)')).toBe('2022-06-11T18:55:50.000Z');
    expect(jsDateString('Sat Jun 11 2022 20:55:50 GMT+0200 (Mitteleuropäische Sommerzeit)')).toBe('2022-06-11T18:55:50.000Z');
    expect(jsDateString('Sat Jun 11 2022 18:55:50 GMT+0000')).toBe('2022-06-11T18:55:50.000Z');
    expect(jsDateString('Sat Jun 31 2022 18:55:50 GMT+0000')).toBeNull();
    expect(jsDateString('Sat Foo 11 2022 18:55:50 GMT+0000')).toBeNull();
    const body = json(DOC);
    body.activeIncidents[0].started = '2022-06-11T18:55:50Z';
    body.activeIncidents[0].updatedAt = '2022-06-11T18:58:00Z';
    const i = value(parse(body)).incidents[0]!;
    expect(i.startedAt).toBe('2022-06-11T18:55:50.000Z');
    expect(i.updatedAt).toBe('2022-06-11T18:58:00.000Z');
  });

  it('resolved incidents and completed maintenances go to recent; in-progress maintenance stays', () => {
    const body = json(DOC);
    body.activeIncidents[0].status = 'RESOLVED';
    body.activeMaintenances.push({ ...body.activeMaintenances[0], url: 'https://x.instatus.com/maintenance/m2', status: 'INPROGRESS' });
    body.activeMaintenances[0].status = 'COMPLETED';
    const snap = value(parse(body));
    expect(snap.incidents).toEqual([]);
    expect(snap.recent.map((i) => [i.id, i.status])).toEqual([
      ['cl4a8n3070721qtmzvts760c4', 'resolved'],
      ['cl4a8nlv50918qtmzdlw60ivu', 'completed'],
    ]);
    expect(snap.maintenances.map((m) => [m.id, m.status])).toEqual([['m2', 'in_progress']]);
  });

  it('impact words', () => {
    const body = json(DOC);
    const impacts = ['OPERATIONAL', 'DEGRADEDPERFORMANCE', 'MINOROUTAGE', 'PARTIALOUTAGE', 'MAJOROUTAGE', 'WHATEVER'];
    body.activeIncidents = impacts.map((impact, n) => ({ ...body.activeIncidents[0], url: `https://x.io/incident/i${n}`, impact }));
    expect(value(parse(body)).incidents.map((i) => i.impact)).toEqual(['none', 'minor', 'minor', 'major', 'critical', null]);
  });

  it('duration as a number works; nonsense durations leave the end unknown', () => {
    const body = json(DOC);
    body.activeMaintenances[0].duration = 90;
    expect(value(parse(body)).maintenances[0]!.scheduledUntil).toBe('2022-06-11T20:25:54.000Z');
    for (const d of ['abc', '-5', 1e12, null]) {
      body.activeMaintenances[0].duration = d;
      expect(value(parse(body)).maintenances[0]!.scheduledUntil).toBeNull();
    }
  });
});

describe('instatus broken bodies', () => {
  it.each([
    ['an HTML page (Next.js shell)', '<!DOCTYPE html><html><div id="__next"></div></html>', 'parse', /web page/],
    ['an empty body', '', 'parse', /empty/],
    ['null', 'null', 'schema', /expected shape/],
    ['an array', '[]', 'schema', /expected shape/],
    ['an object without page', '{"activeIncidents":[]}', 'schema', /expected shape/],
    ['page not an object', '{"page":"UP"}', 'schema', /expected shape/],
    ['activeIncidents not a list', '{"page":{"status":"UP"},"activeIncidents":{"a":1}}', 'schema', /expected shape/],
    ['activeIncidents all garbage', '{"page":{"status":"HASISSUES"},"activeIncidents":[1,null]}', 'schema', /expected shape/],
  ])('%s → %s failure', (_label, body, code, message) => {
    expectProblem(parse(body), code, message);
  });

  it('a page status of the wrong type reads as unknown, never operational; with nothing else stated the feed fails', () => {
    const alone = parse({ page: { status: 1 } });
    expect(alone.ok).toBe(false);
    if (!alone.ok) expect(alone.problem).toMatchObject({ code: 'schema', message: expect.stringContaining('states no status') });
    const withIncident = json(DOC);
    withIncident.page.status = 1;
    expect(value(parse(withIncident)).indicator).toBe('unknown');
  });

  it('skips elements with wrong field types; garbage dates become null', () => {
    const body = json(DOC);
    body.activeIncidents.push('junk', { name: 5, url: 7 }, { name: 'Dates broken', started: 'Someday 2022', status: 'IDENTIFIED' });
    const snap = value(parse(body));
    expect(snap.incidents.map((i) => [i.id, i.title, i.status, i.startedAt])).toEqual([
      ['cl4a8n3070721qtmzvts760c4', "We're facing an issue with our API", 'investigating', '2022-06-11T18:55:50.000Z'],
      ['Dates broken|', 'Dates broken', 'identified', null], // no id and no URL: name + (missing) start
    ]);
  });

  it('hostile markup becomes plain text; a javascript: link is dropped', () => {
    const body = json(DOC);
    body.activeIncidents[0].name = '<img src=x onerror=alert(1)><b>API</b> down';
    body.activeIncidents[0].url = 'javascript:alert(1)';
    const i = value(parse(body)).incidents[0]!;
    expect(i.title).toBe('API down');
    expect(i.url).toBeNull();
    expect(i.title.includes('<')).toBe(false);
  });

  it('huge nesting fails with a schema problem, without throwing', () => {
    const deep = '['.repeat(2_500_000) + ']'.repeat(2_500_000);
    expect(problem(parse(deep)).code).toBe('schema');
    expect(problem(parse(`{"page":{"status":"UP"},"activeIncidents":${deep}}`)).code).toBe('schema');
  });
});
