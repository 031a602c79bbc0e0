/**
 * This browser's failed requests to a service's own hosts (its `domains` and `apiHosts`), as
 * evidence: the page loads, but its API, playback or sync calls fail. Pure: outcomes in, counts
 * and a judgement out; the worker (./watch.ts) feeds it from `webRequest`.
 *
 * What counts (issue 13, PRODUCT.md "repeated failures"): answers with HTTP 5xx, and network
 * errors that say the host failed (reset, refused, timeout, TLS, DNS — `failureKind`, the same
 * classification as failed page loads). Never 4xx (the service answered; the request was wrong or
 * unauthorised), never aborted or blocked-by-client requests (the page or an ad blocker stopped
 * them), never while the browser is offline or other sites fail too (`discountOf`, the rule failed
 * page loads use).
 *
 * The rule: at least 3 failed requests AND at least a third of the requests failed, within the
 * last 5 minutes. A single failing request never does; neither do 3 failures among 100 successes
 * (one flaky endpoint of a working service).
 *
 * Privacy: only counts are kept, per service and minute: how many requests were answered, how
 * many got which 5xx status, how many failed with which kind of error. Never a URL, path, query
 * or hostname.
 */
import {
  LOCAL_MIN_FAILURES,
  LOCAL_WINDOW_MS,
  discountOf,
  failureKind,
  isOfflineRequestError,
  navContext,
  type FailureKind,
  type LocalEvidence,
  type NavEvent,
} from './failures';

/**
 * Counts are kept per minute and summed over the last five, so "the last 5 minutes" slides
 * instead of resetting to zero every fifth minute (which would flip a verdict back and forth).
 */
export const BUCKET_MS = 60_000;
/** Buckets older than this are dropped. */
export const KEEP_BUCKETS_MS = 15 * 60_000;
/** At most this many buckets are kept (services × minutes); the oldest go first. */
export const MAX_BUCKETS = 600;
/** At least 1/MIN_SHARE_DIVISOR of the requests in the window must have failed (with LOCAL_MIN_FAILURES): a third. */
export const MIN_SHARE_DIVISOR = 3;

export type RequestOutcome =
  /** Any HTTP answer below 500, 4xx included: the host is up. */
  | { type: 'answered' }
  /** An HTTP 5xx answer. */
  | { type: 'status'; code: number }
  /** A network error that says the host failed. */
  | { type: 'error'; kind: FailureKind }
  /** A failure while this browser was offline: remembered (it discounts the others), never counted. */
  | { type: 'offline' };

/** A completed request's status → its outcome; null for a status that says nothing (0, from a cache or service worker). */
export function outcomeOfStatus(statusCode: number): RequestOutcome | null {
  if (!Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) return null;
  return statusCode >= 500 ? { type: 'status', code: statusCode } : { type: 'answered' };
}

/** A request error → its outcome; null for errors that never count (aborted, blocked by an ad blocker, unknown). */
export function outcomeOfError(error: string, online: boolean): RequestOutcome | null {
  if (isOfflineRequestError(error)) return { type: 'offline' };
  const kind = failureKind(error);
  if (kind === null) return null;
  return online ? { type: 'error', kind } : { type: 'offline' };
}

export interface RequestBucket {
  serviceId: string;
  /** Start of the minute, epoch ms. */
  at: number;
  /** Requests answered below 500. */
  answered: number;
  /** 5xx answers by status code: { "503": 14 }. */
  status: Record<string, number>;
  /** Network failures by kind. */
  errors: Partial<Record<FailureKind, number>>;
  /** Failures while offline (not counted; they discount the rest). */
  offline: number;
  /** The first counted failure in this minute, epoch ms. */
  firstFailureAt: number | null;
}

export interface Observation {
  serviceId: string;
  at: number;
  outcome: RequestOutcome;
}

const failuresIn = (b: RequestBucket): number =>
  Object.values(b.status).reduce((a, n) => a + n, 0) + Object.values(b.errors).reduce((a, n) => a + (n ?? 0), 0);

/** Drop buckets too old (or too far in the future: clock changes) to matter, keep at most MAX_BUCKETS. */
export function pruneBuckets(buckets: readonly RequestBucket[], now: number): RequestBucket[] {
  return buckets
    .filter((b) => now - b.at < KEEP_BUCKETS_MS && b.at <= now + BUCKET_MS)
    .sort((a, b) => a.at - b.at)
    .slice(-MAX_BUCKETS);
}

/** Add observations to the counts (a new array; the input is not changed), pruned. */
export function addObservations(buckets: readonly RequestBucket[], observations: readonly Observation[], now: number): RequestBucket[] {
  const out = buckets.map((b) => ({ ...b, status: { ...b.status }, errors: { ...b.errors } }));
  const index = new Map(out.map((b) => [`${b.serviceId}|${b.at}`, b]));
  for (const o of observations) {
    const at = Math.floor(o.at / BUCKET_MS) * BUCKET_MS;
    const key = `${o.serviceId}|${at}`;
    let b = index.get(key);
    if (!b) {
      b = { serviceId: o.serviceId, at, answered: 0, status: {}, errors: {}, offline: 0, firstFailureAt: null };
      index.set(key, b);
      out.push(b);
    }
    switch (o.outcome.type) {
      case 'answered':
        b.answered++;
        break;
      case 'offline':
        b.offline++;
        break;
      case 'status': {
        const code = String(o.outcome.code);
        b.status[code] = (b.status[code] ?? 0) + 1;
        b.firstFailureAt = Math.min(b.firstFailureAt ?? o.at, o.at);
        break;
      }
      case 'error':
        b.errors[o.outcome.kind] = (b.errors[o.outcome.kind] ?? 0) + 1;
        b.firstFailureAt = Math.min(b.firstFailureAt ?? o.at, o.at);
        break;
    }
  }
  return pruneBuckets(out, now);
}

export interface RequestEvidence {
  /** Repeated failures: ≥ 3 failed and ≥ a third of the requests, not discounted. */
  trouble: boolean;
  /** Failed requests (5xx + network errors) in the window. */
  failed: number;
  /** Requests seen in the window (answered + failed; offline ones excluded). */
  total: number;
  /** 5xx codes with their counts, most frequent first: [["503", 14]]. */
  status: [string, number][];
  /** Network failure kinds with their counts, most frequent first. */
  errors: [FailureKind, number][];
  /** First failure in the window, when there is trouble. */
  since: number | null;
  /** Why failures were not counted, when they were not. */
  discounted: LocalEvidence['discounted'];
}

function sortedCounts<K extends string>(counts: Map<K, number>): [K, number][] {
  return [...counts].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/**
 * The judgement for one service over the last 5 minutes. `events` are the navigation outcomes
 * (./failures.ts): with the other services' request counts they tell whether this browser's own
 * connection, rather than the service, is failing.
 */
export function requestEvidence(
  serviceId: string,
  buckets: readonly RequestBucket[],
  events: readonly NavEvent[],
  now: number,
  online: boolean,
): RequestEvidence {
  const inWindow = buckets.filter((b) => now - b.at < LOCAL_WINDOW_MS && b.at <= now + BUCKET_MS);
  const mine = inWindow.filter((b) => b.serviceId === serviceId);
  const status = new Map<string, number>();
  const errors = new Map<FailureKind, number>();
  let answered = 0;
  let since: number | null = null;
  for (const b of mine) {
    answered += b.answered;
    for (const [code, n] of Object.entries(b.status)) status.set(code, (status.get(code) ?? 0) + n);
    for (const [kind, n] of Object.entries(b.errors) as [FailureKind, number][]) errors.set(kind, (errors.get(kind) ?? 0) + n);
    if (b.firstFailureAt !== null) since = Math.min(since ?? b.firstFailureAt, b.firstFailureAt);
  }
  const failed = mine.reduce((a, b) => a + failuresIn(b), 0);
  const total = answered + failed;

  // Other sites: page loads (navigation outcomes) and the other watched services' requests. A
  // network error elsewhere is "failing"; any HTTP answer elsewhere, 5xx included, is "loading"
  // (that server was reached, so this browser's connection works).
  const nav = navContext(serviceId, events, now, online);
  const others = inWindow.filter((b) => b.serviceId !== serviceId);
  const othersFailing = nav.othersFailing + others.reduce((a, b) => a + Object.values(b.errors).reduce((x, n) => x + (n ?? 0), 0), 0);
  const othersLoading = nav.othersLoading + others.reduce((a, b) => a + b.answered + Object.values(b.status).reduce((x, n) => x + n, 0), 0);
  const offline = nav.offline || inWindow.some((b) => b.offline > 0);
  const discounted = failed > 0 ? discountOf(offline, othersFailing, othersLoading) : null;

  const trouble = !discounted && failed >= LOCAL_MIN_FAILURES && failed * MIN_SHARE_DIVISOR >= total;
  return {
    trouble,
    failed,
    total,
    status: sortedCounts(status),
    errors: sortedCounts(errors),
    since: trouble ? since : null,
    discounted,
  };
}
