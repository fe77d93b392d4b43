import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openSqliteStores, type SqliteStores } from '../../src/store/sqlite/index.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { buildReport } from '../../src/reports/build.js';
import { loadReportKnowledge } from '../../src/reports/knowledge.js';
import { groupQuestions } from '../../src/reports/cluster.js';
import { createAnalyzer } from '../../src/knowledge/analyzer.js';
import { loadSynonyms } from '../../src/knowledge/synonyms.js';
import { median, percentile } from '../../src/reports/stats.js';
import { usageSummary } from '../../src/reports/usage-summary.js';
import type { Report } from '../../src/reports/model.js';
import { FORMULA, HOSTILE, NOW, PERIOD, at, seed } from './seed.js';

const KNOWLEDGE = join(PROJECT_ROOT, 'knowledge');
const MIN = 60_000;

let stores: SqliteStores;
let report: Report;
beforeAll(async () => {
  stores = openSqliteStores(':memory:');
  await seed(stores);
  const { knowledge, notes } = loadReportKnowledge(KNOWLEDGE);
  report = await buildReport({ stores, period: PERIOD, knowledge, notes, now: NOW });
});
afterAll(async () => {
  await stores.close();
});

describe('grouping of unanswered questions', () => {
  it('groups the phrasings of one question, with counts, first and last days, a representative and examples', () => {
    const [budget, deepl, formation, ...rest] = report.questions.groups;
    expect(report.questions.total).toBe(12); // the question of 31 October is outside the period
    expect(budget).toMatchObject({ count: 4, first: '2026-11-03', last: '2026-11-24' });
    expect(budget!.representative).toMatch(/budget/i);
    expect(budget!.examples).toHaveLength(3);
    expect([budget!.representative, ...budget!.examples].every((q) => /budget/i.test(q))).toBe(true);
    expect(deepl).toMatchObject({ count: 3, first: '2026-11-05', last: '2026-11-20', bestConfidence: 0.08 });
    expect([deepl!.representative, ...deepl!.examples].every((q) => /DeepL/.test(q))).toBe(true);
    expect(formation).toMatchObject({ count: 2, first: '2026-11-08', last: '2026-11-15' });
    // Unrelated questions stay alone, the hostile one included.
    expect(rest.map((g) => g.count)).toEqual([1, 1, 1]);
    expect(rest.map((g) => g.representative)).toEqual(expect.arrayContaining([HOSTILE, FORMULA, 'Quelle est la météo demain ?']));
  });

  it('is deterministic: the same questions in another order give the same groups', () => {
    const analyzer = createAnalyzer({ synonyms: loadSynonyms(join(KNOWLEDGE, 'synonyms.yaml')) });
    const qs = [
      { question: 'Puis-je utiliser DeepL pour traduire un courrier ?', confidence: 0.1, at: 3 },
      { question: 'Ai-je le droit de traduire un texte avec DeepL ?', confidence: 0.1, at: 1 },
      { question: 'Quel est le budget de l’IA ?', confidence: 0.1, at: 2 },
      { question: 'budget de l’IA', confidence: 0.1, at: 4 },
      { question: '???', confidence: 0, at: 5 },
      { question: '???', confidence: 0, at: 6 },
    ];
    const once = groupQuestions(qs, analyzer);
    expect(groupQuestions([...qs].reverse(), analyzer)).toEqual(once);
    expect(once.map((g) => g.count)).toEqual([2, 2, 2]);
  });
});

describe('statistics', () => {
  it('median and nearest-rank percentile', () => {
    expect(median([])).toBeUndefined();
    expect(median([7])).toBe(7);
    expect(median([40, 10, 30, 20])).toBe(25);
    expect(median([5, 1, 3])).toBe(3);
    expect(percentile([10, 20, 30, 40, 120], 90)).toBe(120);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(() => percentile([1], 0)).toThrow(RangeError);
  });

  it('ticket delays per scope: opened, still open, time to claim and to first answer', () => {
    const t = report.tickets;
    const national = t.byScope.find((s) => s.scope === 'national')!;
    expect(national).toMatchObject({ label: 'Pool national des ambassadeurs IA (DTNUM)', opened: 4, stillOpen: 1, closed: 3 });
    expect(national.toClaim).toEqual({ count: 4, median: 25 * MIN, p90: 40 * MIN });
    expect(national.toAnswer).toEqual({ count: 4, median: 30 * MIN, p90: 45 * MIN });
    const rhone = t.byScope.find((s) => s.scope === 'dept-69')!;
    expect(rhone).toMatchObject({ label: 'Préfecture du Rhône', opened: 2, stillOpen: 2, closed: 0, toClaim: { count: 1, median: 120 * MIN }, toAnswer: { count: 0 } });
    expect(t.total).toMatchObject({ opened: 6, stillOpen: 3, toClaim: { count: 5, median: 30 * MIN, p90: 120 * MIN } });
    expect(t.open.map((o) => [o.id, o.status])).toEqual([[4, 'claimed'], [5, 'claimed'], [6, 'open']]);
    expect(t.open[2]!.ageMs).toBe(NOW - at(28));
  });

  it('feedback per entry, worst first, with titles and how often the entry was served', () => {
    expect(report.feedback.map((f) => [f.subject, f.kind, f.up, f.down])).toEqual([
      ['ambassadeurs-ia', 'entry', 1, 3],
      ['public-ai-restricted-data', 'rule', 0, 2],
      ['ancienne-entree', 'unknown', 0, 1],
      ['7', 'ticket', 1, 0],
      ['signataire-circulaire', 'entry', 4, 1],
    ]);
    expect(report.feedback[0]!.title).toBe('Qui sont les ambassadeurs IA et quel est leur rôle ?');
    expect(report.feedback[0]!.served).toBe(52);
    expect(report.feedback[1]!.title).toMatch(/^Vérification d’outil : /);
  });

  it('entries served over the period, most served first, with their mean confidence', () => {
    expect(report.entries).toEqual([
      { entryId: 'ambassadeurs-ia', title: 'Qui sont les ambassadeurs IA et quel est leur rôle ?', turns: 52, meanConfidence: expect.closeTo(0.6, 6) },
      { entryId: 'signataire-circulaire', title: 'Qui a signé la circulaire ?', turns: 32, meanConfidence: expect.closeTo(0.6, 6) },
    ]);
  });

  it('intents and verdicts per day, every day of the period present', () => {
    const u = report.usage;
    expect(u.granularity).toBe('day');
    expect(u.buckets).toHaveLength(30);
    expect(u.buckets.find((b) => b.start === '2026-11-14')).toEqual({ start: '2026-11-14', turns: 0, byIntent: {}, notSure: 0 });
    expect(u.buckets.find((b) => b.start === '2026-11-02')).toEqual({ start: '2026-11-02', turns: 8, byIntent: { charter_question: 7, tool_check: 1 }, notSure: 1 });
    expect(u.total).toBe(138);
    expect(u.notSure).toBe(24);
    expect(u.intents[0]).toEqual({ intent: 'charter_question', turns: 108 });
    expect(u.verdicts).toEqual([{ verdict: 'allowed_with_conditions', turns: 12 }, { verdict: 'not_allowed', turns: 12 }]);
  });

  it('long periods are counted per week (Monday first)', () => {
    const s = usageSummary([{ day: '2026-11-04', channel: 'teams', intent: 'greeting', verdict: null, answered: true, turns: 2 }], { since: '2026-09-01', until: '2026-11-30' });
    expect(s.granularity).toBe('week');
    expect(s.buckets[0]!.start).toBe('2026-08-31');
    expect(s.buckets.find((b) => b.start === '2026-11-02')!.turns).toBe(2);
  });
});
