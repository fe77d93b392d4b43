import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { UsageDayCount, UsageEntryCount, UsageLog, UsageRecord } from '../escalation-types.js';
import { parseRow, toFlag } from './rows.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Row shapes shared with the PostgreSQL usage log (src/store/postgres/usage.ts). */

export const dayRowSchema = z.object({
  day: z.string().regex(DAY),
  channel: z.string(),
  intent: z.string(),
  verdict: z.string().nullable(),
  answered: z.union([z.literal(0), z.literal(1)]),
  turns: z.number().int().positive(),
});

export const entryRowSchema = z.object({
  entry_id: z.string(),
  turns: z.number().int().positive(),
  mean_confidence: z.number().nullable(),
});

export function checkDay(day: string, what: string): string {
  if (!DAY.test(day)) throw new RangeError(`usage log: ${what} must be a YYYY-MM-DD day, got ${JSON.stringify(day)}`);
  return day;
}

/** Usage turns (no text, no user id), counted per day for the report. */
export class SqliteUsageLog implements UsageLog {
  private readonly insert: Database.Statement<[string, string, string, string | null, string | null, number | null, number]>;
  private readonly perDay: Database.Statement<[string, string]>;
  private readonly perEntry: Database.Statement<[string, string]>;
  private readonly purgeBefore: Database.Statement<[string]>;

  constructor(db: Database.Database) {
    this.insert = db.prepare(
      'INSERT INTO usage_turns (day, channel, intent, verdict, entry_id, confidence, answered) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.perDay = db.prepare(
      `SELECT day, channel, intent, verdict, answered, COUNT(*) AS turns FROM usage_turns
       WHERE day >= ? AND day <= ?
       GROUP BY day, channel, intent, verdict, answered
       ORDER BY day, channel, intent, verdict, answered`,
    );
    this.perEntry = db.prepare(
      `SELECT entry_id, COUNT(*) AS turns, AVG(confidence) AS mean_confidence FROM usage_turns
       WHERE day >= ? AND day <= ? AND entry_id IS NOT NULL
       GROUP BY entry_id ORDER BY turns DESC, entry_id`,
    );
    this.purgeBefore = db.prepare('DELETE FROM usage_turns WHERE day < ?');
  }

  async record(r: UsageRecord): Promise<void> {
    const confidence = typeof r.confidence === 'number' && Number.isFinite(r.confidence) ? r.confidence : null;
    this.insert.run(checkDay(r.day, 'day'), r.channel, r.intent, r.verdict ?? null, r.entryId ?? null, confidence, toFlag(r.answered));
  }

  async daily(since: string, until: string): Promise<UsageDayCount[]> {
    return this.perDay.all(checkDay(since, 'since'), checkDay(until, 'until')).map((raw) => {
      const row = parseRow(dayRowSchema, raw, 'usage_turns', `day ${String((raw as { day?: unknown }).day)}`);
      return { day: row.day, channel: row.channel, intent: row.intent, verdict: row.verdict, answered: row.answered === 1, turns: row.turns };
    });
  }

  async byEntry(since: string, until: string): Promise<UsageEntryCount[]> {
    return this.perEntry.all(checkDay(since, 'since'), checkDay(until, 'until')).map((raw) => {
      const row = parseRow(entryRowSchema, raw, 'usage_turns', `entry ${String((raw as { entry_id?: unknown }).entry_id)}`);
      return { entryId: row.entry_id, turns: row.turns, meanConfidence: row.mean_confidence };
    });
  }

  async purge(beforeDay: string): Promise<number> {
    return this.purgeBefore.run(checkDay(beforeDay, 'beforeDay')).changes;
  }
}
