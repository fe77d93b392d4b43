import type { Logger } from 'pino';
import type { AppConfig } from '../config.js';
import type { Stores } from './escalation-types.js';
import { openPostgresStores } from './postgres/index.js';
import { openSqliteStores } from './sqlite/index.js';

export type StoreSettings = Pick<AppConfig, 'DATABASE_PATH' | 'DATABASE_URL' | 'DATABASE_POOL_MAX' | 'DATABASE_SCHEMA'>;

export interface OpenStoresOptions {
  logger?: Logger;
  /** A SQLite file (or ":memory:") that wins over the configuration: `--database`, one-shot commands, tests. */
  databasePath?: string;
}

/** Which engine a configuration selects, for logs and `config check`. */
export function storeEngine(config: StoreSettings, opts: OpenStoresOptions = {}): 'postgres' | 'sqlite' {
  return opts.databasePath === undefined && config.DATABASE_URL !== undefined ? 'postgres' : 'sqlite';
}

/**
 * Opens the stores the configuration selects: PostgreSQL when DATABASE_URL is set (shared by every
 * replica), otherwise the embedded SQLite file at DATABASE_PATH. Both run their pending migrations.
 * Throws StoreConnectionError when the PostgreSQL server cannot be reached.
 */
export async function openStores(config: StoreSettings, opts: OpenStoresOptions = {}): Promise<Stores> {
  if (storeEngine(config, opts) === 'postgres') {
    return openPostgresStores({ url: config.DATABASE_URL!, poolMax: config.DATABASE_POOL_MAX, schema: config.DATABASE_SCHEMA, logger: opts.logger });
  }
  return openSqliteStores(opts.databasePath ?? config.DATABASE_PATH, { logger: opts.logger });
}
