/**
 * `npm run replay`: the whole GitHub record (2022–2026) and the Google Cloud year through the real
 * worker, compared with the record; then the providers' admitted silence. See replay/README.md.
 *
 *   npm run replay                 # everything
 *   npx tsx replay/run.ts --only=gcp --table
 */
import './english-browser'; // first: see that file
import { mkdirSync, writeFileSync } from 'node:fs';
import { agree, EXPLAINED, lateReportsOnly, sameTrack, type ServiceSummary } from './compare';
import { gcpFeeds, githubFeeds } from './feeds';
import { readGcp, readGithub } from './record';
import { MINUTE, type ReplayResult } from './replay';
import { replayAndCompare } from './setup';
import { silence, silenceLines } from './silence';
import { markdownToText } from '../core/official/gcp';
import { GCP_RECORD, GITHUB, GITHUB_ATOM_SERVICE, GITHUB_RECORD, GOOGLE_CLOUD } from './sources';

const args = new Set(process.argv.slice(2));
const only = [...args]
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
const wants = (x: string) => !only || only.includes(x);

const iso = (t: number | null) => (t === null ? '—' : new Date(t).toISOString().slice(0, 16).replace('T', ' '));
const mins = (ms: number | null) => (ms === null ? '—' : `${(ms / MINUTE).toFixed(1)}`);
const pct = (a: number, b: number) => (b === 0 ? '—' : `${((100 * a) / b).toFixed(1)} %`);

function report(label: string, r: ReplayResult, sums: ServiceSummary[], out: string[]) {
  out.push(`\n## ${label}\n`);
  out.push(
    `${r.ticksRun} alarm ticks run for ${r.minutesCovered.toLocaleString('en')} simulated minutes (the rest carried, see README) · ` +
      `${(r.machineMs / 1000).toFixed(1)} s machine time · requests: ${[...r.fetch.byStatus].map(([s, n]) => `${n}× ${s}`).join(', ')} · notifications: ${r.shown.length} (${new Set(r.shown.map((s) => s.id)).size} distinct)`,
  );
  out.push('');
  out.push(
    '| service | incidents | first word: on time (≤ 1 poll, never early) | resolved within 1 poll | ok 60 min later | all three | explained exceptions | unexplained | median lag (min) | minutes outside windows: ack / unack / unknown / maint / resolved | update texts verbatim at their minute | track record = record |',
  );
  out.push('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const s of sums) {
    const n = s.checks.length;
    const all = s.checks.filter(agree).length;
    const explained = s.checks.filter((c) => !agree(c) && c.reason !== null).length;
    const lags = s.checks
      .map((c) => c.lagMs)
      .filter((x): x is number => x !== null)
      .sort((a, b) => a - b);
    const o = s.outside;
    out.push(
      `| ${s.service} | ${n} | ${s.checks.filter((c) => c.firstOk).length} | ${s.checks.filter((c) => c.resolvedOk).length} | ${s.checks.filter((c) => c.backToOk).length} | ${all} (${pct(all, n)}) | ${explained} | ${n - all - explained} | ${mins(lags[lags.length >> 1] ?? null)} | ${o.acknowledged} / ${o.unacknowledged} / ${o.unknown} / ${o.maintenance} / ${o.resolved} (of ${s.minutes.toLocaleString('en')}) | ${s.texts.verbatim} of ${s.texts.total} byte for byte, ${s.texts.converted} as documented (markdown → text); late ${s.texts.late}, never ${s.texts.missing.length}; maintenance “Completed” posts not in the API reading: ${s.texts.completedUnshown}; posted > 7 days after the end: ${s.texts.lateReports} | ${s.track.filter(sameTrack).length} of ${s.track.length} checks equal; ${s.track.filter((x) => !sameTrack(x) && lateReportsOnly(x)).length} differ only by Google's late incident reports |`,
    );
  }
  for (const s of sums) {
    const bad = s.checks.filter((c) => !agree(c));
    if (bad.length === 0 && s.texts.missing.length === 0 && s.track.every((x) => sameTrack(x) || lateReportsOnly(x))) continue;
    out.push(`\n### ${s.service}: exceptions\n`);
    const byReason = new Map<string, number>();
    for (const c of bad) byReason.set(c.reason ?? 'UNEXPLAINED', (byReason.get(c.reason ?? 'UNEXPLAINED') ?? 0) + 1);
    for (const [k, n] of byReason) out.push(`- ${n} × ${k === 'UNEXPLAINED' ? '**unexplained**' : EXPLAINED[k as keyof typeof EXPLAINED]}`);
    for (const c of bad.filter((x) => x.reason === null).slice(0, 15)) {
      out.push(
        `  - ${c.incident.id} "${c.incident.title.slice(0, 50)}" posted ${iso(c.firstPost)}, ours ${iso(c.ourFirst)} (lag ${mins(c.lagMs)}), resolved ok: ${c.resolvedOk}, back to ok: ${c.backToOk}`,
      );
    }
    for (const m of s.texts.missing.slice(0, 5))
      out.push(`  - text never shown verbatim: ${m.id} at ${iso(m.postedAt)}; stored: ${JSON.stringify(m.got?.slice(0, 120) ?? null)}`);
    for (const t of s.track.filter((x) => !sameTrack(x) && !lateReportsOnly(x)).slice(0, 3))
      out.push(`  - track record at ${iso(t.at)}: ours ${JSON.stringify(t.ours)} vs record ${JSON.stringify(t.record)}`);
  }
}

function incidentTable(sums: ServiceSummary[]): string {
  const rows = [
    '| service | incident | kind | first post (UTC) | our first minute | lag (min) | resolved at | resolved ok | back to ok | result |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const s of sums)
    for (const c of s.checks)
      rows.push(
        `| ${s.service} | ${c.incident.id} | ${c.incident.kind} | ${iso(c.firstPost)} | ${iso(c.ourFirst)} | ${mins(c.lagMs)} | ${iso(c.incident.endedAt)} | ${c.resolvedOk ? 'yes' : 'no'} | ${c.backToOk ? 'yes' : 'no'} | ${agree(c) ? 'agree' : (c.reason ?? 'DISAGREE')} |`,
      );
  return rows.join('\n');
}

const out: string[] = ["# Replay: Acknowledged against the providers' own record"];
const all: ServiceSummary[] = [];
const t0 = performance.now();
if (wants('github')) {
  const record = readGithub(GITHUB_RECORD);
  const { r, sums } = await replayAndCompare(
    'github',
    [
      { service: GITHUB, record },
      { service: GITHUB_ATOM_SERVICE, record },
    ],
    [githubFeeds(record)],
    record,
  );
  report(
    `githubstatus.com, ${record.length} incidents, ${iso(record[0]!.createdAt).slice(0, 10)} → ${iso(record[record.length - 1]!.endedAt).slice(0, 10)} (summary.json + incidents.json, and history.atom)`,
    r,
    sums,
    out,
  );
  all.push(...sums);
}
if (wants('gcp')) {
  const record = readGcp(GCP_RECORD);
  const { r, sums } = await replayAndCompare(
    'gcp',
    [{ service: GOOGLE_CLOUD, record, expectText: (x) => markdownToText(x) }],
    [gcpFeeds(record)],
    record,
  );
  report(
    `Google Cloud incidents.json, ${record.length} incidents, ${iso(record[0]!.createdAt).slice(0, 10)} → ${iso(record[record.length - 1]!.endedAt).slice(0, 10)}`,
    r,
    sums,
    out,
  );
  all.push(...sums);
  out.push("\n## The provider's own admitted silence (impact began → first post)\n");
  out.push(...silenceLines('Google Cloud', silence(record)));
}
if (wants('github')) {
  const record = readGithub(GITHUB_RECORD);
  out.push(...silenceLines('GitHub', silence(record)));
}
out.push(`\nTotal machine time: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
console.log(out.join('\n'));
mkdirSync('replay-output', { recursive: true });
writeFileSync('replay-output/summary.md', out.join('\n') + '\n');
writeFileSync('replay-output/incidents.md', incidentTable(all) + '\n');
if (args.has('--table')) console.log(incidentTable(all));
console.log('\nper-incident table: replay-output/incidents.md');
