/** Sorry components adapter, on the shape the stts client reads (doc-derived sample, PROVENANCE.md). */
import { describe, expect, it } from 'vitest';
import { mapSorryState, sorryAdapter } from '../../../core/official/sorry';
import { GARBAGE, json, problem, value, verdict } from './helpers';

const FEED = 'https://api.sorryapp.com/v1/pages/abc123/components';
const NOW = Date.parse('2026-09-19T12:00:00Z');
const FILE = 'sorry-components-doc-derived-partially-degraded.json';
const parse = (body: unknown) => sorryAdapter.parse([typeof body === 'string' ? body : JSON.stringify(body)], { now: NOW, baseUrl: FEED });

describe('sorry', () => {
  it('reads the components URL itself', () => {
    expect(sorryAdapter.endpoints(FEED)).toEqual([{ url: FEED, expect: 'json' }]);
  });

  it('one partially-degraded component → page partial_outage, acknowledged', () => {
    const snap = value(parse(json(FILE)));
    expect(snap.components.map((c) => [c.name, c.status])).toEqual([
      ['Website', 'operational'],
      ['API', 'partial_outage'],
      ['Dashboard', 'operational'],
    ]);
    expect(snap.indicator).toBe('partial_outage');
    expect(verdict(snap, NOW)).toBe('acknowledged');
  });

  it('all operational → ok; degraded ranks above partially-degraded', () => {
    const doc = json(FILE);
    for (const c of doc.response) c.state = 'operational';
    expect(verdict(value(parse(doc)), NOW)).toBe('ok');
    doc.response[0].state = 'degraded';
    doc.response[1].state = 'partially-degraded';
    expect(value(parse(doc)).indicator).toBe('major_outage');
    expect(mapSorryState('melting')).toBe('unknown');
  });

  it('no components, unknown states only, rows of another shape, garbage → failures, never ok', () => {
    expect(problem(parse({ response: [] })).code).toBe('schema');
    expect(problem(parse({ response: [{ name: 'A', state: 'melting' }] })).code).toBe('schema');
    expect(problem(parse({ response: [{ title: 'A' }] })).code).toBe('schema');
    expect(problem(parse({ data: [] })).code).toBe('schema');
    for (const [body, code] of GARBAGE) expect(problem(parse(body)).code).toBe(code);
  });
});
