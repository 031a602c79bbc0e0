/** Test builders the unit tests share: small hand-made inputs that are not real samples. */
import type { Service } from '../../core/catalog/schema';

/** GitHub as a minimal catalog entry: its Statuspage feed, no scope or parts. */
export const githubService = {
  id: 'github',
  name: 'GitHub',
  domains: ['github.com'],
  statusPage: 'https://www.githubstatus.com',
  official: { kind: 'statuspage', url: 'https://www.githubstatus.com' },
} as unknown as Service;
