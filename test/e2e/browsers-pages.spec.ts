/** Options, welcome and popup pages in light mode, in both browsers (scenarios: pages-scenarios.ts). */
import { pagesAndAxe } from './pages-scenarios';

pagesAndAxe();
