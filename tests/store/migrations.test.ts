import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openConnection } from '../../src/store/sqlite/connection.js';
import { MIGRATIONS, openSqliteStores, SchemaVersionError } from '../../src/store/sqlite/index.js';
import { runMigrations, schemaVersion, type Migration } from '../../src/store/sqlite/migrations.js';
import { newTicket, tempDir } from './helpers.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => {
  tmp.cleanup();
});

const NEXT: Migration = {
  version: MIGRATIONS.length + 1,
  name: 'test: ticket priority',
  up: `ALTER TABLE tickets ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
       CREATE INDEX idx_tickets_priority ON tickets (priority);`,
};

function appliedVersions(file: string): number[] {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map((r) => r.version);
  } finally {
    db.close();
  }
}

describe('opening and migrating', () => {
  it('creates the parent directory and the schema, and opening again changes nothing', async () => {
    const file = tmp.file('nested/deeper/charte-ia.db');
    const first = openSqliteStores(file);
    expect(first.schemaVersion).toBe(MIGRATIONS.length);
    const t = await first.tickets.create(newTicket(), 1);
    await first.close();
    expect(existsSync(file)).toBe(true);

    const second = openSqliteStores(file);
    expect(second.schemaVersion).toBe(MIGRATIONS.length);
    expect(await second.tickets.get(t.id)).toEqual(t);
    await second.close();
    expect(appliedVersions(file)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('applies the file pragmas: WAL, NORMAL sync, foreign keys, busy timeout', () => {
    const db = openConnection(tmp.file('p.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
    const full = openConnection(tmp.file('p.db'), { synchronous: 'FULL' });
    expect(full.pragma('synchronous', { simple: true })).toBe(2);
    full.close();
    const memory = openConnection(':memory:');
    expect(memory.pragma('journal_mode', { simple: true })).toBe('memory');
    expect(memory.pragma('foreign_keys', { simple: true })).toBe(1);
    memory.close();
  });

  it('upgrades a v1 database to the current schema, keeping its data', async () => {
    const file = tmp.file('v1.db');
    const v1 = openConnection(file);
    expect(runMigrations(v1, file, MIGRATIONS.slice(0, 1))).toMatchObject({ from: 0, to: 1 });
    v1.prepare(
      `INSERT INTO tickets (status, trigger_kind, scope, agent_channel, agent_user_id, agent_conversation_id, question, context, created_at)
       VALUES ('open', 'explicit', 'dgpn', 'teams', 'u1', 'c1', 'Question de la v1', '', 5)`,
    ).run();
    v1.close();

    const stores = openSqliteStores(file);
    expect(stores.schemaVersion).toBe(MIGRATIONS.length);
    expect(await stores.tickets.get(1)).toMatchObject({ question: 'Question de la v1', status: 'open', createdAt: 5 });
    expect((await stores.tickets.claim(1, 'amb', 6)).ok).toBe(true);
    await stores.close();
    const db = new Database(file, { readonly: true });
    const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tickets' AND sql IS NOT NULL ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    db.close();
    expect(indexes).toEqual(['idx_tickets_agent', 'idx_tickets_created', 'idx_tickets_status_closed', 'idx_tickets_status_created']);
    expect(appliedVersions(file)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('applies a further migration on top of the current schema, keeping its data', async () => {
    const file = tmp.file('up.db');
    const stores = openSqliteStores(file);
    const t = await stores.tickets.create(newTicket(), 1);
    await stores.close();

    const db = openConnection(file);
    const report = runMigrations(db, file, [...MIGRATIONS, NEXT]);
    expect(report).toEqual({ from: MIGRATIONS.length, to: NEXT.version, applied: [`${NEXT.version} ${NEXT.name}`] });
    expect(db.prepare('SELECT id, priority FROM tickets').all()).toEqual([{ id: t.id, priority: 0 }]);
    expect(runMigrations(db, file, [...MIGRATIONS, NEXT]).applied).toEqual([]);
    db.close();
  });

  it('rolls a failing migration back entirely and names it', () => {
    const file = tmp.file('fail.db');
    const db = openConnection(file);
    const broken: Migration = { version: NEXT.version, name: 'broken', up: 'CREATE TABLE half (a INTEGER); INSERT INTO nowhere VALUES (1);' };
    expect(() => runMigrations(db, file, [...MIGRATIONS, broken])).toThrow(
      new RegExp(`migration ${NEXT.version} \\("broken"\\) failed and was rolled back: no such table: nowhere`),
    );
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    db.close();
  });

  it('rejects a malformed migration list', () => {
    const db = openConnection(':memory:');
    const gap: Migration = { version: MIGRATIONS.length + 2, name: 'gap', up: 'SELECT 1' };
    expect(() => runMigrations(db, ':memory:', [...MIGRATIONS, gap])).toThrow(/expected/);
    db.close();
  });
});

describe('refusing newer databases', () => {
  it('refuses a database whose schema is newer than the code, naming the file and both versions', async () => {
    const file = tmp.file('future.db');
    const db = openConnection(file);
    runMigrations(db, file, [...MIGRATIONS, NEXT]);
    db.close();

    let error: unknown;
    try {
      openSqliteStores(file);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(SchemaVersionError);
    const message = (error as Error).message;
    expect(message).toContain(file);
    expect(message).toContain(`schema version ${NEXT.version}`);
    expect(message).toContain(`up to ${MIGRATIONS.length}`);
    // The refusal changed nothing in the file.
    expect(appliedVersions(file)).toEqual([...MIGRATIONS.map((m) => m.version), NEXT.version]);
  });
});
