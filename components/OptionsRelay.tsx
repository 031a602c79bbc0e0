/**
 * Options: the relay (off by default) — a shared service, e.g. a team's own, that reads status
 * pages and complaint sources once for everyone (relay/). Setting its URL asks the browser for
 * access to that one origin (an optional host permission, requested in the click). Sharing this
 * browser's failure counts is a separate opt-in, with the exact payload shown.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '@/core/i18n';
import { DEFAULT_RELAY, normaliseRelayUrl, relayOriginPattern, type RelaySettings } from '@/core/relay/settings';
import { loadRelaySettings, saveRelaySettings } from '@/core/storage';
import { REPORT_WINDOW_MS, type RelayReport } from '@/core/relay/wire';
import type { Announce, OptionsDeps } from './Options';
import { CheckRow, Field } from './fields';

/** What one report looks like, field for field (the token shown is an example). */
export function examplePayload(now: number): RelayReport {
  return {
    service: 'github',
    kind: 'page-load',
    bucket: Math.floor(now / REPORT_WINDOW_MS) * REPORT_WINDOW_MS,
    token: 'q3Xb0v9kP2mW7sTzL1aRc8YhN4uE6fJd',
  };
}

export function RelaySection({ deps, announce }: { deps: OptionsDeps; announce: Announce }) {
  const local = browser.storage.local;
  const [relay, setRelay] = useState<RelaySettings>({ ...DEFAULT_RELAY });
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void loadRelaySettings(local).then((r) => {
      setRelay(r);
      setText(r.url);
    });
  }, []);

  const save = async (next: RelaySettings) => {
    setRelay(next);
    await saveRelaySettings(local, next);
    announce(t('saved'));
  };

  const turnOn = () => {
    const url = normaliseRelayUrl(text);
    if (!url) {
      setError(t('relayUrlInvalid'));
      return;
    }
    setError(null);
    // Asked first, inside the click: browsers show the prompt only during a user gesture.
    void deps.requestOrigins([relayOriginPattern(url)]).then(
      (granted) => (granted ? save({ ...relay, enabled: true, url }) : setError(t('relayPermissionDenied'))),
      () => setError(t('relayPermissionDenied')),
    );
  };

  return (
    <section id="sec-relay" aria-labelledby="sec-relay-h" class="card">
      <h2 id="sec-relay-h">{t('secRelay')}</h2>
      <p>{t('relayLead')}</p>
      <Field id="relay-url" label={t('relayUrlLabel')}>
        <input
          id="relay-url"
          type="url"
          placeholder="https://relay.example.org"
          spellcheck={false}
          value={text}
          aria-invalid={error !== null}
          aria-describedby="relay-url-hint"
          onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)}
        />
        <p id="relay-url-hint" class="hint">
          {t('relayUrlHint')}
        </p>
        {error && (
          <p class="msg error" role="alert" data-testid="relay-error">
            {error}
          </p>
        )}
      </Field>
      <p data-testid="relay-state" data-on={relay.enabled ? 'true' : 'false'}>
        {relay.enabled ? t('relayOn', relay.url) : t('relayOff')}
      </p>
      <div class="actions">
        <button type="button" class="btn primary" id="relay-on" onClick={turnOn}>
          {t('relayTurnOn')}
        </button>
        {relay.enabled && (
          <button type="button" class="btn" id="relay-off" onClick={() => void save({ ...relay, enabled: false, share: false })}>
            {t('relayTurnOff')}
          </button>
        )}
      </div>
      <CheckRow
        id="relay-share"
        checked={relay.share}
        disabled={!relay.enabled}
        onCheck={(share) => void save({ ...relay, share })}
        label={t('relayShare')}
        desc={t('relayShareDesc')}
      />
    </section>
  );
}
