import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readCatalogFiles } from '../../core/catalog/raw';

const raw = readCatalogFiles();
import { BASE_URL_KINDS, catalogSchema, CATEGORIES, ID_PATTERN, serviceSchema } from '../../core/catalog/schema';
import { getService, hostnameOf, matchService, SERVICES, validateCatalog } from '../../core/catalog/bundled';
import type { OfficialSnapshot, Result } from '../../core/model';
import { gcpAdapter } from '../../core/official/gcp';
import { OFFICIAL_KINDS, type OfficialKind } from '../../core/official/kinds';
import { m365Adapter } from '../../core/official/m365';

/** A valid entry to mutate in the negative tests. */
const good = () => ({
  id: 'example',
  name: 'Example',
  category: 'other',
  domains: ['example.com'],
  statusPage: 'https://status.example.com',
  official: { kind: 'statuspage', url: 'https://status.example.com' },
  searchTerms: ['example', '#exampledown'],
  source: 'https://status.example.com/api/v2/summary.json (captured 2026-12-01)',
  verified: '2026-12-01',
});

const allUrls = (s: (typeof SERVICES)[number]) => [s.statusPage, ...(s.official ? [s.official.url] : [])];

/** Bare base URL of a status site (what base-URL kinds take; the adapter appends its own paths). */
const isBare = (u: URL, raw: string): boolean => !raw.endsWith('/') && !/(^|\/)api(\/|$)/.test(u.pathname);

/**
 * What `official.url` looks like for each kind (see the header of each adapter in core/official/).
 * A Record over every kind, so a new kind cannot be added without saying what its URL is.
 */
const FEED_URL_SHAPES: Record<OfficialKind, (u: URL, raw: string) => boolean> = {
  statuspage: isBare,
  incidentio: isBare,
  cachet: isBare,
  rss: (u) => u.pathname !== '',
  gcp: (u) => u.pathname.endsWith('/incidents.json'),
  'aws-health': (u) => u.pathname === '/public/currentevents',
  slack: (u) => u.pathname === '/api/v2.0.0/current',
  apple: (u) => /\/system_status_[a-z]{2}_[A-Z]{2}\.js$/.test(u.pathname),
  heroku: (u) => u.pathname === '/api/v4/current-status',
  statusio: (u) => /^\/1\.0\/status\/[0-9a-f]{24}$/.test(u.pathname),
  instatus: (u) => u.pathname.endsWith('/summary.json'),
  m365: (u) => u.pathname.startsWith('/api/posts/'),
  betterstack: (u) => u.pathname === '/index.json',
  rootly: (u) => u.pathname === '/api/v1/status.json',
  sorry: (u) => /^\/v1\/pages\/[^/]+\/components$/.test(u.pathname),
  uptimekuma: (u) => /^\/api\/status-page\/[^/]+$/.test(u.pathname),
  gatus: (u) => u.pathname.endsWith('/api/v1/endpoints/statuses'),
  hund: (u) => /^\/live\/v2\/(?:status_page|component\/[^/]+)$/.test(u.pathname),
};

/**
 * Kinds whose adapter narrows a shared feed to `official.scope` (ParseContext.scope): Google's
 * incidents.json, Microsoft 365 consumer rows, Apple services, AWS service keys, RSS/Atom items
 * mentioning a name, Slack services, Heroku systems, status.io / Cachet components. The Statuspage
 * family (statuspage, incidentio) and Instatus ignore scope today, so a scoped entry of those kinds
 * would silently show the whole page.
 */
const SCOPE_KINDS: ReadonlySet<OfficialKind> = new Set<OfficialKind>([
  'gcp',
  'm365',
  'apple',
  'aws-health',
  'rss',
  'slack',
  'heroku',
  'statusio',
  'cachet',
]);

/** The entries the demo server and other tests depend on (id, kind, url). */
const FIXED_ENTRIES: [string, string | null, string | null][] = [
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

/** Every entry as it was before the catalog grew to the everyday web (id, kind, url): never renamed, never repointed. */
const ORIGINAL_ENTRIES: [string, string | null, string | null][] = [
  ...FIXED_ENTRIES,
  ['netflix', null, null],
  ['steam', null, null],
  ['x', null, null],
  ['tiktok', null, null],
  ['whatsapp', null, null],
  ['instagram', null, null],
  ['facebook', null, null],
  ['zoom', 'statuspage', 'https://www.zoomstatus.com'],
  ['atlassian', 'statuspage', 'https://status.atlassian.com'],
  ['trello', 'statuspage', 'https://trello.status.atlassian.com'],
  ['bitbucket', 'statuspage', 'https://bitbucket.status.atlassian.com'],
  ['loom', 'statuspage', 'https://loom.status.atlassian.com'],
  ['twilio', 'statuspage', 'https://status.twilio.com'],
  ['sendgrid', 'statuspage', 'https://status.sendgrid.com'],
  ['vercel', 'statuspage', 'https://www.vercel-status.com'],
  ['netlify', 'statuspage', 'https://www.netlifystatus.com'],
  ['digitalocean', 'statuspage', 'https://status.digitalocean.com'],
  ['linode', 'statuspage', 'https://status.linode.com'],
  ['flyio', 'statuspage', 'https://status.flyio.net'],
  ['mongodb', 'statuspage', 'https://status.mongodb.com'],
  ['figma', 'statuspage', 'https://status.figma.com'],
  ['canva', 'statuspage', 'https://www.canvastatus.com'],
  ['asana', 'statuspage', 'https://status.asana.com'],
  ['box', 'statuspage', 'https://status.box.com'],
  ['hubspot', 'statuspage', 'https://status.hubspot.com'],
  ['basecamp', 'statuspage', 'https://37signals.statuspage.io'],
  ['typeform', 'statuspage', 'https://status.typeform.com'],
  ['lastpass', 'statuspage', 'https://status.lastpass.com'],
  ['1password', 'statuspage', 'https://status.1password.com'],
  ['proton', 'statuspage', 'https://status.proton.me'],
  ['sentry', 'statuspage', 'https://status.sentry.io'],
  ['datadog', 'statuspage', 'https://status.datadoghq.com'],
  ['datadog-eu', 'statuspage', 'https://status.datadoghq.eu'],
  ['newrelic', 'statuspage', 'https://status.newrelic.com'],
  ['mailgun', 'statuspage', 'https://status.mailgun.com'],
  ['circleci', 'statuspage', 'https://status.circleci.com'],
  ['travis-ci', 'statuspage', 'https://www.traviscistatus.com'],
  ['postman', 'statuspage', 'https://status.postman.com'],
  ['rubygems', 'statuspage', 'https://status.rubygems.org'],
  ['python', 'statuspage', 'https://status.python.org'],
  ['cursor', 'statuspage', 'https://status.cursor.com'],
  ['windsurf', 'statuspage', 'https://status.windsurf.com'],
  ['characterai', 'statuspage', 'https://status.character.ai'],
  ['epicgames', 'statuspage', 'https://status.epicgames.com'],
  ['zwift', 'statuspage', 'https://status.zwift.com'],
  ['twitch', 'statuspage', 'https://status.twitch.com'],
  ['vimeo', 'statuspage', 'https://www.vimeostatus.com'],
  ['spotify', 'statuspage', 'https://spotify.statuspage.io'],
  ['unsplash', 'statuspage', 'https://status.unsplash.com'],
  ['squarespace', 'statuspage', 'https://status.squarespace.com'],
  ['shopify', 'statuspage', 'https://www.shopifystatus.com'],
  ['bigcommerce', 'statuspage', 'https://status.bigcommerce.com'],
  ['coinbase', 'statuspage', 'https://status.coinbase.com'],
  ['robinhood', 'statuspage', 'https://status.robinhood.com'],
  ['miro', 'incidentio', 'https://status.miro.com'],
  ['linear', 'incidentio', 'https://linearstatus.com'],
  ['notion', 'incidentio', 'https://www.notion-status.com'],
  ['zapier', 'incidentio', 'https://status.zapier.com'],
  ['hashicorp', 'incidentio', 'https://status.hashicorp.com'],
  ['brevo', 'incidentio', 'https://status.brevo.com'],
  ['rollbar', 'incidentio', 'https://status.rollbar.com'],
  ['onesignal', 'incidentio', 'https://status.onesignal.com'],
  ['groq', 'incidentio', 'https://groqstatus.com'],
  ['cohere', 'incidentio', 'https://status.cohere.com'],
  ['elevenlabs', 'incidentio', 'https://status.elevenlabs.io'],
  ['stability', 'incidentio', 'https://status.stability.ai'],
];

const fixture = (name: string): string => readFileSync(fileURLToPath(new URL(`../fixtures/feeds/${name}`, import.meta.url)), 'utf8');

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.problem.code}: ${r.problem.message}`);
  return r.value;
}

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
    for (const id of ids) expect(id).toMatch(ID_PATTERN);
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

  it('uses only https URLs without query, fragment or credentials', () => {
    for (const s of SERVICES) {
      for (const u of allUrls(s)) {
        const url = new URL(u);
        expect(url.protocol, `${s.id}: ${u}`).toBe('https:');
        expect(url.username + url.password, `${s.id}: ${u}`).toBe('');
      }
      if (s.official) expect(new URL(s.official.url).search + new URL(s.official.url).hash, s.id).toBe('');
    }
  });

  it('gives base-URL kinds a bare status-site base', () => {
    for (const s of SERVICES) {
      if (!s.official || !BASE_URL_KINDS.has(s.official.kind)) continue;
      expect(s.official.url.endsWith('/'), s.id).toBe(false);
      expect(new URL(s.official.url).pathname, s.id).not.toMatch(/\/api(\/|$)/);
    }
  });

  it("gives feed kinds the feed's own URL, in the shape its adapter reads", () => {
    for (const s of SERVICES) {
      if (!s.official) continue;
      const url = new URL(s.official.url);
      expect(FEED_URL_SHAPES[s.official.kind](url, s.official.url), `${s.id}: ${s.official.url}`).toBe(true);
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
    for (const [id, kind, url] of FIXED_ENTRIES) {
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

describe('catalog: the everyday web', () => {
  const byKind = (kind: OfficialKind) => SERVICES.filter((s) => s.official?.kind === kind);

  it('has at least 200 services and covers every category', () => {
    expect(SERVICES.length).toBeGreaterThanOrEqual(200);
    for (const c of CATEGORIES) {
      expect(SERVICES.filter((s) => s.category === c).length, c).toBeGreaterThan(0);
    }
    // The everyday categories (all but 'other') are more than a token entry each.
    for (const c of CATEGORIES.filter((c) => c !== 'other')) {
      expect(SERVICES.filter((s) => s.category === c).length, c).toBeGreaterThanOrEqual(5);
    }
  });

  it('keeps every entry that existed before, with its official kind and URL', () => {
    for (const [id, kind, url] of ORIGINAL_ENTRIES) {
      const s = getService(id);
      expect(s, id).toBeDefined();
      expect(s?.official?.kind ?? null, id).toBe(kind);
      expect(s?.official?.url ?? null, id).toBe(url);
    }
  });

  it('uses scope only with kinds whose adapter applies it, and never an empty or repeated name', () => {
    for (const s of SERVICES) {
      const scope = s.official?.scope;
      if (!scope) continue;
      expect(SCOPE_KINDS.has(s.official!.kind), `${s.id}: ${s.official!.kind} ignores scope`).toBe(true);
      const names = scope.map((n) => n.trim().toLowerCase());
      expect(
        names.every((n) => n !== ''),
        s.id,
      ).toBe(true);
      expect(new Set(names).size, s.id).toBe(names.length);
    }
  });

  it('splits a shared feed between entries: disjoint scopes, at most one unscoped reader', () => {
    const byUrl = new Map<string, (typeof SERVICES)[number][]>();
    for (const s of SERVICES) {
      if (!s.official) continue;
      byUrl.set(s.official.url, [...(byUrl.get(s.official.url) ?? []), s]);
    }
    for (const [url, entries] of byUrl) {
      if (entries.length < 2) continue;
      expect(entries.filter((s) => !s.official!.scope).length, url).toBeLessThanOrEqual(1);
      const owner = new Map<string, string>();
      for (const s of entries) {
        for (const n of s.official!.scope ?? []) {
          const key = n.trim().toLowerCase();
          expect(owner.get(key), `${url}: "${n}" in ${owner.get(key)} and ${s.id}`).toBeUndefined();
          owner.set(key, s.id);
        }
      }
    }
  });

  it('reads Google Workspace, Microsoft 365 consumer and Apple through their shared feeds, one product per site', () => {
    const workspace = byKind('gcp').filter((s) => s.official!.url === 'https://www.google.com/appsstatus/dashboard/incidents.json');
    expect(workspace.map((s) => s.id)).toEqual(
      expect.arrayContaining(['gmail', 'google-drive', 'google-docs', 'google-calendar', 'google-meet', 'google-chat', 'gemini']),
    );
    for (const s of workspace) expect(s.official!.scope?.length ?? 0, s.id).toBeGreaterThan(0);
    expect(getService('gmail')?.official?.scope).toEqual(['Gmail']);
    expect(getService('google-docs')?.official?.scope).toEqual(expect.arrayContaining(['Google Docs', 'Google Sheets', 'Google Slides']));
    expect(getService('google-cloud')?.official).toEqual({ kind: 'gcp', url: 'https://status.cloud.google.com/incidents.json' });
    expect(getService('aws-console')?.official).toEqual({ kind: 'aws-health', url: 'https://health.aws.amazon.com/public/currentevents' });
    expect(getService('azure')?.official).toEqual({ kind: 'rss', url: 'https://azure.status.microsoft/en-us/status/feed/' });
    expect(getService('slack')?.official).toEqual({ kind: 'slack', url: 'https://slack-status.com/api/v2.0.0/current' });
    for (const s of byKind('m365')) expect(s.official!.scope?.length ?? 0, s.id).toBeGreaterThan(0);
    for (const s of byKind('apple')) {
      if (s.official!.url.includes('/developer/')) continue; // the developer feed may be read whole
      expect(s.official!.scope?.length ?? 0, s.id).toBeGreaterThan(0);
    }
  });

  it('names Microsoft 365 consumer services as the feed writes them', () => {
    // Doc-derived body carrying the ten ServiceDisplayName values seen on the live feed (PROVENANCE.md).
    // The adapter fails a scope that matches no row ("no longer lists …"), so each entry must read ok.
    const body = fixture('m365-consumer-posts-doc-derived-mixed.json');
    const ctx = { now: Date.parse('2026-09-18T21:24:30Z'), baseUrl: 'https://status.cloud.microsoft/api/posts/m365Consumer' };
    for (const s of byKind('m365')) {
      const snap = value(m365Adapter.parse([body], { ...ctx, scope: s.official!.scope }));
      expect(snap.components.length, s.id).toBe(s.official!.scope!.length);
    }
  });

  it('marks mail.google.com, not docs.google.com, for a Workspace incident about Gmail', () => {
    // Doc-derived Workspace body: an open Gmail outage, an open Google Chat incident, a Docs/Sheets
    // incident resolved two days earlier and an old Meet one.
    const body = fixture('gcp-workspace-incidents-gmail-open.doc-derived.json');
    const read = (host: string): OfficialSnapshot => {
      const s = matchService(host)!;
      expect(s.official?.kind, host).toBe('gcp');
      return value(
        gcpAdapter.parse([body], { now: Date.parse('2026-09-20T12:00:00Z'), baseUrl: s.official!.url, scope: s.official!.scope }),
      );
    };
    expect(read('mail.google.com').incidents.map((i) => i.id)).toEqual(['WsGmailOpenSep20aaaa']);
    expect(read('docs.google.com').incidents).toEqual([]);
    expect(read('docs.google.com').recent.map((i) => i.id)).toEqual(['WsDocsSheetsSep18ccc']);
    expect(read('chat.google.com').incidents.map((i) => i.id)).toEqual(['WsChatMonitorSep20bb']);
    expect(read('drive.google.com').incidents).toEqual([]);
    expect(read('meet.google.com').incidents).toEqual([]);
  });

  it('never claims a whole big-provider apex or a host that carries other people’s content', () => {
    for (const host of [
      'google.com',
      'www.google.com',
      'googleapis.com',
      'microsoft.com',
      'www.microsoft.com',
      'live.com',
      'login.live.com',
      'cloud.microsoft',
      'amazonaws.com',
      's3.amazonaws.com',
      'vercel.app',
      'netlify.app',
      'herokuapp.com',
      'web.app',
      'firebaseapp.com',
      'appspot.com',
      'pages.dev',
      'workers.dev',
      'fly.dev',
      'onrender.com',
      'gitlab.io',
      'webflow.io',
      'wixsite.com',
      'blogspot.com',
      'statuspage.io',
      'instatus.com',
      'status.io',
    ]) {
      expect(matchService(host)?.id ?? null, host).toBeNull();
      expect(matchService(`someone.${host}`)?.id ?? null, `someone.${host}`).toBeNull();
    }
  });

  it('explains the no-feed entries that complaints and local failures must speak for', () => {
    for (const id of ['youtube', 'amazon', 'disneyplus', 'playstation', 'xbox', 'telegram', 'threads', 'snapchat', 'ebay', 'venmo']) {
      const s = getService(id);
      expect(s, id).toBeDefined();
      expect(s?.official, id).toBeNull();
      expect(s?.note?.length ?? 0, id).toBeGreaterThan(40);
    }
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
    // Big providers: each site goes to its own part.
    ['mail.google.com', 'gmail'],
    ['gmail.com', 'gmail'],
    ['drive.google.com', 'google-drive'],
    ['docs.google.com', 'google-docs'],
    ['calendar.google.com', 'google-calendar'],
    ['meet.google.com', 'google-meet'],
    ['chat.google.com', 'google-chat'],
    ['gemini.google.com', 'gemini'],
    ['console.cloud.google.com', 'google-cloud'],
    ['console.firebase.google.com', 'firebase'],
    ['www.youtube.com', 'youtube'],
    ['youtu.be', 'youtube'],
    ['music.youtube.com', 'youtube-music'],
    ['console.aws.amazon.com', 'aws-console'],
    ['us-east-1.console.aws.amazon.com', 'aws-console'],
    ['health.aws.amazon.com', 'aws-console'],
    ['www.amazon.com', 'amazon'],
    ['www.amazon.co.uk', 'amazon'],
    ['music.amazon.com', 'amazon-music'],
    ['outlook.live.com', 'outlook'],
    ['onedrive.live.com', 'onedrive'],
    ['teams.live.com', 'teams-free'],
    ['teams.microsoft.com', 'microsoft-365-work'],
    ['outlook.office.com', 'microsoft-365-work'],
    ['www.office.com', 'microsoft-365'],
    ['copilot.microsoft.com', 'microsoft-copilot'],
    ['portal.azure.com', 'azure'],
    ['www.icloud.com', 'icloud'],
    ['music.apple.com', 'apple-music'],
    ['tv.apple.com', 'apple-tv'],
    ['apps.apple.com', 'app-store'],
    ['www.apple.com', 'apple-store'],
    ['developer.apple.com', 'apple-developer'],
    ['appstoreconnect.apple.com', 'app-store-connect'],
    // Everyday services.
    ['app.slack.com', 'slack'],
    ['web.telegram.org', 'telegram'],
    ['www.disneyplus.com', 'disneyplus'],
    ['www.roblox.com', 'roblox'],
    ['store.playstation.com', 'playstation'],
    ['www.ebay.de', 'ebay'],
    ['www.paypal.com', 'paypal'],
    ['dashboard.stripe.com', 'stripe'],
    ['gitlab.com', 'gitlab'],
    ['hub.docker.com', 'docker'],
    ['en.wikipedia.org', 'wikipedia'],
    ['www.perplexity.ai', 'perplexity'],
    ['school.instructure.com', 'canvas'],
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
    ['no source', (e) => delete e.source],
    ['blank source', (e) => (e.source = '  ')],
    ['no verified date', (e) => delete e.verified],
    ['verified date in another format', (e) => (e.verified = '07.12.2026')],
    ['verified date that does not exist', (e) => (e.verified = '2026-02-30')],
    ['verified date in the future', (e) => (e.verified = '2999-01-01')],
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
