import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/knowledge/analyzer.js';
import { namesOf } from '../../src/knowledge/names.js';
import { isEverydayWord } from '../../src/knowledge/general-french.js';
import { CharterRetriever } from '../../src/knowledge/retriever.js';
import { fixtureEntries, FIXTURE_SYNONYMS } from './retrieval-fixtures.js';

describe('names of the knowledge base', () => {
  it('finds the words written in capitals that the stemmer would cut', () => {
    const names = namesOf(['La plateforme FOR-MI et le portail MIRAI, pilotés par la DRH.', 'NE JAMAIS coller de données.']);
    expect([...names].sort()).toEqual(['formi', 'mirai']); // « drh » is not changed by the stemmer, « jamais » is French
  });

  it('keeps names whole while other words are stemmed', () => {
    const plain = createAnalyzer();
    const named = createAnalyzer({ names: new Set(['formi', 'mirai']) });
    expect(plain.tokens('formi forme')).toEqual(['form', 'form']); // the collision the names avoid
    expect(named.tokens('formi forme mirai mire')).toEqual(['formi', 'form', 'mirai', 'mir']);
  });

  it('applies to synonym variants too: « sous quelle forme » is not the FOR-MI platform', () => {
    const named = createAnalyzer({ synonyms: [['for-mi', 'formi', 'for mi']], names: new Set(['formi']) });
    expect(named.words('sous quelle forme')).toEqual(['forme']);
    expect(named.words('le parcours formi')).toEqual(['parcours', 'formi', 'mi']);
  });
});

describe('typo correction', () => {
  const retriever = new CharterRetriever(fixtureEntries(), { synonyms: FIXTURE_SYNONYMS });
  const termOf = (q: string, w: string) => retriever.plan(q).words.find((x) => x.word === w);

  it('knows everyday French words', () => {
    expect(isEverydayWord('crois')).toBe(true);
    expect(isEverydayWord('poste')).toBe(true);
    expect(isEverydayWord('formaton')).toBe(false);
  });

  it('leaves real French words alone and still corrects typos', () => {
    // « carte » is one letter away from « charte », « poste » from « porte »: they are words, not typos.
    expect(termOf('une carte de visite', 'carte')?.term).toBeNull();
    expect(termOf('formaton sur l’ia', 'formaton')).toMatchObject({ term: 'format', distance: 1 });
  });
});

describe('names the knowledge base does not know', () => {
  const retriever = new CharterRetriever(fixtureEntries(), { synonyms: FIXTURE_SYNONYMS });
  const top = (q: string) => retriever.search(q, 1)[0]?.confidence ?? 0;

  it('count as a subject of their own, however common their words', () => {
    // « Journal » with a capital inside the sentence names something the entries never mention.
    const named = top('La formation FOR-MI est-elle annoncée au Journal Officiel ?');
    const plain = top('La formation FOR-MI est-elle annoncée au journal officiel ?');
    expect(named).toBeLessThan(plain);
    // A capital at the start of a sentence is not a name.
    expect(top('Formation FOR-MI : comment s’inscrire ?')).toBeCloseTo(top('formation FOR-MI : comment s’inscrire ?'), 6);
  });
});

describe('stems kept apart', () => {
  const a = createAnalyzer();
  it('does not confuse words the stemmer would merge', () => {
    expect(a.stem('reference')).not.toBe(a.stem('referent')); // cadre de référence ≠ référent IA
    expect(a.stem('portee')).not.toBe(a.stem('porter'));
    expect(a.stem('directement')).not.toBe(a.stem('direction'));
    expect(a.stem('importe')).not.toBe(a.stem('important'));
    expect(a.stem('references')).toBe(a.stem('reference'));
  });
});
