/**
 * Options, welcome and popup pages in dark mode, in both browsers (scenarios: pages-scenarios.ts).
 * Its own file because the colour scheme is a worker option: Firefox cannot emulate
 * prefers-color-scheme per page over WebDriver BiDi, so a dark run is a browser launched dark.
 */
import { test } from './both';
import { pagesAndAxe } from './pages-scenarios';

test.use({ ackColorScheme: 'dark' });

pagesAndAxe();
