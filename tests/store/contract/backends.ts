import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Stores } from '../../../src/store/escalation-types.js';
import { MIGRATIONS, openSqliteStores } from '../../../src/store/sqlite/index.js';
import { openPostgresStores, PG_MIGRATIONS } from '../../../src/store/postgres/index.js';
import { tempDir } from '../helpers.js';

/**
 * The engines the store contract suite runs against. A backend makes fresh, isolated databases: a
 * temporary SQLite file, or a PostgreSQL schema of its own (t_<random>, dropped afterwards) so that
 * parallel test files, runs and helpers never see each other's rows.
 */

/** How a child process reaches the same database (JSON on its command line). */
export type StoreSpec = { engine: 'sqlite'; path: string } | { engine: 'postgres'; url: string; schema: string };

export interface TestDatabase {
  spec: StoreSpec;
  /** Opens stores on this database; may be called several times (restart, several connections). */
  open(): Promise<Stores>;
  /** Runs raw SQL (several statements allowed) through a separate connection, as a careless manual edit would. */
  exec(sql: string): Promise<void>;
  /** Rows of one raw query. */
  rows(sql: string): Promise<Record<string, unknown>[]>;
  /** SQLite only: the write-ahead log file. */
  walFile?: string;
  dispose(): Promise<void>;
}

export interface StoreBackend {
  engine: 'sqlite' | 'postgres';
  /** Versions a fully migrated database lists in schema_migrations. */
  versions: number[];
  /**
   * Time between two tickets in the multi-process claim race: more than one claim takes, or the
   * racers drift apart and the fastest wins every ticket without a race (a network round trip on PostgreSQL).
   */
  raceSlotMs: number;
  create(): Promise<TestDatabase>;
}

export async function openSpec(spec: StoreSpec): Promise<Stores> {
  return spec.engine === 'sqlite' ? openSqliteStores(spec.path) : openPostgresStores({ url: spec.url, schema: spec.schema, poolMax: 4 });
}

export const sqliteBackend: StoreBackend = {
  engine: 'sqlite',
  versions: MIGRATIONS.map((m) => m.version),
  raceSlotMs: 3,
  async create() {
    const tmp = tempDir();
    const path = tmp.file('contract.db');
    const raw = <T>(work: (db: Database.Database) => T): T => {
      const db = new Database(path);
      try {
        return work(db);
      } finally {
        db.close();
      }
    };
    return {
      spec: { engine: 'sqlite', path },
      walFile: `${path}-wal`,
      open: async () => openSqliteStores(path),
      exec: async (sql) => raw((db) => void db.exec(sql)),
      rows: async (sql) => raw((db) => db.prepare(sql).all() as Record<string, unknown>[]),
      dispose: async () => tmp.cleanup(),
    };
  },
};

/** The test server: TEST_DATABASE_URL, else the one this machine starts before every run. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Undefined when the server answers, else why not (for the SKIPPED line). */
export async function postgresUnavailable(url: string = TEST_DATABASE_URL): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (err) {
    return (err as Error).message || String(err);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function uniqueSchema(prefix = 't'): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

/** Runs SQL on a fresh connection whose search_path is `schema`. */
export async function pgRaw<T>(url: string, schema: string | undefined, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function postgresBackend(url: string = TEST_DATABASE_URL, poolMax = 4): StoreBackend {
  return {
    engine: 'postgres',
    versions: PG_MIGRATIONS.map((m) => m.version),
    raceSlotMs: 25,
    async create() {
      const schema = uniqueSchema();
      return {
        spec: { engine: 'postgres', url, schema },
        open: () => openPostgresStores({ url, schema, poolMax }),
        exec: (sql) => pgRaw(url, schema, async (c) => void (await c.query(sql))),
        rows: (sql) => pgRaw(url, schema, async (c) => (await c.query(sql)).rows as Record<string, unknown>[]),
        dispose: () => pgRaw(url, undefined, async (c) => void (await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`))),
      };
    },
  };
}
