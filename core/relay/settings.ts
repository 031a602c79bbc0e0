/**
 * The relay settings: off by default. Kept under their own storage.local key (not in the
 * versioned Settings object) so turning the relay on or off never touches the person's other
 * settings, and an exported settings file never carries a team's relay URL by accident.
 */
export interface RelaySettings {
  /** Read official data and crowd counts from the relay (falling back to direct polling). */
  enabled: boolean;
  /** The relay's base URL, e.g. https://relay.example.org (no path, no query). */
  url: string;
  /** Separate opt-in: send this browser's failure counts (core/relay/share.ts) to the relay. */
  share: boolean;
}

export const DEFAULT_RELAY: RelaySettings = Object.freeze({ enabled: false, url: '', share: false });

/**
 * A relay URL as it will be used, or null with no reason to guess: https only, except plain http
 * on loopback (a relay run on this machine, `npm run demo -- --relay`). Only the origin is kept.
 */
export function normaliseRelayUrl(input: string): string | null {
  let u: URL;
  try {
    u = new URL(input.trim());
  } catch {
    return null;
  }
  const loopback = u.hostname === 'localhost' || u.hostname === '127.0.0.1' || u.hostname === '[::1]';
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && loopback)) return null;
  if (u.username || u.password) return null;
  return u.origin;
}

/** The origin pattern the browser must grant (optional host permission, asked when the URL is set). */
export function relayOriginPattern(url: string): string {
  return `${new URL(url).origin}/*`;
}

/** Anything stored (or nothing) → valid relay settings; off unless a usable URL is stored. */
export function parseRelaySettings(raw: unknown): RelaySettings {
  if (!raw || typeof raw !== 'object') return { ...DEFAULT_RELAY };
  const v = raw as Partial<RelaySettings>;
  const url = typeof v.url === 'string' ? (normaliseRelayUrl(v.url) ?? '') : '';
  return { enabled: v.enabled === true && url !== '', url, share: v.share === true && url !== '' };
}
