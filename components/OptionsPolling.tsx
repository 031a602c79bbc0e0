/** Options: how often watched services are checked, and what that costs. */
import { useEffect, useState } from 'preact/hooks';
import { t } from '@/core/i18n';
import { MAX_POLL_MIN, MIN_POLL_MIN, type Settings } from '@/core/settings';
import type { Update } from './Options';
import { Field } from './fields';

export function PollingSection({ settings, update }: { settings: Settings; update: Update }) {
  const [text, setText] = useState(String(settings.pollIntervalMin));
  const [invalid, setInvalid] = useState(false);
  // Follow outside changes (an import) unless the person is mid-edit with an invalid value.
  useEffect(() => {
    if (!invalid) setText(String(settings.pollIntervalMin));
  }, [settings.pollIntervalMin]);

  const onInput = (value: string) => {
    setText(value);
    const n = Number(value);
    const ok = value.trim() !== '' && Number.isInteger(n) && n >= MIN_POLL_MIN && n <= MAX_POLL_MIN;
    setInvalid(!ok);
    if (ok && n !== settings.pollIntervalMin) update((s) => ({ ...s, pollIntervalMin: n }));
  };

  return (
    <section id="sec-polling" aria-labelledby="sec-polling-h" class="card">
      <h2 id="sec-polling-h">{t('secPolling')}</h2>
      <Field id="poll-interval" label={t('pollLabel')}>
        <input
          id="poll-interval"
          type="number"
          inputMode="numeric"
          min={MIN_POLL_MIN}
          max={MAX_POLL_MIN}
          step={1}
          value={text}
          aria-invalid={invalid}
          aria-describedby={invalid ? 'poll-error poll-cost' : 'poll-cost'}
          onInput={(e) => onInput((e.currentTarget as HTMLInputElement).value)}
        />
        {invalid && (
          <p id="poll-error" class="msg error" role="alert">
            <span class="msg-icon" aria-hidden="true">
              ✗
            </span>
            {t('pollInvalid', [String(MIN_POLL_MIN), String(MAX_POLL_MIN)])}
          </p>
        )}
        <p id="poll-cost" class="hint">
          {t('pollCost')}
        </p>
      </Field>
    </section>
  );
}
