/**
 * The invariants the fuzzers check on every adapter output (see README for what each proves).
 * Each check returns a list of violations (empty = fine) rather than throwing, so a property can
 * tell a known issue (known-issues.ts) from a new one.
 */
import type { ComponentStatus, IncidentStatus, OfficialIncident, OfficialSnapshot, Problem, Result, Verdict } from '../../core/model';
import { MAX_NAME, MAX_TITLE } from '../../core/model';
import { MAX_TEXT } from '../../core/text';
import { computeVerdict } from '../../core/verdict';

export const COMPONENT_STATUSES: readonly ComponentStatus[] = [
  'operational',
  'degraded',
  'partial_outage',
  'major_outage',
  'maintenance',
  'unknown',
];
export const INCIDENT_STATUSES: readonly IncidentStatus[] = [
  'investigating',
  'identified',
  'monitoring',
  'resolved',
  'scheduled',
  'in_progress',
  'verifying',
  'completed',
  'unknown',
];
const IMPACTS = ['none', 'minor', 'major', 'critical', 'maintenance'];
const PROBLEM_CODES: readonly Problem['code'][] = [
  'timeout',
  'network',
  'http',
  'rate_limited',
  'too_large',
  'html',
  'content_type',
  'parse',
  'schema',
  'redirect',
  'offline',
  'no_official',
  'stale',
  'internal',
];

/** A complete HTML tag: what the sanitizer removes and an HTML parser would turn into an element. */
export const COMPLETE_TAG = /<\/?[a-z][^<>]*>/i;
/** A literal "<x" that is not a complete tag (text, e.g. "a<b", or a cut-off "<scr"): counted, allowed. */
export const LITERAL_LT = /<[a-z]/i;

/** Documented caps of one adapter (undefined: the adapter documents none; only linear size is checked). */
export interface Caps {
  incidents?: number;
  maintenances?: number;
  recent?: number;
  /** Updates per incident. */
  updates?: number;
  /** Component names per incident. */
  componentsPerIncident?: number;
  /** All incidents+maintenances+recent together. */
  total?: number;
  /** Updates are promised newest first (the model says so for every adapter). */
  newestFirst?: boolean;
}

/** Output size bound: `LINEAR_FACTOR × input chars + LINEAR_CONST` characters of JSON. */
export const LINEAR_FACTOR = 64;
export const LINEAR_CONST = 64 * 1024;
/** Longest problem message we accept (it is a sentence for a person). */
export const MAX_MESSAGE = 1000;
/** Longest id we accept (ids are stored and compared; they are not bounded by the model, see README). */
export const MAX_ID = 1000;

export interface Violation {
  /** Which property it breaks. */
  property: 'shape' | 'text-is-text' | 'size-caps';
  /** Short machine-ish code, stable for known-issue matching. */
  code: string;
  /** Human words with the offending value (cut). */
  detail: string;
  /** The incident the violation is about, if any. */
  incident?: OfficialIncident;
  /** The offending piece (for markup: the complete tag found). */
  evidence?: string;
}

/** Information gathered along the way, for the summary (not failures). */
export interface Notes {
  literalLt: number;
  maxRatio: number;
}

const cut = (s: string, n = 160): string => (s.length > n ? `${s.slice(0, n)}…(${s.length} chars)` : s);

const isIso = (v: unknown): boolean => {
  if (typeof v !== 'string') return false;
  const t = Date.parse(v);
  return Number.isFinite(t) && new Date(t).toISOString() === v;
};

function checkUrl(url: unknown, where: string, out: Violation[], incident?: OfficialIncident): void {
  if (url === null) return;
  if (typeof url !== 'string') {
    out.push({ property: 'text-is-text', code: 'url-type', detail: `${where}: url is ${typeof url}`, ...(incident ? { incident } : {}) });
    return;
  }
  let ok: boolean;
  try {
    const u = new URL(url);
    ok = (u.protocol === 'http:' || u.protocol === 'https:') && u.href === url && !/[\s<>"]/.test(url);
  } catch {
    ok = false;
  }
  if (!ok)
    out.push({ property: 'text-is-text', code: 'url-scheme', detail: `${where}: url ${cut(url)}`, ...(incident ? { incident } : {}) });
}

function checkText(
  s: unknown,
  where: string,
  max: number,
  code: string,
  out: Violation[],
  notes: Notes,
  incident?: OfficialIncident,
): void {
  if (typeof s !== 'string') {
    out.push({
      property: 'shape',
      code: `${code}-type`,
      detail: `${where} is ${s === null ? 'null' : typeof s}`,
      ...(incident ? { incident } : {}),
    });
    return;
  }
  const tag = COMPLETE_TAG.exec(s);
  if (tag) {
    out.push({
      property: 'text-is-text',
      code: `${code}-markup`,
      detail: `${where} keeps markup: ${cut(s.slice(Math.max(0, tag.index - 40)))}`,
      evidence: tag[0],
      ...(incident ? { incident } : {}),
    });
  } else if (LITERAL_LT.test(s)) notes.literalLt++;
  if (s.length > max)
    out.push({
      property: 'size-caps',
      code: `${code}-length`,
      detail: `${where} is ${s.length} chars (cap ${max}): ${cut(s, 80)}`,
      ...(incident ? { incident } : {}),
    });
}

function checkIncident(i: OfficialIncident, where: string, caps: Caps, out: Violation[], notes: Notes): void {
  if (typeof i !== 'object' || i === null) {
    out.push({ property: 'shape', code: 'incident-type', detail: `${where} is not an object` });
    return;
  }
  if (typeof i.id !== 'string' || i.id === '')
    out.push({ property: 'shape', code: 'id-empty', detail: `${where}: id ${String(i.id)}`, incident: i });
  else if (i.id.length > MAX_ID)
    out.push({ property: 'size-caps', code: 'id-length', detail: `${where}: id is ${i.id.length} chars`, incident: i });
  checkText(i.title, `${where}.title`, MAX_TITLE, 'title', out, notes, i);
  if (i.kind !== 'incident' && i.kind !== 'maintenance')
    out.push({ property: 'shape', code: 'kind', detail: `${where}.kind ${String(i.kind)}`, incident: i });
  if (!INCIDENT_STATUSES.includes(i.status))
    out.push({ property: 'shape', code: 'status', detail: `${where}.status ${String(i.status)}`, incident: i });
  if (i.impact !== null && !IMPACTS.includes(i.impact))
    out.push({ property: 'shape', code: 'impact', detail: `${where}.impact ${String(i.impact)}`, incident: i });
  for (const k of ['startedAt', 'createdAt', 'updatedAt', 'resolvedAt', 'scheduledFor', 'scheduledUntil'] as const) {
    const v = i[k];
    if (v !== null && !isIso(v)) out.push({ property: 'shape', code: 'date', detail: `${where}.${k} ${cut(String(v))}`, incident: i });
  }
  if (!Array.isArray(i.updates)) out.push({ property: 'shape', code: 'updates-type', detail: `${where}.updates`, incident: i });
  else {
    if (caps.updates !== undefined && i.updates.length > caps.updates) {
      out.push({
        property: 'size-caps',
        code: 'updates-count',
        detail: `${where}: ${i.updates.length} updates (cap ${caps.updates})`,
        incident: i,
      });
    }
    let last = Infinity;
    i.updates.forEach((u, k) => {
      if (!isIso(u.at))
        out.push({ property: 'shape', code: 'update-date', detail: `${where}.updates[${k}].at ${cut(String(u.at))}`, incident: i });
      if (!INCIDENT_STATUSES.includes(u.status))
        out.push({ property: 'shape', code: 'update-status', detail: `${where}.updates[${k}].status`, incident: i });
      checkText(u.text, `${where}.updates[${k}].text`, MAX_TEXT, 'update-text', out, notes, i);
      const t = Date.parse(u.at);
      if (caps.newestFirst !== false && t > last) {
        out.push({
          property: 'shape',
          code: 'update-order',
          detail: `${where}.updates[${k}] (${u.at}) is newer than the one before it`,
          incident: i,
        });
      }
      last = Math.min(last, t);
    });
  }
  if (!Array.isArray(i.components)) out.push({ property: 'shape', code: 'components-type', detail: `${where}.components`, incident: i });
  else {
    if (caps.componentsPerIncident !== undefined && i.components.length > caps.componentsPerIncident) {
      out.push({ property: 'size-caps', code: 'components-count', detail: `${where}: ${i.components.length} components`, incident: i });
    }
    i.components.forEach((c, k) => checkText(c, `${where}.components[${k}]`, MAX_NAME, 'incident-component', out, notes, i));
  }
  checkUrl(i.url, `${where}.url`, out, i);
}

/** Every key present, nothing undefined, nothing that JSON would not keep. */
function plainData(v: unknown, depth = 0): boolean {
  if (depth > 12) return false;
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every((x) => plainData(x, depth + 1));
  if (typeof v === 'object') {
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return false;
    return Object.values(v as object).every((x) => x !== undefined && plainData(x, depth + 1));
  }
  return false;
}

/** Invariants of any Result an adapter returned. `history`: the value is an incident list. */
export function checkResult(result: Result<unknown>, history: boolean, caps: Caps, inputChars: number, notes: Notes): Violation[] {
  const out: Violation[] = [];
  if (typeof result !== 'object' || result === null || typeof result.ok !== 'boolean') {
    return [{ property: 'shape', code: 'result', detail: `not a Result: ${cut(String(result))}` }];
  }
  if (!result.ok) {
    const p = result.problem;
    if (!p || !PROBLEM_CODES.includes(p.code))
      out.push({ property: 'shape', code: 'problem-code', detail: `problem code ${String(p?.code)}` });
    if (!p || typeof p.message !== 'string' || p.message.trim() === '')
      out.push({ property: 'shape', code: 'problem-message', detail: 'empty problem message' });
    else if (p.message.length > MAX_MESSAGE)
      out.push({
        property: 'size-caps',
        code: 'problem-message-length',
        detail: `problem message is ${p.message.length} chars: ${cut(p.message, 120)}`,
      });
    return out;
  }
  const value = result.value;
  if (!plainData(value))
    out.push({ property: 'shape', code: 'plain-data', detail: 'value is not plain JSON data (undefined, NaN, class instance…)' });
  const size = JSON.stringify(value)?.length ?? 0;
  notes.maxRatio = Math.max(notes.maxRatio, size / Math.max(1, inputChars));
  if (size > LINEAR_FACTOR * inputChars + LINEAR_CONST) {
    out.push({ property: 'size-caps', code: 'output-size', detail: `output ${size} chars for ${inputChars} input chars` });
  }
  if (history) {
    const list = value as OfficialIncident[];
    if (!Array.isArray(list)) return [...out, { property: 'shape', code: 'history-type', detail: 'history value is not a list' }];
    list.forEach((i, k) => checkIncident(i, `history[${k}]`, caps, out, notes));
    return out;
  }
  const s = value as OfficialSnapshot;
  if (!COMPONENT_STATUSES.includes(s.indicator))
    out.push({ property: 'shape', code: 'indicator', detail: `indicator ${String(s.indicator)}` });
  if (s.description !== null) checkText(s.description, 'description', MAX_NAME, 'description', out, notes);
  if (!Array.isArray(s.components)) out.push({ property: 'shape', code: 'components', detail: 'components is not a list' });
  else
    s.components.forEach((c, k) => {
      if (typeof c.id !== 'string' || c.id === '') out.push({ property: 'shape', code: 'component-id', detail: `components[${k}].id` });
      else if (c.id.length > MAX_ID)
        out.push({ property: 'size-caps', code: 'id-length', detail: `components[${k}].id is ${c.id.length} chars` });
      checkText(c.name, `components[${k}].name`, MAX_NAME, 'component-name', out, notes);
      if (c.name === '') out.push({ property: 'shape', code: 'component-name-empty', detail: `components[${k}].name is empty` });
      if (!COMPONENT_STATUSES.includes(c.status))
        out.push({ property: 'shape', code: 'component-status', detail: `components[${k}].status` });
      if (c.group !== null) checkText(c.group, `components[${k}].group`, MAX_NAME, 'group', out, notes);
    });
  const lists = { incidents: s.incidents, maintenances: s.maintenances, recent: s.recent } as const;
  let total = 0;
  for (const [name, list] of Object.entries(lists)) {
    if (!Array.isArray(list)) {
      out.push({ property: 'shape', code: `${name}-type`, detail: `${name} is not a list` });
      continue;
    }
    total += list.length;
    const cap = caps[name as 'incidents' | 'maintenances' | 'recent'];
    if (cap !== undefined && list.length > cap)
      out.push({ property: 'size-caps', code: `${name}-count`, detail: `${list.length} ${name} (cap ${cap})` });
    list.forEach((i, k) => checkIncident(i, `${name}[${k}]`, caps, out, notes));
  }
  if (caps.total !== undefined && total > caps.total)
    out.push({ property: 'size-caps', code: 'total-count', detail: `${total} entries (cap ${caps.total})` });
  // Lists must say what they are: nothing closed among open incidents, nothing open in `recent`.
  if (Array.isArray(s.incidents))
    s.incidents.forEach((i, k) => {
      if (i.status === 'resolved' || i.status === 'completed')
        out.push({ property: 'shape', code: 'closed-in-open', detail: `incidents[${k}] is ${i.status}`, incident: i });
    });
  if (Array.isArray(s.recent))
    s.recent.forEach((i, k) => {
      if (i.status !== 'resolved' && i.status !== 'completed')
        out.push({ property: 'shape', code: 'open-in-recent', detail: `recent[${k}] is ${i.status}`, incident: i });
    });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Verdicts.

export const STALE_AFTER_MS = 60 * 60 * 1000;

export function verdictOf(snapshot: OfficialSnapshot, now: number): Verdict {
  return computeVerdict({
    hasOfficial: true,
    now,
    staleAfterMs: STALE_AFTER_MS,
    official: { serviceId: 'fuzz', snapshot, lastSuccessAt: now, lastAttemptAt: now, problem: null, history: [] },
  }).verdict;
}

export function verdictOfProblem(problem: Problem, now: number): Verdict {
  return computeVerdict({
    hasOfficial: true,
    now,
    staleAfterMs: STALE_AFTER_MS,
    official: { serviceId: 'fuzz', snapshot: null, lastSuccessAt: null, lastAttemptAt: now, problem, history: [] },
  }).verdict;
}

/**
 * The snapshot itself states that something is operational: the page indicator says so, or at
 * least one component does. (An 'ok' verdict without this is "ok" inferred from silence.)
 */
export function statesOperational(s: OfficialSnapshot): boolean {
  return s.indicator === 'operational' || s.components.some((c) => c.status === 'operational');
}
