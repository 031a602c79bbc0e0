/** Rootly status.json adapter, on Rootly's documented example and variants built inline from it. */
import { describe, expect, it } from 'vitest';
import { rootlyAdapter, rootlyPageRoot } from '../../../core/official/rootly';
import { GARBAGE, json, problem, value, verdict } from './helpers';

const FEED = 'https://status.example.com/api/v1/status.json';
const NOW = Date.parse('2026-03-19T12:30:00Z');
const FILE = 'rootly-status-doc-example-operational.json';
const parse = (body: unknown) => rootlyAdapter.parse([typeof body === 'string' ? body : JSON.stringify(body)], { now: NOW, baseUrl: FEED });

const incident = {
  id: 'inc-1',
  name: 'Elevated API errors',
  status: 'identified',
  impact: 'major',
  created_at: '2026-03-19T12:05:00Z',
  updated_at: '2026-03-19T12:20:00Z',
  incident_updates: [
    { id: 'u2', status: 'identified', body: 'A bad deploy; rolling back.', created_at: '2026-03-19T12:20:00Z' },
    { id: 'u1', status: 'investigating', body: 'We are investigating.', created_at: '2026-03-19T12:05:00Z' },
  ],
};

describe('rootly', () => {
  it('reads the status.json URL itself; links go to the page root', () => {
    expect(rootlyAdapter.endpoints(FEED)).toEqual([{ url: FEED, expect: 'json' }]);
    expect(rootlyPageRoot(FEED)).toBe('https://status.example.com/');
  });

  it('the documented example: indicator none, "All Systems Operational" → ok', () => {
    const snap = value(parse(json(FILE)));
    expect(snap.indicator).toBe('operational');
    expect(snap.description).toBe('All Systems Operational');
    expect(snap.incidents).toEqual([]);
    expect(verdict(snap, NOW)).toBe('ok');
  });

  it('an active incident → acknowledged, updates newest first, linked to the page', () => {
    const doc = json(FILE);
    doc.status = { indicator: 'major', description: 'Partial outage' };
    doc.incidents = [incident];
    const snap = value(parse(doc));
    expect(snap.indicator).toBe('partial_outage');
    expect(snap.incidents.map((i) => [i.id, i.status, i.impact, i.url])).toEqual([
      ['inc-1', 'identified', 'major', 'https://status.example.com/'],
    ]);
    expect(snap.incidents[0]!.updates.map((u) => u.text)).toEqual(['A bad deploy; rolling back.', 'We are investigating.']);
    expect(verdict(snap, NOW)).toBe('acknowledged');
  });

  it('indicator maintenance → maintenance page status', () => {
    const doc = json(FILE);
    doc.status.indicator = 'maintenance';
    expect(value(parse(doc)).indicator).toBe('maintenance');
  });

  it('no status block, an unknown indicator with nothing open, incidents of another shape, garbage → failures', () => {
    const doc = json(FILE);
    delete doc.status;
    expect(problem(parse(doc)).code).toBe('schema');
    const odd = json(FILE);
    odd.status.indicator = 'purple';
    expect(problem(parse(odd)).code).toBe('schema');
    const bad = json(FILE);
    bad.incidents = [1, 2];
    expect(problem(parse(bad)).code).toBe('schema');
    for (const [body, code] of GARBAGE) expect(problem(parse(body)).code).toBe(code);
  });
});
