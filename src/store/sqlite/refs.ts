import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { ConversationRef } from '../../types.js';
import type { ConversationRefStore } from '../escalation-types.js';
import { parseJsonColumn, parseRow } from './rows.js';

const refRowSchema = z.object({
  channel: z.string(),
  user_id: z.string(),
  conversation_id: z.string(),
  data: z.string().nullable(),
});
const refDataSchema = z.record(z.unknown());

/** A `conversation_refs` row as a ConversationRef (shared with the PostgreSQL store). */
export function refFromRow(raw: unknown, channel: string, userId: string): ConversationRef {
  const label = `channel ${JSON.stringify(channel)}, user ${JSON.stringify(userId)}`;
  const row = parseRow(refRowSchema, raw, 'conversation_refs', label);
  const ref: ConversationRef = { channel: row.channel, conversationId: row.conversation_id, userId: row.user_id };
  if (row.data !== null) ref.data = parseJsonColumn(refDataSchema, row.data, 'conversation_refs', label, 'data');
  return ref;
}

/** One reference per (channel, user): saving again replaces it (last conversation seen wins). */
export class SqliteConversationRefStore implements ConversationRefStore {
  private readonly upsert: Database.Statement<[string, string, string, string | null, number]>;
  private readonly selectOne: Database.Statement<[string, string]>;
  private readonly deleteOne: Database.Statement<[string, string]>;

  constructor(db: Database.Database) {
    this.upsert = db.prepare(
      `INSERT INTO conversation_refs (channel, user_id, conversation_id, data, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (channel, user_id) DO UPDATE SET
         conversation_id = excluded.conversation_id, data = excluded.data, updated_at = excluded.updated_at`,
    );
    this.selectOne = db.prepare('SELECT channel, user_id, conversation_id, data FROM conversation_refs WHERE channel = ? AND user_id = ?');
    this.deleteOne = db.prepare('DELETE FROM conversation_refs WHERE channel = ? AND user_id = ?');
  }

  async save(ref: ConversationRef & { userId: string }, now: number): Promise<void> {
    const data = ref.data === undefined ? null : JSON.stringify(ref.data);
    this.upsert.run(ref.channel, ref.userId, ref.conversationId, data, now);
  }

  async get(channel: string, userId: string): Promise<ConversationRef | undefined> {
    const raw = this.selectOne.get(channel, userId);
    return raw === undefined ? undefined : refFromRow(raw, channel, userId);
  }

  async deleteUser(channel: string, userId: string): Promise<number> {
    return this.deleteOne.run(channel, userId).changes;
  }
}
