/**
 * `apiHosts` in the catalog: the hosts a service's clients call outside its `domains`, whose failed
 * requests are this browser's evidence (core/local/requests.ts) and which the person is asked to
 * allow. Each one must be a plain hostname that belongs to that service alone.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVICES, matchService, validateCatalog } from '../../core/catalog/bundled';
import { DOMAIN_PATTERN } from '../../core/catalog/rules';
import { requestHosts, requestOrigins } from '../../core/local/observe';

const withApi = SERVICES.filter((s) => s.apiHosts && s.apiHosts.length > 0);

/** Hosts shared by many unrelated sites: no service may list them (or a parent of them) as its own. */
const SHARED = [
  'amazonaws.com',
  'cloudfront.net',
  'akamaihd.net',
  'akamaized.net',
  'edgesuite.net',
  'edgekey.net',
  'fastly.net',
  'azureedge.net',
  'blob.core.windows.net',
  'googleapis.com',
  'gstatic.com',
  'googleusercontent.com',
  'google-analytics.com',
  'googletagmanager.com',
  'doubleclick.net',
  'cloudflare.net',
  'cdn.cloudflare.net',
  'jsdelivr.net',
  'unpkg.com',
  'sentry.io',
  'datadoghq.com',
];

describe('catalog apiHosts', () => {
  it('is filled for the most-used services (≈50)', () => {
    expect(withApi.length).toBeGreaterThanOrEqual(45);
    for (const id of ['primevideo', 'netflix', 'youtube', 'github', 'discord', 'slack', 'spotify', 'twitch', 'openai']) {
      expect(
        withApi.map((s) => s.id),
        id,
      ).toContain(id);
    }
  });

  it('names the hosts the issue asks for', () => {
    const get = (id: string) => SERVICES.find((s) => s.id === id)?.apiHosts ?? [];
    expect(get('github')).toContain('api.github.com');
    expect(get('discord')).toContain('gateway.discord.gg');
    expect(get('primevideo')).toEqual(expect.arrayContaining(['atv-ps.primevideo.com', 'aiv-cdn.net']));
    // Outlook for work's mail host is one of its domains: asked for and observed the same way.
    expect(requestHosts(SERVICES.find((s) => s.id === 'microsoft-365-work')!)).toContain('outlook.cloud.microsoft');
  });

  it('lists bare lowercase hostnames, each once', () => {
    for (const s of withApi) {
      expect(new Set(s.apiHosts).size, s.id).toBe(s.apiHosts!.length);
      for (const h of s.apiHosts!) {
        expect(h, s.id).toMatch(DOMAIN_PATTERN);
        expect(h, s.id).not.toMatch(/[*:/\s]|\.$/);
      }
    }
  });

  it('never lists a host another service claims (under its domain, above it, or in its apiHosts)', () => {
    // Every ancestor of every domain → its owner, to find an apiHost above another service's domain.
    const above = new Map<string, string>();
    for (const s of SERVICES) {
      for (const d of s.domains) {
        const labels = d.split('.');
        for (let k = 1; k < labels.length - 1; k++) above.set(labels.slice(k).join('.'), s.id);
      }
    }
    const listedBy = new Map<string, string>();
    for (const s of withApi) {
      for (const h of s.apiHosts!) {
        const owner = matchService(h);
        expect(owner === null || owner.id === s.id, `${h} (${s.id}) is under ${owner?.id}`).toBe(true);
        const below = above.get(h);
        expect(below === undefined || below === s.id, `${h} (${s.id}) is above a domain of ${below}`).toBe(true);
        expect(listedBy.get(h), `${h} listed by ${listedBy.get(h)} and ${s.id}`).toBeUndefined();
        listedBy.set(h, s.id);
      }
    }
  });

  it('never lists a shared third-party host or a parent of one', () => {
    for (const s of withApi) {
      for (const h of s.apiHosts!) {
        for (const shared of SHARED) {
          expect(h === shared || shared.endsWith(`.${h}`), `${s.id}: ${h} vs ${shared}`).toBe(false);
        }
      }
    }
  });

  it('puts apiHosts right after domains in the data files (keeps parallel edits mergeable)', () => {
    const dir = new URL('../../core/catalog/services/', import.meta.url);
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
      const data = JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as { services: Record<string, unknown>[] };
      for (const e of data.services) {
        const keys = Object.keys(e);
        if (keys.includes('apiHosts')) expect(keys.indexOf('apiHosts'), `${f} ${String(e.id)}`).toBe(keys.indexOf('domains') + 1);
      }
    }
  });

  it('asks for exactly the service’s own hosts, subdomains included, https only', () => {
    const pv = SERVICES.find((s) => s.id === 'primevideo')!;
    expect(requestOrigins(pv)).toEqual([
      'https://*.primevideo.com/*',
      'https://*.atv-ps.primevideo.com/*',
      'https://*.atv-ps-eu.primevideo.com/*',
      'https://*.atv-ps-fe.primevideo.com/*',
      'https://*.aiv-cdn.net/*',
      'https://*.aiv-delivery.net/*',
      'https://*.amazonvideo.com/*',
    ]);
  });
});

describe('schema rules for apiHosts', () => {
  const entry = (id: string, domains: string[], apiHosts?: unknown) => ({
    id,
    name: id,
    category: 'other',
    domains,
    ...(apiHosts === undefined ? {} : { apiHosts }),
    statusPage: `https://status.${domains[0]}`,
    official: null,
    note: 'No public status feed.',
    source: 'test entry',
    verified: '2026-12-07',
  });
  const issues = (services: unknown[]) => {
    const r = validateCatalog({ services });
    return r.success ? [] : r.error.issues.map((i) => i.message);
  };

  it('accepts hosts of its own', () => {
    expect(issues([entry('a', ['a.com'], ['api.a-cdn.net', 'api.a.com'])])).toEqual([]);
  });
  it.each<[string, unknown]>([
    ['an empty list', []],
    ['a URL', ['https://api.a-cdn.net']],
    ['a wildcard', ['*.a-cdn.net']],
    ['uppercase', ['API.a-cdn.net']],
    ['a host listed twice', ['a-cdn.net', 'a-cdn.net']],
  ])('rejects %s', (_label, apiHosts) => {
    expect(issues([entry('a', ['a.com'], apiHosts)]).length).toBeGreaterThan(0);
  });
  it("rejects a host under another service's domain", () => {
    expect(issues([entry('a', ['a.com'], ['api.b.com']), entry('b', ['b.com'])]).join()).toMatch(/under a domain of "b"/);
  });
  it("rejects a host above another service's domain", () => {
    expect(issues([entry('a', ['a.com'], ['shared.net']), entry('b', ['mail.shared.net'])]).join()).toMatch(/under a domain of "b"|above/);
  });
  it('rejects a host two services list', () => {
    expect(issues([entry('a', ['a.com'], ['cdn.net']), entry('b', ['b.com'], ['cdn.net'])]).join()).toMatch(/listed by both/);
  });
});
