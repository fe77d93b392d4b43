import type { UnansweredLog } from '../escalation-types.js';
import { clampLimit, unansweredRowSchema } from '../sqlite/unanswered.js';
import { parseRow } from '../sqlite/rows.js';
import type { PgDatabase } from './connection.js';

/** Questions answered with low confidence (redacted), newest first. */
export class PgUnansweredLog implements UnansweredLog {
  constructor(private readonly db: PgDatabase) {}

  async add(question: string, confidence: number, now: number): Promise<void> {
    await this.db.query('INSERT INTO unanswered (question, confidence, at) VALUES ($1, $2, $3)', [question, confidence, now]);
  }

  /** Newest first; `limit` defaults to 100 and is clamped to 1..10000. */
  async list(limit?: number): Promise<{ question: string; confidence: number; at: number }[]> {
    const rows = await this.db.rows('SELECT id, question, confidence, at FROM unanswered ORDER BY at DESC, id DESC LIMIT $1', [clampLimit(limit)]);
    return rows.map((raw) => {
      const row = parseRow(unansweredRowSchema, raw, 'unanswered', `id ${String((raw as { id?: unknown }).id)}`);
      return { question: row.question, confidence: row.confidence, at: row.at };
    });
  }

  async purge(before: number): Promise<number> {
    return (await this.db.query('DELETE FROM unanswered WHERE at < $1', [before])).rowCount ?? 0;
  }
}
