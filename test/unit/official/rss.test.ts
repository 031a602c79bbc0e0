/**
 * RSS/Atom adapter, on real feeds: GitHub's Statuspage history.atom (an open incident; a future
 * maintenance), GOV.UK's Statuspage history.rss (maintenanceEndDate), AWS's per-service RSS (one
 * item per update, 2019 Tokyo event) and Azure's status RSS (CrowdStrike 2024; empty = healthy).
 *
 * Broken and hostile bodies are built inline; every variant says what it changes. Time is always
 * injected (`ctx.now`): near each capture where it matters, and far later to prove the 48 h
 * staleness rule.
 */
import { describe, expect, it } from 'vitest';
import type { OfficialIncident, OfficialSnapshot, Result } from '../../../core/model';
import type { ParseContext } from '../../../core/official/types';
import { parseFeed, rssAdapter, scopeFilter } from '../../../core/official/rss';
import { awsTitleState } from '../../../core/official/rss/aws';
import { AZURE_STALE_AFTER_MS, MAX_FEED_CHARS, MAX_RECENT, STALE_AFTER_MS } from '../../../core/official/rss/common';
import { feedDateMs } from '../../../core/official/rss/dates';
import { decodeXmlEntities, unescapeMarkup } from '../../../core/official/rss/feed';
import { prefixStatus } from '../../../core/official/rss/generic';
import { MAX_TEXT } from '../../../core/text';
import { computeVerdict, type OfficialState } from '../../../core/verdict';
import { raw, value, expectProblem, problem } from './helpers';

const GITHUB_ACTIVE = 'statuspage-history-atom-github-active-incident.atom';
const GITHUB_MAINT = 'statuspage-history-atom-github-scheduled-maintenance.atom';
const GOVUK = 'statuspage-history-rss-govuk-scheduled-maintenance-20240108.rss';
const AWS = 'aws-status-rss-ec2-ap-northeast-1-incident-2019.rss';
const AZURE_ACTIVE = 'azure-status-rss-active-incident-20240721-crowdstrike.xml';
const AZURE_EMPTY = 'azure-status-rss-empty-operational.xml';

const GITHUB_URL = 'https://www.githubstatus.com/history.atom';
const AWS_URL = 'https://status.aws.amazon.com/rss/ec2-ap-northeast-1.rss';
const AZURE_URL = 'https://azure.status.microsoft/en-us/status/feed/';
const GENERIC_URL = 'https://status.example.com/feed.rss';

const at = (iso: string): number => Date.parse(iso);
const ctxAt = (now: string, baseUrl: string, scope?: string[]): ParseContext =>
  scope === undefined ? { now: at(now), baseUrl } : { now: at(now), baseUrl, scope };

const parse = (body: string, ctx: ParseContext): Result<OfficialSnapshot> => rssAdapter.parse([body], ctx);

/** Every piece of text a person could be shown. */
function allText(s: OfficialSnapshot): string[] {
  const all = [...s.incidents, ...s.maintenances, ...s.recent];
  return all.flatMap((i) => [i.title, ...i.updates.map((u) => u.text)]);
}

function verdictOf(snapshot: OfficialSnapshot, now: number) {
  const official: OfficialState = {
    serviceId: 'x',
    snapshot,
    lastSuccessAt: now,
    lastAttemptAt: now,
    problem: null,
    history: [],
  };
  return computeVerdict({ hasOfficial: true, official, now, staleAfterMs: 15 * 60_000 });
}

/** A minimal RSS document around the given items. */
const rss = (items: string, channelExtra = ''): string =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Example Status</title><link>https://status.example.com</link>${channelExtra}${items}</channel></rss>`;
const item = (fields: Record<string, string>): string =>
  `<item>${Object.entries(fields)
    .map(([k, v]) => `<${k}>${v}</${k}>`)
    .join('')}</item>`;
/** XML-escape markup, as Statuspage does inside <description>/<content>. */
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** One Statuspage update paragraph. */
const spUpdate = (when: string, label: string, text: string): string => {
  const m = /^(\w{3}) (\d{1,2}), (\d{2}:\d{2}) (\w+)$/.exec(when)!;
  return `<p><small>${m[1]} <var data-var='date'>${m[2]!.padStart(2, ' ')}</var>, <var data-var='time'>${m[3]}</var> ${m[4]}</small><br><strong>${label}</strong> - ${text}</p>`;
};

// ---------------------------------------------------------------------------------------------

describe('rss endpoints', () => {
  it('reads the feed URL itself, as XML, and needs no separate history', () => {
    expect(rssAdapter.kind).toBe('rss');
    expect(rssAdapter.endpoints(GITHUB_URL)).toEqual([{ url: GITHUB_URL, expect: 'xml' }]);
    expect(rssAdapter.endpoints(AZURE_URL)).toEqual([{ url: AZURE_URL, expect: 'xml' }]); // trailing slash kept
    expect(rssAdapter.history).toBeUndefined();
  });

  it('fails honestly when no body was read', () => {
    expect(problem(rssAdapter.parse([], ctxAt('2026-03-03T05:16:00Z', GITHUB_URL))).code).toBe('internal');
  });
});

describe('Statuspage history.atom — GitHub, captured 2026-03-03T05:16Z (real feed)', () => {
  const ctx = ctxAt('2026-03-03T05:16:00Z', GITHUB_URL);
  const snap = value(parse(raw(GITHUB_ACTIVE), ctx));

  it('has all 25 entries: the open one in incidents, 24 resolved ones in recent', () => {
    expect(snap.incidents).toHaveLength(1);
    expect(snap.recent).toHaveLength(24);
    expect(snap.maintenances).toEqual([]);
    expect(snap.indicator).toBe('unknown'); // a history feed states no page indicator
    expect(snap.description).toBeNull();
    expect(snap.components).toEqual([]);
    expect(snap.recent.every((i) => i.status === 'resolved' && i.kind === 'incident' && i.resolvedAt !== null)).toBe(true);
  });

  it('reads the top entry as investigating: Investigating + 10× Update = 11 updates', () => {
    const i = snap.incidents[0]!;
    expect(i).toMatchObject({
      id: 'tag:www.githubstatus.com,2005:Incident/28753588',
      title: 'Delayed visibility of newly added issues on project boards',
      kind: 'incident',
      status: 'investigating',
      impact: null,
      // Atom <published> (04:36:47) is the LATEST update; the start is the oldest update.
      startedAt: '2026-03-02T23:10:00.000Z',
      createdAt: '2026-03-02T23:10:00.000Z',
      updatedAt: '2026-03-03T04:36:00.000Z',
      resolvedAt: null,
      scheduledFor: null,
      scheduledUntil: null,
      components: [],
      url: 'https://www.githubstatus.com/incidents/0yjbtp1d2cpc',
    });
    expect(i.updates).toHaveLength(11);
    expect(i.updates.every((u) => u.status === 'investigating')).toBe(true);
    expect(i.updates.map((u) => u.at)).toEqual([
      '2026-03-03T04:36:00.000Z',
      '2026-03-03T04:17:00.000Z',
      '2026-03-03T03:22:00.000Z',
      '2026-03-03T02:27:00.000Z',
      '2026-03-03T01:40:00.000Z',
      '2026-03-03T00:52:00.000Z',
      '2026-03-03T00:05:00.000Z',
      '2026-03-02T23:46:00.000Z',
      '2026-03-02T23:12:00.000Z',
      '2026-03-02T23:11:00.000Z',
      '2026-03-02T23:10:00.000Z',
    ]);
    expect(i.updates[10]!.text).toBe('We are investigating reports of impacted performance for some GitHub services.');
    expect(i.updates[0]!.text).toMatch(/^The backlog of delayed updates is expected to fully clear/);
    // Entities decoded once: "—" and quotes as characters; the label and " - " are not in the text.
    expect(i.updates[2]!.text).not.toMatch(/^Update/);
    expect(i.updates[5]!.text).toContain('changing fields such as "Status" — are currently delayed by 1–2 hours');
  });

  it('gives resolved entries their resolution time and carries labels through "Update"', () => {
    const pulls = snap.recent.find((r) => r.url === 'https://www.githubstatus.com/incidents/vhpmx9vc93m0')!;
    expect(pulls.title).toBe('Incident with Pull Requests /pulls');
    expect(pulls.status).toBe('resolved');
    expect(pulls.resolvedAt).toBe('2026-03-02T22:04:00.000Z');
    expect(pulls.updates.map((u) => u.status)).toEqual([
      'resolved',
      'investigating', // "Update" carries the Investigating below it
      'investigating',
      'investigating',
      'investigating',
      'investigating',
    ]);
    expect(pulls.createdAt).toBe(pulls.updates[pulls.updates.length - 1]!.at);
  });

  it('puts every update in the right year and never after its entry', () => {
    for (const i of [...snap.incidents, ...snap.recent]) {
      for (const u of i.updates) {
        expect(u.at.slice(0, 4)).toBe('2026');
        expect(Date.parse(u.at)).toBeLessThanOrEqual(at('2026-03-03T05:00:00Z'));
      }
    }
  });

  it('shows no markup in any text', () => {
    for (const t of allText(snap)) expect(t).not.toMatch(/[<>]/);
  });

  it('makes the verdict "acknowledged" at capture time', () => {
    expect(verdictOf(snap, ctx.now).verdict).toBe('acknowledged');
  });
});

describe('the 48 h staleness rule', () => {
  // The open GitHub entry's last sign of life is its Atom <updated>, 2026-03-03T04:36:47Z.
  const lastLife = at('2026-03-03T04:36:47Z');

  it('keeps an open entry for exactly 48 h after its last update…', () => {
    const snap = value(parse(raw(GITHUB_ACTIVE), { now: lastLife + STALE_AFTER_MS, baseUrl: GITHUB_URL }));
    expect(snap.incidents.map((i) => i.status)).toEqual(['investigating']);
  });

  it('…and then leaves it out of incidents AND of recent: no invented resolution', () => {
    const snap = value(parse(raw(GITHUB_ACTIVE), { now: lastLife + STALE_AFTER_MS + 1000, baseUrl: GITHUB_URL }));
    expect(snap.incidents).toEqual([]);
    expect(snap.recent).toHaveLength(24);
    expect(snap.recent.some((i) => i.id === 'tag:www.githubstatus.com,2005:Incident/28753588')).toBe(false);
  });

  it('never shows a 3-week-old unresolved feed entry as an active outage', () => {
    const now = at('2026-03-24T05:16:00Z');
    const snap = value(parse(raw(GITHUB_ACTIVE), { now, baseUrl: GITHUB_URL }));
    expect(snap.incidents).toEqual([]);
    expect(verdictOf(snap, now).verdict).toBe('ok');
  });

  it('is 48 h by default and can be set by the caller', () => {
    expect(STALE_AFTER_MS).toBe(48 * 60 * 60 * 1000);
    const snap = value(parseFeed(raw(GITHUB_ACTIVE), { now: lastLife + 2 * 3600_000, baseUrl: GITHUB_URL }, { staleAfterMs: 3600_000 }));
    expect(snap.incidents).toEqual([]);
  });
});

describe('Statuspage history.atom — GitHub future maintenance, captured 2025-05-28T04:32Z (real feed)', () => {
  const ctx = ctxAt('2025-05-28T04:32:00Z', GITHUB_URL);
  const snap = value(parse(raw(GITHUB_MAINT), ctx));

  it('lists the upcoming maintenance with its window (published = scheduled start, in the future)', () => {
    expect(snap.incidents).toEqual([]);
    expect(snap.maintenances).toHaveLength(1);
    const m = snap.maintenances[0]!;
    expect(m).toMatchObject({
      id: 'tag:www.githubstatus.com,2005:Incident/25233647',
      title: 'Codespaces Scheduled Maintenance',
      kind: 'maintenance',
      status: 'scheduled',
      impact: 'maintenance',
      scheduledFor: '2025-05-28T16:30:00.000Z',
      scheduledUntil: '2025-05-29T16:30:00.000Z',
      createdAt: '2025-05-22T15:26:00.000Z', // the announcement, not <published>
      updatedAt: '2025-05-22T15:26:00.000Z',
      resolvedAt: null,
      url: 'https://www.githubstatus.com/incidents/67vdd3b7d1zq',
    });
    expect(Date.parse(m.scheduledFor!)).toBeGreaterThan(ctx.now);
    expect(m.updates).toEqual([
      {
        at: '2025-05-22T15:26:00.000Z',
        status: 'scheduled',
        text: expect.stringMatching(/^Codespaces will be undergoing global maintenance from 16:30 UTC/) as unknown as string,
      },
    ]);
    // The "THIS IS A SCHEDULED EVENT" banner is not an update.
    expect(m.updates[0]!.text).not.toContain('THIS IS A SCHEDULED EVENT');
    expect(m.updates[0]!.text).toContain('\n\n'); // <br /><br /> kept as a paragraph break
  });

  it('puts completed maintenances and resolved incidents in recent', () => {
    expect(snap.recent).toHaveLength(24);
    const done = snap.recent.filter((r) => r.kind === 'maintenance');
    expect(done.map((r) => r.status)).toEqual(['completed', 'completed']);
    expect(done[0]!.updates.map((u) => u.status)).toEqual(['completed', 'in_progress', 'scheduled']);
    expect(done[0]!.resolvedAt).toBe(done[0]!.updates[0]!.at);
    // A retroactive incident has a single "Resolved" update.
    const retro = snap.recent.find((r) => r.title === '[Retroactive] Incident with Git Operations')!;
    expect(retro.status).toBe('resolved');
    expect(retro.updates).toHaveLength(1);
  });

  it('gives "ok" before the window, "maintenance" inside it, and drops it 48 h after an unclosed window', () => {
    expect(verdictOf(snap, ctx.now).verdict).toBe('ok');
    const during = at('2025-05-28T17:00:00Z');
    expect(verdictOf(value(parse(raw(GITHUB_MAINT), { now: during, baseUrl: GITHUB_URL })), during).verdict).toBe('maintenance');
    const later = value(parse(raw(GITHUB_MAINT), ctxAt('2025-06-05T00:00:00Z', GITHUB_URL)));
    expect(later.maintenances).toEqual([]);
    expect(later.recent).toHaveLength(24);
  });
});

describe('Statuspage history.rss — GOV.UK maintenance (real feed, copied)', () => {
  const ctx = ctxAt('2024-01-08T17:43:10Z', 'https://status.publishing.service.gov.uk/history.rss');

  it('reads the window from pubDate and <maintenanceEndDate>', () => {
    const snap = value(parse(raw(GOVUK), ctx));
    expect(snap.incidents).toEqual([]);
    expect(snap.maintenances).toHaveLength(1);
    const m = snap.maintenances[0]!;
    expect(m).toMatchObject({
      id: 'https://status.publishing.service.gov.uk/incidents/cnntrg2j816c',
      kind: 'maintenance',
      status: 'scheduled',
      impact: 'maintenance',
      scheduledFor: '2024-01-16T12:00:00.000Z',
      scheduledUntil: '2024-01-16T16:00:00.000Z',
      createdAt: '2024-01-08T16:20:00.000Z',
      url: 'https://status.publishing.service.gov.uk/incidents/cnntrg2j816c',
    });
    expect(m.title).toBe('[maintenanceFuture] GOV.UK Publishing maintenance Tue 16 Jan 12:00-16:00 GMT (future planned maintenance)');
    expect(m.updates).toHaveLength(1);
    expect(m.updates[0]!.status).toBe('scheduled');
    expect(m.updates[0]!.text).toMatch(/^Hello,\n\nWe plan to do some maintenance work/);
    expect(m.updates[0]!.text).toContain("We're letting you know"); // &apos; inside escaped HTML, decoded once
    expect(m.updates[0]!.text).not.toMatch(/[<>]|&apos;|&amp;/);
  });

  it('without <maintenanceEndDate>, reads the end from the "12:00 - 16:00 GMT" banner', () => {
    const body = raw(GOVUK).replace(/\s*<maintenanceEndDate>[^<]*<\/maintenanceEndDate>/, '');
    expect(body).not.toContain('maintenanceEndDate');
    const m = value(parse(body, ctx)).maintenances[0]!;
    expect(m.scheduledFor).toBe('2024-01-16T12:00:00.000Z');
    expect(m.scheduledUntil).toBe('2024-01-16T16:00:00.000Z');
  });
});

describe('Statuspage update blobs: years, zones, labels (built on the real format)', () => {
  const entry = (pubDate: string, updates: string[], extra = ''): string =>
    rss(
      item({
        title: 'Login failures',
        link: 'https://status.example.com/incidents/abc',
        guid: 'https://status.example.com/incidents/abc',
        pubDate,
        description: esc(updates.join('')),
      }).replace('</item>', `${extra}</item>`),
    );

  it('puts a December update before a January pubDate in the previous year', () => {
    const body = entry('Thu, 01 Jan 2026 00:30:00 +0000', [
      spUpdate('Jan 1, 00:30 UTC', 'Resolved', 'Fixed.'),
      spUpdate('Dec 31, 23:50 UTC', 'Investigating', 'Looking.'),
    ]);
    const i = value(parse(body, ctxAt('2026-01-01T01:00:00Z', GENERIC_URL))).recent[0]!;
    expect(i.updates.map((u) => u.at)).toEqual(['2026-01-01T00:30:00.000Z', '2025-12-31T23:50:00.000Z']);
    expect(i.startedAt).toBe('2025-12-31T23:50:00.000Z');
    expect(i.resolvedAt).toBe('2026-01-01T00:30:00.000Z');
  });

  it('applies zone abbreviations (PST, CEST) to the header times', () => {
    const body = entry('Tue, 03 Mar 2026 12:40:00 +0000', [
      spUpdate('Mar 3, 04:36 PST', 'Identified', 'Cause found.'),
      spUpdate('Mar 3, 12:10 CEST', 'Investigating', 'Looking.'),
    ]);
    const i = value(parse(body, ctxAt('2026-03-03T13:00:00Z', GENERIC_URL))).incidents[0]!;
    expect(i.updates.map((u) => [u.at, u.status])).toEqual([
      ['2026-03-03T12:36:00.000Z', 'identified'],
      ['2026-03-03T10:10:00.000Z', 'investigating'],
    ]);
    expect(i.status).toBe('identified');
  });

  it('judges by the newest real label: Monitoring after Identified, Postmortem = resolved at the Resolved time', () => {
    const monitoring = entry('Tue, 03 Mar 2026 12:00:00 +0000', [
      spUpdate('Mar 3, 12:00 UTC', 'Update', 'Still watching.'),
      spUpdate('Mar 3, 11:00 UTC', 'Monitoring', 'Fix out.'),
      spUpdate('Mar 3, 10:00 UTC', 'Identified', 'Found it.'),
    ]);
    const m = value(parse(monitoring, ctxAt('2026-03-03T12:30:00Z', GENERIC_URL))).incidents[0]!;
    expect(m.status).toBe('monitoring');
    expect(m.updates.map((u) => u.status)).toEqual(['monitoring', 'monitoring', 'identified']);

    const postmortem = entry('Fri, 06 Mar 2026 09:00:00 +0000', [
      spUpdate('Mar 6, 09:00 UTC', 'Postmortem', 'What happened.'),
      spUpdate('Mar 3, 13:00 UTC', 'Resolved', 'Fixed.'),
      spUpdate('Mar 3, 10:00 UTC', 'Investigating', 'Looking.'),
    ]);
    const p = value(parse(postmortem, ctxAt('2026-03-06T10:00:00Z', GENERIC_URL)));
    expect(p.incidents).toEqual([]);
    expect(p.recent[0]!.status).toBe('resolved');
    expect(p.recent[0]!.resolvedAt).toBe('2026-03-03T13:00:00.000Z');
  });

  it('treats a re-opened incident (Resolved, then Investigating) as open with no resolution time', () => {
    const body = entry('Tue, 03 Mar 2026 14:00:00 +0000', [
      spUpdate('Mar 3, 14:00 UTC', 'Investigating', 'It is back.'),
      spUpdate('Mar 3, 13:00 UTC', 'Resolved', 'Fixed.'),
      spUpdate('Mar 3, 10:00 UTC', 'Investigating', 'Looking.'),
    ]);
    const i = value(parse(body, ctxAt('2026-03-03T14:10:00Z', GENERIC_URL))).incidents[0]!;
    expect(i.status).toBe('investigating');
    expect(i.resolvedAt).toBeNull();
  });

  it('reads an entry with no dates at all against now (updates cannot be in the future)', () => {
    const body = raw(GITHUB_ACTIVE).replace(/<published>[^<]*<\/published>|<updated>[^<]*<\/updated>/g, '');
    expect(body).not.toContain('<published>');
    const snap = value(parse(body, ctxAt('2026-03-03T05:16:00Z', GITHUB_URL)));
    expect(snap.incidents).toHaveLength(1);
    expect(snap.incidents[0]!.updates[0]!.at).toBe('2026-03-03T04:36:00.000Z');
    expect(snap.recent).toHaveLength(24);
  });
});

describe('AWS per-service RSS — EC2 Tokyo, 2019 (real feed, copied)', () => {
  const ctx = ctxAt('2019-09-07T07:03:14Z', AWS_URL);

  it('groups 7 updates into one resolved episode', () => {
    const snap = value(parse(raw(AWS), ctx));
    expect(snap.incidents).toEqual([]);
    expect(snap.maintenances).toEqual([]);
    expect(snap.recent).toHaveLength(1);
    expect(snap.indicator).toBe('operational'); // nothing open in an AWS feed = healthy
    const e = snap.recent[0]!;
    expect(e).toMatchObject({
      id: 'http://status.aws.amazon.com/#ec2-ap-northeast-1_1566533912', // the episode's first item
      title: 'インスタンスの接続性について | Instance Availability',
      kind: 'incident',
      status: 'resolved',
      impact: 'minor', // degradation / informational
      startedAt: '2019-08-23T04:18:32.000Z', // Thu, 22 Aug 2019 21:18:32 PDT
      createdAt: '2019-08-23T04:18:32.000Z',
      updatedAt: '2019-08-23T11:18:35.000Z', // Fri, 23 Aug 2019 04:18:35 PDT
      resolvedAt: '2019-08-23T11:18:35.000Z',
      url: 'http://status.aws.amazon.com/',
    });
    expect(e.updates).toHaveLength(7);
    expect(e.updates.map((u) => u.status)).toEqual([
      'resolved',
      'investigating',
      'investigating',
      'investigating',
      'investigating',
      'investigating',
      'investigating',
    ]);
    expect(e.updates[6]!.text).toBe(
      'We are investigating connectivity issues affecting some instances in a single Availability Zone in the AP-NORTHEAST-1 Region.',
    );
    expect(e.updates[0]!.text).toContain('Additional details are available here.'); // CDATA HTML → text
    expect(e.updates[0]!.text).not.toMatch(/[<>]/);
  });

  /** The real feed without its "Service is operating normally" item (the first one). */
  const openFeed = (): string => raw(AWS).replace(/<item>\s*<title><!\[CDATA\[Service is operating normally[\s\S]*?<\/item>/, '');

  it('keeps an episode open until "operating normally", while it is fresh', () => {
    const body = openFeed();
    expect(body).not.toContain('operating normally');
    const snap = value(parse(body, ctxAt('2019-08-23T10:00:00Z', AWS_URL)));
    expect(snap.recent).toEqual([]);
    expect(snap.incidents).toHaveLength(1);
    expect(snap.incidents[0]!.status).toBe('investigating');
    expect(snap.incidents[0]!.updates).toHaveLength(6);
    expect(snap.indicator).toBe('unknown');
  });

  it('drops that open episode two weeks later (staleness), without calling it resolved', () => {
    const snap = value(parse(openFeed(), ctx));
    expect(snap.incidents).toEqual([]);
    expect(snap.recent).toEqual([]);
    expect(snap.indicator).toBe('unknown'); // something unresolved was there: not "operational"
  });

  it('maps title prefixes to impact and lifecycle', () => {
    expect(awsTitleState('Service disruption: X')).toMatchObject({ closes: false, impact: 'major' });
    expect(awsTitleState('Service degradation: X')).toMatchObject({ closes: false, impact: 'minor' });
    expect(awsTitleState('Performance issues: X')).toMatchObject({ closes: false, impact: 'minor' });
    expect(awsTitleState('Informational message: X')).toMatchObject({ closes: false, impact: 'minor' });
    expect(awsTitleState('Service is operating normally: X')).toMatchObject({ closes: true });
    expect(awsTitleState('Informational message: [RESOLVED] X')).toMatchObject({ closes: true });
  });

  it('takes the worst impact of the episode, and keeps service-regions apart', () => {
    const body = raw(AWS)
      .replace(
        'Service degradation: インスタンスの接続性について | Instance Availability]]></title>\n\t  <link>http://status.aws.amazon.com/</link>\n\t  <pubDate>Thu, 22 Aug 2019 23:40:01 PDT',
        'Service disruption: インスタンスの接続性について | Instance Availability]]></title>\n\t  <link>http://status.aws.amazon.com/</link>\n\t  <pubDate>Thu, 22 Aug 2019 23:40:01 PDT',
      )
      .replace('#ec2-ap-northeast-1_1566553182', '#rds-ap-northeast-1_1566553182');
    const snap = value(parse(body, ctx));
    const ec2 = snap.recent.find((r) => r.id.includes('#ec2-'))!;
    expect(ec2.impact).toBe('major');
    expect(ec2.updates).toHaveLength(6);
    // The RDS item is an open episode of its own (informational, 2 weeks old → stale, dropped).
    expect(snap.recent).toHaveLength(1);
    const fresh = value(parse(body, ctxAt('2019-08-23T10:00:00Z', AWS_URL)));
    expect(fresh.incidents.map((i) => i.id)).toEqual(['http://status.aws.amazon.com/#rds-ap-northeast-1_1566553182']);
  });
});

describe('Azure status RSS (real feeds)', () => {
  it('reads the CrowdStrike item as an open broad incident (investigating, major)', () => {
    const snap = value(parse(raw(AZURE_ACTIVE), ctxAt('2024-07-21T18:11:00Z', AZURE_URL)));
    expect(snap.incidents).toHaveLength(1);
    expect(snap.recent).toEqual([]);
    expect(snap.indicator).toBe('unknown');
    expect(snap.incidents[0]).toEqual({
      id: 'crowdstrike-falcon-agent-guidance@2024-07-20T12:59:45.000Z', // guids are reused: guid + pubDate
      title: 'CrowdStrike Falcon agent guidance',
      kind: 'incident',
      status: 'investigating',
      impact: 'major',
      startedAt: null,
      createdAt: '2024-07-20T12:59:45.000Z',
      updatedAt: '2024-07-20T12:59:45.000Z',
      resolvedAt: null,
      scheduledFor: null,
      scheduledUntil: null,
      updates: [
        {
          at: '2024-07-20T12:59:45.000Z',
          status: 'investigating',
          text: expect.stringMatching(/^We are aware of an issue that started on 19 July 2024 at 04:09 UTC/) as unknown as string,
        },
      ],
      components: [],
      url: 'https://status.azure.com/en-us/status/',
    });
    expect(verdictOf(snap, at('2024-07-21T18:11:00Z'))).toMatchObject({ verdict: 'acknowledged', severity: 'major' });
  });

  it('is recognised by its channel even under another feed URL (origin-server link seen in 2026)', () => {
    const body = raw(AZURE_ACTIVE).replace(
      '<link>https://status.azure.com/en-us/status/</link>\n    <description>',
      '<link>https://azurestatusprodncus.azurewebsites.net/en-us/status/</link>\n    <description>',
    );
    expect(body).toContain('azurestatusprodncus');
    const snap = value(parse(body, ctxAt('2024-07-21T18:11:00Z', 'https://mirror.example.com/azure.xml')));
    expect(snap.incidents[0]).toMatchObject({ status: 'investigating', impact: 'major' });
  });

  it('keeps a listed Azure item for a week (items vanish on resolution; pubDate may not move), not for weeks', () => {
    const posted = at('2024-07-20T12:59:45Z');
    const sixDays = value(parse(raw(AZURE_ACTIVE), { now: posted + 6 * 24 * 3600_000, baseUrl: AZURE_URL }));
    expect(sixDays.incidents).toHaveLength(1);
    const limit = value(parse(raw(AZURE_ACTIVE), { now: posted + AZURE_STALE_AFTER_MS, baseUrl: AZURE_URL }));
    expect(limit.incidents).toHaveLength(1);
    const after = value(parse(raw(AZURE_ACTIVE), { now: posted + AZURE_STALE_AFTER_MS + 1000, baseUrl: AZURE_URL }));
    expect(after.incidents).toEqual([]);
    expect(after.recent).toEqual([]);
    expect(AZURE_STALE_AFTER_MS).toBe(7 * 24 * 3600_000);
  });

  it('keeps an undated Azure item while it is listed', () => {
    const body = raw(AZURE_ACTIVE).replace(/<pubDate>[^<]*<\/pubDate>/, '');
    const snap = value(parse(body, ctxAt('2024-07-21T18:11:00Z', AZURE_URL)));
    expect(snap.incidents[0]).toMatchObject({ id: 'crowdstrike-falcon-agent-guidance', createdAt: null, updates: [] });
  });

  it('reads the empty channel as healthy', () => {
    const snap = value(parse(raw(AZURE_EMPTY), ctxAt('2026-09-25T04:30:00Z', AZURE_URL)));
    expect(snap).toEqual({ indicator: 'operational', description: null, components: [], incidents: [], maintenances: [], recent: [] });
    expect(verdictOf(snap, at('2026-09-25T04:30:00Z')).verdict).toBe('ok');
  });

  it('tells apart two incidents that reuse one guid', () => {
    const second = raw(AZURE_ACTIVE)
      .match(/<item>[\s\S]*<\/item>/)![0]
      .replace('Sat, 20 Jul 2024 12:59:45 Z', 'Sun, 21 Jul 2024 10:00:00 Z');
    const body = raw(AZURE_ACTIVE).replace('</item>', `</item>${second}`);
    const ids = value(parse(body, ctxAt('2024-07-21T18:11:00Z', AZURE_URL))).incidents.map((i) => i.id);
    expect(ids).toEqual([
      'crowdstrike-falcon-agent-guidance@2024-07-20T12:59:45.000Z',
      'crowdstrike-falcon-agent-guidance@2024-07-21T10:00:00.000Z',
    ]);
  });

  it('respects ctx.scope: only items that mention one of the names (whole words, any case)', () => {
    const body = raw(AZURE_ACTIVE);
    const ctx = (scope: string[]) => ctxAt('2024-07-21T18:11:00Z', AZURE_URL, scope);
    expect(value(parse(body, ctx(['Virtual Machines', 'Azure SQL']))).incidents).toEqual([]);
    expect(value(parse(body, ctx(['Virtual Machines', 'Azure SQL']))).indicator).toBe('operational');
    expect(value(parse(body, ctx(['crowdstrike']))).incidents).toHaveLength(1);
    expect(value(parse(body, ctx(['WINDOWS']))).incidents).toHaveLength(1); // in the description
    expect(value(parse(body, ctx(['Crowd']))).incidents).toEqual([]); // not a whole word
    expect(value(parse(body, ctx([]))).incidents).toHaveLength(1); // empty scope = whole feed
  });

  it('matches scope names in <category>', () => {
    const body = raw(AZURE_ACTIVE).replace(
      '<title>CrowdStrike',
      '<category>Virtual Machines</category><category>West Europe</category><title>CrowdStrike',
    );
    const snap = value(parse(body, ctxAt('2024-07-21T18:11:00Z', AZURE_URL, ['virtual machines'])));
    expect(snap.incidents).toHaveLength(1);
  });
});

describe('generic feeds', () => {
  const now = '2026-05-10T12:00:00Z';
  const ctx = ctxAt(now, GENERIC_URL);

  it('reads status from title or description prefixes, and keeps "Resolved: Major outage" out of incidents', () => {
    const body = rss(
      [
        item({ title: 'Resolved: Major outage', guid: 'a', pubDate: 'Sun, 10 May 2026 11:00:00 +0000', description: 'All good now.' }),
        item({ title: '[Resolved] API errors', guid: 'b', pubDate: 'Sun, 10 May 2026 10:00:00 +0000' }),
        item({ title: 'Investigating - Login errors', guid: 'c', pubDate: 'Sun, 10 May 2026 11:30:00 +0000' }),
        item({ title: 'Dashboards slow', guid: 'd', pubDate: 'Sun, 10 May 2026 11:40:00 +0000', description: 'Monitoring: a fix is out.' }),
        item({ title: 'Webhooks delayed', guid: 'e', pubDate: 'Sun, 10 May 2026 11:50:00 +0000' }),
        item({ title: 'Completed: Database upgrade', guid: 'f', pubDate: 'Sat, 09 May 2026 04:00:00 +0000' }),
        item({ title: 'Scheduled: Network maintenance', guid: 'g', pubDate: 'Sun, 10 May 2026 09:00:00 +0000' }),
      ].join(''),
    );
    const snap = value(parse(body, ctx));
    expect(snap.incidents.map((i) => [i.id, i.status])).toEqual([
      ['c', 'investigating'],
      ['d', 'monitoring'],
      ['e', 'unknown'], // no word: open, status not stated
    ]);
    expect(snap.recent.map((i) => [i.id, i.status, i.kind])).toEqual([
      ['a', 'resolved', 'incident'],
      ['b', 'resolved', 'incident'],
      ['f', 'completed', 'maintenance'],
    ]);
    expect(snap.maintenances.map((i) => [i.id, i.status])).toEqual([['g', 'scheduled']]);
    expect(snap.recent[0]).toMatchObject({
      title: 'Resolved: Major outage',
      resolvedAt: '2026-05-10T11:00:00.000Z',
      startedAt: null,
      createdAt: '2026-05-10T11:00:00.000Z',
      updates: [{ at: '2026-05-10T11:00:00.000Z', status: 'resolved', text: 'All good now.' }],
    });
  });

  it('drops an unresolved item three weeks old, and an unresolved item with no date', () => {
    const body = rss(
      [
        item({ title: 'Investigating - Old thing', guid: 'old', pubDate: 'Sun, 19 Apr 2026 12:00:00 +0000' }),
        item({ title: 'Something is wrong', guid: 'nodate' }),
        item({ title: 'Resolved: fixed long ago', guid: 'done', pubDate: 'Sun, 19 Apr 2026 12:00:00 +0000' }),
      ].join(''),
    );
    const snap = value(parse(body, ctx));
    expect(snap.incidents).toEqual([]);
    expect(snap.recent.map((i) => i.id)).toEqual(['done']);
    expect(verdictOf(snap, at(now)).verdict).toBe('ok');
  });

  it('reads Atom: id, rel=alternate link, summary, updated; a single entry', () => {
    const body = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>X</title>
      <entry><id>urn:x:1</id><title type="html">Identified: &lt;b&gt;Queue&lt;/b&gt; backlog</title>
      <link rel="self" href="https://status.example.com/self/1"/><link rel="alternate" href="https://status.example.com/i/1"/>
      <published>2026-05-10T10:00:00Z</published><updated>2026-05-10T11:00:00+01:00</updated>
      <summary type="html">&lt;p&gt;We found it.&lt;/p&gt;</summary></entry></feed>`;
    const i = value(parse(body, ctx)).incidents[0]!;
    expect(i).toMatchObject({
      id: 'urn:x:1',
      title: 'Identified: Queue backlog',
      status: 'identified',
      createdAt: '2026-05-10T10:00:00.000Z',
      updatedAt: '2026-05-10T10:00:00.000Z',
      url: 'https://status.example.com/i/1',
      updates: [{ at: '2026-05-10T10:00:00.000Z', status: 'identified', text: 'We found it.' }],
    });
  });

  it('reads namespaced tags (content:encoded, dc:date, a prefixed Atom root) and CDATA', () => {
    const body = `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
      <item><title><![CDATA[Investigating: CDN & caches]]></title><dc:date>2026-05-10T11:00:00Z</dc:date>
      <description>short</description><content:encoded><![CDATA[<p>Full &amp; <em>rich</em> text</p>]]></content:encoded></item></channel></rss>`;
    const i = value(parse(body, ctx)).incidents[0]!;
    expect(i.title).toBe('Investigating: CDN & caches');
    expect(i.updatedAt).toBe('2026-05-10T11:00:00.000Z');
    expect(i.updates[0]!.text).toBe('Full & rich text');
    expect(i.id).toMatch(/^h:[0-9a-f]{8}$/); // no guid, no link: a stable hash

    const atom = `<atom:feed xmlns:atom="http://www.w3.org/2005/Atom"><atom:entry><atom:id>e1</atom:id><atom:title>Monitoring - ok</atom:title><atom:updated>2026-05-10T11:00:00Z</atom:updated></atom:entry></atom:feed>`;
    expect(value(parse(atom, ctx)).incidents.map((x) => [x.id, x.status])).toEqual([['e1', 'monitoring']]);
  });

  it('falls back to <description> when <content:encoded> is empty, and reads a <link> that carries attributes', () => {
    const body = rss(
      `<item><title>Investigating - x</title><guid>g</guid><pubDate>Sun, 10 May 2026 11:50:00 +0000</pubDate><link type="text/html"> https://status.example.com/i/g </link><content:encoded/><description>Looking &amp;amp; seeing.</description></item>`,
    );
    const i = value(parse(body, ctx)).incidents[0]!;
    expect(i.updates[0]!.text).toBe('Looking & seeing.');
    expect(i.url).toBe('https://status.example.com/i/g');
  });

  it('tolerates a repeated attribute (the first is read)', () => {
    const body = `<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>e</id><title>Monitoring - y</title><updated>2026-05-10T11:00:00Z</updated><link href="https://status.example.com/a" href="https://status.example.com/b"/></entry></feed>`;
    expect(value(parse(body, ctx)).incidents[0]!.url).toBe('https://status.example.com/a');
  });

  it('gives the same hash id for the same item twice', () => {
    const body = rss(item({ title: 'Webhooks delayed', pubDate: 'Sun, 10 May 2026 11:50:00 +0000' }));
    expect(value(parse(body, ctx)).incidents[0]!.id).toBe(value(parse(body, ctx)).incidents[0]!.id);
  });

  it('reads RSS 1.0 (RDF)', () => {
    const body = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="x"><title>T</title></channel><item rdf:about="https://status.example.com/1"><title>Resolved: old</title><link>https://status.example.com/1</link><dc:date>2026-05-10T11:00:00Z</dc:date></item></rdf:RDF>`;
    expect(value(parse(body, ctx)).recent.map((i) => i.url)).toEqual(['https://status.example.com/1']);
  });

  it('tolerates bare ampersands ("AT&T"), a common slip', () => {
    const body = rss(item({ title: 'Investigating - AT&T customers', guid: 'x', pubDate: 'Sun, 10 May 2026 11:50:00 +0000' }));
    expect(value(parse(body, ctx)).incidents[0]!.title).toBe('Investigating - AT&T customers');
  });

  it('keeps at most MAX_RECENT closed items, newest (feed order) first', () => {
    const items = Array.from({ length: MAX_RECENT + 10 }, (_, k) =>
      item({ title: `Resolved: n${k}`, guid: `n${k}`, pubDate: 'Sun, 10 May 2026 11:00:00 +0000' }),
    ).join('');
    const recent = value(parse(rss(items), ctx)).recent;
    expect(recent).toHaveLength(MAX_RECENT);
    expect(recent[0]!.id).toBe('n0');
  });

  it('prefixStatus reads only a leading status word', () => {
    expect(prefixStatus('Resolved: x')).toBe('resolved');
    expect(prefixStatus('[RESOLVED] x')).toBe('resolved');
    expect(prefixStatus('(Monitoring) x')).toBe('monitoring');
    expect(prefixStatus('In progress - x')).toBe('in_progress');
    expect(prefixStatus('Postmortem: x')).toBe('resolved');
    expect(prefixStatus('Update: x')).toBeNull();
    expect(prefixStatus('Not resolved: x')).toBeNull();
    expect(prefixStatus('Resolvedness x')).toBeNull();
    expect(prefixStatus('Investigating the thing')).toBeNull(); // no separator: a sentence, not a label
  });
});

describe('hostile content', () => {
  const ctx = ctxAt('2026-05-10T12:00:00Z', GENERIC_URL);

  it('turns hostile HTML into text and drops javascript: links', () => {
    const hostile =
      '<script>alert(1)</script><img src=x onerror="alert(2)"><p>Real <b>words</b></p><iframe src="https://evil"></iframe><a href="javascript:alert(3)">click</a>';
    const body = rss(
      item({
        title: esc('Investigating - <img src=x onerror=alert(1)>Login <script>alert(4)</script>'),
        link: 'javascript:alert(5)',
        guid: 'x',
        pubDate: 'Sun, 10 May 2026 11:50:00 +0000',
        description: esc(hostile),
      }) +
        item({
          title: 'Resolved: y',
          link: ' data:text/html,<b>x</b>',
          guid: 'y',
          pubDate: 'Sun, 10 May 2026 11:50:00 +0000',
          description: `<![CDATA[${hostile}]]>`,
        }),
    );
    const snap = value(parse(body, ctx));
    for (const t of allText(snap)) {
      expect(t).not.toContain('<');
      expect(t).not.toMatch(/alert|script|onerror/i);
    }
    expect(snap.incidents[0]!.title).toBe('Investigating - Login');
    expect(snap.incidents[0]!.updates[0]!.text).toBe('Real words\n\nclick');
    expect(snap.incidents[0]!.url).toBeNull();
    expect(snap.recent[0]!.url).toBeNull();
  });

  it('drops javascript: links in Statuspage entries too', () => {
    const body = raw(GITHUB_ACTIVE).replace('href="https://www.githubstatus.com/incidents/0yjbtp1d2cpc"', 'href="javascript:alert(1)"');
    const snap = value(parse(body, ctxAt('2026-03-03T05:16:00Z', GITHUB_URL)));
    expect(snap.incidents[0]!.url).toBeNull();
    expect(snap.incidents[0]!.id).toBe('tag:www.githubstatus.com,2005:Incident/28753588');
  });

  it('bounds titles to 300 characters and update text to MAX_TEXT', () => {
    const body = rss(
      item({
        title: `Investigating - ${'x'.repeat(5000)}`,
        guid: 'x',
        pubDate: 'Sun, 10 May 2026 11:50:00 +0000',
        description: 'y'.repeat(50_000),
      }),
    );
    const i = value(parse(body, ctx)).incidents[0]!;
    expect(i.title.length).toBeLessThanOrEqual(300);
    expect(i.updates[0]!.text.length).toBeLessThanOrEqual(MAX_TEXT);
  });

  it('reads a 1 MB single item quickly and boundedly', () => {
    const para = spUpdate('May 10, 11:00 UTC', 'Investigating', 'z'.repeat(1_000_000));
    const body = rss(item({ title: 'Huge', guid: 'h', pubDate: 'Sun, 10 May 2026 11:50:00 +0000', description: esc(para) }));
    expect(body.length).toBeGreaterThan(1_000_000);
    const t0 = performance.now();
    const snap = value(parse(body, ctx));
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(snap.incidents[0]!.status).toBe('investigating');
    expect(snap.incidents[0]!.updates[0]!.text.length).toBeLessThanOrEqual(MAX_TEXT);
  });

  it('scans a blob of a million unclosed <small> tags in linear time', () => {
    const body = rss(
      item({
        title: 'Investigating - x',
        guid: 'h',
        pubDate: 'Sun, 10 May 2026 11:50:00 +0000',
        description: esc('<small>'.repeat(150_000)),
      }),
    );
    const t0 = performance.now();
    const r = parse(body, ctx);
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(value(r).incidents).toHaveLength(1);
  });
});

describe('entity bombs', () => {
  const ctx = ctxAt('2026-05-10T12:00:00Z', GENERIC_URL);

  it('does not expand a billion-laughs DOCTYPE', () => {
    let doctype = '<!DOCTYPE lolz [<!ENTITY lol "lol">';
    doctype += `<!ENTITY lol1 "${'&lol;'.repeat(10)}">`;
    for (let k = 2; k <= 9; k++) doctype += `<!ENTITY lol${k} "${`&lol${k - 1};`.repeat(10)}">`;
    doctype += ']>';
    const body = `<?xml version="1.0"?>${doctype}<rss version="2.0"><channel><title>&lol9;</title><item><title>Investigating - &lol9;</title><guid>b</guid><pubDate>Sun, 10 May 2026 11:50:00 +0000</pubDate><description>&lol9;&lol9;</description></item></channel></rss>`;
    const t0 = performance.now();
    const r = parse(body, ctx);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(JSON.stringify(r).length).toBeLessThan(5000);
    const snap = value(r);
    expect(snap.incidents[0]!.title).toBe('Investigating - &lol9;'); // shown literally, never expanded
  });

  it('does not expand a quadratic-blowup entity', () => {
    const big = 'a'.repeat(9000);
    const body = `<!DOCTYPE x [<!ENTITY a "${big}">]><rss><channel><item><title>Investigating - q</title><guid>q</guid><pubDate>Sun, 10 May 2026 11:50:00 +0000</pubDate><description>${'&a;'.repeat(20_000)}</description></item></channel></rss>`;
    const r = parse(body, ctx);
    expect(JSON.stringify(r).length).toBeLessThan(100_000);
  });

  it('never reads external entities', () => {
    const body = `<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss><channel><item><title>&xxe;</title><guid>x</guid></item></channel></rss>`;
    const r = parse(body, ctx);
    expect(JSON.stringify(r)).not.toContain('root:');
  });

  it('decodes markup escaped twice (AWS: escaped HTML inside CDATA) only when no real tag is present', () => {
    expect(unescapeMarkup('a&lt;br&gt;b &lt;a href="x"&gt;here&lt;/a&gt;')).toBe('a<br>b <a href="x">here</a>');
    expect(unescapeMarkup('<p>literal &lt;b&gt; shown</p>')).toBe('<p>literal &lt;b&gt; shown</p>');
    expect(unescapeMarkup('1 &lt; 2')).toBe('1 &lt; 2');
  });

  it('decodes only the XML built-ins and numeric references, once', () => {
    expect(decodeXmlEntities('&amp;lt; &lt; &#60; &#x3C; &nbsp; &bogus; &#0; &#xD800;')).toBe('&lt; < < < &nbsp; &bogus; \uFFFD \uFFFD');
  });
});

describe('broken bodies', () => {
  const ctx = ctxAt('2026-03-03T05:16:00Z', GITHUB_URL);
  const cases: [string, string, string, RegExp][] = [
    ['an HTML page', '<!DOCTYPE html><html><head><title>Status</title></head><body>Hi</body></html>', 'parse', /web page \(HTML\)/],
    ['an HTML page after an XML declaration', '<?xml version="1.0"?>\n<html><body>x</body></html>', 'parse', /HTML/],
    [
      'an XHTML page',
      '<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x"><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>',
      'parse',
      /HTML/,
    ],
    ['an empty string', '', 'parse', /empty/],
    ['whitespace', '  \n\t ', 'parse', /empty/],
    ['JSON', '{"page":{}}', 'parse', /not RSS or Atom/],
    ['plain text', 'Service Unavailable', 'parse', /not RSS or Atom/],
    ['another XML document', '<?xml version="1.0"?><svg><g/></svg>', 'schema', /not RSS or Atom/],
    ['rss without a channel', '<rss version="2.0"></rss>', 'schema', /not RSS or Atom/],
    ['items none of which is an item', '<rss><channel><item/><item>  </item></channel></rss>', 'schema', /shape/],
    ['a lone "<"', '<', 'parse', /well-formed/],
    ['two roots', '<rss><channel/></rss><rss><channel/></rss>', 'parse', /well-formed/],
    ['text after the root', '<rss><channel/></rss>junk', 'parse', /well-formed/],
    ['a mismatched close tag', '<rss><channel></item></rss>', 'parse', /well-formed/],
    ['an unquoted attribute', '<rss version=2.0><channel/></rss>', 'parse', /well-formed/],
    ['a channel of text only', '<rss><channel>Service Unavailable</channel></rss>', 'schema', /not RSS or Atom/],
  ];
  for (const [what, body, code, message] of cases) {
    it(`fails on ${what}`, () => {
      expectProblem(parse(body, ctx), code, message);
    });
  }

  it('fails on truncated XML (the real GitHub feed cut in half), rather than reading half a feed', () => {
    const full = raw(GITHUB_ACTIVE);
    for (const cut of [full.length / 2, full.length - 10, 200]) {
      const p = problem(parse(full.slice(0, Math.floor(cut)), ctx));
      expect(p.code).toBe('parse');
      expect(p.message).toMatch(/not well-formed XML/);
    }
  });

  it('fails on a body that is not a string, and on one over the size cap', () => {
    expect(problem(rssAdapter.parse([undefined as unknown as string], ctx)).code).toBe('parse');
    expect(problem(parse(`<rss><channel>${' '.repeat(MAX_FEED_CHARS)}</channel></rss>`, ctx)).code).toBe('too_large');
  });

  it('fails (without a stack overflow) on 100 000 nested elements', () => {
    const body = `<rss>${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</rss>`;
    expect(problem(parse(body, ctx))).toMatchObject({
      code: 'parse',
      message: expect.stringMatching(/nested too deeply/) as unknown as string,
    });
  });

  it('reads a channel with no items, and an empty channel element, as nothing open', () => {
    expect(value(parse('<rss version="2.0"><channel><title>x</title></channel></rss>', ctx)).incidents).toEqual([]);
    expect(value(parse('<rss version="2.0"><channel/></rss>', ctx)).incidents).toEqual([]);
    expect(value(parse('<feed xmlns="http://www.w3.org/2005/Atom"></feed>', ctx)).incidents).toEqual([]);
  });

  it('skips one malformed item among good ones', () => {
    const body = rss(`<item/>${item({ title: 'Investigating - x', guid: 'g', pubDate: 'Tue, 03 Mar 2026 05:00:00 +0000' })}`);
    expect(value(parse(body, ctx)).incidents.map((i) => i.id)).toEqual(['g']);
  });
});

describe('dates', () => {
  it('reads RSS (RFC 822) dates with our own zone table', () => {
    expect(feedDateMs('Fri, 23 Aug 2019 04:18:35 PDT')).toBe(at('2019-08-23T11:18:35Z'));
    expect(feedDateMs('Sat, 20 Jul 2024 12:59:45 Z')).toBe(at('2024-07-20T12:59:45Z'));
    expect(feedDateMs('Mon, 08 Jan 2024 17:43:10 +0000')).toBe(at('2024-01-08T17:43:10Z'));
    expect(feedDateMs('Mon, 08 Jan 2024 17:43:10 -0530')).toBe(at('2024-01-08T23:13:10Z'));
    expect(feedDateMs('8 Jan 24 17:43 GMT')).toBe(at('2024-01-08T17:43:00Z'));
    expect(feedDateMs('Tue, 16 Jan 2024 12:00:00 CET')).toBe(at('2024-01-16T11:00:00Z'));
  });

  it('reads Atom (RFC 3339) dates', () => {
    expect(feedDateMs('2026-03-03T04:36:47Z')).toBe(at('2026-03-03T04:36:47Z'));
    expect(feedDateMs('2026-09-18T20:38:57.035-07:00')).toBe(at('2026-09-19T03:38:57.035Z'));
    expect(feedDateMs('2026-03-03T04:36:47')).toBe(at('2026-03-03T04:36:47Z')); // no zone: UTC, not local
  });

  it('refuses garbage', () => {
    for (const g of [
      '',
      'not a date',
      '12',
      'Mon, 99 Foo 2024 25:61:00 GMT',
      'Mon, 31 Feb 2024 10:00:00 GMT',
      '2024-13-45T99:00:00Z',
      'Mon, 08 Jan 2024 17:43:10 XYZT',
      '9999-01-01T00:00:00Z',
      'x'.repeat(500),
    ]) {
      expect(feedDateMs(g)).toBeNull();
    }
    expect(feedDateMs(undefined)).toBeNull();
    expect(feedDateMs(1_700_000_000_000)).toBeNull();
  });

  it('keeps items with garbage dates readable: resolved ones in recent (undated), open ones out', () => {
    const body = rss(
      item({ title: 'Resolved: a', guid: 'a', pubDate: 'not a date' }) +
        item({ title: 'Investigating - b', guid: 'b', pubDate: 'Mon, 99 Foo 2024 25:61:00 GMT' }),
    );
    const snap = value(parse(body, ctxAt('2026-05-10T12:00:00Z', GENERIC_URL)));
    expect(snap.recent.map((i) => [i.id, i.updatedAt, i.updates.length])).toEqual([['a', null, 0]]);
    expect(snap.incidents).toEqual([]);
  });
});

describe('scopeFilter', () => {
  it('matches whole names, case-insensitively; no scope matches everything', () => {
    const f = scopeFilter(['Azure SQL', 'C++']);
    expect(f('Outage in azure sql database')).toBe(true);
    expect(f('Problems with C++ builds')).toBe(true);
    expect(f('Azure SQLite')).toBe(false);
    expect(scopeFilter(undefined)('anything')).toBe(true);
    expect(scopeFilter(['  '])('anything')).toBe(true);
  });
});

/** Type-level check: the snapshot's incidents are plain data (JSON round-trip is lossless). */
describe('plain data', () => {
  it('round-trips through JSON', () => {
    const snap = value(parse(raw(GITHUB_ACTIVE), ctxAt('2026-03-03T05:16:00Z', GITHUB_URL)));
    const back = JSON.parse(JSON.stringify(snap)) as OfficialSnapshot;
    expect(back).toEqual(snap);
    const first: OfficialIncident = back.incidents[0]!;
    expect(first.updates).toHaveLength(11);
  });
});
