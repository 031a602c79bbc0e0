/**
 * The provider's own admitted silence: where a feed states when impact began (Google Cloud
 * `begin`, Statuspage `started_at`), the time from then to its first post.
 */
import { formatDuration } from '../core/history/track';
import type { RecordIncident } from './record';

export interface Silence {
  incidents: number;
  /** Incidents whose stated start is at least a minute before the first post. */
  backdated: number;
  /** Minutes, sorted. */
  minutes: number[];
  /** Median of first post − stated start over every incident (0 where none is stated), minutes. */
  medianAll: number;
}

export function silence(record: readonly RecordIncident[]): Silence {
  const minutes = record
    .filter((i) => i.kind === 'incident')
    .map((i) => (i.createdAt - i.beganAt) / 60_000)
    .filter((m) => m >= 1)
    .sort((a, b) => a - b);
  const all = record
    .filter((i) => i.kind === 'incident')
    .map((i) => (i.createdAt - i.beganAt) / 60_000)
    .sort((a, b) => a - b);
  const medianAll = all.length % 2 ? all[all.length >> 1]! : (all[(all.length >> 1) - 1]! + all[all.length >> 1]!) / 2;
  return { incidents: all.length, backdated: minutes.length, minutes, medianAll };
}

const q = (xs: number[], p: number) => (xs.length === 0 ? NaN : xs[Math.min(xs.length - 1, Math.floor(p * xs.length))]!);

export function silenceLines(provider: string, s: Silence): string[] {
  if (s.backdated === 0) return [`- ${provider}: no incident states an impact start before its first post (${s.incidents} incidents).`];
  const m = s.minutes;
  const med = m.length % 2 ? m[m.length >> 1]! : (m[(m.length >> 1) - 1]! + m[m.length >> 1]!) / 2;
  const buckets: [string, number, number][] = [
    ['< 15 min', 0, 15],
    ['15–30 min', 15, 30],
    ['30–60 min', 30, 60],
    ['1–2 h', 60, 120],
    ['2–6 h', 120, 360],
    ['6–24 h', 360, 1440],
    ['≥ 24 h', 1440, Infinity],
  ];
  return [
    `- ${provider}: over all ${s.incidents} incidents, the first post came a median ${formatDuration(s.medianAll * 60_000)} after the start the provider itself states.`,
    `- ${provider}: ${s.backdated} of ${s.incidents} incidents state an impact start before the first post; median ${formatDuration(med * 60_000)} ` +
      `(p25 ${formatDuration(q(m, 0.25) * 60_000)}, p75 ${formatDuration(q(m, 0.75) * 60_000)}, p90 ${formatDuration(q(m, 0.9) * 60_000)}, max ${formatDuration(m[m.length - 1]! * 60_000)})`,
    '',
    '| silence | incidents |',
    '|---|---|',
    ...buckets.map(([label, lo, hi]) => `| ${label} | ${m.filter((x) => x >= lo && x < hi).length} |`),
    '',
  ];
}
