/**
 * Apple System Status adapter: the partial real developer-feed events (verbatim events in a
 * reconstructed wrapper) and a doc-derived consumer file served as JSONP (test/fixtures/feeds,
 * see PROVENANCE.md there), plus broken variants written inline from deep copies.
 */
import { describe, expect, it } from 'vitest';
import type { OfficialSnapshot, Result } from '../../../core/model';
import { APPLE_CONSUMER_PAGE, APPLE_DEVELOPER_PAGE, appleAdapter, appleStatusPage, mapAppleImpact } from '../../../core/official/apple';
import { stripJsonp } from '../../../core/official/kit';
import { raw, value, expectProblem, problem } from './helpers';

const DEV_URL = 'https://www.apple.com/support/systemstatus/data/developer/system_status_en_US.js';
const CONSUMER_URL = 'https://www.apple.com/support/systemstatus/data/system_status_en_US.js';
const DEV = 'apple-systemstatus-developer-events-ongoing-resolved-202207.partial.json';
const CONSUMER = 'apple-systemstatus-consumer-icloud-outage.doc-derived.jsonp';
/** The consumer fixture's JSON object, unwrapped. */
const consumerDoc = (): any => JSON.parse(stripJsonp(raw(CONSUMER))!);
const devDoc = (): any => JSON.parse(raw(DEV));

const DEV_NOW = Date.parse('2022-07-27T18:00:00Z');
const NOW = Date.parse('2026-09-20T12:00:00Z');
const parseDev = (body: string, scope?: string[], now = DEV_NOW): Result<OfficialSnapshot> =>
  appleAdapter.parse([body], { now, baseUrl: DEV_URL, ...(scope ? { scope } : {}) });
const parse = (body: string, scope?: string[], now = NOW): Result<OfficialSnapshot> =>
  appleAdapter.parse([body], { now, baseUrl: CONSUMER_URL, ...(scope ? { scope } : {}) });
const ids = (list: { id: string }[]) => list.map((i) => i.id);

describe('apple endpoints', () => {
  it('reads the feed URL itself as text (it may be JSONP)', () => {
    expect(appleAdapter.kind).toBe('apple');
    expect(appleAdapter.endpoints(DEV_URL)).toEqual([{ url: DEV_URL, expect: 'text' }]);
    expect(appleStatusPage(DEV_URL)).toBe(APPLE_DEVELOPER_PAGE);
    expect(appleStatusPage(CONSUMER_URL)).toBe(APPLE_CONSUMER_PAGE);
  });
});

describe('apple — developer feed events of 2022-07-27 (real events, reconstructed wrapper)', () => {
  const snap = value(parseDev(raw(DEV)));

  it('one ongoing Issue; the Performance event of the day before is recent; the 2017 one is not', () => {
    expect(snap.indicator).toBe('partial_outage');
    expect(snap.description).toBeNull();
    expect(ids(snap.incidents)).toEqual(['2000001581']);
    expect(ids(snap.recent)).toEqual(['2000001579']);
    expect(snap.maintenances).toEqual([]);
  });

  it('normalises the ongoing App Store Connect event from the epoch fields', () => {
    expect(snap.incidents[0]).toEqual({
      id: '2000001581',
      title: 'App Store Connect - App Processing: Issue',
      kind: 'incident',
      status: 'investigating',
      impact: 'major',
      startedAt: '2022-07-27T16:40:00.000Z', // "07/27/2022 09:40 PDT"
      createdAt: null,
      updatedAt: '2022-07-27T16:40:00.000Z',
      resolvedAt: null,
      scheduledFor: null,
      scheduledUntil: null,
      updates: [
        {
          at: '2022-07-27T16:40:00.000Z',
          status: 'investigating',
          text: 'Users are experiencing a problem with this service. We are working to resolve this issue.\n\nSome users are affected',
        },
      ],
      // "App Store Connect - App Processing " (trailing space) is the same service.
      components: ['App Store Connect - App Processing', 'App Store Connect - App Upload'],
      url: APPLE_DEVELOPER_PAGE,
    });
  });

  it('normalises the resolved Performance event', () => {
    expect(snap.recent[0]).toMatchObject({
      title: 'App Store Connect - App Processing: Performance issue',
      status: 'resolved',
      impact: 'minor',
      startedAt: '2022-07-26T20:48:00.000Z', // "07/26/2022 13:48 PDT"
      resolvedAt: '2022-07-27T00:27:00.000Z', // "07/26/2022 17:27 PDT"
      updates: [
        {
          at: '2022-07-27T00:27:00.000Z',
          status: 'resolved',
          text: 'Users experienced a problem with this service.\n\nSome users were affected',
        },
      ],
    });
  });

  it('components: every service with the worst status of its open events', () => {
    expect(snap.components).toEqual([
      { id: 'App Store Connect - App Processing', name: 'App Store Connect - App Processing', status: 'partial_outage', group: null },
      { id: 'TestFlight', name: 'TestFlight', status: 'operational', group: null },
    ]);
  });

  it('scope', () => {
    const tf = value(parseDev(raw(DEV), ['TestFlight']));
    expect(tf.incidents).toEqual([]);
    expect(tf.indicator).toBe('operational');
    expect(tf.components.map((c) => c.name)).toEqual(['TestFlight']);
    // A service named only in affectedServices still counts.
    const upload = value(parseDev(raw(DEV), ['app store connect - app upload']));
    expect(ids(upload.incidents)).toEqual(['2000001581']);
    expect(upload.incidents[0]!.title).toBe('App Store Connect - App Upload: Issue');
    expect(upload.components).toEqual([]);
  });

  it('the same document as JSONP reads the same', () => {
    const body = raw(DEV);
    for (const wrapped of [
      `jsonCallback(${body});`,
      `/**/ jsonCallback(\n${body}\n)`,
      ` \uFEFFjsonCallback(${body}) ; \n`,
      `window.x.cb(${body})`,
    ]) {
      expect(value(parseDev(wrapped))).toEqual(snap);
    }
  });
});

describe('apple — consumer feed as JSONP (doc-derived)', () => {
  const snap = value(parse(raw(CONSUMER)));

  it('an iCloud outage listed under two services is one incident; Siri slow; App Store recent; Music maintenance upcoming', () => {
    expect(snap.indicator).toBe('major_outage');
    expect(ids(snap.incidents)).toEqual(['3000012347', '3000012345']);
    const icloud = snap.incidents[1]!;
    expect(icloud).toMatchObject({
      title: 'iCloud Drive: Outage',
      status: 'investigating',
      impact: 'critical',
      startedAt: '2026-09-20T08:05:00.000Z',
      components: ['iCloud Drive', 'iCloud Mail'],
      url: APPLE_CONSUMER_PAGE,
    });
    expect(snap.incidents[0]).toMatchObject({ title: 'Siri: Performance issue', impact: 'minor', components: ['Siri'] });
    expect(ids(snap.recent)).toEqual(['3000012340']);
    expect(snap.recent[0]).toMatchObject({ status: 'resolved', resolvedAt: '2026-09-19T15:25:00.000Z', impact: 'major' });
    expect(snap.maintenances).toHaveLength(1);
    expect(snap.maintenances[0]).toMatchObject({
      id: '3000012346',
      title: 'Apple Music: Maintenance',
      kind: 'maintenance',
      status: 'scheduled',
      impact: 'maintenance',
      scheduledFor: '2026-09-22T06:00:00.000Z',
      scheduledUntil: '2026-09-22T09:00:00.000Z',
    });
    expect(Object.fromEntries(snap.components.map((c) => [c.name, c.status]))).toEqual({
      'App Store': 'operational',
      'Apple Music': 'operational',
      'Apple Pay & Wallet': 'operational',
      'iCloud Drive': 'major_outage',
      'iCloud Mail': 'major_outage',
      Siri: 'degraded',
    });
  });

  it('scope: iCloud Mail sees the shared outage under its own name; Apple Pay sees nothing', () => {
    const mail = value(parse(raw(CONSUMER), ['iCloud Mail']));
    expect(ids(mail.incidents)).toEqual(['3000012345']);
    expect(mail.incidents[0]!.title).toBe('iCloud Mail: Outage');
    expect(mail.components).toEqual([{ id: 'iCloud Mail', name: 'iCloud Mail', status: 'major_outage', group: null }]);
    expect(mail.maintenances).toEqual([]);
    const pay = value(parse(raw(CONSUMER), ['Apple Pay & Wallet']));
    expect(pay.indicator).toBe('operational');
    expect(pay.incidents).toEqual([]);
    expect(pay.recent).toEqual([]);
    const music = value(parse(raw(CONSUMER), ['apple music']));
    expect(ids(music.maintenances)).toEqual(['3000012346']);
  });

  it('a maintenance Apple marks ongoing is in progress', () => {
    const doc = consumerDoc();
    doc.services[1].events[0].eventStatus = 'ongoing';
    const s = value(parse(JSON.stringify(doc), ['Apple Music'], Date.parse('2026-09-22T07:00:00Z')));
    expect(s.maintenances[0]).toMatchObject({ status: 'in_progress', kind: 'maintenance' });
    expect(s.indicator).toBe('maintenance');
    expect(s.components[0]!.status).toBe('maintenance');
  });

  it('completed maintenance and an unknown status word', () => {
    const doc = consumerDoc();
    doc.services[1].events[0].eventStatus = 'completed';
    doc.services[5].events[0].eventStatus = 'investigating?';
    const s = value(parse(JSON.stringify(doc), undefined, Date.parse('2026-09-22T12:00:00Z')));
    expect(s.maintenances).toEqual([]);
    expect(s.recent.find((i) => i.id === '3000012346')).toMatchObject({ kind: 'maintenance', status: 'completed' });
    // Unknown word, no end: still open.
    expect(s.incidents.find((i) => i.id === '3000012347')!.status).toBe('investigating');
  });

  it('statusType → impact', () => {
    expect(['Outage', 'issue', 'Performance', 'Maintenance', 'Available', 'Weird', null].map(mapAppleImpact)).toEqual([
      'critical',
      'major',
      'minor',
      'maintenance',
      'none',
      null,
      null,
    ]);
  });

  it('no events at all: operational', () => {
    const doc = consumerDoc();
    for (const s of doc.services) s.events = [];
    const s = value(parse(`jsonCallback(${JSON.stringify(doc)});`));
    expect(s.indicator).toBe('operational');
    expect(s.incidents).toEqual([]);
    expect(s.components.every((c) => c.status === 'operational')).toBe(true);
    expect(value(parse('{"services":[]}')).indicator).toBe('operational');
  });
});

describe('apple broken bodies', () => {
  it.each([
    ['an HTML page', 'parse', '<!DOCTYPE html><html><body>Apple</body></html>', /web page \(HTML\)/],
    ['an empty body', 'parse', '', /empty/],
    ['null', 'schema', 'null', /expected shape/],
    ['JSONP of null', 'schema', 'jsonCallback(null);', /expected shape/],
    ['an array', 'schema', '[]', /expected shape/],
    ['no services', 'schema', '{"drpost":false}', /expected shape/],
    ['services not a list', 'schema', '{"services":{"a":1}}', /expected shape/],
    ['only junk services', 'schema', '{"services":[1,"x",{"serviceName":""},{"events":[]}]}', /expected shape/],
    ['an unclosed callback', 'parse', 'jsonCallback({"services":[]}', /not valid JSON/],
    ['code after the callback', 'parse', 'jsonCallback({"services":[]}); alert(1)', /not valid JSON/],
    ['truncated JSON', 'parse', '{"services":[{"serviceName":"iCloud', /not valid JSON/],
  ])('%s → %s failure', (_n, code, b, message) => {
    expectProblem(parse(b), code, message, /^the Apple system status feed/);
  });

  it('huge nesting is refused (the shared nesting guard), JSONP or not', () => {
    expect(problem(parse(`{"services":${'['.repeat(2_000_000)}`)).code).toBe('schema');
    expect(problem(parse(`jsonCallback({"services":${'['.repeat(2_000_000)}${']'.repeat(2_000_000)}});`)).code).toBe('schema');
  });

  it('an event with wrong field types is skipped; wrong-typed leaves read as absent', () => {
    const doc = devDoc();
    doc.services[0].events.unshift({ messageId: { x: 1 }, epochStartDate: 'soon', eventStatus: 'ongoing' }); // cannot be named: skipped
    doc.services[0].events.unshift('not an event');
    doc.services.unshift({ serviceName: 42, events: [] }); // not a service: skipped
    Object.assign(doc.services[2].events[0], {
      statusType: 5,
      message: ['x'],
      usersAffected: 1,
      eventStatus: 'ongoing',
      epochEndDate: null,
    });
    const s = value(parseDev(JSON.stringify(doc)));
    expect(ids(s.incidents)).toEqual(['2000001581', '1914']);
    expect(s.incidents[1]).toMatchObject({ title: 'TestFlight: Event', impact: null, updates: [] });
    expect(s.components.map((c) => c.name)).toEqual(['App Store Connect - App Processing', 'TestFlight']);
  });

  it('garbage dates: times null, no update that cannot be placed, never recent', () => {
    const doc = devDoc();
    doc.services[0].events[0].epochStartDate = 'not a date';
    doc.services[0].events[1].epochEndDate = -1;
    doc.services[0].events[1].epochStartDate = 1e20;
    const s = value(parseDev(JSON.stringify(doc)));
    expect(s.incidents[0]).toMatchObject({ id: '2000001581', startedAt: null, updatedAt: null, updates: [] });
    expect(s.recent).toEqual([]);
    // Epoch seconds would be read as seconds too (magnitude), though Apple uses milliseconds.
    doc.services[0].events[0].epochStartDate = 1658940000;
    expect(value(parseDev(JSON.stringify(doc))).incidents[0]!.startedAt).toBe('2022-07-27T16:40:00.000Z');
  });

  it('hostile HTML in texts is never passed through', () => {
    const doc = devDoc();
    const e = doc.services[0].events[0];
    e.message = '<script>alert(1)</script><p>Users <b>cannot</b> log in</p><img src=x onerror=alert(1)>';
    e.usersAffected = '<a href="javascript:alert(1)">All users</a>';
    e.affectedServices = ['<i>Xcode Cloud</i>'];
    doc.services[0].serviceName = '<b onclick=alert(1)>App Store Connect</b>';
    const i = value(parseDev(JSON.stringify(doc))).incidents[0]!;
    expect(i.title).toBe('App Store Connect: Issue');
    expect(i.components).toEqual(['App Store Connect', 'Xcode Cloud']);
    expect(i.updates[0]!.text).toBe('Users cannot log in\n\nAll users');
    for (const s of [i.title, ...i.components, ...i.updates.map((u) => u.text)]) expect(s).not.toContain('<');
    expect(i.url).toBe(APPLE_DEVELOPER_PAGE);
  });

  it('stripJsonp', () => {
    expect(stripJsonp('{"a":1}')).toBe('{"a":1}');
    expect(stripJsonp('cb({"a":1});')).toBe('{"a":1}');
    expect(stripJsonp('cb({"a":")"})')).toBe('{"a":")"}');
    expect(stripJsonp('cb({"a":1}')).toBeNull();
    // Code after the call leaves something that is not JSON (the adapter then fails with 'parse').
    expect(() => JSON.parse(stripJsonp('cb({"a":1}); x()') ?? '')).toThrow();
    expect(stripJsonp('<html>')).toBe('<html>');
  });
});
