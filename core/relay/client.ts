/**
 * Reading a service from the relay, and deciding whether to believe it. The answer is used only
 * when it is in the relay's format for this service and fresh; otherwise the reason is returned
 * and the caller polls the provider directly, as without a relay.
 */
import type { Problem } from '../model';
import { fetchFeed, type FetchDeps } from '../net/fetch';
import { parseJsonWithin } from '../official/kit';
import { parseServiceBody, type RelayServiceBody } from './wire';

/** The relay must answer quickly: the direct path is the fallback and must not wait long. */
export const RELAY_TIMEOUT_MS = 5_000;
/** An answer generated longer ago than this (by the relay's clock vs ours) is stale. */
export const RELAY_MAX_AGE_MS = 5 * 60_000;
/** The official part is stale when the relay has not read the provider for this long. */
export const RELAY_OFFICIAL_MAX_AGE_MS = 5 * 60_000;

export type RelayRead = { ok: true; body: RelayServiceBody } | { ok: false; reason: string };

export async function readRelay(relayUrl: string, serviceId: string, deps: FetchDeps): Promise<RelayRead> {
  const url = `${relayUrl}/v1/services/${encodeURIComponent(serviceId)}`;
  const out = await fetchFeed(url, { expect: 'json', timeoutMs: RELAY_TIMEOUT_MS, maxBytes: 2 * 1024 * 1024 }, deps);
  if (out.kind === 'failed') return { ok: false, reason: `the relay did not answer (${relayProblem(out.problem)})` };
  if (out.kind === 'not_modified') return { ok: false, reason: 'the relay answered 304 to an unconditional request' };
  const parsed = parseJsonWithin(out.text, 64);
  if (typeof parsed !== 'object') return { ok: false, reason: 'the relay answered something that is not JSON' };
  const body = parseServiceBody(parsed.value, serviceId);
  if (!body) return { ok: false, reason: 'the relay answered in a format this version does not understand' };
  const now = deps.now();
  if (Math.abs(now - body.generatedAt) > RELAY_MAX_AGE_MS) return { ok: false, reason: 'the relay’s answer is stale' };
  return { ok: true, body };
}

/**
 * Whether the relay's official part can stand in for reading the provider ourselves: it read the
 * provider successfully and recently. (If the relay cannot reach the provider, this browser may
 * still be able to: it tries.)
 */
export function officialUsable(body: RelayServiceBody, now: number): { ok: true } | { ok: false; reason: string } {
  const o = body.official;
  if (!o) return { ok: true }; // no official feed: nothing to read either way
  if (o.problem) return { ok: false, reason: `the relay could not read the status page (${o.problem.message})` };
  if (!o.snapshot || o.lastSuccessAt === null) return { ok: false, reason: 'the relay has no data for this status page yet' };
  if (now - o.lastSuccessAt > RELAY_OFFICIAL_MAX_AGE_MS) return { ok: false, reason: 'the relay’s copy of the status page is stale' };
  return { ok: true };
}

function relayProblem(p: Problem): string {
  // fetchFeed words its problems for status pages; say "relay" instead.
  return p.message.replace(/the status (page|feed)/g, 'the relay');
}
