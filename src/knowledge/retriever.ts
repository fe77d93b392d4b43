/**
 * Retrieval over the charter knowledge base: French analysis + BM25F + typo tolerance +
 * calibrated confidence. `search` is synchronous (the bot's hot path); the LangChain
 * `BaseRetriever` interface wraps it for chains and for evaluation.
 * The index is immutable: on a knowledge reload, build a new retriever with `fromEntries`.
 */
import { BaseRetriever, type BaseRetrieverInput } from '@langchain/core/retrievers';
import { Document } from '@langchain/core/documents';
import type { KbEntry, KbHit, KbSource } from './types.js';
import { createAnalyzer, type Analyzer } from './analyzer.js';
import { Bm25Index, type Bm25Options, type QueryClause } from './bm25.js';
import { FuzzyIndex, maxDistanceFor } from './fuzzy.js';
import { isStopWordTypo } from './stopwords.js';
import { isWeakStem, WEAK_WORD_WEIGHT } from './weak-words.js';
import { combineConfidence, hitSignals, unknownWordMass } from './confidence.js';

export const DEFAULT_K = 4;
/** Distinct query words considered (a pasted document is judged on its beginning). */
export const MAX_QUERY_WORDS = 256;
/** Weight of a typo-tolerant match, by edit distance (an exact match weighs 1). */
const FUZZY_WEIGHTS: readonly number[] = [1, 0.7, 0.5];

export interface CharterRetrieverOptions extends BaseRetrieverInput {
  /** Synonym groups (first variant = canonical form), e.g. from `loadSynonyms`. */
  synonyms?: readonly (readonly string[])[];
  /** Number of hits returned by default. */
  k?: number;
  bm25?: Bm25Options;
}

export interface CharterDocumentMetadata {
  id: string;
  title: string;
  score: number;
  confidence: number;
  sources: KbSource[];
}

/** How a query was understood: its clauses and its total information mass. */
export interface QueryPlan {
  clauses: QueryClause[];
  totalMass: number;
  /** Per query word: the index term used (exact or corrected), or null when unknown. */
  words: { word: string; term: string | null; distance: number }[];
}

export class CharterRetriever extends BaseRetriever<Record<string, unknown>> {
  lc_namespace = ['charte_ia', 'retrievers'];

  static override lc_name(): string {
    return 'CharterRetriever';
  }

  readonly k: number;
  readonly entries: readonly KbEntry[];
  private readonly analyzer: Analyzer;
  private readonly index: Bm25Index;
  private readonly fuzzy: FuzzyIndex;
  /** Surface words in FuzzyIndex order, with their term ids. */
  private readonly surfaceTerms: Int32Array;
  private readonly unknownMass: number;

  constructor(entries: readonly KbEntry[], options: CharterRetrieverOptions = {}) {
    const { synonyms, k, bm25, ...base } = options;
    super(base);
    this.entries = entries;
    this.k = k ?? DEFAULT_K;
    this.analyzer = createAnalyzer({ synonyms: synonyms ?? [] });
    this.index = Bm25Index.build(entries, this.analyzer, bm25);
    // Most frequent words first: they get full distance-2 tolerance if the vocabulary is huge.
    const surface = [...this.index.surface];
    const df = surface.map(([, term]) => this.index.df(term));
    const order = surface.map((_, i) => i).sort((x, y) => (df[y] as number) - (df[x] as number));
    this.surfaceTerms = Int32Array.from(order, (i) => (surface[i] as [string, number])[1]);
    this.fuzzy = FuzzyIndex.build(order.map((i) => (surface[i] as [string, number])[0]));
    this.unknownMass = unknownWordMass(entries.length);
  }

  /** Builds a retriever over `entries` (same as `new CharterRetriever(entries, options)`). */
  static fromEntries(entries: readonly KbEntry[], options: CharterRetrieverOptions = {}): CharterRetriever {
    return new CharterRetriever(entries, options);
  }

  get size(): number {
    return this.entries.length;
  }

  /** Analyses a query into weighted clauses, correcting unknown words within typo distance. */
  plan(query: string): QueryPlan {
    const clauses: QueryClause[] = [];
    const words: QueryPlan['words'] = [];
    const usedTerms = new Set<number>();
    const seenStems = new Set<string>();
    let totalMass = 0;
    for (const { word, stem } of this.analyzer.analyze(query)) {
      if (seenStems.has(stem)) continue;
      if (seenStems.size >= MAX_QUERY_WORDS) break;
      seenStems.add(stem);
      let termId = this.index.termId(stem);
      let distance = 0;
      if (termId < 0) [termId, distance] = this.correct(word);
      if (termId === -2) continue; // a misspelt stop word
      const prior = isWeakStem(stem) ? WEAK_WORD_WEIGHT : 1;
      if (termId < 0) {
        totalMass += this.unknownMass * prior;
        words.push({ word, term: null, distance: 0 });
        continue;
      }
      words.push({ word, term: this.index.term(termId) ?? stem, distance });
      if (usedTerms.has(termId)) continue; // e.g. a typo of a word already in the query
      usedTerms.add(termId);
      const mass = this.index.idf(termId);
      totalMass += mass * prior;
      clauses.push({ termId, weight: (FUZZY_WEIGHTS[distance] ?? 0) * prior, mass });
    }
    return { clauses, totalMass, words };
  }

  /** Closest vocabulary term to an unknown word: [termId, distance]; [-1, 0] if none, [-2, 0] for a misspelt stop word. */
  private correct(word: string): [number, number] {
    if (/\d/.test(word) || maxDistanceFor(word.length) === 0) return [-1, 0];
    let best = -1;
    let bestDistance = Infinity;
    let bestDf = -1;
    for (const m of this.fuzzy.lookup(word)) {
      const termId = this.surfaceTerms[m.index] ?? -1;
      if (termId < 0 || m.distance === 0) continue;
      const df = this.index.df(termId);
      if (m.distance < bestDistance || (m.distance === bestDistance && df > bestDf)) {
        best = termId;
        bestDistance = m.distance;
        bestDf = df;
      }
    }
    if (best >= 0) return [best, bestDistance];
    return isStopWordTypo(word) ? [-2, 0] : [-1, 0];
  }

  /** The `k` best entries for `query`, best first, each with its score and confidence. */
  search(query: string, k: number = this.k): KbHit[] {
    const plan = this.plan(query);
    if (plan.clauses.length === 0 || k <= 0) return [];
    // One more hit than returned: the margin of the top hit needs the next one, even when k = 1.
    const scored = this.index.score(plan.clauses, k + 1);
    const ideal = this.index.idealScore(plan.clauses);
    return scored.slice(0, k).map((hit, rank) => ({
      entry: this.entries[hit.doc] as KbEntry,
      score: hit.score,
      confidence: combineConfidence(hitSignals(scored, rank, plan.totalMass, ideal)),
    }));
  }

  override async _getRelevantDocuments(query: string): Promise<Document<Record<string, unknown>>[]> {
    return this.search(query).map(({ entry, score, confidence }) => {
      const metadata: CharterDocumentMetadata = { id: entry.id, title: entry.title, score, confidence, sources: entry.sources };
      return new Document<Record<string, unknown>>({ id: entry.id, pageContent: entry.body, metadata: { ...metadata } });
    });
  }
}
