/**
 * The replay against the record: per incident, when our verdict first said so vs the provider's
 * first post; resolution and the return to ok; verdict minutes outside incident windows; update
 * texts; the track record's figures vs the same figures computed straight from the record.
 *
 * Every check yields either agreement or an exception with its reason. Reasons that are
 * properties of the record (not bugs) are named in EXPLAINED.
 */
import type { Verdict } from '../core/model';
import { trackRecord } from '../core/history/track';
import type { RecordIncident } from './record';
import type { ServiceRecord } from '../core/store';
import type { Episode } from '../core/history/episodes';
import { MINUTE, SPEC_RESOLVED_MS, gridAtOrAfter, sameIncident, type ReplayResult, type ServiceTimeline } from './replay';

/** Google's feed: incidents that ended within this long are read (core/official/gcp.ts `recent`). */
const GCP_RECENT_MS = 7 * 24 * 3_600_000;

/** Record properties that make a check inapplicable, in words for the table. */
export const EXPLAINED = {
  overlap: 'another incident of the same service was open (or resolved within the hour) — the verdict speaks for it',
  postedResolved:
    'posted already resolved (a single "Resolved" update, or an end time before the first post): the feed never showed it open, so there is no first word to have (its text reaches the history within one poll)',
  maintenanceOverIncident: 'maintenance in progress while an incident was open — acknowledged outranks maintenance',
  shortOpen: 'open for less than one poll interval (no alarm tick fell between its first post and its end)',
} as const;
export type Reason = keyof typeof EXPLAINED;

export interface IncidentCheck {
  service: string;
  incident: RecordIncident;
  /** First post the verdict should answer (maintenance: the "In progress" post). */
  firstPost: number;
  /** First tick at which the verdict said acknowledged/maintenance with this incident open. */
  ourFirst: number | null;
  lagMs: number | null;
  firstOk: boolean;
  resolvedOk: boolean;
  backToOk: boolean;
  /** Why a check that failed is a property of the record; null when it is not explained. */
  reason: Reason | null;
}

export interface ServiceSummary {
  service: string;
  incidents: number;
  checks: IncidentCheck[];
  /** Minutes with acknowledged/unacknowledged/unknown (and maintenance/resolved) outside their windows. */
  outside: Record<'acknowledged' | 'unacknowledged' | 'unknown' | 'maintenance' | 'resolved', number>;
  minutes: number;
  texts: {
    total: number;
    verbatim: number;
    converted: number;
    late: number;
    completedUnshown: number;
    lateReports: number;
    missing: { id: string; postedAt: number; got: string | null }[];
  };
  track: TrackCompare[];
}

export interface TrackCompare {
  at: number;
  ours: { incidents: number; medianDurationMs: number | null; medianUpdateIntervalMs: number | null; postmortems: number | null };
  record: { incidents: number; medianDurationMs: number | null; medianUpdateIntervalMs: number | null; postmortems: number | null };
  /** Google: the record's figures without the posts added more than 7 days after the end (see `lateReportsOnly`). */
  readable?: TrackCompare['record'];
}

/** The verdict in force at time t (the last run tick at or before t). */
function verdictAt(tl: ServiceTimeline, t: number): { v: Verdict | null; k: number } {
  let lo = 0;
  let hi = tl.times.length - 1;
  let k = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tl.times[mid]! <= t) {
      k = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return { v: k >= 0 ? tl.verdicts[k]! : null, k };
}

const median = (xs: number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** The popup's track-record figures, computed straight from the record for the same incidents. */
export function recordFigures(incidents: readonly RecordIncident[], t = Infinity, readableFor = Infinity) {
  const inc = incidents.filter((i) => i.kind === 'incident');
  const gaps: number[] = [];
  const durations: number[] = [];
  let postmortems = 0;
  const PM = /post[- ]?mortem|post[- ]incident (?:review|report|analys[ie]s)|root[- ]cause analys[ie]s|\brcas?\b|incident reports?/i;
  for (const i of inc) {
    const posted = i.updates.filter((u) => u.postedAt <= t && u.postedAt <= i.endedAt + readableFor);
    const times = [...new Set(posted.map((u) => Date.parse(u.at)))].sort((a, b) => a - b);
    for (let k = 1; k < times.length; k++) gaps.push(times[k]! - times[k - 1]!);
    const d = i.endedAt - i.beganAt;
    if (d > 0 && d < 14 * 24 * 3_600_000) durations.push(d);
    if (posted.some((u) => PM.test(u.text))) postmortems++;
  }
  return {
    incidents: inc.length,
    medianDurationMs: median(durations),
    medianUpdateIntervalMs: median(gaps),
    postmortems: inc.length ? postmortems : null,
  };
}

/** The track record the popup shows from this stored record vs the record's own figures for the same incidents. */
export function trackCheck(record: readonly RecordIncident[], rec: ServiceRecord, at: number, episodes: Episode[] = []): TrackCompare {
  const past = [...(rec.snapshot?.recent ?? []), ...rec.history];
  const tr = trackRecord(past, episodes);
  const known = record.filter((i) => past.some((p) => sameIncident(p, i) && p.kind === 'incident'));
  return {
    at,
    ours: {
      incidents: tr.basedOn.incidents,
      medianDurationMs: tr.medianDurationMs,
      medianUpdateIntervalMs: tr.medianUpdateIntervalMs,
      postmortems: tr.postmortems,
    },
    record: recordFigures(known, at),
    ...(known.some((i) => i.provider === 'gcp') ? { readable: recordFigures(known, at, GCP_RECENT_MS) } : {}),
  };
}

export const sameTrack = (c: TrackCompare) => JSON.stringify(c.ours) === JSON.stringify(c.record);

/**
 * Google's late incident reports: a post added more than 7 days after the end is never read (the
 * adapter reads incidents that ended within 7 days, core/official/gcp.ts `recent`), so the figures
 * may differ by exactly those posts. A difference explained only when the record's figures without
 * those posts equal ours.
 */
export const lateReportsOnly = (c: TrackCompare) => c.readable !== undefined && JSON.stringify(c.ours) === JSON.stringify(c.readable);

export function compare(
  result: ReplayResult,
  service: string,
  record: readonly RecordIncident[],
  trackAt: TrackCompare[] = [],
): ServiceSummary {
  const tl = result.timelines.get(service)!;
  const checks: IncidentCheck[] = [];
  const windows = (i: RecordIncident) => ({
    from: i.kind === 'maintenance' ? (i.inProgressAt ?? i.createdAt) : i.createdAt,
    to: i.endedAt,
  });
  const othersBusy = (self: RecordIncident, t: number) =>
    record.some(
      (o) =>
        o !== self &&
        o.createdAt <= t &&
        t <= o.endedAt + (o.kind === 'incident' ? SPEC_RESOLVED_MS + MINUTE : MINUTE) &&
        !(o.kind === 'maintenance' && (o.inProgressAt ?? Infinity) > t),
    );
  const incidentOpenAt = (self: RecordIncident, t: number) =>
    record.some((o) => o !== self && o.kind === 'incident' && o.createdAt <= t && t < o.endedAt);

  for (const i of record) {
    const { from: firstPost } = windows(i);
    const want: Verdict = i.kind === 'maintenance' ? 'maintenance' : 'acknowledged';
    let ourFirst: number | null = null;
    const start = verdictAt(tl, firstPost - MINUTE).k;
    for (let k = Math.max(0, start); k < tl.times.length && tl.times[k]! <= i.endedAt + MINUTE; k++) {
      const openHere = tl.open[k]!.some((id) => id === i.id || id.endsWith(`/${i.id}`));
      if (openHere && (tl.verdicts[k] === want || (i.kind === 'maintenance' && tl.verdicts[k] === 'maintenance'))) {
        if (i.kind === 'maintenance' && tl.times[k]! < firstPost) continue; // announced, not yet in progress
        ourFirst = tl.times[k]!;
        break;
      }
    }
    const lag = ourFirst === null ? null : ourFirst - firstPost;
    const firstOk = lag !== null && lag >= 0 && lag <= MINUTE;
    const endTick = gridAtOrAfter(i.endedAt);
    const atEnd = verdictAt(tl, endTick);
    const stillOpen = atEnd.k >= 0 && tl.open[atEnd.k]!.some((id) => id === i.id || id.endsWith(`/${i.id}`));
    const resolvedWant: Verdict = i.kind === 'maintenance' ? 'ok' : 'resolved';
    const resolvedOk = !stillOpen && atEnd.v === resolvedWant;
    let backToOk = true;
    if (i.kind === 'incident') {
      const okTick = gridAtOrAfter(i.endedAt + SPEC_RESOLVED_MS + 1);
      backToOk = verdictAt(tl, okTick).v === 'ok' && verdictAt(tl, okTick - MINUTE).v === 'resolved';
    }
    // Each failed check needs its own explanation, at its own moment; the incident is explained
    // only when every failed check is (listed by the first one's reason).
    const postedResolved = (i.updates.length === 1 && i.updates[0]!.status === 'resolved') || i.endedAt <= i.createdAt;
    const firstSeen = gridAtOrAfter(i.createdAt);
    const okTick = gridAtOrAfter(i.endedAt + SPEC_RESOLVED_MS + 1);
    const whyFirst = (): Reason | null =>
      postedResolved && ourFirst === null
        ? 'postedResolved' // never open, and nothing said for it
        : i.kind === 'maintenance' && incidentOpenAt(i, firstPost)
          ? 'maintenanceOverIncident'
          : ourFirst === null && firstSeen >= i.endedAt
            ? 'shortOpen'
            : othersBusy(i, firstPost)
              ? 'overlap'
              : null;
    const whyResolved = (): Reason | null =>
      postedResolved && firstSeen > endTick ? 'postedResolved' : othersBusy(i, endTick) ? 'overlap' : null;
    const whyBack = (): Reason | null =>
      postedResolved && firstSeen >= okTick
        ? 'postedResolved'
        : othersBusy(i, i.endedAt + SPEC_RESOLVED_MS) || othersBusy(i, i.endedAt + SPEC_RESOLVED_MS + MINUTE)
          ? 'overlap'
          : null;
    const whys = [firstOk ? undefined : whyFirst(), resolvedOk ? undefined : whyResolved(), backToOk ? undefined : whyBack()].filter(
      (x) => x !== undefined,
    );
    const reason: Reason | null = whys.length > 0 && whys.every((x) => x !== null) ? whys[0]! : null;
    checks.push({ service, incident: i, firstPost, ourFirst, lagMs: lag, firstOk, resolvedOk, backToOk, reason });
  }

  // Verdict minutes outside the windows where they may appear.
  const outside = { acknowledged: 0, unacknowledged: 0, unknown: 0, maintenance: 0, resolved: 0 };
  const within = (t: number, f: (i: RecordIncident) => [number, number] | null) =>
    record.some((i) => {
      const w = f(i);
      return w !== null && w[0] <= t && t <= w[1];
    });
  const incWin = (i: RecordIncident): [number, number] | null => (i.kind === 'incident' ? [i.createdAt, i.endedAt + MINUTE] : null);
  const maintWin = (i: RecordIncident): [number, number] | null =>
    i.kind === 'maintenance' ? [i.inProgressAt ?? i.createdAt, i.endedAt + MINUTE] : null;
  const resWin = (i: RecordIncident): [number, number] | null =>
    i.kind === 'incident' ? [i.endedAt, i.endedAt + SPEC_RESOLVED_MS + MINUTE] : null;
  let minutes = 0;
  for (let k = 0; k < tl.times.length; k++) {
    const t0 = tl.times[k]!;
    const t1 = k + 1 < tl.times.length ? tl.times[k + 1]! : t0 + MINUTE;
    const v = tl.verdicts[k]!;
    const n = Math.round((t1 - t0) / MINUTE);
    minutes += n;
    if (v === 'ok') continue;
    for (let m = 0; m < n; m++) {
      const t = t0 + m * MINUTE;
      if (v === 'acknowledged' && !within(t, incWin)) outside.acknowledged++;
      else if (v === 'maintenance' && !within(t, maintWin)) outside.maintenance++;
      else if (v === 'resolved' && !within(t, resWin)) outside.resolved++;
      else if (v === 'unacknowledged' || v === 'unknown') outside[v]++;
    }
  }

  const seen = result.texts.get(service) ?? [];
  const kindOf = result.kinds.get(service);
  const endOf = (id: string) => record.find((i) => i.id === id)?.endedAt ?? Infinity;
  const texts = {
    total: seen.length,
    verbatim: seen.filter((s) => s.seenAt !== null && s.seenAt - s.postedAt <= MINUTE && !s.converted).length,
    converted: seen.filter((s) => s.seenAt !== null && s.seenAt - s.postedAt <= MINUTE && s.converted).length,
    late: seen.filter((s) => s.seenAt !== null && s.seenAt - s.postedAt > MINUTE).length,
    // A maintenance's "Completed" post: Statuspage's summary.json drops the maintenance at that
    // moment and incidents.json lists incidents only, so the API reading shows the verdict going
    // back to ok (checked above) but not that text; the history.atom reading shows it.
    completedUnshown: seen.filter((s) => s.seenAt === null && s.status === 'completed' && kindOf !== 'rss').length,
    // Google: a post added more than 7 days after the incident ended (a late incident report);
    // the adapter reads only incidents that ended within the last 7 days (core/official/gcp.ts).
    lateReports: seen.filter((s) => s.seenAt === null && kindOf === 'gcp' && s.postedAt > endOf(s.incidentId) + GCP_RECENT_MS).length,
    missing: seen
      .filter((s) => s.seenAt === null && !(s.status === 'completed' && kindOf !== 'rss'))
      .filter((s) => !(kindOf === 'gcp' && s.postedAt > endOf(s.incidentId) + GCP_RECENT_MS))
      .map((s) => ({ id: s.incidentId, postedAt: s.postedAt, got: s.got })),
  };

  const track = [...trackAt];
  const rec = result.finalRecords.get(service);
  if (rec) track.push(trackCheck(record, rec, tl.times[tl.times.length - 1]!, result.episodes.get(service) ?? []));
  return { service, incidents: record.length, checks, outside, minutes, texts, track };
}

export const agree = (c: IncidentCheck) => c.firstOk && c.resolvedOk && c.backToOk;
