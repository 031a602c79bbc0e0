/**
 * The simulated week (replay/README.md, "Soak"): 200 watched services for 7 simulated days on the
 * real worker — 180 Statuspage pages replaying real githubstatus.com incidents and 20 Google
 * Cloud-style feeds replaying real Google Cloud incidents, each re-timed to a random moment of the
 * week, plus the person's own "It's broken for me" reports on some services (before an incident,
 * or with no incident at all), and complaint series read through the real complaint path (the
 * worker's Hacker News source, core/worker/complaints.ts → core/crowd/: search, buckets, spike,
 * evidence): everyday grumbling on every service, and bursts of complaints starting before some
 * incidents' first post or with no incident at all, served by a fake Algolia search (./complaints.ts). Run twice on the same schedule: once undisturbed, once with the
 * worker killed at random points (mid-tick, after a random number of event-loop turns) and
 * restarted from storage. Prints IndexedDB size per day, checks no store grows without bound, no
 * notification is shown twice, and that both runs end with the same verdict timelines (episodes).
 *
 *   npx tsx replay/soak.ts [--days=7] [--services=200] [--kills=60] [--seed=1]
 */
import './english-browser'; // first: see that file
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Service } from '../core/catalog/catalog';
import type { Episode } from '../core/history/episodes';
import { setReport } from '../core/storage';
import type { Db } from '../core/store';
import { makeFakeFetch, newStats } from '../bench/fake-fetch';
import { LiveFeeds, gcpFeeds, githubFeeds, type FeedSet } from './feeds';
import { readGcp, readGithub, type RecordIncident } from './record';
import { MINUTE, SPEC_RESOLVED_MS, schedule, type ReplayService } from './replay';
import { GCP_RECORD, GITHUB, GITHUB_RECORD, GOOGLE_CLOUD } from './sources';
import { ReplayWorker, type Shown } from './worker';
import { complaintSeries, withComplaints, type Series } from './complaints';
import { rng } from '../demo/rng';

const arg = (k: string, d: number) => Number(process.argv.find((a) => a.startsWith(`--${k}=`))?.split('=')[1] ?? d);
const DAYS = arg('days', 7);
const N = arg('services', 200);
const KILLS = arg('kills', 60);
const SEED = arg('seed', 1);
const DAY = 24 * 60 * MINUTE;
const START = Date.parse('2026-03-02T00:00:00Z');

const isoShift = (v: unknown, d: number) => (typeof v === 'string' && v !== '' ? new Date(Date.parse(v) + d).toISOString() : v);

/** A real incident moved by `d` ms (every time in it, the raw provider row included). */
function shift(i: RecordIncident, d: number): RecordIncident {
  const raw = { ...i.raw } as Record<string, unknown>;
  for (const k of ['begin', 'created', 'end', 'modified', 'started_at', 'resolved_at']) if (k in raw) raw[k] = isoShift(raw[k], d);
  if (Array.isArray(raw.updates)) {
    raw.updates = (raw.updates as Record<string, unknown>[]).map((u) => ({
      ...u,
      when: isoShift(u.when, d),
      created: isoShift(u.created, d),
      modified: isoShift(u.modified, d),
      at: isoShift(u.at, d),
    }));
  }
  return {
    ...i,
    createdAt: i.createdAt + d,
    beganAt: i.beganAt + d,
    endedAt: i.endedAt + d,
    inProgressAt: i.inProgressAt === null ? null : i.inProgressAt + d,
    updates: i.updates.map((u) => ({ ...u, postedAt: u.postedAt + d, at: new Date(Date.parse(u.at) + d).toISOString() })),
    raw,
  };
}

interface World {
  services: ReplayService[];
  feeds: FeedSet[];
  reports: { serviceId: string; at: number }[];
  complaints: Series[];
}

function world(): World {
  const rand = rng(SEED);
  const gh = readGithub(GITHUB_RECORD).filter((i) => i.endedAt - i.createdAt < 2 * DAY);
  const gcp = readGcp(GCP_RECORD).filter((i) => i.endedAt - i.createdAt < 2 * DAY && i.endedAt > i.createdAt);
  const services: ReplayService[] = [];
  const feeds: FeedSet[] = [];
  const reports: World['reports'] = [];
  const nGcp = Math.round(N / 10);
  for (let n = 0; n < N; n++) {
    const google = n < nGcp;
    const pool = google ? gcp : gh;
    const count = 1 + Math.floor(rand() * 4); // 1–4 incidents in the week
    const picked = new Set<RecordIncident>();
    while (picked.size < count) picked.add(pool[Math.floor(rand() * pool.length)]!);
    const record = [...picked]
      .map((i) => shift(i, START + Math.floor(rand() * (DAYS - 0.5) * DAY) - i.createdAt))
      .sort((a, b) => a.createdAt - b.createdAt);
    const host = `status-${n}.soak.example`;
    const service: Service = google
      ? {
          ...GOOGLE_CLOUD,
          id: `soak-${n}`,
          name: `Cloud ${n}`,
          searchTerms: [`cloud${n}`],
          domains: [`cloud-${n}.soak.example`],
          official: { kind: 'gcp', url: `https://${host}/incidents.json` },
        }
      : {
          ...GITHUB,
          id: `soak-${n}`,
          name: `Service ${n}`,
          searchTerms: [`svc${n}`],
          domains: [`svc-${n}.soak.example`],
          official: { kind: 'statuspage', url: `https://${host}` },
        };
    services.push({ service, record });
    feeds.push(google ? gcpFeeds(record, service.official!.url) : githubFeeds(record, { base: service.official!.url, atom: false }));
    // The person's own report on one service in five: before an incident (evidence first), or out of the blue.
    if (rand() < 0.2) {
      const first = record[0]!;
      const at = rand() < 0.5 ? first.createdAt - (5 + Math.floor(rand() * 20)) * MINUTE : START + Math.floor(rand() * DAYS * DAY);
      reports.push({ serviceId: service.id, at });
    }
  }
  const complaints = services.map((s) => complaintSeries(s.service, s.record, START - 7 * DAY, START + DAYS * DAY, rand));
  return { services, feeds, reports, complaints };
}

interface DayStats {
  day: number;
  bytes: number;
  rows: Record<string, number>;
  largest: Record<string, number>;
}

async function sizeOf(db: Db, day: number): Promise<DayStats> {
  const out: DayStats = { day, bytes: 0, rows: {}, largest: {} };
  for (const store of ['services', 'checks', 'bodies', 'episodes', 'crowd'] as const) {
    const all = (await db.getAll(store)) as unknown[];
    out.rows[store] = all.length;
    let max = 0;
    for (const r of all) {
      const n = JSON.stringify(r).length;
      out.bytes += n;
      if (n > max) max = n;
    }
    out.largest[store] = max;
  }
  return out;
}

interface RunResult {
  shown: Shown[];
  episodes: Episode[];
  days: DayStats[];
  kills: number;
  ticks: number;
  ms: number;
  requests: Map<number, number>;
}

async function run(w: World, killAt: Map<number, number>): Promise<RunResult> {
  const started = performance.now();
  const live = new LiveFeeds(w.feeds);
  const stats = newStats();
  const worker: ReplayWorker = new ReplayWorker({
    services: w.services.map((s) => s.service),
    fetch: withComplaints(makeFakeFetch(live.routes, stats), w.complaints, () => worker.now, stats),
    dbName: `soak-${process.pid}-${killAt.size}-${Math.random()}`,
    settings: { sources: { hn: true, mastodon: false, bluesky: false, isdown: false } },
  });
  const reportServices: ReplayService[] = w.reports.map((r) => ({
    service: w.services.find((s) => s.service.id === r.serviceId)!.service,
    record: [{ createdAt: r.at, endedAt: r.at + SPEC_RESOLVED_MS, updates: [], inProgressAt: null } as unknown as RecordIncident],
  }));
  // A burst is followed every 5 minutes (the complaint sources' interval) for two hours.
  const burstServices: ReplayService[] = w.complaints.flatMap((c) =>
    c.bursts.map((b) => ({
      service: w.services.find((s) => s.service.id === c.serviceId)!.service,
      record: Array.from({ length: 25 }, (_, k) => b.from + k * 5 * MINUTE).map(
        (at) => ({ createdAt: at, endedAt: at, updates: [], inProgressAt: null }) as unknown as RecordIncident,
      ),
    })),
  );
  const ticks = schedule({
    name: 'soak',
    services: [...w.services, ...reportServices, ...burstServices],
    feeds: w.feeds,
    from: START,
    to: START + DAYS * DAY,
  });
  const reports = [...w.reports].sort((a, b) => a.at - b.at);
  let nextReport = 0;
  const days: DayStats[] = [];
  let nextDay = START + DAY;
  worker.now = ticks[0]!;
  live.at(worker.now);
  await worker.install();
  await worker.boot();
  for (let k = 1; k < ticks.length; k++) {
    const t = ticks[k]!;
    worker.now = t;
    live.at(t);
    while (nextReport < reports.length && reports[nextReport]!.at <= t) {
      const r = reports[nextReport++]!;
      await setReport(fakeBrowser.storage.local, r.serviceId, true, r.at);
    }
    const turns = killAt.get(k);
    if (turns !== undefined) {
      await worker.killDuring(() => worker.tick(), turns);
      await worker.boot(); // the browser starts the worker again (its first tick runs now)
    } else {
      await worker.tick();
    }
    if (t >= nextDay) {
      days.push(await sizeOf(await worker.store(), days.length + 1));
      console.error(
        `  ${killAt.size > 0 ? 'killed' : 'undisturbed'} run: day ${days.length} done, ${((performance.now() - started) / 1000).toFixed(0)} s`,
      );
      nextDay += DAY;
    }
  }
  if (days.length < DAYS) days.push(await sizeOf(await worker.store(), days.length + 1));
  const db = await worker.store();
  const episodes = ((await db.getAll('episodes')) as Episode[]).sort((a, b) => a.id.localeCompare(b.id));
  await worker.close();
  return {
    shown: worker.shown,
    episodes,
    days,
    kills: worker.kills,
    ticks: ticks.length,
    ms: performance.now() - started,
    requests: stats.byStatus,
  };
}

const w = world();
const probe = schedule({ name: 'soak', services: w.services, feeds: w.feeds, from: START, to: START + DAYS * DAY });
const rand = rng(SEED + 1);
const killAt = new Map<number, number>();
while (killAt.size < KILLS) killAt.set(1 + Math.floor(rand() * (probe.length - 2)), Math.floor(rand() * 400));

const bursts = w.complaints.flatMap((c) => c.bursts);
console.log(
  `# Soak: ${N} watched services, ${DAYS} simulated days, ${w.services.reduce((n, s) => n + s.record.length, 0)} real incidents re-timed, ${w.reports.length} "It's broken for me" reports, ${w.complaints.reduce((n, c) => n + c.posts.length, 0)} complaint posts (${bursts.filter((b) => b.before).length} bursts before an incident's first post, ${bursts.filter((b) => !b.before).length} with no incident)`,
);
const calm = await run(w, new Map());
const killed = await run(w, killAt);

const view = (e: Episode) =>
  JSON.stringify([e.id, e.timeline, e.firstOfficialAt, e.firstEvidenceAt, e.resolvedAt, e.endedAt, e.incidentIds]);
const a = calm.episodes.map(view);
const b = killed.episodes.map(view);
const same = a.length === b.length && a.every((x, k) => x === b[k]);
const dupes = (r: RunResult) => r.shown.length - new Set(r.shown.map((s) => s.id)).size;
const lost = calm.shown.filter((s) => !killed.shown.some((x) => x.id === s.id)).length;
const extra = killed.shown.filter((s) => !calm.shown.some((x) => x.id === s.id)).length;

const lines: string[] = [];
lines.push('');
lines.push(
  '| day | IndexedDB (JSON bytes) | services | checks | bodies | episodes | crowd | largest service record | largest body | largest crowd record |',
);
lines.push('|---|---|---|---|---|---|---|---|---|---|');
for (const d of killed.days) {
  lines.push(
    `| ${d.day} | ${(d.bytes / 1024).toFixed(0)} KB | ${d.rows.services} | ${d.rows.checks} | ${d.rows.bodies} | ${d.rows.episodes} | ${d.rows.crowd} | ${(d.largest.services! / 1024).toFixed(1)} KB | ${(d.largest.bodies! / 1024).toFixed(1)} KB | ${(d.largest.crowd! / 1024).toFixed(1)} KB |`,
  );
}
lines.push('');
lines.push(
  `- undisturbed run: ${calm.ticks} alarm ticks, ${(calm.ms / 1000).toFixed(0)} s; requests ${[...calm.requests].map(([s, n]) => `${n}× ${s}`).join(', ')}; ${calm.shown.length} notifications, shown twice: ${dupes(calm)}`,
);
lines.push(
  `- killed run: ${killed.kills} kills (mid-tick, 0–400 event-loop turns in), ${(killed.ms / 1000).toFixed(0)} s; ${killed.shown.length} notifications, shown twice: ${dupes(killed)}; not shown because a kill came between "marked told" and "shown": ${lost}; shown only in the killed run: ${extra}`,
);
lines.push(
  `- verdict timelines (every episode: id, verdict changes with times, first official word, first evidence, resolution, end): ${same ? 'IDENTICAL' : 'DIFFERENT'} (${a.length} vs ${b.length} episodes)`,
);
if (!same) {
  const diff = a.filter((x) => !b.includes(x)).slice(0, 3);
  for (const d of diff) lines.push(`  - only undisturbed: ${d.slice(0, 300)}`);
  for (const d of b.filter((x) => !a.includes(x)).slice(0, 3)) lines.push(`  - only killed: ${d.slice(0, 300)}`);
}
const complaintsFirst = killed.episodes.filter(
  (e) => e.firstEvidenceAt !== null && (e.firstOfficialAt === null || e.firstEvidenceAt < e.firstOfficialAt),
);
lines.push(
  `- complaints through the real path: ${killed.days[killed.days.length - 1]!.rows.crowd} crowd records (one per service and source, 15-minute buckets kept 7 days, largest ${(killed.days[killed.days.length - 1]!.largest.crowd! / 1024).toFixed(1)} KB); ${complaintsFirst.length} episodes where evidence came before the provider's first word, ${complaintsFirst.filter((e) => e.firstOfficialAt === null).length} of them never acknowledged by the provider`,
);
const growth =
  killed.days.length > 2 ? killed.days[killed.days.length - 1]!.largest.services! / Math.max(1, killed.days[1]!.largest.services!) : 1;
lines.push(
  `- largest service record, last day ÷ day 2: ${growth.toFixed(2)} (history capped at 25 incidents, episodes pruned after 90 days, one body per feed URL)`,
);
console.log(lines.join('\n'));
process.exitCode = same && dupes(calm) === 0 && dupes(killed) === 0 ? 0 : 1;
