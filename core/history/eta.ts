/**
 * "When will it be back?" (docs/design.md, the five questions: 5).
 *
 * Pure: no browser APIs, no clock (`now` is an argument). Three answers:
 * - `etaFor`: an ETA the provider itself gave — the end of a maintenance window, or an explicit
 *   time in its newest update that states one ("we expect service to be restored by 14:30 UTC",
 *   "ETA 15:00 UTC", "should be back within the next 2 hours").
 * - `nextUpdateFor`: when the provider said it will speak next ("next update in 30 minutes").
 *   That is not an ETA and is never returned as one.
 * - `typicalDuration`: the median length of this provider's past incidents, for when no ETA exists.
 *
 * Reading ETAs from prose is done for precision, not recall: a wrong ETA is worse than none. A time
 * counts only when
 * - it is a clock time with an explicit time zone (UTC, GMT, Z, UTC±h, PT/PST/PDT, ET/EST/EDT,
 *   CET/CEST, "Pacific"/"Eastern" time) or a relative duration ("2 hours", "45 minutes");
 * - it directly follows a phrase that makes it an ETA (future cue + restoration word + "by/at/…",
 *   "ETA …", "estimated time of resolution …", "will remain unavailable until …", "extended until …");
 * - nothing in the phrase negates or dates it back ("not", "previously", "had", …);
 * - a clock time has no date we cannot read ("by 9am PT tomorrow", "on Monday", "Sept 17" → ignored;
 *   an ISO date "2024-09-17 14:30 UTC" is read);
 * - it lies after the update that stated it and not absurdly far after (see the limits below).
 * Times are read in the sentence they appear in; sentences end at . ! ? ; or a line break.
 *
 * US and CET abbreviations are read as the region's wall clock on that date (people write "PST" in
 * July and mean Pacific time), with the current US and EU daylight-saving rules.
 */
import { isClosed, type OfficialIncident } from '../model';

export type Eta = {
  /** Epoch ms the provider expects the problem to be over. */
  at: number;
  source: 'maintenance_window' | 'update_text';
  /** What we read it from, verbatim and bounded: the phrase in the update, or the window's end as the feed gave it. */
  text: string;
  /** Epoch ms of the update the phrase came from; null for a maintenance window. */
  updateAt: number | null;
};

export type NextUpdate = {
  /** Epoch ms by which the provider said it would post again. */
  at: number;
  /** The phrase, verbatim and bounded. */
  text: string;
  /** Epoch ms of the update that made the promise. */
  updateAt: number;
  /** True when `at` is more than the grace period before `now`: the promised update is late. */
  overdue: boolean;
};

// ---------------------------------------------------------------------------------------------
// Limits.

/** Characters of one update's text we look at. */
export const MAX_SCAN_CHARS = 2_000;
/** Updates we look at, newest first. */
export const MAX_SCAN_UPDATES = 20;
/** Time expressions per update we classify (hostile text with thousands of times costs nothing more). */
export const MAX_CANDIDATES_PER_UPDATE = 24;
/** Characters before a time expression in which its cue must appear (also bounded by the sentence). */
export const MAX_PREFIX_CHARS = 160;
/** Longest phrase we return as `text`. */
export const MAX_PHRASE_CHARS = 200;
/** An ETA earlier than `now` by more than this is stale and not shown. */
export const STALE_GRACE_MS = 5 * 60_000;
/**
 * A clock time without a date resolves to its next occurrence after the update; if that is more
 * than this far ahead, the writer most likely meant a time that had just passed (a typo or an
 * update posted late), so we read nothing.
 */
export const MAX_CLOCK_AHEAD_MS = 20 * 3_600_000;
/** A dated clock time further than this after its update is not read. */
export const MAX_DATED_AHEAD_MS = 14 * 24 * 3_600_000;
/** Longest relative duration we read ("within 72 hours" is not a promise we repeat). */
export const MAX_DURATION_MS = 48 * 3_600_000;
/** Incident durations outside (0, this) are not sane and are left out of medians. */
export const MAX_SANE_DURATION_MS = 14 * 24 * 3_600_000;
/** `typicalDuration` needs at least this many incidents. */
export const MIN_INCIDENTS_FOR_TYPICAL = 3;

const MINUTE = 60_000;
const HOUR = 3_600_000;

// ---------------------------------------------------------------------------------------------
// Small helpers shared with track.ts.

/** ISO string → epoch ms, or null. */
export function msOf(iso: string | null | undefined): number | null {
  if (typeof iso !== 'string' || iso === '') return null;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : null;
}

/** Median of finite numbers; null for an empty list. Does not modify its input. */
export function median(values: readonly number[]): number | null {
  const xs = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const mid = xs.length >> 1;
  return xs.length % 2 === 1 ? xs[mid]! : (xs[mid - 1]! + xs[mid]!) / 2;
}

/**
 * One record per incident id (the same incident can arrive from the current feed and the history
 * feed): the one with the latest `updatedAt` (then the most updates) wins. Order: first appearance.
 */
export function uniqueIncidents(past: readonly OfficialIncident[]): OfficialIncident[] {
  const best = new Map<string, OfficialIncident>();
  const order: string[] = [];
  for (const i of past) {
    if (i === null || typeof i !== 'object' || typeof i.id !== 'string') continue;
    const seen = best.get(i.id);
    if (seen === undefined) {
      best.set(i.id, i);
      order.push(i.id);
      continue;
    }
    const a = msOf(seen.updatedAt) ?? -Infinity;
    const b = msOf(i.updatedAt) ?? -Infinity;
    if (b > a || (b === a && (i.updates?.length ?? 0) > (seen.updates?.length ?? 0))) best.set(i.id, i);
  }
  return order.map((id) => best.get(id)!);
}

/** resolvedAt − (startedAt ?? createdAt) for a resolved incident when sane, else null. */
export function incidentDurationMs(i: OfficialIncident): number | null {
  if (i.kind !== 'incident') return null;
  if (!isClosed(i.status) && i.status !== 'unknown') return null;
  const end = msOf(i.resolvedAt);
  const start = msOf(i.startedAt) ?? msOf(i.createdAt);
  if (end === null || start === null) return null;
  const d = end - start;
  return d > 0 && d < MAX_SANE_DURATION_MS ? d : null;
}

// ---------------------------------------------------------------------------------------------
// Time zones.

interface Zone {
  /** Standard offset from UTC in hours. */
  std: number;
  /** Daylight-saving rule, if the zone has one (offset std + 1 while it applies). */
  dst: 'us' | 'eu' | null;
}

const daysIn = (y: number, month: number) => new Date(Date.UTC(y, month + 1, 0)).getUTCDate();
/** Day of month of the n-th Sunday (1-based). */
const nthSunday = (y: number, month: number, n: number) => 1 + ((7 - new Date(Date.UTC(y, month, 1)).getUTCDay()) % 7) + 7 * (n - 1);
const lastSunday = (y: number, month: number) => {
  const last = daysIn(y, month);
  return last - new Date(Date.UTC(y, month, last)).getUTCDay();
};

function dstActive(zone: Zone, utc: number): boolean {
  if (zone.dst === null) return false;
  const y = new Date(utc + zone.std * HOUR).getUTCFullYear();
  if (zone.dst === 'eu') {
    // Last Sunday of March 01:00 UTC → last Sunday of October 01:00 UTC.
    const start = Date.UTC(y, 2, lastSunday(y, 2), 1);
    const end = Date.UTC(y, 9, lastSunday(y, 9), 1);
    return utc >= start && utc < end;
  }
  // US since 2007: second Sunday of March 02:00 local standard → first Sunday of November 02:00 local daylight.
  const start = Date.UTC(y, 2, nthSunday(y, 2, 2), 2) - zone.std * HOUR;
  const end = Date.UTC(y, 10, nthSunday(y, 10, 1), 2) - (zone.std + 1) * HOUR;
  return utc >= start && utc < end;
}

const offsetAt = (zone: Zone, utc: number): number => zone.std + (dstActive(zone, utc) ? 1 : 0);

/** A wall-clock time in a zone → epoch ms (a time skipped by the spring change reads as standard time). */
function wallToUtc(zone: Zone, y: number, month: number, day: number, h: number, mi: number): number {
  const base = Date.UTC(y, month, day, h, mi);
  if (zone.dst === null) return base - zone.std * HOUR;
  for (const off of [zone.std + 1, zone.std]) {
    const candidate = base - off * HOUR;
    if (offsetAt(zone, candidate) === off) return candidate;
  }
  return base - zone.std * HOUR;
}

const PACIFIC: Zone = { std: -8, dst: 'us' };
const EASTERN: Zone = { std: -5, dst: 'us' };
const CENTRAL_EUROPE: Zone = { std: 1, dst: 'eu' };
const UTC_ZONE: Zone = { std: 0, dst: null };

/** The zone words we accept after a clock time. Ambiguous ones (CST, IST, BST, MST…) are not here. */
const ZONE_SRC =
  String.raw`(?:UTC|GMT)(?:\s?[+\-−]\s?\d{1,2}(?::?\d{2})?)?|CEST|CET|PST|PDT|PT|EST|EDT|ET` +
  String.raw`|Pacific(?:\s+(?:Standard|Daylight))?(?:\s+Time)?|Eastern(?:\s+(?:Standard|Daylight))?(?:\s+Time)?|(?<=\d)Z`;

function zoneOf(word: string): Zone | null {
  const w = word.replace(/\s+/g, ' ').trim();
  const upper = w.toUpperCase();
  if (w === 'Z') return UTC_ZONE;
  const off = /^(?:UTC|GMT)(?:\s?([+\-−])\s?(\d{1,2})(?::?(\d{2}))?)?$/i.exec(w);
  if (off) {
    if (off[1] === undefined) return UTC_ZONE;
    const hours = Number(off[2]);
    const mins = off[3] === undefined ? 0 : Number(off[3]);
    if (hours > 14 || mins > 59) return null;
    const sign = off[1] === '+' ? 1 : -1;
    return { std: sign * (hours + mins / 60), dst: null };
  }
  if (upper === 'PT' || upper === 'PST' || upper === 'PDT' || upper.startsWith('PACIFIC')) return PACIFIC;
  if (upper === 'ET' || upper === 'EST' || upper === 'EDT' || upper.startsWith('EASTERN')) return EASTERN;
  if (upper === 'CET' || upper === 'CEST') return CENTRAL_EUROPE;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Time expressions.

/** A clock time with a zone: "14:30 UTC", "2:30pm PT", "3 pm (EDT)", "14:30:00Z". */
const CLOCK_RE = new RegExp(
  String.raw`(?:(?<![\w:.\/\-])|(?<=\d{4}-\d{2}-\d{2}T))(\d{1,2})(?::(\d{2}))?(?::\d{2})?(?:\s{0,2}([ap])m(?![a-z]))?\s{0,4}\(?\s{0,2}(` +
    ZONE_SRC +
    String.raw`)(?![A-Za-z\d])\)?`,
  'gi',
);

const NUM_WORDS: Record<string, number> = {
  'half an': 0.5,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  'forty-five': 45,
  'forty five': 45,
  forty: 40,
  fifty: 50,
  ninety: 90,
};
const NUM_SRC = String.raw`\d{1,3}(?:\.\d{1,2})?|half an|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty[- ]five|forty|fifty|ninety`;

/** A relative duration: "2 hours", "about 45 minutes", "30-60 minutes", "1 hour 30 minutes", "an hour and a half". */
const DURATION_RE = new RegExp(
  String.raw`(?<![\w.])(?:(?:about|approximately|approx|roughly|around|~)\s*)?(` +
    NUM_SRC +
    String.raw`)(?:\s?(?:-|–|—|to)\s?(` +
    NUM_SRC +
    String.raw`))?\s?(minutes?|mins?|hours?|hrs?|h)(?![a-z])(?:\s(?:and\s)?(\d{1,2})\s?(?:minutes?|mins?)(?![a-z]))?(\sand\sa\shalf(?![a-z]))?`,
  'gi',
);

const numOf = (s: string | undefined): number | null => {
  if (s === undefined) return null;
  const w = s.toLowerCase().replace(/\s+/g, ' ');
  const n = Object.prototype.hasOwnProperty.call(NUM_WORDS, w) ? NUM_WORDS[w]! : Number(w);
  return Number.isFinite(n) ? n : null;
};

interface Candidate {
  kind: 'clock' | 'duration';
  start: number;
  end: number;
  /** For durations: ms to add to the update time. */
  durationMs?: number;
  /** For clocks: the absolute time (epoch ms), already resolved against the update time. */
  at?: number;
}

const MONTH = String.raw`(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?`;
const WEEKDAY = String.raw`(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?`;
/** A date we do not read, just before the clock time. */
const DATE_BEFORE_RE = new RegExp(
  String.raw`(?:\b${MONTH}\s+\d{1,2}(?:st|nd|rd|th)?,?(?:\s+\d{4})?|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?${MONTH}(?:,?\s+\d{4})?|\d{1,4}[\/.]\d{1,2}(?:[\/.]\d{1,4})?|\b${WEEKDAY}|\btomorrow|\bthe\s+\d{1,2}(?:st|nd|rd|th))[,\s]*(?:at\s+|@\s*)?$`,
  'i',
);
/** A date we do not read, just after the clock time. */
const DATE_AFTER_RE = new RegExp(
  String.raw`^[\s,)]*(?:on\b|tomorrow\b|the\s+(?:following|next)\b|${WEEKDAY}\b|${MONTH}(?![a-z])|\d{1,2}(?:st|nd|rd|th)\b|\d{1,4}[\/\-.]\d{1,2})`,
  'i',
);
/** An ISO date we do read, just before the clock time. */
const ISO_DATE_BEFORE_RE = /(\d{4})-(\d{2})-(\d{2})(?:T|\s+|,\s*|\s+at\s+)$/i;

function clockCandidate(s: string, m: RegExpExecArray, updateAt: number): Candidate | null {
  const hRaw = Number(m[1]);
  const mi = m[2] === undefined ? 0 : Number(m[2]);
  const ampm = m[3]?.toLowerCase();
  // "at 3 UTC" (no minutes, no am/pm) is too loose to read.
  if (m[2] === undefined && ampm === undefined) return null;
  if (mi > 59) return null;
  let h = hRaw;
  if (ampm !== undefined) {
    if (hRaw < 1 || hRaw > 12) return null;
    h = (hRaw % 12) + (ampm === 'p' ? 12 : 0);
  } else if (hRaw > 23) return null;
  const zone = zoneOf(m[4] ?? '');
  if (zone === null) return null;

  const start = m.index;
  const end = start + m[0].length;
  const before = s.slice(Math.max(0, start - 40), start);
  const after = s.slice(end, end + 30);

  const iso = ISO_DATE_BEFORE_RE.exec(before);
  if (iso) {
    const y = Number(iso[1]);
    const mo = Number(iso[2]) - 1;
    const d = Number(iso[3]);
    if (mo < 0 || mo > 11 || d < 1 || d > daysIn(y, mo)) return null;
    const at = wallToUtc(zone, y, mo, d, h, mi);
    if (!(at > updateAt && at - updateAt <= MAX_DATED_AHEAD_MS)) return null;
    return { kind: 'clock', start: start - iso[0].length, end, at };
  }
  if (DATE_BEFORE_RE.test(before) || DATE_AFTER_RE.test(after)) return null;

  // The next occurrence of that wall-clock time after the update.
  const local = new Date(updateAt + offsetAt(zone, updateAt) * HOUR);
  const y = local.getUTCFullYear();
  const mo = local.getUTCMonth();
  const d = local.getUTCDate();
  let at = wallToUtc(zone, y, mo, d, h, mi);
  if (at <= updateAt) at = wallToUtc(zone, y, mo, d + 1, h, mi);
  if (at <= updateAt) at = wallToUtc(zone, y, mo, d + 2, h, mi);
  if (!(at > updateAt && at - updateAt <= MAX_CLOCK_AHEAD_MS)) return null;
  return { kind: 'clock', start, end, at };
}

function durationCandidate(m: RegExpExecArray): Candidate | null {
  const lo = numOf(m[1]);
  const hi = m[2] === undefined ? null : numOf(m[2]);
  if (lo === null) return null;
  const unit = (m[3] ?? '').toLowerCase();
  const unitMs = unit.startsWith('h') ? HOUR : MINUTE;
  // A range reads as its upper end: "within 30-60 minutes" promises nothing before 60.
  let n = hi !== null ? Math.max(lo, hi) : lo;
  if (m[5] !== undefined) n += 0.5;
  let ms = n * unitMs;
  if (m[4] !== undefined) {
    if (unitMs !== HOUR || hi !== null) return null;
    ms += Number(m[4]) * MINUTE;
  }
  if (!(ms > 0 && ms <= MAX_DURATION_MS)) return null;
  return { kind: 'duration', start: m.index, end: m.index + m[0].length, durationMs: ms };
}

// ---------------------------------------------------------------------------------------------
// Cues. Each is matched against the text of the same sentence that ends right before the time.

/** Characters that a gap between cue words may hold: no digit (another time), no sentence end. */
const GAP = String.raw`[^.!?;\n\d]`;
/** A gap that does not run through the word "update" (so "ETA for the next update is …" is not an ETA). */
const gapNo = (words: string, n: number) => String.raw`(?:(?!${words})${GAP}){0,${n}}`;
const NO_UPDATE = String.raw`\bupdat`;

/** Words that make a time the moment things are back. */
const RESTORE = String.raw`(?:resolved?|restored?|recover(?:ed|y)?|complet(?:e|ed|ion)|finish(?:ed)?|fixed|back(?:\s+(?:online|up|to\s+normal|in\s+service))?|available(?:\s+again)?|operational|normal|mitigated?|resolution|restoration|up\s+and\s+running|return(?:ed)?\s+to\s+normal)`;
/** Words that make a sentence about the future. */
const FUTURE = String.raw`(?:expect(?:s|ed|ing)?|anticipat(?:e|es|ed|ing)|estimat(?:e|es|ed|ing)|should|will|(?:aim(?:s|ing)?|plan(?:s|ning)?|hope|projected|likely|on\s+track)\s+to|target(?:s|ing)?)`;

/** Connectors before a clock time in an ETA. */
const CLOCK_CONN = String.raw`(?:(?:at|by|around|before|approximately|about|roughly|no\s+later\s+than|~)\s*)+$`;
/** Connectors before a duration in an ETA. */
const DURATION_CONN = String.raw`(?:with)?in\s+(?:the\s+next\s+)?$`;
/** Connectors after "ETA" and friends. */
const ETA_CONN = String.raw`(?:(?:is|of|at|by|around|approximately|about|roughly|currently|now|for|within|in|the\s+next|[:=~\-–])\s*)*$`;

const ETA_WORD = String.raw`(?:\beta(?:\s+(?:for|to|of)\s+(?:full\s+)?(?:resolution|recovery|restoration|completion|repair|a\s+fix|service\s+restoration))?\b|\bestimated\s+time\s+(?:of|to|for)\s+(?:resolution|recovery|restoration|completion|repair)|\b(?:estimated|expected|target)\s+(?:resolution|recovery|restoration|completion|repair)(?:\s+time)?)`;

const ETA_CLOCK_RES: RegExp[] = [
  new RegExp(String.raw`${ETA_WORD}\s*${ETA_CONN}`, 'i'),
  new RegExp(String.raw`\b${FUTURE}\b${gapNo(NO_UPDATE, 60)}\b${RESTORE}\b${gapNo(NO_UPDATE, 40)}\b${CLOCK_CONN}`, 'i'),
  new RegExp(
    String.raw`\b(?:recovery|resolution|restoration|completion|full\s+service)\s+(?:is|are)\s+(?:now\s+|currently\s+)?(?:expected|anticipated|estimated|projected|scheduled|targeted|planned)\s*(?:(?:for|at|by|around|before|approximately|about|roughly|no\s+later\s+than|~)\s*)+$`,
    'i',
  ),
  new RegExp(
    String.raw`\b(?:will|expected\s+to|should|to)\s+(?:remain|be|stay|continue\s+to\s+be)\s+(?:unavailable|down|offline|degraded|disabled|read-only|(?:in|under)\s+maintenance|impacted|affected|paused|suspended|inaccessible)\b${gapNo(NO_UPDATE, 30)}\buntil\s+$`,
    'i',
  ),
  /\bextended\s+(?:until|to|through|till)\s+$/i,
];

const ETA_DURATION_RES: RegExp[] = [
  new RegExp(String.raw`${ETA_WORD}\s*${ETA_CONN}`, 'i'),
  new RegExp(String.raw`\b${FUTURE}\b${gapNo(NO_UPDATE, 60)}\b${RESTORE}\b${gapNo(NO_UPDATE, 40)}\b${DURATION_CONN}`, 'i'),
  new RegExp(
    String.raw`\b(?:recovery|resolution|restoration|completion|full\s+service)\s+(?:is|are)\s+(?:now\s+|currently\s+)?(?:expected|anticipated|estimated|projected)\s+${DURATION_CONN}`,
    'i',
  ),
];

/** Words in or just before the cue that take the time back: negation, or an earlier ETA. */
const DISQUALIFY_RE =
  /\b(?:not|no(?!\s+later\s+than)|never|nor|unable|cannot|unlikely|without|previously|originally|initially|earlier|formerly|had|was|were|no\s+longer|should\s+(?:now\s+)?have|start(?:s|ed|ing)?|begin(?:s|ning)?|began|commenc\w*|initiat\w*|kick(?:s|ed|ing)?\s+off)\b|n't\b|n’t\b/i;
/**
 * Phrases that finish something other than the outage ("complete the investigation", "a fix will
 * be available", "complete the rollback": a step towards recovery, not recovery).
 */
const NOT_THE_OUTAGE_RE =
  /\b(?:investigation|analysis|review|root\s+cause|post-?mortem|post-incident|assessment|report|rca|deploy\w*|roll(?:ing)?[\s-]?(?:out|back)|rollouts?|rollbacks?|migration)\b|\b(?:fix|patch|workaround|hotfix)\b[^.!?;\n]{0,30}\bavailable\b/i;
/** How far before the cue a disqualifying word is looked for. */
const DISQUALIFY_LOOKBACK = 16;

const NEXT_CONN = String.raw`(?:(?:in|by|at|within|around|before|approximately|about|roughly|no\s+later\s+than|the\s+next|every|is|will\s+be|expected|scheduled|planned|due|[:\-–~])\s*)+$`;
const NOT_RESTORE = String.raw`\b${RESTORE}\b|\bupdat`;

const NEXT_RES: RegExp[] = [
  new RegExp(
    String.raw`\b(?:next|another|further|additional|subsequent|follow[- ]up)\s+(?:status\s+|public\s+)?(?:updates?|communications?)\b${gapNo(NOT_RESTORE, 30)}${NEXT_CONN}`,
    'i',
  ),
  new RegExp(
    String.raw`\b(?:will|we'll|we’ll|shall|to)\s+(?:provide|post|share|send|give|publish|issue|have)\s+(?:you\s+|customers\s+)?(?:an?\s+|another\s+|further\s+|more\s+|additional\s+|the\s+next\s+)?(?:status\s+)?(?:updates?|information|details|communications?)\b${gapNo(NOT_RESTORE, 30)}${NEXT_CONN}`,
    'i',
  ),
  new RegExp(
    String.raw`\b(?:will|we'll|we’ll|shall|to)\s+(?:update|check\s+back|report\s+back|follow\s+up|be\s+back\s+with|return\s+with|check\s+in)\b${gapNo(NOT_RESTORE, 30)}${NEXT_CONN}`,
    'i',
  ),
];

// ---------------------------------------------------------------------------------------------
// Scanning one update's text.

/** Same length as the input, so positions map back to the original: "p.m." → "pm  ", "approx." → "approx ". */
function normalise(s: string): string {
  return s
    .replace(/(?<![A-Za-z])([ap])\.\s?m\./gi, (all, ap: string) => `${ap}m`.padEnd(all.length, ' '))
    .replace(/\b(approx|e\.g|i\.e|est|ca)\./gi, (all) => all.replace(/\./g, ' '));
}

/** Index just after the last sentence end before `pos` (a "." between digits is not one). */
function sentenceStart(s: string, pos: number, floor: number): number {
  for (let k = pos - 1; k >= floor; k--) {
    const c = s[k];
    if (c === '!' || c === '?' || c === ';' || c === '\n' || c === '\r') return k + 1;
    if (c === '.') {
      const prev = s.charCodeAt(k - 1);
      const next = s.charCodeAt(k + 1);
      const digit = (x: number) => x >= 48 && x <= 57;
      if (!(digit(prev) && digit(next))) return k + 1;
    }
  }
  return floor;
}

function candidates(s: string, updateAt: number): Candidate[] {
  const out: Candidate[] = [];
  CLOCK_RE.lastIndex = 0;
  for (let m = CLOCK_RE.exec(s); m !== null && out.length < MAX_CANDIDATES_PER_UPDATE; m = CLOCK_RE.exec(s)) {
    const c = clockCandidate(s, m, updateAt);
    if (c) out.push(c);
    if (m[0].length === 0) CLOCK_RE.lastIndex++;
  }
  DURATION_RE.lastIndex = 0;
  let n = 0;
  for (let m = DURATION_RE.exec(s); m !== null && n < MAX_CANDIDATES_PER_UPDATE; m = DURATION_RE.exec(s)) {
    const c = durationCandidate(m);
    if (c) {
      out.push(c);
      n++;
    }
    if (m[0].length === 0) DURATION_RE.lastIndex++;
  }
  return out.sort((a, b) => a.start - b.start);
}

interface Found {
  at: number;
  text: string;
  start: number;
}

function scan(text: unknown, updateAt: number, want: 'eta' | 'next'): Found[] {
  if (typeof text !== 'string' || text === '' || !Number.isFinite(updateAt)) return [];
  const original = text.slice(0, MAX_SCAN_CHARS);
  const s = normalise(original);
  const found: Found[] = [];
  for (const c of candidates(s, updateAt)) {
    const floor = Math.max(0, c.start - MAX_PREFIX_CHARS);
    const from = sentenceStart(s, c.start, floor);
    const prefix = s.slice(from, c.start);
    if (prefix.trim() === '') continue;

    const next = NEXT_RES.map((re) => re.exec(prefix)).find((m) => m !== null) ?? null;
    const etaRes = c.kind === 'clock' ? ETA_CLOCK_RES : ETA_DURATION_RES;
    const eta = etaRes.map((re) => re.exec(prefix)).find((m) => m !== null) ?? null;
    // A sentence that reads both ways is not read at all.
    if (next !== null && eta !== null) continue;
    const hit = want === 'next' ? next : eta;
    if (hit === null) continue;

    const cueStart = from + hit.index;
    const window = s.slice(Math.max(from, cueStart - DISQUALIFY_LOOKBACK), c.start);
    if (DISQUALIFY_RE.test(window)) continue;
    if (want === 'eta' && NOT_THE_OUTAGE_RE.test(window)) continue;

    const at = c.kind === 'clock' ? c.at! : updateAt + c.durationMs!;
    if (!Number.isFinite(at)) continue;
    const phrase = original.slice(cueStart, c.end);
    found.push({ at, text: phrase.length > MAX_PHRASE_CHARS ? `${phrase.slice(0, MAX_PHRASE_CHARS - 1)}…` : phrase, start: cueStart });
  }
  return found;
}

/**
 * The ETA an update's text states, or null. If one text states several, the latest wins (a safe
 * "by"). Exported for table tests; `etaFor` is what the product uses.
 */
export function etaFromText(text: string, updateAt: number): { at: number; text: string } | null {
  const found = scan(text, updateAt, 'eta');
  if (found.length === 0) return null;
  const latest = found.reduce((a, b) => (b.at > a.at ? b : a));
  return { at: latest.at, text: latest.text };
}

/** When an update's text says the next update will come, or null (the first such promise wins). */
export function nextUpdateFromText(text: string, updateAt: number): { at: number; text: string } | null {
  const found = scan(text, updateAt, 'next');
  const first = found[0];
  return first === undefined ? null : { at: first.at, text: first.text };
}

/** A newer update that takes an earlier ETA back ("taking longer than expected", "no ETA"). */
const RETRACT_RE =
  /\b(?:longer\s+than\s+(?:expected|anticipated|estimated|planned|originally)|no\s+(?:current\s+|firm\s+|new\s+)?(?:eta|estimate|estimated\s+time)|(?:eta|estimate)\s+(?:is|has\s+been)\s+(?:revised|withdrawn|no\s+longer)|unable\s+to\s+(?:provide|give|share)\s+an?\s+(?:eta|estimate)|(?:recovery|resolution|restoration|fix|eta|completion)\s+(?:is|has\s+been|will\s+be)\s+delayed|(?:window|maintenance)\s+(?:has\s+been|is|was|will\s+be)\s+extended)\b/i;

// ---------------------------------------------------------------------------------------------
// The product's questions.

/**
 * "When will it be back?" — the provider's own ETA, or null.
 * - A closed incident (resolved/completed) has none.
 * - A maintenance whose window ends in the future: that end.
 * - Otherwise the newest update (of the first MAX_SCAN_UPDATES) whose text states an ETA; null if
 *   a newer update takes it back, or if it lies more than STALE_GRACE_MS before `now`.
 */
export function etaFor(incident: OfficialIncident, now: number): Eta | null {
  try {
    if (!incident || isClosed(incident.status) || !Number.isFinite(now)) return null;
    const until = msOf(incident.scheduledUntil);
    if (until !== null && until > now && incident.scheduledUntil !== null) {
      return { at: until, source: 'maintenance_window', text: incident.scheduledUntil.slice(0, MAX_PHRASE_CHARS), updateAt: null };
    }
    const updates = Array.isArray(incident.updates) ? incident.updates.slice(0, MAX_SCAN_UPDATES) : [];
    for (let k = 0; k < updates.length; k++) {
      const u = updates[k]!;
      const at = msOf(u?.at);
      if (at === null) continue;
      const eta = etaFromText(u.text, at);
      if (eta === null) continue;
      const newer = updates.slice(0, k);
      if (newer.some((n) => typeof n?.text === 'string' && RETRACT_RE.test(n.text.slice(0, MAX_SCAN_CHARS)))) return null;
      if (eta.at < now - STALE_GRACE_MS) return null;
      return { at: eta.at, source: 'update_text', text: eta.text, updateAt: at };
    }
    return null;
  } catch {
    return null;
  }
}

/**
 * When the provider said it will post next, from its newest update only (a later update supersedes
 * any earlier promise), or null. Not an ETA. A promise already past is returned with
 * `overdue: true` — "they said they would update by 14:30" is part of the track record.
 */
export function nextUpdateFor(incident: OfficialIncident, now: number): NextUpdate | null {
  try {
    if (!incident || isClosed(incident.status) || !Number.isFinite(now)) return null;
    const newest = Array.isArray(incident.updates) ? incident.updates[0] : undefined;
    const at = msOf(newest?.at);
    if (newest === undefined || at === null) return null;
    const next = nextUpdateFromText(newest.text, at);
    if (next === null) return null;
    return { at: next.at, text: next.text, updateAt: at, overdue: next.at < now - STALE_GRACE_MS };
  } catch {
    return null;
  }
}

/**
 * The median length of past incidents (kind incident, resolved, resolvedAt − (startedAt ??
 * createdAt) within (0, 14 days)), one per id; null with fewer than MIN_INCIDENTS_FOR_TYPICAL.
 */
export function typicalDuration(past: OfficialIncident[]): { medianMs: number; count: number } | null {
  if (!Array.isArray(past)) return null;
  const durations = uniqueIncidents(past)
    .map(incidentDurationMs)
    .filter((d): d is number => d !== null);
  if (durations.length < MIN_INCIDENTS_FOR_TYPICAL) return null;
  return { medianMs: median(durations)!, count: durations.length };
}
