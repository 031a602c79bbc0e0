/** Issue 17 item 3: snooze (1 h, until tomorrow, until resolved) and a minimum severity for notifications. */
import { describe, expect, it } from 'vitest';
import { snoozeFor } from '../../../components/OptionsSnooze';
import type { Transition } from '../../../core/history/episodes';
import { DEFAULT_NOTIFICATION_PREFS, shouldNotify, snoozed, type NotificationPrefs } from '../../../core/notify';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const HOUR = 3_600_000;
const tr = (kind: Transition['kind']): Transition => ({
  kind,
  serviceId: 'github',
  episodeId: `github:${NOW}`,
  at: NOW,
  delayMs: null,
  providerFirst: true,
});
const prefs = (over: Partial<NotificationPrefs>): NotificationPrefs => ({ ...DEFAULT_NOTIFICATION_PREFS, ...over });
const ctx = (over = {}) => ({
  watched: true,
  now: NOW,
  tzOffsetMin: 0,
  recent: [],
  severity: 'minor' as const,
  episodeStartedAt: NOW - HOUR,
  ...over,
});

describe('snooze', () => {
  it('1 hour and until tomorrow end when they say', () => {
    const hour = snoozeFor('1h', NOW)!;
    expect(hour).toEqual({ until: NOW + HOUR, since: NOW });
    const p = prefs({ snoozed: { github: hour } });
    expect(shouldNotify(tr('acknowledged'), p, ctx())).toBe(false);
    expect(shouldNotify(tr('resolved'), p, ctx())).toBe(false);
    expect(shouldNotify(tr('acknowledged'), p, ctx({ now: NOW + HOUR + 1 }))).toBe(true);
    const tomorrow = snoozeFor('tomorrow', NOW)!;
    expect(new Date(tomorrow.until!).getHours()).toBe(0); // next local midnight
    expect(tomorrow.until! - NOW).toBeGreaterThan(0);
    expect(tomorrow.until! - NOW).toBeLessThanOrEqual(24 * HOUR);
    expect(snoozeFor('', NOW)).toBeNull();
  });

  it('until resolved: silent for the trouble open when snoozed, except its resolution; a later episode is told', () => {
    const p = prefs({ snoozed: { github: snoozeFor('resolved', NOW)! } });
    expect(snoozed(tr('acknowledged'), p, ctx())).toBe(true);
    expect(snoozed(tr('monitoring'), p, ctx())).toBe(true);
    expect(shouldNotify(tr('resolved'), p, ctx())).toBe(true);
    expect(shouldNotify(tr('unacknowledged'), p, ctx({ episodeStartedAt: NOW + 2 * HOUR, now: NOW + 2 * HOUR }))).toBe(true);
  });

  it('other services are not affected; the permanent mute still wins', () => {
    const p = prefs({ snoozed: { npm: snoozeFor('1h', NOW)! } });
    expect(shouldNotify(tr('acknowledged'), p, ctx())).toBe(true);
    expect(shouldNotify(tr('acknowledged'), prefs({ muted: ['github'] }), ctx())).toBe(false);
  });
});

describe('minimum severity', () => {
  it('"major" tells major acknowledgements only; trouble without word and resolutions are still told', () => {
    const p = prefs({ minSeverity: 'major' });
    expect(shouldNotify(tr('acknowledged'), p, ctx({ severity: 'minor' }))).toBe(false);
    expect(shouldNotify(tr('monitoring'), p, ctx({ severity: 'minor' }))).toBe(false);
    expect(shouldNotify(tr('acknowledged'), p, ctx({ severity: 'major' }))).toBe(true);
    expect(shouldNotify(tr('unacknowledged'), p, ctx({ severity: null }))).toBe(true);
    expect(shouldNotify(tr('resolved'), p, ctx({ severity: null }))).toBe(true);
    expect(shouldNotify(tr('acknowledged'), prefs({ minSeverity: 'any' }), ctx({ severity: 'minor' }))).toBe(true);
  });
});
