import { describe, expect, it } from 'vitest';
import { usageOf } from '../../src/usage-record.js';
import { addDays, isDay, parisDay, startOfParisDay, weekStart } from '../../src/reports/days.js';
import { escalationHarness } from '../helpers/escalation-app.js';

describe('Paris days', () => {
  it('turns instants into Paris days across midnight and daylight-saving changes', () => {
    expect(parisDay(Date.UTC(2026, 11, 2, 23, 30))).toBe('2026-12-03'); // 00:30 in Paris (UTC+1)
    expect(parisDay(Date.UTC(2026, 6, 1, 22, 30))).toBe('2026-07-02'); // 00:30 in Paris (UTC+2)
    expect(startOfParisDay('2026-12-03')).toBe(Date.UTC(2026, 11, 2, 23, 0));
    expect(startOfParisDay('2026-07-02')).toBe(Date.UTC(2026, 6, 1, 22, 0));
    expect(startOfParisDay('2026-03-29')).toBe(Date.UTC(2026, 2, 28, 23, 0)); // the clocks go forward at 02:00
    expect(startOfParisDay('2026-03-30')).toBe(Date.UTC(2026, 2, 29, 22, 0));
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(weekStart('2026-12-06')).toBe('2026-11-30'); // a Sunday belongs to the week of Monday 30
    expect(weekStart('2026-11-30')).toBe('2026-11-30');
    expect(isDay('2026-02-30')).toBe(false);
    expect(isDay('2026-2-3')).toBe(false);
    expect(isDay('2024-02-29')).toBe(true);
  });
});

// The usage log's own contract (both engines) is in tests/store/contract/usage.ts.

describe('usageOf (what the core keeps of a turn)', () => {
  const now = Date.UTC(2026, 11, 3, 10);
  it('keeps the intent, verdict, entry and confidence, never the text', () => {
    const answer = usageOf('teams', [{ text: 'Réponse…', meta: { intent: 'charter_question', confidence: 0.7, sources: [{ id: 'ambassadeurs-ia', title: 'T' }] } }], now);
    expect(answer).toEqual({ day: '2026-12-03', channel: 'teams', intent: 'charter_question', entryId: 'ambassadeurs-ia', confidence: 0.7, answered: true });
    const check = usageOf('matrix', [{ text: 'Non', meta: { intent: 'tool_check', verdict: 'not_allowed', sources: [{ id: 'circular1', title: 'Circulaire' }] } }], now);
    expect(check).toEqual({ day: '2026-12-03', channel: 'matrix', intent: 'tool_check', verdict: 'not_allowed', answered: true });
    expect(JSON.stringify(answer)).not.toContain('Réponse');
  });

  it('marks "no sure answer" and hedged answers as not answered, and unlabelled turns as other', () => {
    expect(usageOf('teams', [{ text: 'Je ne trouve pas…', meta: { intent: 'charter_question', confidence: 0.03, sources: [] } }], now).answered).toBe(false);
    expect(usageOf('teams', [{ text: 'Passage proche…', meta: { intent: 'charter_question', confidence: 0.07, sources: [{ id: 'x', title: 'X' }], hedged: true } }], now)).toMatchObject({ answered: false, entryId: 'x' });
    expect(usageOf('teams', [{ text: 'Merci pour votre retour !', meta: { escalate: false } }], now)).toEqual({ day: '2026-12-03', channel: 'teams', intent: 'other', answered: true });
  });
});

describe('the bot records one usage row per turn', () => {
  it('records real turns (no text) and purges them with the retention period', async () => {
    const h = escalationHarness({ env: { RETENTION_DAYS: '30' } });
    try {
      await h.say('agent-1', 'Qui a signé la circulaire ?');
      await h.say('agent-1', 'Puis-je utiliser ChatGPT pour résumer un rapport public ?');
      await h.say('agent-1', 'Quel est le budget consacré à l’IA par le ministère en 2031 ?');
      const rows = await h.app.stores.usage.daily('2026-11-28', '2026-11-28');
      const byIntent = Object.fromEntries(rows.map((r) => [`${r.intent}/${r.verdict ?? '-'}/${r.answered}`, r.turns]));
      expect(byIntent['charter_question/-/true']).toBe(1);
      expect(byIntent['charter_question/-/false']).toBe(1);
      expect(Object.keys(byIntent).some((k) => k.startsWith('tool_check/'))).toBe(true);
      expect((await h.app.stores.usage.byEntry('2026-11-28', '2026-11-28'))[0]).toMatchObject({ entryId: 'signataire-circulaire', turns: 1 });
      h.clock.now += 31 * 86_400_000;
      expect((await h.app.escalation.purge()).usage).toBe(3);
    } finally {
      await h.app.close();
    }
  });
});
