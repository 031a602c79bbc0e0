/** Adapter registry: one adapter per official feed kind (checked complete by the type system). */
import type { FeedAdapter } from './types';
import { appleAdapter } from './apple';
import { betterstackAdapter } from './betterstack';
import { gatusAdapter } from './gatus';
import { hundAdapter } from './hund';
import { rootlyAdapter } from './rootly';
import { sorryAdapter } from './sorry';
import { uptimekumaAdapter } from './uptimekuma';
import { awsHealthAdapter } from './aws-health';
import { cachetAdapter } from './cachet';
import { gcpAdapter } from './gcp';
import { herokuAdapter } from './heroku';
import { incidentioAdapter } from './incidentio';
import { instatusAdapter } from './instatus';
import type { OfficialKind } from './kinds';
import { m365Adapter } from './m365';
import { rssAdapter } from './rss';
import { slackAdapter } from './slack';
import { statusioAdapter } from './statusio';
import { statuspageAdapter } from './statuspage';

export const ADAPTERS: Record<OfficialKind, FeedAdapter> = {
  statuspage: statuspageAdapter,
  incidentio: incidentioAdapter,
  rss: rssAdapter,
  gcp: gcpAdapter,
  'aws-health': awsHealthAdapter,
  slack: slackAdapter,
  apple: appleAdapter,
  heroku: herokuAdapter,
  statusio: statusioAdapter,
  instatus: instatusAdapter,
  cachet: cachetAdapter,
  m365: m365Adapter,
  betterstack: betterstackAdapter,
  rootly: rootlyAdapter,
  sorry: sorryAdapter,
  uptimekuma: uptimekumaAdapter,
  gatus: gatusAdapter,
  hund: hundAdapter,
};

export function adapterFor(kind: OfficialKind): FeedAdapter {
  return ADAPTERS[kind];
}
