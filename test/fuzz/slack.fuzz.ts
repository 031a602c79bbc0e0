/** Fuzz the slack adapter (properties and families: ./properties.ts, README.md). */
import { fuzzTargets } from './suite';

fuzzTargets('slack', ['slack']);
