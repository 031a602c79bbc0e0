/**
 * How the extension may read each official feed kind: the one place that says which feeds need a
 * host permission.
 *
 * - `cors`: the provider's servers answer every origin (`Access-Control-Allow-Origin: *`), so the
 *   feed is read as a plain cross-origin request and the manifest asks for no host permission.
 *   Chrome disables an installed extension on update when it asks for new hosts, so every feed
 *   that can be read this way must be: adding hundreds of such services then changes no prompt.
 *   A CORS read sends no custom headers (If-None-Match would trigger a preflight the servers may
 *   not answer); the browser's HTTP cache revalidates with its own validators instead
 *   (core/net/fetch.ts, `mode: 'cors'`).
 * - `host`: no evidence that the servers allow cross-origin reads, so the origin is a host
 *   permission in the manifest (wxt.config.ts) and the worker reads it with its own conditional
 *   requests.
 *
 * Evidence for `cors` (/work/shared/research/feed-formats.md §7, recorded from live responses):
 * Atlassian Statuspage v2 sends `Access-Control-Allow-Origin: *` and
 * `Access-Control-Expose-Headers: ETag` (observed on status.claude.com, status.cursor.com and in
 * Statuspage's API conventions, 2026-07/08); incident.io pages (status.openai.com, 2026-07-25) send
 * `Access-Control-Allow-Origin: *`. Every other kind is `host` until a captured response shows
 * otherwise (Microsoft's status.cloud.microsoft sends no ACAO at all, 2026-09-18). A new kind must
 * be added here too: the Record makes that a type error, not a silent default.
 */
import type { OfficialKind } from '../official/kinds';

export type ReadMode = 'cors' | 'host';

export const READ_MODE: Record<OfficialKind, ReadMode> = {
  statuspage: 'cors',
  incidentio: 'cors',
  rss: 'host', // Statuspage's history feeds are CORS-open, but RSS also means Azure, AWS, PayPal… one mode per kind
  gcp: 'host',
  'aws-health': 'host',
  slack: 'host',
  apple: 'host',
  heroku: 'host',
  statusio: 'host',
  instatus: 'host',
  cachet: 'host',
  m365: 'host',
  // Issue 12's formats: no captured response shows ACAO for them yet. Catalog entries of these
  // kinds get a host permission; custom pages get theirs from the person.
  betterstack: 'host',
  rootly: 'host',
  sorry: 'host',
  uptimekuma: 'host',
  gatus: 'host',
  // Hund's stream: no evidence of ACAO either; EventSource-style reads from the page's own origin
  // are all its widget needs. Asked at the person's click like the others.
  hund: 'host',
};

export const readModeOf = (kind: OfficialKind): ReadMode => READ_MODE[kind];

interface HasOfficial {
  official: { kind: OfficialKind; url: string } | null;
}

/** The host permission pattern (`https://host/*`) a feed needs, or null when it is read by CORS (or there is no feed). */
export function feedPermissionOf(service: HasOfficial): string | null {
  if (!service.official || READ_MODE[service.official.kind] !== 'host') return null;
  return `${new URL(service.official.url).origin}/*`;
}

/** `https://host/*` patterns of every `host`-mode feed of these services. */
export function hostPermissionOrigins(services: readonly HasOfficial[]): string[] {
  const origins = new Set<string>();
  for (const s of services) {
    const p = feedPermissionOf(s);
    if (p !== null) origins.add(p);
  }
  return [...origins].sort();
}

/**
 * How each `host`-mode feed gets its permission — the rule that lets the catalog grow without a
 * prompt. Install-time host permissions are frozen at the last release
 * (release/manifest-permissions.json): a feed whose origin the release already has keeps it at
 * install (`install`); every other one (`ask`) is covered by the manifest's optional host
 * permissions and asked for at the person's click — "Allow reading status.example.com" in the
 * popup (components/FeedAccess.tsx), the same way custom status pages and "Find a status page" ask.
 * Until then the worker does not fetch it (core/worker/scheduler.ts `mayRead`) and the service is
 * `unknown` with that reason, never `ok`.
 */
export function splitHostPermissions(
  services: readonly HasOfficial[],
  released: ReadonlySet<string>,
): { install: string[]; ask: string[] } {
  const all = hostPermissionOrigins(services);
  return { install: all.filter((p) => released.has(p)), ask: all.filter((p) => !released.has(p)) };
}
