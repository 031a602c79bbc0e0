/**
 * Google Cloud `https://status.cloud.google.com/incidents.json` and the Google Workspace dashboard
 * `https://www.google.com/appsstatus/dashboard/incidents.json` (same schema; Firebase's dashboard
 * is of the same family). The catalog's `official.url` is the feed URL itself.
 *
 * The body is a bare JSON array of every incident in a rolling window (megabytes). Research notes
 * §4; real sample `gcp-incidents-json-resolved-history.json`.
 *
 * - Open ⇔ `end` missing or empty. Status: `end` present → resolved; else newest update
 *   `AVAILABLE` → monitoring; else investigating.
 * - Impact from `severity` (high → critical, medium → major, low → minor); when severity is absent
 *   or unknown, from `status_impact` (SERVICE_OUTAGE → critical, SERVICE_DISRUPTION → major,
 *   SERVICE_INFORMATION → minor).
 * - Updates newest first by `when`; their markdown-ish text becomes plain text. Update status:
 *   AVAILABLE → monitoring (resolved once the incident has ended); the oldest other update →
 *   investigating; later ones → unknown ("Update": Google's SERVICE_* words say how the service
 *   is, not where the investigation stands).
 * - Components: affected product titles. The incident's locations (current ones while open, else
 *   the previously affected ones) are appended to each product as short region ids when there are
 *   at most 3 — "Bare Metal Solution (europe-west4)" — else as a count: "Agent Assist (8 locations)".
 * - `ctx.scope` = product names: only incidents whose affected products (title, current title or
 *   product id; the deprecated `service_name` when no product is listed) match one are kept, so a
 *   Workspace incident for Gmail marks Gmail and not Google Docs.
 * - `recent` = incidents that ended within the last 7 days (newest first, at most 20).
 * - Performance: one linear pass with cheap checks picks the few open or recently ended incidents;
 *   only those are validated and normalised.
 */
import {
  fail,
  type Impact,
  type IncidentStatus,
  MAX_NAME,
  MAX_OPEN,
  MAX_RECENT,
  MAX_TITLE,
  MAX_UPDATES,
  type OfficialIncident,
  type OfficialUpdate,
  ok,
  RECENT_WINDOW_MS,
  type Result,
} from '../model';
import type { FeedAdapter, ParseContext } from './types';
import {
  cleanName,
  CLOCK_SKEW_MS,
  endedRecently,
  idOf,
  indicatorFrom,
  isRecord,
  looseList,
  looseRecord,
  nameOf,
  object,
  type Out,
  readJsonArray,
  scopeMatcher,
  SHAPE_MESSAGE,
  str,
  strOrNum,
  textOf,
  uniqueNames,
  parseFirst,
} from './kit';
import { isoOf } from './dates';
import { clip, MAX_TEXT, safeUrl } from '../text';

// ---------------------------------------------------------------------------------------------
// Shapes (./read), applied only to the few incidents that matter.

export const gcpIncidentSchema = object({
  id: strOrNum,
  external_desc: str,
  begin: str,
  created: str,
  end: str,
  modified: str,
  severity: str,
  status_impact: str,
  service_name: str,
  uri: str,
  updates: looseList,
  most_recent_update: looseRecord,
  affected_products: looseList,
  currently_affected_locations: looseList,
  previously_affected_locations: looseList,
});

export const gcpUpdateSchema = object({
  when: str,
  created: str,
  modified: str,
  text: str,
  status: str,
});

/** A product (`{title, id, current_title}`) or a location (`{title, id}`). */
export const gcpNamedSchema = object({ title: str, id: strOrNum, current_title: str });

// ---------------------------------------------------------------------------------------------
// Mappings.

const SEVERITY: Record<string, Impact> = { high: 'critical', medium: 'major', low: 'minor' };
const STATUS_IMPACT: Record<string, Impact> = {
  SERVICE_OUTAGE: 'critical',
  SERVICE_DISRUPTION: 'major',
  SERVICE_INFORMATION: 'minor',
};

const lookup = <T>(table: Record<string, T>, value: unknown): T | undefined =>
  typeof value === 'string' && Object.prototype.hasOwnProperty.call(table, value.trim()) ? table[value.trim()] : undefined;

/** `severity` (preferred) and `status_impact` → model impact; neither known → null. */
export function mapGcpImpact(severity: unknown, statusImpact: unknown): Impact | null {
  const s = typeof severity === 'string' ? severity.toLowerCase() : severity;
  const si = typeof statusImpact === 'string' ? statusImpact.toUpperCase() : statusImpact;
  return lookup(SEVERITY, s) ?? lookup(STATUS_IMPACT, si) ?? null;
}

const isAvailable = (status: unknown): boolean => typeof status === 'string' && status.trim().toUpperCase() === 'AVAILABLE';

// ---------------------------------------------------------------------------------------------
// Text and links.

/**
 * Google's markdown-ish update text → plain text: backslash escapes (`\#`, `\[`) undone,
 * heading marks and `**`/`__` emphasis dropped, table rule rows (`| :--- | :--- |`) dropped,
 * `[label](https://…)` → `label (https://…)`; then `htmlToText` (tags, entities, whitespace, length).
 */
export function markdownToText(input: unknown, max: number = MAX_TEXT): string {
  if (typeof input !== 'string' || input.length === 0) return '';
  let s = input.length > max * 4 ? input.slice(0, max * 4) : input;
  // Each pass only when its marker occurs: these texts are long and most have few markers.
  if (s.includes('\r')) s = s.replace(/\r\n?/g, '\n');
  if (s.includes('\\')) s = s.replace(/\\([\\`*_{}[\]()#+\-.!|~])/g, '$1');
  if (s.includes('#')) s = s.replace(/^[ \t]*(?:#{1,6}[ \t]+)+/gm, '').replace(/^[ \t]*#{1,6}[ \t]*$/gm, '');
  if (s.includes('---')) s = s.replace(/^[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+(?:[ \t]*:?-{3,}:?[ \t]*)?$\n?/gm, '');
  if (s.includes('**') || s.includes('__')) s = s.replace(/\*\*|__/g, '');
  if (s.includes('](')) s = s.replace(/\[([^\]\n]{1,500})\]\((https?:\/\/[^)\s]{1,2000})\)/g, '$1 ($2)');
  return textOf(s, max);
}

/**
 * The dashboard root for a feed URL: the feed's directory, e.g.
 * `https://status.cloud.google.com/incidents.json` → `https://status.cloud.google.com/`,
 * `https://www.google.com/appsstatus/dashboard/incidents.json` → `https://www.google.com/appsstatus/dashboard/`.
 */
export function gcpDashboardRoot(feedUrl: string): string | null {
  // Every incident of a feed asks for the same root: remember the last answer.
  if (feedUrl === lastRoot.feedUrl) return lastRoot.root;
  const href = safeUrl(feedUrl);
  let root: string | null = null;
  if (href !== null) {
    const u = new URL(href);
    u.search = '';
    u.hash = '';
    u.pathname = u.pathname.replace(/[^/]*$/, '');
    root = u.href;
  }
  lastRoot = { feedUrl, root };
  return root;
}
let lastRoot: { feedUrl: unknown; root: string | null } = { feedUrl: undefined, root: null };

/**
 * Link to an incident: its `uri` (e.g. `incidents/3BvH…`) resolved against the dashboard root;
 * `incidents/<id>` when there is no uri; the root itself when the uri would leave the dashboard.
 */
export function gcpIncidentUrl(feedUrl: string, uri: string | null | undefined, id: string): string | null {
  const root = gcpDashboardRoot(feedUrl);
  if (root === null) return null;
  const rel = typeof uri === 'string' && uri.trim() !== '' ? uri.trim() : `incidents/${encodeURIComponent(id)}`;
  try {
    const href = safeUrl(new URL(rel, root).href);
    return href !== null && href.startsWith(root) ? href : root;
  } catch {
    return root;
  }
}

// ---------------------------------------------------------------------------------------------
// One incident.

type Named = Out<typeof gcpNamedSchema>;

function readNamed(rows: readonly unknown[] | null | undefined): Named[] {
  const out: Named[] = [];
  for (const raw of rows ?? []) {
    if (!isRecord(raw)) continue;
    const parsed = gcpNamedSchema.safeParse(raw);
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}

/** Names that identify a product for scope matching (title, current title, id). */
function productKeys(products: readonly Named[]): string[] {
  const keys: string[] = [];
  for (const p of products) {
    for (const k of [p.title, p.current_title, p.id]) if (typeof k === 'string' || typeof k === 'number') keys.push(String(k));
  }
  return keys;
}

function locationSuffix(locations: readonly Named[]): string {
  const ids = uniqueNames(locations.map((l) => cleanName(idOf(l.id) ?? l.title, 60)));
  if (ids.length === 0) return '';
  return ids.length <= 3 ? ` (${ids.join(', ')})` : ` (${ids.length} locations)`;
}

interface GcpUpdateRow {
  at: string;
  t: number;
  order: number;
  available: boolean;
  /** The feed's markdown-ish text, converted later (see `fillTexts`). */
  raw: string;
}

function readUpdates(rows: readonly unknown[]): GcpUpdateRow[] {
  const out: GcpUpdateRow[] = [];
  rows.forEach((raw, order) => {
    if (!isRecord(raw)) return;
    const parsed = gcpUpdateSchema.safeParse(raw);
    if (!parsed.success) return;
    const u = parsed.data;
    const at = isoOf(u.when) ?? isoOf(u.created);
    if (at === null) return; // no readable time: cannot be placed on the timeline
    out.push({ at, t: Date.parse(at), order, available: isAvailable(u.status), raw: u.text ?? '' });
  });
  // Newest first; ties keep the feed's order (Google lists newest first).
  out.sort((a, b) => b.t - a.t || a.order - b.order);
  return out.slice(0, MAX_UPDATES);
}

export interface GcpNormaliseOptions {
  /** The feed URL (catalog `official.url`); incident links are resolved against its directory. */
  feedUrl: string;
  /** When set, incidents touching none of these product names give null. */
  inScope?: ((name: unknown) => boolean) | null;
}

/**
 * One element of incidents.json → the common model, or null when it is not an incident (not an
 * object, no id) or is outside the scope. Every update text is converted in full. Never throws.
 */
export function normaliseGcpIncident(raw: unknown, opts: GcpNormaliseOptions): OfficialIncident | null {
  const built = buildIncident(raw, opts);
  if (built === null) return null;
  fillTexts([built], Infinity);
  return built.incident;
}

/** An incident whose update texts are still raw (`incident.updates[k].text` is '' until filled). */
interface Built {
  incident: OfficialIncident;
  raw: string[];
}

/**
 * Update texts: markdown-ish → plain text, within a budget of input characters (Google's history
 * is megabytes, and converting text costs far more per character than parsing JSON). Incidents are
 * taken in priority order — open ones, then recent ones, newest first — and each one's updates
 * newest first. Once the budget is spent, the remaining updates keep their time and status with a
 * preview of `PREVIEW_TEXT` characters (the full text stays on the provider's page, which the
 * incident links to): no update is ever dropped, so the history and the track record (intervals
 * between updates, post-incident reviews) count every one. With real feeds (a few open or recent
 * incidents) the budget is not reached: over Google's whole 2021–2022 record it never was
 * (replay/README.md).
 */
function fillTexts(ordered: readonly Built[], budget: number): void {
  let left = budget;
  for (const b of ordered) {
    b.incident.updates.forEach((update, k) => {
      const raw = b.raw[k] ?? '';
      const cost = Math.min(raw.length, MAX_TEXT * 4);
      if (cost <= left) {
        left -= cost;
        update.text = markdownToText(raw);
      } else update.text = markdownToText(raw, PREVIEW_TEXT);
    });
  }
}

/** Characters of raw update text converted in full per snapshot; see `fillTexts`. */
export const TEXT_BUDGET = 64_000;
/** Length of an update text converted after the budget is spent. */
export const PREVIEW_TEXT = 200;

function buildIncident(raw: unknown, opts: GcpNormaliseOptions): Built | null {
  try {
    if (!isRecord(raw)) return null;
    const parsed = gcpIncidentSchema.safeParse(raw);
    if (!parsed.success) return null;
    const i = parsed.data;
    const id = idOf(i.id);
    if (id === null) return null;

    const products = readNamed(i.affected_products);
    const serviceName = cleanName(i.service_name);
    if (opts.inScope) {
      const keys = products.length > 0 ? productKeys(products) : [serviceName];
      if (!keys.some((k) => opts.inScope!(k))) return null;
    }

    const closed = typeof i.end === 'string' && i.end.trim() !== '';
    const rows = readUpdates(i.updates && i.updates.length > 0 ? i.updates : i.most_recent_update ? [i.most_recent_update] : []);
    // Rows are newest first: the last non-AVAILABLE row is the oldest report of the problem.
    const oldestProblem = rows.reduce((k, r, idx) => (r.available ? k : idx), -1);
    const updates: OfficialUpdate[] = rows.map((r, idx) => {
      const status: IncidentStatus = r.available
        ? closed
          ? 'resolved'
          : 'monitoring'
        : idx === oldestProblem
          ? 'investigating'
          : 'unknown';
      return { at: r.at, status, text: '' };
    });

    const status: IncidentStatus = closed ? 'resolved' : rows[0]?.available ? 'monitoring' : 'investigating';

    const current = i.currently_affected_locations ?? [];
    const locations = readNamed(closed || current.length === 0 ? i.previously_affected_locations : current);
    const suffix = locationSuffix(locations);
    const productNames = uniqueNames(products.map((p) => cleanName(p.title ?? p.current_title)));
    const names = productNames.length > 0 ? productNames : serviceName !== '' ? [serviceName] : [];

    const createdAt = isoOf(i.created);
    const title = nameOf(i.external_desc, MAX_TITLE);
    const incident: OfficialIncident = {
      id,
      title: title !== '' ? title : names.length > 0 ? clip(`Incident affecting ${names.join(', ')}`, MAX_TITLE) : 'Incident',
      kind: 'incident',
      status,
      impact: mapGcpImpact(i.severity, i.status_impact),
      startedAt: isoOf(i.begin) ?? createdAt,
      createdAt,
      updatedAt: updates[0]?.at ?? isoOf(i.modified),
      resolvedAt: closed ? isoOf(i.end) : null,
      scheduledFor: null,
      scheduledUntil: null,
      updates,
      components: uniqueNames(names.map((n) => clip(n + suffix, MAX_NAME))),
      url: gcpIncidentUrl(opts.feedUrl, i.uri, id),
    };
    return { incident, raw: rows.map((r) => r.raw) };
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// The whole feed.

const WHAT = 'the Google status feed (incidents.json)';

type Triage = { kind: 'bad' } | { kind: 'old' } | { kind: 'open' | 'recent'; t: number };

const parseTime = (v: unknown): number => (typeof v === 'string' ? Date.parse(v) : NaN);

/** What an element could be, decided without reading it in full (cheap enough for megabytes of history). */
function triage(row: unknown, now: number): Triage {
  if (!isRecord(row)) return { kind: 'bad' };
  const id = row.id;
  if (!((typeof id === 'string' && id.trim() !== '' && id.trim().length <= 200) || (typeof id === 'number' && Number.isFinite(id))))
    return { kind: 'bad' };
  const end = row.end;
  if (end === undefined || end === null || (typeof end === 'string' && end.trim() === '')) {
    const t = parseTime(row.begin);
    return { kind: 'open', t: Number.isFinite(t) ? t : parseTime(row.created) };
  }
  if (typeof end !== 'string') return { kind: 'bad' };
  const t = Date.parse(end);
  return Number.isFinite(t) && t >= now - RECENT_WINDOW_MS && t <= now + CLOCK_SKEW_MS ? { kind: 'recent', t } : { kind: 'old' };
}

/** Scope test on the raw element, before any normalisation (same names as `normaliseGcpIncident`). */
function rawInScope(row: Record<string, unknown>, inScope: (name: unknown) => boolean): boolean {
  const products = Array.isArray(row.affected_products) ? row.affected_products : [];
  let listed = false;
  for (const p of products) {
    if (!isRecord(p)) continue;
    listed = true;
    const id = typeof p.id === 'number' ? String(p.id) : p.id;
    if (inScope(p.title) || inScope(p.current_title) || inScope(id)) return true;
  }
  return !listed && inScope(cleanName(row.service_name));
}

/**
 * Candidates (newest first by `t`) → at most `max` normalised incidents. Only the ones kept are
 * validated and normalised; an element that turns out malformed is skipped and the next one taken.
 */
function buildNewest(cands: { row: unknown; t: number }[], opts: GcpNormaliseOptions, max: number): Built[] {
  const key = (t: number): number => (Number.isFinite(t) ? t : -Infinity);
  cands.sort((a, b) => (key(b.t) === key(a.t) ? 0 : key(b.t) > key(a.t) ? 1 : -1));
  const out: Built[] = [];
  for (const c of cands) {
    if (out.length >= max) break;
    const built = buildIncident(c.row, opts);
    if (built !== null) out.push(built);
  }
  return out;
}

/**
 * incidents.json body → open and recently ended incidents (scope applied), newest first. Never throws.
 * `textBudget`: see `fillTexts` (a parameter so tests can reach it with a real record).
 */
export function readGcpIncidents(
  body: unknown,
  ctx: ParseContext,
  textBudget: number = TEXT_BUDGET,
): Result<{ open: OfficialIncident[]; recent: OfficialIncident[] }> {
  const list = readJsonArray(body, WHAT);
  if (!list.ok) return list;
  const rows = list.value;
  const inScope = scopeMatcher(ctx.scope);

  const open: { row: unknown; t: number }[] = [];
  const recent: { row: unknown; t: number }[] = [];
  let bad = 0;
  for (const row of rows) {
    const tri = triage(row, ctx.now);
    if (tri.kind === 'bad') bad++;
    else if (tri.kind === 'old') continue;
    else if (inScope && !rawInScope(row as Record<string, unknown>, inScope)) continue;
    else (tri.kind === 'open' ? open : recent).push({ row, t: tri.t });
  }
  // A non-empty list in which nothing is an incident is a changed format, not "nothing is wrong".
  if (rows.length > 0 && bad === rows.length) return fail('schema', `${WHAT} ${SHAPE_MESSAGE}`);

  const opts: GcpNormaliseOptions = { feedUrl: ctx.baseUrl, inScope };
  const openBuilt = buildNewest(open, opts, MAX_OPEN);
  const recentBuilt = buildNewest(recent, opts, MAX_RECENT).filter((b) => endedRecently(b.incident.resolvedAt, ctx.now));
  fillTexts([...openBuilt, ...recentBuilt], textBudget);
  return ok({ open: openBuilt.map((b) => b.incident), recent: recentBuilt.map((b) => b.incident) });
}

export const gcpAdapter: FeedAdapter = {
  kind: 'gcp',
  label: 'Google Cloud / Google Workspace status dashboard (incidents.json)',
  endpoints: (url) => [{ url, expect: 'json' }],
  parse: (bodies, ctx) =>
    parseFirst(bodies, (body) => {
      const read = readGcpIncidents(body, ctx);
      if (!read.ok) return read;
      return ok({
        indicator: indicatorFrom(read.value.open, []),
        description: null,
        components: [],
        incidents: read.value.open,
        maintenances: [],
        recent: read.value.recent,
      });
    }),
};
