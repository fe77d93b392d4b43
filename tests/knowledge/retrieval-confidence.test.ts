import { describe, expect, it } from 'vitest';
import { combineConfidence, DEFAULT_CONFIDENCE_THRESHOLD, hitSignals, unknownWordMass } from '../../src/knowledge/confidence.js';
import { CharterRetriever } from '../../src/knowledge/retriever.js';
import { fixtureEntries, FIXTURE_SYNONYMS, OFF_TOPIC, PARAPHRASES } from './retrieval-fixtures.js';

describe('combineConfidence', () => {
  it('stays within [0, 1], even on out-of-range or non-finite signals', () => {
    expect(combineConfidence({ coverage: 1, strength: 5, margin: 1 })).toBe(1);
    expect(combineConfidence({ coverage: 0, strength: 1, margin: 1 })).toBe(0);
    expect(combineConfidence({ coverage: -1, strength: -1, margin: -1 })).toBe(0);
    expect(combineConfidence({ coverage: Number.NaN, strength: 1, margin: 1 })).toBe(0);
  });

  it('grows with each signal', () => {
    const base = { coverage: 0.6, strength: 0.7, margin: 0.3 };
    const c = combineConfidence(base);
    expect(combineConfidence({ ...base, coverage: 0.8 })).toBeGreaterThan(c);
    expect(combineConfidence({ ...base, strength: 0.9 })).toBeGreaterThan(c);
    expect(combineConfidence({ ...base, margin: 0.8 })).toBeGreaterThan(c);
  });

  it('is dominated by coverage: half of the question matched is not enough', () => {
    expect(combineConfidence({ coverage: 0.5, strength: 1, margin: 1 })).toBeLessThan(0.4);
    expect(combineConfidence({ coverage: 1, strength: 0.9, margin: 0.2 })).toBeGreaterThan(0.7);
  });

  it('discounts a lone mention in an entry body (strength near 0.5, nothing in its subject)', () => {
    expect(combineConfidence({ coverage: 0.75, strength: 0.5, margin: 1, subject: 0 })).toBeLessThan(DEFAULT_CONFIDENCE_THRESHOLD);
    expect(combineConfidence({ coverage: 0.75, strength: 0.5, margin: 1, subject: 1 })).toBeGreaterThan(combineConfidence({ coverage: 0.75, strength: 0.5, margin: 1, subject: 0 }));
  });
});

describe('hitSignals', () => {
  const hits = [
    { score: 4, matchedMass: 6 },
    { score: 1, matchedMass: 2 },
  ];
  it('computes coverage, strength and margin of the top hit', () => {
    expect(hitSignals(hits, 0, 8, 5)).toEqual({ coverage: 0.75, strength: 0.8, margin: 0.75 });
  });
  it('gives no margin to the following hits, and zeros for a missing hit', () => {
    expect(hitSignals(hits, 1, 8, 5).margin).toBe(0);
    expect(hitSignals(hits, 5, 8, 5)).toEqual({ coverage: 0, strength: 0, margin: 0 });
  });
});

describe('unknownWordMass', () => {
  it('grows with the size of the knowledge base, like an idf', () => {
    expect(unknownWordMass(100)).toBeGreaterThan(unknownWordMass(10));
    expect(unknownWordMass(0)).toBeGreaterThan(0);
  });
});

describe('confidence separates answerable from off-topic questions', () => {
  const retriever = CharterRetriever.fromEntries(fixtureEntries(), { synonyms: FIXTURE_SYNONYMS });
  const top = (q: string): number => retriever.search(q)[0]?.confidence ?? 0;

  it('puts every paraphrased charter question above the threshold, most of them well above', () => {
    const scores = PARAPHRASES.map(([q]) => top(q)).sort((a, b) => a - b);
    const low = PARAPHRASES.filter(([q]) => top(q) < DEFAULT_CONFIDENCE_THRESHOLD).map(([q]) => q);
    expect(low).toEqual([]);
    expect(scores[Math.floor(scores.length / 2)]).toBeGreaterThan(DEFAULT_CONFIDENCE_THRESHOLD + 0.3);
  });

  it('puts every off-topic question below the threshold', () => {
    const high = OFF_TOPIC.filter((q) => top(q) >= DEFAULT_CONFIDENCE_THRESHOLD).map((q) => `${q} (${top(q).toFixed(2)})`);
    expect(high).toEqual([]);
  });

  it('keeps a question that shares a phrase with a body ("mots de passe") below the threshold', () => {
    const hit = retriever.search('mot de passe oublié')[0];
    expect(hit?.entry.id).toBe('donnees-sensibles'); // it does match, lexically…
    expect(hit!.confidence).toBeLessThan(DEFAULT_CONFIDENCE_THRESHOLD); // …but not with confidence
  });

  it('gives the top hit a higher confidence than the next ones', () => {
    for (const [q] of PARAPHRASES) {
      const hits = retriever.search(q);
      for (const h of hits.slice(1)) expect(h.confidence).toBeLessThanOrEqual(hits[0]!.confidence + 1e-9);
    }
  });
});
