/**
 * The types of the feed-reader kit: the one interface every official feed format implements
 * (one file per format in this folder, listed in ./registry.ts; helpers in ./kit.ts and ./dates.ts).
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
  /**
   * The URL is a server-sent event stream: read it only until the first event of this name, whose
   * data is the body handed to `parse` (core/net/sse.ts). Streams are never conditional requests.
   */
  sseEvent?: string;
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
   * it only when it must: no history known yet, an incident that was open has vanished from
   * the current feed (so we can show when and how it was resolved), or the feed's text changed
   * (an incident posted already resolved never shows in the feed, but changes it).
   */
  history?: {
    endpoint(baseUrl: string): FeedRequest;
    parse(body: string, ctx: ParseContext): Result<OfficialIncident[]>;
  };
}
