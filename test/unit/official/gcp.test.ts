/**
 * Google Cloud / Google Workspace adapter: the real Google Cloud incidents.json capture and a
 * doc-derived Workspace file (test/fixtures/feeds, see PROVENANCE.md there), plus broken variants
 * written inline. Derived variants start from a deep copy of a fixture and change only what the
 * test names.
 */
import { describe, expect, it } from 'vitest';
import type { OfficialIncident, OfficialSnapshot, Result } from '../../../core/model';
import {
  gcpAdapter,
  gcpDashboardRoot,
  gcpIncidentUrl,
  mapGcpImpact,
  markdownToText,
  normaliseGcpIncident,
  PREVIEW_TEXT,
} from '../../../core/official/gcp';
import { MAX_RECENT } from '../../../core/model';
import { raw, json, value, expectProblem, problem, expectJsonFeedAt } from './helpers';

const CLOUD = 'https://status.cloud.google.com/incidents.json';
const WORKSPACE = 'https://www.google.com/appsstatus/dashboard/incidents.json';

const HISTORY = 'gcp-incidents-json-resolved-history.json';
const WS = 'gcp-workspace-incidents-gmail-open.doc-derived.json';

/** "now" just after the two July 2026 incidents ended (07-16 12:25 and 07-15 03:40 UTC). */
const JULY_20 = Date.parse('2026-07-20T00:00:00Z');
const parse = (body: string, now = JULY_20, scope?: string[], baseUrl = CLOUD): Result<OfficialSnapshot> =>
  gcpAdapter.parse([body], { now, baseUrl, ...(scope ? { scope } : {}) });
const ids = (list: OfficialIncident[]) => list.map((i) => i.id);

describe('gcp endpoints', () => {
  it('reads the feed URL itself as JSON', () => {
    expectJsonFeedAt(gcpAdapter, 'gcp', CLOUD);
    expect(gcpAdapter.endpoints(WORKSPACE)).toEqual([{ url: WORKSPACE, expect: 'json' }]);
    expect(gcpAdapter.history).toBeUndefined();
  });
});

describe('gcp — Google Cloud incidents.json capture (real, 4 resolved incidents)', () => {
  const snap = value(parse(raw(HISTORY)));

  it('nothing open: operational, no components, no maintenances', () => {
    expect(snap.indicator).toBe('operational');
    expect(snap.description).toBeNull();
    expect(snap.incidents).toEqual([]);
    expect(snap.maintenances).toEqual([]);
    expect(snap.components).toEqual([]);
  });

  it('recent = the two incidents that ended within 7 days, newest end first', () => {
    expect(ids(snap.recent)).toEqual(['3BvH3LVGcupoYqV6F4Nw', 'T8gmtofFSTGT5tbhyciF']);
  });

  it('normalises the europe-west4 cooling-failure incident', () => {
    const i = snap.recent[0]!;
    expect(i).toMatchObject({
      id: '3BvH3LVGcupoYqV6F4Nw',
      title:
        'Google Cloud VMware Engine (GCVE), Google Cloud NetApp Volumes, and Bare Metal Solutions (BMS) services are experiencing a service outage in europe-west4-a due to a cooling failure.',
      kind: 'incident',
      status: 'resolved',
      impact: 'major', // severity medium
      startedAt: '2026-07-15T23:57:00.000Z',
      createdAt: '2026-07-16T03:30:59.000Z',
      updatedAt: '2026-07-25T13:16:55.000Z',
      resolvedAt: '2026-07-16T12:25:00.000Z',
      scheduledFor: null,
      scheduledUntil: null,
      url: 'https://status.cloud.google.com/incidents/3BvH3LVGcupoYqV6F4Nw',
      components: ['Bare Metal Solution (europe-west4)', 'Google Cloud NetApp Volumes (europe-west4)', 'VMWare engine (europe-west4)'],
    });
    expect(i.updates).toHaveLength(12);
    expect(i.updates.map((u) => u.at).slice(0, 3)).toEqual([
      '2026-07-25T13:16:55.000Z',
      '2026-07-18T00:22:37.000Z',
      '2026-07-16T12:25:47.000Z',
    ]);
    expect(i.updates.at(-1)!.at).toBe('2026-07-16T03:30:59.000Z');
    // AVAILABLE after the end → resolved; the oldest SERVICE_DISRUPTION → investigating; the rest → Update.
    expect(i.updates.map((u) => u.status)).toEqual(['resolved', 'resolved', ...Array(9).fill('unknown'), 'investigating']);
  });

  it('turns the markdown-ish text into plain text', () => {
    const report = snap.recent[0]!.updates[0]!.text;
    expect(report.startsWith('Incident Report\nSummary\nOn Wednesday, 15 July 2026, Google Cloud VMware Engine (GCVE)')).toBe(true);
    expect(report).not.toMatch(/\\#|\*\*|^#/m);
    expect(report).not.toContain('| :---- |');
    expect(report).toContain('| 07-15-2026 16:24 | An electrical fault occurred');
    const first = snap.recent[0]!.updates.at(-1)!.text;
    expect(first).toMatch(/^Summary\nGoogle Cloud VMware Engine \(GCVE\), Google Cloud NetApp Volumes, and Bare Metal Solution/);
    expect(first).toContain('A shutdown of all systems started at 19:00 PDT [4:00 Local Time (GMT+2)]');
    for (const i of snap.recent) for (const u of i.updates) expect(u.text.length).toBeGreaterThan(0);
  });

  it('second incident: two previous locations, AVAILABLE updates resolved', () => {
    const i = snap.recent[1]!;
    expect(i.components).toEqual(['VMWare engine (australia-southeast2, europe-west3)']);
    expect(i.resolvedAt).toBe('2026-07-15T03:40:00.000Z');
    expect(i.updates.map((u) => u.status)).toEqual(['resolved', 'resolved', 'resolved', ...Array(7).fill('unknown'), 'investigating']);
  });

  it('a retroactive incident (end before created) with 8 locations, severity low', () => {
    const s = value(parse(raw(HISTORY), Date.parse('2026-03-01T00:00:00Z')));
    expect(ids(s.recent)).toEqual(['41E5S3mkTGDfkZuJZH5k']);
    const i = s.recent[0]!;
    expect(i).toMatchObject({
      status: 'resolved',
      impact: 'minor',
      startedAt: '2026-02-27T12:37:00.000Z',
      createdAt: '2026-02-27T16:12:30.000Z',
      resolvedAt: '2026-02-27T14:35:00.000Z',
    });
    expect(i.components).toEqual([
      'Agent Assist (8 locations)',
      'Dialogflow CX (8 locations)',
      'Vertex Gemini API (8 locations)',
      'Google Cloud Support (8 locations)',
    ]);
  });

  it('two months later nothing is recent any more', () => {
    const s = value(parse(raw(HISTORY), Date.parse('2026-09-20T00:00:00Z')));
    expect(s).toEqual({ indicator: 'operational', description: null, components: [], incidents: [], maintenances: [], recent: [] });
  });

  it('scope keeps only incidents naming one of the products (case-insensitive; title, current title or id)', () => {
    expect(value(parse(raw(HISTORY), JULY_20, ['Google Compute Engine'])).recent).toEqual([]);
    expect(ids(value(parse(raw(HISTORY), JULY_20, ['vmware ENGINE'])).recent)).toEqual(['3BvH3LVGcupoYqV6F4Nw', 'T8gmtofFSTGT5tbhyciF']);
    expect(ids(value(parse(raw(HISTORY), JULY_20, ['Bare Metal Solution'])).recent)).toEqual(['3BvH3LVGcupoYqV6F4Nw']);
    expect(ids(value(parse(raw(HISTORY), JULY_20, ['5gQF7Qk9XfQ32pStX6Hb'])).recent)).toEqual(['3BvH3LVGcupoYqV6F4Nw']);
    const march = Date.parse('2026-03-01T00:00:00Z');
    // "Vertex Gemini API" was renamed: its current_title is "Gemini on Agent Platform".
    expect(ids(value(parse(raw(HISTORY), march, ['Gemini on Agent Platform'])).recent)).toEqual(['41E5S3mkTGDfkZuJZH5k']);
    // An empty scope is treated as no scope (it must not hide everything).
    expect(value(parse(raw(HISTORY), JULY_20, [])).recent).toHaveLength(2);
  });
});

describe('gcp — open incidents (real incident with `end` removed)', () => {
  const open = (mutate: (i: any) => void): OfficialSnapshot => {
    const doc = json(HISTORY);
    mutate(doc[0]);
    return value(parse(JSON.stringify(doc)));
  };

  it('latest update AVAILABLE, no end → monitoring; AVAILABLE updates read "monitoring"', () => {
    const snap = open((i) => delete i.end);
    expect(ids(snap.incidents)).toEqual(['3BvH3LVGcupoYqV6F4Nw']);
    const i = snap.incidents[0]!;
    expect(i.status).toBe('monitoring');
    expect(i.resolvedAt).toBeNull();
    expect(i.updates.slice(0, 3).map((u) => u.status)).toEqual(['monitoring', 'monitoring', 'unknown']);
    expect(snap.indicator).toBe('partial_outage'); // medium → major impact → partial outage
    expect(ids(snap.recent)).toEqual(['T8gmtofFSTGT5tbhyciF']);
  });

  it('no AVAILABLE update and a blank `end` → investigating; current locations are used while open', () => {
    const snap = open((i) => {
      i.end = ' ';
      i.updates = i.updates.slice(2);
      i.most_recent_update = i.updates[0];
      i.currently_affected_locations = [{ title: 'Netherlands (europe-west4)', id: 'europe-west4' }];
      i.previously_affected_locations = [];
    });
    const i = snap.incidents[0]!;
    expect(i.status).toBe('investigating');
    expect(i.updatedAt).toBe('2026-07-16T12:25:47.000Z');
    expect(i.updates).toHaveLength(10);
    expect(i.components[0]).toBe('Bare Metal Solution (europe-west4)');
  });

  it('severity high → critical (major outage); without severity, status_impact decides', () => {
    expect(
      open((i) => {
        delete i.end;
        i.severity = 'high';
      }).indicator,
    ).toBe('major_outage');
    expect(
      open((i) => {
        delete i.end;
        delete i.severity;
        i.status_impact = 'SERVICE_OUTAGE';
      }).incidents[0]!.impact,
    ).toBe('critical');
    expect(
      open((i) => {
        delete i.end;
        i.severity = 'weird';
        i.status_impact = 'SERVICE_INFORMATION';
      }).incidents[0]!.impact,
    ).toBe('minor');
    expect(
      open((i) => {
        delete i.end;
        delete i.severity;
        delete i.status_impact;
      }).incidents[0]!.impact,
    ).toBeNull();
    expect(mapGcpImpact('HIGH', null)).toBe('critical');
    expect(mapGcpImpact('medium', 'SERVICE_OUTAGE')).toBe('major');
    expect(mapGcpImpact(null, 'service_disruption')).toBe('major');
  });

  it('no `updates` array: falls back to most_recent_update', () => {
    const snap = open((i) => {
      delete i.end;
      delete i.updates;
    });
    expect(snap.incidents[0]!.updates).toHaveLength(1);
    expect(snap.incidents[0]!.updates[0]!.at).toBe('2026-07-25T13:16:55.000Z');
  });
});

describe('gcp — Google Workspace dashboard (doc-derived)', () => {
  const NOW = Date.parse('2026-09-20T12:00:00Z');
  const ws = (scope?: string[]) => value(parse(raw(WS), NOW, scope, WORKSPACE));

  it('open Gmail outage and Google Chat monitoring; Docs/Sheets recent; Meet too old', () => {
    const snap = ws();
    expect(snap.indicator).toBe('major_outage');
    expect(ids(snap.incidents)).toEqual(['WsGmailOpenSep20aaaa', 'WsChatMonitorSep20bb']);
    expect(ids(snap.recent)).toEqual(['WsDocsSheetsSep18ccc']);
    const gmail = snap.incidents[0]!;
    expect(gmail).toMatchObject({
      title: 'Gmail users are unable to send or receive messages',
      status: 'investigating',
      impact: 'critical',
      startedAt: '2026-09-20T09:12:00.000Z',
      createdAt: '2026-09-20T09:31:05.000Z',
      updatedAt: '2026-09-20T10:15:42.000Z',
      resolvedAt: null,
      components: ['Gmail'],
      url: 'https://www.google.com/appsstatus/dashboard/incidents/WsGmailOpenSep20aaaa',
    });
    expect(gmail.updates.map((u) => u.status)).toEqual(['unknown', 'investigating']);
    expect(gmail.updates[0]!.text.startsWith('Summary:\nGmail users are unable to send or receive messages.\nDescription:')).toBe(true);
    expect(snap.incidents[1]).toMatchObject({ status: 'monitoring', impact: 'minor', components: ['Google Chat'] });
    expect(snap.recent[0]).toMatchObject({ resolvedAt: '2026-09-18T15:58:00.000Z', components: ['Google Docs', 'Google Sheets'] });
  });

  it('a Workspace incident for Gmail marks Gmail, not Google Docs', () => {
    const gmail = ws(['Gmail']);
    expect(ids(gmail.incidents)).toEqual(['WsGmailOpenSep20aaaa']);
    expect(gmail.recent).toEqual([]);
    expect(gmail.indicator).toBe('major_outage');
    const docs = ws(['Google Docs']);
    expect(docs.incidents).toEqual([]);
    expect(docs.indicator).toBe('operational');
    expect(ids(docs.recent)).toEqual(['WsDocsSheetsSep18ccc']);
    expect(ids(ws(['google sheets']).recent)).toEqual(['WsDocsSheetsSep18ccc']);
  });

  it('falls back to service_name for scope and components when no product is listed', () => {
    const doc = json(WS);
    doc[0].affected_products = [];
    const snap = value(parse(JSON.stringify(doc), NOW, ['gmail'], WORKSPACE));
    expect(snap.incidents[0]!.components).toEqual(['Gmail']);
  });
});

describe('gcp links and text helpers', () => {
  it('resolves uri against the feed directory, never leaving the dashboard', () => {
    expect(gcpDashboardRoot(CLOUD)).toBe('https://status.cloud.google.com/');
    expect(gcpDashboardRoot(WORKSPACE)).toBe('https://www.google.com/appsstatus/dashboard/');
    expect(gcpIncidentUrl(WORKSPACE, 'incidents/abc', 'abc')).toBe('https://www.google.com/appsstatus/dashboard/incidents/abc');
    expect(gcpIncidentUrl(CLOUD, null, 'a b')).toBe('https://status.cloud.google.com/incidents/a%20b');
    expect(gcpIncidentUrl(CLOUD, 'javascript:alert(1)', 'x')).toBe('https://status.cloud.google.com/');
    expect(gcpIncidentUrl(CLOUD, 'https://evil.example/incidents/x', 'x')).toBe('https://status.cloud.google.com/');
    expect(gcpIncidentUrl(WORKSPACE, '../../evil', 'x')).toBe('https://www.google.com/appsstatus/dashboard/');
    expect(gcpIncidentUrl('javascript:alert(1)', 'incidents/x', 'x')).toBeNull();
  });

  it('markdownToText', () => {
    expect(markdownToText('## \\# Incident Report\n## \\#\\# Summary\nText')).toBe('Incident Report\nSummary\nText');
    expect(markdownToText('**Summary**\nSee [the docs](https://cloud.google.com/x) for \\[details\\].')).toBe(
      'Summary\nSee the docs (https://cloud.google.com/x) for [details].',
    );
    expect(markdownToText('| a | b |\n| :---- | :---- |\n| 1 | 2 |')).toBe('| a | b |\n| 1 | 2 |');
    expect(markdownToText('<script>alert(1)</script>ok &lt;b&gt;')).toBe('ok <b>'); // entities are shown as text, never interpreted
    expect(markdownToText(42)).toBe('');
  });
});

describe('gcp broken bodies', () => {
  it.each([
    ['an HTML page', 'parse', '<!DOCTYPE html><html><body>Error 404</body></html>', /web page \(HTML\)/],
    ['an empty body', 'parse', '', /empty/],
    ['whitespace', 'parse', '  \n ', /empty/],
    ['null', 'schema', 'null', /expected shape/],
    ['an object', 'schema', '{"incidents":[]}', /expected shape/],
    ['a number', 'schema', '42', /expected shape/],
    ['a string', 'schema', '"incidents"', /expected shape/],
    ['truncated JSON', 'parse', '[{"id":"abc","begin":"2026-', /not valid JSON/],
    ['only non-incidents', 'schema', '[1, "two", null, [], {"no":"id"}]', /expected shape/],
  ])('%s → %s failure with a sentence', (_name, code, body, message) => {
    expectProblem(parse(body), code, message, /^the Google status feed/);
  });

  it('[] is healthy', () => {
    expect(value(parse('[]'))).toEqual({
      indicator: 'operational',
      description: null,
      components: [],
      incidents: [],
      maintenances: [],
      recent: [],
    });
  });

  it('a BOM and surrounding whitespace are tolerated', () => {
    expect(value(parse(`\uFEFF \n${raw(HISTORY)}\n`)).recent).toHaveLength(2);
  });

  it('huge nesting is refused without building it', () => {
    expect(problem(parse('['.repeat(5_000_000))).code).toBe('schema');
    expect(problem(parse(`[${'{"a":'.repeat(1_000_000)}1${'}'.repeat(1_000_000)}]`)).code).toBe('schema');
    // Brackets inside strings (with escaped quotes) do not count.
    const inString = JSON.stringify([{ id: 'x', external_desc: `\\"${'['.repeat(500)}` }]);
    expect(value(parse(inString, JULY_20)).incidents).toHaveLength(1);
  });

  it('an incident with wrong field types is skipped, the rest are read', () => {
    const doc = json(HISTORY);
    doc.unshift({ id: { not: 'an id' }, end: null, external_desc: 'bad id' });
    doc.unshift({ id: 'wrong-end-type', end: 12345, external_desc: 'end is a number' });
    doc.unshift('not an incident');
    const snap = value(parse(JSON.stringify(doc)));
    expect(snap.incidents).toEqual([]);
    expect(snap.recent).toHaveLength(2);
  });

  it('wrong-typed leaves read as absent', () => {
    const doc = json(HISTORY);
    Object.assign(doc[0], {
      end: null,
      external_desc: 7,
      severity: ['high'],
      status_impact: {},
      begin: 12,
      updates: 'nope',
      most_recent_update: 'nope',
      affected_products: 'nope',
      uri: 5,
    });
    const i = value(parse(JSON.stringify(doc))).incidents[0]!;
    expect(i).toMatchObject({
      id: '3BvH3LVGcupoYqV6F4Nw',
      title: 'Incident affecting Multiple Products',
      status: 'investigating',
      impact: null,
      startedAt: '2026-07-16T03:30:59.000Z', // begin unreadable → created
      updates: [],
      components: ['Multiple Products (europe-west4)'],
      url: 'https://status.cloud.google.com/incidents/3BvH3LVGcupoYqV6F4Nw',
    });
  });

  it('garbage dates: unreadable updates are dropped, unreadable times are null, a garbage end is closed but not recent', () => {
    const doc = json(HISTORY);
    Object.assign(doc[0], { end: undefined, begin: 'yesterday', created: 'soon', modified: '2026-13-45' });
    doc[0].updates[0].when = 'not a date';
    doc[0].updates[0].created = '';
    doc[1].end = 'whenever';
    const snap = value(parse(JSON.stringify(doc)));
    const i = snap.incidents[0]!;
    expect(i.startedAt).toBeNull();
    expect(i.createdAt).toBeNull();
    expect(i.updates).toHaveLength(11);
    expect(i.updatedAt).toBe('2026-07-18T00:22:37.000Z');
    expect(ids(snap.recent)).toEqual([]); // doc[1] ended "whenever": closed, but cannot be placed in time
  });

  it('hostile HTML in texts is never passed through; javascript: links are dropped', () => {
    const doc = json(HISTORY);
    Object.assign(doc[0], {
      end: null,
      external_desc: '<img src=x onerror=alert(1)>Outage<script>alert(1)</script>',
      uri: 'javascript:alert(1)',
      affected_products: [{ title: '<b onmouseover=alert(1)>Compute</b>', id: 'p' }],
    });
    doc[0].updates[0].text = '<iframe src="javascript:alert(1)"></iframe><p>We <em>are</em> on it</p><a href="javascript:alert(1)">x</a>';
    const i = value(parse(JSON.stringify(doc))).incidents[0]!;
    expect(i.title).toBe('Outage');
    expect(i.url).toBe('https://status.cloud.google.com/');
    expect(i.components[0]).toBe('Compute (europe-west4)');
    expect(i.updates[0]!.text).toBe('We are on it\n\nx');
    for (const s of [i.title, ...i.components, ...i.updates.map((u) => u.text)]) expect(s).not.toContain('<');
  });

  it('normaliseGcpIncident never throws on junk', () => {
    for (const junk of [null, undefined, 1, 'x', [], {}, { id: '' }, { id: 'x', updates: [null, 1, { when: 5 }] }]) {
      expect(() => normaliseGcpIncident(junk, { feedUrl: CLOUD })).not.toThrow();
    }
    expect(normaliseGcpIncident({ id: 'x' }, { feedUrl: CLOUD })).toMatchObject({ id: 'x', title: 'Incident', status: 'investigating' });
  });
});

describe('gcp — synthetic 5 MB history', () => {
  // The real capture repeated with new ids (and uris) until the body exceeds 5 MB; the copies keep
  // the real dates, so with "now" = 2026-07-20 half of them (two per copy) ended within 7 days.
  const real = json(HISTORY);
  const copies: any[] = [];
  let k = 0;
  let body = '';
  while (body.length <= 5 * 1024 * 1024) {
    for (const inc of real) {
      const c = structuredClone(inc);
      c.id = `${inc.id}-${k}`;
      c.uri = `incidents/${c.id}`;
      copies.push(c);
    }
    k++;
    body = JSON.stringify(copies);
  }
  // One open incident somewhere in the middle.
  const open = structuredClone(real[1]);
  open.id = 'open-one';
  delete open.end;
  copies.splice(Math.floor(copies.length / 2), 0, open);
  body = JSON.stringify(copies);

  it('parses correctly: one open incident, recent bounded and newest first', () => {
    expect(body.length).toBeGreaterThan(5 * 1024 * 1024);
    const snap = value(parse(body));
    expect(ids(snap.incidents)).toEqual(['open-one']);
    expect(snap.incidents[0]!.updates).toHaveLength(11); // its texts fit the budget: kept in full
    expect(snap.indicator).toBe('partial_outage');
    expect(snap.recent).toHaveLength(MAX_RECENT);
    const ends = snap.recent.map((i) => Date.parse(i.resolvedAt!));
    expect([...ends].sort((a, b) => b - a)).toEqual(ends);
    expect(new Set(ids(snap.recent)).size).toBe(MAX_RECENT);
    // Past the text budget an incident keeps its newest and oldest update, as short previews.
    const last = snap.recent.at(-1)!;
    expect(last.updates).toHaveLength(2);
    expect(last.updatedAt).toBe(last.updates[0]!.at);
    expect(last.updates[1]!.status).toBe('investigating');
    for (const u of last.updates) expect(u.text.length).toBeLessThanOrEqual(PREVIEW_TEXT);
    // The most recently ended incident comes first and is kept whole.
    expect(snap.recent[0]!.updates).toHaveLength(12);
    for (const i of snap.recent) expect(i.updates[0]!.text.length).toBeGreaterThan(0);
  });

  it('with a scope, and when nothing is recent', () => {
    expect(ids(value(parse(body, JULY_20, ['Bare Metal Solution'])).recent)).toHaveLength(MAX_RECENT);
    const later = value(parse(body, Date.parse('2026-09-20T00:00:00Z'), ['Google Compute Engine']));
    expect(later.incidents).toEqual([]);
    expect(later.recent).toEqual([]);
  });

  it('costs about as much as JSON.parse itself (loose bound; the real benchmark is elsewhere)', () => {
    const best = (f: () => unknown): number => {
      let min = Infinity;
      for (let n = 0; n < 7; n++) {
        const t0 = performance.now();
        f();
        min = Math.min(min, performance.now() - t0);
      }
      return min;
    };
    const later = Date.parse('2026-09-20T00:00:00Z');
    const jsonParse = best(() => JSON.parse(body));
    const adapter = best(() => parse(body, later));
    expect(adapter).toBeLessThan(jsonParse * 4 + 20);
  });
});
