/**
 * Hund live-stream adapter, on the documented stream built from the fields Hund's own widget reads
 * (hundio/status.js, MIT; test/fixtures/feeds/PROVENANCE.md). The body is the `init_event` data,
 * taken from the stream by the same SSE reader the fetch uses.
 */
import { describe, expect, it } from 'vitest';
import { sseScanner } from '../../../core/net/sse';
import { hundAdapter } from '../../../core/official/hund';
import { GARBAGE, problem, raw, value, verdict } from './helpers';

const FEED = 'https://status.example.com/live/v2/status_page';
const NOW = Date.parse('2026-09-19T12:00:00Z');
const STREAM = raw('hund-live-status-page-doc-derived-degraded.txt');

/** The stream's init_event data, parsed: tests change it field by field. */
function init(): any {
  const data = sseScanner('init_event').push(new TextEncoder().encode(STREAM));
  if (data === null) throw new Error('fixture has no init_event');
  return JSON.parse(data);
}
const parse = (body: unknown, now = NOW) =>
  hundAdapter.parse([typeof body === 'string' ? body : JSON.stringify(body)], { now, baseUrl: FEED });

describe('hund', () => {
  it('reads the stream URL itself, until its init_event', () => {
    expect(hundAdapter.endpoints(`${FEED}/`)).toEqual([{ url: FEED, expect: 'text', sseEvent: 'init_event' }]);
  });

  it('operational with no issues → ok', () => {
    const doc = { ...init(), state: 'operational', issues: [] };
    const snap = value(parse(doc));
    expect(snap.indicator).toBe('operational');
    expect(snap.incidents).toEqual([]);
    expect(verdict(snap, NOW)).toBe('ok');
  });

  it('degraded with an open issue: its updates as text (HTML removed), newest first, components named → acknowledged', () => {
    const snap = value(parse(init()));
    expect(snap.indicator).toBe('degraded');
    expect(snap.incidents).toHaveLength(1);
    const inc = snap.incidents[0]!;
    expect(inc).toMatchObject({
      id: '5f2a1c9e8b3d4a0012ab34cd',
      title: 'Elevated API error rates',
      kind: 'incident',
      status: 'identified',
      components: ['API', 'Dashboard'],
      createdAt: '2026-09-19T11:35:00.000Z',
      updatedAt: '2026-09-19T11:50:00.000Z',
      resolvedAt: null,
      url: 'https://status.example.com/issues/5f2a1c9e8b3d4a0012ab34cd',
    });
    expect(inc.updates).toEqual([
      { at: '2026-09-19T11:50:00.000Z', status: 'identified', text: 'We have identified a faulty deploy and are rolling it back.' },
      { at: '2026-09-19T11:35:00.000Z', status: 'investigating', text: 'We are investigating elevated error rates on the API.' },
    ]);
    expect(verdict(snap, NOW)).toBe('acknowledged');
  });

  it('scheduled → maintenance: upcoming before starts_at, under way after; its own body is its one update', () => {
    const upcoming = value(parse(init())).maintenances;
    expect(upcoming).toHaveLength(1);
    expect(upcoming[0]).toMatchObject({
      title: 'Database upgrade',
      kind: 'maintenance',
      status: 'scheduled',
      impact: 'maintenance',
      scheduledFor: '2026-09-20T12:00:00.000Z',
      components: ['Database'],
    });
    expect(upcoming[0]!.updates.map((u) => u.text)).toEqual(['We will upgrade the primary database. Writes may pause for a few minutes.']);

    const doc = init();
    doc.state = 'operational';
    doc.issues = [doc.issues[1]];
    const later = Date.parse('2026-09-20T12:30:00Z');
    const snap = value(parse(doc, later));
    expect(snap.maintenances[0]!.status).toBe('in_progress');
    expect(verdict(snap, later)).toBe('maintenance');
  });

  it('an issue with an unknown label stays open (unknown), never resolved or ok', () => {
    const doc = init();
    doc.issues = [doc.issues[0]];
    doc.issues[0].updates = [{ body: 'Looking', label: 'Whatever', created_at: 1789818600 }];
    const snap = value(parse(doc));
    expect(snap.incidents[0]!.status).toBe('unknown');
    expect(verdict(snap, NOW)).toBe('acknowledged');
  });

  it('pending (no data yet) with nothing open states nothing → failure, never ok', () => {
    expect(problem(parse({ state: 'pending', issues: [] })).code).toBe('schema');
    expect(problem(parse({ issues: [] })).code).toBe('schema');
  });

  it('malformed: issues not a list, every issue unreadable, garbage, empty → failures', () => {
    expect(problem(parse({ state: 'operational', issues: {} })).code).toBe('schema');
    expect(problem(parse({ state: 'degraded', issues: [{ title: 'no id' }, 3] })).code).toBe('schema');
    for (const [body, code] of GARBAGE) expect(problem(parse(body)).code).toBe(code);
    expect(problem(hundAdapter.parse([], { now: NOW, baseUrl: FEED })).code).toBe('internal');
  });
});
