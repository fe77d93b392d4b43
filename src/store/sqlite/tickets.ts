import Database from 'better-sqlite3';
import type {
  ClaimResult,
  NewTicket,
  NewTicketMessage,
  Ticket,
  TicketAuthor,
  TicketMessage,
  TicketStore,
} from '../escalation-types.js';
import { toFlag } from './rows.js';
import { TICKET_SQL, toTicket, toTicketMessage } from './ticket-rows.js';

/** addMessage on a ticket number that does not exist (never created, or deleted). */
export class UnknownTicketError extends Error {
  constructor(readonly ticketId: number) {
    super(`Ticket ${ticketId} does not exist`);
    this.name = 'UnknownTicketError';
  }
}

function isForeignKeyViolation(err: unknown): boolean {
  return err instanceof Database.SqliteError && err.code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

type Statements = { [K in keyof typeof TICKET_SQL]: Database.Statement };

/**
 * Tickets and their messages. Guarantees:
 * - ticket numbers come from AUTOINCREMENT: never reused, even after deletes, purges or restarts;
 * - claim is one conditional UPDATE: exactly one concurrent claimer wins, across connections and processes;
 * - deleting a ticket deletes its messages (ON DELETE CASCADE);
 * - every write is committed before its promise resolves.
 */
export class SqliteTicketStore implements TicketStore {
  private readonly sql: Statements;
  private readonly createWithMessage: (t: NewTicket, now: number, first: NewTicketMessage) => Ticket;

  constructor(db: Database.Database) {
    const entries = Object.entries(TICKET_SQL).map(([name, text]) => [name, db.prepare(text)]);
    this.sql = Object.fromEntries(entries) as Statements;
    const inTransaction = db.transaction((t: NewTicket, now: number, first: NewTicketMessage): Ticket => {
      const ticket = this.insertTicket(t, now);
      this.sql.insertMessage.run(ticket.id, first.author, first.authorId, first.text, now);
      return ticket;
    });
    // IMMEDIATE: take the write lock up front so concurrent writers queue on busy_timeout.
    this.createWithMessage = (t, now, first) => inTransaction.immediate(t, now, first);
  }

  private insertTicket(t: NewTicket, now: number): Ticket {
    return toTicket(
      this.sql.insert.get({
        trigger: t.trigger,
        scope: t.scope,
        channel: t.agent.channel,
        userId: t.agent.userId,
        conversationId: t.agent.conversationId,
        name: t.agent.name ?? null,
        question: t.question,
        context: t.context,
        unit: t.unit ?? null,
        routing: t.routing ?? null,
        now,
      }),
    );
  }

  private one(row: unknown): Ticket | undefined {
    return row === undefined ? undefined : toTicket(row);
  }

  async create(t: NewTicket, now: number, firstMessage?: NewTicketMessage): Promise<Ticket> {
    return firstMessage === undefined ? this.insertTicket(t, now) : this.createWithMessage(t, now, firstMessage);
  }

  async get(id: number): Promise<Ticket | undefined> {
    return this.one(this.sql.get.get(id));
  }

  async listByAgent(channel: string, userId: string): Promise<Ticket[]> {
    return this.sql.listByAgent.all(channel, userId).map(toTicket);
  }

  /** Without `scopes`, every active ticket; with an empty list, none. */
  async listActive(scopes?: string[]): Promise<Ticket[]> {
    if (scopes === undefined) return this.sql.listActive.all().map(toTicket);
    if (scopes.length === 0) return [];
    return this.sql.listActiveInScopes.all(JSON.stringify(scopes)).map(toTicket);
  }

  async claim(id: number, ambassadorId: string, now: number): Promise<ClaimResult> {
    const won = this.sql.claim.get(ambassadorId, now, id);
    if (won !== undefined) return { ok: true, ticket: toTicket(won) };
    const current = this.one(this.sql.get.get(id));
    if (current === undefined) return { ok: false, reason: 'not_found' };
    if (current.status === 'closed') return { ok: false, reason: 'closed', ticket: current };
    // Claimed by someone else (or, rarely, transferred back to open by another connection since): lost.
    return { ok: false, reason: 'already_claimed', ticket: current };
  }

  async addMessage(ticketId: number, author: TicketAuthor, authorId: string, text: string, now: number): Promise<TicketMessage> {
    try {
      return toTicketMessage(this.sql.insertMessage.get(ticketId, author, authorId, text, now));
    } catch (err) {
      if (isForeignKeyViolation(err)) throw new UnknownTicketError(ticketId);
      throw err;
    }
  }

  async messages(ticketId: number): Promise<TicketMessage[]> {
    return this.sql.messages.all(ticketId).map(toTicketMessage);
  }

  async close(id: number, now: number, proposeFaq: boolean): Promise<Ticket | undefined> {
    return this.one(this.sql.close.get(now, toFlag(proposeFaq), id));
  }

  /**
   * Active tickets only. The ticket becomes open and unclaimed in the new scope; `remindedAt` is set to
   * `now` so the reminder clock restarts from the transfer, and the national hand-over flag is cleared
   * so the new scope gets its full chance before any hand-over.
   */
  async transfer(id: number, scope: string, now: number): Promise<Ticket | undefined> {
    return this.one(this.sql.transfer.get(scope, now, id));
  }

  /** Integer 1..5 on a closed ticket (a new rating replaces the previous one); undefined otherwise. */
  async rate(id: number, rating: number): Promise<Ticket | undefined> {
    if (!Number.isInteger(rating) || rating < 1 || rating > 5) return undefined;
    return this.one(this.sql.rate.get(rating, id));
  }

  async listUnclaimed(createdBefore: number): Promise<Ticket[]> {
    return this.sql.listUnclaimed.all(createdBefore).map(toTicket);
  }

  /** Sets `remindedAt`; `toNational` sets the hand-over flag (never clears it). */
  async markReminded(id: number, now: number, toNational: boolean): Promise<void> {
    this.sql.markReminded.run(now, toFlag(toNational), id);
  }

  async recordDeliveryError(id: number, error: string): Promise<void> {
    this.sql.recordDeliveryError.run(error, id);
  }

  async deleteByAgent(channel: string, userId: string): Promise<number> {
    return this.sql.deleteByAgent.run(channel, userId).changes;
  }

  async purgeClosed(before: number): Promise<number> {
    return this.sql.purgeClosed.run(before).changes;
  }

  async listCreated(since: number, until: number): Promise<Ticket[]> {
    return this.sql.listCreated.all(since, until).map(toTicket);
  }
}
