import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The end-to-end suite needs a local Synapse: `npm run test:synapse` (vitest.synapse.config.ts).
    exclude: ['tests/synapse/**', '**/node_modules/**'],
    testTimeout: 20_000,
    // Hooks start real services (HTTP server, knowledge, store): slow when the machine is busy.
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
