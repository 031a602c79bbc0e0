/** Fuzz the m365 adapter (properties and families: ./properties.ts, README.md). */
import { fuzzTargets } from './suite';

fuzzTargets('m365', ['m365']);
