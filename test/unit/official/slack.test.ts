/**
 * Slack status API v2 adapter: the real `current` ("ok") and `history` captures
 * (test/fixtures/feeds, see PROVENANCE.md there). No real `current` document with an active
 * incident exists, so the active documents here are ASSEMBLED INLINE: the envelope of the real
 * ok document with `status` set to "active", and incidents taken from the real history with
 * their `status` set to "active" (and, where said, their resolution note removed). The shape of
 * an active document is Slack's documented one (`active_incidents[]` of history-shaped incidents).
 */
import { describe, expect, it } from 'vitest';
import type { OfficialSnapshot, Result } from '../../../core/model';
import { isSlackMaintenance, mapSlackImpact, normaliseSlackIncident, slackAdapter, slackStatusHome } from '../../../core/official/slack';
import { raw, json, value, expectProblem, problem, expectJsonFeedAt } from './helpers';

const URL_ = 'https://slack-status.com/api/v2.0.0/current';
const OK = 'slack-v2-current-ok.json';
const HISTORY = 'slack-v2-history-resolved-trimmed.json';

/** Half an hour after the Help-page chat incident's second note (2026-06-26T02:41:18-07:00). */
const NOW = Date.parse('2026-06-26T10:10:00Z');
const parse = (body: string, scope?: string[], now = NOW): Result<OfficialSnapshot> =>
  slackAdapter.parse([body], { now, baseUrl: URL_, ...(scope ? { scope } : {}) });

/** The real ok envelope with status "active" and the given incidents (see the header comment). */
function activeDoc(incidents: any[]): string {
  const doc = json(OK);
  doc.status = 'active';
  doc.active_incidents = incidents;
  return JSON.stringify(doc);
}
/** A real history incident made active: status "active", resolution (last) note removed. */
function activated(index: number): any {
  const i = json(HISTORY)[index];
  i.status = 'active';
  i.notes = i.notes.slice(0, -1);
  return i;
}

describe('slack endpoints', () => {
  it('reads the feed URL itself as JSON', () => {
    expectJsonFeedAt(slackAdapter, 'slack', URL_);
  });
});

describe('slack — current "ok" (real)', () => {
  it('is operational with nothing listed', () => {
    expect(value(parse(raw(OK)))).toEqual({
      indicator: 'operational',
      description: null,
      components: [],
      incidents: [],
      maintenances: [],
      recent: [],
    });
  });

  it('an older "ok" answer without active_incidents is fine too (documented v1 shape)', () => {
    expect(
      value(parse('{"status":"ok","date_created":"2018-09-07T18:34:15-07:00","date_updated":"2018-09-07T18:34:15-07:00"}')).indicator,
    ).toBe('operational');
  });
});

describe('slack — active incident (assembled from the real history)', () => {
  const snap = value(parse(activeDoc([activated(0)])));

  it('one open incident, partial outage', () => {
    expect(snap.indicator).toBe('partial_outage');
    expect(snap.incidents).toHaveLength(1);
    expect(snap.recent).toEqual([]);
    expect(snap.maintenances).toEqual([]);
  });

  it('normalises incident 1571 with -07:00 offsets in UTC and notes newest first', () => {
    const i = snap.incidents[0]!;
    expect(i).toMatchObject({
      id: '1571',
      title: 'Chat functionality unavailable on Slack Help page', // trailing space trimmed
      kind: 'incident',
      status: 'investigating',
      impact: 'major',
      startedAt: '2026-06-26T09:12:20.000Z',
      createdAt: '2026-06-26T09:12:20.000Z',
      updatedAt: '2026-06-26T09:41:18.000Z',
      resolvedAt: null,
      scheduledFor: null,
      scheduledUntil: null,
      components: [],
      url: 'https://slack-status.com/2026-06/4e79ab0c89aa4be0',
    });
    expect(i.updates.map((u) => [u.at, u.status])).toEqual([
      ['2026-06-26T09:41:18.000Z', 'unknown'],
      ['2026-06-26T09:12:20.000Z', 'investigating'],
    ]);
    expect(i.updates[1]!.text).toBe(
      "We're aware of an issue affecting users ability to reach our Slack Support team via the Chat functionality on the Slack Help page. Users will be unable to click on the ‘Chat’ option and will see a ‘Chat is temporarily unavailable. Please send us a message or check back later’ error message.\n\nWe're working to resolve this issue and will provide an update in 30 minutes or sooner if additional information becomes available.",
    );
    expect(i.updates[0]!.text).toContain('here: https://slack.com/intl/en-gb/help/requests/new . A member of the Slack team');
    expect(i.updates[0]!.text).not.toContain('<');
  });

  it('notes are sorted by time whatever their order in the feed', () => {
    const inc = activated(1);
    inc.notes.reverse();
    const i = value(parse(activeDoc([inc]))).incidents[0]!;
    expect(i.updates.map((u) => u.at)).toEqual([
      '2026-06-21T17:33:48.000Z',
      '2026-06-18T22:30:57.000Z',
      '2026-06-17T19:38:43.000Z',
      '2026-06-16T16:48:02.000Z',
      '2026-06-16T15:50:09.000Z',
    ]);
    expect(i.updates.at(-1)!.status).toBe('investigating');
    expect(i.components).toEqual(['Workflows']);
  });

  it('a resolved incident still listed: recent (within 7 days), resolution note "resolved"', () => {
    const resolved = json(HISTORY)[0];
    const s = value(parse(activeDoc([resolved, activated(2)])));
    expect(s.incidents.map((i) => i.id)).toEqual(['1570']);
    expect(s.recent.map((i) => i.id)).toEqual(['1571']);
    const r = s.recent[0]!;
    expect(r).toMatchObject({ status: 'resolved', resolvedAt: '2026-06-26T10:09:39.000Z', updatedAt: '2026-06-26T10:09:39.000Z' });
    expect(r.updates.map((u) => u.status)).toEqual(['resolved', 'unknown', 'investigating']);
    // Eight days later it is no longer recent.
    expect(value(parse(activeDoc([resolved]), undefined, Date.parse('2026-07-04T12:00:00Z'))).recent).toEqual([]);
  });

  it('type: outage → critical (major outage), notice → minor, unknown → no impact', () => {
    const outage = { ...activated(0), type: 'outage' };
    expect(value(parse(activeDoc([outage]))).indicator).toBe('major_outage');
    const notice = { ...activated(0), type: 'notice' };
    const n = value(parse(activeDoc([notice])));
    expect(n.indicator).toBe('degraded');
    expect(n.incidents[0]!.impact).toBe('minor');
    const odd = { ...activated(0), type: 'mystery' };
    expect(value(parse(activeDoc([odd]))).incidents[0]!.impact).toBeNull();
    expect([mapSlackImpact('Outage'), mapSlackImpact(' incident '), mapSlackImpact(3)]).toEqual(['critical', 'major', null]);
  });

  it('a notice titled maintenance is a maintenance in progress, completed once resolved', () => {
    const m = { ...activated(0), type: 'notice', title: 'Scheduled maintenance for Slack Connect' };
    const s = value(parse(activeDoc([m])));
    expect(s.incidents).toEqual([]);
    expect(s.maintenances).toHaveLength(1);
    expect(s.maintenances[0]).toMatchObject({ kind: 'maintenance', status: 'in_progress', impact: 'maintenance' });
    expect(s.maintenances[0]!.updates.map((u) => u.status)).toEqual(['unknown', 'in_progress']);
    expect(s.indicator).toBe('maintenance');
    const done = value(parse(activeDoc([{ ...m, status: 'resolved' }])));
    expect(done.maintenances).toEqual([]);
    expect(done.recent[0]).toMatchObject({ kind: 'maintenance', status: 'completed' });
    // An outage is never a maintenance, whatever its title says.
    expect(isSlackMaintenance('outage', 'Outage during maintenance')).toBe(false);
    expect(isSlackMaintenance('notice', 'Maintenance window')).toBe(true);
  });

  it('an unknown status word keeps the incident open', () => {
    const s = value(parse(activeDoc([{ ...activated(0), status: 'broken' }])));
    expect(s.incidents[0]!.status).toBe('unknown');
  });

  it('"active" with nothing listed still says something is going on (unscoped)', () => {
    expect(value(parse(activeDoc([]))).indicator).toBe('degraded');
    expect(value(parse(activeDoc([]), ['Messaging'])).indicator).toBe('operational');
  });

  it('Slack’s documented example (string id, plain-text note with CRLF)', () => {
    const doc = {
      status: 'active',
      date_created: '2019-04-09T07:35:46-07:00',
      date_updated: '2019-04-09T07:35:46-07:00',
      active_incidents: [
        {
          id: '546',
          date_created: '2018-09-07T14:35:00-07:00',
          date_updated: '2018-09-07T18:34:15-07:00',
          title: 'Slack’s forwarding email feature is failing for some customers',
          type: 'incident',
          status: 'active',
          url: 'https://slack-status.com/2018-09/7dea1cd14cd0f657',
          services: ['Apps/Integrations/APIs'],
          notes: [
            { date_created: '2018-09-07T18:34:15-07:00', body: 'Technical Summary:\r\nOn September 7th at 2:35pm PT, we received reports' },
          ],
        },
      ],
    };
    const i = value(parse(JSON.stringify(doc))).incidents[0]!;
    expect(i).toMatchObject({ id: '546', startedAt: '2018-09-07T21:35:00.000Z', components: ['Apps/Integrations/APIs'] });
    expect(i.updates[0]!.text).toBe('Technical Summary:\nOn September 7th at 2:35pm PT, we received reports');
  });
});

describe('slack scope', () => {
  const doc = activeDoc([activated(0), activated(1), activated(2)]);

  it('keeps incidents naming a scoped service, and those naming none (Slack as a whole)', () => {
    expect(value(parse(doc)).incidents.map((i) => i.id)).toEqual(['1571', '1570', '1568']);
    expect(value(parse(doc, ['workflows'])).incidents.map((i) => i.id)).toEqual(['1571', '1568']);
    expect(value(parse(doc, ['Login/SSO'])).incidents.map((i) => i.id)).toEqual(['1571', '1570']);
    expect(value(parse(doc, ['Huddles'])).incidents.map((i) => i.id)).toEqual(['1571']);
  });
});

describe('slack broken bodies', () => {
  it.each([
    ['an HTML page', 'parse', '<html><body>502 Bad Gateway</body></html>', /web page \(HTML\)/],
    ['an empty body', 'parse', '', /empty/],
    ['null', 'schema', 'null', /expected shape/],
    ['an array', 'schema', '[]', /expected shape/],
    ['a number', 'schema', '1', /expected shape/],
    ['truncated JSON', 'parse', '{"status":"active","active_incidents":[{"id":', /not valid JSON/],
    ['an object that is not Slack’s', 'schema', '{"page":{},"components":[]}', /expected shape/],
    ['active_incidents not a list', 'schema', '{"status":"active","active_incidents":{"id":1}}', /expected shape/],
    ['only junk incidents', 'schema', '{"status":"active","active_incidents":[1,"x",{"title":"no id"}]}', /expected shape/],
  ])('%s → %s failure', (_n, code, b, message) => {
    expectProblem(parse(b), code, message, /^the Slack status feed/);
  });

  it('huge nesting is refused (the shared nesting guard)', () => {
    expect(problem(parse(`{"status":"active","active_incidents":${'['.repeat(2_000_000)}`)).code).toBe('schema');
  });

  it('an incident with wrong field types is skipped; wrong-typed leaves read as absent', () => {
    const good = activated(0);
    const leaves = { ...activated(2), title: 5, type: [], services: 'Login', notes: { a: 1 }, url: 7, date_created: false };
    const s = value(parse(activeDoc([{ id: { x: 1 }, title: 'bad id' }, good, leaves])));
    expect(s.incidents.map((i) => i.id)).toEqual(['1571', '1570']);
    expect(s.incidents[1]).toMatchObject({
      title: 'Incident',
      impact: null,
      components: [],
      updates: [],
      createdAt: null,
      updatedAt: '2026-06-18T04:14:39.000Z', // date_updated
      url: 'https://slack-status.com/',
    });
  });

  it('garbage dates: notes that cannot be placed are dropped', () => {
    const inc = activated(1);
    inc.notes[0].date_created = 'yesterday';
    inc.notes[1].date_created = '';
    inc.date_created = '2026-02-30T25:00:00-07:00';
    const i = value(parse(activeDoc([inc]))).incidents[0]!;
    expect(i.updates).toHaveLength(3);
    expect(i.createdAt).toBeNull();
    expect(i.startedAt).toBeNull();
  });

  it('hostile HTML in texts is never passed through; javascript: links are dropped', () => {
    const inc = activated(0);
    inc.title = '<img src=x onerror=alert(1)>Login broken<script>alert(1)</script>';
    inc.url = 'javascript:alert(1)';
    inc.services = ['<b>Messaging</b>'];
    inc.notes[0].body = '<iframe src="javascript:alert(1)"></iframe><p>Fixing <a href="javascript:alert(1)">it</a></p><style>p{}</style>';
    const i = value(parse(activeDoc([inc]))).incidents[0]!;
    expect(i.title).toBe('Login broken');
    expect(i.url).toBe('https://slack-status.com/');
    expect(i.components).toEqual(['Messaging']);
    expect(i.updates.at(-1)!.text).toBe('Fixing it');
    for (const s of [i.title, ...i.components, ...i.updates.map((u) => u.text)]) expect(s).not.toContain('<');
    expect(slackStatusHome('javascript:alert(1)')).toBeNull();
  });

  it('normaliseSlackIncident never throws on junk', () => {
    for (const junk of [null, undefined, 1, 'x', [], {}, { id: '' }, { id: 1, notes: [null, 1, { date_created: {} }] }]) {
      expect(() => normaliseSlackIncident(junk, { feedUrl: URL_ })).not.toThrow();
    }
    expect(normaliseSlackIncident({ id: 1 }, { feedUrl: URL_ })).toMatchObject({ id: '1', title: 'Incident', status: 'unknown' });
  });
});
