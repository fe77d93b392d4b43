import { describe, it, expect } from 'vitest';
import { parseConcepts, checkEntryConcepts, unusedConcepts, type Concept } from '../../src/knowledge/concepts.js';
import { CharterRetriever } from '../../src/knowledge/retriever.js';
import type { KbEntry } from '../../src/knowledge/types.js';

const entry = (id: string, title: string, body: string, concepts: string[] = [], questions: string[] = []): KbEntry => ({
  id,
  title,
  questions,
  tags: [],
  concepts,
  sources: [{ doc: 'circulaire', label: 'Circulaire, § 2' }],
  updated: '2026-12-01',
  related: [],
  body,
  file: `faq/${id}.md`,
});

describe('parseConcepts', () => {
  it('reads concepts with their words', () => {
    const { concepts, problems } = parseConcepts('concepts:\n  - id: concertation\n    label: "Concertation"\n    words: [concertation, dialogue social, concertation]\n', 'concepts.yaml');
    expect(problems).toEqual([]);
    expect(concepts).toEqual([{ id: 'concertation', label: 'Concertation', words: ['concertation', 'dialogue social'] }]);
  });

  it('reports every problem with its place and a fix, never throws', () => {
    const text = [
      'concepts:',
      '  - id: Bad Id',
      '    label: "x"',
      '    words: []',
      '  - id: ok',
      '    label: "Correct"',
      '    words: [mot]',
      '    colour: red',
      '  - id: ok',
      '    label: "Doublon"',
      '    words: [autre]',
    ].join('\n');
    const { concepts, problems } = parseConcepts(text, 'concepts.yaml');
    expect(concepts.map((c) => c.id)).toEqual(['ok']); // the first « ok » is refused, the second kept
    const messages = problems.map((p) => `${p.line}:${p.message}`);
    expect(messages.some((m) => m.startsWith('2:') && m.includes('kebab-case'))).toBe(true);
    expect(messages.some((m) => m.includes('at least one word'))).toBe(true);
    expect(messages.some((m) => m.startsWith('5:') && m.includes('unknown field(s): colour'))).toBe(true);
  });

  it('flags a duplicate id', () => {
    const text = 'concepts:\n  - id: a\n    label: "Premier"\n    words: [un]\n  - id: a\n    label: "Second"\n    words: [deux]\n';
    expect(parseConcepts(text, 'c.yaml').problems[0]?.message).toContain('duplicate concept id "a"');
  });

  it.each(['', 'concepts: 3', '- a\n- b', 'concepts:\n  - [a, b', '\uFEFFconcepts: []'])('handles a broken or odd file: %j', (text) => {
    const r = parseConcepts(text, 'c.yaml');
    expect(Array.isArray(r.problems)).toBe(true);
  });

  it('checks the concepts entries list, and lists unused ones', () => {
    const concepts: Concept[] = [{ id: 'a', label: 'A', words: ['alpha'] }, { id: 'b', label: 'B', words: ['beta'] }];
    const entries = [entry('e1', 'Titre un', 'Corps.', ['a', 'zzz'])];
    const problems = checkEntryConcepts(entries, concepts, 'concepts.yaml');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'faq/e1.md', field: 'concepts' });
    expect(unusedConcepts(entries, concepts).map((c) => c.id)).toEqual(['b']);
  });
});

describe('retrieval through concepts', () => {
  const concepts: Concept[] = [
    { id: 'concertation', label: 'Concertation', words: ['consulter', 'concertation', 'dialogue social', 'syndicat'] },
    { id: 'usagers', label: 'Usagers', words: ['guichet', 'administré', 'public reçu'] },
  ];
  const entries = [
    entry('groupe', 'Comment la charte a-t-elle été élaborée ?', 'Un groupe de travail a réuni la DRH, la DTNUM et des représentants du personnel.', ['concertation']),
    entry('benefices', "Qu'apporte l'IA ?", 'Elle améliore le service rendu aux usagers et aide à la décision.', ['usagers']),
    entry('formation', 'Quelle formation ?', 'Un parcours de formation est proposé sur FOR-MI.', []),
  ];
  const retriever = new CharterRetriever(entries, { concepts });
  const bare = new CharterRetriever(entries, {});

  it('reaches an entry that shares no word with the question', () => {
    expect(bare.search('Qui a été consulté ?', 1)[0]?.entry.id).not.toBe('groupe');
    const hit = retriever.search('Qui a été consulté ?', 1)[0];
    expect(hit?.entry.id).toBe('groupe');
    expect(retriever.search("Et pour les gens qui viennent au guichet, qu'est-ce que ça change ?", 1)[0]?.entry.id).toBe('benefices');
  });

  it('matches expressions of several words, and counts a word once', () => {
    const plan = retriever.plan('le dialogue social a-t-il eu lieu ?');
    expect(plan.words.find((w) => w.word === 'dialogue')?.concepts).toEqual(['concertation']);
    for (const hit of retriever.search('concertation et dialogue social avec les syndicats', 3)) {
      expect(hit.confidence).toBeLessThanOrEqual(1);
      expect(hit.confidence).toBeGreaterThanOrEqual(0);
    }
  });

  it('ignores concepts no entry answers, and needs no concepts at all', () => {
    const none = new CharterRetriever(entries, { concepts: [{ id: 'vide', label: 'Vide', words: ['budget'] }] });
    expect(none.plan('budget').units.every((u) => u.alts.length === 0)).toBe(true);
    expect(bare.search('formation FOR-MI', 1)[0]?.entry.id).toBe('formation');
  });

  it('reports concept words made only of stop words', () => {
    const r = new CharterRetriever(entries, { concepts: [{ id: 'concertation', label: 'C', words: ['de la', 'concertation'] }] });
    expect(r.emptyConceptWords).toEqual([{ concept: 'concertation', word: 'de la' }]);
  });
});
