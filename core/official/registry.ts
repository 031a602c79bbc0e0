/** Adapter registry: one adapter per official feed kind (checked complete by the type system). */
import type { FeedAdapter } from './adapter';
import { incidentioAdapter } from './incidentio';
import type { OfficialKind } from './kinds';
import { statuspageAdapter } from './statuspage';

export const ADAPTERS: Record<OfficialKind, FeedAdapter> = {
  statuspage: statuspageAdapter,
  incidentio: incidentioAdapter,
};

export function adapterFor(kind: OfficialKind): FeedAdapter {
  return ADAPTERS[kind];
}
