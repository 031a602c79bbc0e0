/** Fuzz the hund adapter (properties and families: ./properties.ts, README.md). */
import { fuzzTargets } from './suite';

fuzzTargets('hund', ['hund']);
