import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The end-to-end suite needs a local Synapse: `npm run test:synapse` (vitest.synapse.config.ts).
    exclude: ['tests/synapse/**', '**/node_modules/**'],
    testTimeout: 20_000,
    pool: 'forks',
  },
});
