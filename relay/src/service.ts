/**
 * One Durable Object per service, worldwide: the only place that reads the service's official feed
 * (so "at most one upstream read per minute" holds however many edge locations miss their cache
 * at once), that gathers its complaint counts, and that counts the failure reports browsers share.
 *
 * Stored (SQLite, this object only): the last feed bodies and the normalised snapshot; complaint
 * counts per 15-minute window (with the public post ids and author handles that deduplicate them);
 * reports as (window, kind, install token) rows, deleted after 7 days. Never stored: IP
 * addresses (kept in memory for the current windows only, to stop one network counting as many
 * browsers), URLs, paths, anything else about a browser.
 */
import { DurableObject } from 'cloudflare:workers';
import { BUCKET_MS } from '../../core/crowd/buckets';
import { hackerNews } from '../../core/crowd/hn';
import { mastodon } from '../../core/crowd/mastodon';
import type { CrowdRecord } from '../../core/crowd/record';
import { termsForService, type ComplaintSource } from '../../core/crowd/source';
import { detectSpike } from '../../core/crowd/spike';
import { crowdDue, freshCrowdRecord, stepCrowd } from '../../core/crowd/step';
import type { FetchDeps } from '../../core/net/fetch';
import {
  MIN_TOKENS,
  RELAY_FORMAT,
  REPORT_MAX_AGE_MS,
  REPORT_RETENTION_MS,
  type RelayComplaints,
  type RelayServiceBody,
  type RelayWindow,
  type ReportKind,
  windowsToBuckets,
} from '../../core/relay/wire';
import { serviceById } from './catalog';
import { numberVar, type Env } from './env';
import { emptyUpstream, nextReadAt, readUpstream, REFRESH_MS, upstreamDue, type UpstreamState } from './official';

/** The keyless complaint sources, gathered once for everyone (accounts stay with each person). */
export const RELAY_SOURCES: readonly ComplaintSource[] = [hackerNews, mastodon];

/** The registry is told a service is wanted at most this often. */
const TOUCH_EVERY_MS = 60 * 60_000;
/** Bodies larger than this are not kept (a later 304 then costs one unconditional read). */
const MAX_KEPT_BODIES = 1_500_000;

export interface View {
  body: string;
  etag: string;
  /** Seconds the answer may be cached (until the next upstream read may happen, at most 60). */
  maxAge: number;
}

export interface ReportInput {
  service: string;
  kind: ReportKind;
  bucket: number;
  token: string;
  /** The sender's address: compared in memory for the current windows, never stored. */
  ip: string;
}

export interface ServiceStats {
  upstreamReads: number;
  complaintReads: number;
  reportRows: number;
  databaseBytes: number;
}

export class ServiceObject extends DurableObject<Env> {
  private upstream: UpstreamState | null = null;
  private reading: Promise<UpstreamState> | null = null;
  private rendered: (View & { until: number }) | null = null;
  private touchedAt = 0;
  /** window → IP → the tokens it contributed (memory only; see the class comment). */
  private readonly ips = new Map<number, Map<string, Set<string>>>();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    const sql = ctx.storage.sql;
    sql.exec('CREATE TABLE IF NOT EXISTS kv (k TEXT PRIMARY KEY, v TEXT NOT NULL)');
    sql.exec(
      'CREATE TABLE IF NOT EXISTS reports (bucket INTEGER NOT NULL, kind TEXT NOT NULL, token TEXT NOT NULL, PRIMARY KEY (bucket, kind, token)) WITHOUT ROWID',
    );
  }

  // --- small storage helpers ------------------------------------------------------------------

  private get<T>(k: string): T | null {
    const row = this.ctx.storage.sql.exec<{ v: string }>('SELECT v FROM kv WHERE k = ?', k).toArray()[0];
    return row ? (JSON.parse(row.v) as T) : null;
  }

  private put(k: string, v: unknown): void {
    this.ctx.storage.sql.exec('INSERT INTO kv (k, v) VALUES (?, ?) ON CONFLICT(k) DO UPDATE SET v = excluded.v', k, JSON.stringify(v));
  }

  private bump(counter: 'upstreamReads' | 'complaintReads', by = 1): void {
    this.put(counter, (this.get<number>(counter) ?? 0) + by);
  }

  private startedAt(now: number): number {
    let at = this.get<number>('startedAt');
    if (at === null) this.put('startedAt', (at = now));
    return at;
  }

  /** The clock starts at the Worker's `now` (the bench drives a simulated clock; see index.ts `clock`). */
  private deps(now: number): FetchDeps {
    const start = Date.now();
    return { fetch: (input, init) => fetch(input, init), now: () => now + (Date.now() - start) };
  }

  // --- official feed --------------------------------------------------------------------------

  private state(): UpstreamState {
    return (this.upstream ??= this.get<UpstreamState>('upstream') ?? emptyUpstream());
  }

  /**
   * The feed's state, read from upstream first when due. Simultaneous callers share one read:
   * a Durable Object handles other requests while it awaits a fetch, and the cache in front does
   * not stop a burst of misses (shared/research/workers-local.md: 448 upstream reads without this).
   */
  private async official(serviceId: string, now: number): Promise<UpstreamState> {
    const service = serviceById(serviceId);
    if (!service?.official || !upstreamDue(this.state(), now)) return this.state();
    this.reading ??= (async () => {
      try {
        const prev = this.state();
        const next = await readUpstream(service, prev, this.deps(now));
        const kept = JSON.stringify(next.bodies).length > MAX_KEPT_BODIES ? { ...next, bodies: {} } : next;
        this.upstream = kept;
        this.put('upstream', kept);
        this.bump('upstreamReads');
        this.rendered = null;
        return kept;
      } finally {
        this.reading = null;
      }
    })();
    return this.reading;
  }

  // --- the published answer -------------------------------------------------------------------

  /** `GET /v1/services/:id`, rendered here (the Worker caches it in front). */
  async view(serviceId: string, now: number = Date.now()): Promise<View | null> {
    const service = serviceById(serviceId);
    if (!service) return null;
    if (now - this.touchedAt > TOUCH_EVERY_MS) {
      this.touchedAt = now;
      await this.env.REGISTRY.get(this.env.REGISTRY.idFromName('registry')).touch(serviceId, now);
    }
    const up = await this.official(serviceId, now);
    if (this.rendered && this.rendered.until > now) return this.rendered;
    const body: RelayServiceBody = {
      format: RELAY_FORMAT,
      service: serviceId,
      generatedAt: now,
      official: service.official
        ? {
            snapshot: up.snapshot,
            history: up.history,
            lastSuccessAt: up.lastSuccessAt,
            lastAttemptAt: up.lastAttemptAt,
            problem: up.problem,
          }
        : null,
      complaints: this.complaints(),
      browsers: this.browsers(now),
    };
    const text = JSON.stringify(body);
    const maxAge = service.official ? Math.min(60, Math.max(1, Math.ceil((nextReadAt(up) - now) / 1000))) : 60;
    // The ETag covers the content, not the render time: unchanged data answers 304 to everyone.
    const view = { body: text, etag: `"${await digest(JSON.stringify({ ...body, generatedAt: 0 }))}"`, maxAge };
    this.rendered = { ...view, until: now + Math.min(maxAge * 1000, REFRESH_MS) };
    return view;
  }

  private complaints(): RelayComplaints[] {
    const out: RelayComplaints[] = [];
    for (const s of RELAY_SOURCES) {
      const r = this.get<CrowdRecord>(`crowd:${s.id}`);
      if (!r) continue;
      out.push({
        source: s.id as RelayComplaints['source'],
        coverageFrom: r.coverageFrom,
        lastQueryAt: r.lastQueryAt,
        windows: r.buckets.filter((b) => b.authors.length > 0).map((b) => ({ bucket: b.bucket, count: b.authors.length })),
      });
    }
    return out;
  }

  /** Published windows (≥ MIN_TOKENS distinct tokens) and the usual level for the current one. */
  private browsers(now: number): RelayServiceBody['browsers'] {
    const oldest = Math.floor(now / BUCKET_MS) * BUCKET_MS - REPORT_RETENTION_MS;
    const rows = this.ctx.storage.sql
      .exec<{ bucket: number; n: number }>(
        'SELECT bucket, COUNT(DISTINCT token) AS n FROM reports WHERE bucket >= ? GROUP BY bucket ORDER BY bucket',
        oldest,
      )
      .toArray();
    const windows: RelayWindow[] = rows.filter((r) => r.n >= MIN_TOKENS).map((r) => ({ bucket: r.bucket, count: r.n }));
    const coverageFrom = Math.max(oldest, this.startedAt(now));
    // The same baseline the extension computes for complaint sources: windows below the
    // publication threshold count as 0, as the extension will see them.
    const spike = detectSpike(windowsToBuckets(windows, 'browsers'), now, { sources: ['browsers'], coverage: { browsers: coverageFrom } });
    return { minTokens: MIN_TOKENS, windows, usual: spike.sources[0]?.window.baseline ?? 0, coverageFrom };
  }

  // --- reports ----------------------------------------------------------------------------------

  /** Count one report. `counted: false` when it changes nothing (already counted, or this network's share is used). */
  async report(r: ReportInput, now: number = Date.now()): Promise<{ counted: boolean; reason?: string }> {
    const maxPerIp = numberVar(this.env.MAX_TOKENS_PER_IP, 1);
    // Forget IPs of windows that can no longer be reported.
    for (const w of this.ips.keys()) if (w < Math.floor(now / BUCKET_MS) * BUCKET_MS - REPORT_MAX_AGE_MS) this.ips.delete(w);
    let byIp = this.ips.get(r.bucket);
    if (!byIp) this.ips.set(r.bucket, (byIp = new Map()));
    let tokens = byIp.get(r.ip);
    if (!tokens) byIp.set(r.ip, (tokens = new Set()));
    if (!tokens.has(r.token) && tokens.size >= maxPerIp) {
      return { counted: false, reason: 'another browser on this network already reported this service for this window' };
    }
    tokens.add(r.token);
    const token = await digest(r.token); // the token itself is not kept either: its hash counts as well
    const before = this.ctx.storage.sql
      .exec('SELECT 1 FROM reports WHERE bucket = ? AND kind = ? AND token = ?', r.bucket, r.kind, token)
      .toArray().length;
    if (before > 0) return { counted: false, reason: 'already counted' };
    this.ctx.storage.sql.exec('INSERT INTO reports (bucket, kind, token) VALUES (?, ?, ?)', r.bucket, r.kind, token);
    this.prune(now);
    this.rendered = null;
    return { counted: true };
  }

  private prune(now: number): void {
    this.ctx.storage.sql.exec('DELETE FROM reports WHERE bucket < ?', Math.floor(now / BUCKET_MS) * BUCKET_MS - REPORT_RETENTION_MS);
  }

  // --- complaints (cron) ------------------------------------------------------------------------

  /** Query each keyless complaint source when due (every 5 minutes, backoff and budgets as in the extension). */
  async gather(serviceId: string, now: number = Date.now()): Promise<void> {
    const service = serviceById(serviceId);
    if (!service) return;
    const terms = termsForService(service);
    this.prune(now);
    if (terms.length === 0) return;
    for (const source of RELAY_SOURCES) {
      const prev = this.get<CrowdRecord>(`crowd:${source.id}`) ?? freshCrowdRecord(serviceId, source.id);
      if (!crowdDue(prev, now)) continue;
      let requests = 0;
      const counting: typeof fetch = (input, init) => {
        requests++;
        return fetch(input, init);
      };
      const next = await stepCrowd(prev, source, terms, now, { fetch: counting, now: this.deps(now).now });
      this.put(`crowd:${source.id}`, next);
      this.bump('complaintReads', requests);
    }
    this.rendered = null;
  }

  async stats(): Promise<ServiceStats> {
    return {
      upstreamReads: this.get<number>('upstreamReads') ?? 0,
      complaintReads: this.get<number>('complaintReads') ?? 0,
      reportRows: this.ctx.storage.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM reports').toArray()[0]?.n ?? 0,
      databaseBytes: this.ctx.storage.sql.databaseSize,
    };
  }
}

async function digest(text: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  let hex = '';
  for (let i = 0; i < 16; i++) hex += bytes[i]!.toString(16).padStart(2, '0');
  return hex;
}
