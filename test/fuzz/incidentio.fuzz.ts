/** Fuzz the incidentio adapter (properties and families: ./properties.ts, README.md). */
import { fuzzTargets } from './suite';

fuzzTargets('incidentio', ['incidentio']);
