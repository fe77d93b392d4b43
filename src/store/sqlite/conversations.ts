import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { ConversationState, ConversationStore } from '../types.js';
import { parseJsonColumn } from './rows.js';

/** Known fields are checked; unknown ones are kept so that newer dialog fields survive a round trip. */
/** Shared with the PostgreSQL store (same JSON document). */
export const conversationStateSchema = z
  .object({
    dialog: z.object({ id: z.string(), data: z.record(z.unknown()) }).passthrough().optional(),
    privacyNoticeShown: z.boolean().optional(),
    lastQuestion: z.string().optional(),
    lastEntryId: z.string().optional(),
    lastAnswer: z.string().optional(),
    pendingAttach: z.string().optional(),
    updatedAt: z.number().optional(),
  })
  .passthrough();

/** Dialog state per conversation, one JSON document per key. */
export class SqliteConversationStore implements ConversationStore {
  private readonly selectOne: Database.Statement<[string]>;
  private readonly upsert: Database.Statement<[string, string, number]>;
  private readonly deleteOne: Database.Statement<[string]>;
  private readonly purgeBefore: Database.Statement<[number]>;

  constructor(db: Database.Database) {
    this.selectOne = db.prepare('SELECT json FROM conversation_state WHERE key = ?');
    this.upsert = db.prepare(
      `INSERT INTO conversation_state (key, json, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at`,
    );
    this.deleteOne = db.prepare('DELETE FROM conversation_state WHERE key = ?');
    this.purgeBefore = db.prepare('DELETE FROM conversation_state WHERE updated_at < ?');
  }

  async get(key: string): Promise<ConversationState | undefined> {
    const row = this.selectOne.get(key) as { json: unknown } | undefined;
    if (row === undefined) return undefined;
    return parseJsonColumn(conversationStateSchema, row.json, 'conversation_state', `key ${JSON.stringify(key)}`, 'json') as ConversationState;
  }

  /** `updated_at` is the state's `updatedAt` when set, the current time otherwise. */
  async set(key: string, state: ConversationState): Promise<void> {
    const updatedAt = state.updatedAt ?? Date.now();
    this.upsert.run(key, JSON.stringify(state), Math.round(updatedAt));
  }

  async delete(key: string): Promise<void> {
    this.deleteOne.run(key);
  }

  /**
   * Retention: deletes conversation states last updated before `before`; returns how many.
   * Not in ConversationStore (yet): reachable through SqliteStores.conversations.
   */
  async purge(before: number): Promise<number> {
    return this.purgeBefore.run(before).changes;
  }
}
