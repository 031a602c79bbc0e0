/**
 * Options: this browser's failed requests as evidence (issue 13). The switch for all observation,
 * the services whose hosts the browser lets us watch (with "Stop"), and the watched services that
 * could be allowed (each asks the browser for exactly that service's hosts).
 */
import { useEffect, useState } from 'preact/hooks';
import type { Service } from '@/core/catalog/catalog';
import { t } from '@/core/i18n';
import type { Settings } from '@/core/settings';
import type { OptionsDeps, Update } from './Options';

/** How the extension holds a service's hosts: granted at runtime (can be withdrawn) or by the manifest. */
export type RequestGrant = 'runtime' | 'manifest';

export function RequestsSection({ settings, deps, update }: { settings: Settings; deps: OptionsDeps; update: Update }) {
  const [grants, setGrants] = useState<ReadonlyMap<string, RequestGrant>>(new Map());
  const reload = () => void deps.requestGrants().then(setGrants);
  useEffect(reload, []);

  const byId = new Map(deps.catalog.map((s) => [s.id, s]));
  const allowed = [...grants].map(([id, how]) => [byId.get(id), how] as const).filter((x): x is [Service, RequestGrant] => !!x[0]);
  const offer = settings.watched.map((id) => byId.get(id)).filter((s): s is Service => !!s && !grants.has(s.id));

  return (
    <section id="sec-requests" aria-labelledby="sec-requests-h" class="card">
      <h2 id="sec-requests-h">{t('secRequests')}</h2>
      <p>{t('requestsIntro')}</p>
      <div class="check">
        <input
          type="checkbox"
          id="requests-enabled"
          checked={settings.watchRequests}
          onChange={(e) => {
            const on = (e.currentTarget as HTMLInputElement).checked;
            update((s) => ({ ...s, watchRequests: on }));
          }}
        />
        <label for="requests-enabled">{t('requestsEnabled')}</label>
      </div>
      <h3>{t('requestsAllowedHeading')}</h3>
      {allowed.length === 0 ? (
        <p class="hint">{t('requestsNone')}</p>
      ) : (
        <ul class="plain" data-testid="requests-allowed">
          {allowed.map(([s, how]) => (
            <li key={s.id}>
              {s.name}{' '}
              {how === 'manifest' ? (
                <span class="hint">{t('requestsFixed')}</span>
              ) : (
                <button type="button" class="linklike" onClick={() => void deps.stopRequests(s).then(reload)}>
                  {t('requestsStopNamed', s.name)}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {offer.length > 0 ? (
        <>
          <h3>{t('requestsOfferHeading')}</h3>
          <ul class="plain">
            {offer.map((s) => (
              <li key={s.id}>
                <button type="button" onClick={() => void deps.allowRequests(s).then(reload)}>
                  {t('requestsAllowNamed', s.name)}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
