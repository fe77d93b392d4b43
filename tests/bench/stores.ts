import type { Stores } from '../../src/store/escalation-types.js';
import { describeUrl } from '../../src/store/postgres/index.js';
import { postgresBackend, postgresUnavailable, sqliteBackend, TEST_DATABASE_URL, type StoreBackend } from '../store/contract/backends.js';
import { ms, summarise } from './stats.js';

/**
 * Store throughput, SQLite file next to PostgreSQL (the test server, a fresh schema): whole ticket
 * flows (create with the first message, claim, ambassador's answer, close) and conversation turns
 * (state read + write), by WORKERS concurrent callers as a busy replica would issue them.
 */

const WORKERS = 8;

async function run(count: number, work: (i: number) => Promise<void>): Promise<{ perSecond: number; p50: number; p99: number }> {
  const samples: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      for (let i = next++; i < count; i = next++) {
        const t = performance.now();
        await work(i);
        samples.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const st = summarise(samples);
  return { perSecond: count / elapsed, p50: st.p50, p99: st.p99 };
}

async function ticketFlow(stores: Stores, i: number): Promise<void> {
  const now = Date.now();
  const ticket = await stores.tickets.create(
    { trigger: 'explicit', scope: `scope-${i % 5}`, agent: { channel: 'bench', userId: `u${i % 200}`, conversationId: `c${i % 200}` }, question: `Question expurgée n° ${i}`, context: '' },
    now,
    { author: 'agent', authorId: `u${i % 200}`, text: `Question expurgée n° ${i}` },
  );
  const claim = await stores.tickets.claim(ticket.id, `amb-${i % 7}`, now + 1);
  if (!claim.ok) throw new Error(`bench: claim of fresh ticket ${ticket.id} lost`);
  await stores.tickets.addMessage(ticket.id, 'ambassador', `amb-${i % 7}`, 'Réponse de l’ambassadeur.', now + 2);
  await stores.tickets.close(ticket.id, now + 3, false);
}

async function conversationTurn(stores: Stores, i: number): Promise<void> {
  const key = `bench:c${i % 500}`;
  const state = (await stores.conversations.get(key)) ?? {};
  await stores.conversations.set(key, { ...state, lastQuestion: `Question expurgée n° ${i}`, updatedAt: Date.now() });
}

async function benchEngine(label: string, backend: StoreBackend, flows: number, turns: number): Promise<[string, string][]> {
  const db = await backend.create();
  const stores = await db.open();
  try {
    const t = await run(flows, (i) => ticketFlow(stores, i));
    const c = await run(turns, (i) => conversationTurn(stores, i));
    const line = (r: Awaited<ReturnType<typeof run>>, unit: string) => `${Math.round(r.perSecond).toLocaleString('en')} ${unit}/s   p50 ${ms(r.p50)}   p99 ${ms(r.p99)}`;
    return [
      [`${label}: ticket flows (create+message, claim, answer, close)`, line(t, 'flows')],
      [`${label}: conversation turns (get + set)`, line(c, 'turns')],
    ];
  } finally {
    await stores.close();
    await db.dispose();
  }
}

export async function benchStores(flows = 2_000, turns = 10_000): Promise<[string, string][]> {
  const rows: [string, string][] = [[`callers`, `${WORKERS} concurrent, ${flows.toLocaleString('en')} flows, ${turns.toLocaleString('en')} turns per engine`]];
  rows.push(...(await benchEngine('SQLite file', sqliteBackend, flows, turns)));
  const unavailable = await postgresUnavailable();
  if (unavailable) rows.push(['PostgreSQL', `SKIPPED: no server at ${describeUrl(TEST_DATABASE_URL)} (${unavailable})`]);
  else rows.push(...(await benchEngine('PostgreSQL (pool of 10)', postgresBackend(TEST_DATABASE_URL, 10), flows, turns)));
  return rows;
}
