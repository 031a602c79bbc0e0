/**
 * Microsoft 365 consumer status adapter. No untouched capture of `/api/posts/m365Consumer` was
 * found: the main fixture is doc-derived (field names and the ten service names from a 2026-09-18
 * live investigation of status.cloud.microsoft; statuses and texts made up, see
 * test/fixtures/feeds/PROVENANCE.md). The sibling `/api/posts/mac` body quoted verbatim in the same
 * investigation is used as the "wrong route" case. Variants are built inline from deep copies.
 */
import { describe, expect, it } from 'vitest';
import type { OfficialSnapshot } from '../../../core/model';
import { m365Adapter, mapM365Status } from '../../../core/official/m365';
import { freshVerdict, json, parserFor, expectProblem, problem, raw, value, expectJsonFeedAt } from './helpers';

const FEED = 'https://status.cloud.microsoft/api/posts/m365Consumer';
const NOW = Date.parse('2026-09-18T21:24:30Z');
const ctx = { now: NOW, baseUrl: FEED };

const MIXED = 'm365-consumer-posts-doc-derived-mixed.json';
const MAC = 'm365-posts-mac-available-verbatim.json';

const parse = parserFor(m365Adapter, ctx);
const row = (body: any[], name: string): any => body.find((r) => r.ServiceDisplayName === name);

const verdictOf = (snapshot: OfficialSnapshot, now = NOW) => freshVerdict(snapshot, now).verdict;

describe('m365 endpoints', () => {
  it('reads the feed URL itself, as JSON', () => {
    expectJsonFeedAt(m365Adapter, 'm365', FEED);
  });
});

describe('m365 — the whole consumer feed (doc-derived)', () => {
  const snap = value(parse(raw(MIXED)));

  it('one component per service row', () => {
    expect(snap.components).toHaveLength(10);
    expect(snap.components.map((c) => [c.name, c.status])).toEqual([
      ['Microsoft 365 (Consumer)', 'operational'],
      ['Microsoft Copilot', 'major_outage'],
      ['Microsoft Lists', 'operational'],
      ['Microsoft Teams Free', 'operational'],
      ['Microsoft To-Do', 'operational'],
      ['Microsoft Whiteboard', 'operational'],
      ['Office for the web (Consumer)', 'operational'],
      ['OneDrive', 'operational'],
      ['Outlook.com', 'degraded'],
      ['Phone Link', 'operational'],
    ]);
    expect(snap.indicator).toBe('major_outage');
    expect(snap.description).toBeNull();
    expect(snap.maintenances).toEqual([]);
  });

  it('degradation and interruption rows are open incidents; restored is recent', () => {
    expect(snap.incidents.map((i) => [i.id, i.status, i.impact, i.components])).toEqual([
      ['doc-derived-02', 'investigating', 'major', ['Microsoft Copilot']],
      ['doc-derived-09', 'investigating', 'minor', ['Outlook.com']],
    ]);
    expect(snap.recent.map((i) => [i.id, i.status, i.impact, i.resolvedAt])).toEqual([
      ['doc-derived-04', 'resolved', null, '2026-09-18T20:31:00.000Z'],
    ]);
  });

  it('the Outlook.com incident in full: dated by AuthoredDateTime, HTML message as text', () => {
    expect(snap.incidents[1]).toEqual({
      id: 'doc-derived-09',
      title: 'Some users may be unable to access their Outlook.com mailbox',
      kind: 'incident',
      status: 'investigating',
      impact: 'minor',
      startedAt: '2026-09-18T20:52:10.000Z',
      createdAt: '2026-09-18T20:52:10.000Z',
      updatedAt: '2026-09-18T20:52:10.000Z',
      resolvedAt: null,
      scheduledFor: null,
      scheduledUntil: null,
      updates: [
        {
          at: '2026-09-18T20:52:10.000Z',
          status: 'investigating',
          text: "We're investigating reports that some users can't load their mailbox on Outlook.com.\nWe'll provide an update within 60 minutes.",
        },
      ],
      components: ['Outlook.com'],
      url: 'https://status.cloud.microsoft/',
    });
  });

  it('the response clock (LastUpdatedTime, InternalDateTime) changes nothing in the reading', () => {
    const later = json(MIXED).map((r: any) => ({
      ...r,
      LastUpdatedTime: '2026-09-18T21:29:01.123456+00:00',
      InternalDateTime: '2026-09-18T21:32:55+00:00',
    }));
    expect(value(parse(later))).toEqual(snap);
  });
});

describe('m365 scope (ServiceDisplayName)', () => {
  it('Outlook.com: only its row, degraded, its incident', () => {
    const s = value(parse(raw(MIXED), ['Outlook.com']));
    expect(s.components).toEqual([{ id: 'Outlook.com', name: 'Outlook.com', status: 'degraded', group: null }]);
    expect(s.indicator).toBe('degraded');
    expect(s.incidents.map((i) => i.id)).toEqual(['doc-derived-09']);
    expect(s.recent).toEqual([]);
    expect(verdictOf(s)).toBe('acknowledged');
  });

  it('Teams Free (case-insensitive): restored 53 min ago → resolved; OneDrive → ok', () => {
    const teams = value(parse(raw(MIXED), ['microsoft teams free']));
    expect(teams.components.map((c) => [c.name, c.status])).toEqual([['Microsoft Teams Free', 'operational']]);
    expect(teams.incidents).toEqual([]);
    expect(verdictOf(teams)).toBe('resolved');
    expect(verdictOf(value(parse(raw(MIXED), ['OneDrive'])))).toBe('ok');
  });

  it('matches whole names only, and a scope that matches no row fails (never "operational")', () => {
    expectProblem(parse(raw(MIXED), ['Teams']), 'schema', 'the status feed no longer lists “Teams” — the provider may have renamed it');
  });

  it('also matches ServiceWorkloadName when a row has one', () => {
    const body = json(MIXED);
    row(body, 'Outlook.com').ServiceWorkloadName = 'OutlookConsumer';
    const s = value(parse(body, ['outlookconsumer']));
    expect(s.components).toEqual([{ id: 'OutlookConsumer', name: 'Outlook.com', status: 'degraded', group: null }]);
  });
});

describe('m365 status words and times', () => {
  it('maps every known word; unknown words are unknown', () => {
    const words = [
      'Operational',
      'Available',
      'Service restored',
      'Resolved',
      'Service degradation',
      'Service interruption',
      'Investigating',
      'Restoring service',
      'Extended recovery',
      'Unknown',
      'ServiceDegradation',
      '  service   DEGRADATION ',
    ];
    expect(words.map((w) => mapM365Status(w).component)).toEqual([
      'operational',
      'operational',
      'operational',
      'operational',
      'degraded',
      'major_outage',
      'degraded',
      'degraded',
      'degraded',
      'unknown',
      'unknown',
      'degraded',
    ]);
  });

  it('without AuthoredDateTime: the text is dated by the response clock, but no start or resolution is', () => {
    const body = json(MIXED);
    delete row(body, 'Outlook.com').AuthoredDateTime;
    delete row(body, 'Microsoft Teams Free').AuthoredDateTime;
    const out = value(parse(body, ['Outlook.com'])).incidents[0]!;
    expect(out).toMatchObject({ startedAt: null, createdAt: null, updatedAt: '2026-09-18T21:24:00.490Z' });
    expect(out.updates[0]!.at).toBe('2026-09-18T21:24:00.490Z');
    const teams = value(parse(body, ['Microsoft Teams Free']));
    expect(teams.recent[0]!.resolvedAt).toBeNull();
    expect(verdictOf(teams)).toBe('ok'); // never "resolved just now" from the response clock
  });

  it('a service whose only status word is unreadable fails with the word, not "operational"', () => {
    const body = json(MIXED);
    row(body, 'OneDrive').Status = 'Unknown';
    row(body, 'Phone Link').Status = 'Degraded-ish';
    expect(problem(parse(body, ['OneDrive'])).message).toBe(
      'the status feed gives a status we cannot read (“Unknown”) — it may have changed',
    );
    expect(problem(parse(body, ['Phone Link'])).message).toContain('“Degraded-ish”');
    // In the whole feed, the readable rows still speak; the unreadable ones are unknown.
    const all = value(parse(body));
    expect(all.components.filter((c) => c.status === 'unknown').map((c) => c.name)).toEqual(['OneDrive', 'Phone Link']);
  });

  it('an incident row without a title is named from the service and its status', () => {
    const body = json(MIXED);
    row(body, 'Outlook.com').Title = '';
    expect(value(parse(body, ['Outlook.com'])).incidents[0]!.title).toBe('Outlook.com — Service degradation');
  });
});

describe('m365 broken bodies', () => {
  it.each([
    [
      'an HTML page with 200 (the SPA shell)',
      '<!DOCTYPE html><html><body><div id="root"></div></body></html>',
      'parse',
      'the status feed answered with a web page (HTML) instead of JSON — the page may have moved',
    ],
    ['an empty body', '', 'parse', 'the status feed was empty'],
    ['null', 'null', 'schema', 'the status feed no longer has the expected shape — the provider may have changed platform'],
    ['a number', '42', 'schema', 'the status feed no longer has the expected shape — the provider may have changed platform'],
    ['an object', '{"value":[]}', 'schema', 'the status feed no longer has the expected shape — the provider may have changed platform'],
    ['an empty list', '[]', 'schema', 'the status feed lists no services — it may have changed'],
    [
      'a list of garbage',
      '[1,"x",null]',
      'schema',
      'the status feed no longer has the expected shape — the provider may have changed platform',
    ],
    ['truncated JSON', '[{"ServiceDisplayName":"Outlook.com"', 'parse', 'the status feed is not valid JSON'],
  ])('%s → %s failure', (_label, body, code, message) => {
    expectProblem(parse(body), code, message);
  });

  it('the sibling /api/posts/mac body (one object, no service names) is the wrong shape', () => {
    expectProblem(parse(raw(MAC)), 'schema');
  });

  it('fails without throwing when the body is missing', () => {
    expect(problem(m365Adapter.parse([], ctx)).code).toBe('internal');
    expect(problem(m365Adapter.parse([undefined as unknown as string], ctx)).code).toBe('parse');
  });

  it('skips rows with wrong field types; a wrong-typed Status reads as unknown', () => {
    const body = json(MIXED);
    body.push(7, { ServiceDisplayName: 12, Status: 'Available' }, { ServiceDisplayName: 'Skype', Status: 3, Title: ['x'] });
    const s = value(parse(body));
    expect(s.components).toHaveLength(11);
    expect(s.components[10]).toEqual({ id: 'Skype', name: 'Skype', status: 'unknown', group: null });
  });

  it('garbage dates become null', () => {
    const body = json(MIXED);
    row(body, 'Outlook.com').AuthoredDateTime = 'Thursday';
    row(body, 'Outlook.com').LastUpdatedTime = '2026-02-30T10:00:00+00:00';
    const i = value(parse(body, ['Outlook.com'])).incidents[0]!;
    expect(i).toMatchObject({ startedAt: null, createdAt: null, updatedAt: null, updates: [] });
  });

  it('hostile markup becomes plain text; links in messages never become the incident link', () => {
    const body = json(MIXED);
    const r = row(body, 'Outlook.com');
    r.Title = '<img src=x onerror="alert(1)">Mail <b>down</b>';
    r.Message = '<script>alert(1)</script><div>Use <a href="javascript:alert(2)">this</a> instead</div>';
    const i = value(parse(body, ['Outlook.com'])).incidents[0]!;
    expect(i.title).toBe('Mail down');
    expect(i.updates[0]!.text).toBe('Use this instead');
    expect([i.title, i.updates[0]!.text].some((t) => t.includes('<'))).toBe(false);
    expect(i.url).toBe('https://status.cloud.microsoft/');
    // Microsoft's real message markup (from the mac post) reads cleanly too.
    r.Message = json(MAC).Message;
    expect(value(parse(body, ['Outlook.com'])).incidents[0]!.updates[0]!.text).toBe(
      'This site is updated when service issues are preventing tenant administrators from accessing Service health in the Microsoft 365 admin center. Alternatively, customers can reference https://www.twitter.com/MSFT365Status for additional insights into widespread, active incidents.',
    );
  });

  it('huge nesting fails with a schema problem, without throwing', () => {
    const deep = '['.repeat(2_500_000) + ']'.repeat(2_500_000);
    expect(problem(parse(deep)).code).toBe('schema');
    expect(problem(parse(`[{"Message":${deep}}]`)).code).toBe('schema');
    expect(problem(parse('[' + '{"a":'.repeat(1_000_000) + '1' + '}'.repeat(1_000_000) + ']')).code).toBe('schema');
  });
});
