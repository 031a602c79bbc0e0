/**
 * Statuspage history feeds (`/history.rss`, `/history.atom`): one item per incident, its
 * updates in an HTML blob (the format is described in ../rss.ts).
 */
import { type IncidentStatus, isClosed, type OfficialIncident, type OfficialUpdate } from '../../model';
import { htmlToText, safeUrl } from '../../text';
import { mapIncidentStatus } from '../kit';
import type { ParseContext } from '../types';
import { type Built, cleanTitle, DAY, haystackOf, itemId, latest, MAX_BLOB_CHARS, MAX_UPDATES, type RawItem } from './common';
import {
  hour24,
  isoOf,
  monthOf,
  placeAfter,
  placeBefore,
  placeNear,
  readYearless,
  TIME_ONLY,
  utcMs,
  type YearlessTime,
  zoneOffset,
} from './dates';

// ---------------------------------------------------------------------------------------------
// Statuspage history items.

/** Statuspage labels → status; `null` for "Update" (= unchanged) and labels we do not know. */
function labelStatus(label: string): IncidentStatus | null {
  const key = label
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  if (key === 'update') return null;
  const s = mapIncidentStatus(key);
  return s === 'unknown' ? null : s;
}

interface Block {
  label: string;
  /** Epoch ms or null when the header time was unreadable. */
  at: number | null;
  text: string;
}

const SCHEDULED_EVENT = /<strong\b[^>]*>\s*THIS IS A SCHEDULED EVENT\b([\s\S]*?)<\/strong\s*>/i;

/**
 * Split a Statuspage update blob into blocks, newest first. Linear: `<small>` heads are found
 * with indexOf; a head whose time cannot be read is treated as part of the previous update.
 */
function splitBlocks(html: string, placeTime: (t: YearlessTime) => number | null): Block[] {
  const src = html.length > MAX_BLOB_CHARS ? html.slice(0, MAX_BLOB_CHARS) : html;
  const lower = src.toLowerCase();
  const heads: { start: number; end: number; at: number | null; readable: boolean }[] = [];
  let from = 0;
  while (heads.length < MAX_UPDATES * 2) {
    const open = lower.indexOf('<small', from);
    if (open === -1) break;
    const openEnd = lower.indexOf('>', open);
    if (openEnd === -1) break;
    const close = lower.indexOf('</small', openEnd);
    if (close === -1) break;
    const closeEnd = lower.indexOf('>', close);
    if (closeEnd === -1) break;
    const when = readYearless(htmlToText(src.slice(openEnd + 1, close), 200));
    const at = when === null ? null : placeTime(when);
    heads.push({ start: open, end: closeEnd + 1, at, readable: when !== null });
    from = closeEnd + 1;
  }
  const blocks: Block[] = [];
  for (let k = 0; k < heads.length; k++) {
    const head = heads[k]!;
    if (!head.readable) continue;
    // The block runs to the next readable head.
    let next = src.length;
    for (let j = k + 1; j < heads.length; j++) {
      if (heads[j]!.readable) {
        next = heads[j]!.start;
        break;
      }
    }
    const rest = src.slice(head.end, next);
    const strong = /^\s*(?:<br\s*\/?>\s*)*<strong\b[^>]*>([\s\S]{0,200}?)<\/strong\s*>/i.exec(rest);
    if (!strong) continue;
    const label = htmlToText(strong[1], 100).replace(/\s+/g, ' ');
    const body = rest.slice(strong[0].length).replace(/^\s*(?:-|–|—|&nbsp;|\u00a0|\s)*/, '');
    blocks.push({ label, at: head.at, text: htmlToText(body) });
  }
  return blocks;
}

interface TimeOfDay {
  hour: number;
  minute: number;
  offset: number | undefined;
  hasZone: boolean;
}

const DATE_NO_ZONE = /^([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{1,2}):(\d{2})(?:\s*([ap])\.?m\.?)?$/i;

/** "May 28, 16:30 UTC - May 29, 16:30 UTC" / "Jan 16, 12:00 - 16:00 GMT" → the two ends. */
function readWindow(text: string): { start: YearlessTime; end: YearlessTime | TimeOfDay | null } | null {
  const flat = text.replace(/\s+/g, ' ').trim();
  const parts = flat.split(/\s+[-–—]\s+|\s+to\s+/i);
  const first = parts[0];
  if (first === undefined || first === '') return null;
  let end: YearlessTime | TimeOfDay | null = null;
  const second = parts[1];
  if (second !== undefined) {
    end = readYearless(second);
    if (end === null) {
      const t = TIME_ONLY.exec(second);
      if (t) {
        end = {
          hour: hour24(Number(t[1]), t[3]),
          minute: Number(t[2]),
          offset: zoneOffset(t[4]?.replace(/\s+/g, '')),
          hasZone: t[4] !== undefined,
        };
      }
    }
  }
  let start = readYearless(first);
  if (start === null) {
    const m = DATE_NO_ZONE.exec(first);
    const month = m ? monthOf(m[1]!) : undefined;
    if (!m || month === undefined) return null;
    start = { month, day: Number(m[2]), hour: hour24(Number(m[3]), m[5]), minute: Number(m[4]), offset: undefined, hasZone: false };
  }
  // The zone is often written only once, at the end ("12:00 - 16:00 GMT").
  if (!start.hasZone && end !== null && end.hasZone) start = { ...start, offset: end.offset, hasZone: true };
  return { start, end };
}

/**
 * A Statuspage history item → incident, or null when the item is not in Statuspage's format
 * (then the generic reading applies).
 */
export function statuspageItem(item: RawItem, ctx: ParseContext): Built | null {
  const html = item.html;
  if (!/<small\b/i.test(html) && !SCHEDULED_EVENT.test(html.slice(0, 4096))) return null;

  // The item's own latest date bounds its updates; failing any, now does.
  const ref = latest(item.pubDate, item.published, item.updated, item.maintenanceEnd) ?? ctx.now;
  const blocks = splitBlocks(html, (t) => placeBefore(t, ref, 2 * DAY));
  const scheduled = SCHEDULED_EVENT.exec(html.slice(0, 4096));
  if (blocks.length === 0 && !scheduled) return null;
  if (blocks.length > 0 && blocks.every((b) => labelStatus(b.label) === null && b.label.toLowerCase() !== 'update')) return null;

  // Status per block, oldest → newest: "Update" (or an unknown word) carries the last real label.
  const statuses: IncidentStatus[] = new Array<IncidentStatus>(blocks.length);
  let carried: IncidentStatus = 'unknown';
  for (let k = blocks.length - 1; k >= 0; k--) {
    const s = labelStatus(blocks[k]!.label);
    if (s !== null) carried = s;
    statuses[k] = carried;
  }
  const status: IncidentStatus = blocks.length > 0 ? statuses[0]! : 'scheduled';

  const dated: OfficialUpdate[] = [];
  blocks.forEach((b, k) => {
    if (b.at !== null && dated.length < MAX_UPDATES) dated.push({ at: new Date(b.at).toISOString(), status: statuses[k]!, text: b.text });
  });
  // Newest first by time; ties keep the feed's own order.
  const updates = dated
    .map((u, order) => ({ u, order, t: Date.parse(u.at) }))
    .sort((a, b) => b.t - a.t || a.order - b.order)
    .map((x) => x.u);

  // Resolution time: the first update of the final closed run (a postmortem after "Resolved"
  // does not move it; a re-opened incident has none).
  let resolvedAt: string | null = null;
  if (isClosed(status)) {
    let k = 0;
    while (k + 1 < blocks.length && isClosed(statuses[k + 1]!)) k++;
    const at = blocks[k]?.at ?? null;
    resolvedAt = isoOf(at ?? latest(item.pubDate, item.published, item.updated));
  }

  const maintenanceLabels = statuses.some((s) => s === 'scheduled' || s === 'in_progress' || s === 'verifying' || s === 'completed');
  const kind: OfficialIncident['kind'] = scheduled || item.maintenanceEnd !== null || maintenanceLabels ? 'maintenance' : 'incident';

  let scheduledFor: number | null = null;
  let scheduledUntil: number | null = item.maintenanceEnd;
  if (kind === 'maintenance') {
    // pubDate/published is the scheduled start; the window text says the same without a year.
    const startRef = item.pubDate ?? item.published;
    const window = scheduled ? readWindow(htmlToText(scheduled[1], 400)) : null;
    if (window) {
      scheduledFor = placeNear(window.start, startRef ?? item.updated ?? ctx.now);
      if (scheduledUntil === null && window.end !== null && scheduledFor !== null) {
        const e = window.end;
        const offset = e.offset ?? window.start.offset ?? 0;
        if ('month' in e) scheduledUntil = placeAfter(e, scheduledFor, offset);
        else {
          const s = new Date(scheduledFor + (window.start.offset ?? 0) * 60_000); // wall clock of the start
          const sameDay = utcMs(s.getUTCFullYear(), s.getUTCMonth(), s.getUTCDate(), e.hour, e.minute, 0, offset);
          scheduledUntil = sameDay === null ? null : sameDay >= scheduledFor ? sameDay : sameDay + DAY;
        }
      }
    }
    if (scheduledFor === null) scheduledFor = startRef;
  }

  const oldest = updates[updates.length - 1]?.at ?? null;
  const newest = updates[0]?.at ?? null;
  const createdAt = oldest ?? isoOf(item.published ?? item.pubDate);
  return {
    incident: {
      id: itemId(item),
      title: cleanTitle(item.title),
      kind,
      status: kind === 'maintenance' && blocks.length === 0 ? 'scheduled' : status,
      impact: kind === 'maintenance' ? 'maintenance' : null,
      startedAt: createdAt,
      createdAt,
      updatedAt: newest ?? isoOf(latest(item.updated, item.pubDate, item.published)),
      resolvedAt,
      scheduledFor: isoOf(scheduledFor),
      scheduledUntil: isoOf(scheduledUntil),
      updates,
      components: [],
      url: safeUrl(item.link),
    },
    haystack: () => haystackOf(item),
    activity: latest(
      newest === null ? null : Date.parse(newest),
      item.updated,
      kind === 'incident' ? item.pubDate : null,
      kind === 'incident' ? item.published : null,
      scheduledFor,
      scheduledUntil,
    ),
    presenceIsActive: false,
  };
}
