import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * `npm run test:synapse`: the Tchap channel end to end against a real Synapse (scripts/synapse-local.sh).
 * One homeserver, shared test users and Synapse's default rate limits: files run one after another,
 * always in the same order (the burst, which drains the users' message budgets, last).
 */
const ORDER = ['conversation', 'encryption', 'escalation', 'resilience'];

class FixedOrder extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const i = ORDER.findIndex((name) => f.moduleId.endsWith(`/${name}.test.ts`));
      return i < 0 ? ORDER.length : i;
    };
    return [...files].sort((a, b) => rank(a) - rank(b) || a.moduleId.localeCompare(b.moduleId));
  }
}

export default defineConfig({
  test: {
    include: ['tests/synapse/**/*.test.ts'],
    globalSetup: ['tests/synapse/global-setup.ts'],
    testTimeout: 240_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
    sequence: { sequencer: FixedOrder },
  },
});
