/**
 * Popup: which path answered this service's last refresh — the relay, or the provider directly
 * because the relay failed, was stale or answered in another format (with that reason). Shown
 * only when a relay is set up.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '@/core/i18n';
import { loadRelayPaths, loadRelaySettings, type RelayPath } from '@/core/storage';

export function RelayPathLine({ serviceId, checkedAt }: { serviceId: string; checkedAt: number | null }) {
  const [path, setPath] = useState<RelayPath | null>(null);
  useEffect(() => {
    const local = browser.storage.local;
    void Promise.all([loadRelaySettings(local), loadRelayPaths(local)]).then(([s, paths]) =>
      setPath(s.enabled ? (paths[serviceId] ?? null) : null),
    );
    // Re-read when the data was checked again (a refresh may have taken the other path).
  }, [serviceId, checkedAt]);
  if (!path) return null;
  const host = new URL(path.relay).host;
  return (
    <p class="muted relay-path" data-testid="answered-by" data-via={path.via}>
      {path.via === 'relay' ? t('relayAnswered', host) : t('relayFellBack', [host, path.reason ?? ''])}
    </p>
  );
}
