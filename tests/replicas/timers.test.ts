import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStores, type PgStores } from '../../src/store/postgres/index.js';
import { escalationHarness, type EscalationHarness } from '../helpers/escalation-app.js';
import { pgRaw, postgresUnavailable, TEST_DATABASE_URL, uniqueSchema } from '../store/contract/backends.js';

const unavailable = await postgresUnavailable();
if (unavailable) console.warn(`SKIPPED: replica timer tests: no PostgreSQL server at ${TEST_DATABASE_URL} (${unavailable})`);

const MINUTE = 60_000;
const schema = uniqueSchema('timers');
const opened: PgStores[] = [];
let a: EscalationHarness;
let b: EscalationHarness;

beforeAll(async () => {
  if (unavailable) return;
  // Two replicas: two apps, each on its own pool of the same schema.
  for (let i = 0; i < 2; i++) opened.push(await openPostgresStores({ url: TEST_DATABASE_URL, schema, poolMax: 4 }));
  a = escalationHarness({ stores: opened[0], env: { REPLICA_LEASE_SECONDS: '2' } });
  b = escalationHarness({ stores: opened[1], env: { REPLICA_LEASE_SECONDS: '2' } });
});
afterAll(async () => {
  if (unavailable) return;
  await a.app.close();
  await b.app.close();
  for (const s of opened) await s.close();
  await pgRaw(TEST_DATABASE_URL, undefined, (c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
});

describe.skipIf(!!unavailable)('escalation timers on two replicas', () => {
  it('remind and hand over once, on the coordinator only, and the other replica takes over when it stops', async () => {
    const id = await a.openTicket('agent-35', 'Un logiciel d’IA pour trier les demandes de titres, que dit la charte ?', '35');
    const reminders = () => [...a.channel.to('ambassadeur-bretagne'), ...b.channel.to('ambassadeur-bretagne')].filter((r) => /Rappel/.test(r.text)).length;
    for (const h of [a, b]) h.clock.now += 61 * MINUTE;
    // Both replicas' timers fire at the same moment.
    const [ra, rb] = await Promise.all([a.app.coordinated(() => a.app.escalation.tick()), b.app.coordinated(() => b.app.escalation.tick())]);
    expect([ra, rb].filter((r) => r !== undefined)).toEqual([{ reminded: 1, handedOver: 0 }]);
    expect(reminders()).toBe(1);
    const coordinator = ra ? a : b;
    const standby = ra ? b : a;
    expect(standby.app.coordinator?.held).toBe(false);

    // The coordinator stops (its lease is released): the other one hands the ticket over, once.
    await coordinator.app.coordinator!.stop();
    for (const h of [a, b]) h.clock.now += 121 * MINUTE;
    expect(await coordinator.app.coordinated(() => coordinator.app.escalation.tick())).toBeUndefined();
    // The standby tries every third of the lease's life (here 2 s).
    const deadline = Date.now() + 3_000;
    while (!standby.app.coordinator!.held && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const taken = await standby.app.coordinated(() => standby.app.escalation.tick());
    expect(taken).toEqual({ reminded: 0, handedOver: 1 });
    expect((await standby.app.stores.tickets.get(id))?.scope).toBe('national');
    expect(await standby.app.coordinated(() => standby.app.escalation.tick())).toEqual({ reminded: 0, handedOver: 0 });
  });
});
