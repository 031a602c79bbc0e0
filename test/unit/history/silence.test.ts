import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { admittedSilenceMs } from '../../../core/history/silence';
import { t } from '../../../core/i18n';
import { gcpAdapter } from '../../../core/official/gcp';
import { agoWords } from '../../../core/verdict';

// Real Google Cloud incidents (test/fixtures/replay/PROVENANCE.md): `begin` is when Google says impact began.
const RAW = readFileSync('test/fixtures/replay/gcp-incidents-2022-05-01_2022-05-15.json', 'utf8');
const rows = JSON.parse(RAW) as { id: string; begin: string; created: string; end: string }[];

describe("the provider's own admitted silence", () => {
  it('is created − begin, as the Google adapter reads it, for every real incident that states an earlier start', () => {
    // Parse as of an hour after each incident ended, so it is in the snapshot's recent list.
    let checked = 0;
    for (const row of rows) {
      const now = Date.parse(row.end) + 3_600_000;
      const snap = gcpAdapter.parse([RAW], { now, baseUrl: 'https://status.cloud.google.com/incidents.json' });
      expect(snap.ok).toBe(true);
      if (!snap.ok) continue;
      const inc = snap.value.recent.find((i) => i.id === row.id);
      if (!inc) continue;
      const want = Date.parse(row.created) - Date.parse(row.begin);
      expect(admittedSilenceMs(inc)).toBe(want >= 60_000 ? want : null);
      checked++;
    }
    expect(checked).toBeGreaterThan(5);
  });

  it('says it in the words of the popup', () => {
    const ms = admittedSilenceMs({ startedAt: '2022-05-02T10:00:00Z', createdAt: '2022-05-02T10:41:00Z' })!;
    expect(t('popupAdmittedSilence', ['Google Cloud', agoWords(ms)])).toBe(
      "By Google Cloud's own record, impact began 41 min before its first post",
    );
  });

  it('is nothing when the start is the first post, under a minute earlier, later, missing or absurd', () => {
    expect(admittedSilenceMs({ startedAt: '2022-05-02T10:00:00Z', createdAt: '2022-05-02T10:00:00Z' })).toBeNull();
    expect(admittedSilenceMs({ startedAt: '2022-05-02T10:00:00Z', createdAt: '2022-05-02T10:00:59Z' })).toBeNull();
    expect(admittedSilenceMs({ startedAt: '2022-05-02T11:00:00Z', createdAt: '2022-05-02T10:00:00Z' })).toBeNull();
    expect(admittedSilenceMs({ startedAt: null, createdAt: '2022-05-02T10:00:00Z' })).toBeNull();
    expect(admittedSilenceMs({ startedAt: '2021-01-01T00:00:00Z', createdAt: '2022-05-02T10:00:00Z' })).toBeNull();
  });
});
