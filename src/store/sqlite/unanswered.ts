import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { UnansweredLog } from '../escalation-types.js';
import { parseRow } from './rows.js';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 10_000;

export const unansweredRowSchema = z.object({ id: z.number().int(), question: z.string(), confidence: z.number(), at: z.number() });

/** `limit` of UnansweredLog.list: 100 by default, clamped to 1..10000. */
export function clampLimit(limit: number = DEFAULT_LIMIT): number {
  return Number.isFinite(limit) ? Math.min(MAX_LIMIT, Math.max(1, Math.floor(limit))) : DEFAULT_LIMIT;
}

/** Questions answered with low confidence (redacted), newest first. */
export class SqliteUnansweredLog implements UnansweredLog {
  private readonly insert: Database.Statement<[string, number, number]>;
  private readonly latest: Database.Statement<[number]>;
  private readonly purgeBefore: Database.Statement<[number]>;

  constructor(db: Database.Database) {
    this.insert = db.prepare('INSERT INTO unanswered (question, confidence, at) VALUES (?, ?, ?)');
    this.latest = db.prepare('SELECT id, question, confidence, at FROM unanswered ORDER BY at DESC, id DESC LIMIT ?');
    this.purgeBefore = db.prepare('DELETE FROM unanswered WHERE at < ?');
  }

  async add(question: string, confidence: number, now: number): Promise<void> {
    this.insert.run(question, confidence, now);
  }

  /** Newest first; `limit` defaults to 100 and is clamped to 1..10000. */
  async list(limit?: number): Promise<{ question: string; confidence: number; at: number }[]> {
    return this.latest.all(clampLimit(limit)).map((raw) => {
      const row = parseRow(unansweredRowSchema, raw, 'unanswered', `id ${String((raw as { id?: unknown }).id)}`);
      return { question: row.question, confidence: row.confidence, at: row.at };
    });
  }

  async purge(before: number): Promise<number> {
    return this.purgeBefore.run(before).changes;
  }
}
