/**
 * AWS per-service RSS: one item per update, grouped into one incident per service-region episode.
 */
import type { Impact, OfficialUpdate } from '../../model';
import { htmlToText, safeUrl } from '../../text';
import { type Built, cleanTitle, haystackOf, itemId, MAX_UPDATES, type RawItem } from './common';

// ---------------------------------------------------------------------------------------------
// AWS per-service RSS.

type AwsState = { closes: boolean; impact: Impact | null; known: boolean };

/** Title prefix → what the update says. */
export function awsTitleState(title: string): AwsState {
  const t = title.trim();
  if (/\[resolved\]/i.test(t) || /^service is operating normally\b/i.test(t)) return { closes: true, impact: null, known: true };
  if (/^service disruption\s*:/i.test(t)) return { closes: false, impact: 'major', known: true };
  if (/^(?:service degradation|performance issues)\s*:/i.test(t)) return { closes: false, impact: 'minor', known: true };
  if (/^informational message\s*:/i.test(t)) return { closes: false, impact: 'minor', known: true };
  return { closes: false, impact: 'minor', known: false };
}

const AWS_PREFIX =
  /^\s*(?:service is operating normally|service disruption|service degradation|performance issues|informational message)\s*:\s*/i;

function awsKey(item: RawItem): string {
  const m = /#([^#\s]+?)_\d+\s*$/.exec(item.guid ?? '');
  return m ? m[1]!.toLowerCase() : 'aws';
}

const IMPACT_RANK: Record<Impact, number> = { none: 0, maintenance: 0, minor: 1, major: 2, critical: 3 };

export function awsEpisodes(items: readonly RawItem[]): Built[] {
  // Oldest first; items without a readable date cannot be sequenced and are left out.
  const dated = items
    .map((item, order) => ({ item, order, t: item.pubDate ?? item.updated ?? item.published }))
    .filter((x): x is { item: RawItem; order: number; t: number } => x.t !== null)
    .sort((a, b) => a.t - b.t || b.order - a.order);

  type Episode = { key: string; parts: { item: RawItem; t: number; state: AwsState }[] };
  const open = new Map<string, Episode>();
  const done: Episode[] = [];
  for (const x of dated) {
    const key = awsKey(x.item);
    const state = awsTitleState(x.item.title);
    let ep = open.get(key);
    if (!ep) {
      ep = { key, parts: [] };
      open.set(key, ep);
    }
    ep.parts.push({ item: x.item, t: x.t, state });
    if (state.closes) {
      done.push(ep);
      open.delete(key);
    }
  }
  done.push(...open.values());

  const out: Built[] = [];
  for (const ep of done) {
    const first = ep.parts[0]!;
    const last = ep.parts[ep.parts.length - 1]!;
    const closed = last.state.closes;
    let impact: Impact | null = null;
    for (const p of ep.parts) {
      if (p.state.impact !== null && (impact === null || IMPACT_RANK[p.state.impact] > IMPACT_RANK[impact])) impact = p.state.impact;
    }
    const updates: OfficialUpdate[] = ep.parts
      .slice(-MAX_UPDATES)
      .map((p): OfficialUpdate => ({
        at: new Date(p.t).toISOString(),
        status: p.state.closes ? 'resolved' : p.state.known ? 'investigating' : 'unknown',
        text: htmlToText(p.item.html),
      }))
      .reverse();
    const title = cleanTitle(last.item.title.replace(AWS_PREFIX, '').replace(/\[resolved\]\s*/gi, ''));
    out.push({
      incident: {
        id: itemId(first.item),
        title,
        kind: 'incident',
        status: closed ? 'resolved' : last.state.known ? 'investigating' : 'unknown',
        impact: impact ?? (closed ? 'minor' : null),
        startedAt: new Date(first.t).toISOString(),
        createdAt: new Date(first.t).toISOString(),
        updatedAt: new Date(last.t).toISOString(),
        resolvedAt: closed ? new Date(last.t).toISOString() : null,
        scheduledFor: null,
        scheduledUntil: null,
        updates,
        components: [],
        url: safeUrl(last.item.link) ?? safeUrl(first.item.link),
      },
      haystack: () =>
        ep.parts
          .map((p) => haystackOf(p.item))
          .join('\n')
          .slice(0, 50_000),
      activity: last.t,
      presenceIsActive: false,
    });
  }
  // Newest episode first, like the feed.
  return out.sort((a, b) => (Date.parse(b.incident.updatedAt ?? '') || 0) - (Date.parse(a.incident.updatedAt ?? '') || 0));
}
