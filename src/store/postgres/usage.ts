import type { UsageDayCount, UsageEntryCount, UsageLog, UsageRecord } from '../escalation-types.js';
import { parseRow } from '../sqlite/rows.js';
import { checkDay, dayRowSchema, entryRowSchema } from '../sqlite/usage.js';
import type { PgDatabase } from './connection.js';

/** Usage turns (no text, no user id) on PostgreSQL, with the same queries as SqliteUsageLog. */
export class PgUsageLog implements UsageLog {
  constructor(private readonly db: PgDatabase) {}

  async record(r: UsageRecord): Promise<void> {
    const confidence = typeof r.confidence === 'number' && Number.isFinite(r.confidence) ? r.confidence : null;
    await this.db.query('INSERT INTO usage_turns (day, channel, intent, verdict, entry_id, confidence, answered) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      checkDay(r.day, 'day'),
      r.channel,
      r.intent,
      r.verdict ?? null,
      r.entryId ?? null,
      confidence,
      r.answered,
    ]);
  }

  async daily(since: string, until: string): Promise<UsageDayCount[]> {
    const rows = await this.db.rows(
      `SELECT day, channel, intent, verdict, CASE WHEN answered THEN 1 ELSE 0 END AS answered, COUNT(*) AS turns FROM usage_turns
       WHERE day >= $1 AND day <= $2
       GROUP BY day, channel, intent, verdict, answered
       ORDER BY day COLLATE "C", channel COLLATE "C", intent COLLATE "C", verdict COLLATE "C" NULLS FIRST, answered`,
      [checkDay(since, 'since'), checkDay(until, 'until')],
    );
    return rows.map((raw) => {
      const row = parseRow(dayRowSchema, raw, 'usage_turns', `day ${String((raw as { day?: unknown }).day)}`);
      return { day: row.day, channel: row.channel, intent: row.intent, verdict: row.verdict, answered: row.answered === 1, turns: row.turns };
    });
  }

  async byEntry(since: string, until: string): Promise<UsageEntryCount[]> {
    const rows = await this.db.rows(
      `SELECT entry_id, COUNT(*) AS turns, AVG(confidence) AS mean_confidence FROM usage_turns
       WHERE day >= $1 AND day <= $2 AND entry_id IS NOT NULL
       GROUP BY entry_id ORDER BY turns DESC, entry_id COLLATE "C"`,
      [checkDay(since, 'since'), checkDay(until, 'until')],
    );
    return rows.map((raw) => {
      const row = parseRow(entryRowSchema, raw, 'usage_turns', `entry ${String((raw as { entry_id?: unknown }).entry_id)}`);
      return { entryId: row.entry_id, turns: row.turns, meanConfidence: row.mean_confidence };
    });
  }

  async purge(beforeDay: string): Promise<number> {
    return (await this.db.query('DELETE FROM usage_turns WHERE day < $1', [checkDay(beforeDay, 'beforeDay')])).rowCount ?? 0;
  }
}
