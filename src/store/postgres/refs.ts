import type { ConversationRef } from '../../types.js';
import type { ConversationRefStore } from '../escalation-types.js';
import { refFromRow } from '../sqlite/refs.js';
import type { PgDatabase } from './connection.js';

/** One reference per (channel, user): saving again replaces it (last conversation seen wins). */
export class PgConversationRefStore implements ConversationRefStore {
  constructor(private readonly db: PgDatabase) {}

  async save(ref: ConversationRef & { userId: string }, now: number): Promise<void> {
    const data = ref.data === undefined ? null : JSON.stringify(ref.data);
    await this.db.query(
      `INSERT INTO conversation_refs (channel, user_id, conversation_id, data, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (channel, user_id) DO UPDATE SET
         conversation_id = excluded.conversation_id, data = excluded.data, updated_at = excluded.updated_at`,
      [ref.channel, ref.userId, ref.conversationId, data, now],
    );
  }

  async get(channel: string, userId: string): Promise<ConversationRef | undefined> {
    const raw = await this.db.one('SELECT channel, user_id, conversation_id, data FROM conversation_refs WHERE channel = $1 AND user_id = $2', [channel, userId]);
    return raw === undefined ? undefined : refFromRow(raw, channel, userId);
  }

  async deleteUser(channel: string, userId: string): Promise<number> {
    return (await this.db.query('DELETE FROM conversation_refs WHERE channel = $1 AND user_id = $2', [channel, userId])).rowCount ?? 0;
  }
}
