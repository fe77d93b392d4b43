import type { KeyValueStore } from '../escalation-types.js';
import { StoreDataError } from '../sqlite/rows.js';
import type { PgDatabase } from './connection.js';

/** Namespaced string values for adapters (sync tokens, processed event ids…). */
export class PgKeyValueStore implements KeyValueStore {
  constructor(private readonly db: PgDatabase) {}

  async get(namespace: string, key: string): Promise<string | undefined> {
    const row = (await this.db.one('SELECT value FROM kv WHERE namespace = $1 AND key = $2', [namespace, key])) as { value: unknown } | undefined;
    if (row === undefined) return undefined;
    if (typeof row.value !== 'string') {
      throw new StoreDataError('kv', `namespace ${JSON.stringify(namespace)}, key ${JSON.stringify(key)}`, 'column "value" is not text');
    }
    return row.value;
  }

  async set(namespace: string, key: string, value: string, now: number): Promise<void> {
    await this.db.query(
      `INSERT INTO kv (namespace, key, value, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      [namespace, key, value, now],
    );
  }

  async delete(namespace: string, key: string): Promise<void> {
    await this.db.query('DELETE FROM kv WHERE namespace = $1 AND key = $2', [namespace, key]);
  }

  async purge(namespace: string, before: number): Promise<number> {
    return (await this.db.query('DELETE FROM kv WHERE namespace = $1 AND updated_at < $2', [namespace, before])).rowCount ?? 0;
  }
}
