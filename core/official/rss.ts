/**
 * RSS 2.0 / Atom status feeds (catalog `official.url` is the feed URL itself).
 *
 * Four flavours share this adapter, told apart per feed or per item:
 * - **Statuspage history feeds** (`/history.rss`, `/history.atom`): one item per incident; its
 *   description/content is an entity-escaped HTML blob of every update, newest first:
 *   `<p><small>Mar <var data-var='date'> 3</var>, <var data-var='time'>03:22</var> UTC</small><br>
 *   <strong>Update</strong> - text</p>`. The blob is split into updates; the label gives each
 *   update's status (`Update` = unchanged, carrying the last real label below it); the header
 *   times have no year, which is inferred from the item's own dates. Maintenances start with
 *   "THIS IS A SCHEDULED EVENT <window>"; RSS adds `<maintenanceEndDate>`. The item's
 *   pubDate/published is the latest update for incidents and the scheduled start for
 *   maintenances — never the incident start: the oldest update's time is.
 * - **AWS per-service RSS**: one item per update, the state in a title prefix ("Service
 *   disruption:", "Service is operating normally:", "[RESOLVED]"…). Items are grouped into one
 *   incident per service-region episode (guid `#<service>-<region>_<epoch>`), ending at an
 *   "operating normally" / [RESOLVED] item.
 * - **Azure status RSS**: only live broad-impact incidents; an empty channel is the normal,
 *   healthy state; items vanish on resolution; guids are reused (the id is guid + pubDate). No
 *   lifecycle field: every item is 'investigating', impact 'major'.
 * - **Generic feeds**: status from a title/description prefix ("Resolved:", "[Resolved]",
 *   "Investigating -"…), else 'unknown' (open).
 *
 * Staleness rule: a feed entry with no resolution and no update for `STALE_AFTER_MS` (48 h) is
 * not treated as an open incident — feeds do not always close old items. Such an entry is left
 * out of `incidents` and `maintenances`, and also out of `recent`: we never invent a resolution.
 * An open entry with no readable date at all cannot be shown to be fresh and is left out the same
 * way. An upcoming maintenance is judged by its window, not by its announcement date.
 * Azure is the one exception: it removes items when they are resolved and does not always move
 * pubDate on later updates (pubDate was the start time in a 2025 capture), so presence in the
 * feed is the signal; its entries are kept for `AZURE_STALE_AFTER_MS` (7 days), and an undated
 * Azure entry is kept while it is listed.
 *
 * Safety: XML is read by our own small reader (./xml.ts), which never reads a DOCTYPE: no entity
 * it defines is ever expanded (billion-laughs bodies stay small) and nothing external is fetched;
 * only the five XML built-ins and numeric references are decoded, in one pass, and anything else
 * (a bare "&", "&nbsp;", a DTD entity) stays as written. Bodies are bounded (`MAX_FEED_CHARS`),
 * nesting (`MAX_NESTING`), node count and text are bounded by the reader, which is linear time;
 * the update blob is scanned linearly and bounded (`MAX_BLOB_CHARS`). All text leaves through
 * `htmlToText`, all links through `safeUrl`. Never throws.
 */
import { fail, isClosed, type OfficialIncident, type OfficialSnapshot, ok, type Result } from '../model';
import { awsEpisodes } from './rss/aws';
import { azureItem } from './rss/azure';
import { type Built, MAX_RECENT, STALE_AFTER_MS, type RawFeed } from './rss/common';
import { readFeed } from './rss/feed';
import { genericItem } from './rss/generic';
import { statuspageItem } from './rss/statuspage';
import type { FeedAdapter, ParseContext } from './types';

// ---------------------------------------------------------------------------------------------
// Flavour and the whole snapshot.

export type FeedFlavour = 'aws' | 'azure' | 'items';

const hostOf = (u: string | null | undefined): string => {
  if (!u) return '';
  try {
    return new URL(u).hostname.toLowerCase();
  } catch {
    return '';
  }
};

// The feed's own <link> has also been seen as the origin server (azurestatusprodncus.azurewebsites.net, 2026).
const AZURE_HOSTS =
  /(?:^|\.)(?:azure\.status\.microsoft|status\.azure\.com|azurestatuscdn\.azureedge\.net)$|^azurestatus[a-z0-9-]*\.azurewebsites\.net$/;
const AWS_HOSTS = /(?:^|\.)(?:status\.aws\.amazon\.com|health\.aws\.amazon\.com)$/;

/** Which reading a feed gets: AWS and Azure by their hosts/generator; everything else item by item. */
export function feedFlavour(feed: RawFeed, baseUrl: string): FeedFlavour {
  const hosts = [hostOf(feed.link), hostOf(baseUrl)];
  if (/AWS Service Health Dashboard/i.test(feed.generator) || hosts.some((h) => AWS_HOSTS.test(h))) return 'aws';
  if (feed.items.some((i) => /^https?:\/\/status\.aws\.amazon\.com\/#/i.test(i.guid ?? ''))) return 'aws';
  if (hosts.some((h) => AZURE_HOSTS.test(h)) || feed.title.trim() === 'Azure Status') return 'azure';
  return 'items';
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The scope test, or null when there is no scope (everything matches). */
function scopeTest(scope: readonly string[] | undefined): ((haystack: string) => boolean) | null {
  const names = (scope ?? []).map((s) => s.trim()).filter((s) => s !== '' && s.length <= 200);
  if (names.length === 0) return null;
  const re = new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${names.map(escapeRegExp).join('|')})(?=$|[^\\p{L}\\p{N}])`, 'iu');
  return (haystack) => re.test(haystack);
}

/** "mentions one of the scope names": whole words, case-insensitive. Without a scope, everything matches. */
export function scopeFilter(scope: readonly string[] | undefined): (haystack: string) => boolean {
  return scopeTest(scope) ?? (() => true);
}

export interface RssParseOptions {
  /** Override of STALE_AFTER_MS (tests, or a caller with its own policy). Azure keeps its own limit. */
  staleAfterMs?: number;
}

/** Body → snapshot. Never throws. */
export function parseFeed(body: unknown, ctx: ParseContext, opts: RssParseOptions = {}): Result<OfficialSnapshot> {
  const read = readFeed(body);
  return read.ok ? snapshotOf(read.value, ctx, opts) : read;
}

/** A feed already read by `readFeed` → snapshot. Never throws. */
export function snapshotOf(feed: RawFeed, ctx: ParseContext, opts: RssParseOptions = {}): Result<OfficialSnapshot> {
  try {
    if (feed.allBad) return fail('schema', 'the status feed has items in a shape we cannot read — the provider may have changed platform');
    const staleAfter = typeof opts.staleAfterMs === 'number' && opts.staleAfterMs > 0 ? opts.staleAfterMs : STALE_AFTER_MS;
    const flavour = feedFlavour(feed, ctx.baseUrl);

    let built: Built[];
    if (flavour === 'aws') built = awsEpisodes(feed.items);
    else if (flavour === 'azure') built = feed.items.map(azureItem);
    else built = feed.items.map((item) => statuspageItem(item, ctx) ?? genericItem(item));

    const inScope = scopeTest(ctx.scope);
    const incidents: OfficialIncident[] = [];
    const maintenances: OfficialIncident[] = [];
    const recent: OfficialIncident[] = [];
    let anyOpen = false;
    for (const b of built) {
      if (inScope !== null && !inScope(b.haystack())) continue;
      const i = b.incident;
      if (isClosed(i.status)) {
        if (recent.length < MAX_RECENT) recent.push(i);
        continue;
      }
      anyOpen = true;
      // The staleness rule (see the header): no resolution and no sign of life for 48 h.
      const fresh = b.activity === null ? b.presenceIsActive : ctx.now - b.activity <= (b.staleAfterMs ?? staleAfter);
      if (!fresh) continue;
      if (i.kind === 'maintenance') maintenances.push(i);
      else incidents.push(i);
    }

    // AWS and Azure feeds are empty (or all closed) when healthy: that much is derivable.
    const indicator = (flavour === 'aws' || flavour === 'azure') && !anyOpen ? 'operational' : 'unknown';
    return ok({ indicator, description: null, components: [], incidents, maintenances, recent });
  } catch {
    return fail('internal', 'the status feed could not be read because of an internal error');
  }
}

export const rssAdapter: FeedAdapter = {
  kind: 'rss',
  label: 'RSS / Atom status feed',
  endpoints: (url) => [{ url: typeof url === 'string' ? url.trim() : '', expect: 'xml' }],
  parse(bodies: string[], ctx: ParseContext): Result<OfficialSnapshot> {
    if (bodies.length < 1) return fail('internal', 'the status feed was not read');
    return parseFeed(bodies[0], ctx);
  },
};
