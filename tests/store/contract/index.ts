import { describe } from 'vitest';
import type { StoreBackend } from './backends.js';
import { describeClaimRace } from './claim-race.js';
import { describeDurability } from './durability.js';
import { describeIntegrity } from './integrity.js';
import { describeRestart } from './restart.js';
import { describeSmallStores } from './stores.js';
import { describeTicketStore } from './tickets.js';
import { describeUsage } from './usage.js';

/**
 * The store contract: what every engine behind `Stores` guarantees (tests/store/sqlite.test.ts and
 * tests/store/postgres.test.ts run it). Engine-specific checks (file pragmas, query plans, migration
 * files) live in their own test files.
 */
export function describeStores(name: string, backend: StoreBackend): void {
  describe(name, () => {
    describeSmallStores(backend);
    describeTicketStore(backend);
    describeUsage(backend);
    describeIntegrity(backend);
    describeRestart(backend);
    describeClaimRace(backend);
    describeDurability(backend);
  });
}
