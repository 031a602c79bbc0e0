/**
 * Format detection, with a fake fetch that serves real fixtures:
 * - GitHub's Statuspage `summary.json` (2019-12-30, all operational);
 * - an incident.io compat `summary.json` ASSEMBLED from OpenAI's real status.json + components.json
 *   (no real compat summary.json sample exists; same assembly as incidentio.test.ts);
 * - GitHub's real `history.atom` and GOV.UK's real `history.rss` as the feeds found;
 * - status-page HTML written here (no real page HTML is in the fixtures): a head with the
 *   `<link rel="alternate">` tags Statuspage pages carry, and a page with nothing.
 * Anything not served answers 404 with an empty body (what Statuspage does for unknown paths).
 */
import { PLATFORM_PROBES } from '../../../core/official/detect-platforms';
import { describe, expect, it, vi } from 'vitest';
import type { FetchDeps } from '../../../core/net/fetch';
import {
  FEED_PATHS,
  alternateFeedLinks,
  detectFeed,
  detectFromHtml,
  displayName,
  instatusNameOf,
  knownPattern,
  readPageUrl,
  statuspageKindOf,
  type DetectedFeed,
} from '../../../core/official/detect';
import { expectProblem, problem, raw, value } from './helpers';

const GITHUB_SUMMARY = raw('statuspage-summary-github-all-operational-20191230.json');
const OPENAI_SUMMARY = JSON.stringify({
  ...(JSON.parse(raw('incidentio-statuspage-compat-status-openai-operational.json')) as object),
  components: (JSON.parse(raw('incidentio-statuspage-compat-components-openai-trimmed.json')) as { components: unknown[] }).components,
});
const GITHUB_ATOM = raw('statuspage-history-atom-github-active-incident.atom');
const GOVUK_RSS = raw('statuspage-history-rss-govuk-scheduled-maintenance-20240108.rss');

const JSON_TYPE = 'application/json; charset=utf-8';
const ATOM_TYPE = 'application/atom+xml; charset=utf-8';
const RSS_TYPE = 'application/rss+xml; charset=utf-8';
const HTML_TYPE = 'text/html; charset=utf-8';

/** A Statuspage-like page head announcing its feeds (relative and absolute hrefs). */
const PAGE_WITH_FEEDS = `<!DOCTYPE html><html lang="en"><head>
  <meta charset="utf-8"><title>Example Status</title>
  <link rel="stylesheet" href="/app.css">
  <link rel="alternate" type="application/atom+xml" title="Example Status History - Atom Feed" href="/history.atom">
  <link rel='alternate' type='application/rss+xml' title='Example Status History - RSS Feed' href='https://status.example.com/history.rss'>
</head><body><h1>All Systems Operational</h1></body></html>`;
const PAGE_WITH_NOTHING = '<!DOCTYPE html><html><head><title>Example</title></head><body>We are fine.</body></html>';

type Route = { status?: number; body: string; type?: string };

/** The requests the Better Stack / Rootly / Uptime Kuma / Gatus probes make for a page address. */
function platformCalls(page: string): string[] {
  return PLATFORM_PROBES.flatMap((p) => p.url(new URL(page)) ?? []);
}

/** A fake fetch serving `routes` by exact URL; everything else is 404 with an empty body. */

function fakeDeps(routes: Record<string, Route>): FetchDeps & { calls: string[] } {
  const calls: string[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    calls.push(url);
    const r = routes[url];
    if (!r) return new Response('', { status: 404 });
    return new Response(r.body, { status: r.status ?? 200, headers: r.type ? { 'content-type': r.type } : {} });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, now: () => Date.parse('2026-03-03T05:16:00Z'), calls };
}

// ---------------------------------------------------------------------------------------------

describe('readPageUrl', () => {
  it('accepts https addresses, and bare host names as https', () => {
    expect(value(readPageUrl('https://www.githubstatus.com/')).href).toBe('https://www.githubstatus.com/');
    expect(value(readPageUrl('  status.example.com/x#frag ')).href).toBe('https://status.example.com/x');
  });

  it('refuses what is not an https status page address, in words for a person', () => {
    for (const bad of [
      '',
      '   ',
      'not a url at all',
      'http://status.example.com',
      'ftp://status.example.com',
      'javascript:alert(1)',
      'https://user:pw@status.example.com',
      'https://localhost',
      'https://127.0.0.1',
      'https://[::1]/',
      42,
    ]) {
      const p = problem(readPageUrl(bad));
      expect(p.code).toBe('parse');
      expect(p.message).toMatch(/^enter an https address of a status page/);
    }
  });
});

describe('knownPattern', () => {
  const cases: [string, DetectedFeed | null][] = [
    ['https://status.cloud.google.com/', { kind: 'gcp', url: 'https://status.cloud.google.com/incidents.json', label: 'Google Cloud' }],
    [
      'https://status.cloud.google.com/incidents/abc',
      { kind: 'gcp', url: 'https://status.cloud.google.com/incidents.json', label: 'Google Cloud' },
    ],
    [
      'https://www.google.com/appsstatus/dashboard/',
      { kind: 'gcp', url: 'https://www.google.com/appsstatus/dashboard/incidents.json', label: 'Google Workspace' },
    ],
    [
      'https://health.aws.amazon.com/health/status',
      { kind: 'aws-health', url: 'https://health.aws.amazon.com/public/currentevents', label: 'Amazon Web Services' },
    ],
    [
      'https://status.aws.amazon.com/rss/ec2-us-east-1.rss',
      { kind: 'rss', url: 'https://status.aws.amazon.com/rss/ec2-us-east-1.rss', label: 'AWS ec2-us-east-1' },
    ],
    ['https://status.slack.com/', { kind: 'slack', url: 'https://slack-status.com/api/v2.0.0/current', label: 'Slack' }],
    ['https://slack-status.com/', { kind: 'slack', url: 'https://slack-status.com/api/v2.0.0/current', label: 'Slack' }],
    [
      'https://azure.status.microsoft/en-us/status',
      { kind: 'rss', url: 'https://azure.status.microsoft/en-us/status/feed/', label: 'Microsoft Azure' },
    ],
    [
      'https://status.azure.com/en-us/status/',
      { kind: 'rss', url: 'https://azure.status.microsoft/en-us/status/feed/', label: 'Microsoft Azure' },
    ],
    ['https://status.heroku.com/', { kind: 'heroku', url: 'https://status.heroku.com/api/v4/current-status', label: 'Heroku' }],
    ['https://status.gitlab.com/', { kind: 'statusio', url: 'https://api.status.io/1.0/status/5b36dc6502d06804c08349f7', label: 'GitLab' }],
    ['https://spotify.statuspage.io/', { kind: 'statuspage', url: 'https://spotify.statuspage.io', label: 'spotify' }],
    ['https://www.statuspage.io/', null],
    ['https://www.githubstatus.com/', null],
    ['https://www.google.com/search?q=appsstatus', null],
    ['https://status.cloud.google.com.evil.example/', null],
    ['not a url', null],
  ];
  for (const [url, expected] of cases) {
    it(`${url} → ${expected ? expected.kind : 'nothing'}`, () => {
      expect(knownPattern(url)).toEqual(expected);
    });
  }
});

describe('alternateFeedLinks / detectFromHtml', () => {
  it('finds RSS and Atom alternates, resolves relative hrefs, keeps document order', () => {
    expect(alternateFeedLinks(PAGE_WITH_FEEDS, 'https://status.example.com/')).toEqual([
      'https://status.example.com/history.atom',
      'https://status.example.com/history.rss',
    ]);
    expect(detectFromHtml(PAGE_WITH_FEEDS, 'https://status.example.com/')).toEqual({
      kind: 'rss',
      url: 'https://status.example.com/history.atom',
      label: 'Example Status',
    });
  });

  it('resolves against <base href>, ignores stylesheets, non-feed types, non-https and javascript: hrefs', () => {
    const html = `<head><base href="https://cdn.example.com/status/">
      <link rel="stylesheet" type="application/rss+xml" href="/a.rss">
      <link rel="alternate" type="text/html" href="/b.html">
      <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
      <link rel="alternate" type="application/rss+xml" href="http://insecure.example.com/c.rss">
      <LINK REL="Alternate" TYPE="application/atom+xml" HREF="feed.atom?x=1&amp;y=2">
      <link rel="alternate" type="application/atom+xml" href="feed.atom?x=1&amp;y=2"></head>`;
    expect(alternateFeedLinks(html, 'https://status.example.com/')).toEqual(['https://cdn.example.com/status/feed.atom?x=1&y=2']);
  });

  it('finds nothing on a page with nothing, or on garbage', () => {
    expect(detectFromHtml(PAGE_WITH_NOTHING, 'https://status.example.com/')).toBeNull();
    expect(detectFromHtml('', 'https://status.example.com/')).toBeNull();
    expect(alternateFeedLinks('<link rel="alternate" type="application/rss+xml" href="https://[bad">', 'https://x.example/')).toEqual([]);
  });
});

describe('statuspageKindOf / instatusNameOf (real bodies)', () => {
  it('tells Atlassian Statuspage from incident.io, and reads the page name', () => {
    expect(statuspageKindOf(GITHUB_SUMMARY)).toEqual({ kind: 'statuspage', name: 'GitHub' });
    expect(statuspageKindOf(OPENAI_SUMMARY)).toEqual({ kind: 'incidentio', name: 'OpenAI' });
    expect(statuspageKindOf(raw('statuspage-status-discord-operational.json'))).toEqual({ kind: 'statuspage', name: 'Discord' });
  });

  it('refuses what is not a Statuspage page', () => {
    for (const body of [
      '',
      '<html></html>',
      '[]',
      '{"page":{}}',
      '{"page":{"id":"x"},"status":{}}',
      raw('incidentio-statuspage-compat-components-openai-trimmed.json'),
    ]) {
      expect(statuspageKindOf(body)).toBeNull();
    }
  });

  it('recognises an Instatus summary by its page.status words only', () => {
    expect(instatusNameOf('{"page":{"name":"Wistia","url":"https://status.wistia.com","status":"UP"},"activeIncidents":[]}')).toBe(
      'Wistia',
    );
    expect(instatusNameOf(GITHUB_SUMMARY)).toBeNull();
    expect(instatusNameOf('{"page":{"status":"operational"}}')).toBeNull();
  });

  it('displayName shortens feed titles and falls back to the host', () => {
    expect(displayName('GitHub Status - Incident History', 'x')).toBe('GitHub Status');
    expect(displayName('<b>Acme</b> &amp; Co', 'x')).toBe('Acme & Co');
    expect(displayName('', 'status.example.com')).toBe('status.example.com');
  });
});

describe('detectFeed', () => {
  it('finds Atlassian Statuspage from summary.json (GitHub, real body)', async () => {
    const deps = fakeDeps({ 'https://www.githubstatus.com/api/v2/summary.json': { body: GITHUB_SUMMARY, type: JSON_TYPE } });
    const r = await detectFeed('https://www.githubstatus.com/history', deps);
    expect(value(r)).toEqual({ kind: 'statuspage', url: 'https://www.githubstatus.com', label: 'GitHub' });
    expect(deps.calls).toEqual(['https://www.githubstatus.com/api/v2/summary.json']);
  });

  it('finds incident.io from its compat summary.json (no time_zone, ULID id)', async () => {
    const deps = fakeDeps({ 'https://status.openai.com/api/v2/summary.json': { body: OPENAI_SUMMARY, type: 'application/json' } });
    expect(value(await detectFeed('https://status.openai.com', deps))).toEqual({
      kind: 'incidentio',
      url: 'https://status.openai.com',
      label: 'OpenAI',
    });
  });

  it('finds the feed a page announces with <link rel="alternate"> (relative href), checked by reading it', async () => {
    const deps = fakeDeps({
      'https://status.example.com/': { body: PAGE_WITH_FEEDS, type: HTML_TYPE },
      'https://status.example.com/history.atom': { body: GITHUB_ATOM, type: ATOM_TYPE },
    });
    expect(value(await detectFeed('https://status.example.com/', deps))).toEqual({
      kind: 'rss',
      url: 'https://status.example.com/history.atom',
      label: 'GitHub Status', // the feed's own title, "- Incident History" dropped
    });
    expect(deps.calls).toEqual([
      'https://status.example.com/api/v2/summary.json',
      'https://status.example.com/summary.json',
      ...platformCalls('https://status.example.com/'),
      'https://status.example.com/',
      'https://status.example.com/history.atom',
    ]);
  });

  it('skips an announced feed it cannot read and tries the next', async () => {
    const deps = fakeDeps({
      'https://status.example.com/': { body: PAGE_WITH_FEEDS, type: HTML_TYPE },
      'https://status.example.com/history.atom': { body: GITHUB_ATOM.slice(0, 5000), type: ATOM_TYPE }, // truncated
      'https://status.example.com/history.rss': { body: GOVUK_RSS, type: RSS_TYPE },
    });
    expect(value(await detectFeed('https://status.example.com/', deps))).toMatchObject({
      kind: 'rss',
      url: 'https://status.example.com/history.rss',
      label: 'GOV.UK Status',
    });
  });

  it('falls back to the conventional feed paths when the page announces nothing', async () => {
    const deps = fakeDeps({
      'https://status.example.com/': { body: PAGE_WITH_NOTHING, type: HTML_TYPE },
      'https://status.example.com/feed.rss': { body: GOVUK_RSS, type: RSS_TYPE },
    });
    expect(value(await detectFeed('https://status.example.com/', deps))).toMatchObject({
      kind: 'rss',
      url: 'https://status.example.com/feed.rss',
    });
    expect(deps.calls.slice(-3)).toEqual([
      'https://status.example.com/history.rss',
      'https://status.example.com/history.atom',
      'https://status.example.com/feed.rss',
    ]);
  });

  it('accepts a pasted feed address, and a page that is itself a feed', async () => {
    const feedUrl = 'https://status.example.com/custom/feed.atom';
    const a = fakeDeps({ [feedUrl]: { body: GITHUB_ATOM, type: ATOM_TYPE } });
    expect(value(await detectFeed(feedUrl, a))).toMatchObject({ kind: 'rss', url: feedUrl });

    const pageUrl = 'https://status.example.com/status';
    const b = fakeDeps({ [pageUrl]: { body: GOVUK_RSS, type: 'text/xml' } });
    expect(value(await detectFeed(pageUrl, b))).toMatchObject({ kind: 'rss', url: pageUrl });
  });

  it('says so when nothing is found, naming the host', async () => {
    const deps = fakeDeps({ 'https://status.example.com/': { body: PAGE_WITH_NOTHING, type: HTML_TYPE } });
    const p = problem(await detectFeed('https://status.example.com/', deps));
    expect(p).toEqual({ code: 'no_official', message: 'no machine-readable status feed found at status.example.com' });
    expect(deps.calls).toEqual([
      'https://status.example.com/api/v2/summary.json',
      'https://status.example.com/summary.json',
      ...platformCalls('https://status.example.com/'),
      'https://status.example.com/',
      ...FEED_PATHS.map((p) => `https://status.example.com${p}`),
    ]);
  });

  it('does not take an unclaimed *.statuspage.io name (marketing HTML everywhere) for a page', async () => {
    const shell = '<!DOCTYPE html><html><head><title>Statuspage | Atlassian</title></head><body>Try it free</body></html>';
    const routes: Record<string, { body: string; type: string }> = {};
    for (const path of [
      '/api/v2/summary.json',
      '/summary.json',
      '/index.json',
      '/api/v1/status.json',
      '/api/v1/endpoints/statuses',
      '/',
      ...FEED_PATHS,
    ]) {
      routes[`https://nobody-here.statuspage.io${path}`] = { body: shell, type: HTML_TYPE };
    }
    expectProblem(await detectFeed('https://nobody-here.statuspage.io/', fakeDeps(routes)), 'no_official');
  });

  it('answers known providers without any request', async () => {
    const deps = fakeDeps({});
    expect(value(await detectFeed('https://status.cloud.google.com/', deps))).toMatchObject({ kind: 'gcp' });
    expect(value(await detectFeed('https://azure.status.microsoft/en-us/status', deps))).toMatchObject({ kind: 'rss' });
    expect(deps.calls).toEqual([]);
  });

  it('refuses a non-https address before any request', async () => {
    const deps = fakeDeps({});
    const p = problem(await detectFeed('http://status.example.com', deps));
    expect(p.message).toMatch(/^enter an https address of a status page/);
    expect(deps.calls).toEqual([]);
  });

  it('never throws, and stops at once when the host does not answer (fetch itself throws)', async () => {
    let calls = 0;
    const deps: FetchDeps = {
      fetch: (() => {
        calls++;
        throw new TypeError('Failed to fetch');
      }) as unknown as typeof globalThis.fetch,
      now: () => 0,
    };
    const p = problem(await detectFeed('https://status.example.com/', deps));
    expect(p.code).toBe('network');
    expect(p.message).toBe('status.example.com could not be reached: the status page could not be reached');
    expect(calls).toBe(1);
  });

  it('names the new host when the page redirects elsewhere (fetchFeed refuses cross-site redirects)', async () => {
    const fetch = vi.fn(async (input: RequestInfo | URL): Promise<Response> => {
      const url = String(input);
      const moved = url.replace('https://status.anthropic.com', 'https://status.claude.com');
      const r = new Response('', { status: 200 });
      Object.defineProperty(r, 'redirected', { value: true });
      Object.defineProperty(r, 'url', { value: moved });
      return r;
    });
    const deps: FetchDeps = { fetch: fetch as unknown as typeof globalThis.fetch, now: () => 0 };
    expectProblem(
      await detectFeed('https://status.anthropic.com', deps),
      'no_official',
      /^no machine-readable status feed found at status\.anthropic\.com \(.*redirects to status\.claude\.com/,
    );
  });

  it.each([
    [
      'Better Stack',
      'https://status.huggingface.co/',
      'https://status.huggingface.co/index.json',
      'betterstack-index-huggingface-operational-trimmed.json',
      'Hugging Face',
    ],
    [
      'Rootly',
      'https://status.example.com',
      'https://status.example.com/api/v1/status.json',
      'rootly-status-doc-example-operational.json',
      'Acme Status',
    ],
    [
      'Gatus',
      'https://health.example.com/',
      'https://health.example.com/api/v1/endpoints/statuses',
      'gatus-endpoints-statuses-upstream-test-failing.json',
      'health.example.com',
    ],
    [
      'Uptime Kuma',
      'https://kuma.example.com/status/main',
      'https://kuma.example.com/api/status-page/main',
      'uptimekuma-status-page-doc-derived-incident.json',
      'Example Intranet',
    ],
  ])('finds %s from its JSON API', async (_name, page, feed, file, label) => {
    const deps = fakeDeps({ [feed]: { body: raw(file), type: JSON_TYPE } });
    const kind = PLATFORM_PROBES.find((p) => p.url(new URL(page)) === feed)!.kind;
    expect(value(await detectFeed(page, deps))).toEqual({ kind, url: feed, label });
  });

  it('finds Hund from its live stream (text/event-stream opening with init_event), for the page or a pasted component stream', async () => {
    const stream = raw('hund-live-status-page-doc-derived-degraded.txt');
    const page = fakeDeps({ 'https://status.example.com/live/v2/status_page': { body: stream, type: 'text/event-stream' } });
    expect(value(await detectFeed('https://status.example.com/', page))).toEqual({
      kind: 'hund',
      url: 'https://status.example.com/live/v2/status_page',
      label: 'status.example.com',
    });
    const component = 'https://status.example.com/live/v2/component/5f2a1c9e8b3d4a0012ab34cf';
    const one = fakeDeps({ [component]: { body: stream, type: 'text/event-stream' } });
    expect(value(await detectFeed(`${component}/`, one))).toMatchObject({ kind: 'hund', url: component });
  });

  it('does not take another event stream, or JSON at the stream path, for Hund', async () => {
    const deps = fakeDeps({
      'https://status.example.com/live/v2/status_page': { body: 'event: init_event\ndata: {"status":"ok"}\n\n', type: 'text/event-stream' },
    });
    expect(problem(await detectFeed('https://status.example.com/', deps)).code).toBe('no_official');
    const json = fakeDeps({ 'https://status.example.com/live/v2/status_page': { body: '{"state":"operational"}', type: JSON_TYPE } });
    expect(problem(await detectFeed('https://status.example.com/', json)).code).toBe('no_official');
  });

  it('knows a Sorry components address without a request; Kuma is tried only for /status/<slug> pages', async () => {
    expect(knownPattern('https://api.sorryapp.com/v1/pages/abc123/components')).toEqual({
      kind: 'sorry',
      url: 'https://api.sorryapp.com/v1/pages/abc123/components',
      label: 'Sorry',
    });
    expect(platformCalls('https://status.example.com/').some((u) => u.includes('/api/status-page/'))).toBe(false);
  });

  it('does not take another JSON for a platform feed (a Statuspage body at /index.json, a Kuma-less object)', async () => {
    const deps = fakeDeps({
      'https://status.example.com/index.json': { body: GITHUB_SUMMARY, type: JSON_TYPE },
      'https://status.example.com/api/v1/endpoints/statuses': { body: '[]', type: JSON_TYPE },
    });
    expect(problem(await detectFeed('https://status.example.com/', deps)).code).toBe('no_official');
  });

  it('intranet addresses (http, IP, one-word host) only when asked for (custom pages), never by default', async () => {
    for (const u of ['http://kuma:3001/status/main', 'https://10.0.0.5', 'http://status']) {
      expect(readPageUrl(u).ok).toBe(false);
      expect(readPageUrl(u, { intranet: true }).ok).toBe(true);
    }
    expect(readPageUrl('http://u:p@kuma', { intranet: true }).ok).toBe(false);
    const deps = fakeDeps({
      'http://kuma:3001/api/status-page/main': { body: raw('uptimekuma-status-page-doc-derived-incident.json'), type: JSON_TYPE },
    });
    expect(value(await detectFeed('http://kuma:3001/status/main', deps, { intranet: true }))).toEqual({
      kind: 'uptimekuma',
      url: 'http://kuma:3001/api/status-page/main',
      label: 'Example Intranet',
    });
  });
});
