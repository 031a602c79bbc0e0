/** Fuzz the apple adapter (properties and families: ./properties.ts, README.md). */
import { fuzzTargets } from './suite';

fuzzTargets('apple', ['apple']);
