/**
 * "Find a status page for example.com": where to look, as pure functions (no requests here).
 *
 * The places, in order (the surest first; the search stops at the first that answers with a feed
 * core/official/detect.ts can read):
 *   1. `https://status.<registrable domain>`           — the usual status host
 *   2. `https://<registrable domain>/status`           — the usual status path
 *   3. `https://<name>.statuspage.io`                  — an Atlassian Statuspage page by the site's name
 *   4. `https://<name>.instatus.com`                   — an Instatus page by the site's name
 *   5. a link to a status page in the site's own home page, only when the person allowed reading it
 * Every one of these requests tells that host's operator that someone looked up this site, so
 * they are made only after the person asks (the popup's button), never automatically.
 */
import { DOMAIN_PATTERN } from '../catalog/rules';

/**
 * Second-level public suffixes under which a registrable domain has three labels (example.co.uk).
 * Not the whole Public Suffix List (its 200 KB would ship in the worker for one button): the
 * common ones. A miss only makes a probe ask a host that does not exist, which fails harmlessly.
 */
const SECOND_LEVEL = new Set([
  'co.uk',
  'org.uk',
  'ac.uk',
  'gov.uk',
  'ltd.uk',
  'plc.uk',
  'me.uk',
  'net.uk',
  'com.au',
  'net.au',
  'org.au',
  'edu.au',
  'gov.au',
  'co.nz',
  'org.nz',
  'govt.nz',
  'ac.nz',
  'co.jp',
  'ne.jp',
  'or.jp',
  'ac.jp',
  'go.jp',
  'co.kr',
  'or.kr',
  'go.kr',
  'com.br',
  'net.br',
  'org.br',
  'gov.br',
  'com.mx',
  'org.mx',
  'gob.mx',
  'com.ar',
  'gob.ar',
  'com.co',
  'gov.co',
  'com.pe',
  'gob.pe',
  'cl',
  'com.uy',
  'co.in',
  'net.in',
  'org.in',
  'gov.in',
  'ac.in',
  'com.cn',
  'net.cn',
  'org.cn',
  'gov.cn',
  'com.hk',
  'com.tw',
  'com.sg',
  'gov.sg',
  'com.my',
  'com.ph',
  'co.id',
  'go.id',
  'co.th',
  'in.th',
  'com.vn',
  'com.tr',
  'gov.tr',
  'co.za',
  'gov.za',
  'com.ng',
  'com.eg',
  'co.il',
  'gov.il',
  'com.sa',
  'com.pk',
  'com.ua',
  'com.pl',
  'net.pl',
  'org.pl',
  'co.at',
  'or.at',
  'gv.at',
]);

/** A site hostname → its registrable domain ("www.shop.example.co.uk" → "example.co.uk"), or null. */
export function registrableDomain(hostname: string): string | null {
  const host = hostname.trim().toLowerCase().replace(/\.$/, '');
  if (!DOMAIN_PATTERN.test(host)) return null;
  const labels = host.split('.');
  const lastTwo = labels.slice(-2).join('.');
  const take = SECOND_LEVEL.has(lastTwo) ? 3 : 2;
  return labels.length < take ? null : labels.slice(-take).join('.');
}

/**
 * The site the popup offers "Find a status page" for, or null: a site no service owns, or one a
 * catalogued service without an official feed owns by its registrable domain itself (what is found
 * is then watched as a custom page for that domain, which takes precedence over the entry:
 * core/services.ts). A service that owns only a subdomain (`mail.example.com`) gets no offer, so
 * a found page never takes over the rest of the domain. Only an offer: nothing is requested
 * until the person presses the button.
 */
export function findOfferSite(host: string | null, service: { official: unknown; domains: readonly string[] } | null): string | null {
  if (host === null) return null;
  const site = registrableDomain(host);
  if (site === null || service === null) return site;
  return service.official === null && service.domains.includes(site) ? site : null;
}

/** The name a hosted status page would most likely use: the registrable domain's first label. */
export function siteName(registrable: string): string {
  return registrable.split('.')[0]!;
}

export interface Candidate {
  /** A status page address to hand to detectFeed. */
  url: string;
  /** Which rule produced it (for the result and the tests). */
  why: 'status-host' | 'status-path' | 'statuspage-io' | 'instatus' | 'site-link';
}

/** Places 1–4 for a site hostname (empty when the hostname has no registrable domain). */
export function candidatePages(hostname: string): Candidate[] {
  const rd = registrableDomain(hostname);
  if (rd === null) return [];
  const name = siteName(rd);
  const out: Candidate[] = [
    { url: `https://status.${rd}`, why: 'status-host' },
    { url: `https://${rd}/status`, why: 'status-path' },
  ];
  // Hosted-page names are DNS labels of at least a few characters.
  if (/^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$/.test(name)) {
    out.push({ url: `https://${name}.statuspage.io`, why: 'statuspage-io' });
    out.push({ url: `https://${name}.instatus.com`, why: 'instatus' });
  }
  return out;
}

/** The site's own home page, read only when the person allows it (place 5). */
export function sitePage(hostname: string): string | null {
  const rd = registrableDomain(hostname);
  return rd === null ? null : `https://${hostname.trim().toLowerCase().replace(/\.$/, '')}/`;
}

/**
 * The host permissions the search needs, as match patterns, asked for in one prompt from the
 * click: every candidate origin, and the site itself when its page may be read.
 */
export function originsToAsk(hostname: string, readSite: boolean): string[] {
  const origins = candidatePages(hostname).map((c) => `${new URL(c.url).origin}/*`);
  const page = readSite ? sitePage(hostname) : null;
  if (page !== null) origins.push(`${new URL(page).origin}/*`);
  return [...new Set(origins)];
}

const ANCHOR = /<a\b[^>]*?\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))[^>]*>([\s\S]{0,300}?)<\/a\s*>/gi;
/** Hosts of the status platforms: a link to one of these is a link to a status page. */
const PLATFORM_HOST =
  /(?:^|\.)(?:statuspage\.io|instatus\.com|betteruptime\.com|betterstack\.com|status\.io|hund\.io|sorryapp\.com|incident\.io|rootly\.com|onlineornot\.com)$/;

/**
 * Links in a home page that lead to a status page: an https link whose host starts with `status.`,
 * whose path is `/status`, which goes to a status platform, or whose text is "Status" /
 * "System status". In document order, without duplicates, at most 3. Pure, never throws.
 */
export function statusLinksInHtml(html: string, baseUrl: string): string[] {
  if (typeof html !== 'string') return [];
  const src = html.length > 1024 * 1024 ? html.slice(0, 1024 * 1024) : html;
  const out: string[] = [];
  for (const m of src.matchAll(ANCHOR)) {
    const href = (m[1] ?? m[2] ?? m[3] ?? '').replace(/&amp;/g, '&').trim();
    const words = (m[4] ?? '')
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .toLowerCase();
    let url: URL;
    try {
      url = new URL(href, baseUrl);
    } catch {
      continue;
    }
    if (url.protocol !== 'https:' || url.username !== '' || url.password !== '') continue;
    const host = url.hostname.toLowerCase();
    const looks =
      host.startsWith('status.') ||
      /^\/status\/?$/i.test(url.pathname) ||
      (PLATFORM_HOST.test(host) && host.split('.').length >= 3) ||
      words === 'status' ||
      words === 'system status' ||
      words === 'service status';
    if (!looks) continue;
    url.hash = '';
    url.search = '';
    const clean = url.pathname === '/' ? url.origin : url.href;
    if (!out.includes(clean)) out.push(clean);
    if (out.length >= 3) break;
  }
  return out;
}
