/**
 * A per-source request budget: at most `limit` requests in any sliding `windowMs` (an hour).
 *
 * Pure functions over a small JSON-serialisable state (the worker keeps one per source in
 * storage.local), plus `budgetGate`, a tiny mutable wrapper a source uses while it runs a query.
 * The budget is spent before a request is sent: a request that fails still counts.
 */
import type { SourceId } from './source';

export const HOUR_MS = 60 * 60 * 1000;

/**
 * Requests per hour per source (all services together; the worker shares one budget per source,
 * because providers rate-limit per IP or per account, not per search).
 *
 * - hn: Algolia allows 10 000 requests/hour/IP; polling 3 services × 3 terms every 5 min is 108.
 * - mastodon: 300 requests / 5 min per IP per instance; 3 instances × 12 polls × a few services.
 * - bluesky: PDS allows 3 000 / 5 min; searchPosts is expensive for Bluesky, so stay modest.
 * - isdown: a paid API with an unknown quota; one request per service per poll.
 */
export const DEFAULT_BUDGETS: Readonly<Record<SourceId, number>> = Object.freeze({
  hn: 240,
  mastodon: 240,
  bluesky: 120,
  isdown: 60,
  // Arrives with the relay's answer; the extension never queries it.
  browsers: 0,
});

export interface BudgetState {
  limit: number;
  windowMs: number;
  /** Epoch ms of each request in the current window, ascending. */
  spent: number[];
}

export function newBudget(limit: number, windowMs: number = HOUR_MS): BudgetState {
  return { limit: saneInt(limit, 0), windowMs: windowMs > 0 && Number.isFinite(windowMs) ? windowMs : HOUR_MS, spent: [] };
}

/**
 * Drop requests older than the window. A timestamp in the future (the clock went back) is treated
 * as made now, so it still expires within one window instead of blocking forever.
 */
export function pruneBudget(state: BudgetState, now: number): BudgetState {
  const limit = saneInt(state.limit, 0);
  const windowMs = state.windowMs > 0 && Number.isFinite(state.windowMs) ? state.windowMs : HOUR_MS;
  const spent = (Array.isArray(state.spent) ? state.spent : [])
    .filter((t) => typeof t === 'number' && Number.isFinite(t))
    .map((t) => Math.min(t, now))
    .filter((t) => t > now - windowMs)
    .sort((a, b) => a - b);
  // Keep at most `limit` entries: older extra ones cannot change any decision.
  return { limit, windowMs, spent: spent.slice(Math.max(0, spent.length - limit)) };
}

export function remaining(state: BudgetState, now: number): number {
  const s = pruneBudget(state, now);
  return Math.max(0, s.limit - s.spent.length);
}

export function canSpend(state: BudgetState, now: number, n = 1): boolean {
  return remaining(state, now) >= n;
}

/** Record `n` requests at `now` (whether or not the budget allowed them: call canSpend first). */
export function spend(state: BudgetState, now: number, n = 1): BudgetState {
  const s = pruneBudget(state, now);
  const add = Array.from({ length: saneInt(n, 0) }, () => now);
  const spent = [...s.spent, ...add];
  return { ...s, spent: spent.slice(Math.max(0, spent.length - Math.max(s.limit, 1))) };
}

/** Milliseconds until one more request is allowed (0 when allowed now). */
export function waitMs(state: BudgetState, now: number): number {
  const s = pruneBudget(state, now);
  if (s.spent.length < s.limit) return 0;
  if (s.limit === 0) return s.windowMs;
  const oldestThatMatters = s.spent[s.spent.length - s.limit]!;
  return Math.max(0, oldestThatMatters + s.windowMs - now);
}

/** A mutable view on a budget for the duration of one query; read `.state` afterwards to persist it. */
export interface BudgetGate {
  /** Take one request if the budget allows; false (and nothing recorded) otherwise. */
  take(now: number): boolean;
  waitMs(now: number): number;
  readonly limit: number;
  readonly state: BudgetState;
}

export function budgetGate(initial: BudgetState): BudgetGate {
  let state = initial;
  return {
    take(now: number): boolean {
      if (!canSpend(state, now)) return false;
      state = spend(state, now);
      return true;
    },
    waitMs(now: number): number {
      return waitMs(state, now);
    },
    get limit() {
      return state.limit;
    },
    get state() {
      return state;
    },
  };
}

function saneInt(n: number, fallback: number): number {
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? Math.floor(n) : fallback;
}
