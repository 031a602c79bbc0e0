/**
 * The providers' own records (../shared/replay, or test/fixtures/replay for the reduced replay),
 * read into one shape: per incident, when the provider first posted, when it says impact began,
 * every update (posted when, with which label and text) and when it ended.
 *
 * Nothing here is ours: these are the facts the replay is judged against.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { IncidentStatus } from '../core/model';

export type Provider = 'github' | 'gcp';

export interface RecordUpdate {
  /** When the update was posted (epoch ms): from then on the feed carries it. */
  postedAt: number;
  /** The time the feed shows for it (ISO). */
  at: string;
  /** The feed's own label ("Investigating", "Update", "Resolved"…, or Google's AVAILABLE/SERVICE_*). */
  label: string;
  /** The lifecycle status it means, "Update" carrying the previous one. */
  status: IncidentStatus;
  text: string;
}

export interface RecordIncident {
  provider: Provider;
  id: string;
  title: string;
  kind: 'incident' | 'maintenance';
  impact: string;
  /** When the provider first posted (epoch ms). */
  createdAt: number;
  /** When the provider says impact began (epoch ms; equals createdAt when it does not say). */
  beganAt: number;
  /** When it ended (epoch ms). */
  endedAt: number;
  /** For a maintenance: when the provider said it went in progress (epoch ms), if it did. */
  inProgressAt: number | null;
  url: string;
  components: string[];
  /** Oldest first. */
  updates: RecordUpdate[];
  /** The raw row, for feeds that repeat provider fields we do not model (GCP). */
  raw: Record<string, unknown>;
}

const LABELS: Record<string, IncidentStatus> = {
  investigating: 'investigating',
  identified: 'identified',
  monitoring: 'monitoring',
  resolved: 'resolved',
  scheduled: 'scheduled',
  'in progress': 'in_progress',
  verifying: 'verifying',
  completed: 'completed',
};

/** githubstatus.com: the archive's parse of every incident (jsonl, optionally gzipped). */
export function readGithub(path: string): RecordIncident[] {
  const buf = readFileSync(path);
  const text = path.endsWith('.gz') ? gunzipSync(buf).toString('utf8') : buf.toString('utf8');
  const out: RecordIncident[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const r = JSON.parse(line) as {
      id: string;
      title: string;
      url: string;
      impact: string;
      started_at: string;
      resolved_at: string;
      components?: string[];
      updates: { at: string; status: string; message: string }[];
    };
    let carried: IncidentStatus = 'investigating';
    const updates = r.updates.map((u): RecordUpdate => {
      const s = LABELS[u.status.toLowerCase()];
      if (s) carried = s;
      return { postedAt: Date.parse(u.at), at: u.at, label: u.status, status: carried, text: u.message };
    });
    const kind = r.impact === 'maintenance' ? 'maintenance' : 'incident';
    const prog = updates.find((u) => u.status === 'in_progress');
    out.push({
      provider: 'github',
      id: r.id,
      title: r.title,
      kind,
      impact: r.impact,
      createdAt: updates[0]!.postedAt,
      beganAt: Date.parse(r.started_at),
      endedAt: Date.parse(r.resolved_at),
      inProgressAt: prog ? prog.postedAt : null,
      url: r.url,
      components: r.components ?? [],
      updates,
      raw: r as unknown as Record<string, unknown>,
    });
  }
  return out.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

/** Google Cloud `incidents.json` (a full snapshot). */
export function readGcp(path: string): RecordIncident[] {
  const rows = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>[];
  return rows
    .map((r): RecordIncident => {
      const created = Date.parse(r.created as string);
      const ups = ((r.updates as Record<string, string>[]) ?? [])
        .map((u) => ({ u, posted: Date.parse(u.created ?? u.when ?? ''), when: Date.parse(u.when ?? '') }))
        .sort((a, b) => a.when - b.when);
      const updates = ups.map(({ u, posted, when }, k): RecordUpdate => ({
        // An update written before the incident was published appears with it.
        postedAt: Math.max(posted, created),
        at: new Date(when).toISOString(),
        label: u.status ?? '',
        status: u.status === 'AVAILABLE' ? 'resolved' : k === 0 ? 'investigating' : 'unknown',
        text: u.text ?? '',
      }));
      return {
        provider: 'gcp',
        id: String(r.id),
        title: String(r.external_desc ?? ''),
        kind: 'incident',
        impact: String(r.severity ?? ''),
        createdAt: created,
        beganAt: Date.parse(r.begin as string),
        endedAt: Date.parse(r.end as string),
        inProgressAt: null,
        url: `https://status.cloud.google.com/${String(r.uri ?? '')}`,
        components: [],
        updates,
        raw: r,
      };
    })
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

/** Every moment at which a provider's feed changes (a post, an end), sorted, unique. */
export function changeTimes(incidents: readonly RecordIncident[]): number[] {
  const set = new Set<number>();
  for (const i of incidents) {
    set.add(i.createdAt);
    for (const u of i.updates) set.add(u.postedAt);
    set.add(i.endedAt);
  }
  return [...set].sort((a, b) => a - b);
}
