/**
 * "Tell me when it's back" (issue 17 item 4): a one-off watch a person sets from the popup of a
 * service in trouble. It notifies once when the provider's verdict is back to `resolved` or `ok`,
 * or — for a site this browser failed to reach — when a retry of the site answers again (then the
 * notification offers to reload the tabs that show it), and removes itself.
 *
 * Kept in `storage.local` under `backWatch` (`{ [serviceId]: { since } }`): it must survive the
 * worker and the browser restarting, and it holds nothing but service ids and times. Expires after
 * 7 days so a forgotten watch never lingers. The decisions are pure (`backNow`).
 */
import type { KeyValueArea } from './storage';
import type { Verdict } from './model';

export const BACK_WATCH_KEY = 'backWatch';
export const BACK_WATCH_TTL_MS = 7 * 24 * 60 * 60_000;

export type BackWatches = Record<string, { since: number }>;

function asWatches(raw: unknown, now: number): BackWatches {
  const out: BackWatches = {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return out;
  for (const [id, v] of Object.entries(raw as Record<string, unknown>)) {
    const since = (v as { since?: unknown } | null)?.since;
    if (typeof since === 'number' && Number.isFinite(since) && now - since <= BACK_WATCH_TTL_MS) out[id] = { since };
  }
  return out;
}

export async function loadBackWatches(local: KeyValueArea, now: number): Promise<BackWatches> {
  return asWatches((await local.get(BACK_WATCH_KEY))[BACK_WATCH_KEY], now);
}

let chain: Promise<unknown> = Promise.resolve();
/** Set (on) or remove (off) the one-off watch of a service. Serialised within a page/worker. */
export function setBackWatch(local: KeyValueArea, serviceId: string, on: boolean, now: number): Promise<void> {
  const p = chain.then(async () => {
    const all = await loadBackWatches(local, now);
    if (on) all[serviceId] = { since: now };
    else delete all[serviceId];
    await local.set({ [BACK_WATCH_KEY]: all });
  });
  chain = p.catch(() => undefined);
  return p;
}

/** Verdicts a person may ask "tell me when it's back" about. */
export function mayWatchBack(v: Verdict, localFailures: boolean): boolean {
  return v === 'acknowledged' || v === 'unacknowledged' || localFailures;
}

/**
 * Whether a watched service is back: the provider says resolved or ok, and nothing this browser or
 * people see says otherwise (`ok`/`resolved` already mean that: complaints make it unacknowledged).
 * `unknown` is never "back": we cannot tell.
 */
export function backNow(v: Verdict): boolean {
  return v === 'ok' || v === 'resolved';
}

export interface BackCheck {
  serviceId: string;
  name: string;
  verdict: Verdict;
  /** Hostnames of the service this browser failed to reach recently (core/local), for the retry. */
  failedHosts: readonly string[];
}

export interface BackDeps {
  local: KeyValueArea;
  now: number;
  fetch: typeof globalThis.fetch;
  /** Show a notification; `reload` = clicking it should reload the service's tabs. */
  notify(serviceId: string, title: string, message: string, reload: boolean): Promise<void>;
  words: {
    back(name: string): { title: string; message: string };
    answers(name: string, host: string): { title: string; message: string };
  };
}

/** Time a retry of a failed site may take before it counts as still failing. */
const RETRY_TIMEOUT_MS = 10_000;

/**
 * A retry of a site this browser failed to reach: an opaque (`no-cors`) request without cookies to
 * its front page. It needs no host permission and reads nothing of the answer: any answer at all
 * means the site is reachable again; a network error or a timeout means it is not.
 */
async function siteAnswers(host: string, fetchFn: typeof globalThis.fetch): Promise<boolean> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), RETRY_TIMEOUT_MS);
  try {
    await fetchFn(`https://${host}/`, { mode: 'no-cors', credentials: 'omit', cache: 'no-store', redirect: 'follow', signal: ctl.signal });
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * For each service with a one-off watch: back (provider says so) → notify and remove; still in
 * trouble but this browser failed to reach it → retry the site, and when it answers, notify with
 * the offer to reload and remove. Idempotent: the watch is removed before the notification shows.
 */
export async function runBackWatches(checks: readonly BackCheck[], d: BackDeps): Promise<void> {
  const watches = await loadBackWatches(d.local, d.now);
  for (const c of checks) {
    if (!watches[c.serviceId]) continue;
    if (backNow(c.verdict)) {
      await setBackWatch(d.local, c.serviceId, false, d.now);
      const w = d.words.back(c.name);
      await d.notify(c.serviceId, w.title, w.message, false);
      continue;
    }
    const host = c.failedHosts[0];
    if (host && (await siteAnswers(host, d.fetch))) {
      await setBackWatch(d.local, c.serviceId, false, d.now);
      const w = d.words.answers(c.name, host);
      await d.notify(c.serviceId, w.title, w.message, true);
    }
  }
}
