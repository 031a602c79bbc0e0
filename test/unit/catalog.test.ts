import { describe, expect, it } from 'vitest';
import raw from '../../core/catalog/services.json';
import { catalogSchema, CATEGORIES, serviceSchema } from '../../core/catalog/schema';
import { getService, hostnameOf, matchService, SERVICES, validateCatalog } from '../../core/catalog/catalog';
import { OFFICIAL_KINDS } from '../../core/official/kinds';

/** A valid entry to mutate in the negative tests. */
const good = () => ({
  id: 'example',
  name: 'Example',
  category: 'other',
  domains: ['example.com'],
  statusPage: 'https://status.example.com',
  official: { kind: 'statuspage', url: 'https://status.example.com' },
  searchTerms: ['example', '#exampledown'],
});

const allUrls = (s: (typeof SERVICES)[number]) => [s.statusPage, ...(s.official ? [s.official.url] : [])];

describe('catalog file', () => {
  it('validates against the schema', () => {
    const r = catalogSchema.safeParse(raw);
    if (!r.success) throw new Error(JSON.stringify(r.error.issues, null, 2));
    expect(r.success).toBe(true);
    expect(SERVICES.length).toBe(raw.services.length);
  });

  it('has at least 50 services with a machine-readable official feed, and some without', () => {
    expect(SERVICES.filter((s) => s.official !== null).length).toBeGreaterThanOrEqual(50);
    expect(SERVICES.filter((s) => s.official === null).length).toBeGreaterThanOrEqual(5);
  });

  it('has unique, slug-shaped ids', () => {
    const ids = SERVICES.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9][a-z0-9-]*$/);
  });

  it('never lets two services claim the same hostname', () => {
    const owner = new Map<string, string>();
    for (const s of SERVICES) {
      for (const d of s.domains) {
        expect(owner.get(d), `${d} claimed by ${owner.get(d)} and ${s.id}`).toBeUndefined();
        owner.set(d, s.id);
      }
    }
  });

  it('stores domains as bare lowercase hostnames', () => {
    for (const s of SERVICES) {
      expect(s.domains.length, s.id).toBeGreaterThan(0);
      for (const d of s.domains) {
        expect(d, s.id).toBe(d.toLowerCase());
        expect(d, s.id).not.toMatch(/[*:/\s]|^www\.|\.$/);
        expect(d, s.id).toContain('.');
      }
    }
  });

  it('uses only official kinds the adapters know', () => {
    for (const s of SERVICES) {
      if (s.official) expect(OFFICIAL_KINDS, s.id).toContain(s.official.kind);
    }
  });

  it('uses only https URLs, and official URLs are bare status-site bases', () => {
    for (const s of SERVICES) {
      for (const u of allUrls(s)) expect(new URL(u).protocol, `${s.id}: ${u}`).toBe('https:');
      if (s.official) {
        const u = new URL(s.official.url);
        expect(s.official.url.endsWith('/'), s.id).toBe(false);
        expect(u.pathname, s.id).not.toMatch(/\/api(\/|$)/);
        expect(u.search + u.hash, s.id).toBe('');
      }
    }
  });

  it('gives every entry a name, a category and a status page for humans', () => {
    for (const s of SERVICES) {
      expect(s.name.trim(), s.id).not.toBe('');
      expect(CATEGORIES, s.id).toContain(s.category);
      expect(s.statusPage, s.id).toMatch(/^https:\/\//);
      expect(s.searchTerms?.length ?? 0, s.id).toBeGreaterThan(0);
    }
  });

  it('explains every entry without an official feed', () => {
    for (const s of SERVICES.filter((x) => x.official === null)) {
      expect(s.note?.trim().length ?? 0, s.id).toBeGreaterThan(20);
    }
  });

  it('keeps the fixed entries the demo server and other tests depend on', () => {
    const fixed: [string, string | null, string | null][] = [
      ['github', 'statuspage', 'https://www.githubstatus.com'],
      ['discord', 'statuspage', 'https://discordstatus.com'],
      ['reddit', 'statuspage', 'https://www.redditstatus.com'],
      ['cloudflare', 'statuspage', 'https://www.cloudflarestatus.com'],
      ['npm', 'statuspage', 'https://status.npmjs.org'],
      ['openai', 'incidentio', 'https://status.openai.com'],
      ['anthropic', 'statuspage', 'https://status.claude.com'],
      ['dropbox', 'statuspage', 'https://status.dropbox.com'],
      ['primevideo', null, null],
    ];
    for (const [id, kind, url] of fixed) {
      const s = getService(id);
      expect(s, id).toBeDefined();
      expect(s?.official?.kind ?? null, id).toBe(kind);
      expect(s?.official?.url ?? null, id).toBe(url);
    }
    expect(getService('openai')?.name).toBe('OpenAI (ChatGPT)');
    expect(getService('primevideo')?.name).toBe('Amazon Prime Video');
    expect(getService('github')?.domains).toEqual(
      expect.arrayContaining(['github.com', 'githubusercontent.com', 'github.io', 'githubassets.com', 'ghcr.io']),
    );
    expect(getService('discord')?.domains).toEqual(
      expect.arrayContaining(['discord.com', 'discord.gg', 'discordapp.com', 'discord.media']),
    );
  });

  it('is frozen so no caller can change it at run time', () => {
    const s = getService('github')!;
    expect(Object.isFrozen(SERVICES)).toBe(true);
    expect(Object.isFrozen(s)).toBe(true);
    expect(Object.isFrozen(s.domains)).toBe(true);
  });

  it('returns undefined for an unknown id', () => {
    expect(getService('no-such-service')).toBeUndefined();
    expect(getService('')).toBeUndefined();
  });
});

describe('matchService', () => {
  const id = (h: string) => matchService(h)?.id ?? null;

  it('matches a domain and its subdomains', () => {
    expect(id('github.com')).toBe('github');
    expect(id('gist.github.com')).toBe('github');
    expect(id('www.github.com')).toBe('github');
    expect(id('raw.githubusercontent.com')).toBe('github');
    expect(id('a.b.c.github.com')).toBe('github');
  });

  it('matches whole labels only', () => {
    expect(id('notgithub.com')).toBeNull();
    expect(id('github.com.evil.io')).toBeNull();
    expect(id('github')).toBeNull();
    expect(id('com')).toBeNull();
    expect(id('hub.com')).toBeNull();
  });

  it('is case-insensitive and ignores a trailing dot and surrounding space', () => {
    expect(id('GitHub.COM.')).toBe('github');
    expect(id('GIST.GITHUB.COM')).toBe('github');
    expect(id(' github.com ')).toBe('github');
  });

  it('returns null for empty input, IP addresses and malformed hosts', () => {
    for (const h of ['', '.', ' ', '127.0.0.1', '140.82.112.3', '::1', '[::1]', '2606:4700::1111', 'github..com', '.github.com.']) {
      expect(id(h), JSON.stringify(h)).toBeNull();
    }
  });

  it('is unaffected by unknown sites', () => {
    for (const h of ['example.com', 'localhost', 'news.ycombinator.com', 'githubstatus.example']) {
      expect(id(h), h).toBeNull();
    }
  });

  it.each([
    ['chatgpt.com', 'openai'],
    ['platform.openai.com', 'openai'],
    ['claude.ai', 'anthropic'],
    ['console.anthropic.com', 'anthropic'],
    ['discord.gg', 'discord'],
    ['cdn.discordapp.com', 'discord'],
    ['old.reddit.com', 'reddit'],
    ['i.redd.it', 'reddit'],
    ['dash.cloudflare.com', 'cloudflare'],
    ['www.npmjs.com', 'npm'],
    ['registry.npmjs.org', 'npm'],
    ['www.dropbox.com', 'dropbox'],
    ['www.primevideo.com', 'primevideo'],
    ['www.netflix.com', 'netflix'],
    ['store.steampowered.com', 'steam'],
    ['web.whatsapp.com', 'whatsapp'],
    ['x.com', 'x'],
    ['mobile.twitter.com', 'x'],
    ['acme.atlassian.net', 'atlassian'],
    ['trello.com', 'trello'],
    ['bitbucket.org', 'bitbucket'],
    ['us02web.zoom.us', 'zoom'],
    ['www.figma.com', 'figma'],
    ['open.spotify.com', 'spotify'],
    ['www.twitch.tv', 'twitch'],
    ['store.epicgames.com', 'epicgames'],
    ['linear.app', 'linear'],
    ['www.notion.so', 'notion'],
    ['app.datadoghq.com', 'datadog'],
    ['app.datadoghq.eu', 'datadog-eu'],
    ['acme.myshopify.com', 'shopify'],
  ])('%s → %s', (host, expected) => {
    expect(id(host)).toBe(expected);
  });

  it('finds every catalogued domain and a subdomain of it', () => {
    for (const s of SERVICES) {
      for (const d of s.domains) {
        expect(id(d), d).toBe(s.id);
        expect(id(`sub.${d}`), d).toBe(s.id);
      }
    }
  });
});

describe('hostnameOf', () => {
  it('returns the lowercased hostname of http and https URLs', () => {
    expect(hostnameOf('https://gist.github.com/foo?bar#baz')).toBe('gist.github.com');
    expect(hostnameOf('http://GitHub.com:8080/')).toBe('github.com');
    expect(hostnameOf('https://user:pw@www.reddit.com/r/x')).toBe('www.reddit.com');
  });

  it('returns null for anything that is not an http(s) URL', () => {
    for (const u of [
      '',
      'github.com',
      'not a url',
      'chrome://extensions',
      'about:blank',
      'file:///etc/hosts',
      'ftp://github.com/',
      'javascript:alert(1)',
      'data:text/html,hi',
      'chrome-extension://abc/popup.html',
      'moz-extension://abc/popup.html',
      'view-source:https://github.com',
    ]) {
      expect(hostnameOf(u), u).toBeNull();
    }
  });

  it('feeds matchService end to end', () => {
    expect(matchService(hostnameOf('https://GIST.github.com/x')!)?.id).toBe('github');
    expect(matchService(hostnameOf('http://127.0.0.1:3000/')!)).toBeNull();
  });
});

describe('schema rejects broken catalogs', () => {
  const entryIssues = (patch: (e: Record<string, unknown>) => void) => {
    const e: Record<string, unknown> = good();
    patch(e);
    return serviceSchema.safeParse(e).success;
  };

  it('accepts the template entry', () => {
    expect(serviceSchema.safeParse(good()).success).toBe(true);
    expect(validateCatalog({ services: [good()] }).success).toBe(true);
  });

  it.each<[string, (e: Record<string, unknown>) => void]>([
    ['missing name', (e) => delete e.name],
    ['blank name', (e) => (e.name = '   ')],
    ['missing id', (e) => delete e.id],
    ['uppercase id', (e) => (e.id = 'GitHub')],
    ['id with a space', (e) => (e.id = 'git hub')],
    ['id starting with a dash', (e) => (e.id = '-github')],
    ['unknown category', (e) => (e.category = 'streaming')],
    ['no domains', (e) => (e.domains = [])],
    ['domain with a scheme', (e) => (e.domains = ['https://example.com'])],
    ['wildcard domain', (e) => (e.domains = ['*.example.com'])],
    ['uppercase domain', (e) => (e.domains = ['Example.com'])],
    ['domain with a path', (e) => (e.domains = ['example.com/app'])],
    ['single-label domain', (e) => (e.domains = ['localhost'])],
    ['domain with a trailing dot', (e) => (e.domains = ['example.com.'])],
    ['domain listed twice', (e) => (e.domains = ['example.com', 'example.com'])],
    ['http status page', (e) => (e.statusPage = 'http://status.example.com')],
    ['missing status page', (e) => delete e.statusPage],
    ['status page on an IP', (e) => (e.statusPage = 'https://127.0.0.1')],
    ['missing official (must be null, not absent)', (e) => delete e.official],
    ['http official URL', (e) => (e.official = { kind: 'statuspage', url: 'http://status.example.com' })],
    ['unknown official kind', (e) => (e.official = { kind: 'pingdom', url: 'https://status.example.com' })],
    ['official URL with trailing slash', (e) => (e.official = { kind: 'statuspage', url: 'https://status.example.com/' })],
    ['official URL with an /api path', (e) => (e.official = { kind: 'statuspage', url: 'https://status.example.com/api/v2' })],
    ['official URL with a query', (e) => (e.official = { kind: 'statuspage', url: 'https://status.example.com?x=1' })],
    ['official URL that is not a URL', (e) => (e.official = { kind: 'statuspage', url: 'status.example.com' })],
    ['official without url', (e) => (e.official = { kind: 'statuspage' })],
    ['official null without a note', (e) => (e.official = null)],
    ['official null with a blank note', (e) => ((e.official = null), (e.note = ' '))],
    ['unknown key (typo)', (e) => (e.offical = null)],
    ['empty search term', (e) => (e.searchTerms = [''])],
  ])('rejects an entry with %s', (_label, patch) => {
    expect(entryIssues(patch)).toBe(false);
  });

  it('accepts official null when a note explains it', () => {
    expect(entryIssues((e) => ((e.official = null), (e.note = 'No public status feed.')))).toBe(true);
  });

  it('rejects duplicate ids across entries', () => {
    const a = good();
    const b = { ...good(), domains: ['example.org'] };
    const r = validateCatalog({ services: [a, b] });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.some((i) => /duplicate id/.test(i.message))).toBe(true);
  });

  it('rejects a domain claimed by two services', () => {
    const a = good();
    const b = { ...good(), id: 'other', domains: ['other.com', 'example.com'] };
    const r = validateCatalog({ services: [a, b] });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.some((i) => /claimed by both/.test(i.message))).toBe(true);
  });

  it('rejects a catalog without services, or with junk at the top level', () => {
    expect(validateCatalog({ services: [] }).success).toBe(false);
    expect(validateCatalog({}).success).toBe(false);
    expect(validateCatalog([good()]).success).toBe(false);
    expect(validateCatalog(null).success).toBe(false);
    expect(validateCatalog({ services: [good()], extra: 1 }).success).toBe(false);
  });

  it('rejects the shipped catalog once one entry is broken', () => {
    const copy = structuredClone(raw) as { services: Record<string, unknown>[] };
    copy.services[3]!.statusPage = 'http://insecure.example.com';
    expect(validateCatalog(copy).success).toBe(false);
  });
});
