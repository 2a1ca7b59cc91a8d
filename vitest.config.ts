import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

// Two tiers (see HOUSE_STYLE.md): `unit` for pure modules, `integration` for
// lib/ against a real PostgreSQL. `npm test` (scripts/run-tests.ts) runs both,
// then the Playwright e2e tier.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      // lib/ modules are marked server-only for Next; in tests they are just modules.
      { find: /^server-only$/, replacement: `${root}/tests/support/empty-module.ts` },
    ],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          // next-auth imports `next/server` the way Next's bundler allows
          // (no extension); inlined, it resolves as in the app (for proxy.ts).
          server: { deps: { inline: ['next-auth'] } },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          // Obtains the database once (TEST_DATABASE_URL, DATABASE_URL, or a
          // throwaway server) and hands it to every file.
          globalSetup: ['tests/support/integration-global-setup.ts'],
          setupFiles: ['tests/support/integration-setup.ts'],
          // Files share one database; their data never collides (factories make
          // unique names), but one file at a time keeps timings and the login
          // throttles predictable.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 120_000,
          env: { LOG_LEVEL: 'silent' },
        },
      },
    ],
  },
});
