import { defineConfig } from '@playwright/test';
import type { BothWorkerOptions } from './test/e2e/both';

// Each test file launches its own browser with the built extension (test/e2e/fixtures.ts for the
// Chromium-only specs, test/e2e/both.ts for the specs that run in both browsers).
// One worker: the machines have 2 cores and every worker runs a full browser.
// Projects: "chromium" runs every spec; "firefox" runs the tests tagged @firefox (test/e2e/README.md).
export default defineConfig<BothWorkerOptions>({
  testDir: 'test/e2e',
  timeout: 90_000,
  expect: { timeout: 20_000 },
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  outputDir: 'test-results',
  projects: [
    { name: 'chromium', use: { ackBrowser: 'chromium' } },
    { name: 'firefox', use: { ackBrowser: 'firefox' }, grep: /@firefox/ },
  ],
});
