/**
 * The catalog's imported entries are reproducible: running scripts/catalog-import.ts on the list
 * copies in data/third_party/catalog-sources/ gives exactly the committed category files (so nobody edited an
 * imported entry by hand, and the import is deterministic), and its evidence rules hold.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IMPORT_MARK, runImport } from '../../scripts/catalog-import';
import { SERVICES_DIR } from '../../scripts/catalog/files';
import { SERVICES } from '../../core/catalog/bundled';
import { READ_MODE, splitHostPermissions } from '../../core/net/access';
import type { OfficialKind } from '../../core/official/kinds';

const { files, imported } = runImport({ dry: true, quiet: true });

describe('scripts/catalog-import.ts', () => {
  it('reproduces the committed category files byte for byte', () => {
    for (const [file, text] of files) expect(readFileSync(new URL(file, SERVICES_DIR), 'utf8'), file).toBe(text);
  });

  it('brings the catalog past 1,000 services', () => {
    expect(SERVICES.length).toBeGreaterThanOrEqual(1000);
    expect(SERVICES.filter((s) => (s as { source?: string }).source?.startsWith(IMPORT_MARK)).length).toBe(imported.length);
  });

  it('names its lists and how each field was found in every imported entry', () => {
    for (const e of imported) {
      const source = String(e.source);
      expect(source, e.id).toMatch(/metoro-io\/statusphere|inket\/stts|getsentry\/status-page-list/);
      expect(source, e.id).toMatch(/MIT/);
      expect(source, e.id).toMatch(/domains? (from|derived)/);
      if (e.official) expect(source, e.id).toMatch(/platform|RSS\/Atom feed .* from lwindolf\/multi-status/);
      else expect(String(e.note ?? ''), e.id).toMatch(/not confirmed|cannot read|host permission/);
    }
  });

  it("asks for no new install-time host: a host-mode feed the last release lacks is asked for at the person's click, and says so", () => {
    const released = JSON.parse(readFileSync(new URL('../../release/manifest-permissions.json', import.meta.url), 'utf8')) as {
      host_permissions: string[];
    };
    const { install, ask } = splitHostPermissions(
      imported as unknown as { official: { kind: OfficialKind; url: string } | null }[],
      new Set(released.host_permissions),
    );
    expect(install.every((p) => released.host_permissions.includes(p))).toBe(true);
    expect(ask.length).toBeGreaterThan(0); // Better Stack, Sorry and Instatus pages from inket/stts
    for (const e of imported) {
      const o = e.official as { kind: OfficialKind; url: string } | null;
      if (o && READ_MODE[o.kind] === 'host' && !released.host_permissions.includes(`${new URL(o.url).origin}/*`))
        expect(String(e.source), e.id).toMatch(/asked for at the person’s click/);
    }
  });

  it('reads the RSS/Atom feed a public aggregator reads when no list names the platform (lwindolf/multi-status, MIT)', () => {
    const opml = readFileSync(new URL('../../data/third_party/catalog-sources/multi-status/feeds.opml', import.meta.url), 'utf8');
    const rss = imported.filter((e) => (e.official as { kind: string } | null)?.kind === 'rss');
    expect(rss.length).toBeGreaterThan(20);
    for (const e of rss) {
      const url = (e.official as { url: string }).url;
      expect(url.startsWith('https://'), e.id).toBe(true);
      expect(opml, e.id).toContain(url.replace(/^https:/, '')); // the very feed the list names (http or https there)
    }
  });

  it('reads a platform named by inket/stts whenever an adapter exists for it (Better Stack, Sorry by page id)', () => {
    const byUrl = new Map(imported.map((e) => [e.statusPage as string, e]));
    expect((byUrl.get('https://status.plausible.io')?.official as { kind: string } | null)?.kind).toBe('betterstack');
    expect(byUrl.get('https://status.pipedrive.com')?.official).toEqual({
      kind: 'sorry',
      url: 'https://api.sorryapp.com/v1/pages/2754/components',
    });
  });
});
