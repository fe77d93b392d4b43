import { describe, it } from 'vitest';
import { describeStores } from './contract/index.js';
import { postgresBackend, postgresUnavailable, TEST_DATABASE_URL } from './contract/backends.js';
import { describeUrl } from '../../src/store/postgres/index.js';

// The machine starts a PostgreSQL server before every session and CI run; skip only when none answers.
const unavailable = await postgresUnavailable();
if (unavailable) {
  console.warn(`SKIPPED: PostgreSQL contract suite: no server at ${describeUrl(TEST_DATABASE_URL)} (${unavailable})`);
  describe.skip('PostgreSQL stores (contract)', () => it.skip(`no server at ${describeUrl(TEST_DATABASE_URL)}`, () => undefined));
} else {
  describeStores('PostgreSQL stores (contract)', postgresBackend());
}
