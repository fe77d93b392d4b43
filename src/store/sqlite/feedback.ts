import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { FeedbackRecord, FeedbackStore } from '../escalation-types.js';
import { parseRow } from './rows.js';

export const summaryRowSchema = z.object({
  subject: z.string(),
  up: z.number().int().nonnegative(),
  down: z.number().int().nonnegative(),
});

/** Thumbs up/down per subject; each record keeps who gave it so a user's feedback can be erased. */
export class SqliteFeedbackStore implements FeedbackStore {
  private readonly insert: Database.Statement<[string, string, string, string, number]>;
  private readonly summarise: Database.Statement<[]>;
  private readonly deleteForUser: Database.Statement<[string, string]>;

  constructor(db: Database.Database) {
    this.insert = db.prepare('INSERT INTO feedback (channel, user_id, subject, value, at) VALUES (?, ?, ?, ?, ?)');
    this.summarise = db.prepare(
      `SELECT subject, SUM(value = 'up') AS up, SUM(value = 'down') AS down
       FROM feedback GROUP BY subject ORDER BY subject`,
    );
    this.deleteForUser = db.prepare('DELETE FROM feedback WHERE channel = ? AND user_id = ?');
  }

  async add(f: FeedbackRecord): Promise<void> {
    this.insert.run(f.channel, f.userId, f.subject, f.value, f.at);
  }

  /** One line per subject, alphabetical. */
  async summary(): Promise<{ subject: string; up: number; down: number }[]> {
    return this.summarise.all().map((row) => parseRow(summaryRowSchema, row, 'feedback', `subject ${JSON.stringify((row as { subject?: unknown }).subject)}`));
  }

  async deleteUser(channel: string, userId: string): Promise<number> {
    return this.deleteForUser.run(channel, userId).changes;
  }
}
