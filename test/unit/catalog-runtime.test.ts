import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CATALOG, SERVICES, packagedCatalog, packagedCatalogJson } from '../../core/catalog/bundled';
import { CATALOG_FILE, forgetCatalog, loadCatalog, provideCatalog } from '../../core/catalog/catalog';
import { isHttpsUrl, readOfficial } from '../../core/catalog/rules';
import { httpsUrl, officialSchema } from '../../core/catalog/schema';
import { readCustomService } from '../../core/settings';

describe('the packaged catalog (catalog.jsonl)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    provideCatalog(CATALOG);
  });

  it('is the validated source file without its $comment and evidence fields, every service kept', () => {
    const packaged = JSON.parse(packagedCatalogJson()) as { services: Record<string, unknown>[] };
    expect(Object.keys(packaged)).toEqual(['services']);
    const withoutEvidence = (JSON.parse(JSON.stringify(SERVICES)) as Record<string, unknown>[]).map(
      ({ source: _s, verified: _v, ...rest }) => rest,
    );
    expect(packaged.services).toEqual(withoutEvidence);
    expect(packaged.services.some((s) => 'source' in s || 'verified' in s)).toBe(false);
  });

  it('refuses to package an invalid catalog (the build fails)', () => {
    expect(() => packagedCatalogJson({ services: [{ id: 'Bad Id', name: 'x' }] })).toThrow(
      /catalog \(core\/catalog\/services\/\*\.json\) is invalid/,
    );
  });

  it('loadCatalog reads the file from the extension package once and matches hostnames', async () => {
    forgetCatalog();
    const fetchMock = vi.fn(async (url: string) => {
      expect(url.endsWith(`/${CATALOG_FILE}`)).toBe(true);
      return new Response(packagedCatalog(), { headers: { 'content-type': 'text/plain' } });
    });
    vi.stubGlobal('fetch', fetchMock);
    const [a, b] = await Promise.all([loadCatalog(), loadCatalog()]);
    expect(a).toBe(b);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(a.services.length).toBe(SERVICES.length);
    expect(a.match('gist.github.com')?.id).toBe('github');
    expect(a.match('github.com.evil.io')).toBeNull();
    expect(a.get('discord')?.name).toBe('Discord');
  });

  it('a failed read is not remembered: the next call tries again', async () => {
    forgetCatalog();
    let calls = 0;
    vi.stubGlobal('fetch', async () => (++calls === 1 ? new Response('nope', { status: 404 }) : new Response(packagedCatalog())));
    await expect(loadCatalog()).rejects.toThrow(/HTTP 404/);
    await expect(loadCatalog()).resolves.toMatchObject({ services: expect.any(Array) });
    expect(calls).toBe(2);
  });
});

describe('runtime rules agree with the zod schema', () => {
  const urls = [
    'https://www.githubstatus.com',
    'https://status.example.com/feed.rss',
    'http://status.example.com',
    'https://127.0.0.1/x',
    'https://localhost/x',
    'https://user:pw@status.example.com',
    ' https://status.example.com',
    'https://status.example.com/\n',
    'ftp://status.example.com',
    'not a url',
    'https://exa mple.com',
    'https://xn--bcher-kva.example',
    'https://STATUS.EXAMPLE.COM/a?b=c#d',
    '',
  ];
  it.each(urls)('isHttpsUrl(%j) matches the schema', (u) => {
    expect(isHttpsUrl(u)).toBe(httpsUrl().safeParse(u).success);
  });

  it('readOfficial accepts exactly what officialSchema accepts (every catalog entry, and mutations of them)', () => {
    const officials = SERVICES.flatMap((s) => (s.official ? [s.official] : []));
    for (const o of officials) expect(readOfficial(o)).toEqual(officialSchema.parse(o));
    const value = fc.oneof(
      fc.constantFrom<unknown>(
        undefined,
        null,
        '',
        'rss',
        'statuspage',
        'https://status.example.com',
        'https://status.example.com/',
        'https://status.example.com/api/v2',
        [],
        ['a'],
        [' '],
        42,
      ),
      fc.string(),
      fc.array(fc.string(), { maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...officials), fc.constantFrom('kind', 'url', 'scope', 'extra'), value, (base, key, v) => {
        const o: Record<string, unknown> = { ...base, [key]: v };
        if (v === undefined) delete o[key];
        const zod = officialSchema.safeParse(o);
        const ours = readOfficial(o);
        expect(ours !== null).toBe(zod.success);
        if (zod.success) expect(ours).toEqual(zod.data);
      }),
      { numRuns: 500 },
    );
  });

  it('readCustomService keeps a valid page and refuses a bad one', () => {
    const good = {
      id: 'custom-status-example-com',
      name: '  Example ',
      statusPage: 'https://status.example.com',
      official: { kind: 'statuspage', url: 'https://status.example.com' },
      domains: ['example.com'],
    };
    expect(readCustomService(good)).toEqual({ ...good, name: 'Example' });
    expect(readCustomService({ ...good, extra: 1 })).toBeNull();
    expect(readCustomService({ ...good, id: 'github' })).toBeNull();
    expect(readCustomService({ ...good, name: ' ' })).toBeNull();
    // Custom pages may be intranet ones (plain http allowed, issue 12); other schemes never.
    expect(readCustomService({ ...good, statusPage: 'http://status.example.com' })?.statusPage).toBe('http://status.example.com');
    expect(readCustomService({ ...good, statusPage: 'ftp://status.example.com' })).toBeNull();
    expect(readCustomService({ ...good, statusPage: 'javascript:alert(1)' })).toBeNull();
    expect(readCustomService({ ...good, official: { kind: 'statuspage', url: 'https://status.example.com/' } })).toBeNull();
    expect(readCustomService({ ...good, domains: ['example.com', 'example.com'] })).toBeNull();
    expect(readCustomService({ ...good, domains: ['Example.com'] })).toBeNull();
    expect(readCustomService({ ...good, domains: Array.from({ length: 51 }, (_, i) => `d${i}.example.com`) })).toBeNull();
  });
});
