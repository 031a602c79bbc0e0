/**
 * AWS Health current events adapter: the real UTF-16BE capture (decoded here with the fetch
 * module's own `decodeBody`, as the extension does) and its decoded copy (test/fixtures/feeds,
 * see PROVENANCE.md there), plus broken variants written inline from deep copies.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { OfficialSnapshot, Result } from '../../../core/model';
import { decodeBody } from '../../../core/net/fetch';
import {
  AWS_DASHBOARD_URL,
  awsHealthAdapter,
  awsServiceBase,
  awsStatusCode,
  mapAwsImpact,
  normaliseAwsEvent,
} from '../../../core/official/aws-health';
import { epochToIso } from '../../../core/official/dates';
import { value, expectProblem, problem, expectJsonFeedAt } from './helpers';

const URL_ = 'https://health.aws.amazon.com/public/currentevents';
const fixture = (name: string): Buffer => readFileSync(fileURLToPath(new URL(`../../fixtures/feeds/${name}`, import.meta.url)));
const BIN = 'aws-health-currentevents-active-2events.utf16be.bin';
const DECODED = 'aws-health-currentevents-active-2events.decoded.json';

const body = decodeBody(new Uint8Array(fixture(BIN)), 'application/json;charset=utf-16');
const doc = (): any[] => JSON.parse(fixture(DECODED).toString('utf8'));

const NOW = Date.parse('2026-05-01T00:00:00Z');
const parse = (b: string, scope?: string[]): Result<OfficialSnapshot> =>
  awsHealthAdapter.parse([b], { now: NOW, baseUrl: URL_, ...(scope ? { scope } : {}) });

const UAE =
  'arn:aws:health:me-central-1::event/MULTIPLE_SERVICES/AWS_MULTIPLE_SERVICES_OPERATIONAL_ISSUE/AWS_MULTIPLE_SERVICES_OPERATIONAL_ISSUE_5E6B8_EF2498889B5';
const BAHRAIN =
  'arn:aws:health:me-south-1::event/MULTIPLE_SERVICES/AWS_MULTIPLE_SERVICES_OPERATIONAL_ISSUE/AWS_MULTIPLE_SERVICES_OPERATIONAL_ISSUE_E6426_01AD72B4E1E';

describe('aws-health endpoints', () => {
  it('reads the feed URL itself as JSON', () => {
    expectJsonFeedAt(awsHealthAdapter, 'aws-health', URL_);
  });
});

describe('aws-health — current events, 2 open events (real, UTF-16BE with BOM)', () => {
  it('the bytes decode to the same JSON as the decoded copy', () => {
    expect(body.charCodeAt(0)).toBe(0x5b); // '[': BOM consumed by decodeBody
    expect(JSON.parse(body)).toEqual(doc());
  });

  const snap = value(parse(body));

  it('two open events, newest first; partial outage overall; nothing recent', () => {
    expect(snap.indicator).toBe('partial_outage');
    expect(snap.description).toBeNull();
    expect(snap.incidents.map((i) => i.id)).toEqual([BAHRAIN, UAE]);
    expect(snap.maintenances).toEqual([]);
    expect(snap.recent).toEqual([]);
    expect(snap.components).toEqual([]);
  });

  it('normalises the ME-CENTRAL-1 (UAE) event with mixed epoch units', () => {
    const i = snap.incidents.find((x) => x.id === UAE)!;
    expect(i).toMatchObject({
      title: 'Multiple services (UAE): Increased Error Rates',
      kind: 'incident',
      status: 'investigating',
      impact: 'major', // status "3"
      startedAt: '2026-03-01T12:51:25.000Z', // date "1772369485" (seconds, as a string)
      createdAt: '2026-03-01T12:51:25.000Z',
      updatedAt: '2026-04-30T07:25:54.000Z',
      resolvedAt: null,
      scheduledFor: null,
      scheduledUntil: null,
      url: AWS_DASHBOARD_URL,
    });
    expect(i.updates).toHaveLength(23);
    expect(i.updates[0]).toEqual({
      at: '2026-04-30T07:25:54.000Z',
      status: 'unknown',
      text: expect.stringMatching(
        /^We are providing an update on the ongoing service disruption\. The Middle East \(UAE\) Region \(ME-CENTRAL-1\)/,
      ),
    });
    expect(i.updates.at(-1)).toEqual({
      at: '2026-03-01T12:51:25.000Z',
      status: 'investigating',
      text: 'We are investigating issues with AWS services in the ME-CENTRAL-1 Region.',
    });
    const times = i.updates.map((u) => Date.parse(u.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(i.components).toHaveLength(140);
    expect(i.components.slice(0, 3)).toEqual([
      'Amazon CloudWatch Synthetics (UAE)',
      'Amazon S3 Replication Time Control (UAE)',
      'Amazon VPC Lattice (UAE)',
    ]);
    expect(i.components).toContain('Amazon Elastic Compute Cloud (UAE)');
    expect(i.components.every((c) => c.endsWith(' (UAE)'))).toBe(true);
  });

  it('normalises the ME-SOUTH-1 (Bahrain) event', () => {
    const i = snap.incidents[0]!;
    expect(i.title).toBe('Multiple services (Bahrain): Increased Error Rates');
    expect(i.startedAt).toBe('2026-03-02T05:56:27.000Z');
    expect(i.updates).toHaveLength(13);
    expect(i.updates.at(-1)!.text).toBe(
      'We are investigating increased API error rates in a single Availability Zone (mes1-az2) in the ME-SOUTH-1 Region.',
    );
    expect(i.components).toHaveLength(149);
  });
});

describe('aws-health scope', () => {
  it('by service key (with or without region), or by name; components narrowed to the match', () => {
    for (const scope of [['ec2'], ['EC2'], ['ec2-me-central-1', 'ec2-me-south-1'], ['Amazon Elastic Compute Cloud']]) {
      const snap = value(parse(body, scope));
      expect(snap.incidents.map((i) => i.id)).toEqual([BAHRAIN, UAE]);
      expect(snap.incidents.map((i) => i.components)).toEqual([
        ['Amazon Elastic Compute Cloud (Bahrain)'],
        ['Amazon Elastic Compute Cloud (UAE)'],
      ]);
    }
    expect(value(parse(body, ['ec2-me-central-1'])).incidents.map((i) => i.id)).toEqual([UAE]);
  });

  it('global services without a region suffix, and the event’s own pseudo-service', () => {
    expect(value(parse(body, ['route53'])).incidents).toHaveLength(2);
    expect(value(parse(body, ['gameliftstreams'])).incidents.map((i) => i.id)).toEqual([BAHRAIN]);
    const own = value(parse(body, ['multipleservices']));
    expect(own.incidents).toHaveLength(2);
    expect(own.incidents[0]!.components).toEqual(['Multiple services (Bahrain)']);
  });

  it('a service in no event: operational, nothing listed; "ec2" does not match "ec2serialconsole"', () => {
    const none = value(parse(body, ['lightsail']));
    expect(none.indicator).toBe('operational');
    expect(none.incidents).toEqual([]);
    const ec2 = value(parse(body, ['ec2']));
    expect(ec2.incidents[0]!.components).not.toContain('EC2 Serial Console (Bahrain)');
  });
});

describe('aws-health healthy and mapping', () => {
  it('[] is AWS saying nothing is wrong', () => {
    expect(value(parse('[]'))).toEqual({
      indicator: 'operational',
      description: null,
      components: [],
      incidents: [],
      maintenances: [],
      recent: [],
    });
    expect(value(parse('\uFEFF[]\r\n')).indicator).toBe('operational');
  });

  it('status codes (string or number) → impact', () => {
    expect([0, 1, 2, 3, '0', '1', '2', '3', ' 3 ', 4, '3.5', 'x', null].map(mapAwsImpact)).toEqual([
      'none',
      'minor',
      'minor',
      'major',
      'none',
      'minor',
      'minor',
      'major',
      'major',
      null,
      null,
      null,
      null,
    ]);
    expect(awsStatusCode(' 2 ')).toBe(2);
    const events = doc();
    events[0].status = 2;
    events[1].status = '1';
    expect(value(parse(JSON.stringify(events))).indicator).toBe('degraded');
    events[0].status = '0';
    events[1].status = 0;
    const calm = value(parse(JSON.stringify(events)));
    expect(calm.indicator).toBe('operational');
    expect(calm.incidents).toHaveLength(2); // still open events: the verdict says acknowledged
  });

  it('region suffixes', () => {
    expect(awsServiceBase('ec2-me-central-1')).toBe('ec2');
    expect(awsServiceBase('acm-pca-us-gov-west-1')).toBe('acm-pca');
    expect(awsServiceBase('s3-ap-southeast-3')).toBe('s3');
    expect(awsServiceBase('route53')).toBe('route53');
    expect(awsServiceBase('management-console')).toBe('management-console');
  });

  it('epoch seconds vs milliseconds by magnitude', () => {
    expect(epochToIso('1772369485')).toBe('2026-03-01T12:51:25.000Z');
    expect(epochToIso(1772369485)).toBe('2026-03-01T12:51:25.000Z');
    expect(epochToIso(1772369485000)).toBe('2026-03-01T12:51:25.000Z');
    expect(epochToIso('1772369485000')).toBe('2026-03-01T12:51:25.000Z');
    for (const junk of [0, -5, 'soon', '', null, {}, 12, 1e20, '2026-03-01', NaN, Infinity]) expect(epochToIso(junk)).toBeNull();
  });
});

describe('aws-health broken bodies', () => {
  it.each([
    ['an HTML page', 'parse', '<html><head><title>403 Forbidden</title></head></html>', /web page \(HTML\)/],
    ['an empty body', 'parse', '', /empty/],
    ['null', 'schema', 'null', /expected shape/],
    ['an object', 'schema', '{"events":[]}', /expected shape/],
    ['a number', 'schema', '3', /expected shape/],
    ['truncated JSON', 'parse', body.slice(0, 5000), /not valid JSON/],
    ['only junk rows', 'schema', '[1, "x", null, {"summary":"no arn, no service"}]', /expected shape/],
  ])('%s → %s failure', (_n, code, b, message) => {
    expectProblem(parse(b), code, message, /^the AWS Health feed/);
  });

  it('the raw bytes read as Latin-1 are not mistaken for JSON', () => {
    const latin1 = fixture(BIN).toString('latin1');
    expect(parse(latin1).ok).toBe(false);
  });

  it('huge nesting is refused', () => {
    expect(problem(parse('['.repeat(3_000_000))).code).toBe('schema');
  });

  it('an event with wrong field types is skipped; wrong-typed leaves read as absent', () => {
    const events = doc();
    events.unshift({ arn: 42, service: ['ec2'], date: 'yesterday' }); // no usable id: skipped
    Object.assign(events[1], {
      summary: { x: 1 },
      region_name: 7,
      event_log: 'nope',
      impacted_services: ['not', 'a', 'map'],
      status: true,
    });
    const snap = value(parse(JSON.stringify(events)));
    expect(snap.incidents.map((i) => i.id)).toEqual([BAHRAIN, UAE]);
    const uae = snap.incidents.find((i) => i.id === UAE)!;
    expect(uae).toMatchObject({
      title: 'Multiple services',
      impact: null,
      updates: [],
      components: ['Multiple services'],
      updatedAt: '2026-03-01T12:51:25.000Z',
    });
  });

  it('an event without an arn gets an id from its service and date; duplicates are listed once', () => {
    const events = doc();
    delete events[0].arn;
    events.push(structuredClone(events[1]));
    const snap = value(parse(JSON.stringify(events)));
    expect(snap.incidents.map((i) => i.id)).toEqual([BAHRAIN, 'multipleservices-me-central-1@2026-03-01T12:51:25.000Z']);
  });

  it('garbage times: log entries that cannot be placed are dropped', () => {
    const events = doc();
    events[0].date = 'not a date';
    events[0].event_log[0].timestamp = 'whenever';
    events[0].event_log[1].timestamp = -1;
    // eslint-disable-next-line no-loss-of-precision -- a timestamp too large for a double is the point
    events[0].event_log[2].timestamp = 99999999999999999;
    const uae = value(parse(JSON.stringify(events))).incidents.find((i) => i.id === UAE)!;
    expect(uae.updates).toHaveLength(20);
    expect(uae.createdAt).toBe('2026-03-01T15:09:13.000Z'); // no date: the oldest readable log entry (4th)
    expect(uae.updates.at(-1)!.status).toBe('investigating');
  });

  it('hostile HTML in texts is never passed through', () => {
    const events = doc();
    events[0].summary = '<img src=x onerror=alert(1)>Errors<script>alert(1)</script>';
    events[0].service_name = '<b>EC2</b>';
    events[0].event_log.at(-1).message = '<p>Fixed <a href="javascript:alert(1)">here</a></p><iframe src="javascript:alert(1)"></iframe>';
    events[0].impacted_services = { 'ec2-me-central-1': { service_name: '<i>Amazon EC2</i>', current: '3', max: '3' } };
    const uae = value(parse(JSON.stringify(events))).incidents.find((i) => i.id === UAE)!;
    expect(uae.title).toBe('EC2 (UAE): Errors');
    expect(uae.components).toEqual(['Amazon EC2 (UAE)']);
    expect(uae.updates[0]!.text).toBe('Fixed here');
    for (const s of [uae.title, ...uae.components, ...uae.updates.map((u) => u.text)]) expect(s).not.toContain('<');
    expect(uae.url).toBe('https://health.aws.amazon.com/health/status');
  });

  it('normaliseAwsEvent never throws on junk', () => {
    for (const junk of [null, undefined, 1, 'x', [], {}, { arn: '' }, { arn: 'a', event_log: [null, 1, { timestamp: {} }] }]) {
      expect(() => normaliseAwsEvent(junk)).not.toThrow();
    }
    expect(normaliseAwsEvent({ arn: 'a' })).toMatchObject({ id: 'a', title: 'AWS event', status: 'investigating', components: [] });
  });
});
