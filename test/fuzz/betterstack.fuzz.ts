/** Fuzz the betterstack adapter (properties and families: ./properties.ts, README.md). */
import { fuzzTargets } from './suite';

fuzzTargets('betterstack', ['betterstack']);
