/**
 * The options page: watched services, custom status pages, complaint sources, notifications,
 * polling, what leaves the device, export/import. Every change is saved at once (storage.local)
 * and announced quietly ("Saved", aria-live polite).
 *
 * Everything that touches the browser comes in through `deps` (entrypoints/options/main.tsx wires
 * the real APIs), so this file is plain Preact. Every visible string comes from `_locales` via `t`.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Service } from '@/core/catalog/catalog';
import type { DetectedFeed } from '@/core/official/detect';
import type { Result } from '@/core/model';
import { t } from '@/core/i18n';
import type { Credentials } from '@/core/credentials';
import type { KeyedSource, Settings } from '@/core/settings';
import { CustomSection } from './OptionsCustom';
import { NotificationsSection } from './OptionsNotifications';
import { SourcesSection } from './OptionsSources';
import { TransferSection } from './OptionsTransfer';
import { WatchedSection } from './OptionsWatched';
import { PollingSection } from './OptionsPolling';
import { PrivacySection } from './OptionsPrivacy';
import { RequestsSection } from './OptionsRequests';
import { RelaySection } from './OptionsRelay';

export interface OptionsDeps {
  /** The catalog (SERVICES). */
  catalog: readonly Service[];
  saveSettings(s: Settings): Promise<void>;
  saveCredentials(c: Credentials): Promise<void>;
  /**
   * Ask for host access to origins (`https://host/*`). Call it synchronously from a click or submit
   * handler, before any other await: browsers only show the prompt during a user gesture.
   */
  requestOrigins(origins: string[]): Promise<boolean>;
  /** Give host access back (best effort; origins the manifest requires cannot be removed). */
  removeOrigins(origins: string[]): Promise<void>;
  /** Services whose request hosts the extension holds, and how (components/OptionsRequests.tsx). */
  requestGrants(): Promise<ReadonlyMap<string, 'runtime' | 'manifest'>>;
  /** "Watch requests of …": ask for the service's hosts. Call it synchronously from the click. */
  allowRequests(s: Service): Promise<boolean>;
  /** Give a service's hosts back. */
  stopRequests(s: Service): Promise<void>;
  /** Find the machine-readable feed behind a status page (core/official/detect.ts). */
  detect(pageUrl: string): Promise<Result<DetectedFeed>>;
  /** Ask the service worker to try a keyed complaint source with the stored credentials; resolves to its answer. */
  testSource(source: KeyedSource): Promise<unknown>;
  copy(text: string): Promise<void>;
}

export interface OptionsProps {
  initial: Settings;
  initialCredentials: Credentials;
  deps: OptionsDeps;
}

export type Update = (change: (s: Settings) => Settings) => void;
export type Announce = (text: string) => void;

const SECTIONS = [
  ['sec-watched', 'secWatched'],
  ['sec-custom', 'secCustom'],
  ['sec-sources', 'secSources'],
  ['sec-requests', 'secRequests'],
  ['sec-notifications', 'secNotifications'],
  ['sec-polling', 'secPolling'],
  ['sec-relay', 'secRelay'],
  ['sec-privacy', 'secPrivacy'],
  ['sec-transfer', 'secTransfer'],
] as const;

export function Options({ initial, initialCredentials, deps }: OptionsProps) {
  const [settings, setSettings] = useState<Settings>(initial);
  const [credentials, setCredentials] = useState<Credentials>(initialCredentials);
  const [status, setStatus] = useState('');
  const [statusError, setStatusError] = useState(false);
  const latest = useRef(settings);
  const clearTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const showTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const writes = useRef<Promise<void>>(Promise.resolve());

  const announce = useCallback<Announce>((text) => {
    clearTimeout(clearTimer.current);
    clearTimeout(showTimer.current);
    setStatusError(false);
    // Empty first, so the live region notices a repeated "Saved"; a burst of saves (typing in a
    // field) is announced once, when it pauses.
    setStatus('');
    showTimer.current = setTimeout(() => setStatus(text), 400);
    clearTimer.current = setTimeout(() => setStatus(''), 4400);
  }, []);

  const fail = useCallback((e: unknown) => {
    clearTimeout(clearTimer.current);
    clearTimeout(showTimer.current);
    setStatusError(true);
    setStatus(t('saveFailed', e instanceof Error ? e.message : String(e)));
  }, []);

  /** Persist in order (a slow write must not land after a newer one). */
  const persist = useCallback(
    (save: () => Promise<void>, done = t('saved')) => {
      writes.current = writes.current.then(save).then(
        () => announce(done),
        (e: unknown) => fail(e),
      );
    },
    [announce, fail],
  );

  const update = useCallback<Update>(
    (change) => {
      const next = change(latest.current);
      latest.current = next;
      setSettings(next);
      persist(() => deps.saveSettings(next));
    },
    [deps, persist],
  );

  /** Replace everything (import): saved like any change, announced with its own words. */
  const replace = useCallback(
    (next: Settings, message: string) => {
      latest.current = next;
      setSettings(next);
      persist(() => deps.saveSettings(next), message);
    },
    [deps, persist],
  );

  const updateCredentials = useCallback(
    (next: Credentials) => {
      setCredentials(next);
      persist(() => deps.saveCredentials(next));
    },
    [deps, persist],
  );

  useEffect(
    () => () => {
      clearTimeout(clearTimer.current);
      clearTimeout(showTimer.current);
    },
    [],
  );

  return (
    <div class="options">
      <header class="page-head">
        <img src="/icons/48.png" width={40} height={40} alt="" />
        <div>
          <h1>{t('optionsTitle')}</h1>
          <p class="muted">{t('optionsIntro')}</p>
        </div>
      </header>
      <nav aria-label={t('navLabel')} class="toc">
        <ul>
          {SECTIONS.map(([id, key]) => (
            <li key={id}>
              <a href={`#${id}`}>{t(key)}</a>
            </li>
          ))}
        </ul>
      </nav>
      <main>
        <WatchedSection settings={settings} catalog={deps.catalog} update={update} requestOrigins={deps.requestOrigins} />
        <CustomSection settings={settings} deps={deps} update={update} announce={announce} />
        <SourcesSection settings={settings} credentials={credentials} deps={deps} update={update} setCredentials={updateCredentials} />
        <RequestsSection settings={settings} deps={deps} update={update} />
        <NotificationsSection settings={settings} catalog={deps.catalog} update={update} />
        <PollingSection settings={settings} update={update} />
        <RelaySection deps={deps} announce={announce} />
        <PrivacySection />
        <TransferSection settings={settings} deps={deps} replace={replace} announce={announce} />
      </main>
      <p
        class={`save-status${status ? ' shown' : ''}${statusError ? ' error' : ''}`}
        role="status"
        aria-live="polite"
        data-testid="save-status"
      >
        {status}
      </p>
    </div>
  );
}
