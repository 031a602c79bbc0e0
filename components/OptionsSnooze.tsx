/**
 * Options: per watched service, a snooze beside the permanent mute (1 hour, until tomorrow, until
 * the current trouble is resolved), and the minimum severity for acknowledgement notifications
 * (issue 17 item 3). The rules live in core/notify.ts (`snoozed`, `shouldNotify`).
 */
import { t } from '@/core/i18n';
import type { Settings, Snooze } from '@/core/settings';

type Notif = Settings['notifications'];
type Choice = '' | '1h' | 'tomorrow' | 'resolved';

/** The snooze a choice means, set now. "Until tomorrow" ends at the next local midnight. */
export function snoozeFor(choice: Choice, now: number): Snooze | null {
  if (choice === '1h') return { until: now + 3_600_000, since: now };
  if (choice === 'tomorrow') {
    const d = new Date(now);
    d.setHours(24, 0, 0, 0);
    return { until: d.getTime(), since: now };
  }
  if (choice === 'resolved') return { until: null, since: now };
  return null;
}

export function SnoozeSelect({ id, name, n, set }: { id: string; name: string; n: Notif; set: (change: (n: Notif) => Notif) => void }) {
  const s = n.snoozed[id];
  const active = s && (s.until === null || s.until > Date.now());
  return (
    <span class="snooze">
      <select
        aria-label={t('snoozeLabel', name)}
        value={active ? (s.until === null ? 'resolved' : 'timed') : ''}
        onChange={(e) => {
          const choice = (e.currentTarget as HTMLSelectElement).value as Choice | 'timed';
          if (choice === 'timed') return;
          const next = snoozeFor(choice, Date.now());
          set((x) => {
            const snoozed = { ...x.snoozed };
            if (next) snoozed[id] = next;
            else delete snoozed[id];
            return { ...x, snoozed };
          });
        }}
      >
        <option value="">{t('snoozeNone')}</option>
        {active && s.until !== null ? <option value="timed">{t('snoozeUntil', new Date(s.until).toLocaleString())}</option> : null}
        <option value="1h">{t('snooze1h')}</option>
        <option value="tomorrow">{t('snoozeTomorrow')}</option>
        <option value="resolved">{t('snoozeResolved')}</option>
      </select>
    </span>
  );
}

export function MinSeverity({ n, set }: { n: Notif; set: (change: (n: Notif) => Notif) => void }) {
  return (
    <div class="field-row">
      <label for="min-severity">{t('minSeverityLabel')}</label>
      <select
        id="min-severity"
        value={n.minSeverity}
        onChange={(e) => {
          const v = (e.currentTarget as HTMLSelectElement).value === 'major' ? 'major' : 'any';
          set((x) => ({ ...x, minSeverity: v }));
        }}
      >
        <option value="any">{t('minSeverityAny')}</option>
        <option value="major">{t('minSeverityMajor')}</option>
      </select>
    </div>
  );
}
