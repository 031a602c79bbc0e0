/** Fuzz the aws-health adapter (properties and families: ./properties.ts, README.md). */
import { fuzzTargets } from './suite';

fuzzTargets('aws-health', ['aws-health']);
