/**
 * Better Stack index.json adapter, on a live capture of status.huggingface.co (trimmed, see
 * PROVENANCE.md) and variants built inline from deep copies of it.
 */
import { describe, expect, it } from 'vitest';
import { betterstackAdapter, mapBetterStackState } from '../../../core/official/betterstack';
import { GARBAGE, json, problem, raw, value, verdict } from './helpers';

const FEED = 'https://status.huggingface.co/index.json';
const NOW = Date.parse('2026-09-19T04:00:00Z');
const FILE = 'betterstack-index-huggingface-operational-trimmed.json';
const parse = (body: unknown, now = NOW) =>
  betterstackAdapter.parse([typeof body === 'string' ? body : JSON.stringify(body)], { now, baseUrl: FEED });
const find = (doc: any, type: string, id: string) => doc.included.find((r: any) => r.type === type && r.id === id);

describe('betterstack', () => {
  it('reads the index.json URL itself', () => {
    expect(betterstackAdapter.endpoints(FEED)).toEqual([{ url: FEED, expect: 'json' }]);
  });

  it('the live capture: operational page, the Hub resource in its section, closed reports with their updates', () => {
    // Closed reports count as "recent" for a week after they ended (the model's window): read the
    // capture a day after the newest report, then a day after the outage.
    expect(value(parse(raw(FILE))).recent).toEqual([]);
    const early = value(parse(raw(FILE), Date.parse('2026-08-08T12:00:00Z')));
    expect(early.recent.map((i) => [i.id, i.kind, i.status])).toEqual([['1004901', 'incident', 'resolved']]);
    const snap = value(parse(raw(FILE), Date.parse('2026-07-17T12:00:00Z')));
    expect(snap.indicator).toBe('operational');
    expect(snap.components).toEqual([{ id: '84641', name: 'Huggingface Hub', status: 'operational', group: 'Current status by service' }]);
    expect(snap.incidents).toEqual([]);
    expect(snap.maintenances).toEqual([]);
    expect(snap.recent.map((i) => [i.id, i.kind, i.status])).toEqual([['965809', 'incident', 'resolved']]);
    const jobs = value(parse(raw(FILE), Date.parse('2026-07-09T12:00:00Z'))).recent;
    expect(jobs.map((i) => [i.id, i.kind, i.status, i.scheduledUntil])).toEqual([
      ['946090', 'maintenance', 'completed', '2026-07-08T08:00:36.000Z'],
    ]);
    const hub = snap.recent[0]!;
    expect(hub.title).toBe('Hub unavailable');
    expect(hub.components).toEqual(['Huggingface Hub']); // the other two resources are not in the trimmed capture
    expect(hub.updates.map((u) => u.at)).toEqual(['2026-07-16T10:07:00.000Z', '2026-07-16T08:43:00.000Z', '2026-07-16T08:30:00.000Z']);
    expect(hub.updates[0]!.status).toBe('resolved');
    expect(hub.updates[2]!.status).toBe('unknown'); // Better Stack states no lifecycle word; none is made up
    expect(hub.createdAt).toBe('2026-07-16T08:30:00.000Z');
    // Manual reports keep ends_at null after resolution: resolved at the last update.
    expect(hub.resolvedAt).toBe('2026-07-16T10:07:00.000Z');
    expect(hub.url).toBe('https://status.huggingface.co/');
    expect(verdict(snap, NOW)).toBe('ok');
  });

  it('an open report (aggregate_state downtime) is an open incident → acknowledged, impact major', () => {
    const doc = json(FILE);
    doc.data.attributes.aggregate_state = 'downtime';
    const r = find(doc, 'status_report', '965809');
    r.attributes.aggregate_state = 'downtime';
    find(doc, 'status_page_resource', '84641').attributes.status = 'downtime';
    const snap = value(parse(doc, Date.parse('2026-07-16T08:35:00Z')));
    expect(snap.indicator).toBe('major_outage');
    expect(snap.components[0]!.status).toBe('major_outage');
    expect(snap.incidents.map((i) => [i.id, i.status, i.impact, i.resolvedAt])).toEqual([['965809', 'unknown', 'major', null]]);
    expect(verdict(snap, Date.parse('2026-07-16T08:35:00Z'))).toBe('acknowledged');
  });

  it('a maintenance report under way → maintenance; one that has not started → scheduled', () => {
    const doc = json(FILE);
    find(doc, 'status_report', '946090').attributes.aggregate_state = 'maintenance';
    const during = Date.parse('2026-07-08T07:30:00Z');
    const snap = value(parse(doc, during));
    expect(snap.maintenances.map((m) => [m.id, m.status, m.scheduledUntil])).toEqual([
      ['946090', 'in_progress', '2026-07-08T08:00:36.000Z'],
    ]);
    expect(verdict(snap, during)).toBe('maintenance');
    const before = value(parse(doc, Date.parse('2026-07-08T06:00:00Z')));
    expect(before.maintenances[0]!.status).toBe('scheduled');
  });

  it('state words: not_monitored and unknown words are unknown, never operational', () => {
    expect(mapBetterStackState('not_monitored')).toBe('unknown');
    expect(mapBetterStackState('Operational')).toBe('operational');
    expect(mapBetterStackState(3)).toBe('unknown');
  });

  it('a page that states nothing, another JSON:API type, or garbage → a failure with a reason, data never ok', () => {
    const doc = json(FILE);
    doc.data.attributes.aggregate_state = 'weird';
    doc.included = doc.included.filter((r: any) => r.type !== 'status_page_resource' && r.type !== 'status_report');
    expect(problem(parse(doc)).code).toBe('schema');
    expect(problem(parse({ data: { type: 'user' }, included: [] })).code).toBe('schema');
    for (const [body, code] of GARBAGE) expect(problem(parse(body)).code, body.slice(0, 20)).toBe(code);
  });

  it('provider text is text: markup in a status update is stripped', () => {
    const doc = json(FILE);
    find(doc, 'status_update', '5410587').attributes.message = '<script>x()</script><b>Mitigating</b>';
    const snap = value(parse(doc, Date.parse('2026-07-17T12:00:00Z')));
    expect(snap.recent[0]!.updates[1]!.text).toBe('Mitigating');
  });
});
