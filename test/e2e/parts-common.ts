/**
 * Helpers of the issue 17 cross-browser specs (browsers-parts.spec.ts, the parts-look screenshots):
 * find the tab the extension recorded with a part/region, re-read a feed, read what is kept.
 * Functions run through `drv.ext` execute in an extension context (serialised: no closures).
 */
declare const chrome: typeof import('wxt/browser').browser;

import { expect, verdictOf, type Driver } from './both';

export interface PartView {
  service: string;
  part: string | null;
  region: string | null;
}

/** Runs in an extension context: the tab whose `view:<id>` entry in storage.session is `want`. */
async function tabWithView(want: PartView): Promise<number | null> {
  const all = (await chrome.storage.session.get(null)) as Record<string, Partial<PartView> | null>;
  const hit = Object.entries(all).find(
    ([k, v]) => k.startsWith('view:') && !!v && v.service === want.service && v.part === want.part && v.region === want.region,
  );
  return hit ? Number(hit[0].slice(5)) : null;
}

/**
 * Runs in an extension context: everything the extension keeps — storage.session, storage.local and
 * every IndexedDB store of its origin — as text (the "no path is stored" check searches it).
 */
export async function keptInStorage(): Promise<string> {
  const out: unknown[] = [await chrome.storage.session.get(null), await chrome.storage.local.get(null)];
  for (const info of await indexedDB.databases()) {
    if (!info.name) continue;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open(info.name!);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    for (const store of Array.from(db.objectStoreNames)) {
      out.push(
        await new Promise((resolve, reject) => {
          const g = db.transaction(store).objectStore(store).getAll();
          g.onsuccess = () => resolve(g.result);
          g.onerror = () => reject(g.error);
        }),
      );
    }
    db.close();
  }
  return JSON.stringify(out);
}

/** The service's verdict once its feed has been read (the first poll after launch may still be running). */
export async function feedVerdict(drv: Driver, serviceId: string): Promise<string> {
  const popup = await drv.openPopup(`service=${serviceId}`);
  const verdict = await verdictOf(popup);
  await popup.close();
  return verdict;
}

/** Make the extension read a service's feed now (as the popup's Refresh does). */
export async function refresh(drv: Driver, serviceId: string): Promise<void> {
  const control = await drv.openPopup(`service=${serviceId}`);
  await verdictOf(control);
  await control.evaluate((id) => chrome.runtime.sendMessage({ type: 'refresh', serviceId: id }), serviceId);
  await control.close();
}

/** Runs in an extension context: the one-off "tell me when it's back" watches. */
export async function backWatches(): Promise<Record<string, unknown>> {
  return ((await chrome.storage.local.get('backWatch')) as { backWatch?: Record<string, unknown> }).backWatch ?? {};
}

/** Open an address in a new tab; the tab id the extension recorded with this part/region. */
export async function visitView(drv: Driver, url: string, want: PartView): Promise<number> {
  await drv.visit(url);
  await expect.poll(() => drv.ext(tabWithView, want), { message: `view of ${url}` }).not.toBeNull();
  return (await drv.ext(tabWithView, want))!;
}
