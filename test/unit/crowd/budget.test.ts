import { describe, expect, it } from 'vitest';
import {
  budgetGate,
  canSpend,
  DEFAULT_BUDGETS,
  HOUR_MS,
  newBudget,
  pruneBudget,
  remaining,
  spend,
  waitMs,
} from '../../../core/crowd/budget';
import { NOW } from './helpers';

describe('request budget', () => {
  it('allows `limit` requests per sliding hour', () => {
    let b = newBudget(3);
    for (let i = 0; i < 3; i++) {
      expect(canSpend(b, NOW + i)).toBe(true);
      b = spend(b, NOW + i);
    }
    expect(canSpend(b, NOW + 10)).toBe(false);
    expect(remaining(b, NOW + 10)).toBe(0);
    // The first one expires one hour after it was made.
    expect(waitMs(b, NOW + 10)).toBe(HOUR_MS - 10);
    expect(canSpend(b, NOW + HOUR_MS)).toBe(true);
    expect(remaining(b, NOW + HOUR_MS + 2)).toBe(3);
  });

  it('is pure: spend returns a new state', () => {
    const a = newBudget(2);
    const b = spend(a, NOW);
    expect(a.spent).toEqual([]);
    expect(b.spent).toEqual([NOW]);
  });

  it('survives garbage and a clock that went back', () => {
    const s = pruneBudget({ limit: 2, windowMs: HOUR_MS, spent: [NaN, NOW + 5 * HOUR_MS, NOW - 2 * HOUR_MS] as number[] }, NOW);
    expect(s.spent).toEqual([NOW]);
    expect(pruneBudget({ limit: -1, windowMs: -5, spent: 'x' as unknown as number[] }, NOW)).toEqual({
      limit: 0,
      windowMs: HOUR_MS,
      spent: [],
    });
  });

  it('limit 0 never allows', () => {
    const g = budgetGate(newBudget(0));
    expect(g.take(NOW)).toBe(false);
    expect(g.waitMs(NOW)).toBe(HOUR_MS);
  });

  it('gate takes until exhausted and exposes the state to persist', () => {
    const g = budgetGate(newBudget(2));
    expect(g.take(NOW)).toBe(true);
    expect(g.take(NOW + 1)).toBe(true);
    expect(g.take(NOW + 2)).toBe(false);
    expect(g.state.spent).toEqual([NOW, NOW + 1]);
    expect(g.limit).toBe(2);
  });

  it('has a default for every source', () => {
    expect(Object.keys(DEFAULT_BUDGETS).sort()).toEqual(['bluesky', 'browsers', 'hn', 'isdown', 'mastodon']);
  });
});
