/**
 * Each feed as it stood at a given moment, rebuilt from the provider's record (./record.ts):
 * Statuspage `summary.json` + `incidents.json` and `history.atom` for GitHub, `incidents.json`
 * for Google Cloud. A feed's ETag is the number of changes so far, so an unchanged minute answers
 * 304 through the benchmarks' fake fetch (bench/fake-fetch.ts).
 *
 * What the record does not hold is rebuilt the way the provider's platform writes it, and said
 * here (replay/README.md lists it too):
 * - Statuspage component statuses are not in the record: the summary lists no components, and its
 *   page indicator is the worst impact of the open incidents (Statuspage's own rule), "maintenance"
 *   while a maintenance is in progress.
 * - A GitHub maintenance's announced window is not in the record: `scheduled_for` is the time its
 *   "In progress" update was posted and `scheduled_until` its completion. In history.atom a
 *   maintenance not yet under way opens with "THIS IS A SCHEDULED EVENT <window>" and its
 *   `published` is the scheduled start, as in the live capture of 2025-05-28
 *   (test/fixtures/feeds/statuspage-history-atom-github-scheduled-maintenance.atom); once anything
 *   is posted after the start, `published` is the newest post's time — true of all 650 entries of
 *   the 26 archived snapshots (../shared/replay), completed maintenances, resolved incidents and
 *   the one incident caught open (2023-02-18) alike. `published` is never the announcement time.
 * - Google's `currently_affected_locations` over time is not in the snapshot: the final lists are used.
 */
import type { FakeFeed } from '../bench/fake-fetch';
import type { IncidentStatus } from '../core/model';
import { changeTimes, type RecordIncident } from './record';

export const GITHUB_BASE = 'https://www.githubstatus.com';
export const GITHUB_SUMMARY = `${GITHUB_BASE}/api/v2/summary.json`;
export const GITHUB_INCIDENTS = `${GITHUB_BASE}/api/v2/incidents.json`;
export const GITHUB_ATOM = `${GITHUB_BASE}/history.atom`;
export const GCP_FEED = 'https://status.cloud.google.com/incidents.json';

const iso = (t: number) => new Date(t).toISOString().replace(/\.000Z$/, 'Z');
const CLOSED: ReadonlySet<IncidentStatus> = new Set(['resolved', 'completed']);

/** The incident as the feed showed it at `t`: null before its first post. */
function at(i: RecordIncident, t: number) {
  if (i.createdAt > t) return null;
  const updates = i.updates.filter((u) => u.postedAt <= t);
  const status: IncidentStatus =
    updates.length > 0 ? updates[updates.length - 1]!.status : i.kind === 'maintenance' ? 'scheduled' : 'investigating';
  return { updates, status, closed: CLOSED.has(status) };
}

// ------------------------------------------------------------------------------------------------
// Statuspage API (GitHub).

const INDICATOR_RANK: Record<string, number> = { none: 0, maintenance: 0, minor: 1, major: 2, critical: 3 };
const DESCRIPTIONS: Record<string, string> = {
  none: 'All Systems Operational',
  minor: 'Minor Service Outage',
  major: 'Partial System Outage',
  critical: 'Major System Outage',
  maintenance: 'Service Under Maintenance',
};

function statuspageIncident(i: RecordIncident, t: number) {
  const s = at(i, t)!;
  const last = s.updates[s.updates.length - 1];
  const maint = i.kind === 'maintenance';
  return {
    id: i.id,
    name: i.title,
    status: s.status,
    created_at: iso(i.createdAt),
    updated_at: iso(last?.postedAt ?? i.createdAt),
    monitoring_at: null,
    resolved_at: s.closed ? iso(i.endedAt) : null,
    impact: i.impact,
    shortlink: i.url,
    started_at: iso(i.beganAt),
    page_id: 'kctbh9vrtdwd',
    incident_updates: s.updates
      .map((u, k) => ({
        id: `${i.id}-${k}`,
        status: u.status,
        body: u.text,
        incident_id: i.id,
        created_at: iso(u.postedAt),
        updated_at: iso(u.postedAt),
        display_at: u.at,
        affected_components: null,
      }))
      .reverse(),
    components: [],
    ...(maint ? { scheduled_for: iso(i.inProgressAt ?? i.createdAt), scheduled_until: iso(i.endedAt) } : {}),
  };
}

export function githubSummary(incidents: readonly RecordIncident[], t: number, base = GITHUB_BASE): string {
  const open = incidents.filter((i) => {
    const s = at(i, t);
    return s !== null && !s.closed;
  });
  const inc = open.filter((i) => i.kind === 'incident');
  const maint = open.filter((i) => i.kind === 'maintenance');
  let indicator = 'none';
  for (const i of inc) if ((INDICATOR_RANK[i.impact] ?? 0) > INDICATOR_RANK[indicator]!) indicator = i.impact;
  if (indicator === 'none' && maint.some((m) => at(m, t)!.status === 'in_progress' || at(m, t)!.status === 'verifying'))
    indicator = 'maintenance';
  return JSON.stringify({
    page: { id: 'kctbh9vrtdwd', name: 'GitHub', url: base, time_zone: 'Etc/UTC', updated_at: iso(t) },
    components: [],
    incidents: inc.map((i) => statuspageIncident(i, t)).reverse(),
    scheduled_maintenances: maint.map((i) => statuspageIncident(i, t)).reverse(),
    status: { indicator, description: DESCRIPTIONS[indicator] },
  });
}

/** `incidents.json`: the 50 newest incidents (resolved included; maintenances have their own endpoint), newest first. */
export function githubIncidents(incidents: readonly RecordIncident[], t: number, base = GITHUB_BASE): string {
  const shown = incidents
    .filter((i) => i.kind === 'incident' && i.createdAt <= t)
    .slice(-50)
    .reverse();
  return JSON.stringify({
    page: { id: 'kctbh9vrtdwd', name: 'GitHub', url: base, time_zone: 'Etc/UTC', updated_at: iso(t) },
    incidents: shown.map((i) => statuspageIncident(i, t)),
  });
}

// ------------------------------------------------------------------------------------------------
// history.atom (GitHub), in the markup of the archived snapshots.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escAttr = (s: string) => esc(s).replace(/"/g, '&quot;');

function atomBlock(u: { at: string; label: string; text: string }): string {
  const d = new Date(u.at);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `<p><small>${MONTHS[d.getUTCMonth()]} <var data-var='date'>${d.getUTCDate()}</var>, <var data-var='time'>${hh}:${mm}</var> UTC</small><br><strong>${esc(u.label)}</strong> - ${esc(u.text)}</p>`;
}

/** "May <var data-var='date'>28</var>, <var data-var='time'>16:30</var> UTC &nbsp;-&nbsp; May …", as GitHub writes a window. */
function windowText(from: number, to: number): string {
  const one = (t: number) => {
    const d = new Date(t);
    const hh = String(d.getUTCHours()).padStart(2, '0');
    const mm = String(d.getUTCMinutes()).padStart(2, '0');
    return `${MONTHS[d.getUTCMonth()]} <var data-var='date'>${d.getUTCDate()}</var>, <var data-var='time'>${hh}:${mm}</var> UTC`;
  };
  return `${one(from)} &nbsp;-&nbsp; ${one(to)}`;
}

export function githubAtom(incidents: readonly RecordIncident[], t: number): string {
  const shown = incidents
    .filter((i) => i.createdAt <= t)
    .slice(-25)
    .reverse();
  const entries = shown.map((i) => {
    const s = at(i, t)!;
    const last = s.updates[s.updates.length - 1];
    // A maintenance not yet under way: `published` is its scheduled start and the entry opens with
    // the window; otherwise `published` is the newest post (see the header comment).
    const ahead = i.kind === 'maintenance' && i.inProgressAt !== null && i.inProgressAt > t;
    const head = ahead ? `<p><strong>THIS IS A SCHEDULED EVENT ${windowText(i.inProgressAt!, i.endedAt)}</strong></p>` : '';
    const content = head + s.updates.map(atomBlock).reverse().join('');
    return `  <entry>
    <id>tag:www.githubstatus.com,2005:Incident/${i.id}</id>
    <published>${iso(ahead ? i.inProgressAt! : (last?.postedAt ?? i.createdAt))}</published>
    <updated>${iso(last?.postedAt ?? i.createdAt)}</updated>
    <link rel="alternate" type="text/html" href="${escAttr(i.url)}"/>
    <title>${esc(i.title)}</title>
    <content type="html">${esc(content)}</content>
  </entry>`;
  });
  const updated = shown.reduce((m, i) => Math.max(m, ...i.updates.filter((u) => u.postedAt <= t).map((u) => u.postedAt)), 0);
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xml:lang="en-US" xmlns="http://www.w3.org/2005/Atom">
  <id>tag:www.githubstatus.com,2005:/history</id>
  <link rel="alternate" type="text/html" href="https://www.githubstatus.com"/>
  <link rel="self" type="application/atom+xml" href="https://www.githubstatus.com/history.atom"/>
  <title>GitHub Status - Incident History</title>
  <updated>${iso(updated || t)}</updated>
  <author>
    <name>GitHub</name>
  </author>
${entries.join('\n')}
</feed>
`;
}

// ------------------------------------------------------------------------------------------------
// Google Cloud incidents.json.

export function gcpIncidents(incidents: readonly RecordIncident[], t: number): string {
  const shown = incidents.filter((i) => i.createdAt <= t).reverse();
  return JSON.stringify(
    shown.map((i) => {
      const raw = { ...i.raw } as Record<string, unknown>;
      const visible = new Set(i.updates.filter((u) => u.postedAt <= t).map((u) => u.at));
      const ups = ((raw.updates as Record<string, string>[]) ?? []).filter((u) =>
        visible.has(new Date(Date.parse(u.when ?? '')).toISOString()),
      );
      raw.updates = ups;
      raw.most_recent_update = ups[0] ?? null;
      raw.modified = ups[0]?.modified ?? raw.created;
      if (i.endedAt > t) {
        delete raw.end;
        raw.currently_affected_locations = raw.previously_affected_locations;
      }
      return raw;
    }),
  );
}

// ------------------------------------------------------------------------------------------------
// The routes the fake fetch serves, kept current as the clock moves.

export interface FeedSet {
  /** URLs and how to build each body at a moment. */
  bodies: { url: string; contentType: string; build: (t: number) => string }[];
  /** Moments at which these bodies change. */
  changes: number[];
}

export function githubFeeds(incidents: readonly RecordIncident[], opts: { atom?: boolean; base?: string } = {}): FeedSet {
  const json = 'application/json; charset=utf-8';
  const base = opts.base ?? GITHUB_BASE;
  return {
    bodies: [
      { url: `${base}/api/v2/summary.json`, contentType: json, build: (t) => githubSummary(incidents, t, base) },
      { url: `${base}/api/v2/incidents.json`, contentType: json, build: (t) => githubIncidents(incidents, t, base) },
      ...(opts.atom === false
        ? []
        : [{ url: GITHUB_ATOM, contentType: 'application/atom+xml; charset=utf-8', build: (t: number) => githubAtom(incidents, t) }]),
    ],
    changes: changeTimes(incidents),
  };
}

export function gcpFeeds(incidents: readonly RecordIncident[], url = GCP_FEED): FeedSet {
  return {
    bodies: [{ url, contentType: 'application/json; charset=utf-8', build: (t) => gcpIncidents(incidents, t) }],
    changes: changeTimes(incidents),
  };
}

/** How many of the sorted `times` are ≤ t. */
export function countUpTo(times: readonly number[], t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const utf8 = new TextEncoder();

/**
 * Keeps `routes` (the fake fetch's table) as the feeds stood at `t`: a set's bodies are rebuilt
 * only when one of its changes has passed since the last call.
 */
export class LiveFeeds {
  readonly routes = new Map<string, FakeFeed>();
  private readonly version = new Map<FeedSet, number>();
  constructor(private readonly sets: readonly FeedSet[]) {}

  at(t: number): void {
    for (const set of this.sets) {
      const v = countUpTo(set.changes, t);
      if (this.version.get(set) === v) continue;
      this.version.set(set, v);
      for (const b of set.bodies) {
        this.routes.set(b.url, { bytes: utf8.encode(b.build(t)), contentType: b.contentType, etag: `"v${v}"` });
      }
    }
  }
}
