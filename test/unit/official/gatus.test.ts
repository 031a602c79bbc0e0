/** Gatus endpoint statuses adapter, on the body Gatus's own API test asserts (PROVENANCE.md). */
import { describe, expect, it } from 'vitest';
import { gatusAdapter } from '../../../core/official/gatus';
import { GARBAGE, json, problem, raw, value, verdict } from './helpers';

const FEED = 'http://gatus/api/v1/endpoints/statuses';
const NOW = Date.parse('2026-09-19T12:00:00Z');
const FILE = 'gatus-endpoints-statuses-upstream-test-failing.json';
const parse = (body: unknown) => gatusAdapter.parse([typeof body === 'string' ? body : JSON.stringify(body)], { now: NOW, baseUrl: FEED });

describe('gatus', () => {
  it('reads the statuses URL itself', () => {
    expect(gatusAdapter.endpoints(FEED)).toEqual([{ url: FEED, expect: 'json' }]);
  });

  it('the upstream body: the newest (last) result failed → the endpoint is down, acknowledged', () => {
    const snap = value(parse(raw(FILE)));
    expect(snap.components).toEqual([{ id: 'group_name', name: 'name', status: 'major_outage', group: 'group' }]);
    expect(snap.indicator).toBe('major_outage');
    expect(verdict(snap, NOW)).toBe('acknowledged');
  });

  it('newest by timestamp wins over array order; passing → operational → ok', () => {
    const doc = json(FILE);
    doc[0].results[0].timestamp = '2026-09-19T11:59:00Z';
    doc[0].results[1].timestamp = '2026-09-19T11:58:00Z';
    const snap = value(parse(doc));
    expect(snap.components[0]!.status).toBe('operational');
    expect(verdict(snap, NOW)).toBe('ok');
  });

  it('an endpoint with no results is unknown; a page of only those states nothing → failure', () => {
    const doc = json(FILE);
    doc[0].results = [];
    expect(problem(parse(doc)).code).toBe('schema');
    doc.push({ name: 'api', group: '', key: '_api', results: [{ success: true, timestamp: '2026-09-19T11:59:00Z' }] });
    const snap = value(parse(doc));
    expect(snap.components.map((c) => c.status)).toEqual(['unknown', 'operational']);
  });

  it('an object instead of the list, rows of another shape, garbage → failures', () => {
    expect(problem(parse({ endpoints: [] })).code).toBe('schema');
    expect(problem(parse([{ title: 'x' }])).code).toBe('schema');
    for (const [body, code] of GARBAGE) if (body !== 'null' && body !== '42') expect(problem(parse(body)).code).toBe(code);
    expect(problem(parse('null')).code).toBe('schema');
  });
});
