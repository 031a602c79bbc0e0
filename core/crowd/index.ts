/**
 * The complaint-evidence layer: sources, buckets, spike detection, backfill.
 * See core/crowd/README.md.
 */
import { bluesky } from './bluesky';
import { hackerNews } from './hn';
import { isdown } from './isdown';
import { mastodon } from './mastodon';
import type { ComplaintSource, SourceId } from './source';

/** Every complaint source, in display order. */
export const SOURCES: readonly ComplaintSource[] = Object.freeze([hackerNews, mastodon, bluesky, isdown]);

export function sourceById(id: SourceId): ComplaintSource {
  return SOURCES.find((s) => s.id === id)!;
}

/** Sources on by default (the keyless ones). */
export const DEFAULT_SOURCES: readonly SourceId[] = Object.freeze(SOURCES.filter((s) => s.defaultOn).map((s) => s.id));

export * from './source';
export * from './buckets';
export * from './budget';
export * from './keywords';
export * from './spike';
export * from './backfill';
export { hackerNews } from './hn';
export { mastodon } from './mastodon';
export { bluesky, BLUESKY_SESSION_KEY, BLUESKY_NOT_CONFIGURED } from './bluesky';
export { isdown, externalSpikes, ISDOWN_NOT_CONFIGURED } from './isdown';
