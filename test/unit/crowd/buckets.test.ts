import { describe, expect, it } from 'vitest';
import {
  addPosts,
  aggregate,
  authorsAt,
  BUCKET_MS,
  bucketStart,
  MAX_AUTHORS,
  MAX_IDS,
  mergeBuckets,
  pruneBuckets,
  RETENTION_MS,
} from '../../../core/crowd/buckets';
import type { Post, SourceId } from '../../../core/crowd/source';
import { DAY, MIN, NOW } from './helpers';

const post = (id: string, author: string, at: number, source: SourceId = 'hn'): Post => ({
  id,
  author,
  at,
  text: 'x is down',
  url: null,
  source,
});

describe('buckets', () => {
  it('bucketStart floors to 15 minutes (UTC-aligned)', () => {
    expect(bucketStart(NOW)).toBe(NOW);
    expect(bucketStart(NOW + 14 * MIN + 59_999)).toBe(NOW);
    expect(bucketStart(NOW + 15 * MIN)).toBe(NOW + BUCKET_MS);
    expect(bucketStart(NOW - 1)).toBe(NOW - BUCKET_MS);
  });

  it('aggregates per bucket and source, counting distinct authors', () => {
    const b = aggregate([
      post('hn:1', 'alice', NOW + MIN),
      post('hn:2', 'alice', NOW + 2 * MIN),
      post('hn:3', 'bob', NOW + 3 * MIN),
      post('hn:4', 'carol', NOW + 16 * MIN),
      post('mastodon:x', 'alice@mastodon.social', NOW + MIN, 'mastodon'),
    ]);
    expect(b).toEqual([
      { bucket: NOW, source: 'hn', authors: ['alice', 'bob'], posts: 3, ids: ['hn:1', 'hn:2', 'hn:3'] },
      { bucket: NOW, source: 'mastodon', authors: ['alice@mastodon.social'], posts: 1, ids: ['mastodon:x'] },
      { bucket: NOW + BUCKET_MS, source: 'hn', authors: ['carol'], posts: 1, ids: ['hn:4'] },
    ]);
    expect(authorsAt(b, 'hn', NOW)).toBe(2);
    expect(authorsAt(b, 'bluesky', NOW)).toBe(0);
  });

  it('re-adding the same posts does not double count (idempotent)', () => {
    const posts = [post('hn:1', 'alice', NOW), post('hn:2', 'bob', NOW)];
    const once = addPosts([], posts);
    const twice = addPosts(once, posts);
    expect(twice).toEqual(once);
    expect(mergeBuckets(once, once)).toEqual(once);
    const other = aggregate([post('hn:3', 'carol', NOW)]);
    expect(mergeBuckets(once, other)).toEqual(mergeBuckets(other, once));
    expect(mergeBuckets(once, other)[0]!.posts).toBe(3);
  });

  it('does not modify its input', () => {
    const once = aggregate([post('hn:1', 'alice', NOW)]);
    const copy = JSON.parse(JSON.stringify(once));
    addPosts(once, [post('hn:2', 'bob', NOW)]);
    expect(once).toEqual(copy);
  });

  it('bounds authors and ids, and stays idempotent when saturated', () => {
    const many = Array.from({ length: MAX_IDS + 50 }, (_, i) => post(`hn:${String(i).padStart(5, '0')}`, `user${i}`, NOW));
    const b = aggregate(many);
    expect(b[0]!.authors.length).toBe(MAX_AUTHORS);
    expect(b[0]!.ids.length).toBe(MAX_IDS);
    expect(b[0]!.posts).toBe(MAX_IDS);
    expect(addPosts(b, many)).toEqual(b);
  });

  it('ignores malformed posts and stored garbage', () => {
    const b = addPosts(
      [{ bucket: 'x' } as never, { bucket: NOW, source: 'reddit', authors: [], ids: [], posts: 0 } as never],
      [post('', 'a', NOW), post('hn:1', '', NOW), post('hn:2', 'a', NaN)],
    );
    expect(b).toEqual([]);
  });

  it('prunes to 7 days (keeping the slot exactly one week back)', () => {
    const b = aggregate([
      post('hn:old', 'a', NOW - RETENTION_MS - 1),
      post('hn:week', 'b', NOW - RETENTION_MS),
      post('hn:now', 'c', NOW),
      post('hn:future', 'd', NOW + 3 * DAY),
    ]);
    expect(pruneBuckets(b, NOW + 5 * MIN).map((x) => x.ids[0])).toEqual(['hn:week', 'hn:now']);
  });
});
