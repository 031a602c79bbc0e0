import { describe, expect, it } from 'vitest';
import type { CrowdRecord } from '../../core/crowd/record';
import type { Episode } from '../../core/history/episodes';
import { emptyRecord, openStore, putCrowd, putEpisode, putRecord, readForPopup } from '../../core/store';

const episode = (id: string, serviceId: string, startedAt: number) =>
  ({
    id,
    serviceId,
    startedAt,
    firstEvidenceAt: null,
    firstOfficialAt: null,
    incidentIds: [],
    officialUpdates: [],
    resolvedAt: null,
    endedAt: null,
  }) as unknown as Episode;
const crowd = (serviceId: string, source: string) =>
  ({ key: `${serviceId}/${source}`, serviceId, source, buckets: [] }) as unknown as CrowdRecord;

describe('readForPopup', () => {
  it('reads records, complaint records and the focused service’s episodes (oldest first) in one go', async () => {
    const db = await openStore('store-test-popup');
    await putRecord(db, { ...emptyRecord('github'), lastSuccessAt: 1 });
    await putRecord(db, emptyRecord('discord'));
    await putCrowd(db, crowd('github', 'hn'));
    await putCrowd(db, crowd('github', 'mastodon'));
    await putCrowd(db, crowd('discord', 'hn'));
    await putEpisode(db, episode('b', 'github', 200));
    await putEpisode(db, episode('a', 'github', 100));
    await putEpisode(db, episode('c', 'discord', 50));

    const got = await readForPopup(db, ['github', 'discord', 'nothing-stored'], 'github');
    expect([...got.records.keys()].sort()).toEqual(['discord', 'github']);
    expect(got.records.get('github')?.lastSuccessAt).toBe(1);
    expect(
      got.crowd
        .get('github')
        ?.map((c) => c.source)
        .sort(),
    ).toEqual(['hn', 'mastodon']);
    expect(got.crowd.get('discord')).toHaveLength(1);
    expect(got.crowd.get('nothing-stored')).toEqual([]);
    expect(got.episodes.map((e) => e.id)).toEqual(['a', 'b']);

    const none = await readForPopup(db, [], null);
    expect(none.records.size).toBe(0);
    expect(none.episodes).toEqual([]);
  });
});
