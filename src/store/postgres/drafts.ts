import type { FaqDraftStore } from '../escalation-types.js';
import { draftRowSchema } from '../sqlite/drafts.js';
import { parseRow } from '../sqlite/rows.js';
import type { PgDatabase } from './connection.js';

type Draft = { ticketId: number; question: string; answer: string; at: number };

/** FAQ proposals from closed tickets, oldest first; independent of their ticket (see SqliteFaqDraftStore). */
export class PgFaqDraftStore implements FaqDraftStore {
  constructor(private readonly db: PgDatabase) {}

  async add(d: Draft): Promise<void> {
    await this.db.query('INSERT INTO faq_drafts (ticket_id, question, answer, at) VALUES ($1, $2, $3, $4)', [d.ticketId, d.question, d.answer, d.at]);
  }

  async list(): Promise<Draft[]> {
    const rows = await this.db.rows('SELECT id, ticket_id, question, answer, at FROM faq_drafts ORDER BY at, id');
    return rows.map((raw) => {
      const row = parseRow(draftRowSchema, raw, 'faq_drafts', `id ${String((raw as { id?: unknown }).id)}`);
      return { ticketId: row.ticket_id, question: row.question, answer: row.answer, at: row.at };
    });
  }
}
