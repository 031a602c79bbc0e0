/**
 * First run: what Acknowledged does, what leaves the device, and — where the browser did not grant
 * them at install (Firefox MV3) — a button to allow reading the status feeds. Without that
 * permission the extension says so (verdict `unknown`, "needs permission"), never fails silently.
 */
import { t } from '@/core/i18n';
import { verdictWord } from '@/core/present';
import { rich } from './slots';

/** The page title (for `document.title`). */
export function welcomeTitle(): string {
  return t('welcomeTitle');
}

/** The status after asking for the permission: granted, or refused. */
export function allowStatus(granted: boolean): string {
  return granted ? t('welcomeAllowed') : t('welcomeDenied');
}

const VERDICTS = ['ok', 'acknowledged', 'unacknowledged', 'maintenance', 'resolved', 'unknown'] as const;

export interface WelcomeProps {
  granted: boolean | null;
  onAllow(): void;
  onOptions(): void;
  message: string | null;
}

export function Welcome({ granted, onAllow, onOptions, message }: WelcomeProps) {
  return (
    <main class="welcome" data-granted={granted === null ? 'checking' : String(granted)}>
      <h1>Acknowledged</h1>
      <p class="lede">
        {rich(
          'welcomeLede',
          VERDICTS.map((v) => <strong>{verdictWord(v)}</strong>),
        )}
      </p>
      <section aria-labelledby="perm-h">
        <h2 id="perm-h">{t('welcomePermHeading')}</h2>
        {granted === null ? <p>{t('checking')}</p> : null}
        {granted === true ? <p data-testid="perm-ok">{t('welcomePermOk')}</p> : null}
        {granted === false ? (
          <>
            <p data-testid="perm-missing">{rich('welcomePermMissing', [<strong>{verdictWord('unknown')}</strong>, verdictWord('ok')])}</p>
            <button type="button" class="primary" onClick={onAllow}>
              {t('welcomeAllow')}
            </button>
          </>
        ) : null}
        {message ? (
          <p role="status" class="status">
            {message}
          </p>
        ) : null}
      </section>
      <section aria-labelledby="privacy-h">
        <h2 id="privacy-h">{t('welcomePrivacyHeading')}</h2>
        <ul>
          <li>{t('welcomePrivacyRequests')}</li>
          <li>{t('welcomePrivacyNever')}</li>
          <li>{t('welcomePrivacyCredentials')}</li>
        </ul>
      </section>
      <p>
        <button type="button" onClick={onOptions}>
          {t('welcomeChoose')}
        </button>
      </p>
    </main>
  );
}
