/**
 * One poll of one service's official feed: fetch (conditionally) → parse → merge → one atomic write.
 *
 * Safe to repeat and safe to kill: nothing is written until the end, and then in one transaction
 * (per service for `refreshService`, per cycle for `pollCycle`).
 * A worker killed mid-poll simply polls again next time. Errors never erase the last good data:
 * they keep the snapshot and record the problem, which the verdict turns into `unknown`.
 */
import type { Service } from './catalog/catalog';
import { isOpen, type OfficialIncident, type OfficialSnapshot, type Problem, type Result } from './model';
import { afterFailure, afterSuccess, isDue } from './net/backoff';
import { readModeOf, type ReadMode } from './net/access';
import type { OfficialKind } from './official/kinds';
import { fetchFeed, type FetchDeps } from './net/fetch';
import type { FeedAdapter, FeedRequest, ParseContext } from './official/types';
import { adapterFor } from './official/registry';
import {
  checkOf,
  commitPolls,
  emptyRecord,
  getBody,
  getChecks,
  getRecord,
  getRecords,
  withCheck,
  type BodyRecord,
  type Check,
  type Db,
  type ServiceRecord,
} from './store';

export interface PollDeps extends FetchDeps {
  db: Db;
  /** Normal interval between polls of this service (the backoff base). */
  intervalMs: number;
  /** How a kind's feeds are read; core/net/access.ts unless a test exercises the other mode. */
  readMode?: (kind: OfficialKind) => ReadMode;
}

/** Unchanged (304) feeds are parsed again at least this often, for adapters' time windows. */
export const REPARSE_AFTER_MS = 10 * 60_000;

/** How many closed incidents we keep per service. */
export const HISTORY_LIMIT = 25;

/**
 * Polls under way, by database and service: `done` settles when the poll's result is stored, and
 * `result()` gives the record then (read only if someone asks: a cycle's pollers rarely have company).
 */
interface Running {
  done: Promise<unknown>;
  result(): Promise<ServiceRecord>;
}
const inflight = new Map<string, Running>();
/** Bumped at every write of a service's record, so a batch can tell its read has gone stale. */
const versions = new Map<string, number>();
const keyOf = (db: Db, id: string) => `${db.name}/${id}`;

/**
 * What a poll decided to store: the new record and the bodies that changed, or — for an unchanged
 * feed, where only the check time and backoff move — just the small check row (store.ts).
 */
type Write = { rec: ServiceRecord; bodies: BodyRecord[] } | { check: Check };
const idOfWrite = (w: Write): string => ('check' in w ? w.check.serviceId : w.rec.serviceId);

async function commit(db: Db, writes: readonly Write[]): Promise<void> {
  if (writes.length === 0) return;
  await commitPolls(db, writes);
  for (const w of writes) {
    const k = keyOf(db, idOfWrite(w));
    versions.set(k, (versions.get(k) ?? 0) + 1);
  }
}

/**
 * Refresh a service now. Concurrent calls for the same service share one poll. With `force`
 * (the person pressed refresh) backoff is skipped, except a provider's explicit Retry-After.
 */
export function refreshService(service: Service, deps: PollDeps, opts: { force?: boolean } = {}): Promise<ServiceRecord> {
  const key = keyOf(deps.db, service.id);
  const running = inflight.get(key);
  if (running) return running.done.then(() => running.result());
  const p = pollOnce(service, deps, opts.force ?? false).finally(() => inflight.delete(key));
  inflight.set(key, { done: p, result: () => p });
  return p;
}

async function pollOnce(service: Service, deps: PollDeps, force: boolean): Promise<ServiceRecord> {
  const prev = (await getRecord(deps.db, service.id)) ?? emptyRecord(service.id);
  const w = await pollWith(checkOf(prev), async () => prev, service, deps, force);
  if (!w) return prev;
  await commit(deps.db, [w]);
  return 'check' in w ? withCheck(prev, w.check)! : w.rec;
}

/** Pending bodies beyond this many characters are written before the batch goes on (memory bound). */
const BATCH_FLUSH_CHARS = 4_000_000;

/**
 * The worker's cycle: poll many services, `concurrency` at a time, with ONE read of their small
 * check rows and ONE write at the end (plus early writes if many changed bodies pile up); a full
 * record is read only for a feed that changed, failed or is due a re-parse. IndexedDB work, not
 * JavaScript, dominated the cycle's cost in the browser (one read and one write of every full
 * record per service). Same rules as `refreshService` per service; a service already being polled
 * is left to that poll, and a concurrent `refreshService` of a service in the batch shares the
 * batch's result. `precheck` may refuse a service before any request (recorded as a problem).
 * If the worker dies mid-cycle nothing of the unwritten part is lost: the next tick polls again.
 */
export async function pollCycle(
  services: readonly Service[],
  deps: PollDeps,
  opts: { force?: boolean; concurrency?: number; precheck?: (s: Service) => Promise<Problem | null> } = {},
): Promise<void> {
  const force = opts.force ?? false;
  // Services already being polled are left to that poll; the cycle still waits for them.
  const elsewhere = services.flatMap((s) => inflight.get(keyOf(deps.db, s.id))?.done ?? []);
  const queue = services.filter((s) => !inflight.has(keyOf(deps.db, s.id)));
  if (queue.length === 0) {
    await Promise.allSettled(elsewhere);
    return;
  }
  const seen = new Map(queue.map((s) => [s.id, versions.get(keyOf(deps.db, s.id)) ?? 0]));
  const results = new Map<string, ServiceRecord>();
  let release!: () => void;
  const done = new Promise<void>((r) => (release = r));
  const prevs = new Map<string, ServiceRecord>();
  const states = new Map<string, Check>();
  const mine: [string, Running][] = [];
  for (const s of queue) {
    const key = keyOf(deps.db, s.id);
    const running: Running = {
      done,
      result: async () => results.get(s.id) ?? (await getRecord(deps.db, s.id)) ?? emptyRecord(s.id),
    };
    inflight.set(key, running);
    mine.push([key, running]);
  }
  try {
    for (const [id, c] of await getChecks(
      deps.db,
      queue.map((s) => s.id),
    ))
      states.set(id, c);
    // Records from before check rows existed (or never polled): read those in full, once.
    const unknown = queue.filter((s) => !states.has(s.id)).map((s) => s.id);
    if (unknown.length > 0) {
      const recs = await getRecords(deps.db, unknown);
      for (const id of unknown) {
        const rec = recs.get(id) ?? emptyRecord(id);
        prevs.set(id, rec);
        states.set(id, checkOf(rec));
      }
    }
    let pending: Write[] = [];
    let pendingChars = 0;
    const flush = async () => {
      const batch = pending;
      pending = [];
      pendingChars = 0;
      await commit(deps.db, batch);
    };
    const todo = [...queue];
    await Promise.all(
      Array.from({ length: Math.min(opts.concurrency ?? 4, todo.length) }, async () => {
        for (let s = todo.shift(); s; s = todo.shift()) {
          try {
            // Written since the batch read it (a problem recorded meanwhile): read it again.
            if ((versions.get(keyOf(deps.db, s.id)) ?? 0) !== seen.get(s.id)) {
              const rec = (await getRecord(deps.db, s.id)) ?? emptyRecord(s.id);
              prevs.set(s.id, rec);
              states.set(s.id, checkOf(rec));
            }
            const load = async (): Promise<ServiceRecord> => {
              let rec = prevs.get(s.id);
              if (!rec) prevs.set(s.id, (rec = (await getRecord(deps.db, s.id)) ?? emptyRecord(s.id)));
              return rec;
            };
            const problem = opts.precheck ? await opts.precheck(s) : null;
            const w = problem ? failure(await load(), problem, undefined, deps) : await pollWith(states.get(s.id)!, load, s, deps, force);
            if (!w) continue;
            if ('check' in w) {
              const known = prevs.get(s.id);
              if (known) results.set(s.id, withCheck(known, w.check)!);
            } else {
              results.set(s.id, w.rec);
              pendingChars += w.bodies.reduce((n, b) => n + b.body.length, 0);
            }
            pending.push(w);
            if (pendingChars > BATCH_FLUSH_CHARS) await flush();
          } catch {
            // One service's failure must not stop the others; the next tick retries it.
          }
        }
      }),
    );
    await flush();
  } finally {
    release();
    // Done (written or failed): the next cycle or refresh polls these again.
    for (const [key, p] of mine) if (inflight.get(key) === p) inflight.delete(key);
  }
  await Promise.allSettled(elsewhere);
}

/** A feed read this recently is not read again at a tick (it was just refreshed by a visit or a click). */
export const JUST_READ_MS = 3_000;

/**
 * Whether a service should be polled at this alarm tick. The alarm ticks exactly once per poll
 * interval, so a healthy feed is read at every tick — unless it was read in the last few seconds
 * (a tab visit or the refresh button just before the tick). Anything looser lets an off-tick read
 * push the next one a whole tick later, and data could be nearly two intervals old. A failing
 * feed keeps its backoff, and a provider's Retry-After is never cut short.
 */
export function isPollDue(rec: Pick<ServiceRecord, 'lastAttemptAt' | 'problem' | 'backoff'> | undefined, now: number): boolean {
  if (!rec || rec.lastAttemptAt === null) return true;
  if (rec.problem) return isDue(rec.backoff ?? undefined, now);
  return now - rec.lastAttemptAt >= JUST_READ_MS;
}

/**
 * One poll, deciding from the service's check row (`state`) and reading the full record (`load`)
 * only when it is needed: a changed or failed feed, or a re-parse. What to store, or null when
 * there is nothing to do.
 */
async function pollWith(
  state: Check,
  load: () => Promise<ServiceRecord>,
  service: Service,
  deps: PollDeps,
  force: boolean,
): Promise<Write | null> {
  if (!service.official) return null;
  const now = deps.now();
  // An explicit "slow down" from the provider is honoured even for a manual refresh.
  if (state.problem?.code === 'rate_limited' && state.backoff && state.backoff.nextAttemptAt > now) return null;
  if (!force && !isPollDue(state, now)) return null;

  const adapter = adapterFor(service.official.kind);
  const ctx: ParseContext = {
    now,
    baseUrl: service.official.url.replace(/\/+$/, ''),
    ...(service.official.scope ? { scope: service.official.scope } : {}),
  };

  // CORS-readable kinds are read without a host permission (core/net/access.ts), revalidated by the browser.
  const mode = (deps.readMode ?? readModeOf)(service.official.kind);
  const read = await readAll(
    adapter.endpoints(ctx.baseUrl).map((r) => ({ ...r, mode })),
    deps,
    state.validators,
  );
  if (!read.ok) return failure(await load(), read.problem, read.retryAfterMs, deps);

  // Every endpoint answered 304 and the snapshot is recent and healthy: nothing to parse again,
  // and the stored bodies are not even read. (Adapters use `now` for time windows — feed
  // staleness, "recent" — so re-parse now and then.)
  if (
    read.bodies.every((b) => !b.changed) &&
    state.hasSnapshot &&
    !state.problem &&
    state.parsedAt !== null &&
    now - state.parsedAt < REPARSE_AFTER_MS
  ) {
    // Only the check time and backoff change: store just those (the record itself stays as it is).
    return { check: { ...state, lastSuccessAt: now, lastAttemptAt: now, backoff: afterSuccess(now, deps.intervalMs) } };
  }
  const prev = await load();
  const loaded = await loadBodies(read.bodies, deps);
  if (!loaded.ok) return failure(prev, loaded.problem, loaded.retryAfterMs, deps);

  const parsed = safeParse(() =>
    adapter.parse(
      loaded.bodies.map((b) => b.body),
      ctx,
    ),
  );
  if (!parsed.ok) return failure(prev, parsed.problem, undefined, deps);
  const snapshot = parsed.value;

  // Incidents that were open and are gone: find out how they ended.
  const openNow = new Set(snapshot.incidents.filter((i) => isOpen(i.status)).map((i) => i.id));
  const vanished = (prev.snapshot?.incidents ?? []).filter((i) => isOpen(i.status) && !openNow.has(i.id));
  let history = prev.history;
  let historyFetchedAt = prev.historyFetchedAt;
  const bodies = loaded.bodies.filter((b) => b.changed).map(({ changed: _c, ...b }) => b);
  // The history is read when none is known, when an open incident vanished (how did it end?), and
  // when the feed's text changed: an incident posted already resolved ("[Retroactive] …") is never
  // in the summary, but posting it changes the page (Statuspage's `page.updated_at`), so it reaches
  // the history within one poll. An unchanged feed (304, or the same text) costs no extra request.
  if (adapter.history && (historyFetchedAt === null || vanished.length > 0 || (await feedTextChanged(loaded.bodies, deps)))) {
    const h = await readHistory(adapter, ctx, deps, mode);
    if (h.ok) {
      history = mergeHistory(history, h.value.incidents);
      historyFetchedAt = now;
      if (h.value.body) bodies.push(h.value.body);
    }
  }
  history = mergeHistory(history, snapshot.recent);
  // Still unexplained: record what we saw — it was open, and now the provider no longer lists it.
  const known = new Set(history.map((i) => i.id));
  const observed = vanished
    .filter((i) => !known.has(i.id))
    .map((i): OfficialIncident => ({ ...i, status: 'resolved', resolvedAt: new Date(now).toISOString() }));
  history = mergeHistory(history, observed);

  const rec: ServiceRecord = {
    serviceId: service.id,
    snapshot,
    lastSuccessAt: now,
    lastAttemptAt: now,
    problem: null,
    history,
    backoff: afterSuccess(now, deps.intervalMs),
    historyFetchedAt,
    parsedAt: now,
    validators: Object.fromEntries(loaded.bodies.map((b) => [b.url, b.validators])),
  };
  return { rec, bodies };
}

/**
 * Record that a service could not be polled for a reason found before any request (e.g. the
 * browser has not granted access to its status host). Keeps the stored data, like any failure.
 */
export async function recordProblem(service: Service, problem: Problem, deps: PollDeps): Promise<ServiceRecord> {
  const prev = (await getRecord(deps.db, service.id)) ?? emptyRecord(service.id);
  const w = failure(prev, problem, undefined, deps);
  await commit(deps.db, [w]);
  return w.rec;
}

/** A failed poll keeps every stored field and records the problem and the backoff. */
function failure(
  prev: ServiceRecord,
  problem: Problem,
  retryAfterMs: number | undefined,
  deps: PollDeps,
): { rec: ServiceRecord; bodies: BodyRecord[] } {
  const now = deps.now();
  const rec: ServiceRecord = {
    ...prev,
    lastAttemptAt: now,
    problem,
    backoff: afterFailure(prev.backoff ?? undefined, now, deps.intervalMs, problem, retryAfterMs),
  };
  return { rec, bodies: [] };
}

type ReadBody = BodyRecord & { changed: boolean };
/** A 304 answered from validators kept in the service record: the body itself is still in storage. */
type Unread = {
  url: string;
  expect: FeedRequest['expect'];
  sseEvent: FeedRequest['sseEvent'];
  mode: ReadMode;
  validators: BodyRecord['validators'];
  changed: false;
  body: null;
};
/** An endpoint and how its host may be read. */
type Req = FeedRequest & { mode: ReadMode };
type Failed = { ok: false; problem: Problem; retryAfterMs: number | undefined };
type ReadAll = { ok: true; bodies: (ReadBody | Unread)[] } | Failed;

/**
 * Read every endpoint conditionally. With the validators the service record keeps, an unchanged
 * feed costs one request and no storage read; without them (older records), the stored body's.
 */
async function readAll(requests: Req[], deps: PollDeps, known: ServiceRecord['validators']): Promise<ReadAll> {
  const out: (ReadBody | Unread)[] = [];
  for (const req of requests) {
    const validators = known?.[req.url];
    if (validators) {
      const outcome = await fetchFeed(req.url, { expect: req.expect, sseEvent: req.sseEvent, validators, mode: req.mode }, deps);
      if (outcome.kind === 'failed') return { ok: false, problem: outcome.problem, retryAfterMs: outcome.retryAfterMs };
      if (outcome.kind === 'not_modified') {
        out.push({ url: req.url, expect: req.expect, sseEvent: req.sseEvent, mode: req.mode, validators, changed: false, body: null });
        continue;
      }
      out.push({ url: req.url, body: outcome.text, validators: outcome.validators, storedAt: deps.now(), changed: true });
      continue;
    }
    const r = await readOne(req, deps);
    if (!r.ok) return r;
    out.push(r.body);
  }
  return { ok: true, bodies: out };
}

/** The bodies of 304s answered from the record's validators, from storage (or read again if storage lost them). */
async function loadBodies(bodies: (ReadBody | Unread)[], deps: PollDeps): Promise<{ ok: true; bodies: ReadBody[] } | Failed> {
  const out: ReadBody[] = [];
  for (const b of bodies) {
    if (b.body !== null) {
      out.push(b);
      continue;
    }
    const stored = await getBody(deps.db, b.url);
    if (stored) {
      out.push({ ...stored, changed: false });
      continue;
    }
    const r = await readOne({ url: b.url, expect: b.expect, sseEvent: b.sseEvent, mode: b.mode }, deps);
    if (!r.ok) return r;
    out.push(r.body);
  }
  return { ok: true, bodies: out };
}

async function readOne(req: Req, deps: PollDeps): Promise<{ ok: true; body: ReadBody } | Failed> {
  const stored = await getBody(deps.db, req.url);
  const outcome = await fetchFeed(
    req.url,
    { expect: req.expect, sseEvent: req.sseEvent, validators: stored?.validators ?? {}, mode: req.mode },
    deps,
  );
  if (outcome.kind === 'failed') return { ok: false, problem: outcome.problem, retryAfterMs: outcome.retryAfterMs };
  if (outcome.kind === 'not_modified') {
    if (stored) return { ok: true, body: { ...stored, changed: false } };
    // A 304 for a body we do not have (validators without body cannot happen, but be safe): read again plainly.
    const again = await fetchFeed(req.url, { expect: req.expect, sseEvent: req.sseEvent, mode: req.mode }, deps);
    if (again.kind !== 'fresh') {
      return {
        ok: false,
        problem: again.kind === 'failed' ? again.problem : { code: 'http', message: 'the status page answered 304 without data' },
        retryAfterMs: again.kind === 'failed' ? again.retryAfterMs : undefined,
      };
    }
    return { ok: true, body: { url: req.url, body: again.text, validators: again.validators, storedAt: deps.now(), changed: true } };
  }
  return { ok: true, body: { url: req.url, body: outcome.text, validators: outcome.validators, storedAt: deps.now(), changed: true } };
}

/**
 * Whether a feed body read afresh differs from the one stored (read only for a body that came back
 * 200, so an unchanged feed costs no storage read): a server without validators answers 200 every
 * time, and that alone must not cost a history request per poll.
 */
async function feedTextChanged(bodies: readonly ReadBody[], deps: PollDeps): Promise<boolean> {
  for (const b of bodies) {
    if (!b.changed) continue;
    const stored = await getBody(deps.db, b.url);
    // No stored body (storage lost it): nothing to compare with, so no evidence of a change.
    if (stored && stored.body !== b.body) return true;
  }
  return false;
}

async function readHistory(
  adapter: FeedAdapter,
  ctx: ParseContext,
  deps: PollDeps,
  mode: ReadMode,
): Promise<Result<{ incidents: OfficialIncident[]; body: BodyRecord | null }>> {
  const req = { ...adapter.history!.endpoint(ctx.baseUrl), mode };
  const r = await readOne(req, deps);
  if (!r.ok) return { ok: false, problem: r.problem };
  const parsed = safeParse(() => adapter.history!.parse(r.body.body, ctx));
  if (!parsed.ok) return parsed;
  const { changed, ...body } = r.body;
  return { ok: true, value: { incidents: parsed.value, body: changed ? body : null } };
}

/** Closed incidents only, newest resolution first, unique by id (newer data wins), bounded. */
export function mergeHistory(old: OfficialIncident[], incoming: OfficialIncident[]): OfficialIncident[] {
  const byId = new Map<string, OfficialIncident>();
  for (const i of old) byId.set(i.id, i);
  for (const i of incoming) if (!isOpen(i.status)) byId.set(i.id, i);
  const at = (i: OfficialIncident) => Date.parse(i.resolvedAt ?? i.updatedAt ?? i.createdAt ?? '') || 0;
  return [...byId.values()].sort((a, b) => at(b) - at(a)).slice(0, HISTORY_LIMIT);
}

function safeParse<T>(fn: () => Result<T>): Result<T> {
  try {
    return fn();
  } catch (e) {
    return { ok: false, problem: { code: 'internal', message: `the status feed could not be read (${String(e).slice(0, 120)})` } };
  }
}

export type { OfficialSnapshot };
