import { BaseRetriever, type BaseRetrieverInput } from '@langchain/core/retrievers';
import { Document } from '@langchain/core/documents';
import type { CharterRetriever, CharterDocumentMetadata } from '../knowledge/retriever.js';
import type { KbEntry, KbHit } from '../knowledge/types.js';
import { focusQuestion } from '../knowledge/focus.js';
import type { DenseIndex } from './dense-index.js';
import { reciprocalRankFusion } from './rrf.js';

/**
 * Hybrid retrieval: the lexical ranking of the charte-ia retriever (BM25F, concepts, typos) fused
 * by reciprocal rank fusion with the ranking of entry embeddings by similarity to the question —
 * and, for a rewritten long question, the lexical ranking of the rewrite. Itself a langchain
 * `BaseRetriever`. The lexical scores are never replaced: every hit keeps the confidence the
 * lexical retriever gave it on the agent's own (redacted) question, 0 when it did not find it, and
 * `authoritativeOrder` lets the fused order move only entries the lexical retriever is confident
 * about — so « je ne sais pas » is decided exactly as without the layer.
 */

/** How deep each ranking goes before fusion. */
export const FUSION_DEPTH = 8;

export interface HybridHit extends KbHit {
  /** Reciprocal-rank-fusion score. */
  fused: number;
  /** Rank (from 0) in the lexical ranking of the question, the dense ranking; absent when not in it. */
  lexicalRank?: number;
  denseRank?: number;
}

export type DenseOutcome = 'ok' | 'not_ready' | 'failed' | 'off';

export interface HybridSearch {
  hits: HybridHit[];
  dense: DenseOutcome;
  /** Why the dense ranking is missing, when it failed (for the caller's metrics). */
  error?: unknown;
}

export interface HybridOptions {
  /** Lexical hits of the question already computed (routing did it): reused, confidences unchanged. */
  lexicalHits?: KbHit[];
  /** A search question rewritten from a long one: its lexical ranking joins the fusion, and it is what is embedded. */
  rewrite?: string;
  k?: number;
}

export interface HybridRetrieverInput extends BaseRetrieverInput {
  lexical: CharterRetriever;
  /** The dense index of the same entries, once built (undefined until then: lexical only). */
  dense?: () => DenseIndex | undefined;
  /** Embeds one (redacted) search text. */
  embedQuery?: (text: string) => Promise<number[]>;
  k?: number;
}

/** What is embedded for a question: the question sentence itself, without greetings, frames and context. */
export function focusedText(question: string): string {
  const core = focusQuestion(question).pieces.filter((p) => p.weight >= 1).map((p) => p.text.trim()).filter(Boolean).join(' ');
  return core.replace(/\s+/g, ' ').trim() || question.trim();
}

export class HybridRetriever extends BaseRetriever<Record<string, unknown>> {
  lc_namespace = ['charte_ia', 'retrievers'];

  static override lc_name(): string {
    return 'HybridRetriever';
  }

  readonly lexical: CharterRetriever;
  readonly k: number;
  private readonly dense?: () => DenseIndex | undefined;
  private readonly embedQuery?: (text: string) => Promise<number[]>;
  private readonly byId: Map<string, KbEntry>;

  constructor(input: HybridRetrieverInput) {
    const { lexical, dense, embedQuery, k, ...base } = input;
    super(base);
    this.lexical = lexical;
    this.dense = dense;
    this.embedQuery = embedQuery;
    this.k = k ?? lexical.k;
    this.byId = new Map(lexical.entries.map((e) => [e.id, e]));
  }

  /** Fused hits, best first; each with its lexical confidence (0 when only the dense side found it). */
  async search(query: string, opts: HybridOptions = {}): Promise<HybridSearch> {
    const k = opts.k ?? this.k;
    const lexicalHits = opts.lexicalHits ?? this.lexical.search(query, FUSION_DEPTH);
    const rankings: string[][] = [lexicalHits.map((h) => h.entry.id)];
    if (opts.rewrite) rankings.push(this.lexical.search(opts.rewrite, FUSION_DEPTH).map((h) => h.entry.id));
    let dense: DenseOutcome = 'off';
    let error: unknown;
    let denseIds: string[] = [];
    const index = this.dense?.();
    if (this.dense && this.embedQuery) {
      if (!index) dense = 'not_ready';
      else {
        try {
          denseIds = index.rank(await this.embedQuery(opts.rewrite ?? focusedText(query)), FUSION_DEPTH);
          rankings.push(denseIds);
          dense = 'ok';
        } catch (e) {
          dense = 'failed';
          error = e;
        }
      }
    }
    const lexicalById = new Map(lexicalHits.map((h, i) => [h.entry.id, { h, i }]));
    const hits = reciprocalRankFusion(rankings)
      .slice(0, k)
      .map(({ id, score }): HybridHit => {
        const lex = lexicalById.get(id);
        const denseRank = denseIds.indexOf(id);
        return {
          entry: lex?.h.entry ?? (this.byId.get(id) as KbEntry),
          score: lex?.h.score ?? 0,
          confidence: lex?.h.confidence ?? 0,
          fused: score,
          ...(lex ? { lexicalRank: lex.i } : {}),
          ...(denseRank >= 0 ? { denseRank } : {}),
        };
      });
    return { hits, dense, ...(error === undefined ? {} : { error }) };
  }

  override async _getRelevantDocuments(query: string): Promise<Document<Record<string, unknown>>[]> {
    const { hits } = await this.search(query);
    return hits.map(({ entry, score, confidence, fused }) => {
      const metadata: CharterDocumentMetadata & { fused: number } = { id: entry.id, title: entry.title, score, confidence, sources: entry.sources, fused };
      return new Document<Record<string, unknown>>({ id: entry.id, pageContent: entry.body, metadata: { ...metadata } });
    });
  }
}

/**
 * The hits the charter dialog decides on: the lexical hits with their lexical confidences, the
 * entries at or above `threshold` reordered by the fused ranking and put first, the others after
 * them in lexical order — only when the lexical top is itself confident. Otherwise nothing moves,
 * so the bot declines or hedges exactly as the lexical retriever alone would; and when it answers,
 * the top stays confident, so it answers as well.
 */
export function authoritativeOrder(lexicalHits: readonly KbHit[], fused: readonly HybridHit[], threshold: number): KbHit[] {
  if (!lexicalHits[0] || lexicalHits[0].confidence < threshold) return [...lexicalHits];
  const confident = new Set(lexicalHits.filter((h) => h.confidence >= threshold).map((h) => h.entry.id));
  const rank = new Map(fused.map((h, i) => [h.entry.id, i]));
  const first = lexicalHits.filter((h) => confident.has(h.entry.id)).sort((a, b) => (rank.get(a.entry.id) ?? 1e9) - (rank.get(b.entry.id) ?? 1e9));
  return [...first, ...lexicalHits.filter((h) => !confident.has(h.entry.id))];
}
