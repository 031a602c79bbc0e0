import { render } from 'preact';
import { loadCatalog } from '@/core/catalog/catalog';
import { Options, type OptionsDeps } from '@/components/Options';
import { pageLang, t } from '@/core/i18n';
import { ask } from '@/core/messages';
import { detectFeed } from '@/core/official/detect';
import type { KeyedSource } from '@/core/settings';
import { loadCredentials, loadSettings, saveCredentials, saveSettings } from '@/core/storage';
import { requestOrigins, requestPermissions } from '@/core/local/observe';
import type { Service } from '@/core/catalog/catalog';
import '@/components/options.css';

// Thin wiring only: the real browser APIs in, the page out. Settings and credentials both live in
// storage.local (credentials under their own key, never sync storage).
const local = browser.storage.local;

const deps: Omit<OptionsDeps, 'catalog'> = {
  saveSettings: (s) => saveSettings(local, s),
  saveCredentials: (c) => saveCredentials(local, c),
  requestOrigins: (origins) => browser.permissions.request({ origins }),
  removeOrigins: async (origins) => {
    await browser.permissions.remove({ origins });
  },
  requestGrants: async () => {
    const [all, catalog] = await Promise.all([browser.permissions.getAll(), loadCatalog()]);
    const grants = new Map<string, 'runtime' | 'manifest'>();
    const held = new Set(all.origins ?? []);
    const fixed = new Set(browser.runtime.getManifest().host_permissions ?? []);
    for (const s of catalog.services) {
      const origins = requestOrigins(s);
      if (origins.every((o) => held.has(o))) grants.set(s.id, origins.every((o) => fixed.has(o)) ? 'manifest' : 'runtime');
    }
    return grants;
  },
  allowRequests: (s: Service) => browser.permissions.request(requestPermissions(s)),
  stopRequests: async (s: Service) => {
    await browser.permissions.remove({ origins: requestOrigins(s) }).catch(() => false);
  },
  // Custom pages may be intranet ones (http, an IP address, a one-word host); the form says the risk.
  detect: (url) => detectFeed(url, { fetch: (input, init) => globalThis.fetch(input, init), now: () => Date.now() }, { intranet: true }),
  testSource: (source: KeyedSource) => ask(browser, 'test-source', { source }),
  copy: (text) => navigator.clipboard.writeText(text),
};

async function main() {
  document.documentElement.lang = pageLang();
  document.title = t('optionsTitle');
  const [settings, credentials, catalog] = await Promise.all([loadSettings(local), loadCredentials(local), loadCatalog()]);
  render(
    <Options initial={settings} initialCredentials={credentials} deps={{ ...deps, catalog: catalog.services }} />,
    document.getElementById('app')!,
  );
}

void main();
