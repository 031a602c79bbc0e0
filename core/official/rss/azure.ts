/**
 * Azure status RSS: only live broad-impact incidents; presence in the feed is the signal.
 */
import { clip, htmlToText, safeUrl } from '../../text';
import { AZURE_STALE_AFTER_MS, type Built, cleanTitle, hashId, haystackOf, latest, type RawItem } from './common';
import { isoOf } from './dates';

// ---------------------------------------------------------------------------------------------
// Azure status RSS.

export function azureItem(item: RawItem): Built {
  const at = latest(item.pubDate, item.updated, item.published);
  const text = htmlToText(item.html);
  const base = item.guid ?? item.link ?? `h:${hashId(item.title)}`;
  return {
    incident: {
      // Azure reuses guids (a title slug) across incidents: the date tells them apart.
      id: clip(at === null ? base : `${base}@${new Date(at).toISOString()}`, 300),
      title: cleanTitle(item.title) || clip(text, 120),
      kind: 'incident',
      status: 'investigating',
      impact: 'major', // Azure only posts broad-impact incidents here
      startedAt: null,
      createdAt: isoOf(at),
      updatedAt: isoOf(at),
      resolvedAt: null,
      scheduledFor: null,
      scheduledUntil: null,
      updates: at === null ? [] : [{ at: new Date(at).toISOString(), status: 'investigating', text }],
      components: [],
      url: safeUrl(item.link),
    },
    haystack: () => haystackOf(item),
    activity: at,
    presenceIsActive: true,
    staleAfterMs: AZURE_STALE_AFTER_MS,
  };
}
