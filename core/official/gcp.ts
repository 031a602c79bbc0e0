// PLACEHOLDER — being written by another engineer; replaced wholesale. Fails honestly meanwhile.
import { fail } from '../model';
import type { FeedAdapter } from './adapter';

export const gcpAdapter: FeedAdapter = {
  kind: 'gcp',
  label: 'gcp (not yet implemented)',
  endpoints: (base) => [{ url: base, expect: 'text' }],
  parse: () => fail('internal', 'this feed format is not supported yet'),
};
