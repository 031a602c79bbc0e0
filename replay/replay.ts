/**
 * One replay: the real worker (./worker.ts) ticks on the real 1-minute alarm grid while the feeds
 * (./feeds.ts) change as the record says, and after every tick we read what the worker stored and
 * judge it exactly as the badge and popup do (core/evaluate.ts).
 *
 * Skipping: the worker's work at a tick where no feed has changed is a 304 per endpoint, and the
 * verdict is a pure function of the stored snapshot and the clock, whose only clock rules are the
 * 60-minute "resolved" window, the maintenance window and staleness (which cannot trigger while
 * every tick polls). So by default only the ticks at a moment where something can change are run —
 * the first at or after it, and the one after (a second poll of the new state); for the clock rule,
 * the one before too (see `schedule`) — and the verdict between two run ticks is the one of the
 * earlier (`everyMinute` runs every tick instead; the reduced replay in
 * test/unit/replay.test.ts checks both give the same timeline).
 */
import type { Service } from '../core/catalog/catalog';
import { evaluate } from '../core/judge';
import type { OfficialIncident, Verdict } from '../core/model';
import { getRecords, getEpisodes } from '../core/store';
import { isOpen } from '../core/model';
import type { Episode } from '../core/history/episodes';
import type { ServiceRecord } from '../core/store';
import { makeFakeFetch, newStats, type FetchStats } from '../bench/fake-fetch';
import { LiveFeeds, type FeedSet } from './feeds';
import type { RecordIncident } from './record';
import { ReplayWorker, type Shown } from './worker';

export const MINUTE = 60_000;
/**
 * "resolved" lasts 60 minutes after a resolution (PRODUCT.md, README "The verdict"). The replay's
 * own copy of the rule, never the product's constant: a changed rule must fail the comparison.
 */
export const SPEC_RESOLVED_MS = 60 * MINUTE;
/** The alarm's phase within the minute (any value works; posts are at whole minutes). */
export const PHASE_MS = 30_000;

export interface ReplayService {
  service: Service;
  /** The record of what this service's feed said. */
  record: RecordIncident[];
  /**
   * The text the adapter documents it shows for a provider text that is not plain text (Google's
   * markdown, core/official/gcp.ts `markdownToText`); counted apart from byte-for-byte matches.
   */
  expectText?: (text: string) => string;
}

export interface ReplayInput {
  name: string;
  services: ReplayService[];
  feeds: FeedSet[];
  from: number;
  to: number;
  everyMinute?: boolean;
  /** Called after each run tick (for checks that need the stored data at that moment). */
  onTick?: (t: number, recs: Map<string, ServiceRecord>) => void;
}

export interface ServiceTimeline {
  times: number[];
  verdicts: Verdict[];
  /** Ids of the open incidents/maintenances in the stored snapshot at each tick. */
  open: string[][];
}

export interface TextSeen {
  incidentId: string;
  postedAt: number;
  status: RecordIncident['updates'][number]['status'];
  /** First run tick at which the stored data held this update with exactly the record's text; null if never. */
  seenAt: number | null;
  /** The text we stored, when it differed from the record's. */
  got: string | null;
  /** Shown as the adapter's documented conversion of the provider's text (Google's markdown → text), not byte for byte. */
  converted: boolean;
}

export interface ReplayResult {
  name: string;
  timelines: Map<string, ServiceTimeline>;
  /** Feed kind per service (catalog `official.kind`). */
  kinds: Map<string, string | undefined>;
  texts: Map<string, TextSeen[]>;
  shown: Shown[];
  episodes: Map<string, Episode[]>;
  finalRecords: Map<string, ServiceRecord>;
  ticksRun: number;
  minutesCovered: number;
  machineMs: number;
  fetch: FetchStats;
}

/** The first alarm tick at or after t. */
export const gridAtOrAfter = (t: number) => Math.ceil((t - PHASE_MS) / MINUTE) * MINUTE + PHASE_MS;

/**
 * Moments at which a verdict may change: every post and end (`feed`), and an hour after each end
 * (`clock`: the "resolved" window closes by the clock alone).
 */
export function wakeTimes(services: readonly ReplayService[]): { feed: number[]; clock: number[] } {
  const feed = new Set<number>();
  const clock = new Set<number>();
  for (const s of services) {
    for (const i of s.record) {
      feed.add(i.createdAt);
      for (const u of i.updates) feed.add(u.postedAt);
      feed.add(i.endedAt);
      clock.add(i.endedAt + SPEC_RESOLVED_MS);
      if (i.inProgressAt !== null) feed.add(i.inProgressAt);
    }
  }
  const sorted = (x: Set<number>) => [...x].sort((a, b) => a - b);
  return { feed: sorted(feed), clock: sorted(clock) };
}

/**
 * Which ticks to run: every one, or the first at/after each wake time and the one after it — and,
 * for a clock rule, also the one before: the comparison reads the verdict the minute before the
 * hour is up ("resolved" must last the whole hour), and a rule broken to a shorter window shows
 * only there (a carried verdict would hide it).
 */
export function schedule(input: ReplayInput): number[] {
  const first = gridAtOrAfter(input.from);
  const last = gridAtOrAfter(input.to);
  if (input.everyMinute) {
    const out: number[] = [];
    for (let t = first; t <= last; t += MINUTE) out.push(t);
    return out;
  }
  const set = new Set<number>([first, last]);
  const add = (t: number) => {
    if (t >= first && t <= last) set.add(t);
  };
  const { feed, clock } = wakeTimes(input.services);
  for (const w of feed) for (const t of [gridAtOrAfter(w), gridAtOrAfter(w) + MINUTE]) add(t);
  for (const w of clock) for (const t of [gridAtOrAfter(w) - MINUTE, gridAtOrAfter(w), gridAtOrAfter(w) + MINUTE]) add(t);
  return [...set].sort((a, b) => a - b);
}

/** Does the stored data hold this incident (id, or the atom entry id / link that names it)? */
export function sameIncident(stored: OfficialIncident, rec: RecordIncident): boolean {
  return stored.id === rec.id || stored.id.endsWith(`/${rec.id}`) || stored.url === rec.url;
}

function storedIncidents(rec: ServiceRecord | undefined): OfficialIncident[] {
  const s = rec?.snapshot;
  return [...(s?.incidents ?? []), ...(s?.maintenances ?? []), ...(s?.recent ?? []), ...(rec?.history ?? [])];
}

let run = 0;

export async function replay(input: ReplayInput): Promise<ReplayResult> {
  const started = performance.now();
  const feeds = new LiveFeeds(input.feeds);
  const stats = newStats();
  const worker = new ReplayWorker({
    services: input.services.map((s) => s.service),
    fetch: makeFakeFetch(feeds.routes, stats),
    dbName: `replay-${process.pid}-${input.name}-${++run}`,
  });
  const ticks = schedule(input);
  const timelines = new Map<string, ServiceTimeline>(input.services.map((s) => [s.service.id, { times: [], verdicts: [], open: [] }]));
  // Updates not yet seen, per service, in posting order.
  const pending = new Map(
    input.services.map((s) => [
      s.service.id,
      s.record.flatMap((i) => i.updates.map((u) => ({ i, u }))).sort((a, b) => a.u.postedAt - b.u.postedAt),
    ]),
  );
  const cursor = new Map(input.services.map((s) => [s.service.id, 0]));
  const waiting = new Map<string, { i: RecordIncident; u: RecordIncident['updates'][number]; seen: TextSeen }[]>(
    input.services.map((s) => [s.service.id, []]),
  );
  const texts = new Map<string, TextSeen[]>(input.services.map((s) => [s.service.id, []]));

  worker.now = ticks[0]!;
  feeds.at(worker.now);
  await worker.install();
  await worker.boot(); // its first tick runs at ticks[0]
  const ids = input.services.map((s) => s.service.id);
  for (let k = 0; k < ticks.length; k++) {
    const t = ticks[k]!;
    if (k > 0) {
      worker.now = t;
      feeds.at(t);
      await worker.tick();
    }
    const db = await worker.store();
    const recs = await getRecords(db, ids);
    for (const s of input.services) {
      const id = s.service.id;
      const rec = recs.get(id);
      const { result } = evaluate(s.service, rec, t, 1);
      const tl = timelines.get(id)!;
      tl.times.push(t);
      tl.verdicts.push(result.verdict);
      const snap = rec?.snapshot;
      tl.open.push([...(snap?.incidents ?? []), ...(snap?.maintenances ?? [])].filter((i) => isOpen(i.status)).map((i) => i.id));
      // Updates posted by now: is each held, verbatim, in what the popup reads?
      const list = pending.get(id)!;
      let c = cursor.get(id)!;
      const wait = waiting.get(id)!;
      while (c < list.length && list[c]!.u.postedAt <= t) {
        const { i, u } = list[c++]!;
        const seen: TextSeen = { incidentId: i.id, postedAt: u.postedAt, status: u.status, seenAt: null, got: null, converted: false };
        texts.get(id)!.push(seen);
        wait.push({ i, u, seen });
      }
      cursor.set(id, c);
      if (wait.length > 0) {
        const stored = storedIncidents(rec);
        for (let w = wait.length - 1; w >= 0; w--) {
          const { i, u, seen } = wait[w]!;
          const inc = stored.find((x) => sameIncident(x, i));
          // Several updates can share a minute: any of them with this text.
          const sameAt = inc?.updates.filter((x) => Date.parse(x.at) === Date.parse(u.at)) ?? [];
          const exact = sameAt.some((x) => x.text === u.text);
          const converted = !exact && s.expectText !== undefined && sameAt.some((x) => x.text === s.expectText!(u.text));
          if (exact || converted) {
            seen.converted = converted;
            seen.seenAt = t;
            seen.got = null;
            wait.splice(w, 1);
          } else {
            if (sameAt.length > 0) seen.got = sameAt.map((x) => x.text).join(' | ');
            // Give up after an hour of run ticks: it was never shown.
            if (t - u.postedAt > SPEC_RESOLVED_MS) wait.splice(w, 1);
          }
        }
      }
    }
    input.onTick?.(t, recs);
  }
  const db = await worker.store();
  const episodes = new Map<string, Episode[]>();
  for (const id of ids) episodes.set(id, await getEpisodes(db, id));
  const finalRecords = await getRecords(db, ids);
  await worker.close();
  return {
    name: input.name,
    timelines,
    kinds: new Map(input.services.map((s) => [s.service.id, s.service.official?.kind])),
    texts,
    shown: worker.shown,
    episodes,
    finalRecords,
    ticksRun: ticks.length,
    minutesCovered: Math.round((ticks[ticks.length - 1]! - ticks[0]!) / MINUTE) + 1,
    machineMs: performance.now() - started,
    fetch: stats,
  };
}
