import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { FaqDraftStore } from '../escalation-types.js';
import { parseRow } from './rows.js';

export const draftRowSchema = z.object({
  id: z.number().int(),
  ticket_id: z.number().int(),
  question: z.string(),
  answer: z.string(),
  at: z.number(),
});

type Draft = { ticketId: number; question: string; answer: string; at: number };

/**
 * FAQ proposals from closed tickets, oldest first. Drafts are independent of their ticket: purging or
 * deleting the ticket keeps the draft (its texts are redacted) until DTNUM has reviewed it.
 */
export class SqliteFaqDraftStore implements FaqDraftStore {
  private readonly insert: Database.Statement<[number, string, string, number]>;
  private readonly selectAll: Database.Statement<[]>;

  constructor(db: Database.Database) {
    this.insert = db.prepare('INSERT INTO faq_drafts (ticket_id, question, answer, at) VALUES (?, ?, ?, ?)');
    this.selectAll = db.prepare('SELECT id, ticket_id, question, answer, at FROM faq_drafts ORDER BY at, id');
  }

  async add(d: Draft): Promise<void> {
    this.insert.run(d.ticketId, d.question, d.answer, d.at);
  }

  async list(): Promise<Draft[]> {
    return this.selectAll.all().map((raw) => {
      const row = parseRow(draftRowSchema, raw, 'faq_drafts', `id ${String((raw as { id?: unknown }).id)}`);
      return { ticketId: row.ticket_id, question: row.question, answer: row.answer, at: row.at };
    });
  }
}
