import { describe, expect, it } from 'vitest';
import { exited, spawnFixture, watchLines } from '../child.js';
import { newTicket } from '../helpers.js';
import type { StoreBackend, TestDatabase } from './backends.js';
import { freshDatabase } from './fresh.js';

async function seed(db: TestDatabase, count: number): Promise<number[]> {
  const stores = await db.open();
  const ids: number[] = [];
  for (let i = 0; i < count; i += 1) ids.push((await stores.tickets.create(newTicket(), i)).id);
  await stores.close();
  return ids;
}

/** Exactly one winner per ticket among connections and processes racing for it; concurrent first start. */
export function describeClaimRace(backend: StoreBackend): void {
  const t = freshDatabase(backend);

  describe('claim atomicity', () => {
    it('gives each ticket to exactly one of two connections on the same database', async () => {
      const ids = await seed(t.db, 40);
      const a = await t.db.open();
      const b = await t.db.open();
      try {
        for (const id of ids) {
          // Alternate connections and ambassadors; start the attempts in a varying order.
          const attempts = Array.from({ length: 12 }, (_, i) => {
            const [stores, who] = (i + id) % 2 === 0 ? [a, `amb-a${i}`] : [b, `amb-b${i}`];
            return stores.tickets.claim(id, who, 1000 + i).then((r) => ({ who, r }));
          });
          const results = await Promise.all(attempts);
          const winners = results.filter((x) => x.r.ok);
          expect(winners, `ticket ${id}`).toHaveLength(1);
          for (const loser of results.filter((x) => !x.r.ok)) {
            expect(loser.r).toMatchObject({ ok: false, reason: 'already_claimed', ticket: { claimedBy: winners[0]!.who } });
          }
          expect((await a.tickets.get(id))?.claimedBy).toBe(winners[0]!.who);
          expect((await b.tickets.get(id))?.claimedBy).toBe(winners[0]!.who);
        }
      } finally {
        await a.close();
        await b.close();
      }
    });

    it('gives each ticket to exactly one of several processes claiming at the same time', async () => {
      const count = 150;
      const ids = await seed(t.db, count);
      expect(ids).toEqual(Array.from({ length: count }, (_, i) => i + 1));

      const racers = ['amb-1', 'amb-2', 'amb-3', 'amb-4'].map((name) => {
        const child = spawnFixture('claim-racer.ts', [JSON.stringify(t.db.spec), name, String(count)]);
        const lines: string[] = [];
        let markReady: () => void = () => undefined;
        const ready = new Promise<void>((resolve) => {
          markReady = resolve;
        });
        const output = watchLines(child, (line) => {
          if (line === 'ready') markReady();
          else lines.push(line);
        });
        return { name, child, lines, ready, done: exited(child), output };
      });
      await Promise.all(racers.map((r) => r.ready));
      // Lockstep: all racers attempt ticket n at the same instant, one slot per ticket.
      const startAt = Date.now() + 200;
      for (const r of racers) r.child.stdin.end(`go ${startAt} ${backend.raceSlotMs}\n`);
      for (const r of racers) {
        const { code } = await r.done;
        expect(code, `${r.name}: ${r.output.stderr()}`).toBe(0);
        expect(r.lines.at(-1)).toBe('done');
      }

      const winners = new Map<number, string[]>();
      for (const r of racers) {
        for (const line of r.lines.slice(0, -1)) {
          const [id, outcome] = line.split(' ');
          expect(['win', 'already_claimed']).toContain(outcome);
          if (outcome === 'win') winners.set(Number(id), [...(winners.get(Number(id)) ?? []), r.name]);
        }
        expect(r.lines).toHaveLength(count + 1);
      }
      // The lockstep really made the racers compete: more than one of them won tickets.
      expect(new Set([...winners.values()].flat()).size).toBeGreaterThanOrEqual(2);
      const stores = await t.db.open();
      try {
        for (const id of ids) {
          expect(winners.get(id), `ticket ${id}`).toHaveLength(1);
          expect((await stores.tickets.get(id))?.claimedBy).toBe(winners.get(id)![0]);
        }
      } finally {
        await stores.close();
      }
    }, 60_000);

    it('lets several processes open and migrate a brand-new database at the same time', async () => {
      const children = Array.from({ length: 4 }, (_, i) => {
        const child = spawnFixture('claim-racer.ts', [JSON.stringify(t.db.spec), `amb-${i}`, '0']);
        const output = watchLines(child, (line) => {
          if (line === 'ready') child.stdin.end(`go ${Date.now()} 1\n`);
        });
        return { done: exited(child), output };
      });
      for (const c of children) expect((await c.done).code, c.output.stderr()).toBe(0);
      const versions = await t.db.rows('SELECT version FROM schema_migrations ORDER BY version');
      expect(versions).toEqual(backend.versions.map((version) => ({ version })));
    }, 60_000);
  });
}
