/**
 * Issue 17's popup and options states, dark, in both browsers (parts-look.ts). Its own file: the
 * colour scheme is a worker option (Firefox is launched dark; see browsers-dark.spec.ts).
 */
import { test } from './both';
import { partsLook } from './parts-look';

test.use({ ackColorScheme: 'dark' });

partsLook();
