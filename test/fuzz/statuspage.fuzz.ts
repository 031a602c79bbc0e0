/** Fuzz the statuspage adapter (properties and families: ./properties.ts, README.md). */
import { fuzzTargets } from './suite';

fuzzTargets('statuspage', ['statuspage', 'statuspage.history']);
