/** Issue 17's popup and options states, light, in both browsers (checks and screenshots: parts-look.ts). */
import { partsLook } from './parts-look';

partsLook();
