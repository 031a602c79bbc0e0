/** Fuzz the uptimekuma adapter (properties and families: ./properties.ts, README.md). */
import { fuzzTargets } from './suite';

fuzzTargets('uptimekuma', ['uptimekuma']);
