/** Fuzz the heroku adapter (properties and families: ./properties.ts, README.md). */
import { fuzzTargets } from './suite';

fuzzTargets('heroku', ['heroku']);
