/**
 * Which transitions become desktop notifications, and their words. Pure.
 * One notification per transition per episode (the episode remembers what was told), only for
 * watched services, never for muted ones, not in quiet hours, and at most a few per hour. The worker's
 * notifier (core/worker/notifier.ts) keeps the times shown and shows them.
 */
import type { Transition } from './history/episodes';
import { t } from './i18n';
import { describeAcknowledgement } from './history/episodes';
import { DEFAULT_SETTINGS, type Settings } from './settings';

/** The notification part of the settings; core/settings.ts declares it once, with its defaults. */
export type NotificationPrefs = Settings['notifications'];

export const DEFAULT_NOTIFICATION_PREFS: NotificationPrefs = DEFAULT_SETTINGS.notifications;

/** At most this many notifications in any hour, across services (the cap). */
export const MAX_PER_HOUR = 6;
/** The window the cap counts over. */
export const CAP_WINDOW_MS = 3_600_000;

const minutesOf = (hhmm: string): number | null => {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h < 24 && min < 60 ? h * 60 + min : null;
};

/** Is `now` (local time, via the offset the caller gives) inside the quiet hours? Windows may cross midnight. */
export function inQuietHours(prefs: NotificationPrefs, now: number, tzOffsetMin: number): boolean {
  if (!prefs.quietHours.enabled) return false;
  const start = minutesOf(prefs.quietHours.start);
  const end = minutesOf(prefs.quietHours.end);
  if (start === null || end === null || start === end) return false;
  const local = (((Math.floor(now / 60_000) - tzOffsetMin) % 1440) + 1440) % 1440;
  return start < end ? local >= start && local < end : local >= start || local < end;
}

export interface NotifyContext {
  watched: boolean;
  now: number;
  /** Minutes to subtract from UTC for local time, as Date#getTimezoneOffset gives. */
  tzOffsetMin: number;
  /** Times of notifications shown recently (any service). */
  recent: number[];
  /** How bad the provider says it is now (the verdict's severity), for the minimum severity. */
  severity?: 'minor' | 'major' | null;
  /** When the transition's episode started, for "snooze until resolved". */
  episodeStartedAt?: number;
}

/**
 * A snooze in force for this transition: a timed one until it ends; "until resolved" for the
 * trouble that was open when it was set (its resolution is still told — that is what was awaited).
 */
export function snoozed(t: Transition, prefs: NotificationPrefs, ctx: NotifyContext): boolean {
  const s = prefs.snoozed[t.serviceId];
  if (!s) return false;
  if (s.until !== null) return ctx.now < s.until;
  return t.kind !== 'resolved' && ctx.episodeStartedAt !== undefined && ctx.episodeStartedAt <= s.since;
}

export function shouldNotify(t: Transition, prefs: NotificationPrefs, ctx: NotifyContext): boolean {
  if (!prefs.enabled || !ctx.watched || prefs.muted.includes(t.serviceId)) return false;
  // "Fix applied, monitoring" follows an acknowledgement: it is told when acknowledgements are.
  if (!prefs[t.kind === 'monitoring' ? 'acknowledged' : t.kind]) return false;
  if (snoozed(t, prefs, ctx)) return false;
  if (prefs.minSeverity === 'major' && (t.kind === 'acknowledged' || t.kind === 'monitoring') && ctx.severity !== 'major') return false;
  if (inQuietHours(prefs, ctx.now, ctx.tzOffsetMin)) return false;
  return ctx.recent.filter((at) => ctx.now - at < CAP_WINDOW_MS).length < MAX_PER_HOUR;
}

export interface NotificationText {
  title: string;
  message: string;
}

export function notificationText(name: string, tr: Transition, detail: string): NotificationText {
  switch (tr.kind) {
    case 'unacknowledged':
      return { title: t('notifyUnackTitle', name), message: detail || t('notifyUnackMessage', name) };
    case 'acknowledged':
      return { title: t('notifyAckTitle', name), message: [describeAcknowledgement(name, tr), detail].filter(Boolean).join(' ') };
    case 'monitoring':
      return { title: t('notifyMonitoringTitle', name), message: t('notifyMonitoringMessage', name) };
    case 'resolved':
      return { title: t('notifyResolvedTitle', name), message: detail || t('notifyResolvedMessage', name) };
  }
}

/** "Tell me when it's back" (core/backwatch.ts): the provider says it is over. */
export function backText(name: string): NotificationText {
  return { title: t('notifyBackTitle', name), message: t('notifyBackMessage', name) };
}

/** "Tell me when it's back": a retry of the site this browser failed to reach answered. */
export function backRetryText(name: string, host: string): NotificationText {
  return { title: t('notifyBackRetryTitle', name), message: t('notifyBackRetryMessage', host) };
}
