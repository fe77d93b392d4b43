import type Database from 'better-sqlite3';
import type { KeyValueStore } from '../escalation-types.js';
import { StoreDataError } from './rows.js';

/** Namespaced string values for adapters (sync tokens, processed event ids…). */
export class SqliteKeyValueStore implements KeyValueStore {
  private readonly selectOne: Database.Statement<[string, string]>;
  private readonly upsert: Database.Statement<[string, string, string, number]>;
  private readonly deleteOne: Database.Statement<[string, string]>;
  private readonly purgeBefore: Database.Statement<[string, number]>;

  constructor(db: Database.Database) {
    this.selectOne = db.prepare('SELECT value FROM kv WHERE namespace = ? AND key = ?');
    this.upsert = db.prepare(
      `INSERT INTO kv (namespace, key, value, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    );
    this.deleteOne = db.prepare('DELETE FROM kv WHERE namespace = ? AND key = ?');
    this.purgeBefore = db.prepare('DELETE FROM kv WHERE namespace = ? AND updated_at < ?');
  }

  async get(namespace: string, key: string): Promise<string | undefined> {
    const row = this.selectOne.get(namespace, key) as { value: unknown } | undefined;
    if (row === undefined) return undefined;
    if (typeof row.value !== 'string') {
      throw new StoreDataError('kv', `namespace ${JSON.stringify(namespace)}, key ${JSON.stringify(key)}`, 'column "value" is not text');
    }
    return row.value;
  }

  async set(namespace: string, key: string, value: string, now: number): Promise<void> {
    this.upsert.run(namespace, key, value, now);
  }

  async delete(namespace: string, key: string): Promise<void> {
    this.deleteOne.run(namespace, key);
  }

  async purge(namespace: string, before: number): Promise<number> {
    return this.purgeBefore.run(namespace, before).changes;
  }
}
