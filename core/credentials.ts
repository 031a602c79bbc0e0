/**
 * The person's own credentials for complaint sources (Bluesky app password, IsDown key): in
 * `storage.local` under `credentials` — never sync storage, never exported, never sent in messages.
 */
import { isObj } from './settings';

export interface Credentials {
  /** Either field may be empty while the person is still typing; use `blueskyReady` before using them. */
  bluesky?: { handle: string; appPassword: string };
  isdown?: { apiKey: string };
}

/** A credential field: a string, trimmed, at most `max` characters after trimming; else null. */
const credText = (v: unknown, max: number): string | null => {
  if (typeof v !== 'string') return null;
  const s = v.trim();
  return s.length <= max ? s : null;
};

/** Valid credentials only; an invalid or empty entry is dropped, the other kept. A leading "@" of a handle is removed. */
export function parseCredentials(raw: unknown): Credentials {
  const o = isObj(raw) ? raw : {};
  const out: Credentials = {};
  const b = isObj(o.bluesky) ? o.bluesky : null;
  const handle = b ? credText(b.handle, 253) : null;
  const appPassword = b ? credText(b.appPassword, 200) : null;
  if (handle !== null && appPassword !== null && (handle !== '' || appPassword !== '')) {
    out.bluesky = { handle: handle.replace(/^@/, ''), appPassword };
  }
  const apiKey = isObj(o.isdown) ? credText(o.isdown.apiKey, 500) : null;
  if (apiKey !== null && apiKey !== '') out.isdown = { apiKey };
  return out;
}

/** Both Bluesky fields are filled in. */
export const blueskyReady = (c: Credentials): c is Credentials & { bluesky: { handle: string; appPassword: string } } =>
  !!c.bluesky && c.bluesky.handle !== '' && c.bluesky.appPassword !== '';

/** An IsDown key is filled in. */
export const isdownReady = (c: Credentials): c is Credentials & { isdown: { apiKey: string } } => !!c.isdown && c.isdown.apiKey !== '';
