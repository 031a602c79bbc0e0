import { describe, expect, it } from 'vitest';
import { SERVICES, packagedCatalog, packagedCatalogJson } from '../../core/catalog/bundled';
import { catalogFrom } from '../../core/catalog/match';
import { PACK_VERSION, catalogFromPack, packCatalog } from '../../core/catalog/packed';
import type { Service } from '../../core/catalog/schema';

/** The shipped catalog read back the way the extension reads it. */
const text = packagedCatalog();
const eager = catalogFrom(SERVICES);

describe('the packed catalog (catalog.jsonl, core/catalog/packed.ts)', () => {
  it('is ASCII: an index line, then one JSON entry per line, in catalog order', () => {
    expect(/^[\t\n\x20-\x7e]*$/.test(text)).toBe(true);
    const lines = text.split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.length).toBe(SERVICES.length + 2);
    expect((JSON.parse(lines[0]!) as { v: number }).v).toBe(PACK_VERSION);
    expect(lines.slice(1, -1).map((l) => (JSON.parse(l) as Service).id)).toEqual(SERVICES.map((s) => s.id));
  });

  it('gives back every shipped entry (validated, without evidence fields), by id and in `services` (non-ASCII names included)', () => {
    const packed = catalogFromPack(text);
    const shipped = (JSON.parse(packagedCatalogJson()) as { services: Service[] }).services;
    const plain = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;
    for (const s of shipped) expect(plain(packed.get(s.id))).toEqual(s);
    expect(plain(packed.services)).toEqual(shipped);
    expect(shipped.length).toBe(SERVICES.length);
    expect(shipped.some((s) => /[^\t\n\x20-\x7e]/.test(JSON.stringify(s)))).toBe(true);
    expect(packed.get('no-such-service')).toBeUndefined();
    expect(packed.get('__proto__')).toBeUndefined();
    expect(packed.get('constructor')).toBeUndefined();
  });

  it('matches hostnames and API hosts exactly as the fully indexed catalog does', () => {
    const packed = catalogFromPack(text);
    const hosts = SERVICES.flatMap((s) => [...s.domains, ...(s.apiHosts ?? [])]).flatMap((d) => [
      d,
      `www.${d}`,
      `a.b.${d}`,
      `${d}.evil.io`,
      `not${d}`,
      `${d.toUpperCase()}.`,
    ]);
    hosts.push('', '127.0.0.1', '[::1]', 'localhost', 'hasOwnProperty', '__proto__', 'toString.com');
    for (const h of hosts) {
      expect(packed.match(h)?.id ?? null).toBe(eager.match(h)?.id ?? null);
      expect(packed.matchApiHost(h)?.id ?? null).toBe(eager.matchApiHost(h)?.id ?? null);
    }
    expect(packed.match('gist.github.com')?.id).toBe('github');
    expect(packed.match('github.com.evil.io')).toBeNull();
  });

  it('hands out one frozen object per entry', () => {
    const packed = catalogFromPack(text);
    const a = packed.get('github')!;
    expect(packed.match('github.com')).toBe(a);
    expect(packed.services.find((s) => s.id === 'github')).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(a.domains)).toBe(true);
    expect(Object.isFrozen(packed.services)).toBe(true);
  });

  it('parses an entry only when it is asked for: a damaged line breaks only that entry', () => {
    const services: Service[] = [
      { id: 'one', name: 'One', category: 'other', domains: ['one.example'], statusPage: 'https://one.example/status', official: null },
      { id: 'two', name: 'Twö', category: 'other', domains: ['two.example'], statusPage: 'https://two.example/status', official: null },
    ];
    const good = packCatalog(services);
    const lines = good.split('\n');
    // Damage entry "two" without changing its length (offsets stay right).
    lines[2] = lines[2]!.replace('{', '[');
    const packed = catalogFromPack(lines.join('\n'));
    expect(packed.get('one')?.name).toBe('One');
    expect(packed.match('sub.one.example')?.id).toBe('one');
    expect(() => packed.get('two')).toThrow();
    expect(catalogFromPack(good).get('two')?.name).toBe('Twö');
  });

  it('refuses text that is not a packed catalog of this version, or has no services', () => {
    expect(() => catalogFromPack(JSON.stringify({ services: [] }))).toThrow(/not a packed catalog/);
    expect(() => catalogFromPack(text.replace(`"v":${PACK_VERSION}`, `"v":${PACK_VERSION + 1}`))).toThrow(/not a packed catalog/);
    expect(() => catalogFromPack(packCatalog([]))).toThrow(/no services/);
    expect(() => catalogFromPack('')).toThrow();
  });
});
