/**
 * One interface over both test browsers, so a scenario is written once and runs in Chromium
 * (Playwright, chromium.ts) and Firefox (puppeteer-core over WebDriver BiDi, firefox.ts).
 * Only what the cross-browser specs need; Chromium-only specs keep using ../fixtures.ts directly.
 *
 * Selectors are CSS. Functions passed to `ext` and `View.evaluate` are serialised and run in the
 * browser: they cannot close over test variables (pass `arg`).
 */
import type { DemoServer } from '../../../demo/server';

export type BrowserName = 'chromium' | 'firefox';
export type ColorScheme = 'light' | 'dark';

export interface Badge {
  text: string;
  title: string;
  /** RGBA */
  color: number[];
}

export interface AxeViolation {
  id: string;
  nodes: string[];
}

/** A page in the test browser: an extension page (popup, options, welcome) or a site. */
export interface View {
  url(): string;
  /** textContent of the first match (whitespace collapsed), null when nothing matches. */
  text(selector: string): Promise<string | null>;
  attr(selector: string, name: string): Promise<string | null>;
  count(selector: string): Promise<number>;
  /** Click the first element matching `selector` whose text (or aria-label) is `name`, if given. */
  click(selector: string, name?: string): Promise<void>;
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** Full-page PNG at test-results/screenshots/<browser>/<name>.png. */
  screenshot(name: string): Promise<string>;
  axe(): Promise<AxeViolation[]>;
  setViewport(width: number, height: number): Promise<void>;
  close(): Promise<void>;
}

export interface Driver {
  readonly browser: BrowserName;
  /** e.g. "Chromium 147.0.7727.55", "Firefox 153.0esr" */
  readonly version: string;
  readonly server: DemoServer;
  /** prefers-color-scheme of the extension pages this driver opens. */
  readonly colorScheme: ColorScheme;
  /** Whether the browser granted the manifest's host permissions at install. */
  readonly hostAccessAtInstall: boolean;
  /** Load a site in a new tab, as a person would; resolves with the tab id once the extension saw it. */
  visit(url: string): Promise<{ view: View; tabId: number }>;
  /** Load a site that fails (reset, refused…) in a new tab; resolves with the browser's error text. */
  failingVisit(url: string): Promise<string>;
  /** popup.html?<query> at popup size. */
  openPopup(query: string): Promise<View>;
  /** Another extension page, e.g. 'options.html'. */
  openExtensionPage(path: string, viewport?: { width: number; height: number }): Promise<View>;
  /** The welcome page the extension opened at install, once it is there. */
  welcomePage(): Promise<View | null>;
  /** Run `fn` in an extension context (Chromium: the service worker; Firefox: an extension page) where `chrome.*` exists. */
  ext<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** The tab id the extension recorded for a hostname (its storage.session map), null if none yet. */
  tabIdFor(hostname: string): Promise<number | null>;
  badge(tabId: number): Promise<Badge>;
  /**
   * Ids of the notifications the extension has shown since launch: the ones listed open
   * (notifications.getAll) and the ones seen closing (notifications.onClosed). Headless Firefox
   * closes each one at once (no alert UI); headless Chromium closes them after a while.
   */
  notificationIds(): Promise<string[]>;
  close(): Promise<void>;
}
