/**
 * Words and colours for a verdict: the badge (text, colour, title) and the popup headline.
 * Pure; shared by the background (badge) and the popup so they can never disagree.
 */
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

/** "4 min ago", "just now", "2 h ago". */
export function relativeTime(thenMs: number, now: number): string {
  if (!Number.isFinite(thenMs)) return 'at an unknown time';
  const diff = now - thenMs;
  if (diff < -60_000) return `in ${agoWords(-diff)}`;
  if (diff < 45_000) return 'just now';
  return `${agoWords(diff)} ago`;
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
    fresh = `updated ${relativeTime(f.updatedAt, now)}`;
  } else if (f.checkedAt !== null) {
    fresh = v.verdict === 'unknown' ? `last good data ${relativeTime(f.checkedAt, now)}` : `checked ${relativeTime(f.checkedAt, now)}`;
  } else {
    fresh = 'not checked yet';
  }
  return `${name} — ${v.verdict}: ${v.reason}, ${fresh}`;
}

export function badgeSpec(name: string, v: VerdictResult, f: Freshness, now: number): BadgeSpec {
  return { text: BADGE_TEXT[v.verdict], color: badgeColor(v), title: badgeTitle(name, v, f, now) };
}

/** The popup's headline, in plain words. */
export function headline(name: string, v: VerdictResult): string {
  switch (v.verdict) {
    case 'ok':
      return `${name} reports no problems`;
    case 'acknowledged':
      return `${name} has acknowledged a problem`;
    case 'unacknowledged':
      return v.problem?.code === 'no_official'
        ? `Problems with ${name}; the provider has said nothing (no official status page)`
        : `Problems with ${name}; the provider has said nothing`;
    case 'maintenance':
      return `${name} is under scheduled maintenance`;
    case 'resolved':
      return `${name} resolved a problem recently`;
    case 'unknown':
      if (v.problem?.code === 'no_official') return `${name} publishes no official status page`;
      if (v.problem === null) return `Checking ${name}…`;
      return `Can't tell whether ${name} is working`;
  }
}

/** The badge on a site no catalogued service owns: how many watched services are in trouble, or nothing. */
export function watchedTroubleBadge(rows: { name: string; result: VerdictResult }[], defaultTitle: string): BadgeSpec {
  const trouble = rows.filter((r) => r.result.verdict === 'acknowledged' || r.result.verdict === 'unacknowledged');
  if (trouble.length === 0) return { text: '', color: BADGE_COLOR.ok, title: defaultTitle };
  const anySilent = trouble.some((r) => r.result.verdict === 'unacknowledged');
  const list = trouble.map((r) => `${r.name} (${r.result.verdict})`).join(', ');
  return {
    text: String(trouble.length),
    color: anySilent ? BADGE_COLOR.unacknowledged : BADGE_COLOR.acknowledgedMinor,
    title: `${trouble.length} watched ${trouble.length === 1 ? 'service' : 'services'} in trouble: ${list}`,
  };
}
