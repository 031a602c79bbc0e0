/**
 * This browser's own evidence: failed main-frame loads of a service's sites, and the person's own
 * "it's broken for me". Pure: events in, judgement out.
 *
 * docs/design.md: "at least 3 failed main-frame loads of the service's sites within 5 minutes while other
 * sites load, or the person's own 'it's broken for me'". Failures while the browser is offline, or
 * while other sites fail too (the person's own network), do not count.
 *
 * Privacy: only catalog service ids are kept for failures; loads of other sites are kept as a bare
 * success/failure mark with no hostname.
 */

export interface NavEvent {
  at: number;
  /** Catalog id of the service whose site was loaded; null for any other site (no hostname kept). */
  serviceId: string | null;
  ok: boolean;
  /** Chromium net error (e.g. "net::ERR_CONNECTION_REFUSED") for failures. */
  error?: string;
  /** The hostname, only for a catalogued service's site (shown in the popup: "failed to reach discord.com"). */
  host?: string;
}

export interface ManualReport {
  serviceId: string;
  at: number;
}

export interface LocalEvidence {
  trouble: boolean;
  /** Failed loads of this service's sites in the window. */
  failures: number;
  /** First failure (or report) of the current run, epoch ms. */
  since: number | null;
  hosts: string[];
  manual: boolean;
  /** Why failures were not counted, when they were not. */
  discounted: 'offline' | 'other_sites_failing' | null;
}

export const LOCAL_WINDOW_MS = 5 * 60_000;
export const LOCAL_MIN_FAILURES = 3;
/** A manual report counts for this long (the person can undo it sooner). */
export const MANUAL_REPORT_MS = 60 * 60_000;
/** Events older than this are dropped from storage. */
export const KEEP_EVENTS_MS = 15 * 60_000;
export const MAX_EVENTS = 200;

/**
 * Errors that say "the site did not answer properly". Not: ERR_ABORTED (the person stopped or left),
 * ERR_BLOCKED_BY_CLIENT (an ad blocker), ERR_INTERNET_DISCONNECTED / ERR_NETWORK_CHANGED (the
 * person's own connection), ERR_NAME_NOT_RESOLVED only when everything fails (covered by the
 * other-sites rule).
 */
const SITE_ERRORS =
  /^net::ERR_(CONNECTION_(REFUSED|RESET|CLOSED|TIMED_OUT|FAILED)|TIMED_OUT|EMPTY_RESPONSE|ADDRESS_UNREACHABLE|NAME_NOT_RESOLVED|NAME_RESOLUTION_FAILED|SSL_[A-Z_]+|CERT_[A-Z_]+|HTTP2_[A-Z_]+|QUIC_PROTOCOL_ERROR|INVALID_RESPONSE|RESPONSE_HEADERS_TRUNCATED|TUNNEL_CONNECTION_FAILED)$/;
const OFFLINE_ERRORS = /^net::ERR_(INTERNET_DISCONNECTED|NETWORK_CHANGED|NETWORK_ACCESS_DENIED|PROXY_CONNECTION_FAILED)$/;

export function isSiteFailure(error: string | undefined): boolean {
  return !!error && SITE_ERRORS.test(error);
}

export function isOfflineError(error: string | undefined): boolean {
  return !!error && OFFLINE_ERRORS.test(error);
}

/** Keep only what the judgement can still use: recent, bounded. */
export function pruneEvents(events: NavEvent[], now: number): NavEvent[] {
  return events.filter((e) => now - e.at <= KEEP_EVENTS_MS && e.at <= now + 60_000).slice(-MAX_EVENTS);
}

export function localEvidence(
  serviceId: string,
  events: readonly NavEvent[],
  reports: readonly ManualReport[],
  now: number,
  online: boolean,
): LocalEvidence {
  const report = reports.filter((r) => r.serviceId === serviceId && now - r.at <= MANUAL_REPORT_MS).sort((a, b) => a.at - b.at)[0];
  const inWindow = events.filter((e) => now - e.at <= LOCAL_WINDOW_MS && e.at <= now + 60_000);
  const mine = inWindow.filter((e) => e.serviceId === serviceId && !e.ok && isSiteFailure(e.error));
  const others = inWindow.filter((e) => e.serviceId !== serviceId);
  const othersFailing = others.filter((e) => !e.ok && (isSiteFailure(e.error) || isOfflineError(e.error))).length;
  const othersLoading = others.filter((e) => e.ok).length;
  const offlineSeen = !online || inWindow.some((e) => isOfflineError(e.error));

  let discounted: LocalEvidence['discounted'] = null;
  if (mine.length > 0 && offlineSeen) discounted = 'offline';
  // Other sites failing and none loading: the person's own network, not the service.
  else if (mine.length > 0 && othersFailing >= 2 && othersLoading === 0) discounted = 'other_sites_failing';

  const failuresCount = discounted ? 0 : mine.length;
  const failing = failuresCount >= LOCAL_MIN_FAILURES;
  const starts = [...(failing ? [Math.min(...mine.map((e) => e.at))] : []), ...(report ? [report.at] : [])];
  return {
    trouble: failing || !!report,
    failures: mine.length,
    since: starts.length ? Math.min(...starts) : null,
    hosts: [...new Set(mine.map((e) => e.host).filter((h): h is string => !!h))],
    manual: !!report,
    discounted,
  };
}
