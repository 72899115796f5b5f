import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The cluster suite has its own configuration (vitest.cluster.config.mts) and runs after this one.
    exclude: ['tests/cluster/**', '**/node_modules/**'],
    // Temporal's native bridge does not run in worker threads.
    pool: 'forks',
    // One Temporal dev server, one PostgreSQL and one workflow bundle for the whole run.
    globalSetup: ['tests/support/global-setup.ts'],
    setupFiles: ['tests/support/quiet-runtime.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
