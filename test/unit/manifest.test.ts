import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVICES } from '../../core/catalog/bundled';
import { HN_ENDPOINT } from '../../core/crowd/hn';
import { DEFAULT_INSTANCES } from '../../core/crowd/mastodon';
import { readModeOf } from '../../core/net/access';
import config from '../../wxt.config';

/** The manifest's host access is exactly: catalog status feed hosts that need one (not CORS-read) + complaint sources. */
describe('manifest host permissions', () => {
  const manifest = (config as { manifest: (env: { browser: string }) => { host_permissions: string[]; permissions: string[] } }).manifest({
    browser: 'chrome',
  });
  it('covers every released host-mode catalog feed origin and every complaint source, and nothing broad', () => {
    const hosts = new Set(manifest.host_permissions);
    const released = new Set(
      (JSON.parse(readFileSync('release/manifest-permissions.json', 'utf8')) as { host_permissions: string[] }).host_permissions,
    );
    const hostMode = SERVICES.filter((s) => s.official && readModeOf(s.official.kind) === 'host');
    // A feed newer than the release is asked for at a click (core/net/access.ts splitHostPermissions).
    for (const s of hostMode)
      expect(hosts.has(`${new URL(s.official!.url).origin}/*`), s.id).toBe(released.has(`${new URL(s.official!.url).origin}/*`));
    // Origins only CORS-read feeds use are not asked for.
    const needed = new Set(hostMode.map((s) => `${new URL(s.official!.url).origin}/*`));
    for (const s of SERVICES) {
      const pattern = s.official ? `${new URL(s.official.url).origin}/*` : null;
      if (pattern && !needed.has(pattern)) expect(hosts.has(pattern), s.id).toBe(false);
    }
    expect(hosts.has(`${new URL(HN_ENDPOINT).origin}/*`)).toBe(true);
    for (const i of DEFAULT_INSTANCES) expect(hosts.has(`https://${i}/*`)).toBe(true);
    expect([...hosts].filter((h) => h.includes('*.') || h === '<all_urls>' || h.startsWith('http://'))).toEqual([]);
  });
  it('asks for no tabs, scripting or history permission; webRequest observes only (no blocking) and needs hosts the person allows', () => {
    expect(manifest.permissions.sort()).toEqual(['alarms', 'notifications', 'storage', 'webNavigation', 'webRequest']);
    expect(manifest.permissions).not.toContain('webRequestBlocking');
    // No service's site hosts at install: those are asked for one service at a time.
    expect(manifest.host_permissions.filter((h) => /primevideo|netflix|github\.com|discord\.com/.test(h))).toEqual([]);
  });
});
