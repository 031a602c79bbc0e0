/**
 * The one interface every official feed format implements.
 *
 * An adapter is pure: it names the URLs to read for a status page and turns the bodies into the
 * common model. It never fetches, never throws, and never turns something it cannot read into
 * "operational": a body it does not understand is a `Result` failure with a reason for a person.
 */
import type { OfficialIncident, OfficialSnapshot, Result } from '../model';
import type { OfficialKind } from './kinds';

export interface FeedRequest {
  url: string;
  /** What the body must be; the fetch module rejects HTML where JSON/XML was expected. */
  expect: 'json' | 'xml' | 'text';
}

export interface ParseContext {
  /** Epoch ms "now" (injected so tests are deterministic). */
  now: number;
  /** The catalog's `official.url` for this service (trailing slashes removed for base-URL kinds). */
  baseUrl: string;
  /**
   * The catalog's `official.scope`, when a shared feed covers many products: only incidents and
   * components touching one of these names (case-insensitive) belong to this service. Undefined
   * means the whole feed is this service's.
   */
  scope?: readonly string[];
}

export interface FeedAdapter {
  kind: OfficialKind;
  /** Human name of the format, e.g. "Atlassian Statuspage API v2". */
  label: string;
  /** Requests made on every poll, as conditional requests (most formats need exactly one). */
  endpoints(baseUrl: string): FeedRequest[];
  /** Parse the bodies (same order as `endpoints`) into a snapshot. Must not throw. */
  parse(bodies: string[], ctx: ParseContext): Result<OfficialSnapshot>;
  /**
   * Optional second source listing recent incidents, resolved ones included. The scheduler reads
   * it only when it must: no history known yet, or an incident that was open has vanished from
   * the current feed (so we can show when and how it was resolved).
   */
  history?: {
    endpoint(baseUrl: string): FeedRequest;
    parse(body: string, ctx: ParseContext): Result<OfficialIncident[]>;
  };
}

/**
 * A snapshot that states nothing: no page status, no component with a known status, nothing open.
 * For formats whose every real document states a page or component status (Statuspage and its
 * incident.io shim, Heroku, status.io, Instatus, Cachet) that means the format changed under us, and it
 * must read as `unknown`, never `ok`. (RSS history feeds are different: an empty one is healthy.)
 */
export function statesNothing(s: OfficialSnapshot): boolean {
  return (
    s.indicator === 'unknown' &&
    s.components.every((c) => c.status === 'unknown') &&
    s.incidents.length === 0 &&
    s.maintenances.every((m) => m.status !== 'in_progress') // an upcoming window says nothing about now
  );
}

export const STATES_NOTHING_MESSAGE = 'the status feed states no status at all (no page or component status, nothing open) — it may have changed';
