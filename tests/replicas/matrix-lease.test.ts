import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openPostgresStores, type PgStores } from '../../src/store/postgres/index.js';
import { World, BOT, DIRECTORY, testLogger } from '../matrix/helpers/world.js';
import { waitUntil } from '../matrix/helpers/agent.js';
import { pgRaw, postgresUnavailable, TEST_DATABASE_URL, uniqueSchema } from '../store/contract/backends.js';

const unavailable = await postgresUnavailable();
if (unavailable) console.warn(`SKIPPED: Matrix lease tests: no PostgreSQL server at ${TEST_DATABASE_URL} (${unavailable})`);

const ALICE = '@alice.dupont:tchap.test';
let w: World | undefined;
let stores: PgStores | undefined;
const schema = uniqueSchema('mxlease');
afterEach(async () => {
  await w?.close();
  await stores?.close();
  if (!unavailable) await pgRaw(TEST_DATABASE_URL, undefined, (c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
});

const setLease = (sql: string) => pgRaw(TEST_DATABASE_URL, schema, (c) => c.query(sql));

describe.skipIf(!!unavailable)('Matrix sync under the coordinator lease', () => {
  it('stops syncing when another replica holds the lease, and resumes (answering what came meanwhile) when it gets it back', async () => {
    stores = await openPostgresStores({ url: TEST_DATABASE_URL, schema, poolMax: 4 });
    const app = createApp({ config: loadConfig({ REPLICA_LEASE_SECONDS: '2', REPLICA_NAME: 'me' }), logger: testLogger(), watch: false, directoryFile: DIRECTORY, stores });
    const world = await World.create({ app });
    w = world;
    const adapter = await world.startBot();
    expect(app.coordinator?.held).toBe(true);
    const alice = await world.agent(ALICE, 'Alice Dupont');
    const room = await alice.directChat(w.double, BOT);
    expect(await world.turn(alice, room, 'Qu’est-ce que MIRAI ?')).toHaveLength(1);

    // Another replica has the lease (as after a long pause of this one): this one stops syncing.
    await setLease(`UPDATE leases SET holder = 'other', expires_at = expires_at + 600000 WHERE name = 'coordinator'`);
    await waitUntil(() => app.coordinator?.held === false, 'lease lost', 5_000);
    await waitUntil(() => (adapter.status().detail ?? '').startsWith('standby'), 'adapter on standby', 5_000);
    expect(adapter.status()).toMatchObject({ ready: true, detail: 'standby: Matrix sync held by other' });
    const answersBefore = world.double.model.events(room, { sender: BOT, type: 'm.room.message' }).length;
    const asked = await alice.say(room, 'Quels outils faut-il privilégier ?');
    await new Promise((r) => setTimeout(r, 1_500));
    expect(world.double.model.events(room, { sender: BOT, type: 'm.room.message' })).toHaveLength(answersBefore);

    // The other replica is gone (its lease expired): this one takes over and answers what came meanwhile, once.
    await setLease(`UPDATE leases SET expires_at = 0 WHERE name = 'coordinator'`);
    await waitUntil(() => app.coordinator?.held === true, 'lease taken back', 5_000);
    await world.settled(asked, 10_000);
    await world.delivered(alice, room);
    expect(world.double.model.events(room, { sender: BOT, type: 'm.room.message' })).toHaveLength(answersBefore + 1);
    expect(adapter.status().ready).toBe(true);
    expect(adapter.status().detail).toMatch(/^last sync/);
  }, 40_000);
});
