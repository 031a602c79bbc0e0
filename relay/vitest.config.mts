import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

// The Worker's tests run inside workerd (the Workers runtime), with its Durable Objects, Cache
// API and cron handler; no network: upstream feeds and complaint APIs are answered by a stubbed
// fetch (test/upstream.ts) serving real captured payloads from ../test/fixtures.
export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.jsonc' },
      miniflare: { cf: false },
    }),
  ],
  test: {
    include: ['test/**/*.test.ts'],
    // Flood tests send a few hundred requests; the machine running CI may be shared and slow.
    testTimeout: 60_000,
  },
});
