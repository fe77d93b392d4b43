import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reciprocalRankFusion, RRF_K } from '../../src/llm/rrf.js';
import { authoritativeOrder, focusedText, FUSION_DEPTH, HybridRetriever, type HybridHit } from '../../src/llm/hybrid-retriever.js';
import { DenseIndex } from '../../src/llm/dense-index.js';
import { OpenAiCompatibleClient } from '../../src/llm/client.js';
import { loadKnowledge } from '../../src/knowledge/snapshot.js';
import type { KbEntry, KbHit } from '../../src/knowledge/types.js';
import { startStub, type StubServer } from './stub-server.js';
import { tempDir } from './helpers.js';

const r = (rank: number) => 1 / (RRF_K + rank);

describe('reciprocal rank fusion', () => {
  it('adds 1/(60 + rank) over the rankings', () => {
    const fused = reciprocalRankFusion([
      ['a', 'b', 'c'],
      ['c', 'a', 'd'],
    ]);
    expect(fused.map((f) => f.id)).toEqual(['a', 'c', 'b', 'd']);
    expect(fused[0]!.score).toBeCloseTo(r(1) + r(2), 12);
    expect(fused[1]!.score).toBeCloseTo(r(3) + r(1), 12);
    expect(fused[2]!.score).toBeCloseTo(r(2), 12);
    expect(fused[3]!.score).toBeCloseTo(r(3), 12);
  });
  it('an id counts once per ranking; ties keep the order of first appearance', () => {
    expect(reciprocalRankFusion([['x', 'x', 'y']]).map((f) => [f.id, f.score])).toEqual([
      ['x', r(1)],
      ['y', r(3)],
    ]);
    expect(reciprocalRankFusion([['p', 'q'], ['q', 'p']]).map((f) => f.id)).toEqual(['p', 'q']);
    expect(reciprocalRankFusion([])).toEqual([]);
  });
});

const entry = (id: string) => ({ id, title: id, questions: [], tags: [], sources: [], updated: '2025-01-01', related: [], body: id, file: `${id}.md` }) as KbEntry;
const hit = (id: string, confidence: number): KbHit => ({ entry: entry(id), score: confidence * 10, confidence });
const fusedHit = (id: string): HybridHit => ({ ...hit(id, 0), fused: 0 });

describe('the lexical confidence stays authoritative', () => {
  const lexical = [hit('A', 0.5), hit('B', 0.3), hit('C', 0.05)];
  it('only confident entries move, in the fused order, and stay ahead of the others', () => {
    const order = authoritativeOrder(lexical, ['C', 'B', 'A'].map(fusedHit), 0.1);
    expect(order.map((h) => [h.entry.id, h.confidence])).toEqual([
      ['B', 0.3],
      ['A', 0.5],
      ['C', 0.05],
    ]);
  });
  it('nothing confident: the lexical order as it is (the bot declines or hedges as without the layer)', () => {
    const weak = [hit('A', 0.08), hit('B', 0.06)];
    expect(authoritativeOrder(weak, ['B', 'A'].map(fusedHit), 0.1)).toEqual(weak);
  });
  it('the lexical top below the threshold: nothing moves, even if a later hit is confident (the decision stays the lexical one)', () => {
    const mixed = [hit('A', 0.08), hit('B', 0.3)];
    expect(authoritativeOrder(mixed, ['B', 'A'].map(fusedHit), 0.1)).toEqual(mixed);
  });
  it('an entry found only by the embeddings never joins the hits', () => {
    const order = authoritativeOrder(lexical, ['D', 'B', 'A', 'C'].map(fusedHit), 0.1);
    expect(order.map((h) => h.entry.id)).toEqual(['B', 'A', 'C']);
  });
});

describe('HybridRetriever on the real knowledge, with controlled embeddings', () => {
  const kb = loadKnowledge('knowledge');
  const question = 'Qui sont les ambassadeurs IA ?';
  const lexical = kb.retriever.search(question, 8);
  const n = kb.entries.length;
  let stub: StubServer;
  const cache = tempDir();
  /** The dense ranking the query vector produces: the lexical third, then the first, then the others in file order. */
  const denseOrder = [lexical[2]!.entry.id, lexical[0]!.entry.id, ...kb.entries.map((e) => e.id).filter((id) => id !== lexical[2]!.entry.id && id !== lexical[0]!.entry.id)];
  let hybrid: HybridRetriever;
  const queries: string[] = [];

  beforeAll(async () => {
    expect(lexical.length).toBeGreaterThanOrEqual(3);
    stub = await startStub();
    // Entry i → the i-th unit vector; the question → weights decreasing along denseOrder.
    const byTitle = kb.entries.map((e, i) => ({ title: e.title, i })).sort((a, b) => b.title.length - a.title.length);
    stub.embed = (inputs) =>
      inputs.map((text) => {
        const v = new Array<number>(n).fill(0);
        const own = byTitle.find((t) => text.startsWith(t.title));
        if (own && text.length > own.title.length + 1) v[own.i] = 1;
        else {
          queries.push(text);
          denseOrder.forEach((id, rank) => (v[kb.entries.findIndex((e) => e.id === id)] = 1 / (1 + rank)));
        }
        return v;
      });
    const client = new OpenAiCompatibleClient({ baseURL: stub.baseURL, embeddingsModel: 'stub-embeddings', shield: () => kb.shield, requestTimeoutMs: 5_000 });
    const { index } = await DenseIndex.build(kb.entries, client, cache.dir, 5_000);
    hybrid = new HybridRetriever({ lexical: kb.retriever, dense: () => index, embedQuery: async (t) => (await client.embed([t], 5_000))[0]! });
  });
  afterAll(async () => {
    await stub.close();
    cache.cleanup();
  });

  it('fuses the lexical and dense rankings by RRF, keeping the lexical confidences', async () => {
    const { hits, dense } = await hybrid.search(question, { k: 8 });
    expect(dense).toBe('ok');
    const [l1, l2, l3] = lexical;
    // l1: lexical 1 + dense 2; l3: lexical 3 + dense 1; l2: lexical 2 + dense (after the two, in file order).
    expect(hits[0]!.entry.id).toBe(l1!.entry.id);
    expect(hits[0]!.fused).toBeCloseTo(r(1) + r(2), 12);
    expect(hits[1]!.entry.id).toBe(l3!.entry.id);
    expect(hits[1]!.fused).toBeCloseTo(r(3) + r(1), 12);
    const l2Dense = denseOrder.indexOf(l2!.entry.id); // counted only within the fusion depth
    expect(hits.find((h) => h.entry.id === l2!.entry.id)!.fused).toBeCloseTo(r(2) + (l2Dense < FUSION_DEPTH ? r(1 + l2Dense) : 0), 12);
    for (const h of hits) expect(h.confidence).toBe(lexical.find((l) => l.entry.id === h.entry.id)?.confidence ?? 0);
    // What was embedded: the question sentence, focused.
    expect(queries.at(-1)).toBe(focusedText(question));
  });

  it('is a langchain retriever: invoke gives documents with the fusion score', async () => {
    const docs = await hybrid.invoke(question);
    expect(docs[0]!.id).toBe(lexical[0]!.entry.id);
    expect(docs[0]!.metadata).toMatchObject({ id: lexical[0]!.entry.id, confidence: lexical[0]!.confidence });
    expect(docs[0]!.metadata.fused).toBeCloseTo(r(1) + r(2), 12);
  });

  it('a rewritten question adds its own lexical ranking and is what gets embedded', async () => {
    const rewrite = 'Quel est le rôle des ambassadeurs IA ?';
    const { hits } = await hybrid.search(question, { k: 8, rewrite });
    expect(queries.at(-1)).toBe(rewrite);
    const third = kb.retriever.search(rewrite, 8).map((h) => h.entry.id);
    const expected = reciprocalRankFusion([lexical.map((h) => h.entry.id), third, denseOrder.slice(0, FUSION_DEPTH)]).slice(0, 8);
    expect(hits.map((h) => h.entry.id)).toEqual(expected.map((f) => f.id));
  });

  it('without a dense index yet: lexical order, said so', async () => {
    const early = new HybridRetriever({ lexical: kb.retriever, dense: () => undefined, embedQuery: async () => [1] });
    const { hits, dense } = await early.search(question, { k: 4 });
    expect(dense).toBe('not_ready');
    expect(hits.map((h) => h.entry.id)).toEqual(lexical.slice(0, 4).map((h) => h.entry.id));
  });
});
