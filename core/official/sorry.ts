/**
 * Sorry (sorryapp.com) status pages: `https://api.sorryapp.com/v1/pages/<page id>/components`
 * (catalog `official.url` is that feed URL; one body per poll). The shape is the one the stts
 * client reads (inket/stts SorryService.swift): `{ response: [{ name, state }] }`, `state` one of
 * `operational`, `partially-degraded`, `degraded`.
 *
 * The endpoint lists components only: no incidents, no page status. The page indicator is the
 * worst component. stts ranks `degraded` above `partially-degraded` (major vs minor); here
 * `degraded` → major_outage and `partially-degraded` → partial_outage. An unknown state word is
 * 'unknown', never operational.
 */
import type { ComponentStatus, OfficialComponent, OfficialSnapshot, Result } from '../model';
import { cleanName, componentsOnly, eachValid, idOf, isRecord, jsonFeedAt, list, lookup, object, parseFirst, readWith, word } from './kit';
import type { FeedAdapter, ParseContext } from './types';

const STATES: Record<string, ComponentStatus> = {
  operational: 'operational',
  'partially-degraded': 'partial_outage',
  degraded: 'major_outage',
};

export function mapSorryState(value: unknown): ComponentStatus {
  return lookup(STATES, word(value)) ?? 'unknown';
}

const envelope = object({ response: list });

function readComponent(raw: unknown, index: number): OfficialComponent | null {
  if (!isRecord(raw)) return null;
  const name = cleanName(raw.name);
  if (name === '' || typeof raw.state !== 'string') return null;
  return { id: idOf(raw.id) ?? `${index}:${name}`, name, status: mapSorryState(raw.state), group: null };
}

export const sorryAdapter: FeedAdapter = {
  kind: 'sorry',
  label: 'Sorry status page components API',
  endpoints: jsonFeedAt,
  parse: (bodies: string[], _ctx: ParseContext): Result<OfficialSnapshot> =>
    parseFirst(bodies, (body) => {
      const env = readWith(envelope, body);
      if (!env.ok) return env;
      let i = 0;
      return componentsOnly(eachValid(env.value.response, (row) => readComponent(row, i++)));
    }),
};
