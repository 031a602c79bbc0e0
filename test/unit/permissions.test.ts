/**
 * Growth never disables an installed extension: Chrome disables an extension on update when the
 * new version asks for an install-time permission or host the installed one did not have, until
 * the person approves. So a build may ask for nothing the last release (release/manifest-
 * permissions.json) did not. Feeds that allow any origin are read as CORS requests and need no
 * host at all (core/net/access.ts), which is what lets the catalog grow without a prompt.
 * The e2e spec test/e2e/cors-feeds.spec.ts checks the same on the built manifest.json.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVICES } from '../../core/catalog/bundled';
import { feedPermissionOf, hostPermissionOrigins, READ_MODE, splitHostPermissions } from '../../core/net/access';
import { OFFICIAL_KINDS } from '../../core/official/kinds';
import config from '../../wxt.config';

type Manifest = { permissions: string[]; host_permissions: string[]; optional_host_permissions: string[] };
const released = JSON.parse(readFileSync(new URL('../../release/manifest-permissions.json', import.meta.url), 'utf8')) as Manifest;
/** Warning-free API permissions added since the release, each with its written reason (release/permission-additions.json). */
const additions = JSON.parse(readFileSync(new URL('../../release/permission-additions.json', import.meta.url), 'utf8')) as {
  additions: Record<string, { why: string; chrome: string; firefox: string }>;
};
const manifestFor = (browser: string) => (config as { manifest: (env: { browser: string }) => Manifest }).manifest({ browser });

/** What this build asks for at install that the last release did not (the prompt a person would see). */
function newInstallTimePermissions(now: Manifest, before: Manifest): string[] {
  const had = new Set([...before.permissions, ...before.host_permissions, ...Object.keys(additions.additions)]);
  return [...now.permissions, ...now.host_permissions].filter((p) => !had.has(p));
}

describe('install-time permissions never grow past the last release', () => {
  it('the Chrome manifest asks for no permission or host the released one did not', () => {
    expect(newInstallTimePermissions(manifestFor('chrome'), released)).toEqual([]);
  });

  it('every warning-free addition says why, and what Chrome and Firefox show for it (nothing)', () => {
    for (const [perm, a] of Object.entries(additions.additions)) {
      expect(manifestFor('chrome').permissions, perm).toContain(perm);
      for (const field of [a.why, a.chrome, a.firefox]) expect(field?.length ?? 0, perm).toBeGreaterThan(40);
      // Host permissions are never "warning-free": they must be in the release or optional.
      expect(perm, perm).not.toMatch(/[:/*]/);
    }
  });

  it('optional permissions are unchanged (they are asked for at use, but a new one would still be a review change)', () => {
    expect(manifestFor('chrome').optional_host_permissions.sort()).toEqual(released.optional_host_permissions.sort());
  });

  it('the comparison does catch a new host and a new API permission', () => {
    const now = manifestFor('chrome');
    const grown = {
      ...now,
      host_permissions: [...now.host_permissions, 'https://status.example.com/*'],
      permissions: [...now.permissions, 'tabs'],
    };
    expect(newInstallTimePermissions(grown, released)).toEqual(['tabs', 'https://status.example.com/*']);
  });

  it('every kind says how it is read; a host-mode feed is an install-time host only if the release had it, else optional (asked at a click)', () => {
    expect(Object.keys(READ_MODE).sort()).toEqual([...OFFICIAL_KINDS].sort());
    const manifest = manifestFor('chrome');
    const hosts = new Set(manifest.host_permissions);
    const releasedHosts = new Set(released.host_permissions);
    const { install, ask } = splitHostPermissions(SERVICES, releasedHosts);
    for (const s of SERVICES) {
      const pattern = feedPermissionOf(s);
      if (s.official && READ_MODE[s.official.kind] === 'cors') expect(pattern, s.id).toBeNull();
      if (pattern === null) continue;
      // Released → granted at install; newer → not in the manifest's install-time hosts, and covered
      // by the optional ones the popup's "Allow reading" button asks for.
      expect(hosts.has(pattern), s.id).toBe(releasedHosts.has(pattern));
      if (!hosts.has(pattern)) expect(manifest.optional_host_permissions, s.id).toContain('https://*/*');
    }
    expect(install.every((p) => hosts.has(p))).toBe(true);
    expect(ask.some((p) => hosts.has(p))).toBe(false);
    // The catalog's CORS-read feeds outnumber the hosts it needs: growth is carried by them.
    const corsFeeds = SERVICES.filter((s) => s.official && READ_MODE[s.official.kind] === 'cors').length;
    expect(corsFeeds).toBeGreaterThan(hostPermissionOrigins(SERVICES).length);
  });

  it('a new host-mode catalog feed changes no install-time permission (it becomes one to ask for)', () => {
    const grown = [...SERVICES, { official: { kind: 'betterstack' as const, url: 'https://status.new-service.example/index.json' } }];
    const { install, ask } = splitHostPermissions(grown, new Set(released.host_permissions));
    expect(install).toEqual(splitHostPermissions(SERVICES, new Set(released.host_permissions)).install);
    expect(ask).toContain('https://status.new-service.example/*');
  });
});
