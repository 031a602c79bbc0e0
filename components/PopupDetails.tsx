/**
 * The popup's detail cards, loaded after the verdict is painted (see `loadDetails` in
 * ./Popup.tsx): complaints (./Complaints.tsx), "when will it be back?" (the provider's ETA parsed
 * from update text, or past durations) and the provider's track record. Provider text is rendered as text only.
 */
import type { Episode } from '@/core/history/episodes';
import { etaFor, nextUpdateFor, typicalDuration } from '@/core/history/eta';
import { describeTrackRecord, formatDuration, trackRecord } from '@/core/history/track';
import { t } from '@/core/i18n';
import type { OfficialIncident } from '@/core/model';
import { relativeTime } from '@/core/present';
import { rich } from './slots';

// Re-exported under its own name: WXT auto-imports every export of components/, and two exports
// named `Complaints` made it warn "Duplicated imports".
export { Complaints as ComplaintsCard } from './Complaints';

const clock = (at: number) => new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** "When will it be back?": the provider's ETA, else when they promised to speak next, else past durations. */
export function When({ incident, past, now }: { incident: OfficialIncident | null; past: OfficialIncident[]; now: number }) {
  const eta = incident ? etaFor(incident, now) : null;
  const next = incident ? nextUpdateFor(incident, now) : null;
  const typical = typicalDuration(past);
  if (!eta && !next && !typical) return null;
  return (
    <section class="card" aria-labelledby="when-h">
      <h2 id="when-h">{t('popupWhenHeading')}</h2>
      {eta ? (
        <p data-testid="eta">
          {rich(eta.source === 'maintenance_window' ? 'popupEtaMaintenance' : 'popupEtaProvider', [
            <strong>{clock(eta.at)}</strong>,
            relativeTime(eta.at, now),
          ])}
          {eta.source === 'update_text' ? <span class="muted"> {t('popupEtaQuote', eta.text)}</span> : null}
        </p>
      ) : (
        <p class="muted">{t('popupNoEstimate')}</p>
      )}
      {next ? (
        <p class={next.overdue ? 'overdue' : ''}>{t(next.overdue ? 'popupNextUpdateOverdue' : 'popupNextUpdateBy', clock(next.at))}</p>
      ) : null}
      {typical ? (
        <p class="muted" data-testid="typical">
          {t('popupTypical', [formatDuration(typical.medianMs), typical.count])}
        </p>
      ) : null}
    </section>
  );
}

export function Track({ past, episodes }: { past: OfficialIncident[]; episodes: Episode[] }) {
  const lines = describeTrackRecord(trackRecord(past, episodes));
  return (
    <details class="card track">
      <summary>{t('popupTrackHeading')}</summary>
      <ul class="plain" data-testid="track-record">
        {lines.map((l, i) => (
          <li key={i}>{l}</li>
        ))}
      </ul>
    </details>
  );
}
