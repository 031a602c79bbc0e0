/** Helpers both drivers share: axe source, screenshot paths, the tab map lookup, notifications. */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SERVICES } from '../../../core/catalog/bundled';
import { requestOrigins } from '../../../core/local/observe';
import type { AxeViolation, BrowserName, Driver } from './types';

const AXE_PATH = resolve('node_modules/axe-core/axe.min.js');
let axeSource: string | null = null;
/** Extension pages forbid inline scripts (CSP): axe's source is evaluated, not added as a script tag. */
export function axeSourceText(): string {
  axeSource ??= readFileSync(AXE_PATH, 'utf8');
  return axeSource;
}

/** Runs in the page after axe's source: every violation with its nodes. */
export async function runAxeInPage(): Promise<AxeViolation[]> {
  const axe = (
    window as unknown as {
      axe: { run(ctx: Document): Promise<{ violations: { id: string; nodes: { target: string[]; failureSummary: string }[] }[] }> };
    }
  ).axe;
  const r = await axe.run(document);
  return r.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`) }));
}

export function screenshotPath(browser: BrowserName, name: string): string {
  const dir = resolve('test-results/screenshots', browser);
  mkdirSync(dir, { recursive: true });
  return join(dir, `${name}.png`);
}

/** Runs in an extension context: the tab id whose `tab:<id>` entry in storage.session is `hostname`. */
export async function tabIdInSession(hostname: string): Promise<number | null> {
  const all = (await chrome.storage.session.get(null)) as Record<string, unknown>;
  const hit = Object.entries(all).find(([k, v]) => k.startsWith('tab:') && v === hostname);
  return hit ? Number(hit[0].slice(4)) : null;
}

/**
 * The Driver's calls into the extension, given how a browser runs a function there (Chromium: in
 * the service worker; Firefox: in an extension page).
 */
export function extensionCalls(ext: Driver['ext']): Pick<Driver, 'ext' | 'tabIdFor' | 'badge' | 'notificationIds'> {
  return {
    ext,
    tabIdFor: (hostname) => ext(tabIdInSession, hostname),
    badge: (tabId) => ext(badgeInExtension, tabId),
    notificationIds: () => ext(notificationIdsInExtension),
  };
}

/**
 * The tab the extension recorded for `hostname` after a visit, waited for (the worker records it
 * when the navigation commits); throws when it never does.
 */
export async function waitForTab(tabIdFor: (hostname: string) => Promise<number | null>, hostname: string): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const tabId = await tabIdFor(hostname);
    if (tabId !== null) return tabId;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the extension never recorded a tab for ${hostname}`);
}

/**
 * Runs in an extension context: remember the ids of closed notifications, because headless
 * browsers close them after a while (lost only if the worker restarts, which the cross-browser
 * specs do not do). `notificationIdsInExtension` counts them with the open ones.
 */
export function recordClosedNotifications(): void {
  const g = globalThis as unknown as { __closedNotifications: string[] };
  g.__closedNotifications = [];
  chrome.notifications.onClosed.addListener((id) => void g.__closedNotifications.push(id));
}

/** Runs in an extension context: every notification shown since `recordClosedNotifications`, open or closed. */
export async function notificationIdsInExtension(): Promise<string[]> {
  const open = Object.keys(await chrome.notifications.getAll());
  const closed = (globalThis as unknown as { __closedNotifications?: string[] }).__closedNotifications ?? [];
  return [...new Set([...closed, ...open])];
}

/** Runs in an extension context. */
export async function badgeInExtension(tabId: number): Promise<{ text: string; title: string; color: number[] }> {
  const [text, title, color] = await Promise.all([
    chrome.action.getBadgeText({ tabId }),
    chrome.action.getTitle({ tabId }),
    chrome.action.getBadgeBackgroundColor({ tabId }),
  ]);
  return { text, title, color: color as number[] };
}

/** Runs in a page: text of the first match, whitespace collapsed. */
export function textIn(selector: string): string | null {
  const el = document.querySelector(selector);
  return el ? (el.textContent ?? '').replace(/\s+/g, ' ').trim() : null;
}

/**
 * Runs in a page: mark the first match whose text or aria-label is `name` (any match if no name)
 * with data-e2e-click, so the driver can click it with real input (a trusted click: APIs such as
 * permissions.request need the user's gesture, which element.click() does not give).
 */
export function markForClick([selector, name]: [string, string | null]): string | null {
  const els = [...document.querySelectorAll<HTMLElement>(selector)];
  const el = name === null ? els[0] : els.find((e) => (e.textContent ?? '').trim() === name || e.getAttribute('aria-label') === name);
  if (!el) return null;
  const mark = String(Date.now()) + String(Math.random()).slice(2, 8);
  el.setAttribute('data-e2e-click', mark);
  return `[data-e2e-click="${mark}"]`;
}

declare const chrome: typeof import('wxt/browser').browser;

/**
 * A copy of a built extension whose manifest also lists these services' request hosts, as a
 * person would hold them after "Watch this site's requests" (issue 13). Neither browser's
 * permission prompt can be answered from a test; hosts listed in the manifest are granted at
 * install (Chromium always; Firefox 128+ with `extensions.originControls.grantByDefault`).
 */
export function extensionWithHosts(builtPath: string, serviceIds: string[]): string {
  return extensionWithOrigins(
    builtPath,
    serviceIds.flatMap((id) => requestOrigins(SERVICES.find((s) => s.id === id)!)),
  );
}

/**
 * A copy of a built extension whose manifest also lists these origins (match patterns), granted
 * at install — as the browser holds a host after the person pressed "Allow reading" or allowed a
 * custom status page, a prompt no test can answer.
 */
export function extensionWithOrigins(builtPath: string, origins: string[]): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'ack-hosts-ext-')), 'ext');
  cpSync(builtPath, dir, { recursive: true });
  const path = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as { host_permissions: string[] };
  manifest.host_permissions = [...new Set([...manifest.host_permissions, ...origins])];
  writeFileSync(path, JSON.stringify(manifest, null, 2));
  return dir;
}
