/**
 * Options: complaint sources. Keyless ones (Hacker News, Mastodon) are on by default; Bluesky and
 * IsDown need the person's own credentials, which are kept in storage.local under `credentials`
 * (never in settings, never synced, never exported) and never travel in messages: "Test
 * connection" only names the source, the worker reads the stored credentials itself.
 */
import { useState } from 'preact/hooks';
import { t, type MessageKey } from '@/core/i18n';
import type { Credentials } from '@/core/credentials';
import type { KeyedSource, Settings, SourceToggle } from '@/core/settings';
import type { OptionsDeps, Update } from './Options';
import { CheckRow, Field } from './fields';

/** How long "Test connection" waits for the worker before saying it did not answer. */
const TEST_TIMEOUT_MS = 30_000;

type TestState = { state: 'idle' } | { state: 'pending' } | { state: 'done'; ok: boolean | null; text: string };

/** The worker's answer in words: a string, or `{ ok, message }`; anything else means it did not answer. */
export function testAnswerText(answer: unknown): { ok: boolean | null; text: string } {
  if (typeof answer === 'string' && answer.trim() !== '') return { ok: null, text: answer.trim() };
  if (answer && typeof answer === 'object') {
    const o = answer as { ok?: unknown; message?: unknown; text?: unknown };
    const text = typeof o.message === 'string' ? o.message : typeof o.text === 'string' ? o.text : '';
    if (text.trim() !== '') return { ok: typeof o.ok === 'boolean' ? o.ok : null, text: text.trim() };
  }
  return { ok: false, text: t('testNoAnswer') };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

function Toggle({
  id,
  source,
  settings,
  update,
  label,
  desc,
}: {
  id: string;
  source: SourceToggle;
  settings: Settings;
  update: Update;
  label: MessageKey;
  desc: MessageKey;
}) {
  return (
    <CheckRow
      id={id}
      checked={settings.sources[source]}
      onCheck={(on) => update((s) => ({ ...s, sources: { ...s.sources, [source]: on } }))}
      label={t(label)}
      desc={t(desc)}
    />
  );
}

function TestButton({ source, deps, ready }: { source: KeyedSource; deps: OptionsDeps; ready: boolean }) {
  const [test, setTest] = useState<TestState>({ state: 'idle' });
  const run = async () => {
    setTest({ state: 'pending' });
    let answer: unknown;
    try {
      answer = await withTimeout(deps.testSource(source), TEST_TIMEOUT_MS);
    } catch {
      answer = undefined;
    }
    setTest({ state: 'done', ...testAnswerText(answer) });
  };
  const resultId = `test-${source}-result`;
  return (
    <div class="test-row">
      <button type="button" class="btn" onClick={() => void run()} disabled={test.state === 'pending'} aria-describedby={resultId}>
        {test.state === 'pending' ? t('testing') : t('testConnection')}
      </button>
      <p
        id={resultId}
        class={`test-result${test.state === 'done' && test.ok === false ? ' error' : ''}`}
        role="status"
        data-testid={resultId}
      >
        {test.state === 'done' ? test.text : !ready ? t('testNeedsCredentials') : ''}
      </p>
    </div>
  );
}

export function SourcesSection({
  settings,
  credentials,
  deps,
  update,
  setCredentials,
}: {
  settings: Settings;
  credentials: Credentials;
  deps: OptionsDeps;
  update: Update;
  setCredentials: (c: Credentials) => void;
}) {
  const bsky = credentials.bluesky ?? { handle: '', appPassword: '' };
  const isdown = credentials.isdown ?? { apiKey: '' };
  const bskyReady = bsky.handle.trim() !== '' && bsky.appPassword.trim() !== '';
  const isdownReady = isdown.apiKey.trim() !== '';

  return (
    <section id="sec-sources" aria-labelledby="sec-sources-h" class="card">
      <h2 id="sec-sources-h">{t('secSources')}</h2>
      <p class="muted">{t('sourcesIntro')}</p>

      <Toggle id="src-hn" source="hn" settings={settings} update={update} label="sourceHn" desc="sourceHnDesc" />
      <Toggle id="src-mastodon" source="mastodon" settings={settings} update={update} label="sourceMastodon" desc="sourceMastodonDesc" />

      <Toggle id="src-bluesky" source="bluesky" settings={settings} update={update} label="sourceBluesky" desc="sourceBlueskyDesc" />
      {(settings.sources.bluesky || credentials.bluesky) && (
        <fieldset class="creds">
          <legend>{t('blueskyAccount')}</legend>
          {settings.sources.bluesky && !bskyReady && <p class="hint warn">{t('blueskyMissing')}</p>}
          <Field id="bsky-handle" label={t('blueskyHandle')}>
            <input
              id="bsky-handle"
              type="text"
              autocomplete="off"
              spellcheck={false}
              placeholder="name.bsky.social"
              value={bsky.handle}
              onInput={(e) => setCredentials({ ...credentials, bluesky: { ...bsky, handle: (e.currentTarget as HTMLInputElement).value } })}
            />
          </Field>
          <Field id="bsky-password" label={t('blueskyAppPassword')}>
            <input
              id="bsky-password"
              type="password"
              autocomplete="off"
              spellcheck={false}
              placeholder="xxxx-xxxx-xxxx-xxxx"
              aria-describedby="bsky-password-hint"
              value={bsky.appPassword}
              onInput={(e) =>
                setCredentials({ ...credentials, bluesky: { ...bsky, appPassword: (e.currentTarget as HTMLInputElement).value } })
              }
            />
            <p id="bsky-password-hint" class="hint">
              {t('blueskyAppPasswordHint')}
            </p>
          </Field>
          <TestButton source="bluesky" deps={deps} ready={bskyReady} />
        </fieldset>
      )}

      <Toggle id="src-isdown" source="isdown" settings={settings} update={update} label="sourceIsdown" desc="sourceIsdownDesc" />
      {(settings.sources.isdown || credentials.isdown) && (
        <fieldset class="creds">
          <legend>{t('isdownAccount')}</legend>
          {settings.sources.isdown && !isdownReady && <p class="hint warn">{t('isdownMissing')}</p>}
          <Field id="isdown-key" label={t('isdownKey')}>
            <input
              id="isdown-key"
              type="password"
              autocomplete="off"
              spellcheck={false}
              value={isdown.apiKey}
              onInput={(e) => setCredentials({ ...credentials, isdown: { apiKey: (e.currentTarget as HTMLInputElement).value } })}
            />
          </Field>
          <TestButton source="isdown" deps={deps} ready={isdownReady} />
        </fieldset>
      )}
      <p class="hint">{t('credentialsStayLocal')}</p>
    </section>
  );
}
