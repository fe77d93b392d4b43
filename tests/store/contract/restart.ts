import { describe, expect, it } from 'vitest';
import { newTicket } from '../helpers.js';
import type { StoreBackend } from './backends.js';
import { freshDatabase } from './fresh.js';

/** Closing and opening the same database again finds everything and keeps numbering. */
export function describeRestart(backend: StoreBackend): void {
  const t = freshDatabase(backend);

  describe('restart on the same database', () => {
    it('finds everything again and keeps claiming, messaging and numbering correctly', async () => {
      const first = await t.db.open();
      const open = await first.tickets.create(newTicket({ userId: 'u1' }), 10, { author: 'agent', authorId: 'u1', text: 'Première question' });
      const claimed = await first.tickets.create(newTicket({ userId: 'u2', scope: 'dggn' }), 20);
      const closed = await first.tickets.create(newTicket({ userId: 'u3' }), 30);
      await first.tickets.claim(claimed.id, 'amb-1', 40);
      await first.tickets.addMessage(claimed.id, 'ambassador', 'amb-1', 'Je regarde.', 41);
      await first.tickets.close(closed.id, 50, true);
      await first.tickets.rate(closed.id, 4);
      await first.conversations.set('teams:c1', { lastQuestion: 'Puis-je ?', updatedAt: 60 });
      await first.refs.save({ channel: 'teams', userId: 'u1', conversationId: 'c1', data: { tenant: 't' } }, 60);
      await first.feedback.add({ channel: 'teams', userId: 'u1', subject: 'principe-2', value: 'up', at: 60 });
      await first.unanswered.add('Question floue', 0.2, 60);
      await first.drafts.add({ ticketId: closed.id, question: 'Q', answer: 'R', at: 60 });
      await first.kv.set('matrix', 'since', 'token-1', 60);
      const before = {
        tickets: await Promise.all([open.id, claimed.id, closed.id].map((id) => first.tickets.get(id))),
        messages: await Promise.all([open.id, claimed.id].map((id) => first.tickets.messages(id))),
      };
      await first.close();

      const second = await t.db.open();
      try {
        expect(await Promise.all([open.id, claimed.id, closed.id].map((id) => second.tickets.get(id)))).toEqual(before.tickets);
        expect(await Promise.all([open.id, claimed.id].map((id) => second.tickets.messages(id)))).toEqual(before.messages);
        expect(await second.conversations.get('teams:c1')).toEqual({ lastQuestion: 'Puis-je ?', updatedAt: 60 });
        expect(await second.refs.get('teams', 'u1')).toEqual({ channel: 'teams', userId: 'u1', conversationId: 'c1', data: { tenant: 't' } });
        expect(await second.feedback.summary()).toEqual([{ subject: 'principe-2', up: 1, down: 0 }]);
        expect(await second.unanswered.list()).toEqual([{ question: 'Question floue', confidence: 0.2, at: 60 }]);
        expect(await second.drafts.list()).toEqual([{ ticketId: closed.id, question: 'Q', answer: 'R', at: 60 }]);
        expect(await second.kv.get('matrix', 'since')).toBe('token-1');

        expect(await second.tickets.claim(claimed.id, 'amb-2', 70)).toMatchObject({ ok: false, reason: 'already_claimed' });
        expect(await second.tickets.claim(open.id, 'amb-2', 70)).toMatchObject({ ok: true, ticket: { claimedBy: 'amb-2' } });
        await second.tickets.addMessage(open.id, 'ambassador', 'amb-2', 'Réponse', 71);
        expect((await second.tickets.messages(open.id)).map((m) => m.text)).toEqual(['Première question', 'Réponse']);

        // Numbers are never reused, even when the newest tickets were deleted before the restart.
        await second.tickets.deleteByAgent('teams', 'u3');
        await second.close();
        const third = await t.db.open();
        expect((await third.tickets.create(newTicket(), 80)).id).toBe(closed.id + 1);
        await third.close();
      } finally {
        await second.close();
      }
    });
  });
}
