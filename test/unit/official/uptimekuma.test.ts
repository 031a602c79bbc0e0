/**
 * Uptime Kuma adapter, on a page + heartbeat pair assembled from the field lists of the server's
 * own code (doc-derived, PROVENANCE.md) and variants built inline from them.
 */
import { describe, expect, it } from 'vitest';
import { kumaParts, mapKumaBeat, uptimekumaAdapter } from '../../../core/official/uptimekuma';
import { GARBAGE, json, problem, value, verdict } from './helpers';

const FEED = 'http://kuma.lan:3001/api/status-page/main';
const NOW = Date.parse('2026-09-18T08:22:00Z');
const PAGE = 'uptimekuma-status-page-doc-derived-incident.json';
const BEATS = 'uptimekuma-heartbeat-doc-derived-mail-down.json';
const s = (b: unknown) => (typeof b === 'string' ? b : JSON.stringify(b));
const parse = (page: unknown, beats: unknown) => uptimekumaAdapter.parse([s(page), s(beats)], { now: NOW, baseUrl: FEED });

describe('uptimekuma', () => {
  it('reads the page data and its heartbeats, from the API URL or the page URL', () => {
    const want = [
      { url: 'http://kuma.lan:3001/api/status-page/main', expect: 'json' },
      { url: 'http://kuma.lan:3001/api/status-page/heartbeat/main', expect: 'json' },
    ];
    expect(uptimekumaAdapter.endpoints(FEED)).toEqual(want);
    expect(uptimekumaAdapter.endpoints('http://kuma.lan:3001/status/Main')).toEqual(want);
    expect(kumaParts('http://kuma.lan:3001/api/status-page/heartbeat')).toBeNull();
  });

  it('the sample: Mail is down (newest beat 0), a pinned danger message is an open incident → acknowledged', () => {
    const snap = value(parse(json(PAGE), json(BEATS)));
    expect(snap.components.map((c) => [c.name, c.status, c.group])).toEqual([
      ['Website', 'operational', 'Services'],
      ['Mail', 'major_outage', 'Services'],
      ['DNS', 'operational', 'Infrastructure'],
    ]);
    expect(snap.indicator).toBe('major_outage');
    const [i] = snap.incidents;
    expect([i!.title, i!.impact, i!.createdAt, i!.url]).toEqual([
      'Mail delivery delayed',
      'major',
      '2026-09-18T08:10:00.000Z',
      'http://kuma.lan:3001/status/main',
    ]);
    expect(i!.updates[0]!.text).toContain('We are looking into delayed');
    expect(verdict(snap, NOW)).toBe('acknowledged');
  });

  it('all up, no message → ok; an info notice is not an incident', () => {
    const page = json(PAGE);
    page.incidents[0].style = 'info';
    const beats = json(BEATS);
    beats.heartbeatList['2'][1].status = 1;
    const snap = value(parse(page, beats));
    expect(snap.incidents).toEqual([]);
    expect(verdict(snap, NOW)).toBe('ok');
  });

  it('a maintenance under way → maintenance', () => {
    const page = json(PAGE);
    page.incidents = [];
    page.maintenanceList = [
      {
        id: 9,
        title: 'Switch upgrade',
        description: 'Core switch',
        strategy: 'single',
        active: true,
        status: 'under-maintenance',
        timeslotList: [{ startDate: '2026-09-18 08:00:00', endDate: '2026-09-18 09:00:00' }],
      },
    ];
    const beats = json(BEATS);
    for (const list of Object.values<any[]>(beats.heartbeatList)) list[list.length - 1].status = 3;
    const snap = value(parse(page, beats));
    expect(snap.maintenances.map((m) => [m.title, m.status, m.scheduledUntil])).toEqual([
      ['Switch upgrade', 'in_progress', '2026-09-18T09:00:00.000Z'],
    ]);
    expect(verdict(snap, NOW)).toBe('maintenance');
  });

  it('beat words: pending is degraded, unknown numbers unknown', () => {
    expect([0, 1, 2, 3, 4, '1'].map(mapKumaBeat)).toEqual(['major_outage', 'operational', 'degraded', 'maintenance', 'unknown', 'unknown']);
  });

  it('no heartbeats at all, a heartbeat body of another shape, garbage → failures, never ok', () => {
    const quiet = json(PAGE);
    quiet.incidents = [];
    expect(problem(parse(quiet, { heartbeatList: {} })).code).toBe('schema');
    expect(problem(parse(json(PAGE), { beats: [] })).code).toBe('schema');
    for (const [body, code] of GARBAGE) {
      expect(problem(parse(body, json(BEATS))).code).toBe(code);
      expect(problem(parse(json(PAGE), body)).code).toBe(code);
    }
  });
});
