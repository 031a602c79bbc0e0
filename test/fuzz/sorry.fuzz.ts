/** Fuzz the sorry adapter (properties and families: ./properties.ts, README.md). */
import { fuzzTargets } from './suite';

fuzzTargets('sorry', ['sorry']);
