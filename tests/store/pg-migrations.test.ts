import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPostgresStores, PG_MIGRATIONS, PgSchemaVersionError, StoreConnectionError, type PgMigration } from '../../src/store/postgres/index.js';
import { pgRaw, postgresUnavailable, TEST_DATABASE_URL, uniqueSchema } from './contract/backends.js';
import { newTicket } from './helpers.js';

const unavailable = await postgresUnavailable();
if (unavailable) console.warn(`SKIPPED: PostgreSQL migration tests: no server at ${TEST_DATABASE_URL} (${unavailable})`);

const NEXT: PgMigration = {
  version: PG_MIGRATIONS.length + 1,
  name: 'test: ticket priority',
  up: `ALTER TABLE tickets ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
       CREATE INDEX idx_tickets_priority ON tickets (priority);`,
};

let schema: string;
beforeEach(() => {
  schema = uniqueSchema();
});
afterEach(async () => {
  if (!unavailable) await pgRaw(TEST_DATABASE_URL, undefined, (c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
});

const open = (migrations?: readonly PgMigration[]) => openPostgresStores({ url: TEST_DATABASE_URL, schema, poolMax: 2, migrations });
const versions = () =>
  pgRaw(TEST_DATABASE_URL, schema, async (c) => (await c.query('SELECT version FROM schema_migrations ORDER BY version')).rows.map((r: { version: number }) => r.version));

describe.skipIf(!!unavailable)('PostgreSQL migrations', () => {
  it('creates the schema and its tables, and opening again changes nothing', async () => {
    const first = await open();
    expect(first.schemaVersion).toBe(PG_MIGRATIONS.length);
    const t = await first.tickets.create(newTicket(), 1);
    await first.close();
    const second = await open();
    expect(second.schemaVersion).toBe(PG_MIGRATIONS.length);
    expect(await second.tickets.get(t.id)).toEqual(t);
    await second.close();
    expect(await versions()).toEqual(PG_MIGRATIONS.map((m) => m.version));
  });

  it('applies a further migration on top of the current schema, keeping its data, once', async () => {
    const stores = await open();
    const t = await stores.tickets.create(newTicket(), 1);
    await stores.close();
    const upgraded = await open([...PG_MIGRATIONS, NEXT]);
    expect(upgraded.schemaVersion).toBe(NEXT.version);
    expect((await upgraded.db.query('SELECT id, priority FROM tickets')).rows).toEqual([{ id: t.id, priority: 0 }]);
    await upgraded.close();
    expect(await versions()).toEqual([...PG_MIGRATIONS.map((m) => m.version), NEXT.version]);
  });

  it('rolls a failing migration back entirely and names it', async () => {
    await (await open()).close();
    const broken: PgMigration = { version: NEXT.version, name: 'broken', up: 'CREATE TABLE half (a INTEGER); INSERT INTO nowhere VALUES (1);' };
    await expect(open([...PG_MIGRATIONS, broken])).rejects.toThrow(
      new RegExp(`migration ${NEXT.version} \\("broken"\\) failed and was rolled back: relation "nowhere" does not exist`),
    );
    expect(await versions()).toEqual(PG_MIGRATIONS.map((m) => m.version));
    const half = await pgRaw(TEST_DATABASE_URL, schema, (c) => c.query("SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'half'"));
    expect(half.rows).toEqual([]);
  });

  it('refuses a schema newer than the code, naming the database and both versions, and changes nothing', async () => {
    await (await open([...PG_MIGRATIONS, NEXT])).close();
    const error = await open().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PgSchemaVersionError);
    expect((error as Error).message).toContain('127.0.0.1');
    expect((error as Error).message).toContain(`schema version ${NEXT.version}`);
    expect((error as Error).message).toContain(`up to ${PG_MIGRATIONS.length}`);
    expect(await versions()).toEqual([...PG_MIGRATIONS.map((m) => m.version), NEXT.version]);
  });

  it('rejects a malformed migration list', async () => {
    const gap: PgMigration = { version: PG_MIGRATIONS.length + 2, name: 'gap', up: 'SELECT 1' };
    await expect(open([...PG_MIGRATIONS, gap])).rejects.toThrow(/expected/);
  });
});

describe('PostgreSQL connection problems', () => {
  it('names the server, not the password, when nothing answers', async () => {
    const error = await openPostgresStores({ url: 'postgres://bot:s3cret@127.0.0.1:1/charte', connectTimeoutMs: 2_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreConnectionError);
    const message = (error as Error).message;
    expect(message).toMatch(/^Cannot connect to PostgreSQL at postgres:\/\/bot@127\.0\.0\.1:1\/charte: .*ECONNREFUSED/);
    expect(message).not.toContain('s3cret');
  });

  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(openPostgresStores({ url: TEST_DATABASE_URL, schema: 'x; DROP TABLE y' })).rejects.toThrow(/schema name/);
  });
});
