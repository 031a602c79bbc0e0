/** Fuzz the instatus adapter (properties and families: ./properties.ts, README.md). */
import { fuzzTargets } from './suite';

fuzzTargets('instatus', ['instatus']);
