/** Fuzz the rootly adapter (properties and families: ./properties.ts, README.md). */
import { fuzzTargets } from './suite';

fuzzTargets('rootly', ['rootly']);
