import type { FeedbackRecord, FeedbackStore } from '../escalation-types.js';
import { summaryRowSchema } from '../sqlite/feedback.js';
import { parseRow } from '../sqlite/rows.js';
import type { PgDatabase } from './connection.js';

/** Thumbs up/down per subject; each record keeps who gave it so a user's feedback can be erased. */
export class PgFeedbackStore implements FeedbackStore {
  constructor(private readonly db: PgDatabase) {}

  async add(f: FeedbackRecord): Promise<void> {
    await this.db.query('INSERT INTO feedback (channel, user_id, subject, value, at) VALUES ($1, $2, $3, $4, $5)', [f.channel, f.userId, f.subject, f.value, f.at]);
  }

  /** One line per subject, in byte order like SQLite (COLLATE "C"), whatever the database's locale. */
  async summary(): Promise<{ subject: string; up: number; down: number }[]> {
    const rows = await this.db.rows(
      `SELECT subject, COUNT(*) FILTER (WHERE value = 'up')::int AS up, COUNT(*) FILTER (WHERE value = 'down')::int AS down
       FROM feedback GROUP BY subject ORDER BY subject COLLATE "C"`,
    );
    return rows.map((row) => parseRow(summaryRowSchema, row, 'feedback', `subject ${JSON.stringify((row as { subject?: unknown }).subject)}`));
  }

  async deleteUser(channel: string, userId: string): Promise<number> {
    return (await this.db.query('DELETE FROM feedback WHERE channel = $1 AND user_id = $2', [channel, userId])).rowCount ?? 0;
  }
}
