// ESLint (flat config): correctness rules from typescript-eslint, and the layering of the code
// checked rather than hoped for. No formatting rules: Prettier formats (`npm run format`).
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** Storage and the worker: what pure parts (feed adapters, complaint sources, history) must not reach. */
const STATEFUL = ['./core/storage.ts', './core/store.ts', './core/worker', './core/background.ts', './entrypoints'];

export default tseslint.config(
  {
    ignores: [
      '.output/**',
      '.wxt/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'bench-output/**',
      'demo-output/**',
      '.scratch-fuzz/**',
      'replay-output/**',
      'relay/node_modules/**',
      'relay/.wrangler/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver': undefined,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      // The layering (docs/architecture.md).
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: ['./core/official', './core/crowd', './core/history'],
              from: STATEFUL,
              message: 'feed adapters, complaint sources and history are pure: storage and scheduling belong to the worker (core/worker).',
            },
            { target: './core', from: './components', message: 'core/ never depends on the UI (components/).' },
          ],
        },
      ],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    // The existing code's conventions, stated: `_name` for deliberately unused parameters, and
    // tests may use `any` to build hostile inputs.
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Test harnesses: hostile inputs are built with `any`, and a harness error that replaces the
    // one it caught is reported on its own.
    files: ['test/**', 'bench/**', 'demo/**', 'scripts/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', 'preserve-caught-error': 'off' },
  },
  {
    // Playwright fixtures that use no other fixture must be written `async ({}, use) => …`.
    files: ['test/e2e/**'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    files: ['bench/blank/**/*.js'],
    languageOptions: { globals: { document: 'readonly' } },
  },
);
