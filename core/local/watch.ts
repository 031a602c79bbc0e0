/**
 * The worker's side of "this browser's failed requests": `webRequest` completions and errors for
 * the hosts of services the person allowed → counts (./requests.ts) in storage.session → a
 * reconcile of those services when a failure arrives. The browser is passed in.
 *
 * Nothing happens without the permission: the hosts are optional host permissions, asked for one
 * service at a time ("Watch this site's requests"). The browser only reports requests to hosts the
 * extension holds permission for; on top of that a request counts only when the extension holds
 * permission for *all* of its service's hosts (`requestOrigins`) — so a status host the manifest
 * grants for reading a feed (www.apple.com) never makes Apple "observed" — and the person has not
 * turned observation off in options (`watchRequests`). The `webRequest` API permission itself is
 * granted at install (README "Permissions and why": no prompt in either browser, and Chromium does
 * not deliver its events to a running worker when it is granted at runtime).
 *
 * MV3: listeners are registered synchronously at every start, so a request wakes the worker. Counts are
 * written in batches: outcomes arriving while a write is under way join the next write, so a
 * storm of failing requests costs one storage write at a time, not one per request. A worker
 * killed between an event and its write loses at most that batch (milliseconds of counts).
 */
import type { WxtBrowser } from 'wxt/browser';
import { hostnameOf, type Catalog } from '../catalog/catalog';
import type { Directory } from '../services';
import type { Settings } from '../settings';
import { recordRequests, type KeyValueArea } from '../storage';
import { fromExtension, requestOrigins, requestOwner } from './observe';
import { outcomeOfError, outcomeOfStatus, type Observation, type RequestOutcome } from './requests';

export interface RequestWatchDeps {
  now: () => number;
  online: () => boolean;
  session: KeyValueArea;
  catalog: () => Promise<Catalog>;
  directory: () => Promise<Directory>;
  settings: () => Promise<Settings>;
  /** Services that just saw a failed request: judge them again (throttled here). */
  onFailures: (serviceIds: string[]) => void;
}

/** A reconcile per service at most this often while failures pour in (the next alarm tick catches the rest). */
export const RECONCILE_EVERY_MS = 2_000;
/** Every https request the browser will tell us about; the browser itself limits it to hosts we may see. */
const FILTER = { urls: ['https://*/*'] };

interface RequestDetails {
  url: string;
  statusCode?: number;
  error?: string;
  initiator?: string;
  originUrl?: string;
  documentUrl?: string;
}

export function watchRequests(b: WxtBrowser, deps: RequestWatchDeps) {
  let registered = false;
  /** Per service: whether the extension holds every host it would observe (cleared when permissions change). */
  const held = new Map<string, Promise<boolean>>();
  let pending: Observation[] = [];
  let writing: Promise<void> | null = null;
  const failedIds = new Set<string>();
  let reconcileTimer: ReturnType<typeof setTimeout> | null = null;
  let lastReconcile = 0;
  let context: Promise<[Catalog, Directory, Settings]> | null = null;

  async function holds(serviceId: string, origins: string[]): Promise<boolean> {
    let p = held.get(serviceId);
    if (!p) {
      p = b.permissions.contains({ origins }).catch(() => false);
      held.set(serviceId, p);
    }
    return p;
  }

  function tellFailures() {
    if (reconcileTimer) return;
    const wait = Math.max(0, lastReconcile + RECONCILE_EVERY_MS - deps.now());
    reconcileTimer = setTimeout(() => {
      reconcileTimer = null;
      lastReconcile = deps.now();
      const ids = [...failedIds];
      failedIds.clear();
      if (ids.length) deps.onFailures(ids);
    }, wait);
  }

  /** Write everything pending; outcomes arriving meanwhile go into the next write. */
  function flush(): Promise<void> {
    if (writing !== null) return writing;
    const batch = pending;
    pending = [];
    if (batch.length === 0) return Promise.resolve();
    const p: Promise<void> = recordRequests(deps.session, batch, deps.now())
      .catch(() => undefined) // storage trouble: these counts are lost, the next ones are tried again
      .then(() => {
        writing = null;
        for (const o of batch) if (o.outcome.type === 'status' || o.outcome.type === 'error') failedIds.add(o.serviceId);
        if (failedIds.size) tellFailures();
        if (pending.length) return flush();
      });
    writing = p;
    return p;
  }

  async function observe(d: RequestDetails, outcome: RequestOutcome | null) {
    if (!outcome || fromExtension(d)) return;
    const host = hostnameOf(d.url);
    if (!host) return;
    // Settings, catalog and directory are read once and kept until the settings change: a busy
    // page makes hundreds of requests a minute, and each must not cost three storage reads.
    context ??= Promise.all([deps.catalog(), deps.directory(), deps.settings()]).catch((e: unknown) => {
      context = null;
      throw e;
    });
    const [catalog, dir, s] = await context;
    if (!s.watchRequests) return;
    const service = requestOwner(
      host,
      (h) => dir.match(h),
      (h) => catalog.matchApiHost(h),
    );
    if (!service || !(await holds(service.id, requestOrigins(service)))) return;
    // Counts only: the service id, the minute and the outcome. The URL goes no further than here.
    pending.push({ serviceId: service.id, at: deps.now(), outcome });
    await flush();
  }

  function register() {
    const wr = b.webRequest;
    if (registered || !wr?.onCompleted) return;
    try {
      wr.onCompleted.addListener((d: RequestDetails) => {
        void observe(d, outcomeOfStatus(d.statusCode ?? 0)).catch(() => undefined);
      }, FILTER);
      wr.onErrorOccurred.addListener((d: RequestDetails) => {
        void observe(d, outcomeOfError(d.error ?? '', deps.online())).catch(() => undefined);
      }, FILTER);
      registered = true;
    } catch {
      // An API this browser (or a test's fake browser) cannot give us: nothing is observed.
    }
  }

  // ---- registered synchronously, every start ----
  register();
  try {
    // Hosts granted ("Watch this site's requests") or withdrawn: ask again per service.
    b.permissions.onAdded.addListener(() => held.clear());
    b.permissions.onRemoved.addListener(() => held.clear());
  } catch {
    // No permission events (a test's fake browser): permissions are then read once per service.
  }
  b.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes.settings) context = null;
  });

  return { flush, isRegistered: () => registered };
}
