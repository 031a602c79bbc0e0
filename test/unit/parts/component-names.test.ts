/**
 * The provider's component names in catalog `parts` must be real: a wrong name matches nothing, so
 * the part silently narrows nothing (core/parts/narrow.ts `effectiveFocus` falls back to the whole
 * service) and "For the part you are on" would be a label on an unnarrowed verdict.
 *
 * Wherever a real capture of a provider's component list exists here, every component name of every
 * part must be in it (compared as narrowing compares them: `componentKey`, no case, no trailing
 * "(location)"). Every other service with parts is listed in NOT_CAPTURED with the reason, so a new
 * service with parts must be checked or explained. Captures: test/fixtures/parts/component-names.json
 * (names from live captures) and the real feeds in test/fixtures/feeds/ (PROVENANCE.md in each).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVICES } from '../../../core/catalog/bundled';
import { componentKey } from '../../../core/parts/narrow';

const read = (path: string): unknown => JSON.parse(readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8'));

interface NamesFile {
  captures: Record<string, { source: string; captured: string; names: string[] }[]>;
}
const NAMES = read('parts/component-names.json') as NamesFile;

const statuspageNames = (path: string) => (read(path) as { components: { name: string }[] }).components.map((c) => c.name);

/** Captured component names per catalog service id. */
const CAPTURED: Record<string, string[]> = {
  ...Object.fromEntries(Object.entries(NAMES.captures).map(([id, caps]) => [id, caps.flatMap((c) => c.names)])),
};
// GitHub's older names (2019/2020 summaries) are kept as aliases of renamed components.
CAPTURED['github'] = [
  ...(CAPTURED['github'] ?? []),
  ...statuspageNames('feeds/statuspage-summary-github-all-operational-20191230.json'),
  ...statuspageNames('feeds/statuspage-summary-github-active-incident-major-outage-20200402.json'),
];
CAPTURED['gitlab'] = (
  read('feeds/statusio-public-status-gitlab-operational.json') as { result: { status: { name: string }[] } }
).result.status.map((s) => s.name);
CAPTURED['heroku'] = (
  read('feeds/heroku-v4-current-status-healthy-stale-maintenance.doc-sample.json') as { status: { system: string }[] }
).status.map((s) => s.system);
// Service names of the Microsoft 365 consumer route as a public document lists them (values of the rows made up; names real).
CAPTURED['microsoft-365'] = (read('feeds/m365-consumer-posts-doc-derived-mixed.json') as { ServiceDisplayName: string }[]).map(
  (r) => r.ServiceDisplayName,
);

/** Services with component parts and no complete capture here: why. */
const NOT_CAPTURED: Record<string, string> = {
  slack: "Slack's API lists only the services an incident names; the captures here name Workflows and Login/SSO only",
  'aws-console': 'AWS Health lists events, not components; the capture names only "Multiple services"',
  firebase: 'no capture of status.firebase.google.com incidents.json here',
  'google-docs': 'the Workspace incidents.json sample here is doc-derived (product names invented for tests)',
  'app-store-connect': "Apple's developer capture is partial (only services with events: App Processing, App Upload, TestFlight)",
  icloud: "Apple's consumer sample here is doc-derived",
  netlify: 'no capture here',
  supabase: 'no capture here',
  npm: 'no capture here',
  bitbucket: 'no capture here',
  datadog: 'no capture here',
  'datadog-eu': 'no capture here',
  docker: 'no capture here',
  stripe: 'no capture here',
  dropbox: 'no capture here',
  figma: 'no capture here',
  shopify: 'no capture here',
  zoom: 'no capture here',
};

const withComponentParts = SERVICES.filter((s) => (s.parts ?? []).some((p) => p.components));

describe('component names of catalog parts (real captures)', () => {
  it('every service with component parts is either checked against a capture or says why not', () => {
    const unaccounted = withComponentParts.map((s) => s.id).filter((id) => !(id in CAPTURED) && !(id in NOT_CAPTURED));
    expect(unaccounted).toEqual([]);
    // A capture that arrives must replace its excuse.
    expect(Object.keys(NOT_CAPTURED).filter((id) => id in CAPTURED)).toEqual([]);
  });

  it.each(withComponentParts.filter((s) => s.id in CAPTURED).map((s) => [s.id, s] as const))(
    '%s: every part names components the provider lists',
    (_id, service) => {
      const listed = new Set(CAPTURED[service.id]!.map(componentKey));
      const wrong = (service.parts ?? []).flatMap((p) =>
        (p.components ?? []).filter((c) => !listed.has(componentKey(c))).map((c) => `${p.id}: ${c}`),
      );
      expect(wrong).toEqual([]);
    },
  );
});
