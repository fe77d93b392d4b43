import { z } from 'zod';
import type { Ticket, TicketAuthor, TicketMessage, TicketRouting, TicketStatus, TicketTrigger } from '../escalation-types.js';
import { parseRow } from './rows.js';

/** Compile-time check that a runtime list covers a union exactly. */
type Covers<Union, List extends readonly unknown[]> = [Union] extends [List[number]] ? ([List[number]] extends [Union] ? true : false) : false;

const STATUSES = ['open', 'claimed', 'closed'] as const;
const TRIGGERS = ['explicit', 'low_confidence', 'contested', 'tool_case', 'out_of_scope'] as const;
const AUTHORS = ['agent', 'ambassador', 'system'] as const;
const ROUTINGS = ['direct', 'fallback', 'unknown'] as const;
const coverage: [
  Covers<TicketStatus, typeof STATUSES>,
  Covers<TicketTrigger, typeof TRIGGERS>,
  Covers<TicketAuthor, typeof AUTHORS>,
  Covers<TicketRouting, typeof ROUTINGS>,
] = [true, true, true, true];
void coverage;

const flag = z.union([z.literal(0), z.literal(1)]);
const optionalText = z.string().nullable();
const optionalTime = z.number().nullable();

const ticketRowSchema = z.object({
  id: z.number().int().positive(),
  status: z.enum(STATUSES),
  trigger_kind: z.enum(TRIGGERS),
  scope: z.string(),
  agent_channel: z.string(),
  agent_user_id: z.string(),
  agent_conversation_id: z.string(),
  agent_name: optionalText,
  question: z.string(),
  context: z.string(),
  claimed_by: optionalText,
  created_at: z.number(),
  claimed_at: optionalTime,
  closed_at: optionalTime,
  reminded_at: optionalTime,
  escalated_to_national: flag,
  rating: z.number().int().min(1).max(5).nullable(),
  propose_faq: flag,
  delivery_error: optionalText,
  unit: optionalText,
  routing: z.enum(ROUTINGS).nullable(),
});

const messageRowSchema = z.object({
  id: z.number().int().positive(),
  ticket_id: z.number().int().positive(),
  author: z.enum(AUTHORS),
  author_id: z.string(),
  text: z.string(),
  at: z.number(),
});

function rowLabel(row: unknown): string {
  const id = (row as { id?: unknown } | undefined)?.id;
  return `id ${String(id)}`;
}

/** Turns a `tickets` row into a Ticket; absent optional fields are left out, not undefined-valued. */
export function toTicket(raw: unknown): Ticket {
  const row = parseRow(ticketRowSchema, raw, 'tickets', rowLabel(raw));
  const ticket: Ticket = {
    id: row.id,
    status: row.status,
    trigger: row.trigger_kind,
    scope: row.scope,
    agent: {
      channel: row.agent_channel,
      userId: row.agent_user_id,
      conversationId: row.agent_conversation_id,
      ...(row.agent_name !== null ? { name: row.agent_name } : {}),
    },
    question: row.question,
    context: row.context,
    createdAt: row.created_at,
    escalatedToNational: row.escalated_to_national === 1,
    proposeFaq: row.propose_faq === 1,
  };
  if (row.claimed_by !== null) ticket.claimedBy = row.claimed_by;
  if (row.claimed_at !== null) ticket.claimedAt = row.claimed_at;
  if (row.closed_at !== null) ticket.closedAt = row.closed_at;
  if (row.reminded_at !== null) ticket.remindedAt = row.reminded_at;
  if (row.rating !== null) ticket.rating = row.rating;
  if (row.delivery_error !== null) ticket.deliveryError = row.delivery_error;
  if (row.unit !== null) ticket.unit = row.unit;
  if (row.routing !== null) ticket.routing = row.routing;
  return ticket;
}

export function toTicketMessage(raw: unknown): TicketMessage {
  const row = parseRow(messageRowSchema, raw, 'ticket_messages', rowLabel(raw));
  return { id: row.id, ticketId: row.ticket_id, author: row.author, authorId: row.author_id, text: row.text, at: row.at };
}

/** The SQL behind TicketStore, exported so tests can check the query plans use the indexes. */
export const TICKET_SQL = {
  insert: `INSERT INTO tickets (status, trigger_kind, scope, agent_channel, agent_user_id, agent_conversation_id,
             agent_name, question, context, created_at, escalated_to_national, propose_faq, unit, routing)
           VALUES ('open', @trigger, @scope, @channel, @userId, @conversationId, @name, @question, @context, @now, 0, 0, @unit, @routing)
           RETURNING *`,
  get: 'SELECT * FROM tickets WHERE id = ?',
  listByAgent: `SELECT * FROM tickets WHERE agent_channel = ? AND agent_user_id = ?
                ORDER BY created_at DESC, id DESC`,
  listActive: `SELECT * FROM tickets WHERE status IN ('open', 'claimed') ORDER BY created_at, id`,
  listActiveInScopes: `SELECT * FROM tickets
                       WHERE status IN ('open', 'claimed') AND scope IN (SELECT value FROM json_each(?))
                       ORDER BY created_at, id`,
  claim: `UPDATE tickets SET status = 'claimed', claimed_by = ?, claimed_at = ?
          WHERE id = ? AND status = 'open' RETURNING *`,
  close: `UPDATE tickets SET status = 'closed', closed_at = ?, propose_faq = ?
          WHERE id = ? AND status IN ('open', 'claimed') RETURNING *`,
  transfer: `UPDATE tickets SET scope = ?, status = 'open', claimed_by = NULL, claimed_at = NULL,
               reminded_at = ?, escalated_to_national = 0, routing = CASE routing WHEN 'fallback' THEN 'direct' ELSE routing END
             WHERE id = ? AND status IN ('open', 'claimed') RETURNING *`,
  rate: `UPDATE tickets SET rating = ? WHERE id = ? AND status = 'closed' RETURNING *`,
  listUnclaimed: `SELECT * FROM tickets WHERE status = 'open' AND created_at < ? ORDER BY created_at, id`,
  markReminded: `UPDATE tickets SET reminded_at = ?, escalated_to_national = MAX(escalated_to_national, ?) WHERE id = ?`,
  recordDeliveryError: 'UPDATE tickets SET delivery_error = ? WHERE id = ?',
  deleteByAgent: 'DELETE FROM tickets WHERE agent_channel = ? AND agent_user_id = ?',
  purgeClosed: `DELETE FROM tickets WHERE status = 'closed' AND closed_at < ?`,
  listCreated: 'SELECT * FROM tickets WHERE created_at >= ? AND created_at < ? ORDER BY created_at, id',
  insertMessage: `INSERT INTO ticket_messages (ticket_id, author, author_id, text, at) VALUES (?, ?, ?, ?, ?) RETURNING *`,
  messages: 'SELECT * FROM ticket_messages WHERE ticket_id = ? ORDER BY id',
} as const;
