/** Options: a plain statement of what leaves this device. */
import { t } from '@/core/i18n';
import { examplePayload } from './OptionsRelay';

export function PrivacySection() {
  return (
    <section id="sec-privacy" aria-labelledby="sec-privacy-h" class="card">
      <h2 id="sec-privacy-h">{t('secPrivacy')}</h2>
      <p>{t('privacyLead')}</p>
      <ul class="facts">
        <li>{t('privacyFeeds')}</li>
        <li>{t('privacySources')}</li>
        <li data-testid="privacy-requests">{t('privacyRequests')}</li>
        <li>{t('privacyNever')}</li>
        <li>{t('privacyCredentials')}</li>
        <li>{t('privacyStorage')}</li>
        <li>{t('privacyRelay')}</li>
        <li>
          {t('privacyRelayShare')}
          <pre class="payload" data-testid="relay-payload">
            {JSON.stringify(examplePayload(Date.now()), null, 2)}
          </pre>
        </li>
      </ul>
    </section>
  );
}
