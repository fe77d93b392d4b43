import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStores } from '../../src/store/sqlite/index.js';
import { TICKET_SQL } from '../../src/store/sqlite/ticket-rows.js';
import { tempDir } from './helpers.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => {
  tmp.cleanup();
});

describe('SQLite schema', () => {
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
