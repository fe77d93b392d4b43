import { describe, expect, it } from 'vitest';
import { BaseRetriever } from '@langchain/core/retrievers';
import { CharterRetriever, DEFAULT_K } from '../../src/knowledge/retriever.js';
import { stockBm25Search } from '../../src/knowledge/stock-bm25.js';
import { fixtureEntries, FIXTURE_SYNONYMS, PARAPHRASES } from './retrieval-fixtures.js';

const entries = fixtureEntries();
const retriever = CharterRetriever.fromEntries(entries, { synonyms: FIXTURE_SYNONYMS });

describe('CharterRetriever.search', () => {
  it.each(PARAPHRASES)('ranks the right entry first for "%s"', (query, id) => {
    expect(retriever.search(query)[0]?.entry.id).toBe(id);
  });

  it('returns at most k hits, best first, all with a positive score', () => {
    const hits = retriever.search('outil IA données', 3);
    expect(hits.length).toBeLessThanOrEqual(3);
    expect(hits.length).toBeGreaterThan(1);
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
    for (const h of hits) {
      expect(h.score).toBeGreaterThan(0);
      expect(h.confidence).toBeGreaterThanOrEqual(0);
      expect(h.confidence).toBeLessThanOrEqual(1);
    }
    expect(retriever.search('outil IA données').length).toBeLessThanOrEqual(DEFAULT_K);
  });

  it('returns nothing for empty, stop-word-only or unknown queries', () => {
    expect(retriever.search('')).toEqual([]);
    expect(retriever.search('le la les de du ?')).toEqual([]);
    expect(retriever.search('blanquette xylophone')).toEqual([]);
    expect(retriever.search('charte', 0)).toEqual([]);
  });

  it('weighs the questions and title above the body', () => {
    // "acculturation" only appears in a body; "signataire" in a question.
    const body = retriever.search('acculturation')[0]!;
    const question = retriever.search('signataire')[0]!;
    expect(body.entry.id).toBe('kit-accueil');
    expect(question.entry.id).toBe('signataire');
    expect(question.confidence).toBeGreaterThan(body.confidence);
  });

  it('is unaffected by a rebuild: a new retriever over the same entries gives the same hits', () => {
    const again = new CharterRetriever(entries, { synonyms: FIXTURE_SYNONYMS });
    for (const [query] of PARAPHRASES) expect(again.search(query)).toEqual(retriever.search(query));
  });

  it('sees new entries after a rebuild (reload)', () => {
    const extra = {
      ...entries[0]!,
      id: 'hackathon',
      title: 'Un hackathon IA est-il prévu ?',
      questions: [],
      tags: [],
      body: 'Un hackathon est organisé chaque printemps.',
    };
    expect(retriever.search('hackathon')).toEqual([]);
    const reloaded = CharterRetriever.fromEntries([...entries, extra], { synonyms: FIXTURE_SYNONYMS });
    expect(reloaded.search('hackathon')[0]?.entry.id).toBe('hackathon');
  });

  it('handles a 50,000-character query', () => {
    const query = 'formation '.repeat(5_000);
    const start = performance.now();
    expect(retriever.search(query)[0]?.entry.id).toBe('formation');
    expect(performance.now() - start).toBeLessThan(1000);
  });
});

describe('CharterRetriever as a LangChain retriever', () => {
  it('is a BaseRetriever with its own namespace', () => {
    expect(retriever).toBeInstanceOf(BaseRetriever);
    expect(retriever.lc_namespace).toEqual(['charte_ia', 'retrievers']);
  });

  it('returns Documents: body as content, id/title/score/confidence/sources as metadata', async () => {
    const docs = await retriever.invoke('Qui sont les ambassadeurs IA ?');
    expect(docs.length).toBeGreaterThan(0);
    expect(docs.length).toBeLessThanOrEqual(DEFAULT_K);
    const first = docs[0]!;
    const entry = entries.find((e) => e.id === 'ambassadeurs')!;
    expect(first.pageContent).toBe(entry.body);
    expect(first.metadata).toMatchObject({ id: 'ambassadeurs', title: entry.title, sources: entry.sources });
    expect(first.metadata.score).toBeGreaterThan(0);
    expect(first.metadata.confidence).toBeGreaterThan(0);
    for (const d of docs) expect(d.metadata.score).toBeGreaterThan(0);
  });

  it('honours k and returns no document for an off-topic query', async () => {
    const one = CharterRetriever.fromEntries(entries, { synonyms: FIXTURE_SYNONYMS, k: 1 });
    expect(await one.invoke('outil IA données')).toHaveLength(1);
    expect(await one.invoke('recette de blanquette')).toEqual([]);
  });
});

describe('stockBm25Search (baseline for npm run eval)', () => {
  it('returns entry ids in ranking order, at most k', async () => {
    const ids = await stockBm25Search(entries, 'MIRAI portail', 3);
    expect(ids[0]).toBe('mirai');
    expect(ids.length).toBeLessThanOrEqual(3);
    for (const id of ids) expect(entries.some((e) => e.id === id)).toBe(true);
  });

  it('returns nothing when no word matches, or for an empty base', async () => {
    expect(await stockBm25Search(entries, 'xylophone', 3)).toEqual([]);
    expect(await stockBm25Search([], 'mirai', 3)).toEqual([]);
  });
});
