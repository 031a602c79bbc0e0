/**
 * One fuzz target per adapter in ADAPTERS (plus the Statuspage history parser): the real fixtures
 * it reads (test/fixtures/feeds, PROVENANCE.md), the clock and URL each was captured with, the
 * adapter's documented caps, what its "status fields" are, and how to add well-formed updates to
 * one of its open incidents. Every body built here starts from a deep copy of a real fixture and
 * the code says what it changes.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { OfficialIncident, OfficialSnapshot, Result } from '../../core/model';
import type { ParseContext } from '../../core/official/types';
import { MAX_COMPONENTS, MAX_OPEN, MAX_RECENT as JSON_MAX_RECENT, MAX_UPDATES as JSON_MAX_UPDATES } from '../../core/model';
import type { OfficialKind } from '../../core/official/kinds';
import { ADAPTERS } from '../../core/official/registry';
import { MAX_ITEMS, MAX_RECENT as RSS_MAX_RECENT, MAX_UPDATES as RSS_MAX_UPDATES } from '../../core/official/rss/common';
import type { Caps } from './checks';
import { escapeXml, type Json } from './mutate';
import { PLATFORM_TARGETS } from './targets-platforms';

const files = new Map<string, string>();
/** A fixture's text (read once). */
const raw = (name: string): string => {
  let text = files.get(name);
  if (text === undefined) {
    text = readFileSync(fileURLToPath(new URL(`../fixtures/feeds/${name}`, import.meta.url)), 'utf8');
    files.set(name, text);
  }
  return text;
};
/** A fresh deep copy of a JSON fixture (callers change it). */
const json = (name: string): any => JSON.parse(raw(name));
const at = (iso: string): number => Date.parse(iso);

export interface FixtureCase {
  name: string;
  bodies: string[];
  now: number;
  baseUrl: string;
}

/** An item the updates property looks for: when, and its text. */
export interface Found {
  at: string | null;
  text: string;
}

/** Add well-formed updates (or, for one-text-per-event formats, events) to an open incident. */
export interface UpdatesSpec {
  name: string;
  /** Most items added in one case (within the adapter's cap, counting what the fixture has). */
  max: number;
  /** Times of added items: [from, to] epoch ms, in steps of `unitMs` (the format's resolution). */
  from: number;
  to: number;
  unitMs: number;
  /** The adapter promises newest first for these items. */
  ordered: boolean;
  /** Build the bodies: `added[k]` has a unique time and a unique marker text; `slots` says where to insert. */
  build(added: { t: number; text: string }[], slots: number[]): { bodies: string[]; ctx: ParseContext };
  /** Where the added items end up. */
  read(value: unknown): Found[];
}

export interface StatusStrip {
  fixture: FixtureCase;
  /** JSON: keys deleted at every depth. XML: a text transform removing every status word. */
  keys?: RegExp;
  stripXml?: (xml: string) => string;
}

export interface Target {
  id: string;
  kind: OfficialKind;
  format: 'json' | 'xml';
  /** JSONP and other wrappers: the JSON inside a body, and the body around a JSON text. */
  unwrap?: (body: string) => string;
  wrap?: (json: string) => string;
  /** Bodies per call. */
  arity: number;
  history: boolean;
  run(bodies: string[], ctx: ParseContext): Result<unknown>;
  fixtures: FixtureCase[];
  caps: Caps;
  strip?: StatusStrip[];
  updates?: UpdatesSpec[];
}

const snapshotOf = (value: unknown): OfficialSnapshot => value as OfficialSnapshot;
const allIncidents = (value: unknown): OfficialIncident[] => {
  const s = snapshotOf(value);
  return [...s.incidents, ...s.maintenances, ...s.recent];
};
const updatesOf = (list: OfficialIncident[], id: string): Found[] =>
  list.find((i) => i.id === id)?.updates.map((u) => ({ at: u.at, text: u.text })) ?? [];

/** Insert `items` into `list` at the given slot numbers (mod length+1), in order. */
function insertAt<T>(list: T[], items: T[], slots: number[]): T[] {
  const out = [...list];
  items.forEach((item, k) => out.splice((slots[k] ?? 0) % (out.length + 1), 0, item));
  return out;
}

const iso = (t: number): string => new Date(t).toISOString();
/** "YYYY-MM-DD HH:MM:SS" (Cachet's zone-less form). */
const zoneless = (t: number): string => iso(t).slice(0, 19).replace('T', ' ');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
/** RFC 822 in UTC: "Fri, 23 Aug 2019 04:18:35 GMT". */
const rfc822 = (t: number): string => {
  const d = new Date(t);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} GMT`;
};

// ---------------------------------------------------------------------------------------------
// Statuspage and incident.io.

const SP_BASE = 'https://www.githubstatus.com';
const SP_ACTIVE = 'statuspage-summary-github-active-incident-major-outage-20200402.json';
const SP_OK = 'statuspage-summary-github-all-operational-20191230.json';
const SP_GROUPS = 'statuspage-components-codametrix-with-groups.json';
const SP_INCIDENTS = 'statuspage-incidents-github-resolved-with-component-transitions.json';
const SP_NOW = at('2020-04-02T20:40:00Z');
const SP_ACTIVE_ID = String(json(SP_ACTIVE).incidents[0].id);
const SP_INCIDENTS_ID = String(json(SP_INCIDENTS).incidents[0].id);
const SP_STATUS_KEYS = /^(status|indicator|impact|new_status|old_status)$/;

function statuspageUpdate(t: number, text: string, k: number): Json {
  return {
    id: `fzu${k}`,
    status: 'identified',
    body: text,
    created_at: iso(t),
    updated_at: iso(t),
    display_at: iso(t),
    affected_components: null,
  };
}

const statuspage: Target = {
  id: 'statuspage',
  kind: 'statuspage',
  format: 'json',
  arity: 1,
  history: false,
  run: (b, ctx) => ADAPTERS.statuspage.parse(b, ctx),
  fixtures: [
    { name: SP_ACTIVE, bodies: [raw(SP_ACTIVE)], now: SP_NOW, baseUrl: SP_BASE },
    { name: SP_OK, bodies: [raw(SP_OK)], now: at('2019-12-30T12:00:00Z'), baseUrl: SP_BASE },
    { name: SP_GROUPS, bodies: [raw(SP_GROUPS)], now: at('2026-08-02T12:00:00Z'), baseUrl: 'https://status.codametrix.com' },
  ],
  caps: { newestFirst: true },
  strip: [{ fixture: { name: SP_ACTIVE, bodies: [raw(SP_ACTIVE)], now: SP_NOW, baseUrl: SP_BASE }, keys: SP_STATUS_KEYS }],
  updates: [
    {
      name: 'github active incident',
      max: 150,
      from: at('2020-04-01T00:00:00Z'),
      to: at('2020-04-02T20:37:00Z'),
      unitMs: 1000,
      ordered: true,
      build(added, slots) {
        const doc = json(SP_ACTIVE);
        const inc = doc.incidents[0];
        inc.incident_updates = insertAt(
          inc.incident_updates,
          added.map((a, k) => statuspageUpdate(a.t, a.text, k)),
          slots,
        );
        return { bodies: [JSON.stringify(doc)], ctx: { now: SP_NOW, baseUrl: SP_BASE } };
      },
      read: (v) => updatesOf(snapshotOf(v).incidents, SP_ACTIVE_ID),
    },
  ],
};

const statuspageHistory: Target = {
  id: 'statuspage.history',
  kind: 'statuspage',
  format: 'json',
  arity: 1,
  history: true,
  run: (b, ctx) => ADAPTERS.statuspage.history!.parse(b[0] ?? '', ctx),
  fixtures: [
    { name: SP_INCIDENTS, bodies: [raw(SP_INCIDENTS)], now: at('2024-09-17T12:00:00Z'), baseUrl: SP_BASE },
    {
      name: 'incidentio-statuspage-compat-incidents-openai-active-identified-trimmed.json',
      bodies: [raw('incidentio-statuspage-compat-incidents-openai-active-identified-trimmed.json')],
      now: at('2026-09-19T01:15:00Z'),
      baseUrl: 'https://status.openai.com',
    },
  ],
  caps: { newestFirst: true },
  // The OpenAI list has an open (identified) incident: with every status removed none may read as closed.
  strip: [
    {
      fixture: {
        name: 'incidentio-statuspage-compat-incidents-openai-active-identified-trimmed.json',
        bodies: [raw('incidentio-statuspage-compat-incidents-openai-active-identified-trimmed.json')],
        now: at('2026-09-19T01:15:00Z'),
        baseUrl: 'https://status.openai.com',
      },
      keys: SP_STATUS_KEYS,
    },
  ],
  updates: [
    {
      name: 'github incident history',
      max: 150,
      from: at('2024-09-01T00:00:00Z'),
      to: at('2024-09-17T00:00:00Z'),
      unitMs: 1000,
      ordered: true,
      build(added, slots) {
        const doc = json(SP_INCIDENTS);
        const inc = doc.incidents[0];
        inc.incident_updates = insertAt(
          inc.incident_updates,
          added.map((a, k) => statuspageUpdate(a.t, a.text, k)),
          slots,
        );
        return { bodies: [JSON.stringify(doc)], ctx: { now: at('2024-09-17T12:00:00Z'), baseUrl: SP_BASE } };
      },
      read: (v) => updatesOf(v as OfficialIncident[], SP_INCIDENTS_ID),
    },
  ],
};

const IO_BASE = 'https://status.openai.com';
const IO_NOW = at('2026-09-19T01:15:00Z');
const IO_INCIDENTS = 'incidentio-statuspage-compat-incidents-openai-active-identified-trimmed.json';
const IO_INCIDENT_ID = String(json(IO_INCIDENTS).incidents[0].id);
/** summary.json assembled from the real status.json + components.json (as incidentio.test.ts does). */
function ioSummary(): string {
  const status = json('incidentio-statuspage-compat-status-openai-operational.json');
  return JSON.stringify({
    page: status.page,
    status: status.status,
    components: json('incidentio-statuspage-compat-components-openai-trimmed.json').components,
  });
}

const incidentio: Target = {
  id: 'incidentio',
  kind: 'incidentio',
  format: 'json',
  arity: 2,
  history: false,
  run: (b, ctx) => ADAPTERS.incidentio.parse(b, ctx),
  fixtures: [
    { name: 'assembled summary + incidents', bodies: [ioSummary(), raw(IO_INCIDENTS)], now: IO_NOW, baseUrl: IO_BASE },
    { name: 'assembled summary + github incidents', bodies: [ioSummary(), raw(SP_INCIDENTS)], now: IO_NOW, baseUrl: IO_BASE },
  ],
  caps: { newestFirst: true },
  strip: [
    {
      fixture: { name: 'assembled summary + incidents', bodies: [ioSummary(), raw(IO_INCIDENTS)], now: IO_NOW, baseUrl: IO_BASE },
      keys: SP_STATUS_KEYS,
    },
  ],
  updates: [
    {
      name: 'openai active incident',
      max: 150,
      from: at('2026-09-18T00:00:00Z'),
      to: at('2026-09-19T01:00:00Z'),
      unitMs: 1000,
      ordered: true,
      build(added, slots) {
        const doc = json(IO_INCIDENTS);
        const inc = doc.incidents[0];
        inc.incident_updates = insertAt(
          inc.incident_updates,
          added.map((a, k) => statuspageUpdate(a.t, a.text, k)),
          slots,
        );
        return { bodies: [ioSummary(), JSON.stringify(doc)], ctx: { now: IO_NOW, baseUrl: IO_BASE } };
      },
      read: (v) => updatesOf(allIncidents(v), IO_INCIDENT_ID),
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// RSS / Atom.

const GITHUB_ACTIVE = 'statuspage-history-atom-github-active-incident.atom';
const GITHUB_URL = 'https://www.githubstatus.com/history.atom';
const GITHUB_NOW = at('2026-03-03T05:16:00Z');
const AWS_RSS = 'aws-status-rss-ec2-ap-northeast-1-incident-2019.rss';
const AWS_URL = 'https://status.aws.amazon.com/rss/ec2-ap-northeast-1.rss';

/** The GitHub feed cut to its first (open) entry: whole entries dropped, the kept one unmodified. */
function githubTopEntry(): string {
  const xml = raw(GITHUB_ACTIVE);
  const first = xml.indexOf('<entry>');
  const second = xml.indexOf('<entry>', first + 1);
  return `${xml.slice(0, second)}</feed>\n`;
}

/** The AWS feed with its closing "Service is operating normally" item removed (as rss.test.ts does). */
function awsOpenEpisode(): string {
  return raw(AWS_RSS).replace(/<item>(?:(?!<\/item>)[\s\S])*?Service is operating normally(?:(?!<\/item>)[\s\S])*?<\/item>/, '');
}

/** A Statuspage history paragraph for one update (the GitHub feed's markup), HTML level. */
function statuspageBlock(t: number, text: string): string {
  const d = new Date(t);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `<p><small>${MONTHS[d.getUTCMonth()]} <var data-var='date'> ${d.getUTCDate()}</var>, <var data-var='time'>${hh}:${mm}</var> UTC</small><br><strong>Update</strong> - ${text}</p>`;
}

/** Remove Statuspage labels (`<strong>…</strong>` in the escaped blob) and status-word title prefixes. */
function stripStatuspageXml(xml: string): string {
  return xml
    .replace(/&lt;strong&gt;(?:(?!&lt;\/strong&gt;)[\s\S]){0,200}&lt;\/strong&gt;/g, '')
    .replace(/<title>\s*(?:\[[^\]]*\]|(?:resolved|investigating|identified|monitoring|completed|scheduled)\s*[:-])\s*/gi, '<title>');
}

/** Remove AWS title states ("Service disruption:", "[RESOLVED]", …). */
function stripAwsXml(xml: string): string {
  return xml
    .replace(
      /(<title><!\[CDATA\[)\s*(?:\[resolved\]\s*)?(?:service is operating normally|service disruption|service degradation|performance issues|informational message)\s*:\s*/gi,
      '$1',
    )
    .replace(/\[resolved\]\s*/gi, '');
}

/** P2b for the AWS flavour (a second open fixture, stripped of its title states). */
export const AWS_RSS_STRIP: StatusStrip = {
  fixture: { name: 'aws open episode', bodies: [awsOpenEpisode()], now: at('2019-08-23T12:00:00Z'), baseUrl: AWS_URL },
  stripXml: stripAwsXml,
};

const rssCaps: Caps = { updates: RSS_MAX_UPDATES, recent: RSS_MAX_RECENT, total: MAX_ITEMS, newestFirst: true };

const rss: Target = {
  id: 'rss',
  kind: 'rss',
  format: 'xml',
  arity: 1,
  history: false,
  run: (b, ctx) => ADAPTERS.rss.parse(b, ctx),
  fixtures: [
    { name: GITHUB_ACTIVE, bodies: [raw(GITHUB_ACTIVE)], now: GITHUB_NOW, baseUrl: GITHUB_URL },
    { name: 'github active (top entry)', bodies: [githubTopEntry()], now: GITHUB_NOW, baseUrl: GITHUB_URL },
    {
      name: 'statuspage-history-atom-github-scheduled-maintenance.atom',
      bodies: [raw('statuspage-history-atom-github-scheduled-maintenance.atom')],
      now: at('2025-05-28T04:32:00Z'),
      baseUrl: GITHUB_URL,
    },
    {
      name: 'statuspage-history-rss-govuk-scheduled-maintenance-20240108.rss',
      bodies: [raw('statuspage-history-rss-govuk-scheduled-maintenance-20240108.rss')],
      now: at('2024-01-08T17:43:10Z'),
      baseUrl: 'https://status.publishing.service.gov.uk/history.rss',
    },
    { name: AWS_RSS, bodies: [raw(AWS_RSS)], now: at('2019-09-07T07:03:14Z'), baseUrl: AWS_URL },
    { name: 'aws open episode', bodies: [awsOpenEpisode()], now: at('2019-08-23T12:00:00Z'), baseUrl: AWS_URL },
    {
      name: 'azure-status-rss-active-incident-20240721-crowdstrike.xml',
      bodies: [raw('azure-status-rss-active-incident-20240721-crowdstrike.xml')],
      now: at('2024-07-21T18:11:00Z'),
      baseUrl: 'https://azure.status.microsoft/en-us/status/feed/',
    },
    {
      name: 'azure-status-rss-empty-operational.xml',
      bodies: [raw('azure-status-rss-empty-operational.xml')],
      now: at('2026-09-25T05:00:00Z'),
      baseUrl: 'https://azure.status.microsoft/en-us/status/feed/',
    },
    {
      name: 'github active as a generic feed',
      bodies: [raw(GITHUB_ACTIVE)],
      now: GITHUB_NOW,
      baseUrl: 'https://status.example.com/feed.atom',
    },
  ],
  caps: rssCaps,
  strip: [
    { fixture: { name: GITHUB_ACTIVE, bodies: [raw(GITHUB_ACTIVE)], now: GITHUB_NOW, baseUrl: GITHUB_URL }, stripXml: stripStatuspageXml },
    AWS_RSS_STRIP,
  ],
  updates: [
    {
      name: 'github open entry (Statuspage blob)',
      max: 150,
      from: at('2026-01-05T00:00:00Z'),
      to: at('2026-03-03T04:30:00Z'),
      unitMs: 60_000,
      ordered: true,
      build(added, slots) {
        const xml = githubTopEntry();
        const open = xml.indexOf('<content type="html">') + '<content type="html">'.length;
        const close = xml.indexOf('</content>', open);
        const paragraphs = xml.slice(open, close).split(/(?=&lt;p&gt;&lt;small&gt;)/);
        const blob = insertAt(
          paragraphs,
          added.map((a) => escapeXml(statuspageBlock(a.t, a.text))),
          slots,
        ).join('');
        return { bodies: [xml.slice(0, open) + blob + xml.slice(close)], ctx: { now: GITHUB_NOW, baseUrl: GITHUB_URL } };
      },
      read: (v) => snapshotOf(v).incidents.flatMap((i) => i.updates.map((u) => ({ at: u.at, text: u.text }))),
    },
    {
      name: 'aws open episode (one item per update)',
      max: 150,
      from: at('2019-08-21T00:00:00Z'),
      to: at('2019-08-24T00:00:00Z'),
      unitMs: 1000,
      ordered: true,
      build(added, slots) {
        const xml = awsOpenEpisode();
        const head = xml.indexOf('<item>');
        const items = xml.slice(head, xml.lastIndexOf('</item>') + '</item>'.length).split(/(?=<item>)/);
        const mine = added.map(
          (a) =>
            `<item><title><![CDATA[Informational message: ${a.text}]]></title><link>http://status.aws.amazon.com/</link><pubDate>${rfc822(a.t)}</pubDate>` +
            `<guid isPermaLink="false">http://status.aws.amazon.com/#ec2-ap-northeast-1_${Math.floor(a.t / 1000)}</guid><description><![CDATA[${a.text}]]></description></item>\n`,
        );
        const tail = xml.slice(xml.lastIndexOf('</item>') + '</item>'.length);
        return {
          bodies: [xml.slice(0, head) + insertAt(items, mine, slots).join('') + tail],
          ctx: { now: at('2019-08-25T00:00:00Z'), baseUrl: AWS_URL },
        };
      },
      read: (v) => snapshotOf(v).incidents.flatMap((i) => i.updates.map((u) => ({ at: u.at, text: u.text }))),
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// Google, AWS Health, Slack, Apple.

const GCP_CLOUD = 'https://status.cloud.google.com/incidents.json';
const GCP_WS = 'https://www.google.com/appsstatus/dashboard/incidents.json';
const GCP_WS_FILE = 'gcp-workspace-incidents-gmail-open.doc-derived.json';
const GCP_WS_NOW = at('2026-09-20T12:00:00Z');
const jsonFeedCaps: Caps = {
  incidents: MAX_OPEN,
  maintenances: MAX_OPEN,
  recent: JSON_MAX_RECENT,
  updates: JSON_MAX_UPDATES,
  componentsPerIncident: MAX_COMPONENTS,
  newestFirst: true,
};

const gcp: Target = {
  id: 'gcp',
  kind: 'gcp',
  format: 'json',
  arity: 1,
  history: false,
  run: (b, ctx) => ADAPTERS.gcp.parse(b, ctx),
  fixtures: [
    {
      name: 'gcp-incidents-json-resolved-history.json',
      bodies: [raw('gcp-incidents-json-resolved-history.json')],
      now: at('2026-07-20T00:00:00Z'),
      baseUrl: GCP_CLOUD,
    },
    { name: GCP_WS_FILE, bodies: [raw(GCP_WS_FILE)], now: GCP_WS_NOW, baseUrl: GCP_WS },
  ],
  caps: jsonFeedCaps,
  strip: [
    {
      fixture: { name: GCP_WS_FILE, bodies: [raw(GCP_WS_FILE)], now: GCP_WS_NOW, baseUrl: GCP_WS },
      keys: /^(status|severity|status_impact)$/,
    },
  ],
  updates: [
    {
      name: 'workspace open gmail incident',
      max: 90,
      from: at('2026-09-20T09:12:00Z'),
      to: at('2026-09-20T11:59:00Z'),
      unitMs: 1000,
      ordered: true,
      build(added, slots) {
        const doc = json(GCP_WS_FILE);
        const inc = doc[0];
        const rows = added.map((a) => ({
          created: iso(a.t),
          modified: iso(a.t),
          when: iso(a.t),
          text: a.text,
          status: 'SERVICE_OUTAGE',
          affected_locations: [],
        }));
        inc.updates = insertAt(inc.updates, rows, slots);
        return { bodies: [JSON.stringify(doc)], ctx: { now: GCP_WS_NOW, baseUrl: GCP_WS } };
      },
      read: (v) => updatesOf(snapshotOf(v).incidents, 'WsGmailOpenSep20aaaa'),
    },
  ],
};

const AWS_H_URL = 'https://health.aws.amazon.com/public/currentevents';
const AWS_H_FILE = 'aws-health-currentevents-active-2events.decoded.json';
const AWS_H_NOW = at('2026-05-01T00:00:00Z');
const AWS_H_ARN = String(json(AWS_H_FILE)[0].arn);

const awsHealth: Target = {
  id: 'aws-health',
  kind: 'aws-health',
  format: 'json',
  arity: 1,
  history: false,
  run: (b, ctx) => ADAPTERS['aws-health'].parse(b, ctx),
  fixtures: [{ name: AWS_H_FILE, bodies: [raw(AWS_H_FILE)], now: AWS_H_NOW, baseUrl: AWS_H_URL }],
  caps: jsonFeedCaps,
  strip: [{ fixture: { name: AWS_H_FILE, bodies: [raw(AWS_H_FILE)], now: AWS_H_NOW, baseUrl: AWS_H_URL }, keys: /^(status|current|max)$/ }],
  updates: [
    {
      name: 'UAE event log',
      max: 70,
      from: at('2026-03-01T00:00:00Z'),
      to: at('2026-04-30T00:00:00Z'),
      unitMs: 1000,
      ordered: true,
      build(added, slots) {
        const doc = json(AWS_H_FILE);
        const ev = doc[0];
        const rows = added.map((a) => ({ summary: 'fuzz', message: a.text, status: 1, timestamp: Math.floor(a.t / 1000) }));
        ev.event_log = insertAt(ev.event_log, rows, slots);
        return { bodies: [JSON.stringify(doc)], ctx: { now: AWS_H_NOW, baseUrl: AWS_H_URL } };
      },
      read: (v) => updatesOf(snapshotOf(v).incidents, AWS_H_ARN),
    },
  ],
};

const SLACK_URL = 'https://slack-status.com/api/v2.0.0/current';
const SLACK_NOW = at('2026-06-26T10:10:00Z');
/** The real ok envelope with status "active" and real history incidents made active (as slack.test.ts does). */
function slackActive(): any {
  const doc = json('slack-v2-current-ok.json');
  doc.status = 'active';
  doc.active_incidents = json('slack-v2-history-resolved-trimmed.json').map((i: any) => ({
    ...i,
    status: 'active',
    notes: i.notes.slice(0, -1),
  }));
  return doc;
}

const SLACK_ACTIVE_ID = String(slackActive().active_incidents[0].id);

const slack: Target = {
  id: 'slack',
  kind: 'slack',
  format: 'json',
  arity: 1,
  history: false,
  run: (b, ctx) => ADAPTERS.slack.parse(b, ctx),
  fixtures: [
    { name: 'slack-v2-current-ok.json', bodies: [raw('slack-v2-current-ok.json')], now: SLACK_NOW, baseUrl: SLACK_URL },
    {
      name: 'active document (assembled from the real history)',
      bodies: [JSON.stringify(slackActive())],
      now: SLACK_NOW,
      baseUrl: SLACK_URL,
    },
    {
      name: 'history incidents as they are (resolved)',
      bodies: [JSON.stringify({ ...json('slack-v2-current-ok.json'), active_incidents: json('slack-v2-history-resolved-trimmed.json') })],
      now: SLACK_NOW,
      baseUrl: SLACK_URL,
    },
  ],
  caps: jsonFeedCaps,
  strip: [
    {
      fixture: { name: 'active document', bodies: [JSON.stringify(slackActive())], now: SLACK_NOW, baseUrl: SLACK_URL },
      keys: /^(status|type)$/,
    },
  ],
  updates: [
    {
      name: 'active incident notes',
      max: 90,
      from: at('2026-06-01T00:00:00Z'),
      to: at('2026-06-26T10:00:00Z'),
      unitMs: 1000,
      ordered: true,
      build(added, slots) {
        const doc = slackActive();
        const inc = doc.active_incidents[0];
        inc.notes = insertAt(
          inc.notes,
          added.map((a) => ({ date_created: iso(a.t), body: a.text })),
          slots,
        );
        return { bodies: [JSON.stringify(doc)], ctx: { now: SLACK_NOW, baseUrl: SLACK_URL } };
      },
      read: (v) => updatesOf(allIncidents(v), SLACK_ACTIVE_ID),
    },
  ],
};

const APPLE_CONSUMER = 'https://www.apple.com/support/systemstatus/data/system_status_en_US.js';
const APPLE_DEV = 'https://www.apple.com/support/systemstatus/data/developer/system_status_en_US.js';
const APPLE_FILE = 'apple-systemstatus-consumer-icloud-outage.doc-derived.jsonp';
const APPLE_NOW = at('2026-09-20T12:00:00Z');
/** The JSONP body without its wrapper (mutations work on the JSON, the wrapper is put back). */
const appleJson = (): any =>
  JSON.parse(
    raw(APPLE_FILE)
      .replace(/^\s*jsonCallback\(/, '')
      .replace(/\);?\s*$/, ''),
  );

const apple: Target = {
  id: 'apple',
  kind: 'apple',
  format: 'json',
  arity: 1,
  history: false,
  run: (b, ctx) => ADAPTERS.apple.parse(b, ctx),
  // The consumer file is JSONP: mutations work on the JSON inside, the wrapper is put back.
  unwrap: (body) => body.replace(/^\s*jsonCallback\(/, '').replace(/\);?\s*$/, ''),
  wrap: (text) => `jsonCallback(${text});`,
  fixtures: [
    { name: APPLE_FILE, bodies: [raw(APPLE_FILE)], now: APPLE_NOW, baseUrl: APPLE_CONSUMER },
    {
      name: 'apple-systemstatus-developer-events-ongoing-resolved-202207.partial.json',
      bodies: [raw('apple-systemstatus-developer-events-ongoing-resolved-202207.partial.json')],
      now: at('2022-07-27T18:00:00Z'),
      baseUrl: APPLE_DEV,
    },
  ],
  caps: { ...jsonFeedCaps, updates: 1 },
  strip: [
    {
      fixture: { name: APPLE_FILE, bodies: [raw(APPLE_FILE)], now: APPLE_NOW, baseUrl: APPLE_CONSUMER },
      keys: /^(eventStatus|statusType)$/,
    },
  ],
  updates: [
    {
      // Apple events carry one text each: the analogue is "valid events are never lost".
      name: 'ongoing events added under a new service',
      max: 90,
      from: at('2026-09-01T00:00:00Z'),
      to: at('2026-09-20T11:00:00Z'),
      unitMs: 1,
      ordered: true,
      build(added, slots) {
        const doc = appleJson();
        const events = added.map((a, k) => ({
          usersAffected: '',
          epochStartDate: a.t,
          epochEndDate: null,
          messageId: `fzu-${k}`,
          statusType: 'Issue',
          affectedServices: null,
          eventStatus: 'ongoing',
          message: a.text,
        }));
        doc.services = insertAt(doc.services, [{ serviceName: 'Fuzz Service', redirectUrl: null, events }], slots);
        return { bodies: [`jsonCallback(${JSON.stringify(doc)});`], ctx: { now: APPLE_NOW, baseUrl: APPLE_CONSUMER } };
      },
      read: (v) =>
        snapshotOf(v)
          .incidents.filter((i) => i.id.startsWith('fzu-'))
          .map((i) => ({ at: i.startedAt, text: i.updates[0]?.text ?? '' })),
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// Heroku, status.io, Instatus, Cachet, Microsoft 365.

const HEROKU_URL = 'https://status.heroku.com/api/v4/current-status';
const HEROKU_NOW = at('2026-09-23T12:00:00Z');
const HEROKU_ISSUE = 'heroku-v4-current-status-resolved-incident-604.doc-derived.json';
/** Issue 604 re-opened: its resolved update removed and `resolved` set false (as heroku.test.ts does). */
function herokuOpen(): any {
  const doc = json(HEROKU_ISSUE);
  doc.incidents[0].resolved = false;
  doc.incidents[0].updates = doc.incidents[0].updates.filter((u: any) => u.update_type !== 'resolved');
  return doc;
}

const heroku: Target = {
  id: 'heroku',
  kind: 'heroku',
  format: 'json',
  arity: 1,
  history: false,
  run: (b, ctx) => ADAPTERS.heroku.parse(b, ctx),
  fixtures: [
    {
      name: 'heroku-v4-current-status-healthy-stale-maintenance.doc-sample.json',
      bodies: [raw('heroku-v4-current-status-healthy-stale-maintenance.doc-sample.json')],
      now: HEROKU_NOW,
      baseUrl: HEROKU_URL,
    },
    { name: HEROKU_ISSUE, bodies: [raw(HEROKU_ISSUE)], now: HEROKU_NOW, baseUrl: HEROKU_URL },
    { name: 'issue 604 re-opened', bodies: [JSON.stringify(herokuOpen())], now: HEROKU_NOW, baseUrl: HEROKU_URL },
  ],
  caps: { newestFirst: true },
  strip: [
    {
      fixture: { name: 'issue 604 re-opened', bodies: [JSON.stringify(herokuOpen())], now: HEROKU_NOW, baseUrl: HEROKU_URL },
      keys: /^(status|state|resolved|update_type|status_prod|status_dev)$/,
    },
  ],
  updates: [
    {
      name: 'issue 604 re-opened',
      max: 150,
      from: at('2014-04-01T17:16:01Z'),
      to: at('2014-04-02T06:00:00Z'),
      unitMs: 1000,
      ordered: true,
      build(added, slots) {
        const doc = herokuOpen();
        const rows = added.map((a, k) => ({
          id: 90_000 + k,
          incident_id: 604,
          update_type: 'update',
          contents: a.text,
          created_at: iso(a.t),
          updated_at: iso(a.t),
        }));
        doc.incidents[0].updates = insertAt(doc.incidents[0].updates, rows, slots);
        return { bodies: [JSON.stringify(doc)], ctx: { now: HEROKU_NOW, baseUrl: HEROKU_URL } };
      },
      read: (v) => updatesOf(allIncidents(v), '604'),
    },
  ],
};

const STATUSIO_URL = 'https://api.status.io/1.0/status/5b36dc6502d06804c08349f7';
const STATUSIO_NOW = at('2021-12-06T16:55:00Z');
const STATUSIO_DOC = 'statusio-public-status-doc-example-incident-maintenance.json';

const statusio: Target = {
  id: 'statusio',
  kind: 'statusio',
  format: 'json',
  arity: 1,
  history: false,
  run: (b, ctx) => ADAPTERS.statusio.parse(b, ctx),
  fixtures: [
    {
      name: 'statusio-public-status-gitlab-operational.json',
      bodies: [raw('statusio-public-status-gitlab-operational.json')],
      now: at('2026-07-01T12:00:00Z'),
      baseUrl: STATUSIO_URL,
    },
    { name: STATUSIO_DOC, bodies: [raw(STATUSIO_DOC)], now: STATUSIO_NOW, baseUrl: STATUSIO_URL },
  ],
  caps: { newestFirst: true },
  strip: [
    {
      fixture: { name: STATUSIO_DOC, bodies: [raw(STATUSIO_DOC)], now: STATUSIO_NOW, baseUrl: STATUSIO_URL },
      keys: /^(status|status_code|state|status_overall)$/,
    },
  ],
  updates: [
    {
      name: 'doc example incident',
      max: 150,
      from: at('2021-12-06T16:00:00Z'),
      to: at('2021-12-06T16:45:00Z'),
      unitMs: 1,
      ordered: true,
      build(added, slots) {
        const doc = json(STATUSIO_DOC);
        const inc = doc.result.incidents[0];
        // state 200 (identified) keeps the incident open whichever message is newest.
        inc.messages = insertAt(
          inc.messages,
          added.map((a) => ({ details: a.text, state: 200, status: 300, datetime: iso(a.t) })),
          slots,
        );
        return { bodies: [JSON.stringify(doc)], ctx: { now: STATUSIO_NOW, baseUrl: STATUSIO_URL } };
      },
      read: (v) => updatesOf(allIncidents(v), '61ae3daa9c768905d9f0f6fd'),
    },
  ],
};

const INSTATUS_URL = 'https://instat.us/summary.json';
const INSTATUS_NOW = at('2022-06-11T19:00:00Z');
const INSTATUS_DOC = 'instatus-summary-doc-example-hasissues.json';

const instatus: Target = {
  id: 'instatus',
  kind: 'instatus',
  format: 'json',
  arity: 1,
  history: false,
  run: (b, ctx) => ADAPTERS.instatus.parse(b, ctx),
  fixtures: [
    { name: INSTATUS_DOC, bodies: [raw(INSTATUS_DOC)], now: INSTATUS_NOW, baseUrl: INSTATUS_URL },
    {
      name: 'instatus-summary-wistia-up.doc-sample.json',
      bodies: [raw('instatus-summary-wistia-up.doc-sample.json')],
      now: at('2026-09-23T12:00:00Z'),
      baseUrl: 'https://status.wistia.com/summary.json',
    },
  ],
  caps: { updates: 0, newestFirst: true },
  strip: [
    { fixture: { name: INSTATUS_DOC, bodies: [raw(INSTATUS_DOC)], now: INSTATUS_NOW, baseUrl: INSTATUS_URL }, keys: /^(status|impact)$/ },
  ],
  updates: [
    {
      // The summary carries no update texts: the analogue is "valid active incidents are never lost".
      name: 'active incidents added',
      max: 150,
      from: at('2022-06-01T00:00:00Z'),
      to: at('2022-06-11T18:00:00Z'),
      unitMs: 1000,
      ordered: false, // Instatus lists incidents in the feed's order; no order is promised
      build(added, slots) {
        const doc = json(INSTATUS_DOC);
        const rows = added.map((a, k) => ({
          id: `fzu-${k}`,
          name: a.text,
          started: iso(a.t),
          status: 'INVESTIGATING',
          impact: 'MAJOROUTAGE',
          url: `https://testing-widget.instatus.com/incident/fzu-${k}`,
        }));
        doc.activeIncidents = insertAt(doc.activeIncidents, rows, slots);
        return { bodies: [JSON.stringify(doc)], ctx: { now: INSTATUS_NOW, baseUrl: INSTATUS_URL } };
      },
      read: (v) =>
        snapshotOf(v)
          .incidents.filter((i) => i.id.startsWith('fzu-'))
          .map((i) => ({ at: i.startedAt, text: i.title })),
    },
  ],
};

const CACHET_BASE = 'https://status.example.com';
const CACHET_NOW = at('2015-08-01T12:30:00Z');
const CACHET_COMPONENTS = 'cachet-v1-components-doc-example.json';
const CACHET_OPEN = 'cachet-v1-incidents-2.4-doc-example-identified.json';

const cachet: Target = {
  id: 'cachet',
  kind: 'cachet',
  format: 'json',
  arity: 2,
  history: false,
  run: (b, ctx) => ADAPTERS.cachet.parse(b, ctx),
  fixtures: [
    {
      name: `${CACHET_COMPONENTS} + ${CACHET_OPEN}`,
      bodies: [raw(CACHET_COMPONENTS), raw(CACHET_OPEN)],
      now: CACHET_NOW,
      baseUrl: CACHET_BASE,
    },
    {
      name: `${CACHET_COMPONENTS} + cachet-v1-incidents-2.3-doc-example-fixed.json`,
      bodies: [raw(CACHET_COMPONENTS), raw('cachet-v1-incidents-2.3-doc-example-fixed.json')],
      now: CACHET_NOW,
      baseUrl: CACHET_BASE,
    },
  ],
  caps: { newestFirst: true },
  strip: [
    {
      fixture: {
        name: 'components + 2.4 identified',
        bodies: [raw(CACHET_COMPONENTS), raw(CACHET_OPEN)],
        now: CACHET_NOW,
        baseUrl: CACHET_BASE,
      },
      keys: /^(status|latest_status|is_resolved|human_status|latest_human_status|status_name)$/,
    },
  ],
  updates: [
    {
      name: '2.4 identified incident',
      max: 150,
      // After the incident's own first post (occurred_at 12:00:00), before now.
      from: at('2015-08-01T12:00:01Z'),
      to: at('2015-08-01T12:29:59Z'),
      unitMs: 1000,
      ordered: true,
      build(added, slots) {
        const doc = json(CACHET_OPEN);
        const inc = doc.data[0];
        const rows = added.map((a, k) => ({
          id: 100 + k,
          incident_id: 1,
          status: 2,
          message: a.text,
          user_id: 1,
          created_at: zoneless(a.t),
          updated_at: zoneless(a.t),
        }));
        inc.updates = insertAt(inc.updates, rows, slots);
        return { bodies: [raw(CACHET_COMPONENTS), JSON.stringify(doc)], ctx: { now: CACHET_NOW, baseUrl: CACHET_BASE } };
      },
      read: (v) => updatesOf(allIncidents(v), '1'),
    },
  ],
};

const M365_URL = 'https://status.cloud.microsoft/api/posts/m365Consumer';
const M365_NOW = at('2026-09-18T21:24:30Z');
const M365_MIXED = 'm365-consumer-posts-doc-derived-mixed.json';

const m365: Target = {
  id: 'm365',
  kind: 'm365',
  format: 'json',
  arity: 1,
  history: false,
  run: (b, ctx) => ADAPTERS.m365.parse(b, ctx),
  fixtures: [
    { name: M365_MIXED, bodies: [raw(M365_MIXED)], now: M365_NOW, baseUrl: M365_URL },
    {
      name: 'm365-posts-mac-available-verbatim.json',
      bodies: [raw('m365-posts-mac-available-verbatim.json')],
      now: M365_NOW,
      baseUrl: 'https://status.cloud.microsoft/api/posts/mac',
    },
    {
      name: 'mac post as a one-row list',
      bodies: [`[${raw('m365-posts-mac-available-verbatim.json')}]`],
      now: M365_NOW,
      baseUrl: M365_URL,
    },
  ],
  caps: { updates: 1, newestFirst: true },
  strip: [{ fixture: { name: M365_MIXED, bodies: [raw(M365_MIXED)], now: M365_NOW, baseUrl: M365_URL }, keys: /^(Status)$/ }],
  updates: [
    {
      // One row per service, one text per row: the analogue is "valid problem rows are never lost".
      name: 'degraded service rows added',
      max: 150,
      from: at('2026-09-10T00:00:00Z'),
      to: at('2026-09-18T21:00:00Z'),
      unitMs: 1000,
      ordered: false, // rows keep the feed's order
      build(added, slots) {
        const rows = json(M365_MIXED);
        const mine = added.map((a, k) => ({
          Id: `fzu-${k}`,
          ServiceDisplayName: `Fuzz Service ${k}`,
          AuthoredDateTime: iso(a.t),
          InternalDateTime: '2026-09-18T21:22:55+00:00',
          LastUpdatedTime: '2026-09-18T21:24:00.490309+00:00',
          Title: a.text,
          Message: `<p>${a.text}</p>`,
          Status: 'Service degradation',
        }));
        return { bodies: [JSON.stringify(insertAt(rows, mine, slots))], ctx: { now: M365_NOW, baseUrl: M365_URL } };
      },
      read: (v) =>
        snapshotOf(v)
          .incidents.filter((i) => i.id.startsWith('fzu-'))
          .map((i) => ({ at: i.updates[0]?.at ?? null, text: i.title })),
    },
  ],
};

/** Every target, in ADAPTERS order; `statuspage.history` right after `statuspage`. */
export const TARGETS: readonly Target[] = [
  statuspage,
  statuspageHistory,
  incidentio,
  rss,
  gcp,
  awsHealth,
  slack,
  apple,
  heroku,
  statusio,
  instatus,
  cachet,
  m365,
  ...PLATFORM_TARGETS,
];

export function targetById(id: string): Target {
  const t = TARGETS.find((x) => x.id === id);
  if (!t) throw new Error(`no fuzz target ${id}`);
  return t;
}
