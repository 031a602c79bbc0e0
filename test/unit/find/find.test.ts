/**
 * "Find a status page": candidate places, the week-long memory, and the search through the real
 * detectFeed with a fake network (bodies are the real Statuspage / incident.io samples).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { FIND_KEY, FIND_TTL_MS, rememberFind, rememberedFind, type FindResult } from '../../../core/find/cache';
import { candidatePages, findOfferSite, originsToAsk, registrableDomain, statusLinksInHtml } from '../../../core/find/candidates';
import { getService } from '../../../core/catalog/bundled';
import { customFor, findStatusPage, forgetSiteViews, watchFound } from '../../../core/find/run';
import { rememberTab } from '../../../core/storage';
import { rememberView, tabView } from '../../../core/parts/view';
import { loadSettings } from '../../../core/storage';

const raw = (name: string) => readFileSync(fileURLToPath(new URL(`../../fixtures/feeds/${name}`, import.meta.url)), 'utf8');
const GITHUB_SUMMARY = raw('statuspage-summary-github-all-operational-20191230.json');
const NOW = Date.parse('2026-09-19T12:00:00Z');

/** A fake network: exact URL → JSON/HTML body; anything else 404; hosts in `down` do not resolve. */
function net(routes: Record<string, { body: string; type: string }>, down: string[] = []) {
  const calls: string[] = [];
  const fetch = async (input: RequestInfo | URL): Promise<Response> => {
    const url = String(input);
    calls.push(url);
    if (down.some((h) => new URL(url).hostname === h)) throw new TypeError('Failed to fetch');
    const r = routes[url];
    return r
      ? new Response(r.body, { status: 200, headers: { 'content-type': r.type } })
      : new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
  };
  return { fetch: fetch as typeof globalThis.fetch, now: () => NOW, calls, store: fakeBrowser.storage.local };
}

beforeEach(() => fakeBrowser.reset());

describe('where to look', () => {
  it('registrable domain: last two labels, three under common second-level suffixes; not for IPs or single labels', () => {
    expect(registrableDomain('www.shop.example.com')).toBe('example.com');
    expect(registrableDomain('shop.example.co.uk')).toBe('example.co.uk');
    expect(registrableDomain('Example.COM.')).toBe('example.com');
    expect(registrableDomain('mercadolibre.com.ar')).toBe('mercadolibre.com.ar');
    expect(registrableDomain('localhost')).toBeNull();
    expect(registrableDomain('10.0.0.1')).toBeNull();
    expect(registrableDomain('co.uk')).toBeNull();
  });

  it('the four places in order, and the origins asked for in one prompt (the site only when its page may be read)', () => {
    expect(candidatePages('app.acme-widgets.com').map((c) => [c.why, c.url])).toEqual([
      ['status-host', 'https://status.acme-widgets.com'],
      ['status-path', 'https://acme-widgets.com/status'],
      ['statuspage-io', 'https://acme-widgets.statuspage.io'],
      ['instatus', 'https://acme-widgets.instatus.com'],
    ]);
    expect(originsToAsk('app.acme-widgets.com', false)).toEqual([
      'https://status.acme-widgets.com/*',
      'https://acme-widgets.com/*',
      'https://acme-widgets.statuspage.io/*',
      'https://acme-widgets.instatus.com/*',
    ]);
    expect(originsToAsk('app.acme-widgets.com', true)).toContain('https://app.acme-widgets.com/*');
    expect(candidatePages('localhost')).toEqual([]);
  });

  it('status links in a home page: status.* hosts, /status paths, status platforms, "Status" link text; https only, at most 3', () => {
    const html = `<a href="/about">About</a><a href="https://status.acme.com/?utm=x#top">Uptime</a>
      <a href='/status'>S</a><a href="https://acme.instatus.com">Our page</a><a href="http://status.other.com">x</a>
      <a href="https://help.acme.com/x"><span>System   status</span></a><a href="https://statuspage.io">Statuspage</a>`;
    expect(statusLinksInHtml(html, 'https://www.acme.com/')).toEqual([
      'https://status.acme.com',
      'https://www.acme.com/status',
      'https://acme.instatus.com',
    ]);
    expect(statusLinksInHtml('<a href="https://help.acme.com/x">System status</a>', 'https://acme.com/')).toEqual([
      'https://help.acme.com/x',
    ]);
    expect(statusLinksInHtml('<a href="javascript:alert(1)">Status</a>', 'https://acme.com/')).toEqual([]);
  });
});

describe('where the popup offers the search', () => {
  it('a site no service owns: offered for its registrable domain; no tab: nothing', () => {
    expect(findOfferSite('www.unlisted-shop.co.uk', null)).toBe('unlisted-shop.co.uk');
    expect(findOfferSite(null, null)).toBeNull();
  });

  it('a catalogued service without a feed that owns the registrable domain (SoundCloud): offered', () => {
    const soundcloud = getService('soundcloud')!;
    expect(soundcloud.official).toBeNull();
    expect(findOfferSite('soundcloud.com', soundcloud)).toBe('soundcloud.com');
    expect(findOfferSite('m.soundcloud.com', soundcloud)).toBe('soundcloud.com');
  });

  it('never for a service with a feed, nor for one that owns only a subdomain (the find would take over the whole domain)', () => {
    expect(findOfferSite('github.com', getService('github')!)).toBeNull();
    const yahooMail = getService('yahoo-mail')!;
    expect(yahooMail.official).toBeNull();
    expect(yahooMail.domains).toEqual(['mail.yahoo.com']);
    expect(findOfferSite('mail.yahoo.com', yahooMail)).toBeNull();
  });
});

describe('a found page takes over the site’s tabs', () => {
  it('forgets the recorded view of every tab on the site (and its subdomains), and only those', async () => {
    const session = fakeBrowser.storage.session;
    await rememberTab(session, 1, 'soundcloud.com');
    await rememberTab(session, 2, 'm.soundcloud.com');
    await rememberTab(session, 3, 'notsoundcloud.com');
    for (const id of [1, 2, 3]) await rememberView(session, id, { service: 'soundcloud', part: null, region: null });
    await forgetSiteViews(session, 'soundcloud.com');
    expect(await tabView(session, 1)).toBeNull();
    expect(await tabView(session, 2)).toBeNull();
    expect(await tabView(session, 3)).toEqual({ service: 'soundcloud', part: null, region: null });
  });
});

describe('remembered for a week', () => {
  const result = (site: string, at: number): FindResult => ({ site, at, found: null, tried: ['https://status.x.com'] });

  it('a result is recalled within a week, not after; old entries are dropped on the next write', async () => {
    const area = fakeBrowser.storage.local;
    await rememberFind(area, result('old.com', NOW - FIND_TTL_MS - 1), NOW - FIND_TTL_MS - 1);
    await rememberFind(area, result('x.com', NOW), NOW);
    expect(await rememberedFind(area, 'x.com', NOW + FIND_TTL_MS - 1)).toEqual(result('x.com', NOW));
    expect(await rememberedFind(area, 'x.com', NOW + FIND_TTL_MS)).toBeNull();
    expect(await rememberedFind(area, 'old.com', NOW)).toBeNull();
    expect(Object.keys((await area.get(FIND_KEY))[FIND_KEY] as object)).toEqual(['x.com']);
  });

  it('garbage in storage reads as nothing remembered', async () => {
    await fakeBrowser.storage.local.set({ [FIND_KEY]: { 'x.com': { site: 'x.com', at: 'yesterday' } } });
    expect(await rememberedFind(fakeBrowser.storage.local, 'x.com', NOW)).toBeNull();
  });
});

describe('the search', () => {
  it('finds a Statuspage at status.<domain> with the first probe, remembers it, and watches it for the site', async () => {
    const deps = net({ 'https://status.acme-widgets.com/api/v2/summary.json': { body: GITHUB_SUMMARY, type: 'application/json' } });
    const r = (await findStatusPage({ host: 'www.acme-widgets.com', readSite: false }, deps))!;
    expect(r.found).toEqual({
      statusPage: 'https://status.acme-widgets.com',
      kind: 'statuspage',
      url: 'https://status.acme-widgets.com',
      label: 'GitHub',
    });
    expect(r.tried).toEqual(['https://status.acme-widgets.com']);
    expect(deps.calls).toEqual(['https://status.acme-widgets.com/api/v2/summary.json']);
    // Remembered: a second press asks nobody.
    const again = await findStatusPage({ host: 'acme-widgets.com', readSite: false }, deps);
    expect(again).toEqual(r);
    expect(deps.calls).toHaveLength(1);

    const id = await watchFound(fakeBrowser.storage.local, r);
    const s = await loadSettings(fakeBrowser.storage.local);
    expect(s.custom).toEqual([customFor(r)]);
    expect(s.custom[0]!.domains).toEqual(['acme-widgets.com']);
    expect(s.watched).toContain(id);
    await watchFound(fakeBrowser.storage.local, r); // idempotent
    expect((await loadSettings(fakeBrowser.storage.local)).custom).toHaveLength(1);
  });

  it('nothing anywhere: every place tried once, "not found" remembered, nothing watched', async () => {
    const deps = net({}, ['status.nothing-here.net', 'nothing-here.instatus.com']);
    const r = (await findStatusPage({ host: 'nothing-here.net', readSite: false }, deps))!;
    expect(r.found).toBeNull();
    expect(r.tried).toEqual(candidatePages('nothing-here.net').map((c) => c.url));
    expect(await watchFound(fakeBrowser.storage.local, r)).toBeNull();
    expect((await loadSettings(fakeBrowser.storage.local)).custom).toEqual([]);
    const n = deps.calls.length;
    expect(await findStatusPage({ host: 'nothing-here.net', readSite: false }, deps)).toEqual(r);
    expect(deps.calls).toHaveLength(n);
  });

  it('reads the home page only when allowed, and follows its status link', async () => {
    const home = '<html><body><footer><a href="https://acme.example-status.org/">Status</a></footer></body></html>';
    const routes = {
      'https://www.acme.com/': { body: home, type: 'text/html' },
      'https://acme.example-status.org/api/v2/summary.json': { body: GITHUB_SUMMARY, type: 'application/json' },
    };
    const without = net(routes);
    expect((await findStatusPage({ host: 'www.acme.com', readSite: false }, without))!.found).toBeNull();
    expect(without.calls).not.toContain('https://www.acme.com/');
    // Allowing the site's page now is a new place: a remembered "not found" does not stop it.
    const withSite = net(routes);
    const r = (await findStatusPage({ host: 'www.acme.com', readSite: true }, withSite))!;
    expect(r.found?.statusPage).toBe('https://acme.example-status.org');
    expect(r.tried.slice(-2)).toEqual(['https://www.acme.com/', 'https://acme.example-status.org']);
  });

  it('a hostname without a registrable domain is not searched', async () => {
    const deps = net({});
    expect(await findStatusPage({ host: 'intranet', readSite: true }, deps)).toBeNull();
    expect(deps.calls).toEqual([]);
  });
});
