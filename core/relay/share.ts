/**
 * "Share my browser's failure counts anonymously" (a separate opt-in, off by default): when this
 * browser's own evidence says a service is failing — repeated failed page loads of its sites, or
 * the person's "It's broken for me" — send the relay one report per service, kind and 15-minute
 * window. The report is exactly `{service, kind, bucket, token}` (core/relay/wire.ts) and nothing
 * else: no URL, no hostname, no time finer than the window. The token is random and replaced
 * every day, so reports of different days cannot be linked; the relay uses it only to count
 * distinct browsers.
 */
import type { LocalEvidence } from '../local/failures';
import type { FetchDeps } from '../net/fetch';
import { loadRelaySettings, RELAY_SENT, RELAY_TOKEN, type KeyValueArea } from '../storage';
import { REPORT_WINDOW_MS, type RelayReport, type ReportKind } from './wire';

const DAY_MS = 24 * 60 * 60_000;

/** The day's token: 32 random base64url characters, replaced when the UTC day changes. */
export async function dailyToken(local: KeyValueArea, now: number, random: (n: number) => Uint8Array = randomBytes): Promise<string> {
  const day = Math.floor(now / DAY_MS);
  const got = await RELAY_TOKEN.get(local);
  if (got && got.day === day) return got.token;
  const token = base64url(random(24));
  await RELAY_TOKEN.set(local, { day, token });
  return token;
}

/** What this browser would report for a service now (pure). */
export function reportsFor(serviceId: string, local: LocalEvidence, now: number): Omit<RelayReport, 'token'>[] {
  const bucket = Math.floor(now / REPORT_WINDOW_MS) * REPORT_WINDOW_MS;
  const kinds: ReportKind[] = [];
  if (local.failures >= 3 && !local.discounted) kinds.push('page-load');
  if (local.manual) kinds.push('person');
  return kinds.map((kind) => ({ service: serviceId, kind, bucket }));
}

/** Whether the person opted in to sharing failure counts (a relay on, and sharing on). */
export async function isSharing(local: KeyValueArea): Promise<boolean> {
  const s = await loadRelaySettings(local);
  return s.enabled && s.share;
}

/**
 * Send the reports not sent yet (idempotent: one per service, kind and window, remembered in
 * storage.local). Does nothing unless the person opted in. Never throws.
 */
export async function shareFailures(
  evidence: ReadonlyMap<string, LocalEvidence>,
  deps: FetchDeps & { local: KeyValueArea },
): Promise<number> {
  try {
    if (!(await isSharing(deps.local))) return 0;
    const s = await loadRelaySettings(deps.local);
    const now = deps.now();
    const pending = [...evidence].flatMap(([id, ev]) => reportsFor(id, ev, now));
    if (pending.length === 0) return 0;
    const oldest = now - 2 * REPORT_WINDOW_MS;
    const sent = (await RELAY_SENT.get(deps.local)).filter((k) => Number(k.split('|')[2]) >= oldest);
    const token = await dailyToken(deps.local, now);
    let n = 0;
    for (const r of pending) {
      const key = `${r.service}|${r.kind}|${r.bucket}`;
      if (sent.includes(key)) continue;
      const res = await deps
        .fetch(`${s.url}/v1/reports`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ...r, token } satisfies RelayReport),
          credentials: 'omit',
          referrerPolicy: 'no-referrer',
        })
        .catch(() => null);
      // Sent (counted or not) or refused for good: do not repeat; a network failure is retried next tick.
      if (res && res.status !== 429 && res.status < 500) {
        sent.push(key);
        n++;
      }
    }
    await RELAY_SENT.set(deps.local, sent);
    return n;
  } catch {
    return 0;
  }
}

function randomBytes(n: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(n));
}

function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
