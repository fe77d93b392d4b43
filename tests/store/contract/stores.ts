import { describe, expect, it } from 'vitest';
import { conversationKey, type ConversationState } from '../../../src/store/types.js';
import type { StoreBackend } from './backends.js';
import { freshStores } from './fresh.js';

/** Conversations, references, feedback, unanswered questions, FAQ drafts, key-value space, close. */
export function describeSmallStores(backend: StoreBackend): void {
  const ctx = freshStores(backend);

  describe('ConversationStore', () => {
    it('round-trips state, replaces it, deletes it', async () => {
      const key = conversationKey('teams', 'conv-1');
      const state: ConversationState = {
        dialog: { id: 'tool-check', data: { step: 2, tool: 'Mirai', nested: { ok: true } } },
        privacyNoticeShown: true,
        lastQuestion: 'Puis-je utiliser Mirai ?',
        updatedAt: 1000,
      };
      expect(await ctx.stores.conversations.get(key)).toBeUndefined();
      await ctx.stores.conversations.set(key, state);
      expect(await ctx.stores.conversations.get(key)).toEqual(state);
      await ctx.stores.conversations.set(key, { lastEntryId: 'principe-1', updatedAt: 2000 });
      expect(await ctx.stores.conversations.get(key)).toEqual({ lastEntryId: 'principe-1', updatedAt: 2000 });
      await ctx.stores.conversations.delete(key);
      expect(await ctx.stores.conversations.get(key)).toBeUndefined();
    });

    it('keeps fields it does not know (newer dialogs) and purges by updatedAt', async () => {
      const state = { updatedAt: 10, futureField: ['a'] } as ConversationState;
      await ctx.stores.conversations.set('teams:old', state);
      await ctx.stores.conversations.set('teams:new', { updatedAt: 5000 });
      expect(await ctx.stores.conversations.get('teams:old')).toEqual(state);
      expect(await ctx.stores.conversations.purge!(1000)).toBe(1);
      expect(await ctx.stores.conversations.get('teams:old')).toBeUndefined();
      expect(await ctx.stores.conversations.get('teams:new')).toBeDefined();
    });
  });

  describe('ConversationRefStore', () => {
    it('upserts one reference per channel and user, deletes with a count', async () => {
      expect(await ctx.stores.refs.get('teams', 'u1')).toBeUndefined();
      await ctx.stores.refs.save({ channel: 'teams', userId: 'u1', conversationId: 'c1', data: { serviceUrl: 'https://x' } }, 1);
      await ctx.stores.refs.save({ channel: 'matrix', userId: 'u1', conversationId: '!room:tchap' }, 1);
      expect(await ctx.stores.refs.get('teams', 'u1')).toEqual({ channel: 'teams', userId: 'u1', conversationId: 'c1', data: { serviceUrl: 'https://x' } });
      await ctx.stores.refs.save({ channel: 'teams', userId: 'u1', conversationId: 'c2' }, 2);
      expect(await ctx.stores.refs.get('teams', 'u1')).toEqual({ channel: 'teams', userId: 'u1', conversationId: 'c2' });
      expect(await ctx.stores.refs.deleteUser('teams', 'u1')).toBe(1);
      expect(await ctx.stores.refs.deleteUser('teams', 'u1')).toBe(0);
      expect(await ctx.stores.refs.get('matrix', 'u1')).toMatchObject({ conversationId: '!room:tchap' });
    });
  });

  describe('FeedbackStore', () => {
    it('summarises per subject and deletes one user’s feedback', async () => {
      await ctx.stores.feedback.add({ channel: 'teams', userId: 'u1', subject: 'principe-1', value: 'up', at: 1 });
      await ctx.stores.feedback.add({ channel: 'teams', userId: 'u2', subject: 'principe-1', value: 'up', at: 2 });
      await ctx.stores.feedback.add({ channel: 'teams', userId: 'u1', subject: 'principe-1', value: 'down', at: 3 });
      await ctx.stores.feedback.add({ channel: 'matrix', userId: 'u1', subject: 'ticket:4', value: 'down', at: 4 });
      expect(await ctx.stores.feedback.summary()).toEqual([
        { subject: 'principe-1', up: 2, down: 1 },
        { subject: 'ticket:4', up: 0, down: 1 },
      ]);
      expect(await ctx.stores.feedback.deleteUser('teams', 'u1')).toBe(2);
      expect(await ctx.stores.feedback.summary()).toEqual([
        { subject: 'principe-1', up: 1, down: 0 },
        { subject: 'ticket:4', up: 0, down: 1 },
      ]);
    });

    it('refuses a value other than up or down', async () => {
      await expect(ctx.stores.feedback.add({ channel: 't', userId: 'u', subject: 's', value: 'meh' as 'up', at: 1 })).rejects.toThrow(/check constraint/i);
    });
  });

  describe('UnansweredLog', () => {
    it('lists newest first with a limit and purges old entries', async () => {
      await ctx.stores.unanswered.add('Question A', 0.2, 100);
      await ctx.stores.unanswered.add('Question B', 0.35, 300);
      await ctx.stores.unanswered.add('Question C', 0.1, 200);
      expect(await ctx.stores.unanswered.list()).toEqual([
        { question: 'Question B', confidence: 0.35, at: 300 },
        { question: 'Question C', confidence: 0.1, at: 200 },
        { question: 'Question A', confidence: 0.2, at: 100 },
      ]);
      expect((await ctx.stores.unanswered.list(1)).map((e) => e.question)).toEqual(['Question B']);
      expect(await ctx.stores.unanswered.list(0)).toHaveLength(1);
      expect(await ctx.stores.unanswered.purge(250)).toBe(2);
      expect((await ctx.stores.unanswered.list()).map((e) => e.question)).toEqual(['Question B']);
    });
  });

  describe('FaqDraftStore', () => {
    it('lists drafts oldest first and keeps them when their ticket is deleted', async () => {
      const t = await ctx.stores.tickets.create(
        { trigger: 'explicit', scope: 'dgpn', agent: { channel: 'teams', userId: 'u1', conversationId: 'c' }, question: 'Q', context: '' },
        1,
      );
      await ctx.stores.drafts.add({ ticketId: t.id, question: 'Q2', answer: 'R2', at: 20 });
      await ctx.stores.drafts.add({ ticketId: t.id, question: 'Q1', answer: 'R1', at: 10 });
      await ctx.stores.tickets.deleteByAgent('teams', 'u1');
      expect(await ctx.stores.drafts.list()).toEqual([
        { ticketId: t.id, question: 'Q1', answer: 'R1', at: 10 },
        { ticketId: t.id, question: 'Q2', answer: 'R2', at: 20 },
      ]);
    });
  });

  describe('KeyValueStore', () => {
    it('gets, overwrites, deletes and purges per namespace', async () => {
      expect(await ctx.stores.kv.get('matrix', 'since')).toBeUndefined();
      await ctx.stores.kv.set('matrix', 'since', 's1', 10);
      await ctx.stores.kv.set('matrix', 'since', 's2', 20);
      expect(await ctx.stores.kv.get('matrix', 'since')).toBe('s2');
      await ctx.stores.kv.set('matrix-events', '$e1', '1', 5);
      await ctx.stores.kv.set('matrix-events', '$e2', '1', 50);
      await ctx.stores.kv.set('other', '$e1', '1', 5);
      expect(await ctx.stores.kv.purge('matrix-events', 30)).toBe(1);
      expect(await ctx.stores.kv.get('matrix-events', '$e1')).toBeUndefined();
      expect(await ctx.stores.kv.get('matrix-events', '$e2')).toBe('1');
      expect(await ctx.stores.kv.get('other', '$e1')).toBe('1');
      await ctx.stores.kv.delete('matrix', 'since');
      expect(await ctx.stores.kv.get('matrix', 'since')).toBeUndefined();
    });
  });

  describe('close', () => {
    it('is idempotent and later calls fail instead of silently succeeding', async () => {
      await ctx.stores.close();
      await ctx.stores.close();
      await expect(ctx.stores.kv.get('a', 'b')).rejects.toThrow(/not open/);
    });
  });
}
