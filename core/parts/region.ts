/**
 * Regions of cloud consoles: the region a console URL is about, and the regions an incident names.
 *
 * Only feeds that describe a whole cloud carry regions: AWS Health (`aws-health`) and the Google
 * Cloud dashboard (`gcp` without a `scope`; the Workspace dashboard, same format, has scopes and no
 * regions). Azure's portal keeps the region out of its URLs (resource ids live in the fragment and
 * name no region), so there is nothing to read there.
 *
 * Pure; the URL is read in memory and only the region code is kept (docs/design.md).
 */
import type { Official } from '../catalog/rules';
import type { OfficialIncident } from '../model';

export type RegionFamily = 'aws' | 'gcp';

/** us-east-1, eu-west-3, ap-southeast-4, us-gov-west-1, cn-north-1, il-central-1, mx-central-1 … */
const AWS_REGION = /^[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;
/** us-central1, europe-west4, asia-northeast1, me-central2, northamerica-northeast2 (+ zone "-a"). */
const GCP_LOCATION = /^([a-z]+-[a-z]+\d{1,2})(?:-[a-z])?$/;

/** Which region family a service's feed speaks, if any. */
export function regionFamily(official: Pick<Official, 'kind' | 'scope'> | null): RegionFamily | null {
  if (!official || official.scope) return null;
  if (official.kind === 'aws-health') return 'aws';
  if (official.kind === 'gcp') return 'gcp';
  return null;
}

/**
 * The region a console address is about, or null (then the whole cloud counts).
 * AWS: `?region=eu-west-1`, else a region subdomain (`eu-west-1.console.aws.amazon.com`).
 * Google Cloud: `?region=` / `?location=`, else the first path segment that is a region or zone
 * (`/run/detail/us-central1/…`, `/zones/europe-west4-a/…` → europe-west4).
 */
export function regionOfUrl(family: RegionFamily, url: URL): string | null {
  if (family === 'aws') {
    const q = url.searchParams.get('region')?.toLowerCase() ?? '';
    if (AWS_REGION.test(q)) return q;
    const first = url.hostname.toLowerCase().split('.')[0] ?? '';
    return AWS_REGION.test(first) ? first : null;
  }
  for (const key of ['region', 'location']) {
    const m = GCP_LOCATION.exec(url.searchParams.get(key)?.toLowerCase() ?? '');
    if (m) return m[1]!;
  }
  for (const seg of url.pathname.toLowerCase().split('/')) {
    const m = GCP_LOCATION.exec(seg);
    if (m) return m[1]!;
  }
  return null;
}

const AWS_ARN_REGION = /^arn:aws[a-z-]*:health:([a-z0-9-]+):/;
/** The trailing "(…)" of a component name: "Amazon EC2 (ap-south-1)", "Cloud Run (us-east1, europe-west4)". */
const SUFFIX = /\(([^()]*)\)\s*$/;

/**
 * The regions an incident is about, or null when it names none we can read (then it counts for
 * every region: a global event, or one we cannot place — never hidden on a guess).
 */
export function incidentRegions(family: RegionFamily, incident: OfficialIncident): Set<string> | null {
  const out = new Set<string>();
  if (family === 'aws') {
    // The event's ARN names its region (`arn:aws:health:ap-south-1::event/…`); "global" is global.
    const m = AWS_ARN_REGION.exec(incident.id);
    if (m) {
      if (!AWS_REGION.test(m[1]!)) return null;
      out.add(m[1]!);
    }
  }
  for (const name of incident.components) {
    const m = SUFFIX.exec(name);
    if (!m) continue;
    for (const raw of m[1]!.split(',')) {
      const id = raw.trim().toLowerCase();
      if (family === 'aws' && AWS_REGION.test(id)) out.add(id);
      const g = family === 'gcp' ? GCP_LOCATION.exec(id) : null;
      if (g) out.add(g[1]!);
      // "global", "8 locations", "multi-regions": not one region we can compare → counts everywhere.
      if (family === 'gcp' && !g) return null;
    }
  }
  return out.size > 0 ? out : null;
}
