/**
 * Only the service's search terms leave the device — never a URL or hostname the person visited.
 * Every request every source makes is inspected.
 */
import { describe, expect, it } from 'vitest';
import { getService } from '../../../core/catalog/bundled';
import { runBackfill } from '../../../core/crowd/backfill';
import { DEFAULT_SOURCES, SOURCES } from '../../../core/crowd/index';
import { sanitizeTerms, searchQueries, termsForService, type SourceDeps } from '../../../core/crowd/source';
import { tagsForTerms } from '../../../core/crowd/mastodon';
import { fakeFetch, json, MIN, NOW, type Call } from './helpers';

const VISITED = 'https://github.com/acme-corp/secret-repo/pull/42?token=abc123#frag';
const LEAKS = ['acme-corp', 'secret-repo', 'pull/42', 'pull%2F42', 'abc123', 'github.com', 'github%2Ecom', 'frag'];

const PROVIDER_HOSTS = new Set(['hn.algolia.com', 'mastodon.social', 'fosstodon.org', 'hachyderm.io', 'bsky.social', 'isdown.app']);

function answer(c: Call): Response {
  const path = new URL(c.url).pathname;
  if (path.endsWith('createSession') || path.endsWith('refreshSession')) {
    return json({ did: 'did:plc:abc', handle: 'me.example.com', accessJwt: 'a', refreshJwt: 'r' });
  }
  if (path.includes('searchPosts')) return json({ posts: [] });
  if (path.includes('/timelines/tag/')) return json([]);
  if (path.includes('/api/v2/services/')) return json({ data: [] });
  return json({ hits: [], nbHits: 0, nbPages: 0, page: 0 });
}

describe('privacy: what leaves the device', () => {
  const github = getService('github')!;
  const terms = termsForService(github);

  it('terms come from the catalog entry, not from the page', () => {
    expect(terms).toEqual(['github', '#githubdown', 'github down']);
    expect(sanitizeTerms([VISITED, 'github.com/acme-corp', 'a?b=c', 'me@example.com', '  GitHub  ', 'github'])).toEqual(['github']);
    expect(termsForService({ name: 'Some Service' })).toEqual(['some service']);
  });

  it('every request of every source names only the provider host and the terms', async () => {
    const { deps, calls } = fakeFetch(answer);
    const full: SourceDeps = {
      ...deps,
      config: { bluesky: { handle: 'me.example.com', appPassword: 'pw-pw-pw-pw' }, isdown: { apiKey: 'k' } },
    };
    for (const source of SOURCES) {
      await source.query({ terms, since: NOW - 15 * MIN, until: NOW, now: NOW }, full);
      await runBackfill(source, terms, NOW, full);
    }
    expect(calls.length).toBeGreaterThan(10);

    const allowedWords = new Set([
      ...searchQueries(terms, { hashtags: true, max: 8 }),
      ...tagsForTerms(terms),
      'github', // IsDown slug
    ]);
    for (const c of calls) {
      const u = new URL(c.url);
      expect(u.protocol).toBe('https:');
      expect(PROVIDER_HOSTS.has(u.hostname), u.hostname).toBe(true);
      const everything = decodeURIComponent(c.url) + (c.body ?? '') + [...c.headers.values()].join(' ');
      for (const leak of LEAKS) expect(everything, `${leak} in ${c.url}`).not.toContain(leak);
      // Free-text parameters are exactly terms (or tags derived from them).
      for (const key of ['query', 'q', 'any[]'])
        for (const v of u.searchParams.getAll(key)) expect(allowedWords.has(v), `${key}=${v}`).toBe(true);
      const tag = /\/timelines\/tag\/([^/?]+)/.exec(u.pathname)?.[1];
      if (tag) expect(allowedWords.has(decodeURIComponent(tag))).toBe(true);
      const slug = /\/services\/([^/]+)\/incidents/.exec(u.pathname)?.[1];
      if (slug) expect(allowedWords.has(slug)).toBe(true);
      // Nothing identifying the browser beyond what fetch itself sends.
      expect(c.headers.get('referer')).toBeNull();
      expect(c.headers.get('cookie')).toBeNull();
    }
  });

  it('keyless sources are the default; the keyed ones are off', () => {
    expect(DEFAULT_SOURCES).toEqual(['hn', 'mastodon']);
    expect(SOURCES.map((s) => [s.id, s.keyless, s.defaultOn])).toEqual([
      ['hn', true, true],
      ['mastodon', true, true],
      ['bluesky', false, false],
      ['isdown', false, false],
    ]);
  });
});
