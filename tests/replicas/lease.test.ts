import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { Lease } from '../../src/ops/lease.js';
import type { LeaseStore } from '../../src/store/escalation-types.js';
import { openPostgresStores, type PgStores } from '../../src/store/postgres/index.js';
import { pgRaw, postgresUnavailable, TEST_DATABASE_URL, uniqueSchema } from '../store/contract/backends.js';

const unavailable = await postgresUnavailable();
if (unavailable) console.warn(`SKIPPED: lease tests: no PostgreSQL server at ${TEST_DATABASE_URL} (${unavailable})`);

const schema = uniqueSchema('lease');
let stores: PgStores;
beforeAll(async () => {
  if (!unavailable) stores = await openPostgresStores({ url: TEST_DATABASE_URL, schema, poolMax: 8 });
});
afterAll(async () => {
  if (unavailable) return;
  await stores.close();
  await pgRaw(TEST_DATABASE_URL, undefined, (c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
});

const until = async (cond: () => boolean, what: string, timeoutMs = 5_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

/** A lease store that can be cut off from the database, as a replica whose connection dies. */
function severable(store: LeaseStore): LeaseStore & { cut: boolean } {
  const s = {
    cut: false,
    acquire: (n: string, h: string, ttl: number) => (s.cut ? Promise.reject(new Error('connection lost')) : store.acquire(n, h, ttl)),
    release: (n: string, h: string) => (s.cut ? Promise.reject(new Error('connection lost')) : store.release(n, h)),
  };
  return s;
}

describe.skipIf(!!unavailable)('PostgreSQL leases', () => {
  it('gives a lease to exactly one of many concurrent takers, and renews it for its holder only', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => stores.leases.acquire('race', `h${i}`, 10_000)));
    const holders = new Set(results.map((r) => r.holder));
    expect(holders.size).toBe(1);
    const [winner] = [...holders] as [string];
    const renewed = await stores.leases.acquire('race', winner, 10_000);
    expect(renewed.holder).toBe(winner);
    expect(renewed.expiresAt).toBeGreaterThanOrEqual(results[0]!.expiresAt);
    expect((await stores.leases.acquire('race', 'other', 10_000)).holder).toBe(winner);
    await stores.leases.release('race', 'other');
    expect((await stores.leases.acquire('race', 'other', 10_000)).holder).toBe(winner);
    await stores.leases.release('race', winner);
    expect((await stores.leases.acquire('race', 'other', 10_000)).holder).toBe('other');
  });

  it('hands the lease over when its holder stops renewing, and at once when it stops cleanly', async () => {
    const ttlMs = 600;
    const storeA = severable(stores.leases);
    const a = new Lease({ store: storeA, name: 'coordinator', holder: 'a', ttlMs, logger: silentLogger() });
    const b = new Lease({ store: stores.leases, name: 'coordinator', holder: 'b', ttlMs, logger: silentLogger() });
    const changes: string[] = [];
    a.onChange((held) => changes.push(`a ${held}`));
    b.onChange((held) => changes.push(`b ${held}`));
    await a.start();
    await b.start();
    expect([a.held, b.held]).toEqual([true, false]);
    expect(b.currentHolder).toBe('a');
    // A keeps it across several renewals.
    await new Promise((r) => setTimeout(r, ttlMs * 1.5));
    expect([a.held, b.held]).toEqual([true, false]);

    // A loses the database: it gives the lease up on its own before B may take it.
    storeA.cut = true;
    const cutAt = performance.now();
    await until(() => !a.held, 'a gives the lease up');
    await until(() => b.held, 'b takes the lease over', 3_000);
    expect(performance.now() - cutAt).toBeGreaterThanOrEqual(ttlMs * 0.6);
    expect(changes.indexOf('a false')).toBeLessThan(changes.indexOf('b true'));

    // B stops cleanly: the lease is free at once, A (reconnected) takes it at its next attempt.
    storeA.cut = false;
    await b.stop();
    await until(() => a.held, 'a takes the lease back', 2_000);
    await a.stop();
    expect(changes).toEqual(['a true', 'a false', 'b true', 'b false', 'a true', 'a false']);
  });
});
