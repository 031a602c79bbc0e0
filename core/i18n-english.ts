/**
 * Side-effect module for Node-side code (unit tests, benchmarks, the demo): installs the English
 * messages as `t()`'s fallback, since there is no `browser.i18n` there. The extension's own
 * scripts never import this (the browser serves the messages).
 */
import en from '../public/_locales/en/messages.json';
import { setFallbackMessages } from './i18n';

setFallbackMessages(en);
