import type { ConversationState, ConversationStore } from '../types.js';
import { conversationStateSchema } from '../sqlite/conversations.js';
import { parseJsonColumn } from '../sqlite/rows.js';
import type { PgDatabase } from './connection.js';
import { ADVISORY_CLASS } from './migrations.js';

/** Second key of the conversation locks (the first is ADVISORY_CLASS + 1). */
const CONVERSATION_LOCKS = ADVISORY_CLASS + 1;

/**
 * Dialog state per conversation, one JSON document per key (text, validated on read like SQLite).
 * `exclusive` serialises the turns of one conversation across replicas with an advisory lock.
 */
export class PgConversationStore implements ConversationStore {
  constructor(private readonly db: PgDatabase) {}

  /** The lock is per schema and key, so two deployments sharing a server do not wait for each other. */
  exclusive<T>(key: string, work: () => Promise<T>): Promise<T> {
    return this.db.exclusive(CONVERSATION_LOCKS, `${this.db.schema ?? ''}:${key}`, work);
  }

  async get(key: string): Promise<ConversationState | undefined> {
    const row = (await this.db.one('SELECT json FROM conversation_state WHERE key = $1', [key])) as { json: unknown } | undefined;
    if (row === undefined) return undefined;
    return parseJsonColumn(conversationStateSchema, row.json, 'conversation_state', `key ${JSON.stringify(key)}`, 'json') as ConversationState;
  }

  /** `updated_at` is the state's `updatedAt` when set, the current time otherwise. */
  async set(key: string, state: ConversationState): Promise<void> {
    const updatedAt = Math.round(state.updatedAt ?? Date.now());
    await this.db.query(
      `INSERT INTO conversation_state (key, json, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (key) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at`,
      [key, JSON.stringify(state), updatedAt],
    );
  }

  async delete(key: string): Promise<void> {
    await this.db.query('DELETE FROM conversation_state WHERE key = $1', [key]);
  }

  async purge(before: number): Promise<number> {
    return (await this.db.query('DELETE FROM conversation_state WHERE updated_at < $1', [before])).rowCount ?? 0;
  }
}
