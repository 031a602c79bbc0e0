/**
 * Which hostname each tab shows, kept in `storage.session` (survives worker restarts, never
 * written to disk, cleared when the browser closes). Only the hostname is kept — never the URL —
 * and it never leaves the device.
 */
export interface SessionArea {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

const key = (tabId: number) => `tab:${tabId}`;

export async function rememberTab(area: SessionArea, tabId: number, hostname: string | null): Promise<void> {
  if (hostname) await area.set({ [key(tabId)]: hostname });
  else await area.remove(key(tabId));
}

export async function forgetTab(area: SessionArea, tabId: number): Promise<void> {
  await area.remove(key(tabId));
}

export async function tabHostname(area: SessionArea, tabId: number): Promise<string | null> {
  const got = await area.get(key(tabId));
  const h = got[key(tabId)];
  return typeof h === 'string' ? h : null;
}

export async function allTabs(area: SessionArea): Promise<Map<number, string>> {
  const got = await area.get(null);
  const out = new Map<number, string>();
  for (const [k, v] of Object.entries(got)) {
    const m = /^tab:(\d+)$/.exec(k);
    if (m && typeof v === 'string') out.set(Number(m[1]), v);
  }
  return out;
}
