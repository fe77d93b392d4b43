import type {
  ClaimResult,
  NewTicket,
  NewTicketMessage,
  Ticket,
  TicketAuthor,
  TicketMessage,
  TicketStore,
} from '../escalation-types.js';
import { toFlag } from '../sqlite/rows.js';
import { toTicket, toTicketMessage } from '../sqlite/ticket-rows.js';
import { UnknownTicketError } from '../sqlite/tickets.js';
import type { PgDatabase } from './connection.js';
import { PG_TICKET_SQL as SQL } from './ticket-sql.js';

const FOREIGN_KEY_VIOLATION = '23503';

/** A number BIGINT can hold; anything else names no ticket (SQLite simply finds no row for it). */
function storable(id: number): boolean {
  return Number.isSafeInteger(id);
}

/**
 * Tickets and their messages on PostgreSQL, with the guarantees of SqliteTicketStore:
 * - numbers come from an identity sequence: never reused, even after deletes, purges or restarts
 *   (a rolled-back create may leave a gap);
 * - claim is one conditional UPDATE … WHERE status = 'open' RETURNING: exactly one winner among
 *   concurrent claimers, on any connection of any replica;
 * - create with a first message writes both in one statement (its own transaction);
 * - deleting a ticket deletes its messages (ON DELETE CASCADE).
 */
export class PgTicketStore implements TicketStore {
  constructor(private readonly db: PgDatabase) {}

  private params(t: NewTicket, now: number): unknown[] {
    return [t.trigger, t.scope, t.agent.channel, t.agent.userId, t.agent.conversationId, t.agent.name ?? null, t.question, t.context, now, t.unit ?? null, t.routing ?? null];
  }

  private async maybe(sql: string, params: unknown[]): Promise<Ticket | undefined> {
    const row = await this.db.one(sql, params);
    return row === undefined ? undefined : toTicket(row);
  }

  private async many(sql: string, params: unknown[] = []): Promise<Ticket[]> {
    return (await this.db.rows(sql, params)).map(toTicket);
  }

  async create(t: NewTicket, now: number, firstMessage?: NewTicketMessage): Promise<Ticket> {
    if (firstMessage === undefined) return toTicket(await this.db.one(SQL.insert, this.params(t, now)));
    const { author, authorId, text } = firstMessage;
    return toTicket(await this.db.one(SQL.insertWithMessage, [...this.params(t, now), author, authorId, text]));
  }

  async get(id: number): Promise<Ticket | undefined> {
    return storable(id) ? this.maybe(SQL.get, [id]) : undefined;
  }

  async listByAgent(channel: string, userId: string): Promise<Ticket[]> {
    return this.many(SQL.listByAgent, [channel, userId]);
  }

  /** Without `scopes`, every active ticket; with an empty list, none. */
  async listActive(scopes?: string[]): Promise<Ticket[]> {
    if (scopes === undefined) return this.many(SQL.listActive);
    if (scopes.length === 0) return [];
    return this.many(SQL.listActiveInScopes, [scopes]);
  }

  async claim(id: number, ambassadorId: string, now: number): Promise<ClaimResult> {
    if (!storable(id)) return { ok: false, reason: 'not_found' };
    const won = await this.maybe(SQL.claim, [ambassadorId, now, id]);
    if (won !== undefined) return { ok: true, ticket: won };
    const current = await this.get(id);
    if (current === undefined) return { ok: false, reason: 'not_found' };
    if (current.status === 'closed') return { ok: false, reason: 'closed', ticket: current };
    return { ok: false, reason: 'already_claimed', ticket: current };
  }

  async addMessage(ticketId: number, author: TicketAuthor, authorId: string, text: string, now: number): Promise<TicketMessage> {
    if (!storable(ticketId)) throw new UnknownTicketError(ticketId);
    try {
      return toTicketMessage(await this.db.one(SQL.insertMessage, [ticketId, author, authorId, text, now]));
    } catch (err) {
      if ((err as { code?: string }).code === FOREIGN_KEY_VIOLATION) throw new UnknownTicketError(ticketId);
      throw err;
    }
  }

  async messages(ticketId: number): Promise<TicketMessage[]> {
    return storable(ticketId) ? (await this.db.rows(SQL.messages, [ticketId])).map(toTicketMessage) : [];
  }

  async close(id: number, now: number, proposeFaq: boolean): Promise<Ticket | undefined> {
    return storable(id) ? this.maybe(SQL.close, [now, toFlag(proposeFaq), id]) : undefined;
  }

  /** See SqliteTicketStore.transfer: open and unclaimed in the new scope, reminder clock restarted. */
  async transfer(id: number, scope: string, now: number): Promise<Ticket | undefined> {
    return storable(id) ? this.maybe(SQL.transfer, [scope, now, id]) : undefined;
  }

  async rate(id: number, rating: number): Promise<Ticket | undefined> {
    if (!storable(id) || !Number.isInteger(rating) || rating < 1 || rating > 5) return undefined;
    return this.maybe(SQL.rate, [rating, id]);
  }

  async listUnclaimed(createdBefore: number): Promise<Ticket[]> {
    return this.many(SQL.listUnclaimed, [createdBefore]);
  }

  async markReminded(id: number, now: number, toNational: boolean): Promise<void> {
    if (storable(id)) await this.db.query(SQL.markReminded, [now, toFlag(toNational), id]);
  }

  async recordDeliveryError(id: number, error: string): Promise<void> {
    if (storable(id)) await this.db.query(SQL.recordDeliveryError, [error, id]);
  }

  async deleteByAgent(channel: string, userId: string): Promise<number> {
    return (await this.db.query(SQL.deleteByAgent, [channel, userId])).rowCount ?? 0;
  }

  async purgeClosed(before: number): Promise<number> {
    return (await this.db.query(SQL.purgeClosed, [before])).rowCount ?? 0;
  }

  /** Tickets created in [since, until), oldest first (period reports). */
  async listCreated(since: number, until: number): Promise<Ticket[]> {
    return this.many(SQL.listCreated, [since, until]);
  }
}
