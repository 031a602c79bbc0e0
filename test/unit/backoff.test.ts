import { describe, expect, it } from 'vitest';
import { afterFailure, afterSuccess, isDue, type BackoffState } from '../../core/net/backoff';
import type { Problem } from '../../core/model';

const NOW = 1_700_000_000_000;
const MIN = 60_000;
const HOUR = 60 * MIN;
const http503: Problem = { code: 'http', message: 'the status page is having trouble (HTTP 503)', httpStatus: 503 };

describe('backoff', () => {
  it('after a success: no failures, next attempt one interval later', () => {
    expect(afterSuccess(NOW, 5 * MIN)).toEqual({ failures: 0, nextAttemptAt: NOW + 5 * MIN });
  });

  it('doubles per consecutive failure and caps at 30 min', () => {
    const delays: number[] = [];
    let s: BackoffState | undefined;
    for (let i = 0; i < 8; i++) {
      s = afterFailure(s, NOW, 2 * MIN, http503);
      delays.push(s.nextAttemptAt - NOW);
    }
    expect(delays).toEqual([2, 4, 8, 16, 30, 30, 30, 30].map((m) => m * MIN));
    expect(s!.failures).toBe(8);
  });

  it('starts from the previous state and resets after a success', () => {
    const s3 = afterFailure({ failures: 2, nextAttemptAt: NOW - 1 }, NOW, MIN, http503);
    expect(s3).toEqual({ failures: 3, nextAttemptAt: NOW + 4 * MIN });
    const ok = afterSuccess(NOW, MIN);
    expect(afterFailure(ok, NOW, MIN, http503)).toEqual({ failures: 1, nextAttemptAt: NOW + MIN });
  });

  it('Retry-After is a floor: never sooner than now + retryAfterMs', () => {
    // Retry-After longer than the backoff wins.
    expect(afterFailure(undefined, NOW, MIN, { code: 'rate_limited', message: 'x', httpStatus: 429 }, 10 * MIN)).toEqual({
      failures: 1,
      nextAttemptAt: NOW + 10 * MIN,
    });
    // Retry-After shorter than the backoff does not shorten it.
    expect(afterFailure({ failures: 4, nextAttemptAt: NOW }, NOW, MIN, http503, 5_000)).toEqual({
      failures: 5,
      nextAttemptAt: NOW + 16 * MIN,
    });
    // Retry-After may exceed the 30 min cap, up to 6 h.
    expect(afterFailure(undefined, NOW, MIN, http503, 2 * HOUR).nextAttemptAt).toBe(NOW + 2 * HOUR);
    expect(afterFailure(undefined, NOW, MIN, http503, 48 * HOUR).nextAttemptAt).toBe(NOW + 6 * HOUR);
    // Zero or nonsense is ignored.
    expect(afterFailure(undefined, NOW, MIN, http503, 0).nextAttemptAt).toBe(NOW + MIN);
    expect(afterFailure(undefined, NOW, MIN, http503, Number.NaN).nextAttemptAt).toBe(NOW + MIN);
  });

  it('errors that look permanent back off exactly like the others', () => {
    const kinds: Problem[] = [
      { code: 'html', message: 'the status page answered with HTML — it may have moved' },
      { code: 'schema', message: 'x' },
      { code: 'redirect', message: 'x' },
      { code: 'http', message: 'the status page answered HTTP 404 — the feed may have moved', httpStatus: 404 },
    ];
    for (const p of kinds) {
      expect(afterFailure({ failures: 1, nextAttemptAt: NOW }, NOW, MIN, p)).toEqual({ failures: 2, nextAttemptAt: NOW + 2 * MIN });
    }
  });

  it('an interval longer than 30 min is never shortened by failing', () => {
    expect(afterFailure({ failures: 3, nextAttemptAt: NOW }, NOW, HOUR, http503)).toEqual({ failures: 4, nextAttemptAt: NOW + HOUR });
  });

  it('survives nonsense in stored state and many failures', () => {
    expect(afterFailure({ failures: Number.NaN, nextAttemptAt: NOW }, NOW, MIN, http503)).toEqual({
      failures: 1,
      nextAttemptAt: NOW + MIN,
    });
    expect(afterFailure({ failures: 10_000, nextAttemptAt: NOW }, NOW, MIN, http503)).toEqual({
      failures: 10_001,
      nextAttemptAt: NOW + 30 * MIN,
    });
  });

  it('isDue: no state → due; due exactly at nextAttemptAt, not before', () => {
    expect(isDue(undefined, NOW)).toBe(true);
    const s = { failures: 1, nextAttemptAt: NOW + 1000 };
    expect(isDue(s, NOW)).toBe(false);
    expect(isDue(s, NOW + 999)).toBe(false);
    expect(isDue(s, NOW + 1000)).toBe(true);
    expect(isDue(s, NOW + 5000)).toBe(true);
  });
});
