/**
 * The catalog's imported entries are reproducible: running scripts/catalog-import.ts on the list
 * copies in data/catalog-sources/ gives exactly the committed category files (so nobody edited an
 * imported entry by hand, and the import is deterministic), and its evidence rules hold.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IMPORT_MARK, runImport } from '../../scripts/catalog-import';
import { SERVICES_DIR } from '../../scripts/catalog/files';
import { SERVICES } from '../../core/catalog/bundled';
import { READ_MODE } from '../../core/net/access';

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
      if (e.official) expect(source, e.id).toMatch(/platform/);
      else expect(String(e.note ?? ''), e.id).toMatch(/not confirmed|cannot read|host permission/);
    }
  });

  it('reads only feeds that need no new host permission (CORS kinds, or a host the release already has)', () => {
    const released = JSON.parse(readFileSync(new URL('../../release/manifest-permissions.json', import.meta.url), 'utf8')) as {
      host_permissions: string[];
    };
    for (const e of imported) {
      const o = e.official as { kind: keyof typeof READ_MODE; url: string } | null;
      if (o && READ_MODE[o.kind] === 'host') expect(released.host_permissions, e.id).toContain(`${new URL(o.url).origin}/*`);
    }
  });
});
