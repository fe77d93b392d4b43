import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStores } from '../../src/store/sqlite/index.js';
import { exited, spawnFixture, watchLines } from './child.js';
import { tempDir } from './helpers.js';

const MIN_ACKS = 50;

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => {
  tmp.cleanup();
});

/** Runs the writer until it has acknowledged at least MIN_ACKS tickets, then SIGKILLs it. Returns every ack seen. */
async function writeThenKill(file: string): Promise<number[]> {
  const child = spawnFixture('escalation-writer.ts', [file]);
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

async function checkDatabase(file: string, acked: number[]): Promise<number> {
  const stores = openSqliteStores(file);
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

describe('durability of acknowledged writes', () => {
  it('keeps every acknowledged ticket and its message after SIGKILL, and never half a ticket', async () => {
    const file = tmp.file('durability.db');
    const firstAcks = await writeThenKill(file);
    expect(firstAcks.length).toBeGreaterThanOrEqual(MIN_ACKS);
    // The writer died with its write-ahead log not checkpointed: recovery has real work to do.
    expect(existsSync(`${file}-wal`)).toBe(true);
    const afterFirst = await checkDatabase(file, firstAcks);
    expect(afterFirst).toBeGreaterThanOrEqual(firstAcks.length);

    // A second crash on the recovered file: numbering continues, nothing acknowledged is lost.
    const secondAcks = await writeThenKill(file);
    expect(Math.min(...secondAcks)).toBeGreaterThan(Math.max(...firstAcks));
    const afterSecond = await checkDatabase(file, [...firstAcks, ...secondAcks]);
    expect(afterSecond).toBeGreaterThanOrEqual(firstAcks.length + secondAcks.length);
  }, 60_000);
});
