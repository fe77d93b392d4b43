import { describe, expect, it } from 'vitest';
import type { StoreBackend } from './backends.js';
import { freshStores } from './fresh.js';

/** The usage log (one row per turn, no text) and the period listing of tickets, for the reports. */
export function describeUsage(backend: StoreBackend): void {
  const ctx = freshStores(backend);

  describe('UsageLog', () => {
    it('counts turns per day, intent, verdict and outcome within inclusive day bounds', async () => {
      const u = ctx.stores.usage;
      await u.record({ day: '2026-11-30', channel: 'teams', intent: 'charter_question', entryId: 'a', confidence: 0.8, answered: true });
      await u.record({ day: '2026-11-30', channel: 'teams', intent: 'charter_question', entryId: 'a', confidence: 0.4, answered: true });
      await u.record({ day: '2026-11-30', channel: 'teams', intent: 'charter_question', answered: false, confidence: 0.02 });
      await u.record({ day: '2026-12-01', channel: 'matrix', intent: 'tool_check', verdict: 'not_allowed', answered: true });
      await u.record({ day: '2026-12-02', channel: 'teams', intent: 'charter_question', entryId: 'b', answered: true });
      expect(await u.daily('2026-11-30', '2026-12-01')).toEqual([
        { day: '2026-11-30', channel: 'teams', intent: 'charter_question', verdict: null, answered: false, turns: 1 },
        { day: '2026-11-30', channel: 'teams', intent: 'charter_question', verdict: null, answered: true, turns: 2 },
        { day: '2026-12-01', channel: 'matrix', intent: 'tool_check', verdict: 'not_allowed', answered: true, turns: 1 },
      ]);
      expect(await u.byEntry('2026-11-01', '2026-12-31')).toEqual([
        { entryId: 'a', turns: 2, meanConfidence: expect.closeTo(0.6, 6) },
        { entryId: 'b', turns: 1, meanConfidence: null },
      ]);
      expect(await u.purge('2026-12-01')).toBe(3);
      expect((await u.daily('2000-01-01', '2999-12-31')).map((r) => r.day)).toEqual(['2026-12-01', '2026-12-02']);
    });

    it('refuses a malformed day instead of storing or matching garbage', async () => {
      await expect(ctx.stores.usage.record({ day: '3/12/2026', channel: 'teams', intent: 'other', answered: true })).rejects.toThrow(/YYYY-MM-DD/);
      await expect(ctx.stores.usage.daily('2026-12-01', 'demain')).rejects.toThrow(/until/);
    });
  });

  describe('TicketStore.listCreated', () => {
    it('lists the tickets created in [since, until), oldest first, whatever their status', async () => {
      const agent = { channel: 'teams', userId: 'u1', conversationId: 'c1' };
      const t = (scope: string) => ({ trigger: 'explicit' as const, scope, agent, question: 'q', context: '' });
      const a = await ctx.stores.tickets.create(t('national'), 1_000);
      const b = await ctx.stores.tickets.create(t('national'), 2_000);
      await ctx.stores.tickets.create(t('national'), 3_000);
      await ctx.stores.tickets.close(a.id, 1_500, false);
      expect((await ctx.stores.tickets.listCreated(1_000, 3_000)).map((x) => [x.id, x.status])).toEqual([
        [a.id, 'closed'],
        [b.id, 'open'],
      ]);
      expect(await ctx.stores.tickets.listCreated(4_000, 5_000)).toEqual([]);
    });
  });
}
