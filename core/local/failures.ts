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
  /**
   * The browser's error for failures, as webNavigation.onErrorOccurred gave it: Chromium's
   * "net::ERR_CONNECTION_REFUSED", or Firefox's "Error code 2152398861" (see canonicalNetError).
   */
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

/**
 * Firefox reports `webNavigation.onErrorOccurred` errors as "Error code <n>", n being the numeric
 * nsresult (xpcom/base/ErrorList.py), not as net::ERR_* names. Network-module results are
 * 0x804B0000 + code. Each one we can judge is translated to the Chromium error of the same kind,
 * so the rules above stay the one definition for both browsers. Anything not listed (aborted
 * navigations, blocked loads — tracking protection, safe browsing, content policies live in other
 * modules — redirects, malformed URIs) keeps its raw string and never counts.
 */
const NS_NET = 0x804b0000;
const FIREFOX_NET_ERRORS: Readonly<Record<number, string>> = {
  [NS_NET + 2]: 'net::ERR_ABORTED', // NS_BINDING_ABORTED: the person stopped or left
  [NS_NET + 13]: 'net::ERR_CONNECTION_REFUSED', // NS_ERROR_CONNECTION_REFUSED
  [NS_NET + 14]: 'net::ERR_CONNECTION_TIMED_OUT', // NS_ERROR_NET_TIMEOUT
  [NS_NET + 16]: 'net::ERR_INTERNET_DISCONNECTED', // NS_ERROR_OFFLINE: the browser is in offline mode
  [NS_NET + 20]: 'net::ERR_CONNECTION_RESET', // NS_ERROR_NET_RESET
  [NS_NET + 30]: 'net::ERR_NAME_NOT_RESOLVED', // NS_ERROR_UNKNOWN_HOST
  [NS_NET + 42]: 'net::ERR_PROXY_CONNECTION_FAILED', // NS_ERROR_UNKNOWN_PROXY_HOST: the person's proxy
  [NS_NET + 71]: 'net::ERR_CONNECTION_CLOSED', // NS_ERROR_NET_INTERRUPT: connection dropped mid-transfer
  [NS_NET + 72]: 'net::ERR_PROXY_CONNECTION_FAILED', // NS_ERROR_PROXY_CONNECTION_REFUSED: the person's proxy
  [NS_NET + 76]: 'net::ERR_CONNECTION_CLOSED', // NS_ERROR_NET_PARTIAL_TRANSFER
  [NS_NET + 82]: 'net::ERR_HTTP2_INADEQUATE_TRANSPORT_SECURITY', // NS_ERROR_NET_INADEQUATE_SECURITY
  [NS_NET + 83]: 'net::ERR_HTTP2_PROTOCOL_ERROR', // NS_ERROR_NET_HTTP2_SENT_GOAWAY
  [NS_NET + 84]: 'net::ERR_QUIC_PROTOCOL_ERROR', // NS_ERROR_NET_HTTP3_PROTOCOL_ERROR
  [NS_NET + 85]: 'net::ERR_TIMED_OUT', // NS_ERROR_NET_TIMEOUT_EXTERNAL
};
/** NS_ERROR_MODULE_SECURITY (NSS/PSM: bad certificate, TLS handshake failure), like Chromium's SSL_/CERT_ errors. */
const NS_SECURITY_MIN = 0x805a0000;
const NS_SECURITY_MAX = 0x805affff;

/** The browser's navigation error in Chromium's vocabulary (Firefox's numeric codes translated); others unchanged. */
export function canonicalNetError(error: string): string {
  const m = /^Error code (\d+)$/.exec(error);
  if (!m) return error;
  const code = Number(m[1]);
  if (code >= NS_SECURITY_MIN && code <= NS_SECURITY_MAX) return 'net::ERR_SSL_PROTOCOL_ERROR';
  return FIREFOX_NET_ERRORS[code] ?? error;
}

export function isSiteFailure(error: string | undefined): boolean {
  return !!error && SITE_ERRORS.test(canonicalNetError(error));
}

export function isOfflineError(error: string | undefined): boolean {
  return !!error && OFFLINE_ERRORS.test(canonicalNetError(error));
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
  const ctx = navContext(serviceId, events, now, online);
  const discounted = mine.length > 0 ? discountOf(ctx.offline, ctx.othersFailing, ctx.othersLoading) : null;

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

/**
 * What the last 5 minutes of navigations say about this browser's own connection, seen from one
 * service: whether it is offline, and how many loads of other sites failed or succeeded.
 */
export function navContext(
  serviceId: string,
  events: readonly NavEvent[],
  now: number,
  online: boolean,
): { offline: boolean; othersFailing: number; othersLoading: number } {
  const inWindow = events.filter((e) => now - e.at <= LOCAL_WINDOW_MS && e.at <= now + 60_000);
  const others = inWindow.filter((e) => e.serviceId !== serviceId);
  return {
    offline: !online || inWindow.some((e) => isOfflineError(e.error)),
    othersFailing: others.filter((e) => !e.ok && (isSiteFailure(e.error) || isOfflineError(e.error))).length,
    othersLoading: others.filter((e) => e.ok).length,
  };
}

/**
 * Why this browser's failures of a service do not count now, or null when they do: the browser is
 * offline, or other sites fail too and none loads (the person's own network, not the service).
 * One rule for failed loads (above) and failed requests (./requests.ts).
 */
export function discountOf(offline: boolean, othersFailing: number, othersLoading: number): LocalEvidence['discounted'] {
  if (offline) return 'offline';
  if (othersFailing >= 2 && othersLoading === 0) return 'other_sites_failing';
  return null;
}

/** What kind of network failure an error is, to name it ("connection reset", "timed out"). */
export type FailureKind = 'reset' | 'refused' | 'timeout' | 'tls' | 'dns';

/**
 * Firefox's `webRequest.onErrorOccurred` names errors by their nsresult name ("NS_ERROR_NET_RESET"),
 * or NSS/PSM's for TLS ("SSL_ERROR_…", "SEC_ERROR_…", "MOZILLA_PKIX_ERROR_…"), not net::ERR_*.
 * Each one we can judge is translated to the Chromium error of the same kind, so SITE_ERRORS and
 * OFFLINE_ERRORS stay the one definition. Anything else — NS_BINDING_ABORTED (the page stopped
 * it), NS_ERROR_ABORT (an extension or ad blocker cancelled it), tracking protection's
 * NS_ERROR_*_URI — keeps its name and never counts.
 */
const FIREFOX_REQUEST_ERRORS: Readonly<Record<string, string>> = {
  NS_BINDING_ABORTED: 'net::ERR_ABORTED',
  NS_ERROR_ABORT: 'net::ERR_BLOCKED_BY_CLIENT',
  NS_ERROR_CONNECTION_REFUSED: 'net::ERR_CONNECTION_REFUSED',
  NS_ERROR_NET_TIMEOUT: 'net::ERR_CONNECTION_TIMED_OUT',
  NS_ERROR_NET_TIMEOUT_EXTERNAL: 'net::ERR_TIMED_OUT',
  NS_ERROR_OFFLINE: 'net::ERR_INTERNET_DISCONNECTED',
  NS_ERROR_NET_RESET: 'net::ERR_CONNECTION_RESET',
  NS_ERROR_NET_INTERRUPT: 'net::ERR_CONNECTION_CLOSED',
  NS_ERROR_NET_PARTIAL_TRANSFER: 'net::ERR_CONNECTION_CLOSED',
  NS_ERROR_UNKNOWN_HOST: 'net::ERR_NAME_NOT_RESOLVED',
  NS_ERROR_UNKNOWN_PROXY_HOST: 'net::ERR_PROXY_CONNECTION_FAILED',
  NS_ERROR_PROXY_CONNECTION_REFUSED: 'net::ERR_PROXY_CONNECTION_FAILED',
  NS_ERROR_NET_HTTP2_SENT_GOAWAY: 'net::ERR_HTTP2_PROTOCOL_ERROR',
  NS_ERROR_NET_HTTP3_PROTOCOL_ERROR: 'net::ERR_QUIC_PROTOCOL_ERROR',
};

/** A request error in Chromium's vocabulary: Firefox's names translated, anything else unchanged. */
export function canonicalRequestError(error: string): string {
  if (/^(SSL_ERROR_|SEC_ERROR_|MOZILLA_PKIX_ERROR_)[A-Z0-9_]+$/.test(error)) return 'net::ERR_SSL_PROTOCOL_ERROR';
  return FIREFOX_REQUEST_ERRORS[error] ?? error;
}

/**
 * The kind of a request error that counts as the site failing (`isSiteFailure`), or null for one
 * that does not (aborted, blocked by an ad blocker, offline, unknown).
 */
export function failureKind(error: string | undefined): FailureKind | null {
  if (!error) return null;
  const e = canonicalRequestError(error);
  if (!isSiteFailure(e)) return null;
  if (/NAME_NOT_RESOLVED|NAME_RESOLUTION_FAILED/.test(e)) return 'dns';
  if (/SSL_|CERT_/.test(e)) return 'tls';
  if (/TIMED_OUT/.test(e)) return 'timeout';
  if (/CONNECTION_REFUSED|CONNECTION_FAILED|ADDRESS_UNREACHABLE|TUNNEL_CONNECTION_FAILED/.test(e)) return 'refused';
  return 'reset'; // reset, closed, empty response, HTTP/2 or QUIC protocol errors: the connection dropped
}

/** Whether a request error says this browser is offline (Firefox's names translated first). */
export function isOfflineRequestError(error: string | undefined): boolean {
  return !!error && isOfflineError(canonicalRequestError(error));
}
