/**
 * The services the replay watches and where their records come from.
 */
import { SERVICES, type Service } from '../core/catalog/bundled';
import { GITHUB_ATOM } from './feeds';

const byId = (id: string): Service => {
  const s = SERVICES.find((x) => x.id === id);
  if (!s) throw new Error(`no catalog service ${id}`);
  return s;
};

/** GitHub as catalogued: Statuspage API (summary.json, incidents.json for how incidents ended). */
export const GITHUB = byId('github');
/** Google Cloud as catalogued: incidents.json. */
export const GOOGLE_CLOUD = byId('google-cloud');
/** GitHub again, read through its history.atom by the RSS/Atom adapter (as a custom page would be). */
export const GITHUB_ATOM_SERVICE: Service = {
  ...GITHUB,
  id: 'github-atom',
  name: 'GitHub (history.atom)',
  domains: ['githubstatus-atom.invalid'],
  official: { kind: 'rss', url: GITHUB_ATOM },
};

export const SHARED = '../shared/replay';
export const GITHUB_RECORD = `${SHARED}/github-history/incidents.jsonl.gz`;
export const GCP_RECORD = `${SHARED}/gcp/incidents-2022-07-03.json`;
