import { describe, expect, it } from 'vitest';
import { UnknownTicketError } from '../../../src/store/sqlite/index.js';
import { newTicket } from '../helpers.js';
import type { StoreBackend } from './backends.js';
import { freshStores } from './fresh.js';

/** TicketStore: numbering, lists, life cycle (claim, close, transfer, rate, reminders), messages, deletion. */
export function describeTicketStore(backend: StoreBackend): void {
  const ctx = freshStores(backend);

  describe('tickets: create, get, list', () => {
    it('creates open tickets with increasing numbers and reads them back exactly', async () => {
      const a = await ctx.stores.tickets.create(newTicket({ context: 'Réponse précédente : non autorisé.' }), 1000);
      const b = await ctx.stores.tickets.create(newTicket({ trigger: 'tool_case', scope: 'dggn' }), 2000);
      expect(b.id).toBeGreaterThan(a.id);
      expect(a).toEqual({
        id: a.id,
        status: 'open',
        trigger: 'explicit',
        scope: 'dgpn',
        agent: { channel: 'teams', userId: 'agent-1', conversationId: 'conv-agent-1', name: 'Agent Un' },
        question: a.question,
        context: 'Réponse précédente : non autorisé.',
        createdAt: 1000,
        escalatedToNational: false,
        proposeFaq: false,
      });
      expect(await ctx.stores.tickets.get(a.id)).toEqual(a);
      expect(await ctx.stores.tickets.get(b.id)).toMatchObject({ trigger: 'tool_case', scope: 'dggn' });
      expect(await ctx.stores.tickets.get(9999)).toBeUndefined();
    });

    it('omits the agent name when none is given', async () => {
      const t = newTicket();
      delete t.agent.name;
      const created = await ctx.stores.tickets.create(t, 1);
      expect('name' in created.agent).toBe(false);
    });

    it('lists an agent’s tickets newest first, only theirs, per channel', async () => {
      const first = await ctx.stores.tickets.create(newTicket({ userId: 'u1' }), 100);
      const second = await ctx.stores.tickets.create(newTicket({ userId: 'u1' }), 300);
      await ctx.stores.tickets.create(newTicket({ userId: 'u2' }), 200);
      await ctx.stores.tickets.create(newTicket({ userId: 'u1', channel: 'matrix' }), 400);
      const list = await ctx.stores.tickets.listByAgent('teams', 'u1');
      expect(list.map((t) => t.id)).toEqual([second.id, first.id]);
      expect(await ctx.stores.tickets.listByAgent('teams', 'nobody')).toEqual([]);
    });

    it('lists active tickets oldest first, optionally by scope', async () => {
      const late = await ctx.stores.tickets.create(newTicket({ scope: 'dgpn' }), 500);
      const early = await ctx.stores.tickets.create(newTicket({ scope: 'dggn' }), 100);
      const claimed = await ctx.stores.tickets.create(newTicket({ scope: 'sg' }), 300);
      const closed = await ctx.stores.tickets.create(newTicket({ scope: 'dgpn' }), 200);
      await ctx.stores.tickets.claim(claimed.id, 'amb-1', 600);
      await ctx.stores.tickets.close(closed.id, 700, false);
      expect((await ctx.stores.tickets.listActive()).map((t) => t.id)).toEqual([early.id, claimed.id, late.id]);
      expect((await ctx.stores.tickets.listActive(['dgpn', 'sg'])).map((t) => t.id)).toEqual([claimed.id, late.id]);
      expect(await ctx.stores.tickets.listActive([])).toEqual([]);
      expect(await ctx.stores.tickets.listActive(['inconnu'])).toEqual([]);
    });

    it('lists unclaimed tickets created before a time, oldest first', async () => {
      const old = await ctx.stores.tickets.create(newTicket(), 100);
      const older = await ctx.stores.tickets.create(newTicket(), 50);
      const claimed = await ctx.stores.tickets.create(newTicket(), 60);
      await ctx.stores.tickets.create(newTicket(), 1000);
      await ctx.stores.tickets.claim(claimed.id, 'amb', 70);
      expect((await ctx.stores.tickets.listUnclaimed(500)).map((t) => t.id)).toEqual([older.id, old.id]);
      expect(await ctx.stores.tickets.listUnclaimed(50)).toEqual([]);
    });
  });

  describe('tickets: life cycle', () => {
    it('claims an open ticket once; later claimers learn who has it', async () => {
      const t = await ctx.stores.tickets.create(newTicket(), 1);
      const won = await ctx.stores.tickets.claim(t.id, 'amb-1', 10);
      expect(won).toEqual({ ok: true, ticket: expect.objectContaining({ status: 'claimed', claimedBy: 'amb-1', claimedAt: 10 }) });
      const lost = await ctx.stores.tickets.claim(t.id, 'amb-2', 11);
      expect(lost).toMatchObject({ ok: false, reason: 'already_claimed', ticket: { claimedBy: 'amb-1' } });
      expect(await ctx.stores.tickets.claim(424242, 'amb-2', 12)).toEqual({ ok: false, reason: 'not_found' });
      await ctx.stores.tickets.close(t.id, 20, false);
      expect(await ctx.stores.tickets.claim(t.id, 'amb-2', 21)).toMatchObject({ ok: false, reason: 'closed', ticket: { status: 'closed' } });
    });

    it('closes open or claimed tickets only once', async () => {
      const open = await ctx.stores.tickets.create(newTicket(), 1);
      const claimed = await ctx.stores.tickets.create(newTicket(), 2);
      await ctx.stores.tickets.claim(claimed.id, 'amb', 3);
      expect(await ctx.stores.tickets.close(open.id, 10, true)).toMatchObject({ status: 'closed', closedAt: 10, proposeFaq: true });
      expect(await ctx.stores.tickets.close(claimed.id, 11, false)).toMatchObject({ status: 'closed', closedAt: 11, proposeFaq: false, claimedBy: 'amb' });
      expect(await ctx.stores.tickets.close(open.id, 12, false)).toBeUndefined();
      expect(await ctx.stores.tickets.get(open.id)).toMatchObject({ closedAt: 10, proposeFaq: true });
      expect(await ctx.stores.tickets.close(999, 12, false)).toBeUndefined();
    });

    it('transfers an active ticket to another scope, unclaimed, with the reminder clock restarted', async () => {
      const t = await ctx.stores.tickets.create(newTicket({ scope: 'dgpn' }), 1);
      await ctx.stores.tickets.claim(t.id, 'amb', 2);
      await ctx.stores.tickets.markReminded(t.id, 3, true);
      const moved = await ctx.stores.tickets.transfer(t.id, 'dgef', 50);
      expect(moved).toMatchObject({ status: 'open', scope: 'dgef', remindedAt: 50, escalatedToNational: false });
      expect(moved?.claimedBy).toBeUndefined();
      expect(moved?.claimedAt).toBeUndefined();
      expect((await ctx.stores.tickets.claim(t.id, 'amb-dgef', 60)).ok).toBe(true);
      await ctx.stores.tickets.close(t.id, 70, false);
      expect(await ctx.stores.tickets.transfer(t.id, 'sg', 80)).toBeUndefined();
      expect(await ctx.stores.tickets.transfer(999, 'sg', 80)).toBeUndefined();
    });

    it('rates closed tickets 1..5 only', async () => {
      const t = await ctx.stores.tickets.create(newTicket(), 1);
      expect(await ctx.stores.tickets.rate(t.id, 4)).toBeUndefined();
      await ctx.stores.tickets.close(t.id, 2, false);
      for (const bad of [0, 6, 2.5, Number.NaN, -1]) expect(await ctx.stores.tickets.rate(t.id, bad)).toBeUndefined();
      expect(await ctx.stores.tickets.rate(t.id, 5)).toMatchObject({ rating: 5 });
      expect(await ctx.stores.tickets.rate(t.id, 1)).toMatchObject({ rating: 1 });
      expect(await ctx.stores.tickets.rate(999, 3)).toBeUndefined();
    });

    it('records reminders, national hand-over (never un-set by a plain reminder) and delivery errors', async () => {
      const t = await ctx.stores.tickets.create(newTicket(), 1);
      await ctx.stores.tickets.markReminded(t.id, 10, false);
      expect(await ctx.stores.tickets.get(t.id)).toMatchObject({ remindedAt: 10, escalatedToNational: false });
      await ctx.stores.tickets.markReminded(t.id, 20, true);
      await ctx.stores.tickets.markReminded(t.id, 30, false);
      expect(await ctx.stores.tickets.get(t.id)).toMatchObject({ remindedAt: 30, escalatedToNational: true });
      await ctx.stores.tickets.recordDeliveryError(t.id, 'teams: 403 Forbidden');
      expect((await ctx.stores.tickets.get(t.id))?.deliveryError).toBe('teams: 403 Forbidden');
    });
  });

  describe('tickets: messages and deletion', () => {
    it('keeps messages in order and refuses messages for unknown tickets', async () => {
      const t = await ctx.stores.tickets.create(newTicket(), 1);
      const m1 = await ctx.stores.tickets.addMessage(t.id, 'agent', 'agent-1', 'Bonjour', 2);
      const m2 = await ctx.stores.tickets.addMessage(t.id, 'ambassador', 'amb-1', 'Voici la réponse.', 3);
      expect(m1).toEqual({ id: m1.id, ticketId: t.id, author: 'agent', authorId: 'agent-1', text: 'Bonjour', at: 2 });
      expect((await ctx.stores.tickets.messages(t.id)).map((m) => m.id)).toEqual([m1.id, m2.id]);
      expect(await ctx.stores.tickets.messages(999)).toEqual([]);
      await expect(ctx.stores.tickets.addMessage(999, 'agent', 'x', 'perdu', 4)).rejects.toBeInstanceOf(UnknownTicketError);
    });

    it('creates a ticket with its first message in one go', async () => {
      const t = await ctx.stores.tickets.create(newTicket(), 5, { author: 'agent', authorId: 'agent-1', text: 'Question initiale' });
      expect(await ctx.stores.tickets.messages(t.id)).toEqual([
        expect.objectContaining({ ticketId: t.id, author: 'agent', authorId: 'agent-1', text: 'Question initiale', at: 5 }),
      ]);
    });

    it('rolls back the ticket when its first message cannot be stored', async () => {
      const before = await ctx.stores.tickets.listActive();
      const bad = { author: 'robot' as never, authorId: 'x', text: 'y' };
      await expect(ctx.stores.tickets.create(newTicket(), 5, bad)).rejects.toThrow(/check constraint/i);
      expect(await ctx.stores.tickets.listActive()).toEqual(before);
    });

    it('deletes an agent’s tickets with their messages and counts them', async () => {
      const a = await ctx.stores.tickets.create(newTicket({ userId: 'u1' }), 1);
      await ctx.stores.tickets.create(newTicket({ userId: 'u1' }), 2);
      const other = await ctx.stores.tickets.create(newTicket({ userId: 'u2' }), 3);
      await ctx.stores.tickets.addMessage(a.id, 'agent', 'u1', 'message', 4);
      await ctx.stores.tickets.addMessage(other.id, 'agent', 'u2', 'autre', 4);
      expect(await ctx.stores.tickets.deleteByAgent('teams', 'u1')).toBe(2);
      expect(await ctx.stores.tickets.deleteByAgent('teams', 'u1')).toBe(0);
      expect(await ctx.stores.tickets.get(a.id)).toBeUndefined();
      expect(await ctx.stores.tickets.messages(a.id)).toEqual([]);
      expect(await ctx.stores.tickets.messages(other.id)).toHaveLength(1);
    });

    it('purges tickets closed before a time, never open ones, and never reuses their numbers', async () => {
      const oldClosed = await ctx.stores.tickets.create(newTicket(), 1);
      const recentClosed = await ctx.stores.tickets.create(newTicket(), 2);
      const open = await ctx.stores.tickets.create(newTicket(), 3);
      await ctx.stores.tickets.addMessage(oldClosed.id, 'system', 'bot', 'clos', 4);
      await ctx.stores.tickets.close(oldClosed.id, 100, false);
      await ctx.stores.tickets.close(recentClosed.id, 900, false);
      expect(await ctx.stores.tickets.purgeClosed(500)).toBe(1);
      expect(await ctx.stores.tickets.get(oldClosed.id)).toBeUndefined();
      expect(await ctx.stores.tickets.messages(oldClosed.id)).toEqual([]);
      expect(await ctx.stores.tickets.get(recentClosed.id)).toBeDefined();
      expect(await ctx.stores.tickets.get(open.id)).toBeDefined();
      await ctx.stores.tickets.deleteByAgent('teams', 'agent-1');
      const next = await ctx.stores.tickets.create(newTicket(), 5);
      expect(next.id).toBe(open.id + 1);
    });
  });
}
