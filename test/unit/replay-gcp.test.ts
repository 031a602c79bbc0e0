/**
 * Found by the replay: past its text budget the Google adapter dropped the middle updates of a long
 * incident, so the history (and the track record's intervals between updates) lost them. Checked
 * on the real record: Google's incident 4Qvmd4q81VnA9RirCMqV of 2022-05-06 (18 updates, 28,537
 * characters of text), as incidents.json listed it with the 11 other incidents of that week
 * (test/fixtures/replay/PROVENANCE.md), read three days after it ended.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { markdownToText, PREVIEW_TEXT, readGcpIncidents, TEXT_BUDGET } from '../../core/official/gcp';

const BODY = readFileSync('test/fixtures/replay/gcp-incidents-2022-05-01_2022-05-15.json', 'utf8');
const ROWS = JSON.parse(BODY) as { id: string; updates: { when: string; text: string }[] }[];
const LONG = ROWS.find((r) => r.id === '4Qvmd4q81VnA9RirCMqV')!;
const ctx = { now: Date.parse('2022-05-09T09:43:30Z'), baseUrl: 'https://status.cloud.google.com/incidents.json' };

function read(budget: number) {
  const r = readGcpIncidents(BODY, ctx, budget);
  if (!r.ok) throw new Error(r.problem.message);
  return r.value.recent.find((i) => i.id === LONG.id)!;
}

describe('Google adapter text budget on the real record', () => {
  it('past the budget every update is kept, with its time, as a preview of its text', () => {
    expect(LONG.updates).toHaveLength(18);
    const inc = read(5_000); // reached within this incident's first (newest) updates
    const times = LONG.updates.map((u) => new Date(u.when).toISOString()).sort();
    expect(inc.updates.map((u) => u.at).sort()).toEqual(times);
    const byTime = new Map(LONG.updates.map((u) => [new Date(u.when).toISOString(), u.text]));
    const full = inc.updates.filter((u) => u.text === markdownToText(byTime.get(u.at)!));
    const previews = inc.updates.filter((u) => u.text === markdownToText(byTime.get(u.at)!, PREVIEW_TEXT));
    expect(previews.length).toBeGreaterThan(10);
    for (const u of previews) expect(u.text.length).toBeLessThanOrEqual(PREVIEW_TEXT);
    // Each update is either whole or its preview (a short text is both).
    expect(inc.updates.every((u) => full.includes(u) || previews.includes(u))).toBe(true);
  });

  it('within the budget (as on every day of the 2021–2022 record) every text is whole', () => {
    const inc = read(TEXT_BUDGET);
    expect(inc.updates).toHaveLength(18);
    const byTime = new Map(LONG.updates.map((u) => [new Date(u.when).toISOString(), u.text]));
    for (const u of inc.updates) expect(u.text).toBe(markdownToText(byTime.get(u.at)!));
  });
});
