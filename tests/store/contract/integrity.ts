import { describe, expect, it } from 'vitest';
import { StoreDataError } from '../../../src/store/sqlite/index.js';
import { newTicket } from '../helpers.js';
import type { StoreBackend } from './backends.js';
import { freshStores } from './fresh.js';

/** Rows tampered with by hand are reported (table, row, column), and the schema itself refuses bad states. */
export function describeIntegrity(backend: StoreBackend): void {
  const t = freshStores(backend);

  describe('corrupted rows', () => {
    it('names the table, the row and the column for broken JSON', async () => {
      await t.stores.conversations.set('teams:c1', { lastQuestion: 'Q', updatedAt: 1 });
      await t.stores.refs.save({ channel: 'teams', userId: 'u1', conversationId: 'c1', data: { a: 1 } }, 1);
      await t.db.exec(`UPDATE conversation_state SET json = '{"lastQuestion": ' WHERE key = 'teams:c1';
                       UPDATE conversation_refs SET data = '[1, 2]' WHERE user_id = 'u1';`);
      const stateError = await t.stores.conversations.get('teams:c1').catch((e: unknown) => e);
      expect(stateError).toBeInstanceOf(StoreDataError);
      expect((stateError as Error).message).toMatch(/table "conversation_state" \(key "teams:c1"\): column "json" is not valid JSON/);
      await expect(t.stores.refs.get('teams', 'u1')).rejects.toThrow(/table "conversation_refs" \(channel "teams", user "u1"\): column "data"/);
    });

    it('names the table and ticket number for a ticket with an unknown trigger', async () => {
      const ticket = await t.stores.tickets.create(newTicket(), 1);
      await t.stores.tickets.create(newTicket(), 2);
      await t.db.exec(`UPDATE tickets SET trigger_kind = 'bogus' WHERE id = ${ticket.id}`);
      await expect(t.stores.tickets.get(ticket.id)).rejects.toThrow(new RegExp(`table "tickets" \\(id ${ticket.id}\\): trigger_kind: Invalid enum value`));
      await expect(t.stores.tickets.listActive()).rejects.toBeInstanceOf(StoreDataError);
    });

    it('validates well-formed JSON against the expected shape', async () => {
      await t.stores.conversations.set('k', { updatedAt: 1 });
      await t.db.exec(`UPDATE conversation_state SET json = '{"dialog": {"id": 3, "data": {}}}'`);
      await expect(t.stores.conversations.get('k')).rejects.toThrow(/column "json": dialog\.id: Expected string/);
    });
  });

  describe('schema guarantees', () => {
    it('enforces column types and ticket state consistency in the database itself', async () => {
      const ticket = await t.stores.tickets.create(newTicket(), 1);
      await expect(t.db.exec(`UPDATE tickets SET status = 'claimed' WHERE id = ${ticket.id}`)).rejects.toThrow(/check constraint/i);
      await expect(t.db.exec(`UPDATE tickets SET created_at = 'hier' WHERE id = ${ticket.id}`)).rejects.toThrow(
        /cannot store TEXT value in INTEGER column|invalid input syntax for type bigint/,
      );
      await expect(t.db.exec(`UPDATE tickets SET escalated_to_national = 2 WHERE id = ${ticket.id}`)).rejects.toThrow(/check constraint/i);
      expect(await t.stores.tickets.get(ticket.id)).toEqual(ticket);
    });
  });
}
