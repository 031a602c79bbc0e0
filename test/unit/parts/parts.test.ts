/**
 * The part in front of you (issue 17): patterns, the tab's view from its URL, and the verdict
 * narrowed to the part and region — on real GitHub incidents (test/fixtures/feeds/
 * github-history-incidents-with-components.json) and the real AWS Health capture.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOG, getService } from '../../../core/catalog/bundled';
import { evaluate } from '../../../core/judge';
import type { ComponentStatus, Impact, OfficialIncident, OfficialSnapshot } from '../../../core/model';
import { awsHealthAdapter } from '../../../core/official/aws-health';
import { parsePattern, pathSegments, patternMatches } from '../../../core/parts/pattern';
import { focusOf, focusOfChoice, partName, viewOfUrl } from '../../../core/parts/view';
import type { OfficialState } from '../../../core/verdict';

const NOW = Date.parse('2026-08-18T10:00:00Z');
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/feeds/${name}`, import.meta.url), 'utf8');

interface HistoryRow {
  id: string;
  title: string;
  url: string;
  impact: Impact;
  components: string[] | null;
  started_at: string;
  updates: { at: string; status: string; message: string }[];
}
const ROWS = JSON.parse(fixture('github-history-incidents-with-components.json')) as HistoryRow[];
/** A real GitHub incident, as if still open now. */
function open(row: HistoryRow): OfficialIncident {
  return {
    id: row.id,
    title: row.title,
    kind: 'incident',
    status: 'investigating',
    impact: row.impact,
    startedAt: row.started_at,
    createdAt: row.started_at,
    updatedAt: new Date(NOW - 4 * 60_000).toISOString(),
    resolvedAt: null,
    scheduledFor: null,
    scheduledUntil: null,
    updates: [{ at: new Date(NOW - 4 * 60_000).toISOString(), status: 'investigating', text: row.updates[0]!.message }],
    components: row.components ?? [],
    url: row.url,
  };
}
const [COPILOT, ACTIONS, GITHUB_WIDE, NO_COMPONENTS] = ROWS.map(open) as [
  OfficialIncident,
  OfficialIncident,
  OfficialIncident,
  OfficialIncident,
];

/** GitHub's components as the replay shows them (githubstatus.com), all operational unless told. */
const GITHUB_COMPONENTS = [
  'Git Operations',
  'Webhooks',
  'API Requests',
  'Issues',
  'Pull Requests',
  'Actions',
  'Packages',
  'Pages',
  'Codespaces',
  'Copilot',
];
function github(
  incidents: OfficialIncident[],
  status: Record<string, ComponentStatus> = {},
  indicator: ComponentStatus = 'minor' as never,
): OfficialState {
  const snapshot: OfficialSnapshot = {
    indicator: incidents.length > 0 ? (indicator === ('minor' as never) ? 'degraded' : indicator) : 'operational',
    description: incidents.length > 0 ? 'Minor Service Outage' : 'All Systems Operational',
    components: GITHUB_COMPONENTS.map((name, i) => ({ id: `c${i}`, name, status: status[name] ?? 'operational', group: null })),
    incidents,
    maintenances: [],
    recent: [],
  };
  return { serviceId: 'github', snapshot, lastSuccessAt: NOW - 30_000, lastAttemptAt: NOW - 30_000, problem: null, history: [] };
}

function judge(url: string | null, rec: OfficialState) {
  const view = url ? viewOfUrl(CATALOG, url) : null;
  const service = getService(view?.service ?? 'github')!;
  return { view, ...evaluate(service, rec as never, NOW, 1, undefined, focusOf(service, view)) };
}

describe('part patterns', () => {
  it.each([
    ['/*/*/actions', { host: null, segments: ['*', '*', 'actions'] }],
    ['github.com/copilot', { host: { exact: 'github.com' }, segments: ['copilot'] }],
    ['*.atlassian.net/wiki', { host: { suffix: 'atlassian.net' }, segments: ['wiki'] }],
    ['api.github.com', { host: { exact: 'api.github.com' }, segments: [] }],
  ])('%s parses', (p, want) => expect(parsePattern(p)).toEqual(want));

  it.each(['', '/', 'actions', ' /x', '/x?y=1', '/x#y', 'https://github.com/x', '*/x', 'a..b/x', '/a b'])('%j is rejected', (p) => {
    expect(parsePattern(p)).toBeNull();
  });

  it.each([
    ['/*/*/pulls', 'github.com', '/octo/repo/pulls/12', true],
    ['/*/*/pulls', 'github.com', '/octo/pulls', false],
    ['/*/*/pulls', 'github.com', '/Octo/Repo/PULLS', true],
    ['*.atlassian.net/wiki', 'acme.atlassian.net', '/wiki/spaces/X', true],
    ['*.atlassian.net/wiki', 'atlassian.net', '/wiki', false],
    ['*.atlassian.net/wiki', 'acme.atlassian.net', '/wikipedia', false],
    ['github.com/copilot', 'gist.github.com', '/copilot', false],
  ])('%s on %s%s → %s', (p, host, path, want) => {
    expect(patternMatches(parsePattern(p)!, host, pathSegments(path))).toBe(want);
  });
});

describe("a tab's view from its URL (kept: catalog words only, never the path)", () => {
  it.each([
    ['https://github.com/octo-org/secret-repo/pulls/7', { service: 'github', part: 'pulls', region: null }],
    ['https://github.com/octo-org/secret-repo/actions/runs/1', { service: 'github', part: 'actions', region: null }],
    ['https://github.com/copilot', { service: 'github', part: 'copilot', region: null }],
    ['https://github.com/octo-org/secret-repo', { service: 'github', part: null, region: null }],
    ['https://octo.github.io/blog', { service: 'github', part: 'pages', region: null }],
    ['https://docs.google.com/spreadsheets/d/abc/edit', { service: 'google-docs', part: 'sheets', region: null }],
    ['https://acme.atlassian.net/wiki/spaces/ENG', { service: 'confluence', part: null, region: null }],
    ['https://acme.atlassian.net/jira/software/projects/X', { service: 'jira', part: null, region: null }],
    ['https://acme.atlassian.net/browse/X-1', { service: 'jira', part: null, region: null }],
    ['https://acme.atlassian.net/', { service: 'atlassian', part: null, region: null }],
    ['https://console.aws.amazon.com/console/home?region=eu-west-1', { service: 'aws-console', part: null, region: 'eu-west-1' }],
    ['https://ap-south-1.console.aws.amazon.com/ec2/home#Instances', { service: 'aws-console', part: 'ec2', region: 'ap-south-1' }],
    ['https://us-east-1.console.aws.amazon.com/s3/home?region=eu-west-1', { service: 'aws-console', part: 's3', region: 'eu-west-1' }],
    ['https://console.aws.amazon.com/console/home?region=narnia', { service: 'aws-console', part: null, region: null }],
    [
      'https://console.cloud.google.com/run/detail/us-central1/api/metrics?project=p',
      { service: 'google-cloud', part: 'run', region: 'us-central1' },
    ],
    [
      'https://console.cloud.google.com/compute/instancesDetail/zones/europe-west4-a/instances/vm',
      { service: 'google-cloud', part: 'compute', region: 'europe-west4' },
    ],
  ])('%s', (url, want) => {
    const view = viewOfUrl(CATALOG, url);
    expect(view).toEqual(want);
    // What is kept names catalog words only: nothing of the path or query a person typed.
    expect(JSON.stringify(view)).not.toMatch(/secret|octo|abc|spaces|instances|project|metrics/i);
  });

  it.each(['https://example.com/x', 'about:blank', 'chrome://extensions', 'not a url'])('%s → null', (url) => {
    expect(viewOfUrl(CATALOG, url)).toBeNull();
  });

  it('names the part for the popup', () => {
    const gh = getService('github')!;
    expect(partName(gh, viewOfUrl(CATALOG, 'https://github.com/o/r/pulls'))).toBe('Pull Requests');
    expect(partName(gh, viewOfUrl(CATALOG, 'https://github.com/o/r'))).toBeNull();
  });
});

describe('the verdict follows the part in front of you', () => {
  it('a Copilot-only incident: pull requests ok with it elsewhere; the Copilot page acknowledged; no part → the whole service', () => {
    const rec = github([COPILOT], { Copilot: 'degraded' });
    const pulls = judge('https://github.com/o/r/pulls', rec);
    expect(pulls.result.verdict).toBe('ok');
    expect(pulls.elsewhere.map((i) => i.id)).toEqual([COPILOT.id]);
    expect(pulls.componentsElsewhere.map((c) => c.name)).toEqual(['Copilot']);

    const copilot = judge('https://github.com/copilot', rec);
    expect(copilot.result.verdict).toBe('acknowledged');
    expect(copilot.result.incident?.id).toBe(COPILOT.id);
    expect(copilot.elsewhere).toEqual([]);

    expect(judge('https://github.com/o/r', rec).result.verdict).toBe('acknowledged');
    expect(judge(null, rec).result.verdict).toBe('acknowledged');
  });

  it('an Actions incident (major) does not colour a pull-request tab: Actions is claimed by another part', () => {
    const rec = github([ACTIONS], { Actions: 'partial_outage' });
    expect(judge('https://github.com/o/r/pulls', rec).result.verdict).toBe('ok');
    expect(judge('https://github.com/o/r/actions', rec).result).toMatchObject({ verdict: 'acknowledged', severity: 'major' });
  });

  it('an incident naming the part among many (the real 2026-08-17 GitHub.com incident) counts', () => {
    const rec = github([GITHUB_WIDE], { 'Pull Requests': 'partial_outage', Copilot: 'partial_outage' });
    expect(judge('https://github.com/o/r/pulls', rec).result.verdict).toBe('acknowledged');
  });

  it('an incident naming no component is about the whole service: it counts everywhere', () => {
    expect(NO_COMPONENTS.components).toEqual([]);
    expect(judge('https://github.com/o/r/pulls', github([NO_COMPONENTS])).result.verdict).toBe('acknowledged');
  });

  it('an unclaimed component in major outage counts; the same in minor trouble does not', () => {
    const major = github([], { 'Git Operations': 'major_outage' });
    expect(judge('https://github.com/o/r/pulls', major).result).toMatchObject({ verdict: 'acknowledged', severity: 'major' });
    const minor = github([], { 'Git Operations': 'degraded' });
    const r = judge('https://github.com/o/r/pulls', minor);
    expect(r.result.verdict).toBe('ok');
    expect(r.componentsElsewhere.map((c) => c.name)).toEqual(['Git Operations']);
    // A claimed component elsewhere never crosses over, however bad.
    expect(judge('https://github.com/o/r/pulls', github([], { Copilot: 'major_outage' })).result.verdict).toBe('ok');
  });

  it('an incident on an unclaimed component crosses over only when major or critical', () => {
    const gitMinor = { ...COPILOT, id: 'g1', components: ['Git Operations'], impact: 'minor' as const };
    expect(judge('https://github.com/o/r/pulls', github([gitMinor])).result.verdict).toBe('ok');
    expect(judge('https://github.com/o/r/pulls', github([{ ...gitMinor, impact: 'critical' }])).result.verdict).toBe('acknowledged');
  });

  it('a part whose components the provider no longer lists narrows nothing (renamed component: never a false ok)', () => {
    const rec = github([COPILOT]);
    rec.snapshot!.components = rec.snapshot!.components.filter((c) => c.name !== 'Pull Requests' && c.name !== 'Issues');
    expect(judge('https://github.com/o/r/pulls', rec).result.verdict).toBe('acknowledged');
  });

  it('a page indicator with nothing to explain it still counts', () => {
    const rec = github([]);
    rec.snapshot!.indicator = 'partial_outage';
    expect(judge('https://github.com/o/r/pulls', rec).result.verdict).toBe('acknowledged');
  });

  it('a resolved Copilot incident does not make a pull-request tab "resolved"', () => {
    const rec = github([]);
    rec.history = [{ ...COPILOT, status: 'resolved', resolvedAt: new Date(NOW - 10 * 60_000).toISOString() }];
    expect(judge('https://github.com/o/r/pulls', rec).result.verdict).toBe('ok');
    expect(judge('https://github.com/copilot', rec).result.verdict).toBe('resolved');
  });

  it('an unreadable feed is unknown for every part', () => {
    const rec = { ...github([COPILOT]), problem: { code: 'http' as const, message: 'the status page answered HTTP 503' } };
    expect(judge('https://github.com/o/r/pulls', rec).result.verdict).toBe('unknown');
  });
});

describe('regions of cloud consoles (real AWS Health capture: events in me-central-1 and me-south-1)', () => {
  const body = fixture('aws-health-currentevents-active-2events.decoded.json');
  const parsed = awsHealthAdapter.parse([body], { baseUrl: 'https://health.aws.amazon.com/public/currentevents', now: NOW });
  if (!parsed.ok) throw new Error(parsed.problem.message);
  const rec: OfficialState = {
    serviceId: 'aws-console',
    snapshot: parsed.value,
    lastSuccessAt: NOW,
    lastAttemptAt: NOW,
    problem: null,
    history: [],
  };
  const aws = (url: string) => {
    const view = viewOfUrl(CATALOG, url);
    const s = getService('aws-console')!;
    return evaluate(s, rec as never, NOW, 1, undefined, focusOf(s, view));
  };

  it('another region’s events are listed, not badged', () => {
    const r = aws('https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1');
    expect(r.result.verdict).toBe('ok');
    expect(r.elsewhere).toHaveLength(2);
  });
  it('the region of the event is acknowledged', () => {
    const r = aws('https://console.aws.amazon.com/console/home?region=me-central-1');
    expect(r.result.verdict).toBe('acknowledged');
    expect(r.elsewhere).toHaveLength(1);
  });
  it('no region in the URL: every event counts, as before', () => {
    expect(aws('https://console.aws.amazon.com/console/home').result.verdict).toBe('acknowledged');
  });
  it('a global event counts in every region', () => {
    const global = {
      ...parsed.value.incidents[0]!,
      id: 'arn:aws:health:global::event/IAM/X/Y',
      components: ['AWS Identity and Access Management (Global)'],
    };
    const s = getService('aws-console')!;
    const r = evaluate(
      s,
      { ...rec, snapshot: { ...parsed.value, incidents: [global] } } as never,
      NOW,
      1,
      undefined,
      focusOf(s, viewOfUrl(CATALOG, 'https://console.aws.amazon.com/?region=eu-west-1')),
    );
    expect(r.result.verdict).toBe('acknowledged');
  });
});

describe('watched parts (settings watchedParts): the same narrowing rule, chosen in Options', () => {
  const gh = getService('github')!;
  const watched = (incidents: OfficialIncident[], parts: string[] | undefined, status: Record<string, ComponentStatus> = {}) =>
    evaluate(gh, github(incidents, status) as never, NOW, 1, undefined, focusOfChoice(gh, parts)).result.verdict;

  it('a Copilot incident does not concern someone who chose only Actions; it does with Copilot chosen or nothing chosen', () => {
    expect(COPILOT.components).toContain('Copilot');
    expect(watched([COPILOT], ['actions'])).toBe('ok');
    expect(watched([COPILOT], ['actions', 'copilot'])).toBe('acknowledged');
    expect(watched([COPILOT], undefined)).toBe('acknowledged');
    expect(watched([COPILOT], [])).toBe('acknowledged');
  });

  it('an Actions incident counts for Actions', () => {
    expect(watched([ACTIONS], ['actions'])).toBe('acknowledged');
  });

  it('the safety stays: an incident naming no component (the whole service) still counts', () => {
    expect(watched([NO_COMPONENTS], ['copilot'])).toBe('acknowledged');
  });

  it('a chosen part id the catalog no longer has narrows nothing', () => {
    expect(focusOfChoice(gh, ['no-such-part'])).toBeNull();
  });
});
