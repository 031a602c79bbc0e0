/** Options: desktop notifications — on/off, which transitions, quiet hours, muted services. */
import type { Service } from '@/core/catalog/catalog';
import { t, type MessageKey } from '@/core/i18n';
import { TIME_PATTERN, type Settings } from '@/core/settings';
import type { Update } from './Options';
import { nameOf } from './name-of';
import { MinSeverity, SnoozeSelect } from './OptionsSnooze';

type Notif = Settings['notifications'];
type Transition = 'unacknowledged' | 'acknowledged' | 'resolved';

const TRANSITIONS: [Transition, MessageKey][] = [
  ['unacknowledged', 'notifyUnacknowledged'],
  ['acknowledged', 'notifyAcknowledged'],
  ['resolved', 'notifyResolved'],
];

export function NotificationsSection({ settings, catalog, update }: { settings: Settings; catalog: readonly Service[]; update: Update }) {
  const n = settings.notifications;
  const set = (change: (n: Notif) => Notif) => update((s) => ({ ...s, notifications: change(s.notifications) }));
  // Watched services, then anything muted that is no longer watched (so it can be unmuted).
  const mutable = [...new Set([...settings.watched, ...n.muted])];

  return (
    <section id="sec-notifications" aria-labelledby="sec-notifications-h" class="card">
      <h2 id="sec-notifications-h">{t('secNotifications')}</h2>
      <div class="check-row">
        <input
          type="checkbox"
          id="notify-enabled"
          checked={n.enabled}
          aria-describedby="notify-enabled-desc"
          onChange={(e) => {
            const on = (e.currentTarget as HTMLInputElement).checked;
            set((x) => ({ ...x, enabled: on }));
          }}
        />
        <div>
          <label for="notify-enabled" class="check-label">
            {t('notifyEnabled')}
          </label>
          <p id="notify-enabled-desc" class="hint">
            {t('notifyEnabledDesc')}
          </p>
        </div>
      </div>

      <fieldset class="group" disabled={!n.enabled}>
        <legend>{t('notifyWhen')}</legend>
        {TRANSITIONS.map(([key, label]) => (
          <div class="check-row" key={key}>
            <input
              type="checkbox"
              id={`notify-${key}`}
              checked={n[key]}
              onChange={(e) => {
                const on = (e.currentTarget as HTMLInputElement).checked;
                set((x) => ({ ...x, [key]: on }));
              }}
            />
            <label for={`notify-${key}`}>{t(label)}</label>
          </div>
        ))}
        {/* Beside the transitions it narrows: only acknowledgements have a severity to compare. */}
        <MinSeverity n={n} set={set} />
      </fieldset>

      <fieldset class="group" disabled={!n.enabled}>
        <legend>{t('quietHours')}</legend>
        <div class="check-row">
          <input
            type="checkbox"
            id="quiet-enabled"
            checked={n.quietHours.enabled}
            aria-describedby="quiet-desc"
            onChange={(e) => {
              const on = (e.currentTarget as HTMLInputElement).checked;
              set((x) => ({ ...x, quietHours: { ...x.quietHours, enabled: on } }));
            }}
          />
          <div>
            <label for="quiet-enabled">{t('quietEnabled')}</label>
            <p id="quiet-desc" class="hint">
              {t('quietDesc')}
            </p>
          </div>
        </div>
        <div class="inline-fields">
          {(['start', 'end'] as const).map((which) => (
            <div class="field" key={which}>
              <label for={`quiet-${which}`}>{t(which === 'start' ? 'quietFrom' : 'quietUntil')}</label>
              <input
                id={`quiet-${which}`}
                type="time"
                required
                disabled={!n.quietHours.enabled}
                value={n.quietHours[which]}
                onChange={(e) => {
                  const v = (e.currentTarget as HTMLInputElement).value;
                  // A cleared or partial time is not saved; the last valid one stays.
                  if (TIME_PATTERN.test(v)) set((x) => ({ ...x, quietHours: { ...x.quietHours, [which]: v } }));
                }}
              />
            </div>
          ))}
        </div>
      </fieldset>

      <fieldset class="group" disabled={!n.enabled}>
        <legend>{t('mutedHeading')}</legend>
        {mutable.length === 0 ? (
          <p class="hint">{t('mutedEmpty')}</p>
        ) : (
          <ul class="plain-list">
            {mutable.map((id) => {
              const name = nameOf(id, catalog, settings);
              return (
                <li class="check-row mute-row" key={id}>
                  <input
                    type="checkbox"
                    id={`mute-${id}`}
                    checked={n.muted.includes(id)}
                    onChange={(e) => {
                      const on = (e.currentTarget as HTMLInputElement).checked;
                      set((x) => ({ ...x, muted: on ? [...new Set([...x.muted, id])] : x.muted.filter((m) => m !== id) }));
                    }}
                  />
                  <label for={`mute-${id}`}>{t('muteNamed', name)}</label>
                  <SnoozeSelect id={id} name={name} n={n} set={set} />
                </li>
              );
            })}
          </ul>
        )}
      </fieldset>
    </section>
  );
}
