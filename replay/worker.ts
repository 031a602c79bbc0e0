/**
 * The real service worker (core/background.ts `start`) on WXT's fake browser, with a simulated
 * clock, a fake fetch and fake-indexeddb — the seams test/unit/background.test.ts uses. The alarm
 * is fired by calling the worker's own `tick` (the fake browser never fires alarms by itself).
 *
 * `kill()` is what the browser does to an MV3 worker: every listener and every in-memory value is
 * gone, the database connection is closed under any work still running, and only storage
 * (IndexedDB, storage.local, storage.session) survives; `boot()` starts a new worker from it.
 */
import 'fake-indexeddb/auto';
import '../core/i18n-english';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { WxtBrowser } from 'wxt/browser';
import { start } from '../core/background';
import { catalogFrom, type Service } from '../core/catalog/catalog';
import { defaultSettings } from '../core/settings';
import { openStore, type Db } from '../core/store';
import { noTranslation } from './english-browser';

const b = fakeBrowser as unknown as WxtBrowser;
const ORIGINAL_CREATE = fakeBrowser.notifications.create.bind(fakeBrowser.notifications);

/** WXT's fake browser throws "not implemented" for i18n: answer as a browser without a translation (./english-browser.ts). */
function englishBrowser(): void {
  (fakeBrowser.i18n as unknown as { getMessage: () => string }).getMessage = noTranslation;
}

export interface Shown {
  id: string;
  at: number;
  title: string;
  message: string;
}

export interface WorkerOptions {
  services: Service[];
  fetch: typeof globalThis.fetch;
  dbName: string;
  /** Extra settings (default: watch every service, complaint sources off, 1-min polls). */
  settings?: Record<string, unknown>;
}

export class ReplayWorker {
  now = 0;
  /** Every notification the browser was asked to show, in order. */
  readonly shown: Shown[] = [];
  private api: ReturnType<typeof start> | null = null;
  private db: Db | null = null;
  private alive = { value: false };
  kills = 0;

  constructor(private readonly opts: WorkerOptions) {}

  /** A fresh browser profile: empty storage, these settings. */
  async install(): Promise<void> {
    fakeBrowser.reset();
    const s = defaultSettings();
    await fakeBrowser.storage.local.set({
      settings: {
        ...s,
        watched: this.opts.services.map((x) => x.id),
        sources: { hn: false, mastodon: false, bluesky: false, isdown: false },
        ...this.opts.settings,
      },
    });
    this.patchNotifications();
  }

  private patchNotifications(): void {
    englishBrowser();
    // Wrap the fake browser's own create (reset() keeps replaced methods): never an earlier worker's wrapper.
    const orig = ORIGINAL_CREATE;
    fakeBrowser.notifications.create = (async (id: string, o: { title: string; message: string }) => {
      this.shown.push({ id, at: this.now, title: o.title, message: o.message });
      return orig(id, o as never);
    }) as unknown as typeof fakeBrowser.notifications.create;
  }

  /** Start a worker (as the browser does on an alarm or event) and let its first tick finish. */
  async boot(): Promise<void> {
    const alive = { value: true };
    this.alive = alive;
    const db = await openStore(this.opts.dbName);
    this.db = db;
    const catalog = catalogFrom(this.opts.services);
    // A dead worker's late work must not reach the network.
    const fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
      alive.value ? this.opts.fetch(input, init) : Promise.reject(new TypeError('worker killed'))) as typeof globalThis.fetch;
    this.api = start(b, { fetch, now: () => this.now, db: async () => db, catalog: async () => catalog });
    await this.api.ready;
  }

  /** The alarm fires: one tick of the real worker, to its end. */
  async tick(): Promise<void> {
    await this.api!.tick();
  }

  /**
   * The browser kills the worker while `work` runs, after `turns` event-loop turns: listeners,
   * memory and the database connection go; storage stays.
   */
  async killDuring(work: () => Promise<void>, turns: number): Promise<void> {
    const p = work().catch(() => undefined);
    for (let k = 0; k < turns; k++) await new Promise((r) => setImmediate(r));
    this.alive.value = false;
    this.db?.close();
    await p;
    this.kills++;
    const [local, session] = await Promise.all([fakeBrowser.storage.local.get(null), fakeBrowser.storage.session.get(null)]);
    fakeBrowser.reset();
    await fakeBrowser.storage.local.set(local);
    await fakeBrowser.storage.session.set(session);
    this.patchNotifications();
    this.api = null;
  }

  /** The open database (for observing what the worker stored). */
  async store(): Promise<Db> {
    return this.db ?? openStore(this.opts.dbName);
  }

  async close(): Promise<void> {
    this.alive.value = false;
    this.db?.close();
  }
}
