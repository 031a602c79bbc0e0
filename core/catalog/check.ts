/**
 * `npm run catalog:check`: does each catalog entry still say the truth? For a maintainer with
 * internet access (scripts/catalog-check.ts); tested against the demo server
 * (test/unit/catalog-check.test.ts). Per entry:
 *
 * 1. the official feed is read exactly as the extension reads it (adapter endpoints → fetchFeed →
 *    adapter parse);
 * 2. the status page is run through the same format detection as "add a custom status page"
 *    (core/official/detect.ts), to see which platform serves it today;
 * 3. every site domain is resolved (DNS).
 *
 * and the findings become one of: ok, moved (the status page redirects elsewhere), died (it does
 * not answer, or answers an error and nothing readable is found), changed platform (detection finds
 * another kind), unreadable (it answers, but neither the feed nor detection can read it), new feed
 * (an entry without a feed whose page now has one), plus a line per domain that does not resolve —
 * each with a suggested fix in catalog terms.
 */
import type { Problem } from '../model';
import { fetchFeed, type FetchDeps } from '../net/fetch';
import { detectFeed, type DetectedFeed } from '../official/detect';
import type { OfficialKind } from '../official/kinds';
import { adapterFor } from '../official/registry';

export interface CheckEntry {
  id: string;
  statusPage: string;
  domains: readonly string[];
  official: { kind: OfficialKind; url: string; scope?: readonly string[] | undefined } | null;
}

export type Finding = 'ok' | 'moved' | 'died' | 'changed-platform' | 'unreadable' | 'new-feed';

export interface CheckReport {
  id: string;
  finding: Finding;
  /** What was seen, in words. */
  detail: string;
  /** The catalog change that would fix it (null when nothing needs to change). */
  fix: string | null;
  /** Site domains that did not resolve. */
  deadDomains: string[];
}

export interface CheckDeps extends FetchDeps {
  /** Whether a hostname resolves (DNS); false on NXDOMAIN or any lookup error. */
  resolves(host: string): Promise<boolean>;
  timeoutMs?: number;
}

/** Read the entry's official feed like the poller does. Null when it reads; else the problem. */
async function readOfficial(entry: CheckEntry, deps: CheckDeps): Promise<Problem | null> {
  const o = entry.official!;
  const adapter = adapterFor(o.kind);
  const base = o.url.replace(/\/+$/, '');
  const bodies: string[] = [];
  for (const ep of adapter.endpoints(base)) {
    const got = await fetchFeed(ep.url, { expect: ep.expect, sseEvent: ep.sseEvent, timeoutMs: deps.timeoutMs ?? 15_000 }, deps);
    if (got.kind === 'failed') return got.problem;
    if (got.kind !== 'fresh') return { code: 'internal', message: 'unexpected answer without a body' };
    bodies.push(got.text);
  }
  const parsed = adapter.parse(bodies, { now: deps.now(), baseUrl: base, ...(o.scope ? { scope: o.scope } : {}) });
  return parsed.ok ? null : parsed.problem;
}

const officialJson = (d: DetectedFeed): string => JSON.stringify({ kind: d.kind, url: d.url });
const DEAD: ReadonlySet<Problem['code']> = new Set(['network', 'timeout', 'offline', 'http']);

/** The new address in a redirect problem ("…redirects to status.example.com — …"), if any. */
function redirectTarget(p: Problem): string | null {
  const m = /redirects to (\S+)/.exec(p.message);
  return m ? m[1]!.replace(/[—,.;]+$/, '') : null;
}

/** Check one entry. Never throws. */
export async function checkEntry(entry: CheckEntry, deps: CheckDeps): Promise<CheckReport> {
  const deadDomains: string[] = [];
  for (const d of entry.domains) if (!(await deps.resolves(d).catch(() => false))) deadDomains.push(d);
  const report = (finding: Finding, detail: string, fix: string | null): CheckReport => ({
    id: entry.id,
    finding,
    detail,
    fix,
    deadDomains,
  });
  try {
    const detected = await detectFeed(entry.statusPage, deps);
    if (entry.official === null) {
      return detected.ok
        ? report(
            'new-feed',
            `${entry.statusPage} now serves a ${detected.value.kind} feed at ${detected.value.url}`,
            `set "official": ${officialJson(detected.value)}`,
          )
        : report('ok', 'publishes no machine-readable feed (still)', null);
    }
    const problem = await readOfficial(entry, deps);
    const o = entry.official;
    if (problem === null) {
      // The feed reads; a page that detection now sees on another platform is still worth a look.
      if (detected.ok && detected.value.kind !== o.kind && o.kind !== 'rss') {
        return report(
          'changed-platform',
          `the ${o.kind} feed still reads, but ${entry.statusPage} is now served by ${detected.value.kind}`,
          `consider "official": ${officialJson(detected.value)}`,
        );
      }
      return report('ok', `${o.kind} feed reads`, null);
    }
    if (detected.ok && (detected.value.kind !== o.kind || detected.value.url.replace(/\/+$/, '') !== o.url.replace(/\/+$/, ''))) {
      return report(
        detected.value.kind !== o.kind ? 'changed-platform' : 'moved',
        `${o.kind} feed at ${o.url}: ${problem.message}; ${entry.statusPage} is now ${detected.value.kind} at ${detected.value.url}`,
        `set "official": ${officialJson(detected.value)}`,
      );
    }
    if (problem.code === 'redirect') {
      const to = redirectTarget(problem);
      return report(
        'moved',
        `${o.url}: ${problem.message}`,
        to
          ? `check https://${to} and update "statusPage" and "official.url" to it`
          : 'find the new address and update "statusPage" and "official.url"',
      );
    }
    if (DEAD.has(problem.code)) {
      return report(
        'died',
        `${o.url}: ${problem.message}; no readable feed found at ${entry.statusPage}`,
        'set "official": null with a note of what was checked, or find where the provider posts status now',
      );
    }
    return report(
      'unreadable',
      `${o.url}: ${problem.message}`,
      detected.ok
        ? `set "official": ${officialJson(detected.value)}`
        : 'check the page by hand: the format may have changed (adapter) or the page moved',
    );
  } catch (e) {
    return report('unreadable', `the check itself failed: ${String(e)}`, null);
  }
}

/** Check every entry, `concurrency` at a time, in catalog order. */
export async function checkCatalog(entries: readonly CheckEntry[], deps: CheckDeps, concurrency = 8): Promise<CheckReport[]> {
  const out: CheckReport[] = new Array(entries.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < entries.length) {
      const k = next++;
      out[k] = await checkEntry(entries[k]!, deps);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, entries.length)) }, worker));
  return out;
}

/** The printed report: one block per entry that needs attention, then a count line. */
export function formatReport(reports: readonly CheckReport[]): string {
  const lines: string[] = [];
  const label: Record<Finding, string> = {
    ok: 'OK',
    moved: 'MOVED',
    died: 'DIED',
    'changed-platform': 'CHANGED PLATFORM',
    unreadable: 'UNREADABLE',
    'new-feed': 'NEW FEED',
  };
  for (const r of reports) {
    if (r.finding !== 'ok') {
      lines.push(`${label[r.finding]}  ${r.id}: ${r.detail}`);
      if (r.fix) lines.push(`    fix: ${r.fix}`);
    }
    if (r.deadDomains.length > 0) {
      lines.push(`DOMAIN DOES NOT RESOLVE  ${r.id}: ${r.deadDomains.join(', ')}`);
      lines.push(`    fix: remove ${r.deadDomains.map((d) => `"${d}"`).join(', ')} from "domains" (or correct them)`);
    }
  }
  const counts = new Map<Finding, number>();
  for (const r of reports) counts.set(r.finding, (counts.get(r.finding) ?? 0) + 1);
  const deadDomains = reports.reduce((n, r) => n + r.deadDomains.length, 0);
  lines.push(
    `${reports.length} entries checked: ${[...counts].map(([f, n]) => `${n} ${label[f].toLowerCase()}`).join(', ')}; ${deadDomains} domain${deadDomains === 1 ? '' : 's'} not resolving`,
  );
  return lines.join('\n');
}
