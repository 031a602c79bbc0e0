/** Options: export settings as JSON (copy or download) and import them back. Credentials are never part of it. */
import { useRef, useState } from 'preact/hooks';
import type { Service } from '@/core/catalog/catalog';
import { t } from '@/core/i18n';
import type { Settings } from '@/core/settings';
import { exportSettings, importSettings } from '@/core/settings-io';
import type { Announce, OptionsDeps } from './Options';
import { Field } from './fields';

/** Origins of custom feeds that the manifest does not already grant. */
function originsToAsk(s: Settings, catalog: readonly Service[]): string[] {
  const granted = new Set(catalog.flatMap((c) => (c.official ? [new URL(c.official.url).origin] : [])));
  return [...new Set(s.custom.map((c) => new URL(c.official.url).origin))].filter((o) => !granted.has(o)).map((o) => `${o}/*`);
}

export function TransferSection({
  settings,
  deps,
  replace,
  announce,
}: {
  settings: Settings;
  deps: OptionsDeps;
  replace: (s: Settings, message: string) => void;
  announce: Announce;
}) {
  const [pasted, setPasted] = useState('');
  const [error, setError] = useState('');
  const [note, setNote] = useState('');
  const exportArea = useRef<HTMLTextAreaElement>(null);
  const importArea = useRef<HTMLTextAreaElement>(null);
  const json = exportSettings(settings);

  const copy = async () => {
    try {
      await deps.copy(json);
      announce(t('copied'));
    } catch {
      exportArea.current?.focus();
      exportArea.current?.select();
      announce(t('copyFailed'));
    }
  };

  const download = () => {
    const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'acknowledged-settings.json';
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const onImport = (e: Event) => {
    e.preventDefault();
    setNote('');
    if (pasted.trim() === '') {
      setError(t('importEmpty'));
      importArea.current?.focus();
      return;
    }
    const result = importSettings(pasted);
    if (!result.ok) {
      setError(result.problem.message);
      importArea.current?.focus();
      return;
    }
    setError('');
    const next = result.value;
    const origins = originsToAsk(next, deps.catalog);
    // Asked inside the click handler (user gesture); already granted origins resolve at once.
    const access = origins.length > 0 ? deps.requestOrigins(origins).catch(() => false) : Promise.resolve(true);
    const summary = t('importDone', [String(next.watched.length), String(next.custom.length)]);
    replace(next, summary);
    setPasted('');
    setNote(summary);
    void access.then((granted) => {
      if (!granted) setNote(`${summary} ${t('importNoAccess')}`);
    });
  };

  return (
    <section id="sec-transfer" aria-labelledby="sec-transfer-h" class="card">
      <h2 id="sec-transfer-h">{t('secTransfer')}</h2>
      <p class="muted">{t('transferIntro')}</p>
      <Field id="export-json" label={t('exportLabel')}>
        <textarea id="export-json" ref={exportArea} readOnly rows={8} spellcheck={false} value={json} data-testid="export-json" />
      </Field>
      <div class="actions">
        <button type="button" class="btn" onClick={() => void copy()}>
          {t('copy')}
        </button>
        <button type="button" class="btn" onClick={download}>
          {t('download')}
        </button>
      </div>

      <form noValidate onSubmit={onImport} class="import">
        <Field id="import-json" label={t('importLabel')}>
          <textarea
            id="import-json"
            ref={importArea}
            rows={6}
            spellcheck={false}
            value={pasted}
            aria-invalid={error !== ''}
            aria-describedby={error ? 'import-hint import-error' : 'import-hint'}
            onInput={(e) => setPasted((e.currentTarget as HTMLTextAreaElement).value)}
          />
          <p id="import-hint" class="hint">
            {t('importHint')}
          </p>
        </Field>
        <div class="actions">
          <button type="submit" class="btn primary">
            {t('import')}
          </button>
        </div>
        {error && (
          <p id="import-error" class="msg error" role="alert" data-testid="import-error">
            <span class="msg-icon" aria-hidden="true">
              ✗
            </span>
            {error}
          </p>
        )}
        <p class={note ? 'msg note' : 'msg-empty'} role="status" data-testid="import-note">
          {note && (
            <>
              <span class="msg-icon" aria-hidden="true">
                ✓
              </span>
              {note}
            </>
          )}
        </p>
      </form>
    </section>
  );
}
