/** Fuzz the cachet adapter (properties and families: ./properties.ts, README.md). */
import { fuzzTargets } from './suite';

fuzzTargets('cachet', ['cachet']);
