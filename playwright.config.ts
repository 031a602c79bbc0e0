import { defineConfig } from '@playwright/test';

// Each test file launches its own Chromium with the built extension (see test/e2e/fixtures.ts).
// One worker: the machines have 2 cores and every worker runs a full browser.
export default defineConfig({
  testDir: 'test/e2e',
  timeout: 90_000,
  expect: { timeout: 20_000 },
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  outputDir: 'test-results',
});
