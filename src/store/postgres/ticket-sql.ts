/** The SQL behind PgTicketStore (PostgreSQL dialect of src/store/sqlite/ticket-rows.ts TICKET_SQL). */
export const PG_TICKET_SQL = {
  insert: `INSERT INTO tickets (status, trigger_kind, scope, agent_channel, agent_user_id, agent_conversation_id,
             agent_name, question, context, created_at, escalated_to_national, propose_faq, unit, routing)
           VALUES ('open', $1, $2, $3, $4, $5, $6, $7, $8, $9, 0, 0, $10, $11)
           RETURNING *`,
  /** The ticket and its first message in one statement: one round trip, both rows or neither. */
  insertWithMessage: `WITH t AS (
               INSERT INTO tickets (status, trigger_kind, scope, agent_channel, agent_user_id, agent_conversation_id,
                 agent_name, question, context, created_at, escalated_to_national, propose_faq, unit, routing)
               VALUES ('open', $1, $2, $3, $4, $5, $6, $7, $8, $9, 0, 0, $10, $11)
               RETURNING *),
             m AS (INSERT INTO ticket_messages (ticket_id, author, author_id, text, at) SELECT id, $12, $13, $14, $9 FROM t)
           SELECT * FROM t`,
  get: 'SELECT * FROM tickets WHERE id = $1',
  listByAgent: `SELECT * FROM tickets WHERE agent_channel = $1 AND agent_user_id = $2
                ORDER BY created_at DESC, id DESC`,
  listActive: `SELECT * FROM tickets WHERE status IN ('open', 'claimed') ORDER BY created_at, id`,
  listCreated: 'SELECT * FROM tickets WHERE created_at >= $1 AND created_at < $2 ORDER BY created_at, id',
  listActiveInScopes: `SELECT * FROM tickets WHERE status IN ('open', 'claimed') AND scope = ANY($1::text[])
                       ORDER BY created_at, id`,
  /** One conditional UPDATE: under READ COMMITTED, concurrent claimers queue on the row lock and re-check status. */
  claim: `UPDATE tickets SET status = 'claimed', claimed_by = $1, claimed_at = $2
          WHERE id = $3 AND status = 'open' RETURNING *`,
  close: `UPDATE tickets SET status = 'closed', closed_at = $1, propose_faq = $2
          WHERE id = $3 AND status IN ('open', 'claimed') RETURNING *`,
  transfer: `UPDATE tickets SET scope = $1, status = 'open', claimed_by = NULL, claimed_at = NULL,
               reminded_at = $2, escalated_to_national = 0, routing = CASE routing WHEN 'fallback' THEN 'direct' ELSE routing END
             WHERE id = $3 AND status IN ('open', 'claimed') RETURNING *`,
  rate: `UPDATE tickets SET rating = $1 WHERE id = $2 AND status = 'closed' RETURNING *`,
  listUnclaimed: `SELECT * FROM tickets WHERE status = 'open' AND created_at < $1 ORDER BY created_at, id`,
  markReminded: `UPDATE tickets SET reminded_at = $1, escalated_to_national = GREATEST(escalated_to_national, $2::smallint) WHERE id = $3`,
  recordDeliveryError: 'UPDATE tickets SET delivery_error = $1 WHERE id = $2',
  deleteByAgent: 'DELETE FROM tickets WHERE agent_channel = $1 AND agent_user_id = $2',
  purgeClosed: `DELETE FROM tickets WHERE status = 'closed' AND closed_at < $1`,
  insertMessage: `INSERT INTO ticket_messages (ticket_id, author, author_id, text, at) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
  messages: 'SELECT * FROM ticket_messages WHERE ticket_id = $1 ORDER BY id',
} as const;
