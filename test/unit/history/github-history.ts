/** The real GitHub incident history (test/fixtures/feeds, see PROVENANCE.md), read by the Statuspage adapter: what the history tests measure. */
import type { OfficialIncident } from '../../../core/model';
import { statuspageAdapter } from '../../../core/official/statuspage';
import { raw, value } from '../official/helpers';

const HISTORY = 'statuspage-incidents-github-resolved-with-component-transitions.json';

export function githubHistory(): OfficialIncident[] {
  return value(
    statuspageAdapter.history!.parse(raw(HISTORY), { now: Date.parse('2024-09-17T00:00:00Z'), baseUrl: 'https://www.githubstatus.com' }),
  );
}
