import { describe, expect, it } from 'vitest';
import { canonicalNetError, isOfflineError, isSiteFailure, localEvidence, pruneEvents, type NavEvent } from '../../../core/local/failures';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const s = 1000;
const fail = (secAgo: number, error = 'net::ERR_CONNECTION_REFUSED', serviceId: string | null = 'discord'): NavEvent => ({
  at: NOW - secAgo * s,
  serviceId,
  ok: false,
  error,
  ...(serviceId ? { host: 'discord.com' } : {}),
});
const load = (secAgo: number, serviceId: string | null = null): NavEvent => ({ at: NOW - secAgo * s, serviceId, ok: true });

describe('localEvidence', () => {
  it('three refused loads within 5 minutes while other sites load → trouble since the first', () => {
    const ev = localEvidence('discord', [fail(200), fail(100), load(90), fail(10)], [], NOW, true);
    expect(ev).toMatchObject({ trouble: true, failures: 3, since: NOW - 200 * s, hosts: ['discord.com'], manual: false, discounted: null });
  });
  it('two failures are not enough', () => {
    expect(localEvidence('discord', [fail(100), fail(10)], [], NOW, true).trouble).toBe(false);
  });
  it('failures older than 5 minutes do not count', () => {
    expect(localEvidence('discord', [fail(400), fail(350), fail(10)], [], NOW, true).trouble).toBe(false);
  });
  it('the person is offline → not counted', () => {
    const ev = localEvidence('discord', [fail(100), fail(50), fail(10)], [], NOW, false);
    expect(ev).toMatchObject({ trouble: false, discounted: 'offline' });
  });
  it('an ERR_INTERNET_DISCONNECTED in the window → the person is offline, not counted', () => {
    const ev = localEvidence('discord', [fail(100), fail(50), fail(10), fail(5, 'net::ERR_INTERNET_DISCONNECTED', null)], [], NOW, true);
    expect(ev.discounted).toBe('offline');
    expect(ev.trouble).toBe(false);
  });
  it("other sites failing too and none loading → the person's network, not counted", () => {
    const events = [fail(100), fail(50), fail(10), fail(40, 'net::ERR_NAME_NOT_RESOLVED', null), fail(20, 'net::ERR_TIMED_OUT', null)];
    expect(localEvidence('discord', events, [], NOW, true)).toMatchObject({ trouble: false, discounted: 'other_sites_failing' });
  });
  it('other sites failing but others also loading → still the service', () => {
    const events = [fail(100), fail(50), fail(10), fail(40, 'net::ERR_TIMED_OUT', null), fail(20, 'net::ERR_TIMED_OUT', null), load(15)];
    expect(localEvidence('discord', events, [], NOW, true).trouble).toBe(true);
  });
  it('aborted or ad-blocked loads are not failures', () => {
    const events = [fail(100, 'net::ERR_ABORTED'), fail(50, 'net::ERR_BLOCKED_BY_CLIENT'), fail(10, 'net::ERR_ABORTED')];
    expect(localEvidence('discord', events, [], NOW, true).trouble).toBe(false);
  });
  it("another service's failures do not count for this one", () => {
    const gh = (a: number) => ({ ...fail(a), serviceId: 'github', host: 'github.com' });
    expect(localEvidence('discord', [gh(100), gh(50), gh(10)], [], NOW, true).trouble).toBe(false);
  });
  it('"It\'s broken for me" alone is trouble, for an hour', () => {
    expect(localEvidence('discord', [], [{ serviceId: 'discord', at: NOW - 30 * 60 * s }], NOW, true)).toMatchObject({
      trouble: true,
      manual: true,
      since: NOW - 30 * 60 * s,
    });
    expect(localEvidence('discord', [], [{ serviceId: 'discord', at: NOW - 61 * 60 * s }], NOW, true).trouble).toBe(false);
  });
});

describe('helpers', () => {
  it.each([
    ['net::ERR_CONNECTION_REFUSED', true],
    ['net::ERR_CONNECTION_RESET', true],
    ['net::ERR_TIMED_OUT', true],
    ['net::ERR_SSL_PROTOCOL_ERROR', true],
    ['net::ERR_CERT_DATE_INVALID', true],
    ['net::ERR_NAME_NOT_RESOLVED', true],
    ['net::ERR_ABORTED', false],
    ['net::ERR_BLOCKED_BY_CLIENT', false],
    ['net::ERR_INTERNET_DISCONNECTED', false],
    [undefined, false],
  ])('isSiteFailure(%s) = %s', (e, want) => expect(isSiteFailure(e)).toBe(want));

  // The same failure, as each browser's webNavigation.onErrorOccurred reports it. Chromium's names and
  // Firefox's "Error code <nsresult>" strings. Seen for real: Chromium 'net::ERR_CONNECTION_RESET' and
  // Firefox 153 ESR 'Error code 2152398868' for the demo server's reset of discord.com (test/e2e,
  // browsers.spec.ts), Firefox 'Error code 2152398850' for an aborted navigation; the others are
  // computed from Firefox's error table (xpcom/base/ErrorList.py: network module 0x804B0000 + n).
  it.each([
    // kind           Chromium                          Firefox                     counts  offline
    ['reset', 'net::ERR_CONNECTION_RESET', 'Error code 2152398868', true, false],
    ['refused', 'net::ERR_CONNECTION_REFUSED', 'Error code 2152398861', true, false],
    ['timeout', 'net::ERR_CONNECTION_TIMED_OUT', 'Error code 2152398862', true, false],
    ['unknown host', 'net::ERR_NAME_NOT_RESOLVED', 'Error code 2152398878', true, false],
    ['interrupted', 'net::ERR_CONNECTION_CLOSED', 'Error code 2152398919', true, false],
    ['TLS / certificate', 'net::ERR_CERT_AUTHORITY_INVALID', 'Error code 2153390067', true, false],
    ['offline', 'net::ERR_INTERNET_DISCONNECTED', 'Error code 2152398864', false, true],
    ['proxy refused', 'net::ERR_PROXY_CONNECTION_FAILED', 'Error code 2152398920', false, true],
    ['aborted', 'net::ERR_ABORTED', 'Error code 2152398850', false, false],
    // Blocked loads never count. Firefox: tracking protection (NS_ERROR_TRACKING_URI) and a content policy (NS_ERROR_CONTENT_BLOCKED).
    ['blocked', 'net::ERR_BLOCKED_BY_CLIENT', 'Error code 2153578530', false, false],
    ['blocked', 'net::ERR_BLOCKED_BY_ADMINISTRATOR', 'Error code 2153644038', false, false],
  ])('%s: %s and %s are judged alike', (_kind, chromium, firefox, site, offline) => {
    expect(isSiteFailure(chromium)).toBe(site);
    expect(isSiteFailure(firefox)).toBe(site);
    expect(isOfflineError(chromium)).toBe(offline);
    expect(isOfflineError(firefox)).toBe(offline);
  });

  it('Firefox codes translate to the Chromium error of the same kind; anything unknown stays as it was', () => {
    expect(canonicalNetError('Error code 2152398868')).toBe('net::ERR_CONNECTION_RESET');
    expect(canonicalNetError('Error code 2152398850')).toBe('net::ERR_ABORTED');
    expect(canonicalNetError('Error code 1')).toBe('Error code 1');
    expect(canonicalNetError('net::ERR_FAILED')).toBe('net::ERR_FAILED');
    expect(canonicalNetError('Error code 2152398868 ')).toBe('Error code 2152398868 ');
  });

  it('three Firefox resets of discord.com while other sites load → trouble, as with Chromium', () => {
    const ff = (secAgo: number) => fail(secAgo, 'Error code 2152398868');
    expect(localEvidence('discord', [ff(100), load(90), ff(50), ff(10)], [], NOW, true)).toMatchObject({ trouble: true, failures: 3 });
    // Firefox in offline mode: not the service.
    const events = [ff(100), ff(50), ff(10), fail(5, 'Error code 2152398864', null)];
    expect(localEvidence('discord', events, [], NOW, true)).toMatchObject({ trouble: false, discounted: 'offline' });
    // Three aborted navigations are not an outage.
    const aborted = (secAgo: number) => fail(secAgo, 'Error code 2152398850');
    expect(localEvidence('discord', [aborted(100), aborted(50), aborted(10)], [], NOW, true).trouble).toBe(false);
  });

  it('pruneEvents keeps the last 15 minutes, bounded', () => {
    const many = Array.from({ length: 500 }, (_, i) => load(i));
    const kept = pruneEvents([load(16 * 60), ...many.reverse()], NOW);
    expect(kept.length).toBe(200);
    expect(kept.every((e) => NOW - e.at <= 15 * 60 * s)).toBe(true);
  });
});
