import { describe, expect, it } from 'vitest';
import type { CrowdRecord } from '../../core/crowd/record';
import type { Episode } from '../../core/history/episodes';
import { readFileSync } from 'node:fs';
import {
  COMPRESS_FROM_CHARS,
  commitPolls,
  emptyRecord,
  getBody,
  getOpenEpisode,
  openStore,
  putCrowd,
  putEpisode,
  putRecord,
  readForPopup,
} from '../../core/store';

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

describe('getOpenEpisode', () => {
  const ended = (e: Episode, at: number) => ({ ...e, endedAt: at, resolvedAt: at }) as Episode;

  it('finds the open episode among many ended ones (ids `service:startedAt`, compared as numbers)', async () => {
    const db = await openStore('store-test-open-episode');
    for (const at of [5, 40, 999]) await putEpisode(db, ended(episode(`github:${at}`, 'github', at), at + 1));
    await putEpisode(db, episode('github:1000', 'github', 1000)); // '1000' < '999' as text: the number decides
    await putEpisode(db, ended(episode('github-enterprise:2000', 'github-enterprise', 2000), 2001));
    await putEpisode(db, episode('githubx:3000', 'githubx', 3000));
    expect((await getOpenEpisode(db, 'github'))?.id).toBe('github:1000');
    expect(await getOpenEpisode(db, 'github-enterprise')).toBeNull();
    expect((await getOpenEpisode(db, 'githubx'))?.id).toBe('githubx:3000');
    expect(await getOpenEpisode(db, 'discord')).toBeNull();
  });

  it('is null when the latest episode has ended', async () => {
    const db = await openStore('store-test-open-episode-ended');
    await putEpisode(db, ended(episode('discord:10', 'discord', 10), 20));
    await putEpisode(db, ended(episode('discord:30', 'discord', 30), 40));
    expect(await getOpenEpisode(db, 'discord')).toBeNull();
  });

  it('reads every episode when ids are not `service:startedAt` (and still finds the open one)', async () => {
    const db = await openStore('store-test-open-episode-other-ids');
    await putEpisode(db, ended(episode('slack:a', 'slack', 10), 20));
    await putEpisode(db, episode('slack:b', 'slack', 30));
    expect((await getOpenEpisode(db, 'slack'))?.id).toBe('slack:b');
  });
});

describe('feed bodies', () => {
  it('stores a large body compressed and gives it back unchanged; small bodies stay plain; old plain rows still read', async () => {
    const db = await openStore('store-test-bodies');
    // The real 116 KB Google Cloud history (test/fixtures/feeds/PROVENANCE.md), and a small real body.
    const big = readFileSync('test/fixtures/feeds/gcp-incidents-json-resolved-history.json', 'utf8');
    const small = readFileSync('test/fixtures/feeds/statuspage-summary-github-all-operational-20191230.json', 'utf8');
    expect(big.length).toBeGreaterThanOrEqual(COMPRESS_FROM_CHARS);
    expect(small.length).toBeLessThan(COMPRESS_FROM_CHARS);
    const body = (url: string, text: string) => ({ url, body: text, validators: { etag: '"x"' }, storedAt: 1 });
    await commitPolls(db, [
      { rec: emptyRecord('gcp'), bodies: [body('https://a.example/big', big), body('https://a.example/small', small)] },
    ]);
    expect(await getBody(db, 'https://a.example/big')).toEqual(body('https://a.example/big', big));
    expect(await getBody(db, 'https://a.example/small')).toEqual(body('https://a.example/small', small));
    const raw = (await db.get('bodies', 'https://a.example/big'))!;
    expect(raw.body).toBe('');
    expect(raw.gz!.byteLength).toBeLessThan(big.length / 4);
    expect((await db.get('bodies', 'https://a.example/small'))!.gz).toBeUndefined();
    // A row written before compression existed.
    await db.put('bodies', body('https://a.example/old', big));
    expect((await getBody(db, 'https://a.example/old'))?.body).toBe(big);
    expect(await getBody(db, 'https://a.example/none')).toBeUndefined();
  });
});
