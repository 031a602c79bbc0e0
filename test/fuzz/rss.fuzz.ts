/** Fuzz the rss adapter (properties and families: ./properties.ts, README.md). */
import { fuzzTargets } from './suite';

fuzzTargets('rss', ['rss']);
