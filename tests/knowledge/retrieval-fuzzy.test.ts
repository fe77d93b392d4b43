import { describe, expect, it } from 'vitest';
import { damerauLevenshtein, FuzzyIndex, maxDistanceFor } from '../../src/knowledge/fuzzy.js';
import { CharterRetriever } from '../../src/knowledge/retriever.js';
import { fixtureEntries, FIXTURE_SYNONYMS } from './retrieval-fixtures.js';

describe('damerauLevenshtein', () => {
  it('counts insertions, deletions, substitutions and adjacent transpositions as one edit', () => {
    expect(damerauLevenshtein('charte', 'charte')).toBe(0);
    expect(damerauLevenshtein('charet', 'charte')).toBe(1); // transposition
    expect(damerauLevenshtein('formaton', 'formation')).toBe(1); // deletion
    expect(damerauLevenshtein('ambassadeur', 'ambasadeur')).toBe(1);
    expect(damerauLevenshtein('mirai', 'mirao')).toBe(1); // substitution
    expect(damerauLevenshtein('formaiton', 'formation')).toBe(1);
    expect(damerauLevenshtein('fromaton', 'formation')).toBe(2);
    expect(damerauLevenshtein('', 'abc')).toBe(3);
  });

  it('stops early above the maximum', () => {
    expect(damerauLevenshtein('abcdefgh', 'zyxwvuts', 2)).toBe(3);
    expect(damerauLevenshtein('a', 'abcdef', 1)).toBe(2);
  });
});

describe('maxDistanceFor', () => {
  it('allows no typo under 4 letters, one from 4, two from 8', () => {
    expect([2, 3, 4, 7, 8, 12].map(maxDistanceFor)).toEqual([0, 0, 1, 1, 2, 2]);
  });
});

describe('FuzzyIndex', () => {
  const words = ['charte', 'formation', 'ambassadeur', 'mirai', 'donnees', 'agent', 'chart', 'former', 'ia'];
  const index = FuzzyIndex.build(words);
  const best = (w: string): string | undefined => index.lookup(w)[0]?.word;

  it('finds the vocabulary word behind common typos', () => {
    expect(best('charet')).toBe('charte');
    expect(best('formaton')).toBe('formation');
    expect(best('ambasadeur')).toBe('ambassadeur');
    expect(best('ambassdaeur')).toBe('ambassadeur');
    expect(best('donnes')).toBe('donnees');
  });

  it('allows two edits only on long words', () => {
    expect(best('frmaton')).toBeUndefined(); // 7 letters: distance 2 is too far
    expect(index.lookup('frmaton').every((m) => m.distance <= 1)).toBe(true);
    expect(best('fromaton')).toBe('formation'); // 8 letters, distance 2
    expect(index.lookup('agnet')[0]?.word).toBe('agent');
    expect(index.lookup('agxyz')).toEqual([]);
  });

  it('never corrects words shorter than 4 letters', () => {
    expect(index.lookup('iaa')).toEqual([]);
    expect(index.lookup('ai')).toEqual([]);
  });

  it('returns closest matches first, the word itself at distance 0', () => {
    const matches = index.lookup('charte');
    expect(matches[0]).toEqual({ word: 'charte', index: 0, distance: 0 });
    expect(matches.map((m) => m.distance)).toEqual([...matches.map((m) => m.distance)].sort((a, b) => a - b));
  });

  it('keeps distance-1 tolerance for every word when the key budget is exhausted', () => {
    const tiny = FuzzyIndex.build(['formation', 'ambassadeur'], 5);
    expect(tiny.lookup('formaton')[0]?.word).toBe('formation');
    expect(tiny.lookup('fromaton')).toEqual([]); // distance 2 needs the second-level keys
  });
});

describe('typo tolerance in the retriever', () => {
  const retriever = CharterRetriever.fromEntries(fixtureEntries(), { synonyms: FIXTURE_SYNONYMS });
  const corrected = (query: string): (string | null)[] => retriever.plan(query).words.map((w) => w.term);

  it('corrects query words absent from the vocabulary', () => {
    expect(retriever.plan('charet').words[0]).toMatchObject({ word: 'charet', term: 'chart', distance: 1 });
    expect(retriever.plan('formaton').words[0]).toMatchObject({ term: 'format', distance: 1 });
    expect(retriever.plan('ambasadeur').words[0]).toMatchObject({ term: 'ambassadeur', distance: 1 });
  });

  it('finds the entry despite the typo', () => {
    expect(retriever.search('formaton sur l ia')[0]?.entry.id).toBe('formation');
    expect(retriever.search('la charet est elle remise aux nouveaux arrivants')[0]?.entry.id).toBe('kit-accueil');
    expect(['ambassadeurs', 'contact-ambassadeur']).toContain(retriever.search('ambasadeur ia')[0]?.entry.id);
  });

  it('weighs a corrected word less than an exact one', () => {
    const exact = retriever.search('formation')[0];
    const typo = retriever.search('formaton')[0];
    expect(typo?.entry.id).toBe(exact?.entry.id);
    expect(typo!.score).toBeLessThan(exact!.score);
    expect(typo!.confidence).toBeLessThan(exact!.confidence);
  });

  it('ignores misspelt grammar words instead of counting them as unknown topics', () => {
    expect(corrected('Quell sont les règles')).toEqual([corrected('règles')[0]]);
  });

  it('leaves words with no close vocabulary word unknown', () => {
    expect(corrected('blanquette')).toEqual([null]);
  });
});
