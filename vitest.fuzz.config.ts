import { defineConfig } from 'vitest/config';

/**
 * The fuzz run (`npm run fuzz`): property-based tests of every feed adapter and the fetch module.
 * Only test/fuzz/**\/*.fuzz.ts; plain node (the adapters are pure, no browser APIs); generous
 * timeouts (10 000 cases per adapter and property take minutes on a small machine). The
 * global setup prints one table of case counts at the end (see test/fuzz/README.md).
 */
export default defineConfig({
  test: {
    include: ['test/fuzz/**/*.fuzz.ts'],
    environment: 'node',
    globalSetup: ['test/fuzz/global-setup.ts'],
    testTimeout: 60 * 60 * 1000,
    hookTimeout: 10 * 60 * 1000,
    // Counts are printed by the global teardown; keep per-test console output too.
    silent: false,
  },
});
