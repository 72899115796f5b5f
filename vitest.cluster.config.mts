import { defineConfig } from 'vitest/config';

// The cluster suite (`npm run test:cluster`, and the second half of `npm test`): one production
// topology per file, files one after another, since a cluster takes both cores.
export default defineConfig({
  test: {
    include: ['tests/cluster/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    globalSetup: ['tests/cluster/setup.ts'],
    setupFiles: ['tests/support/quiet-runtime.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
