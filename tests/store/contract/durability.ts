import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exited, spawnFixture, watchLines } from '../child.js';
import type { StoreBackend, TestDatabase } from './backends.js';
import { freshDatabase } from './fresh.js';

const MIN_ACKS = 50;

/** Runs the writer until it has acknowledged at least MIN_ACKS tickets, then SIGKILLs it. Returns every ack seen. */
async function writeThenKill(db: TestDatabase): Promise<number[]> {
  const child = spawnFixture('escalation-writer.ts', [JSON.stringify(db.spec)]);
  const acks: number[] = [];
  // Kill at a varying point so the signal does not always land at the same place in the writer's loop.
  const killAt = MIN_ACKS + Math.floor(Math.random() * 40);
  const done = exited(child);
  const output = watchLines(child, (line) => {
    const match = /^ack (\d+)$/.exec(line);
    if (match === null) return;
    acks.push(Number(match[1]));
    if (acks.length === killAt) child.kill('SIGKILL');
  });
  const { code, signal } = await done;
  expect(signal, `writer ended on its own (code ${code}): ${output.stderr()}`).toBe('SIGKILL');
  return acks;
}

async function checkDatabase(db: TestDatabase, acked: number[]): Promise<number> {
  const stores = await db.open();
  try {
    for (const id of acked) {
      const ticket = await stores.tickets.get(id);
      expect(ticket, `acknowledged ticket ${id} is missing`).toBeDefined();
      const marker = ticket!.question.replace('Demande ', '');
      const messages = await stores.tickets.messages(id);
      expect(messages.map((m) => m.text), `messages of ticket ${id}`).toEqual([`Message de la demande ${marker}`]);
    }
    const all = await stores.tickets.listByAgent('test', 'writer');
    for (const ticket of all) {
      expect((await stores.tickets.messages(ticket.id)).length, `ticket ${ticket.id} was half-written`).toBe(1);
    }
    return all.length;
  } finally {
    await stores.close();
  }
}

/** Acknowledged writes survive a SIGKILL of the writer; a ticket and its first message are never split. */
export function describeDurability(backend: StoreBackend): void {
  const t = freshDatabase(backend);

  describe('durability of acknowledged writes', () => {
    it('keeps every acknowledged ticket and its message after SIGKILL, and never half a ticket', async () => {
      const firstAcks = await writeThenKill(t.db);
      expect(firstAcks.length).toBeGreaterThanOrEqual(MIN_ACKS);
      // SQLite: the writer died with its write-ahead log not checkpointed, so recovery has real work to do.
      if (t.db.walFile) expect(existsSync(t.db.walFile)).toBe(true);
      const afterFirst = await checkDatabase(t.db, firstAcks);
      expect(afterFirst).toBeGreaterThanOrEqual(firstAcks.length);

      // A second crash on the recovered database: numbering continues, nothing acknowledged is lost.
      const secondAcks = await writeThenKill(t.db);
      expect(Math.min(...secondAcks)).toBeGreaterThan(Math.max(...firstAcks));
      const afterSecond = await checkDatabase(t.db, [...firstAcks, ...secondAcks]);
      expect(afterSecond).toBeGreaterThanOrEqual(firstAcks.length + secondAcks.length);
    }, 60_000);
  });
}
