/**
 * The part in front of you: narrow what a provider says to the part of the service a tab shows
 * (catalog `parts`) and the region of a cloud console, before the verdict is computed.
 *
 * The rule (docs/design.md, "The part in front of you"):
 * - An incident counts for the tab when it names the tab's part, names no component at all (the
 *   provider speaks about the whole service), names a component no part claims and is major or
 *   critical (we cannot tell what such a component underpins, so only serious trouble crosses
 *   over), or — for a console region — is in that region or names none we can place (global).
 * - A component counts when it is the part's, or no part claims it and it is in major outage.
 * - Everything else is "elsewhere": listed in the popup, never colouring the badge.
 * - A part whose components the provider no longer lists (a renamed component) narrows nothing:
 *   the whole service counts, as without parts. Silence on a guess would be a lie.
 * - The page-level indicator is the provider's summary of all of it, so it is set aside when it
 *   is explained by incidents or components; alone (a feed with nothing else), it still counts.
 *
 * Pure: no I/O, no clock.
 */
import { isOpen, isTrouble, type OfficialComponent, type OfficialIncident, type OfficialSnapshot } from '../model';
import type { OfficialState } from '../verdict';
import { incidentRegions, type RegionFamily } from './region';

/** What the tab is about. Null fields: no narrowing on that axis. */
export interface Focus {
  /** Names of the provider's components for the tab's part (aliases included), or null. */
  components: readonly string[] | null;
  /** Component names claimed by any part of the service (for the "unclaimed" rule). */
  claimed: readonly string[];
  /** The console region (`eu-west-1`), or null. */
  region: string | null;
  /** How to read regions from incidents, when `region` is set. */
  family: RegionFamily | null;
}

export interface Narrowed<R> {
  /** The record as the tab sees it (same object when nothing was narrowed). */
  record: R;
  /** Open incidents of the provider that do not count for this tab, newest first. */
  elsewhere: OfficialIncident[];
  /** Components in trouble that do not count for this tab. */
  componentsElsewhere: OfficialComponent[];
}

/** "Amazon EC2 (ap-south-1)" → "amazon ec2": names compare without case and location suffix. */
export function componentKey(name: string): string {
  return name
    .replace(/\s*\([^()]*\)\s*$/, '')
    .trim()
    .toLowerCase();
}

function keySet(names: readonly string[]): Set<string> {
  return new Set(names.map(componentKey));
}

const SERIOUS = new Set(['major', 'critical']);
const isOpenIncident = (i: OfficialIncident) => isOpen(i.status);

/** A focus that narrows nothing (no part matched, no region): the whole service, as before parts. */
export function isWhole(f: Focus | null | undefined): boolean {
  return !f || (f.components === null && f.region === null);
}

/**
 * The focus actually applied to a snapshot: drops the part when none of its components appears
 * in the feed's component list (renamed or removed), so a stale catalog never hides trouble.
 */
export function effectiveFocus(f: Focus, snapshot: OfficialSnapshot | null): Focus {
  if (f.components === null || !snapshot || snapshot.components.length === 0) return f;
  const mine = keySet(f.components);
  const listed = snapshot.components.some((c) => mine.has(componentKey(c.name)));
  return listed ? f : { ...f, components: null };
}

/** Whether an incident counts for the focused tab. */
export function affects(i: OfficialIncident, f: Focus): boolean {
  if (f.region !== null && f.family !== null) {
    const regions = incidentRegions(f.family, i);
    if (regions !== null && !regions.has(f.region)) return false;
  }
  if (f.components === null || i.components.length === 0) return true;
  const mine = keySet(f.components);
  const claimed = keySet(f.claimed);
  return i.components.some((c) => {
    const k = componentKey(c);
    return mine.has(k) || (!claimed.has(k) && i.impact !== null && SERIOUS.has(i.impact));
  });
}

/** Whether a component's status counts for the focused tab. */
export function componentCounts(c: OfficialComponent, f: Focus): boolean {
  if (f.components === null) return true;
  const k = componentKey(c.name);
  if (keySet(f.components).has(k)) return true;
  return !keySet(f.claimed).has(k) && c.status === 'major_outage';
}

/** Narrow a stored record (or anything with `snapshot` and `history`) to the focus. */
export function narrowRecord<R extends Pick<OfficialState, 'snapshot' | 'history'>>(
  rec: R | undefined,
  focus: Focus | null | undefined,
): Narrowed<R | undefined> {
  if (!rec || !rec.snapshot || !focus || isWhole(focus)) return { record: rec, elsewhere: [], componentsElsewhere: [] };
  const f = effectiveFocus(focus, rec.snapshot);
  if (isWhole(f)) return { record: rec, elsewhere: [], componentsElsewhere: [] };
  const snap = rec.snapshot;
  const here = (i: OfficialIncident) => affects(i, f);
  const incidents = snap.incidents.filter(here);
  const components = snap.components.filter((c) => componentCounts(c, f));
  const elsewhere = snap.incidents.filter((i) => !here(i) && isOpenIncident(i));
  const componentsElsewhere = snap.components.filter((c) => !componentCounts(c, f) && isTrouble(c.status));
  if (elsewhere.length === 0 && componentsElsewhere.length === 0 && incidents.length === snap.incidents.length) {
    // Nothing is elsewhere: still narrow the history (a resolved Copilot incident is not this tab's).
    const next: OfficialSnapshot = { ...snap, recent: snap.recent.filter(here), maintenances: snap.maintenances.filter(here) };
    return { record: { ...rec, snapshot: next, history: rec.history.filter(here) }, elsewhere, componentsElsewhere };
  }
  // The indicator summarises everything, elsewhere included: set it aside when incidents or
  // components explain it; keep it when it is the only word the feed gives.
  const explained = snap.incidents.some(isOpenIncident) || snap.components.some((c) => isTrouble(c.status));
  const next: OfficialSnapshot = {
    ...snap,
    indicator: explained ? 'unknown' : snap.indicator,
    description: explained ? null : snap.description,
    incidents,
    components,
    maintenances: snap.maintenances.filter(here),
    recent: snap.recent.filter(here),
  };
  return { record: { ...rec, snapshot: next, history: rec.history.filter(here) }, elsewhere, componentsElsewhere };
}
