import pg from 'pg';
import type { Logger } from 'pino';

/**
 * The PostgreSQL connection pool behind the stores: a thin wrapper over `pg.Pool` that parses BIGINT
 * (epoch milliseconds, ids, counts) as numbers, holds per-key session locks, refuses work once closed and keeps
 * a dying server from crashing the process (idle-client errors are logged, the next query fails).
 */

/** Every stored number fits in a double: epoch ms, ticket numbers, counts. */
const types = new pg.TypeOverrides();
types.setTypeParser(pg.types.builtins.INT8, (text: string) => Number(text));

export interface PgOptions {
  /** postgres://user[:password]@host[:port]/database */
  url: string;
  /** Largest number of connections the pool opens (default 10). */
  poolMax?: number;
  /** Schema to work in (search_path); created when missing. Tests use one per run. */
  schema?: string;
  /** Connection timeout in ms (default 5000). */
  connectTimeoutMs?: number;
  logger?: Logger;
  /** Names the pool in PostgreSQL's pg_stat_activity (default: the URL's application_name, else charte-ia). */
  applicationName?: string;
}

/** The server cannot be reached or refused the connection at start-up: an operator problem. */
export class StoreConnectionError extends Error {
  constructor(
    readonly target: string,
    detail: string,
  ) {
    super(
      `Cannot connect to PostgreSQL at ${target}: ${detail}. Check that the server runs and accepts connections, ` +
        `and that DATABASE_URL names the right host, port, database and user.`,
    );
    this.name = 'StoreConnectionError';
  }
}

/** The URL without its password, for messages and logs. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    const user = u.username ? `${decodeURIComponent(u.username)}@` : '';
    return `${u.protocol}//${user}${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return '(unreadable DATABASE_URL)';
  }
}

/** `?application_name=` of the URL, which the pool would otherwise override. */
function applicationNameOf(url: string): string | undefined {
  try {
    return new URL(url).searchParams.get('application_name') ?? undefined;
  } catch {
    return undefined;
  }
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** What runs a query: the pool, or one connection of it. */
export interface Queryable {
  query<R extends pg.QueryResultRow = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<pg.QueryResult<R>>;
}

export class PgDatabase {
  readonly pool: pg.Pool;
  /** Connections that hold a per-key session lock while their work runs (see `exclusive`). */
  private readonly lockPool: pg.Pool;
  readonly target: string;
  readonly schema: string | undefined;
  private closed = false;

  constructor(opts: PgOptions) {
    if (opts.schema !== undefined && !SCHEMA_NAME.test(opts.schema)) {
      throw new Error(`PostgreSQL schema name ${JSON.stringify(opts.schema)} must be lower-case letters, digits and _`);
    }
    this.target = describeUrl(opts.url);
    this.schema = opts.schema;
    const config: pg.PoolConfig = {
      connectionString: opts.url,
      max: opts.poolMax ?? 10,
      connectionTimeoutMillis: opts.connectTimeoutMs ?? 5_000,
      idleTimeoutMillis: 30_000,
      application_name: opts.applicationName ?? applicationNameOf(opts.url) ?? 'charte-ia',
      types,
      ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
    };
    this.pool = new pg.Pool(config);
    // Waiting for a lock connection is waiting for another turn of the same conversation to end.
    this.lockPool = new pg.Pool({ ...config, connectionTimeoutMillis: 30_000 });
    // An idle connection dropped by the server emits here; without a listener the process would crash.
    for (const pool of [this.pool, this.lockPool]) {
      pool.on('error', (err) => opts.logger?.warn({ err: err.message, database: this.target }, 'PostgreSQL connection lost (the pool reconnects on the next query)'));
    }
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  private check(): void {
    if (this.closed) throw new Error(`PostgreSQL store (${this.target}) is not open: it was closed`);
  }

  /** Opens one connection to check the server answers, and creates the schema when one is set. */
  async connect(): Promise<void> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      throw new StoreConnectionError(this.target, (err as Error).message || String((err as { code?: string }).code ?? err));
    }
    try {
      if (this.schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`).catch((err: { code?: string }) => {
        // Two replicas creating it at once: the loser sees a unique violation, the schema exists.
        if (err.code !== '23505' && err.code !== '42P06') throw err;
      });
    } finally {
      client.release();
    }
  }

  async query<R extends pg.QueryResultRow = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<pg.QueryResult<R>> {
    this.check();
    return this.pool.query<R>(sql, params);
  }

  /** Rows of a query. */
  async rows(sql: string, params: unknown[] = []): Promise<unknown[]> {
    return (await this.query(sql, params)).rows;
  }

  /** First row of a query, or undefined. */
  async one(sql: string, params: unknown[] = []): Promise<unknown> {
    return (await this.query(sql, params)).rows[0];
  }

  /**
   * Holds one connection of the pool for `work` (session-level locks live on one connection). When
   * `work` throws, the connection is destroyed rather than returned: a session lock it may still
   * hold dies with it.
   */
  async withClient<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    this.check();
    const client = await this.pool.connect();
    try {
      const result = await work(client);
      client.release();
      return result;
    } catch (err) {
      client.release(err as Error);
      throw err;
    }
  }

  /**
   * Runs `work` holding the session advisory lock (`lockClass`, hash of `key`) on a connection of
   * its own: another process asking for the same key waits until `work` ends. A replica that dies
   * loses its connection, and the server frees the lock with it. Hash collisions only make two
   * unrelated keys wait for each other.
   */
  async exclusive<T>(lockClass: number, key: string, work: () => Promise<T>): Promise<T> {
    this.check();
    const client = await this.lockPool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [lockClass, key]);
    } catch (err) {
      client.release(err as Error);
      throw err;
    }
    try {
      return await work();
    } finally {
      await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [lockClass, key]).then(
        () => client.release(),
        (err: Error) => client.release(err),
      );
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([this.pool.end(), this.lockPool.end()]);
  }
}
