/**
 * Words and colours for a verdict: the badge (text, colour, title) and the popup headline.
 * Pure (the words come from public/_locales through `t()`); shared by the background (badge) and
 * the popup so they can never disagree.
 */
import { t, type MessageKey } from './i18n';
import type { Verdict } from './model';
import { agoWords, type VerdictResult } from './verdict';

export interface BadgeSpec {
  text: string;
  color: string;
  title: string;
}

/** Badge text per PRODUCT.md. Colour is never the only carrier of meaning: text and title say it too. */
export const BADGE_TEXT: Record<Verdict, string> = {
  ok: '',
  acknowledged: '!',
  unacknowledged: '?',
  maintenance: 'M',
  resolved: '✓',
  unknown: '…',
};

export const BADGE_COLOR = {
  acknowledgedMinor: '#B45309',
  acknowledgedMajor: '#C62828',
  unacknowledged: '#6D28D9',
  maintenance: '#1D4ED8',
  resolved: '#15803D',
  unknown: '#5F6368',
  ok: '#5F6368',
} as const;

export function badgeColor(v: VerdictResult): string {
  switch (v.verdict) {
    case 'acknowledged':
      return v.severity === 'major' ? BADGE_COLOR.acknowledgedMajor : BADGE_COLOR.acknowledgedMinor;
    case 'unacknowledged':
      return BADGE_COLOR.unacknowledged;
    case 'maintenance':
      return BADGE_COLOR.maintenance;
    case 'resolved':
      return BADGE_COLOR.resolved;
    case 'unknown':
      return BADGE_COLOR.unknown;
    case 'ok':
      return BADGE_COLOR.ok;
  }
}

const VERDICT_WORD: Record<Verdict, MessageKey> = {
  ok: 'verdictOk',
  acknowledged: 'verdictAcknowledged',
  unacknowledged: 'verdictUnacknowledged',
  maintenance: 'verdictMaintenance',
  resolved: 'verdictResolved',
  unknown: 'verdictUnknown',
};

/** The verdict's name for people ("acknowledged" in English); the machine value stays `v`. */
export function verdictWord(v: Verdict): string {
  return t(VERDICT_WORD[v]);
}

/** "4 min ago", "just now", "2 h ago". */
export function relativeTime(thenMs: number, now: number): string {
  if (!Number.isFinite(thenMs)) return t('timeUnknown');
  const diff = now - thenMs;
  if (diff < -60_000) return t('timeIn', agoWords(-diff));
  if (diff < 45_000) return t('timeJustNow');
  return t('timeAgo', agoWords(diff));
}

export interface Freshness {
  /** Epoch ms of the provider's latest update about the verdict's incident, if any. */
  updatedAt: number | null;
  /** Epoch ms of our last successful check. */
  checkedAt: number | null;
}

/** "GitHub — acknowledged: Partial outage, updated 4 min ago". */
export function badgeTitle(name: string, v: VerdictResult, f: Freshness, now: number): string {
  let fresh: string;
  if (f.updatedAt !== null && (v.verdict === 'acknowledged' || v.verdict === 'maintenance')) {
    fresh = t('badgeUpdated', relativeTime(f.updatedAt, now));
  } else if (f.checkedAt !== null) {
    fresh = t(v.verdict === 'unknown' ? 'badgeLastGood' : 'checkedWhen', relativeTime(f.checkedAt, now));
  } else {
    fresh = t('notCheckedYetLower');
  }
  return t('badgeTitle', [name, verdictWord(v.verdict), v.reason, fresh]);
}

export function badgeSpec(name: string, v: VerdictResult, f: Freshness, now: number): BadgeSpec {
  return { text: BADGE_TEXT[v.verdict], color: badgeColor(v), title: badgeTitle(name, v, f, now) };
}

/** The popup's headline, in plain words. */
export function headline(name: string, v: VerdictResult): string {
  switch (v.verdict) {
    case 'ok':
      return t('headlineOk', name);
    case 'acknowledged':
      return t(v.monitoring ? 'headlineMonitoring' : 'headlineAcknowledged', name);
    case 'unacknowledged':
      return t(v.problem?.code === 'no_official' ? 'headlineSilentNoOfficial' : 'headlineSilent', name);
    case 'maintenance':
      return t('headlineMaintenance', name);
    case 'resolved':
      return t('headlineResolved', name);
    case 'unknown':
      if (v.problem?.code === 'no_official') return t('headlineNoOfficial', name);
      if (v.problem === null) return t('headlineChecking', name);
      return t('headlineUnknown', name);
  }
}

/** The badge on a site no catalogued service owns: how many watched services are in trouble, or nothing. */
export function watchedTroubleBadge(rows: { name: string; result: VerdictResult }[], defaultTitle: string): BadgeSpec {
  const trouble = rows.filter((r) => r.result.verdict === 'acknowledged' || r.result.verdict === 'unacknowledged');
  if (trouble.length === 0) return { text: '', color: BADGE_COLOR.ok, title: defaultTitle };
  const anySilent = trouble.some((r) => r.result.verdict === 'unacknowledged');
  const list = trouble.map((r) => `${r.name} (${verdictWord(r.result.verdict)})`).join(', ');
  return {
    text: String(trouble.length),
    color: anySilent ? BADGE_COLOR.unacknowledged : BADGE_COLOR.acknowledgedMinor,
    title: t(trouble.length === 1 ? 'watchedTroubleOne' : 'watchedTroubleOther', [trouble.length, list]),
  };
}
