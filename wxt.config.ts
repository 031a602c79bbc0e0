import { readFileSync } from 'node:fs';
import { defineConfig } from 'wxt';

/**
 * Host permissions are derived from the catalog: the extension may read exactly the official
 * status feeds it knows, and nothing else, without asking. Anything broader (custom status pages,
 * HTTP 5xx detection) is an optional permission asked for when the person turns the feature on.
 */
function feedOrigins(): string[] {
  const catalog = JSON.parse(readFileSync(new URL('./core/catalog/services.json', import.meta.url), 'utf8')) as {
    services: { official: { url: string } | null }[];
  };
  const origins = new Set<string>();
  for (const s of catalog.services) {
    if (s.official) origins.add(`${new URL(s.official.url).origin}/*`);
  }
  return [...origins].sort();
}

export default defineConfig({
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['alarms', 'webNavigation', 'storage', 'notifications'],
    host_permissions: feedOrigins(),
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    action: {
      default_title: '__MSG_extName__',
    },
    icons: { 16: 'icons/16.png', 32: 'icons/32.png', 48: 'icons/48.png', 128: 'icons/128.png' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'acknowledged@acknowledged.invalid',
              strict_min_version: '128.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : { minimum_chrome_version: '120' }),
  }),
  vite: () => ({
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: { target: 'es2022' },
  }),
});
