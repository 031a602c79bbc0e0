/** Options: a plain statement of what leaves this device. */
import { t } from '@/core/i18n';

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
      </ul>
    </section>
  );
}
