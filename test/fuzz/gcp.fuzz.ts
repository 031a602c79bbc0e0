/** Fuzz the gcp adapter (properties and families: ./properties.ts, README.md). */
import { fuzzTargets } from './suite';

fuzzTargets('gcp', ['gcp']);
