import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStores, type PgStores } from '../../src/store/postgres/index.js';
import { pgRaw, postgresUnavailable, TEST_DATABASE_URL, uniqueSchema } from '../store/contract/backends.js';

const unavailable = await postgresUnavailable();
if (unavailable) console.warn(`SKIPPED: conversation lock tests: no PostgreSQL server at ${TEST_DATABASE_URL} (${unavailable})`);

const schema = uniqueSchema('convlock');
let a: PgStores;
let b: PgStores;
beforeAll(async () => {
  if (unavailable) return;
  a = await openPostgresStores({ url: TEST_DATABASE_URL, schema, poolMax: 4 });
  b = await openPostgresStores({ url: TEST_DATABASE_URL, schema, poolMax: 4 });
});
afterAll(async () => {
  if (unavailable) return;
  await a.close();
  await b.close();
  await pgRaw(TEST_DATABASE_URL, undefined, (c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
});

/** A turn: read the state, think, write it back changed (what Bot.handle does). */
async function turn(stores: PgStores, key: string): Promise<void> {
  const state = (await stores.conversations.get(key)) ?? {};
  const n = Number(state.lastEntryId ?? 0);
  await new Promise((r) => setTimeout(r, 15));
  await stores.conversations.set(key, { ...state, lastEntryId: String(n + 1), updatedAt: Date.now() });
}

describe.skipIf(!!unavailable)('conversation turns across replicas (PostgreSQL advisory locks)', () => {
  it('runs the turns of one conversation one at a time across two pools, and other conversations in parallel', async () => {
    const key = 'teams:conv-shared';
    const started = performance.now();
    await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).conversations.exclusive(key, () => turn(i % 2 ? a : b, key))));
    const serialMs = performance.now() - started;
    expect((await a.conversations.get(key))?.lastEntryId).toBe('12');
    // Without the lock the same interleaving loses updates: the check can fail.
    const unlocked = 'teams:conv-unlocked';
    await Promise.all(Array.from({ length: 12 }, (_, i) => turn(i % 2 ? a : b, unlocked)));
    expect(Number((await a.conversations.get(unlocked))?.lastEntryId)).toBeLessThan(12);
    // Different conversations do not wait for each other.
    const t = performance.now();
    await Promise.all(Array.from({ length: 6 }, (_, i) => a.conversations.exclusive(`teams:other-${i}`, () => turn(a, `teams:other-${i}`))));
    expect(performance.now() - t).toBeLessThan(serialMs);
  });

  it('frees the lock when the work throws', async () => {
    await expect(a.conversations.exclusive('k', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(b.conversations.exclusive('k', async () => 'next')).resolves.toBe('next');
  });
});
