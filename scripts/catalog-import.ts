/**
 * Grows the catalog from three open lists (MIT), mechanically and reproducibly:
 *
 *   npx tsx scripts/catalog-import.ts          # rewrite core/catalog/services/*.json
 *   npx tsx scripts/catalog-import.ts --dry    # only print what it would do
 *
 * Inputs are the copies in data/third_party/catalog-sources/ (README there: repository, commit, licence), never
 * the network, so a re-run gives the same result. Hand-written entries are never touched: the
 * script owns exactly the entries whose `source` starts with IMPORT_MARK, removes them and adds
 * them again, and a list entry whose status page or domains a hand entry already has is skipped.
 *
 * What each entry gets, and from where:
 * - `official`: only from evidence of the platform — inket/stts's platform and page id, a status
 *   host on the platform's own domain (`*.statuspage.io`, `*.instatus.com`, `*.betteruptime.com`),
 *   or — when no list names the platform — the RSS/Atom feed a public aggregator reads for that
 *   status host (lwindolf/multi-status's feeds.opml, read as `rss`). Public code that merely
 *   requests `<host>/api/v2/summary.json` is not evidence: such lists guess, and guess wrong
 *   (docs/feeds-and-catalog.md). Kinds read as CORS (core/net/access.ts) need no permission; a
 *   host-mode feed whose origin the last release does not have is asked for at the person's click
 *   (core/net/access.ts `splitHostPermissions`), never at install, so growth adds no prompt.
 *   No platform evidence → `official: null` and a note that says the format is not confirmed.
 * - `domains`: getsentry/status-page-list's domains, else derived from the status page: a page on
 *   `status.<domain>` (or `www.<domain>/status`) can only be published by whoever controls
 *   `<domain>`, so that registrable domain (public-suffix aware, via tldts) is the provider's; a
 *   page under a product's own host (`app.<domain>/status`) gives that host only. Never derived from
 *   a hosting platform's domain (statuspage.io, instatus.com, private suffixes such as github.io)
 *   or a big provider's, nor when two list entries would derive the same domain (which product
 *   owns it is unknown), nor from a page on its own domain (`foostatus.com` is not the site).
 * - `category`: keywords of the name, else `other`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { getDomain, parse } from 'tldts';
import { catalogSchema } from '../core/catalog/schema';
import { DOMAIN_PATTERN, type Category } from '../core/catalog/rules';
import { READ_MODE } from '../core/net/access';
import type { OfficialKind } from '../core/official/kinds';
import { formatFile, readCategoryFiles, writeCategoryFile, type Entry } from './catalog/files';

export const IMPORT_MARK = 'Imported by scripts/catalog-import.ts';

const SRC = new URL('../data/third_party/catalog-sources/', import.meta.url);
const read = (p: string) => readFileSync(new URL(p, SRC), 'utf8');

/** multi-status's feeds by status host (https; an http:// feed is listed as such in the source line). */
function readMultiStatusFeeds(): Map<string, { url: string; http: boolean }> {
  const opml = read('multi-status/feeds.opml');
  const feeds = new Map<string, { url: string; http: boolean }>();
  for (const m of opml.matchAll(/<outline type="rss" [^>]*xmlUrl="([^"]+)"/g)) {
    const n = normalise(m[1]!.replace(/&amp;/g, '&'));
    if (n) feeds.set(n.key.split('/')[0]!, { url: new URL(m[1]!.replace(/&amp;/g, '&').replace(/^http:/, 'https:')).href, http: n.http });
  }
  return feeds;
}

const LISTS = {
  statusphere: { label: 'metoro-io/statusphere common/status_pages/status_pages.go @8d0ccbb (2024-11-27, MIT)', date: '2024-11-27' },
  stts: { label: 'inket/stts Resources/services.json @240c03a (2026-03-21, MIT)', date: '2026-03-21' },
  sentry: { label: 'getsentry/status-page-list src/data @2395888 (2025-09-10, MIT)', date: '2025-09-10' },
} as const;
/** A feed list (not a source of entries): the status feeds a public aggregator, lzone.de/multi-status, reads. */
const MULTI_STATUS = {
  label:
    'lwindolf/multi-status frontend/feeds.opml @3c18f06 (2026-04-28, MIT), the feed list its public aggregator lzone.de/multi-status reads',
  date: '2026-04-28',
};
type ListId = keyof typeof LISTS;

/** Platforms stts knows, by its key: our kind when we can read it, else the name for the note. */
const STTS_PLATFORMS: Record<string, { kind?: OfficialKind; name: string }> = {
  statuspage: { kind: 'statuspage', name: 'Atlassian Statuspage' },
  sendbird: { kind: 'statuspage', name: 'Atlassian Statuspage' },
  incidentio: { kind: 'incidentio', name: 'incident.io' },
  instatus: { kind: 'instatus', name: 'Instatus' },
  statusiov1: { kind: 'statusio', name: 'status.io' },
  betterstack: { kind: 'betterstack', name: 'Better Stack' },
  betteruptime: { kind: 'betterstack', name: 'Better Stack (Better Uptime)' },
  sorry: { kind: 'sorry', name: 'Sorry' },
  site24x7: { name: 'Site24x7 StatusIQ' },
  statuscast: { name: 'StatusCast' },
  statuspal: { name: 'Statuspal' },
  statushub: { name: 'StatusHub' },
  statuscake: { name: 'StatusCake' },
  cstate: { name: 'cState' },
  lamb: { name: 'Lamb' },
  miro: { name: 'Miro’s own status page' },
};

/** Status hosts that belong to a hosting platform, a third-party monitor or a big provider: never a site domain. */
const NOT_A_SITE = new Set([
  'statuspage.io',
  'instatus.com',
  'status.io',
  'betteruptime.com',
  'betterstack.com',
  'hund.io',
  'sorryapp.com',
  'statuspal.io',
  'freshstatus.io',
  'statuscast.com',
  'statushub.io',
  'statuscake.com',
  'site24x7.com',
  'uptimerobot.com',
  'statusgator.com',
  'isitdownrightnow.com',
  'downdetector.com',
  'istheservicedown.com',
  'updownradar.com',
  'github.io',
  'gitlab.io',
  'netlify.app',
  'vercel.app',
  'herokuapp.com',
  'pages.dev',
  'workers.dev',
  'web.app',
  'firebaseapp.com',
  'appspot.com',
  'azurewebsites.net',
  'cloudfront.net',
  'amazonaws.com',
  'wixsite.com',
  'webflow.io',
  'google.com',
  'microsoft.com',
  'live.com',
  'office.com',
  'office365.com',
  'cloud.microsoft',
  'azure.com',
  'apple.com',
  'amazon.com',
  'atlassian.com',
  'atlassian.net',
  'salesforce.com',
  'force.com',
  'oracle.com',
  'ibm.com',
  'sap.com',
  'cisco.com',
  'broadcom.com',
  'akamai.com',
  'redhat.com',
  'yandex.com',
  'yahoo.com',
  'adobe.com',
  'zendesk.com',
]);
/** Third-party monitors: a page there is not the provider's word. */
const MONITORS = new Set(['statusgator.com', 'isitdownrightnow.com', 'downdetector.com', 'istheservicedown.com', 'updownradar.com']);

interface Candidate {
  key: string; // host + path of the status page, lowercase, no trailing slash
  url: string; // https status page URL
  names: Partial<Record<ListId, string>>;
  domains?: string[]; // from getsentry
  platform?: string; // stts key
  pageId?: string;
  httpInList: boolean;
  lists: Set<ListId>;
  sentryFile?: string;
}

function normalise(raw: string): { key: string; url: string; http: boolean } | null {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  const host = u.hostname.toLowerCase().replace(/\.$/, '');
  const path = u.pathname.replace(/\/+$/, '');
  return { key: host + path, url: `https://${host}${path}`, http: u.protocol === 'http:' };
}

function readStatusphere(): { name: string; url: string }[] {
  const text = read('statusphere/status_pages.go');
  return [...text.matchAll(/URL:\s*"([^"]+)",\s*Name:\s*"([^"]+)"/g)].map((m) => ({ url: m[1]!, name: m[2]! }));
}

function readStts(): { platform: string; name: string; url: string; id?: string; subservice?: boolean }[] {
  // stts's file has trailing commas; strip them outside strings (there are none inside its strings).
  const data = JSON.parse(read('stts/services.json').replace(/,(\s*[\]}])/g, '$1')) as Record<
    string,
    { name: string; url: string; id?: string; subservice?: boolean }[]
  >;
  return Object.entries(data).flatMap(([platform, list]) => list.map((s) => ({ platform, ...s })));
}

function readSentry(): { file: string; name: string; url: string; domains: string[]; defunct: boolean }[] {
  const dir = new URL('status-page-list/data/', SRC);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((file) => {
      const text = readFileSync(new URL(file, dir), 'utf8');
      const str = (re: RegExp) => re.exec(text)?.[1] ?? '';
      const list = /export const domains = \[([\s\S]*?)\];/.exec(text)?.[1] ?? '';
      return {
        file,
        name: str(/export const name = "([^"]*)"/),
        url: str(/export const statusPageUrl = "([^"]*)"/),
        domains: [...list.matchAll(/"([^"]+)"/g)].map((m) => m[1]!),
        defunct: /isServiceDefunct = true/.test(text),
      };
    });
}

const CATEGORY_WORDS: [Category, RegExp][] = [
  [
    'payments',
    /\b(pay|payments?|bank|banking|card|checkout|billing|invoic\w*|wallet|crypto|coin\w*|exchange|finance|fintech|money|stripe|ledger)\b/i,
  ],
  ['mail', /\b(e?mail\w*|smtp|inbox|newsletter)\b/i],
  ['chat', /\b(chat|messag\w*|sms|voip|telephony|phone|calls?|talk)\b/i],
  ['video', /\b(video|streaming|tv|webinar|broadcast)\b/i],
  ['music', /\b(music|audio|podcasts?|radio)\b/i],
  ['games', /\b(games?|gaming)\b/i],
  ['shopping', /\b(shop\w*|store|e-?commerce|marketplace)\b/i],
  ['ai', /\b(ai|llm|gpt|machine learning|ml)\b/i],
  ['cloud', /\b(cloud|hosting|host|servers?|cdn|dns|compute|kubernetes|k8s|databases?|db|storage|vps|data ?cent(er|re)|network)\b/i],
  [
    'developer',
    /\b(ci|cd|deploy\w*|git\w*|api|sdk|devops|dev|build|monitoring|logs?|logging|testing|code|observability|errors?|auth\w*|identity|feature flags?)\b/i,
  ],
  [
    'productivity',
    /\b(docs?|calendar|crm|hr|projects?|tasks?|notes?|forms?|sign|survey|helpdesk|support|analytics|marketing|design|collaborat\w*|workspace)\b/i,
  ],
];
function categoryOf(name: string): Category {
  return CATEGORY_WORDS.find(([, re]) => re.test(name))?.[0] ?? 'other';
}

const slug = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

const hostOf = (u: string) => new URL(u).hostname;

/** Builds the catalog files from the lists; writes them unless `dry`. Returns each file's text and a summary. */
export function runImport(opts: { dry: boolean; quiet?: boolean }): { files: Map<string, string>; imported: Entry[] } {
  const files = readCategoryFiles();
  const released = JSON.parse(readFileSync(new URL('../release/manifest-permissions.json', import.meta.url), 'utf8')) as {
    host_permissions: string[];
  };
  const releasedHosts = new Set(released.host_permissions);
  const feeds = readMultiStatusFeeds();
  let askCount = 0;
  let multiStatusCount = 0;

  // Hand entries stay; imported ones are rebuilt.
  const hand: Entry[] = files.flatMap((f) => f.services.filter((e) => !String(e.source ?? '').startsWith(IMPORT_MARK)));
  const ids = new Set(hand.map((e) => e.id));
  const owner = new Map<string, string>();
  for (const e of hand) for (const d of e.domains as string[]) owner.set(d, e.id);
  const knownPages = new Set<string>();
  for (const e of hand) {
    knownPages.add(normalise(e.statusPage as string)!.key);
    knownPages.add(hostOf(e.statusPage as string));
    const o = e.official as { url: string } | null;
    if (o) knownPages.add(hostOf(o.url));
  }

  // 1. Merge the three lists by status page.
  const byKey = new Map<string, Candidate>();
  const skipped: Record<string, number> = {};
  const skip = (why: string) => (skipped[why] = (skipped[why] ?? 0) + 1);
  const add = (list: ListId, name: string, rawUrl: string, extra: Partial<Candidate> = {}) => {
    const n = normalise(rawUrl);
    if (!n || !name.trim()) return skip('unreadable URL or name');
    const c = byKey.get(n.key) ?? { key: n.key, url: n.url, names: {}, httpInList: false, lists: new Set<ListId>() };
    c.names[list] ??= name.trim();
    c.lists.add(list);
    if (list === 'statusphere' && n.http) c.httpInList = true;
    Object.assign(c, extra);
    byKey.set(n.key, c);
  };
  const counts: Record<ListId, number> = { statusphere: 0, stts: 0, sentry: 0 };
  for (const s of readStts()) {
    counts.stts++;
    add('stts', s.name, s.url, { platform: s.platform, ...(s.id ? { pageId: s.id } : {}) });
  }
  for (const s of readSentry()) {
    counts.sentry++;
    if (s.defunct) {
      skip('defunct (status-page-list)');
      continue;
    }
    add('sentry', s.name, s.url, { domains: s.domains, sentryFile: s.file });
  }
  for (const s of readStatusphere()) {
    counts.statusphere++;
    add('statusphere', s.name, s.url);
  }

  // 2. Domains: listed, else derived; a derived domain two candidates share is ambiguous.
  const derived = new Map<string, string[]>();
  const candidates = [...byKey.values()];
  const derive = (c: Candidate): string | null => {
    const host = c.key.split('/')[0]!;
    const p = parse(host, { allowPrivateDomains: true });
    const apex = getDomain(host, { allowPrivateDomains: true });
    if (!apex || p.isPrivate || !p.isIcann || NOT_A_SITE.has(apex)) return null;
    const first = host.slice(0, host.indexOf('.'));
    // status.<apex>, <x>status.<apex>, status-<x>.<apex>: the provider's status subdomain → its whole domain.
    if (host.endsWith(`.${apex}`) && first.includes('status')) return apex;
    // A page on the provider's own site (www.<apex>/status): its domain.
    if ((host === apex || host === `www.${apex}`) && c.key.includes('/')) return apex;
    // A product's own host (connectedfleet.<apex>/status): that host only, not the company's whole domain.
    if (host !== apex && !first.includes('status') && c.key.includes('/')) return host;
    return null;
  };
  for (const c of candidates) {
    if (c.domains) continue;
    const d = derive(c);
    if (d) derived.set(d, [...(derived.get(d) ?? []), c.key]);
  }

  const out: Entry[] = [];
  const taken = new Map(owner);
  const fromList: Record<ListId, number> = { statusphere: 0, stts: 0, sentry: 0 };
  for (const c of candidates.sort((a, b) => a.key.localeCompare(b.key))) {
    const host = c.key.split('/')[0]!;
    const apexOfHost = getDomain(host, { allowPrivateDomains: true }) ?? host;
    if (MONITORS.has(apexOfHost)) {
      skip('a third-party monitor, not the provider');
      continue;
    }
    if (knownPages.has(c.key) || knownPages.has(host)) {
      skip('already in the catalog (hand entry)');
      continue;
    }
    let domains: string[];
    let domainWhy: string;
    if (c.domains) {
      domains = c.domains.filter((d) => !d.includes('*')).map((d) => d.toLowerCase());
      domainWhy = `domains from ${LISTS.sentry.label} (${c.sentryFile})`;
    } else {
      const d = derive(c);
      if (!d) {
        if (process.env.IMPORT_DEBUG) console.log('no domain:', c.key);
        skip('no site domain: status page on a platform or its own domain, and no list gives one');
        continue;
      }
      if ((derived.get(d)?.length ?? 0) > 1) {
        skip('derived domain shared by several status pages');
        continue;
      }
      domains = [d];
      domainWhy = `domain derived from the status page ${c.key} (only the owner of ${d} can publish a page there)`;
    }
    domains = [...new Set(domains)].filter((d) => DOMAIN_PATTERN.test(d) && !NOT_A_SITE.has(d) && !taken.has(d));
    if (domains.length === 0) {
      skip('every domain already claimed or not a site');
      continue;
    }

    const name = c.names.stts ?? c.names.sentry ?? c.names.statusphere!;
    const displayName = name === name.toLowerCase() ? name.charAt(0).toUpperCase() + name.slice(1) : name;
    let id = slug(displayName) || slug(domains[0]!);
    if (!id || ids.has(id)) id = slug(domains[0]!.replace(/\./g, '-'));
    for (let i = 2; ids.has(id); i++) id = `${slug(displayName)}-${i}`;

    const path = new URL(c.url).pathname.replace(/\/+$/, '');
    const platform = c.platform ? STTS_PLATFORMS[c.platform] : undefined;
    let kind: OfficialKind | undefined = platform?.kind;
    let platformName = platform?.name;
    let platformWhy = c.platform ? `platform "${c.platform}"${c.pageId ? ` and page id ${c.pageId}` : ''} from ${LISTS.stts.label}` : '';
    if (!c.platform && host.endsWith('.statuspage.io')) {
      kind = 'statuspage';
      platformName = 'Atlassian Statuspage';
      platformWhy = 'platform from the status host, which is on Atlassian Statuspage’s own domain (statuspage.io)';
    }
    if (!c.platform && host.endsWith('.instatus.com')) {
      kind = 'instatus';
      platformName = 'Instatus';
      platformWhy = 'platform from the status host, which is on Instatus’s own domain (instatus.com)';
    }
    if (!c.platform && host.endsWith('.betteruptime.com')) {
      kind = 'betterstack';
      platformName = 'Better Stack';
      platformWhy = 'platform from the status host, which is on Better Stack’s own domain (betteruptime.com)';
    }
    const feed = kind ? undefined : feeds.get(host);
    let official: { kind: OfficialKind; url: string } | null = null;
    let note: string | undefined;
    if (kind && (kind === 'statuspage' || kind === 'incidentio') && path === '') official = { kind, url: c.url };
    else if (kind === 'statusio' && c.pageId && /^[0-9a-f]{24}$/.test(c.pageId))
      official = { kind, url: `https://api.status.io/1.0/status/${c.pageId}` };
    else if (kind === 'instatus' && path === '') official = { kind, url: `${c.url}/summary.json` };
    else if (kind === 'betterstack' && path === '') official = { kind, url: `${c.url}/index.json` };
    else if (kind === 'sorry' && c.pageId && /^\d+$/.test(c.pageId))
      official = { kind, url: `https://api.sorryapp.com/v1/pages/${c.pageId}/components` };
    else if (feed) {
      // No platform named, but a public aggregator reads this page's RSS/Atom feed: read it as such.
      official = { kind: 'rss', url: feed.url };
      platformWhy = `RSS/Atom feed ${feed.url} from ${MULTI_STATUS.label}${feed.http ? ' (listed as http://, https assumed)' : ''}`;
      multiStatusCount++;
    }
    if (official && READ_MODE[official.kind] === 'host' && !releasedHosts.has(`${new URL(official.url).origin}/*`)) {
      // Not an install-time permission: the person allows this one host in the popup (core/net/access.ts).
      platformWhy += '; read with a host permission asked for at the person’s click (not one of the last release’s install-time hosts)';
      askCount++;
    } else if (!official && platformName) {
      note = `${displayName}’s status page (${c.url}) runs on ${platformName}, a format Acknowledged cannot read yet; complaints and this browser speak for it.`;
    } else if (!official) {
      note =
        'The status page’s feed format is not confirmed yet, so Acknowledged does not read it; complaints and this browser speak for it.';
    }

    const lists = [...c.lists];
    for (const l of lists) fromList[l]++;
    const urlWhy = `status page from ${lists.map((l) => LISTS[l].label).join('; ')}${c.httpInList && !c.lists.has('stts') && !c.lists.has('sentry') ? ' (listed as http://, https assumed)' : ''}`;
    const source = [`${IMPORT_MARK}:`, `${urlWhy};`, platformWhy ? `${platformWhy};` : 'no platform evidence;', `${domainWhy}.`].join(' ');
    const verified = [...lists.map((l) => LISTS[l].date), ...(feed && official ? [MULTI_STATUS.date] : [])].sort().at(-1)!;
    const word = slug(displayName).replace(/-/g, '');
    const entry: Entry = {
      id,
      name: displayName,
      category: categoryOf(`${displayName} ${c.names.statusphere ?? ''}`),
      domains,
      statusPage: c.url,
      official,
      searchTerms: [...new Set([displayName.toLowerCase(), `#${word}down`])],
      ...(note ? { note } : {}),
      source,
      verified,
    };
    ids.add(id);
    for (const d of domains) taken.set(d, id);
    out.push(entry);
  }

  // 3. Write: each category file keeps its hand entries first, then the imported ones.
  const byFile = new Map(
    files.map((f) => [f.file, { comment: f.comment, services: f.services.filter((e) => !String(e.source ?? '').startsWith(IMPORT_MARK)) }]),
  );
  for (const e of out) {
    const file = `${e.category}.json`;
    if (!byFile.has(file)) {
      byFile.set(file, {
        comment: `Acknowledged service catalog, category "${e.category}". One schema for every file in this folder: core/catalog/schema.ts; how to add an entry: core/catalog/README.md.`,
        services: [],
      });
    }
    byFile.get(file)!.services.push(e);
  }
  const all = [...byFile.values()].flatMap((f) => f.services);
  const check = catalogSchema.safeParse({ services: all });
  if (!check.success)
    throw new Error(
      `the imported catalog is invalid: ${check.error.issues
        .slice(0, 5)
        .map((i) => i.message)
        .join('; ')}`,
    );

  const withFeed = out.filter((e) => e.official).length;
  const texts = new Map([...byFile].map(([file, f]) => [file, formatFile(f.comment, f.services)]));
  const log = opts.quiet ? () => undefined : console.log;
  log(
    `lists read: statusphere ${counts.statusphere}, stts ${counts.stts}, status-page-list ${counts.sentry}; merged status pages: ${candidates.length}`,
  );
  log(
    `imported ${out.length} entries (${withFeed} with a feed we read, ${out.length - withFeed} official: null); entries per list: ${JSON.stringify(fromList)}`,
  );
  log(
    `of which ${multiStatusCount} read as RSS/Atom from lwindolf/multi-status's feed list; ${askCount} read with a host permission asked for at the person's click`,
  );
  log(`skipped: ${JSON.stringify(skipped, null, 1)}`);
  log(`catalog: ${hand.length} hand + ${out.length} imported = ${all.length}`);
  if (!opts.dry) for (const [file, f] of byFile) writeCategoryFile(file, f.comment, f.services);
  return { files: texts, imported: out };
}

if (import.meta.url === `file://${process.argv[1]}`) runImport({ dry: process.argv.includes('--dry') });
