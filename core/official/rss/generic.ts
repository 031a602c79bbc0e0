/**
 * Generic feeds: status from a title/description prefix ("Resolved:", "[Resolved]"…), else unknown.
 */
import { type IncidentStatus, isClosed, type OfficialIncident } from '../../model';
import { clip, htmlToText, safeUrl } from '../../text';
import { mapIncidentStatus } from '../kit';
import { type Built, cleanTitle, haystackOf, itemId, latest, type RawItem } from './common';
import { isoOf } from './dates';

// ---------------------------------------------------------------------------------------------
// Generic feeds.

const PREFIX_WORDS =
  'resolved|investigating|identified|monitoring|completed|scheduled|in[ _-]progress|verifying|postmortem|post-mortem|update|updated';
const BRACKETED = new RegExp(`^\\s*[\\[(]\\s*(${PREFIX_WORDS})\\s*[\\])]`, 'i');
const SEPARATED = new RegExp(`^\\s*(${PREFIX_WORDS})\\s*(?:[:|]|\\s[-–—]|[-–—]\\s)`, 'i');

/** A status word at the start of a title or text ("Resolved: …", "[Resolved] …", "Investigating - …"). */
export function prefixStatus(text: string): IncidentStatus | null {
  const m = BRACKETED.exec(text) ?? SEPARATED.exec(text);
  if (!m) return null;
  const word = m[1]!.toLowerCase().replace(/[\s-]+/g, '_');
  if (word === 'update' || word === 'updated') return null;
  return mapIncidentStatus(word === 'post_mortem' ? 'postmortem' : word);
}

export function genericItem(item: RawItem): Built {
  const text = htmlToText(item.html);
  const status = prefixStatus(item.title) ?? prefixStatus(text.slice(0, 300)) ?? 'unknown';
  const at = latest(item.updated, item.pubDate, item.published);
  const created = item.published ?? item.pubDate ?? item.updated;
  const title = cleanTitle(item.title);
  const kind: OfficialIncident['kind'] =
    status === 'scheduled' || status === 'in_progress' || status === 'verifying' || status === 'completed' || /\bmaintenance\b/i.test(title)
      ? 'maintenance'
      : 'incident';
  return {
    incident: {
      id: itemId(item),
      title: title || clip(text.split('\n')[0] ?? '', 120),
      kind,
      status,
      impact: kind === 'maintenance' ? 'maintenance' : null,
      startedAt: null, // a feed item's date is when it was posted, not when the problem began
      createdAt: isoOf(created),
      updatedAt: isoOf(at),
      resolvedAt: isClosed(status) ? isoOf(at) : null,
      scheduledFor: null,
      scheduledUntil: null,
      updates: at === null ? [] : [{ at: new Date(at).toISOString(), status, text }],
      components: [],
      url: safeUrl(item.link),
    },
    haystack: () => haystackOf(item),
    activity: at,
    presenceIsActive: false,
  };
}
