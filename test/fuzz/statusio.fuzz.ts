/** Fuzz the statusio adapter (properties and families: ./properties.ts, README.md). */
import { fuzzTargets } from './suite';

fuzzTargets('statusio', ['statusio']);
