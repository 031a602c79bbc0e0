/**
 * When to try a feed again. Pure, deterministic (no jitter), so tests can be exact.
 *
 * After a success: the normal interval. After the n-th consecutive failure: interval × 2^(n-1),
 * capped at 30 minutes (or at the normal interval, if that is longer — failing never makes us poll
 * more often than succeeding). A provider's Retry-After is a floor, itself capped at 6 hours.
 * Every kind of failure backs off the same way: errors that look permanent (HTML, schema change,
 * redirect, 404) are still retried, because status pages come back.
 */
import type { Problem } from '../model';

export interface BackoffState {
  /** Consecutive failures (0 after a success). */
  failures: number;
  /** Epoch ms before which the feed should not be read again. */
  nextAttemptAt: number;
}

export const MAX_BACKOFF_MS = 30 * 60 * 1000;
export const MAX_RETRY_AFTER_MS = 6 * 60 * 60 * 1000;
/** Used when a caller passes a nonsensical interval (≤ 0, NaN). */
const FALLBACK_INTERVAL_MS = 60 * 1000;

export function afterSuccess(now: number, intervalMs: number): BackoffState {
  return { failures: 0, nextAttemptAt: now + sane(intervalMs) };
}

export function afterFailure(
  prev: BackoffState | undefined,
  now: number,
  intervalMs: number,
  // Accepted so the policy can distinguish kinds of failure later; today all back off alike.
  _problem: Problem,
  retryAfterMs?: number,
): BackoffState {
  const before = prev && Number.isFinite(prev.failures) && prev.failures > 0 ? Math.floor(prev.failures) : 0;
  const failures = before + 1;
  const interval = sane(intervalMs);
  const cap = Math.max(MAX_BACKOFF_MS, interval);
  // Exponent bounded so the product stays finite whatever the count.
  let delay = Math.min(interval * 2 ** Math.min(failures - 1, 40), cap);
  if (typeof retryAfterMs === 'number' && Number.isFinite(retryAfterMs) && retryAfterMs > 0) {
    delay = Math.max(delay, Math.min(retryAfterMs, MAX_RETRY_AFTER_MS));
  }
  return { failures, nextAttemptAt: now + delay };
}

export function isDue(state: BackoffState | undefined, now: number): boolean {
  if (!state || !Number.isFinite(state.nextAttemptAt)) return true;
  return now >= state.nextAttemptAt;
}

function sane(intervalMs: number): number {
  return Number.isFinite(intervalMs) && intervalMs > 0 ? intervalMs : FALLBACK_INTERVAL_MS;
}
