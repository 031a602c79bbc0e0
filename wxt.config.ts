import { readFileSync } from 'node:fs';
import { defineConfig } from 'wxt';
import { readCatalogFiles } from './core/catalog/raw';
import { splitHostPermissions } from './core/net/access';
import type { OfficialKind } from './core/official/kinds';

/**
 * Host permissions are derived from the catalog: the extension may read the official status feeds
 * it knows, and nothing else, without asking. Feeds whose servers allow any origin
 * (core/net/access.ts `READ_MODE`: Statuspage, incident.io) are read as CORS requests and need no
 * host permission. Of the other feeds, only origins the last release already had
 * (release/manifest-permissions.json) are asked for at install; any newer one is asked for at the
 * person's click (`splitHostPermissions`, covered by the optional host permissions below), so
 * catalog growth never asks for anything new at install or update (test/unit/permissions.test.ts).
 * Anything broader (custom status pages, watching a service's requests) is an optional permission
 * asked for when the person turns the feature on.
 */
function feedOrigins(): string[] {
  const catalog = readCatalogFiles() as { services: { official: { kind: OfficialKind; url: string } | null }[] };
  const released = JSON.parse(readFileSync(new URL('./release/manifest-permissions.json', import.meta.url), 'utf8')) as {
    host_permissions: string[];
  };
  const origins = new Set<string>(splitHostPermissions(catalog.services, new Set(released.host_permissions)).install);
  // Complaint sources (core/crowd/): keyless ones are on by default; Bluesky and IsDown are only
  // contacted once the person enters their own credentials.
  for (const host of ['hn.algolia.com', 'mastodon.social', 'fosstodon.org', 'hachyderm.io', 'bsky.social', 'isdown.app']) {
    origins.add(`https://${host}/*`);
  }
  return [...origins].sort();
}

/**
 * Security hardening: Preact can write `dangerouslySetInnerHTML` into the DOM. Acknowledged never
 * uses it — feed text is only ever rendered as text nodes — so the one HTML sink in the bundle is
 * removed at build time: any use of the prop is ignored instead of becoming `innerHTML`. (Also what
 * keeps `web-ext lint` at zero warnings.) The build fails if Preact's code changes shape so the
 * sink can no longer be found, rather than silently shipping it.
 */
function noHtmlSink() {
  const SINK = /\(([a-zA-Z_$][\w$]*)\.innerHTML=([a-zA-Z_$][\w$]*)\.__html\)/;
  return {
    name: 'acknowledged:no-html-sink',
    enforce: 'pre' as const,
    transform(code: string, id: string) {
      if (!/[\\/]preact[\\/]dist[\\/]preact\.(module\.js|mjs)$/.test(id)) return null;
      if (!SINK.test(code)) throw new Error(`no-html-sink: Preact's innerHTML sink not found in ${id}; update the pattern`);
      return { code: code.replace(SINK, '(void 0)'), map: null };
    },
  };
}

export default defineConfig({
  manifestVersion: 3,
  hooks: {
    // The catalog ships as data (catalog.jsonl: a matching index, then one entry per line —
    // core/catalog/packed.ts; read by core/catalog/catalog.ts `loadCatalog`), not inlined into the
    // scripts. It is validated against the zod schema here: an invalid catalog fails the build.
    'build:publicAssets': async (_wxt, files) => {
      const { packagedCatalog } = await import('./core/catalog/bundled');
      const { CATALOG_FILE } = await import('./core/catalog/packed');
      files.push({ relativeDest: CATALOG_FILE, contents: packagedCatalog() });
    },
  },
  // `npm run zip`: the store zips, and for Firefox the sources zip AMO asks for (it rebuilds the
  // extension from it: README "Firefox: store submission"). Only what the build reads goes in —
  // no tests, fixtures, demo, benchmarks or local output.
  zip: {
    excludeSources: [
      'test/**',
      'test-results/**',
      'playwright-report/**',
      'demo/**',
      'demo-output/**',
      'bench/**',
      'bench-output/**',
      'docs/**',
      '.scratch-fuzz/**',
      '.ci/**',
      'playwright.config.ts',
      'vitest.config.ts',
      'vitest.fuzz.config.ts',
    ],
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // webRequest: sees nothing until the person allows a service's hosts ("Watch this site's
    // requests", optional host permissions below); it shows no install or update prompt in Chrome
    // or Firefox, and Chromium does not deliver its events to a running worker when it is granted
    // at runtime. README "Permissions and why".
    permissions: ['alarms', 'webNavigation', 'storage', 'notifications', 'webRequest'],
    host_permissions: feedOrigins(),
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    action: {
      default_title: '__MSG_extName__',
    },
    // Strict: only the extension's own scripts; no plugins, no <base>, no forms posting anywhere, no framing.
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    },
    web_accessible_resources: [],
    icons: { 16: 'icons/16.png', 32: 'icons/32.png', 48: 'icons/48.png', 128: 'icons/128.png' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'acknowledged@acknowledged.invalid',
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : { minimum_chrome_version: '120' }),
  }),
  vite: () => ({
    plugins: [noHtmlSink()],
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    // Every supported browser (Chrome 120+, Firefox 142+) has <link rel=modulepreload>: no polyfill.
    build: { target: 'es2022', modulePreload: { polyfill: false } },
  }),
});
