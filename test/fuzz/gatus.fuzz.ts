/** Fuzz the gatus adapter (properties and families: ./properties.ts, README.md). */
import { fuzzTargets } from './suite';

fuzzTargets('gatus', ['gatus']);
