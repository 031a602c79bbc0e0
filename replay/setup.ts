/**
 * One replay with its comparison, as `npm run replay` (./run.ts) and the reduced replay in
 * `npm test` (test/unit/replay.test.ts) both run it: the span of the record (or a given one), the
 * track record checked at every incident's return to ok, and the per-service summary.
 */
import { compare, trackCheck, type ServiceSummary, type TrackCompare } from './compare';
import type { FeedSet } from './feeds';
import type { RecordIncident } from './record';
import { MINUTE, SPEC_RESOLVED_MS, gridAtOrAfter, replay, type ReplayResult, type ReplayService } from './replay';

export interface Compared {
  r: ReplayResult;
  sums: ServiceSummary[];
}

export async function replayAndCompare(
  name: string,
  services: ReplayService[],
  feeds: FeedSet[],
  record: readonly RecordIncident[],
  opts: { span?: [number, number]; everyMinute?: boolean } = {},
): Promise<Compared> {
  const from = opts.span?.[0] ?? Math.min(...record.map((i) => i.createdAt)) - 10 * MINUTE;
  const to = opts.span?.[1] ?? Math.max(...record.map((i) => i.endedAt)) + 2 * SPEC_RESOLVED_MS;
  // The track record, at every incident's return to ok: the popup's figures vs the record's.
  const checkAt = new Set(record.map((i) => gridAtOrAfter(i.endedAt + SPEC_RESOLVED_MS + 1)));
  const track = new Map<string, TrackCompare[]>(services.map((s) => [s.service.id, []]));
  const r = await replay({
    name,
    services,
    feeds,
    from,
    to,
    everyMinute: opts.everyMinute ?? false,
    onTick: (t, recs) => {
      if (!checkAt.has(t)) return;
      for (const s of services) {
        const rec = recs.get(s.service.id);
        if (rec) track.get(s.service.id)!.push(trackCheck(s.record, rec, t));
      }
    },
  });
  return { r, sums: services.map((s) => compare(r, s.service.id, s.record, track.get(s.service.id))) };
}
