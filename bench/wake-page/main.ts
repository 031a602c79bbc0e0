/**
 * Bench section "wake", on the extension's own origin (added to a copy of the built extension,
 * bench/ext-pages.ts), so it shares the worker's storage.local and IndexedDB:
 *   - `seed`: the person's settings (watched services, complaint sources off: the wake measures
 *     official feeds) and a stored history — 7 days of complaint buckets per watched service and
 *     source, 90 days of outage episodes — written with the app's own store functions;
 *   - `sizes`: navigator.storage.estimate() and, per IndexedDB store, the number of rows and the
 *     size of their values as JSON, bytes as their length (an approximation of what each store holds).
 * Everything is generated from a seed, so every run writes the same data.
 */
import { addPosts, DAY_MS, BUCKET_MS } from '../../core/crowd/buckets';
import type { Post, SourceId } from '../../core/crowd/source';
import { freshCrowdRecord } from '../../core/crowd/step';
import type { Episode } from '../../core/history/episodes';
import { defaultSettings } from '../../core/settings';
import { saveSettings } from '../../core/storage';
import { DB_NAME, openStore } from '../../core/store';
import { rng } from '../../demo/rng';

declare const chrome: typeof import('wxt/browser').browser;

export interface SeedPlan {
  watched: string[];
  now: number;
  /** Complaint posts per service and source per day outside the daily spike. */
  postsPerDay: number;
  /** Distinct authors in one spike bucket (an outage) per service and source… */
  spikeAuthors: number;
  /** …on this many of the 7 days. */
  spikeDays: number;
  /** Episodes per service over the 90 days. */
  episodesPerService: number;
}

export interface StoreSizes {
  estimate: { usage: number; quota: number; usageDetails?: Record<string, number> };
  /** Per store: rows, JSON size of all values, and of the largest one. */
  stores: Record<string, { rows: number; jsonBytes: number; largestJson: number }>;
}

export interface WakePage {
  seed(plan: SeedPlan): Promise<{ crowdRecords: number; buckets: number; episodes: number }>;
  sizes(): Promise<StoreSizes>;
}

declare global {
  interface Window {
    __wake?: WakePage;
    __wakeReady?: boolean;
  }
}

/** Post ids and authors shaped as the sources store them (core/crowd/hn.ts, mastodon.ts). */
function post(source: SourceId, rnd: () => number, at: number, author: number): Post {
  const n = Math.floor(rnd() * 1e9);
  if (source === 'hn') {
    const id = `4${String(n).padStart(7, '0').slice(0, 7)}`;
    return { id: `hn:${id}`, source, url: `https://news.ycombinator.com/item?id=${id}`, author: `user${author}`, at, text: '' };
  }
  const url = `https://mastodon.social/users/user${author}/statuses/11${String(n).padStart(9, '0')}${String(author).padStart(7, '0')}`;
  return {
    id: `mastodon:${url}`,
    source,
    url,
    author: `user${author}@mastodon.social`,
    at,
    text: '',
  };
}

function episode(serviceId: string, k: number, start: number, rnd: () => number): Episode {
  const len = (20 + rnd() * 160) * 60_000;
  const updates = 2 + Math.floor(rnd() * 5);
  const statuses = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
  return {
    id: `${serviceId}:${start}`,
    serviceId,
    startedAt: start,
    firstEvidenceAt: start - 5 * 60_000,
    firstOfficialAt: start + 10 * 60_000,
    incidentIds: [`inc-${serviceId}-${k}-${Math.floor(rnd() * 1e8).toString(36)}`],
    officialUpdates: Array.from({ length: updates }, (_, i) => ({
      at: start + (i * len) / updates,
      status: statuses[Math.min(i, statuses.length - 1)]!,
    })),
    resolvedAt: start + len,
    endedAt: start + len,
    timeline: [
      { at: start, verdict: 'unacknowledged' },
      { at: start + 10 * 60_000, verdict: 'acknowledged' },
      { at: start + len, verdict: 'resolved' },
    ],
    notified: ['unacknowledged', 'acknowledged', 'resolved'],
  } as Episode;
}

const page: WakePage = {
  async seed(plan) {
    const s = defaultSettings();
    s.watched = plan.watched;
    s.sources = { hn: false, mastodon: false, bluesky: false, isdown: false };
    // The page keeps its connection (openStore shares one per page): same version, blocks nothing.
    const db = await openStore(DB_NAME);
    let crowdRecords = 0;
    let buckets = 0;
    let episodes = 0;
    const rnd = rng(15);
    for (const id of plan.watched) {
      const tx = db.transaction(['crowd', 'episodes'], 'readwrite');
      for (const source of ['hn', 'mastodon'] as const) {
        const rec = freshCrowdRecord(id, source);
        const posts: Post[] = [];
        let author = 0;
        for (let d = 0; d < 7; d++) {
          const day = plan.now - (d + 1) * DAY_MS;
          for (let i = 0; i < plan.postsPerDay; i++) posts.push(post(source, rnd, day + rnd() * DAY_MS, author++));
          if (d >= plan.spikeDays) continue;
          const spike = day + Math.floor(rnd() * (DAY_MS / BUCKET_MS)) * BUCKET_MS;
          for (let i = 0; i < plan.spikeAuthors; i++) posts.push(post(source, rnd, spike + rnd() * BUCKET_MS, author++));
        }
        rec.buckets = addPosts([], posts);
        rec.coverageFrom = plan.now - 7 * DAY_MS;
        rec.backfilledAt = plan.now - 7 * DAY_MS;
        rec.lastQueryAt = plan.now - 60_000;
        rec.nextQueryAt = plan.now + 4 * 60_000;
        buckets += rec.buckets.length;
        crowdRecords++;
        void tx.objectStore('crowd').put(rec);
      }
      for (let k = 0; k < plan.episodesPerService; k++) {
        const start = plan.now - 90 * DAY_MS + ((k + 0.5) * 90 * DAY_MS) / plan.episodesPerService;
        void tx.objectStore('episodes').put(episode(id, k, Math.floor(start), rnd));
        episodes++;
      }
      await tx.done;
    }
    // Settings last: the worker polls the new watch list when they change.
    await saveSettings(chrome.storage.local, s);
    return { crowdRecords, buckets, episodes };
  },
  async sizes() {
    const est = (await navigator.storage.estimate()) as StorageEstimate & { usageDetails?: Record<string, number> };
    const db = await openStore(DB_NAME);
    const stores: StoreSizes['stores'] = {};
    for (const name of db.objectStoreNames) {
      let rows = 0;
      let jsonBytes = 0;
      let largestJson = 0;
      let cursor = await db.transaction(name).store.openCursor();
      while (cursor) {
        rows++;
        // Compressed bodies are bytes (core/store.ts): counted as their length, not as JSON.
        let bytes = 0;
        const json = JSON.stringify(cursor.value, (_k, x: unknown) => {
          if (x instanceof Uint8Array) {
            bytes += x.byteLength;
            return 0;
          }
          return x;
        });
        const n = json.length + bytes;
        jsonBytes += n;
        largestJson = Math.max(largestJson, n);
        cursor = await cursor.continue();
      }
      stores[name] = { rows, jsonBytes, largestJson };
    }
    return {
      estimate: { usage: est.usage ?? NaN, quota: est.quota ?? NaN, ...(est.usageDetails ? { usageDetails: est.usageDetails } : {}) },
      stores,
    };
  },
};

window.__wake = page;
window.__wakeReady = true;
