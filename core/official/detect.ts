/**
 * Format detection for "add a custom status page by URL": given any status page address a person
 * pastes, find a machine-readable feed Acknowledged can poll.
 *
 * Order (cheapest and surest first):
 * 1. Known providers by host (Google Cloud, Google Workspace, AWS, Slack, Azure, Heroku, Apple,
 *    Microsoft 365 consumer, GitLab): their feed is fixed, no request needed.
 * 2. Statuspage API on the origin (`/api/v2/summary.json`): `page` + `status.indicator` means
 *    Atlassian Statuspage, or incident.io's compatible shim when the page has no `time_zone` and a
 *    ULID id (its JSON carries components, so it beats any feed on the same host). Then Instatus
 *    (`/summary.json` with `page.status` UP/HASISSUES/UNDERMAINTENANCE), then Better Stack
 *    (`/index.json`), Rootly (`/api/v1/status.json`), Uptime Kuma (`/status/<slug>` →
 *    `/api/status-page/<slug>`) and Gatus (`/api/v1/endpoints/statuses`): ./detect-platforms.ts.
 * 3. A pasted URL that already looks like a feed (`.rss`, `.atom`, `/feed`…): read it as RSS/Atom.
 * 4. The page's HTML: `<link rel="alternate" type="application/rss+xml|atom+xml" href>`.
 * 5. Conventional feed paths: `/history.rss`, `/history.atom`, `/feed.rss`, `/feed.atom`.
 * A feed found in 3, 4 or 5 is accepted only when the RSS adapter can read it.
 *
 * Every request goes through `fetchFeed` (timeouts, size cap, no credentials, cross-site
 * redirects refused). A host that does not answer the first request is reported at once rather
 * than tried seven times. Never throws.
 */
import { fail, ok, type Result } from '../model';
import { isRecord } from './kit';
import { fetchFeed, type FetchDeps } from '../net/fetch';
import type { OfficialKind } from './kinds';
import { htmlToText } from '../text';
import { snapshotOf } from './rss';
import { readFeed } from './rss/feed';
import { PLATFORM_PROBES, sorryFeed } from './detect-platforms';

export interface DetectedFeed {
  kind: OfficialKind;
  /** What the catalog's `official.url` would be: a base URL or a feed URL, as the kind expects. */
  url: string;
  /**
   * A display name for the service, plain text: the page's own name (Statuspage `page.name`), the
   * feed's title ("GitHub Status"), or the provider's name for known hosts; the host otherwise.
   * The options page uses it as the custom service's name.
   */
  label: string;
}

/** Most `<link rel=alternate>` feeds we try from one page. */
export const MAX_ALTERNATES = 3;
/** Paths tried on the origin when nothing else was found. */
export const FEED_PATHS = ['/history.rss', '/history.atom', '/feed.rss', '/feed.atom'] as const;

const ENTER_HTTPS = 'enter an https address of a status page';
/** Fetch problems that mean the host did not answer at all. */
const UNREACHABLE = new Set(['network', 'timeout', 'offline']);

// ---------------------------------------------------------------------------------------------
// Input.

/**
 * The pasted text → an https URL without credentials, or a failure in words for a person. With
 * `intranet` (custom pages only), plain http, IP addresses and one-word hosts are accepted too.
 */
export function readPageUrl(input: unknown, opts: { intranet?: boolean } = {}): Result<URL> {
  if (typeof input !== 'string') return fail('parse', ENTER_HTTPS);
  let text = input.trim();
  if (text === '' || text.length > 2048) return fail('parse', ENTER_HTTPS);
  // "status.example.com" without a scheme: assume https.
  if (!/^[a-z][a-z0-9+.-]*:/i.test(text)) text = `https://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail('parse', ENTER_HTTPS);
  }
  if (url.username !== '' || url.password !== '') return fail('parse', `${ENTER_HTTPS} without a user name or password in it`);
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (opts.intranet && (url.protocol === 'http:' || url.protocol === 'https:') && host !== '') {
    url.hash = '';
    return ok(url);
  }
  if (url.protocol !== 'https:') return fail('parse', `${ENTER_HTTPS} (it must start with https://)`);
  if (host === '' || !host.includes('.') || /^[\d.]+$/.test(host) || host.startsWith('[')) {
    return fail('parse', `${ENTER_HTTPS} (a host name such as status.example.com)`);
  }
  url.hash = '';
  return ok(url);
}

// ---------------------------------------------------------------------------------------------
// Known providers.

/** "/rss/ec2-us-east-1.rss" → "AWS ec2-us-east-1". */
function awsRssLabel(pathname: string): string {
  const m = /\/rss\/([a-z0-9-]+)\.rss$/i.exec(pathname);
  return m ? `AWS ${m[1]!.toLowerCase()}` : 'Amazon Web Services';
}

/** A page or feed title → a short display name ("GitHub Status - Incident History" → "GitHub Status"). */
export function displayName(title: unknown, fallback: string): string {
  const text = htmlToText(title, 200)
    .replace(/\s+/g, ' ')
    .replace(/\s*[-–—|:]\s*(?:incident\s+)?history$/i, '')
    .trim();
  return text === '' ? fallback : text.slice(0, 100);
}

const inHost = (host: string, domain: string): boolean => host === domain || host.endsWith(`.${domain}`);

/**
 * Providers whose machine-readable feed is known from the host (and sometimes the path) alone.
 * Returns null for anything else. `*.statuspage.io` is reported as Statuspage (origin), which
 * `detectFeed` still confirms, since Atlassian answers any unclaimed name with a marketing page.
 */
export function knownPattern(input: string): DetectedFeed | null {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  const path = url.pathname.toLowerCase();

  if (host === 'status.cloud.google.com') {
    return { kind: 'gcp', url: 'https://status.cloud.google.com/incidents.json', label: 'Google Cloud' };
  }
  if (host === 'www.google.com' && path.startsWith('/appsstatus')) {
    return {
      kind: 'gcp',
      url: 'https://www.google.com/appsstatus/dashboard/incidents.json',
      label: 'Google Workspace',
    };
  }
  if (host === 'status.aws.amazon.com' && /^\/rss\/[a-z0-9-]+\.rss$/.test(path)) {
    return { kind: 'rss', url: `https://status.aws.amazon.com${url.pathname}`, label: awsRssLabel(url.pathname) };
  }
  if (host === 'health.aws.amazon.com' || host === 'status.aws.amazon.com') {
    return { kind: 'aws-health', url: 'https://health.aws.amazon.com/public/currentevents', label: 'Amazon Web Services' };
  }
  if (host === 'slack-status.com' || host === 'status.slack.com') {
    return { kind: 'slack', url: 'https://slack-status.com/api/v2.0.0/current', label: 'Slack' };
  }
  if (inHost(host, 'azure.status.microsoft') || host === 'status.azure.com' || host === 'azurestatuscdn.azureedge.net') {
    return { kind: 'rss', url: 'https://azure.status.microsoft/en-us/status/feed/', label: 'Microsoft Azure' };
  }
  if (host === 'status.cloud.microsoft') {
    return { kind: 'm365', url: 'https://status.cloud.microsoft/api/posts/m365Consumer', label: 'Microsoft 365 (consumer)' };
  }
  if (host === 'status.heroku.com') {
    return { kind: 'heroku', url: 'https://status.heroku.com/api/v4/current-status', label: 'Heroku' };
  }
  if (host === 'www.apple.com' && path.startsWith('/support/systemstatus')) {
    return {
      kind: 'apple',
      url: 'https://www.apple.com/support/systemstatus/data/system_status_en_US.js',
      label: 'Apple',
    };
  }
  if (host === 'developer.apple.com' && path.startsWith('/system-status')) {
    return {
      kind: 'apple',
      url: 'https://www.apple.com/support/systemstatus/data/developer/system_status_en_US.js',
      label: 'Apple Developer',
    };
  }
  if (host === 'status.gitlab.com') {
    return { kind: 'statusio', url: 'https://api.status.io/1.0/status/5b36dc6502d06804c08349f7', label: 'GitLab' };
  }
  const sorry = sorryFeed(url);
  if (sorry !== null) return { kind: 'sorry', url: sorry, label: 'Sorry' };
  if (host.endsWith('.statuspage.io') && host !== 'www.statuspage.io' && host.split('.').length === 3) {
    return { kind: 'statuspage', url: `https://${host}`, label: host.slice(0, -'.statuspage.io'.length) };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// HTML.

const LINK_TAG = /<link\b[^>]*>/gi;
const FEED_TYPES = new Set(['application/rss+xml', 'application/atom+xml']);

function attribute(tag: string, name: string): string | null {
  const re = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i');
  const m = re.exec(tag);
  if (!m) return null;
  return decodeAttr(m[1] ?? m[2] ?? m[3] ?? '');
}

function decodeAttr(s: string): string {
  return s
    .replace(/&(?:amp|#38|#x26);/gi, '&')
    .replace(/&(?:quot|#34);/gi, '"')
    .replace(/&(?:apos|#39);/gi, "'")
    .trim();
}

/**
 * Every `<link rel="alternate" type="application/rss+xml|application/atom+xml" href>` in a page,
 * resolved against `baseUrl` (or the page's own `<base href>`), https only, in document order,
 * without duplicates. Pure.
 */
export function alternateFeedLinks(html: string, baseUrl: string): string[] {
  if (typeof html !== 'string' || typeof baseUrl !== 'string') return [];
  // The head is where these live; bound the scan.
  const src = html.length > 512 * 1024 ? html.slice(0, 512 * 1024) : html;
  let base = baseUrl;
  const baseTag = /<base\b[^>]*>/i.exec(src);
  if (baseTag) {
    const href = attribute(baseTag[0], 'href');
    if (href) {
      try {
        base = new URL(href, baseUrl).href;
      } catch {
        /* keep the page URL */
      }
    }
  }
  const out: string[] = [];
  for (const m of src.matchAll(LINK_TAG)) {
    const tag = m[0];
    const rel = (attribute(tag, 'rel') ?? '').toLowerCase().split(/\s+/);
    const type = (attribute(tag, 'type') ?? '').toLowerCase().split(';')[0]!.trim();
    const href = attribute(tag, 'href');
    if (!rel.includes('alternate') || !FEED_TYPES.has(type) || !href) continue;
    let resolved: URL;
    try {
      resolved = new URL(href, base);
    } catch {
      continue;
    }
    if (resolved.protocol !== 'https:' || resolved.username !== '' || resolved.password !== '') continue;
    resolved.hash = '';
    if (!out.includes(resolved.href)) out.push(resolved.href);
    if (out.length >= 20) break;
  }
  return out;
}

/** The first RSS/Atom feed a page announces, as a detection result, or null. Pure. */
export function detectFromHtml(html: string, baseUrl: string): DetectedFeed | null {
  const first = alternateFeedLinks(html, baseUrl)[0];
  if (first === undefined) return null;
  const title = /<title\b[^>]*>([\s\S]{0,400}?)<\/title\s*>/i.exec(typeof html === 'string' ? html.slice(0, 64 * 1024) : '');
  let host = '';
  try {
    host = new URL(first).hostname;
  } catch {
    /* unreachable: alternateFeedLinks returns absolute URLs */
  }
  return { kind: 'rss', url: first, label: displayName(title?.[1] ?? '', host) };
}

// ---------------------------------------------------------------------------------------------
// Statuspage / incident.io / Instatus.

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/i;

/**
 * A `summary.json` (or `status.json`) body → 'statuspage' | 'incidentio' and the page's name, or
 * null when it is not a Statuspage-shaped page. Pure.
 */
export function statuspageKindOf(body: string): { kind: 'statuspage' | 'incidentio'; name: string } | null {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return null;
  }
  if (!isRecord(value) || !isRecord(value.page) || !isRecord(value.status)) return null;
  if (typeof value.status.indicator !== 'string') return null;
  const page = value.page;
  const id = typeof page.id === 'string' ? page.id : '';
  const name = typeof page.name === 'string' ? page.name : '';
  if (ULID.test(id) || (typeof page.time_zone !== 'string' && id.length !== 12)) return { kind: 'incidentio', name };
  return { kind: 'statuspage', name };
}

/** Instatus `summary.json` (`page.status` is one of its three words) → the page's name, else null. Pure. */
export function instatusNameOf(body: string): string | null {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return null;
  }
  if (!isRecord(value) || !isRecord(value.page) || typeof value.page.status !== 'string') return null;
  if (!['UP', 'HASISSUES', 'UNDERMAINTENANCE'].includes(value.page.status)) return null;
  return typeof value.page.name === 'string' ? value.page.name : '';
}

// ---------------------------------------------------------------------------------------------
// The search.

function looksLikeFeedUrl(url: URL): boolean {
  const p = url.pathname.toLowerCase();
  return /\.(?:rss|atom|xml)$/.test(p) || /\/(?:feed|rss|atom)\/?$/.test(p);
}

function looksLikeXmlFeed(text: string): boolean {
  const head = text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .slice(0, 1024);
  return /^<\?xml\b/i.test(head)
    ? /<(?:[a-z0-9]+:)?(?:rss|feed|rdf)\b/i.test(text.slice(0, 4096))
    : /^<(?:[a-z0-9]+:)?(?:rss|feed|rdf)\b/i.test(head);
}

/** The feed's display name when the RSS adapter can read the body, else null. */
function readableFeed(text: string, url: string, now: number, host: string): string | null {
  const feed = readFeed(text);
  if (!feed.ok || !snapshotOf(feed.value, { now, baseUrl: url }).ok) return null;
  return displayName(feed.value.title, host);
}

/** Fetch `url` as XML; its display name when the RSS adapter can read it, else null. */
async function tryFeed(url: string, deps: FetchDeps, host: string): Promise<string | null> {
  const got = await fetchFeed(url, { expect: 'xml' }, deps);
  return got.kind === 'fresh' ? readableFeed(got.text, got.finalUrl || url, deps.now(), host) : null;
}

/**
 * Find a machine-readable status feed for a status page address. Never throws; every request
 * goes through `fetchFeed` with the injected deps.
 */
export async function detectFeed(pageUrl: string, deps: FetchDeps, opts: { intranet?: boolean } = {}): Promise<Result<DetectedFeed>> {
  try {
    const parsed = readPageUrl(pageUrl, opts);
    if (!parsed.ok) return parsed;
    const url = parsed.value;
    const host = url.hostname.toLowerCase().replace(/\.$/, '');
    const origin = url.origin;

    // 1. Known providers.
    const known = knownPattern(url.href);
    if (known !== null && known.kind !== 'statuspage') return ok(known);

    // 2. Statuspage API (Atlassian or incident.io's compatible shim), then Instatus.
    const summary = await fetchFeed(`${origin}/api/v2/summary.json`, { expect: 'json' }, deps);
    // A host that does not answer at all will not answer the next six requests either: say so now
    // (each could take the whole timeout).
    if (summary.kind === 'failed' && UNREACHABLE.has(summary.problem.code)) {
      return fail(summary.problem.code, `${host} could not be reached: ${summary.problem.message}`);
    }
    const redirected = summary.kind === 'failed' && summary.problem.code === 'redirect' ? summary.problem.message : null;
    if (summary.kind === 'fresh') {
      const found = statuspageKindOf(summary.text);
      if (found !== null) return ok({ kind: found.kind, url: origin, label: displayName(found.name, host) });
    }
    const instatus = await fetchFeed(`${origin}/summary.json`, { expect: 'json' }, deps);
    if (instatus.kind === 'fresh') {
      const name = instatusNameOf(instatus.text);
      if (name !== null) return ok({ kind: 'instatus', url: `${origin}/summary.json`, label: displayName(name, host) });
    }

    // 2b. The other platforms with a JSON API or stream (Better Stack, Rootly, Uptime Kuma, Gatus, Hund).
    for (const probe of PLATFORM_PROBES) {
      const feedUrl = probe.url(url);
      if (feedUrl === null) continue;
      const got = await fetchFeed(feedUrl, probe.sseEvent ? { expect: 'text', sseEvent: probe.sseEvent } : { expect: 'json' }, deps);
      const name = got.kind === 'fresh' ? probe.nameOf(got.text) : null;
      if (name !== null) return ok({ kind: probe.kind, url: feedUrl, label: displayName(name, host) });
    }

    // 3. The address is a feed itself.
    const tried = new Set<string>();
    if (looksLikeFeedUrl(url)) {
      tried.add(url.href);
      const name = await tryFeed(url.href, deps, host);
      if (name !== null) return ok({ kind: 'rss', url: url.href, label: name });
    }

    // 4. The page itself: a feed body, or a page announcing its feeds.
    const page = tried.has(url.href) ? null : await fetchFeed(url.href, { expect: 'text' }, deps);
    if (page !== null && page.kind === 'fresh') {
      if (looksLikeXmlFeed(page.text)) {
        tried.add(url.href);
        const name = readableFeed(page.text, url.href, deps.now(), host);
        if (name !== null) return ok({ kind: 'rss', url: url.href, label: name });
      } else {
        for (const link of alternateFeedLinks(page.text, page.finalUrl || url.href).slice(0, MAX_ALTERNATES)) {
          tried.add(link);
          const name = await tryFeed(link, deps, host);
          if (name !== null) return ok({ kind: 'rss', url: link, label: name });
        }
      }
    }

    // 5. Conventional feed paths on the origin.
    for (const path of FEED_PATHS) {
      const candidate = `${origin}${path}`;
      if (tried.has(candidate)) continue;
      const name = await tryFeed(candidate, deps, host);
      if (name !== null) return ok({ kind: 'rss', url: candidate, label: name });
    }

    // A page that moved elsewhere: the new address is the useful part of the answer.
    if (redirected !== null) return fail('no_official', `no machine-readable status feed found at ${host} (${redirected})`);
    return fail('no_official', `no machine-readable status feed found at ${host}`);
  } catch {
    return fail('internal', 'the status page could not be checked because of an internal error');
  }
}
