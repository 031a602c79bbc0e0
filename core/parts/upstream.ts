/**
 * Upstream blame (issue 17 item 5): a site that publishes no status of its own is known, from a
 * public source, to run on a cloud or CDN we do read (catalog `upstream`). When the site fails
 * while that provider has an open incident — in the site's regions, or a global one — the popup
 * says it is likely related: "Netflix publishes no status; AWS has acknowledged an incident in
 * us-east-1 (12 min ago) — likely related".
 *
 * Only a hint: the site's own verdict stays what its own evidence says (a CDN incident does not
 * prove the site is down, and the site may fail for reasons of its own). Pure.
 */
import type { Service } from '../catalog/catalog';
import { isOpen, type OfficialIncident } from '../model';
import type { OfficialState, VerdictResult } from '../verdict';
import { incidentRegions, regionFamily } from './region';

export interface UpstreamHint {
  /** The provider's catalog id and name ("aws-console", "AWS Management Console"). */
  providerId: string;
  providerName: string;
  /** The region of the incident among the site's known regions, or null (global, or none known). */
  region: string | null;
  /** The incident the hint is about (newest first-posted among the matching ones). */
  incident: OfficialIncident;
  /** When the provider first posted it, epoch ms (null when it gives no time). */
  since: number | null;
}

const TROUBLE: ReadonlySet<VerdictResult['verdict']> = new Set(['unacknowledged']);

/**
 * The hint for `site`, or null. `siteResult` is the site's own verdict (only a failing site —
 * `unacknowledged`: people or this browser see trouble — gets a hint); `lookup` gives the
 * provider's catalog entry and stored state.
 */
export function upstreamHint(
  site: Service,
  siteResult: VerdictResult,
  lookup: (id: string) => { service: Service; state: OfficialState | undefined } | null,
): UpstreamHint | null {
  if (!site.upstream || !TROUBLE.has(siteResult.verdict)) return null;
  for (const u of site.upstream) {
    const got = lookup(u.service);
    const snap = got?.state?.snapshot;
    // Only what the provider says now counts: an unreadable feed gives no hint either way.
    if (!got || !snap || got.state?.problem) continue;
    const family = regionFamily(got.service.official);
    const wanted = new Set((u.regions ?? []).map((r) => r.toLowerCase()));
    let best: { incident: OfficialIncident; region: string | null; since: number | null } | null = null;
    for (const i of snap.incidents) {
      if (i.kind !== 'incident' || !isOpen(i.status)) continue;
      const regions = family ? incidentRegions(family, i) : null;
      let region: string | null = null;
      if (wanted.size > 0 && regions !== null) {
        const hit = [...regions].find((r) => wanted.has(r));
        if (!hit) continue; // another region: not the site's
        region = hit;
      } else if (regions !== null && regions.size === 1) {
        region = [...regions][0]!;
      }
      const at = i.createdAt ? Date.parse(i.createdAt) : NaN;
      const since = Number.isFinite(at) ? at : null;
      if (!best || (since ?? 0) > (best.since ?? 0)) best = { incident: i, region, since };
    }
    if (best) return { providerId: got.service.id, providerName: got.service.name, ...best };
  }
  return null;
}

/** The provider ids a service's hints may need (to poll them and read them with the site). */
export function upstreamIds(s: Service | undefined): string[] {
  return (s?.upstream ?? []).map((u) => u.service);
}
