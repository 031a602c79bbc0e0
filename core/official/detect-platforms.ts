/**
 * Format detection for the status platforms of issue 12 (Better Stack, Rootly, Gatus, Uptime Kuma,
 * Hund, Sorry): which URL to try on a status host, and whether a body is that platform's feed. Pure;
 * `detect.ts` does the requests. One entry per platform, tried in this order after Statuspage /
 * incident.io / Instatus (the more common platforms first; each costs one request on a miss).
 */
import type { OfficialKind } from './kinds';
import { kumaParts } from './uptimekuma';

const parse = (body: string): unknown => {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
};
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

export interface PlatformProbe {
  kind: OfficialKind;
  /** The feed URL to try for a status page address, or null when this platform cannot live there. */
  url(page: URL): string | null;
  /** The page's display name when `body` is this platform's feed (may be ''), else null. */
  nameOf(body: string): string | null;
  /** The feed is an event stream: read it until this event, whose data is `body` (core/net/sse.ts). */
  sseEvent?: string;
}

const HUND_STATES = new Set(['operational', 'degraded', 'outage', 'pending']);

export const PLATFORM_PROBES: readonly PlatformProbe[] = [
  {
    // Better Stack: a JSON:API document whose primary data is the status page.
    kind: 'betterstack',
    url: (page) => `${page.origin}/index.json`,
    nameOf(body) {
      const v = parse(body);
      if (!isObj(v) || !isObj(v.data) || v.data.type !== 'status_page' || !isObj(v.data.attributes)) return null;
      if (typeof v.data.attributes.aggregate_state !== 'string') return null;
      return text(v.data.attributes.company_name);
    },
  },
  {
    // Rootly: Statuspage-like `{ page, status: { indicator } }` under /api/v1.
    kind: 'rootly',
    url: (page) => `${page.origin}/api/v1/status.json`,
    nameOf(body) {
      const v = parse(body);
      if (!isObj(v) || !isObj(v.page) || !isObj(v.status) || typeof v.status.indicator !== 'string') return null;
      return text(v.page.name);
    },
  },
  {
    // Uptime Kuma: only for a page address of the form /status/<slug> (the slug is not guessable).
    kind: 'uptimekuma',
    url: (page) => {
      const p = /^\/status\/[^/]+\/?$/i.test(page.pathname) ? kumaParts(page.href) : null;
      return p === null ? null : `${p.origin}/api/status-page/${p.slug}`;
    },
    nameOf(body) {
      const v = parse(body);
      if (!isObj(v) || !isObj(v.config) || !Array.isArray(v.publicGroupList)) return null;
      return text(v.config.title);
    },
  },
  {
    // Gatus: a list of endpoint statuses, each with a key and results.
    kind: 'gatus',
    url: (page) => `${page.origin}/api/v1/endpoints/statuses`,
    nameOf(body) {
      const v = parse(body);
      if (!Array.isArray(v) || v.length === 0) return null;
      return v.every((e) => isObj(e) && typeof e.key === 'string' && Array.isArray(e.results)) ? '' : null;
    },
  },
  {
    // Hund: its live stream (text/event-stream) opens with an init_event stating the page's state.
    // A pasted component stream is kept; any other address tries the page's stream.
    kind: 'hund',
    sseEvent: 'init_event',
    url: (page) =>
      /^\/live\/v2\/component\/[^/]+\/?$/.test(page.pathname)
        ? `${page.origin}${page.pathname.replace(/\/$/, '')}`
        : `${page.origin}/live/v2/status_page`,
    nameOf(body) {
      const v = parse(body);
      if (!isObj(v) || typeof v.state !== 'string' || !HUND_STATES.has(v.state)) return null;
      return v.issues === undefined || Array.isArray(v.issues) ? '' : null;
    },
  },
];

/** Sorry pages are read from Sorry's API host; the address itself says so. */
export function sorryFeed(url: URL): string | null {
  if (url.hostname.toLowerCase() !== 'api.sorryapp.com') return null;
  return /^\/v1\/pages\/[^/]+\/components\/?$/.test(url.pathname) ? `https://api.sorryapp.com${url.pathname.replace(/\/$/, '')}` : null;
}
