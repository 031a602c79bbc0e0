/**
 * The relay's upstream read of one service's official feed, with the extension's own parts:
 * the adapter registry (core/official/), the one fetch (core/net/fetch.ts: conditional requests,
 * timeouts, size cap, HTML detection, Retry-After), the backoff rule (core/net/backoff.ts) and the
 * history merge (core/poll.ts). It stores nothing itself: the Durable Object owning the service
 * keeps the returned state. A failure keeps the last good snapshot and records the problem — the
 * extension turns that into `unknown` with the reason, exactly as when it reads the feed itself.
 */
import type { Service } from '../../core/catalog/schema';
import { isOpen, type OfficialIncident, type OfficialSnapshot, type Problem, type Result } from '../../core/model';
import { afterFailure, afterSuccess, isDue, type BackoffState } from '../../core/net/backoff';
import { fetchFeed, type FetchDeps, type Validators } from '../../core/net/fetch';
import type { FeedRequest, ParseContext } from '../../core/official/types';
import { adapterFor } from '../../core/official/registry';
import { mergeHistory } from '../../core/poll';

/** At most one upstream read per service per minute, for everyone. */
export const REFRESH_MS = 60_000;

export interface UpstreamState {
  snapshot: OfficialSnapshot | null;
  history: OfficialIncident[];
  lastSuccessAt: number | null;
  lastAttemptAt: number | null;
  problem: Problem | null;
  backoff: BackoffState | null;
  historyFetchedAt: number | null;
  /** Last bodies by URL with their validators, so a 304 can be parsed again. */
  bodies: Record<string, { body: string; validators: Validators }>;
}

export const emptyUpstream = (): UpstreamState => ({
  snapshot: null,
  history: [],
  lastSuccessAt: null,
  lastAttemptAt: null,
  problem: null,
  backoff: null,
  historyFetchedAt: null,
  bodies: {},
});

/** Whether the feed may be read now: a minute since the last attempt, and past any backoff or Retry-After. */
export function upstreamDue(s: UpstreamState, now: number): boolean {
  if (s.lastAttemptAt !== null && now - s.lastAttemptAt < REFRESH_MS) return false;
  return isDue(s.backoff ?? undefined, now);
}

/** When the next read may happen (for Cache-Control): epoch ms. */
export function nextReadAt(s: UpstreamState): number {
  const minute = (s.lastAttemptAt ?? 0) + REFRESH_MS;
  return Math.max(minute, s.backoff?.nextAttemptAt ?? 0);
}

type Read = { ok: true; body: string; validators: Validators } | { ok: false; problem: Problem; retryAfterMs: number | undefined };

/** One conditional GET; a 304 answers with the body we kept. */
async function readOne(req: FeedRequest, known: UpstreamState['bodies'][string] | undefined, deps: FetchDeps): Promise<Read> {
  const out = await fetchFeed(req.url, { expect: req.expect, sseEvent: req.sseEvent, validators: known?.validators ?? {} }, deps);
  if (out.kind === 'failed') return { ok: false, problem: out.problem, retryAfterMs: out.retryAfterMs };
  if (out.kind === 'fresh') return { ok: true, body: out.text, validators: out.validators };
  if (known) return { ok: true, body: known.body, validators: out.validators };
  const again = await fetchFeed(req.url, { expect: req.expect, sseEvent: req.sseEvent }, deps);
  if (again.kind === 'fresh') return { ok: true, body: again.text, validators: again.validators };
  return again.kind === 'failed'
    ? { ok: false, problem: again.problem, retryAfterMs: again.retryAfterMs }
    : { ok: false, problem: { code: 'http', message: 'the status page answered 304 without data' }, retryAfterMs: undefined };
}

function failure(prev: UpstreamState, problem: Problem, retryAfterMs: number | undefined, now: number): UpstreamState {
  return { ...prev, lastAttemptAt: now, problem, backoff: afterFailure(prev.backoff ?? undefined, now, REFRESH_MS, problem, retryAfterMs) };
}

function safeParse<T>(fn: () => Result<T>): Result<T> {
  try {
    return fn();
  } catch (e) {
    return { ok: false, problem: { code: 'internal', message: `the status feed could not be read (${String(e).slice(0, 120)})` } };
  }
}

/** Read the service's feed now (the caller checked `upstreamDue`) and return the next state. */
export async function readUpstream(service: Service, prev: UpstreamState, deps: FetchDeps): Promise<UpstreamState> {
  const now = deps.now();
  const official = service.official;
  if (!official) return prev;
  const adapter = adapterFor(official.kind);
  const ctx: ParseContext = {
    now,
    baseUrl: official.url.replace(/\/+$/, ''),
    ...(official.scope ? { scope: official.scope } : {}),
  };
  const bodies: UpstreamState['bodies'] = {};
  const texts: string[] = [];
  for (const req of adapter.endpoints(ctx.baseUrl)) {
    const r = await readOne(req, prev.bodies[req.url], deps);
    if (!r.ok) return failure(prev, r.problem, r.retryAfterMs, now);
    bodies[req.url] = { body: r.body, validators: r.validators };
    texts.push(r.body);
  }
  const parsed = safeParse(() => adapter.parse(texts, ctx));
  if (!parsed.ok) return failure(prev, parsed.problem, undefined, now);
  const snapshot = parsed.value;

  // Incidents that were open and are gone: read the history to learn how they ended (as the extension does).
  const openNow = new Set(snapshot.incidents.filter((i) => isOpen(i.status)).map((i) => i.id));
  const vanished = (prev.snapshot?.incidents ?? []).filter((i) => isOpen(i.status) && !openNow.has(i.id));
  let history = prev.history;
  let historyFetchedAt = prev.historyFetchedAt;
  if (adapter.history && (historyFetchedAt === null || vanished.length > 0)) {
    const req = adapter.history.endpoint(ctx.baseUrl);
    const r = await readOne(req, prev.bodies[req.url], deps);
    if (r.ok) {
      bodies[req.url] = { body: r.body, validators: r.validators };
      const h = safeParse(() => adapter.history!.parse(r.body, ctx));
      if (h.ok) {
        history = mergeHistory(history, h.value);
        historyFetchedAt = now;
      }
    }
  } else if (adapter.history) {
    const url = adapter.history.endpoint(ctx.baseUrl).url;
    const kept = prev.bodies[url];
    if (kept) bodies[url] = kept;
  }
  history = mergeHistory(history, snapshot.recent);
  const known = new Set(history.map((i) => i.id));
  const observed = vanished
    .filter((i) => !known.has(i.id))
    .map((i): OfficialIncident => ({ ...i, status: 'resolved', resolvedAt: new Date(now).toISOString() }));
  history = mergeHistory(history, observed);

  return {
    snapshot,
    history,
    lastSuccessAt: now,
    lastAttemptAt: now,
    problem: null,
    backoff: afterSuccess(now, REFRESH_MS),
    historyFetchedAt,
    bodies,
  };
}
