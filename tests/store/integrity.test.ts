import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStores, StoreDataError } from '../../src/store/sqlite/index.js';
import { TICKET_SQL } from '../../src/store/sqlite/ticket-rows.js';
import { newTicket, tempDir } from './helpers.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => {
  tmp.cleanup();
});

/** Tampers with the file through a second, raw connection (as a careless manual edit would). */
function tamper(file: string, sql: string): void {
  const raw = new Database(file);
  raw.exec(sql);
  raw.close();
}

describe('corrupted rows', () => {
  it('names the table, the row and the column for broken JSON', async () => {
    const file = tmp.file('c.db');
    const stores = openSqliteStores(file);
    await stores.conversations.set('teams:c1', { lastQuestion: 'Q', updatedAt: 1 });
    await stores.refs.save({ channel: 'teams', userId: 'u1', conversationId: 'c1', data: { a: 1 } }, 1);
    tamper(file, `UPDATE conversation_state SET json = '{"lastQuestion": ' WHERE key = 'teams:c1';
                  UPDATE conversation_refs SET data = '[1, 2]' WHERE user_id = 'u1';`);
    const stateError = await stores.conversations.get('teams:c1').catch((e: unknown) => e);
    expect(stateError).toBeInstanceOf(StoreDataError);
    expect((stateError as Error).message).toMatch(/table "conversation_state" \(key "teams:c1"\): column "json" is not valid JSON/);
    await expect(stores.refs.get('teams', 'u1')).rejects.toThrow(/table "conversation_refs" \(channel "teams", user "u1"\): column "data"/);
    await stores.close();
  });

  it('names the table and ticket number for a ticket with an unknown trigger', async () => {
    const file = tmp.file('t.db');
    const stores = openSqliteStores(file);
    const t = await stores.tickets.create(newTicket(), 1);
    await stores.tickets.create(newTicket(), 2);
    tamper(file, `UPDATE tickets SET trigger_kind = 'bogus' WHERE id = ${t.id}`);
    await expect(stores.tickets.get(t.id)).rejects.toThrow(new RegExp(`table "tickets" \\(id ${t.id}\\): trigger_kind: Invalid enum value`));
    await expect(stores.tickets.listActive()).rejects.toBeInstanceOf(StoreDataError);
    await stores.close();
  });

  it('validates well-formed JSON against the expected shape', async () => {
    const file = tmp.file('s.db');
    const stores = openSqliteStores(file);
    await stores.conversations.set('k', { updatedAt: 1 });
    tamper(file, `UPDATE conversation_state SET json = '{"dialog": {"id": 3, "data": {}}}'`);
    await expect(stores.conversations.get('k')).rejects.toThrow(/column "json": dialog\.id: Expected string/);
    await stores.close();
  });
});

describe('schema guarantees', () => {
  it('enforces column types and ticket state consistency in the database itself', async () => {
    const file = tmp.file('g.db');
    const stores = openSqliteStores(file);
    const t = await stores.tickets.create(newTicket(), 1);
    await stores.close();
    const raw = new Database(file);
    expect(() => raw.prepare("UPDATE tickets SET status = 'claimed' WHERE id = ?").run(t.id)).toThrow(/CHECK constraint/);
    expect(() => raw.prepare("UPDATE tickets SET created_at = 'hier' WHERE id = ?").run(t.id)).toThrow(/cannot store TEXT value in INTEGER column/);
    raw.close();
  });

  it('serves the ticket lists from indexes, not table scans', async () => {
    await openSqliteStores(tmp.file('plan.db')).close();
    const file = new Database(tmp.file('plan.db'));
    const plan = (sql: string, ...params: unknown[]): string =>
      (file.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
    const cases: [string, unknown[]][] = [
      [TICKET_SQL.listByAgent, ['teams', 'u1']],
      [TICKET_SQL.listActive, []],
      [TICKET_SQL.listActiveInScopes, ['["dgpn"]']],
      [TICKET_SQL.listUnclaimed, [100]],
      [TICKET_SQL.purgeClosed, [100]],
      [TICKET_SQL.deleteByAgent, ['teams', 'u1']],
      [TICKET_SQL.messages, [1]],
    ];
    for (const [sql, params] of cases) {
      const detail = plan(sql, ...params);
      expect(detail, sql).toMatch(/^SEARCH (tickets|ticket_messages) USING (COVERING )?INDEX idx_/);
      expect(detail, sql).not.toMatch(/SCAN (tickets|ticket_messages)/);
    }
    file.close();
  });
});
