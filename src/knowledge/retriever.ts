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
import { namesOf } from './names.js';
import { Bm25Index, conceptTerm, type Bm25Options, type QueryAlt, type QueryUnit, type ScoredEntry } from './bm25.js';
import { FuzzyIndex, maxDistanceFor } from './fuzzy.js';
import { isStopWordTypo } from './stopwords.js';
import { isWeakStem, WEAK_WORD_WEIGHT } from './weak-words.js';
import { combineConfidence, hitSignals, unknownWordMass, UNKNOWN_WORD_SHARE } from './confidence.js';
import { ConceptMatcher } from './concept-matcher.js';
import type { Concept } from './concepts.js';
import { focusQuestion, type QuestionFocus, type QuestionKind } from './focus.js';
import { informativeness, isEverydayWord, preloadGeneralFrench } from './general-french.js';

export const DEFAULT_K = 4;
/** Distinct query words considered (a pasted document is judged on its beginning). */
export const MAX_QUERY_WORDS = 256;
/** Weight of a typo-tolerant match, by edit distance (an exact match weighs 1). */
const FUZZY_WEIGHTS: readonly number[] = [1, 0.7, 0.5];
/**
 * What a known word weighs against an entry that leaves it out, as a share of its mass: the
 * knowledge base speaks of it elsewhere, so the question is in the domain, and an extra known word
 * is most often context ("en préfecture", "en réunion"). A word no entry knows weighs fully.
 */
export const KNOWN_MISS_FACTOR = 0.5;
/** Quality of a match through a concept the entry answers (an exact word match weighs 1). */
export const CONCEPT_QUALITY = 0.85;
/**
 * Confidence factor of an entry whose subject (title, phrasings, tags, concepts) does not name
 * what the question asks for (« quel **budget** … ? » against the entry on the ambassadors): it
 * may mention the word in passing, it does not answer the question.
 */
export const ASKED_MISS_FACTOR = 0.7;
/** Confidence factor when no entry knows the asked word at all (« quel **budget** » in a KB without budgets). */
export const ASKED_UNKNOWN_FACTOR = 0.4;
/**
 * Confidence factor of an entry that cannot hold the kind of answer asked for: a date for
 * « quand / avant quelle échéance », a number for « combien / quel budget ».
 */
export const ANSWER_TYPE_FACTOR = 0.5;
/**
 * How much a word's informativeness in everyday French (general-french.ts) weighs in the
 * ranking, as an exponent of its score: an entry matching « derrière », « rien » or « juste »
 * should not outrank one matching « concertation ». 0 would ignore it; 1 made the rare words
 * of a question crowd out the rest (calibrated with `npm run eval`: 0.3 best on the studied sets).
 */
export const RANKING_INFORMATIVENESS = 0.3;
/**
 * Ranking bonus of an entry whose phrasings ask the same kind of question as the query, times the
 * share of its phrasings of that kind: « pourquoi tant de précautions… ? » prefers the entry that
 * answers why the rules exist over the ones that state them. Only « why » is aligned: the other
 * kinds gained nothing, and « qui sont les ambassadeurs ? » (who) is a definition as often as a
 * request for a person.
 */
export const KIND_ALIGNMENT = 0.6;
/** Calibrated with `npm run eval` (0.3 changed nothing, 1 lost a paraphrase). */
const ALIGNED_KINDS: ReadonlySet<QuestionKind> = new Set<QuestionKind>(['why']);
/** Candidates scored beyond `k` so that the bonus can promote an entry from just below. */
const KIND_CANDIDATES = 4;
const HAS_DATE = /\b(?:1[89]\d\d|20\d\d)\b|\b\d{1,2}(?:er)? (?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre)\b/i;
const HAS_NUMBER = /\d|\b(?:un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|quinze|vingt|trente|cent|mille|moitié|tiers|quart)\b/i;

export interface CharterRetrieverOptions extends BaseRetrieverInput {
  /** Synonym groups (first variant = canonical form), e.g. from `loadSynonyms`. */
  synonyms?: readonly (readonly string[])[];
  /** Concepts (`concepts.yaml`); entries name the ones they answer in their `concepts` field. */
  concepts?: readonly Concept[];
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

/** How a query was understood: its units (one per distinct word) and what they weigh. */
export interface QueryPlan {
  units: QueryUnit[];
  /** Σ miss over the units: the most an entry matching nothing could leave out. */
  totalMass: number;
  /** Per query word: the index term used (exact or corrected), or null when unknown; its concepts. */
  words: { word: string; term: string | null; distance: number; concepts: string[]; weight: number }[];
  focus: QuestionFocus;
  /** Index in `units` of the word naming what is asked, if any. */
  asked?: number;
}

/** Words written with a capital inside a sentence (« le Journal officiel », « DeepL Pro »): names. */
function namedWords(text: string, analyzer: Analyzer): Set<string> {
  const out = new Set<string>();
  let sentenceStart = true;
  for (const m of text.matchAll(/[\p{L}\p{N}]+|[.!?:\n]/gu)) {
    const token = m[0];
    if (token.length === 1 && '.!?:\n'.includes(token)) {
      sentenceStart = true;
      continue;
    }
    if (!sentenceStart && /^\p{Lu}/u.test(token)) for (const w of analyzer.words(token)) out.add(w);
    sentenceStart = false;
  }
  return out;
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
  private readonly concepts: ConceptMatcher;
  /** Per entry, the share of its title and phrasings of each question kind (computed when first needed). */
  private readonly kindShares: (Map<QuestionKind, number> | undefined)[] = [];

  constructor(entries: readonly KbEntry[], options: CharterRetrieverOptions = {}) {
    const { synonyms, concepts, k, bm25, ...base } = options;
    super(base);
    this.entries = entries;
    this.k = k ?? DEFAULT_K;
    const names = namesOf(entries.flatMap((e) => [e.title, e.body, ...e.questions]));
    this.analyzer = createAnalyzer({ synonyms: synonyms ?? [], names });
    this.index = Bm25Index.build(entries, this.analyzer, bm25);
    // Most frequent words first: they get full distance-2 tolerance if the vocabulary is huge.
    const surface = [...this.index.surface];
    const df = surface.map(([, term]) => this.index.df(term));
    const order = surface.map((_, i) => i).sort((x, y) => (df[y] as number) - (df[x] as number));
    this.surfaceTerms = Int32Array.from(order, (i) => (surface[i] as [string, number])[1]);
    this.fuzzy = FuzzyIndex.build(order.map((i) => (surface[i] as [string, number])[0]));
    this.unknownMass = unknownWordMass(entries.length);
    this.concepts = new ConceptMatcher(concepts ?? [], this.analyzer);
    preloadGeneralFrench();
  }

  /** Concept words that analyse to nothing (only stop words), for `kb check`. */
  get emptyConceptWords(): readonly { concept: string; word: string }[] {
    return this.concepts.emptyWords;
  }

  /** Builds a retriever over `entries` (same as `new CharterRetriever(entries, options)`). */
  static fromEntries(entries: readonly KbEntry[], options: CharterRetrieverOptions = {}): CharterRetriever {
    return new CharterRetriever(entries, options);
  }

  get size(): number {
    return this.entries.length;
  }

  /**
   * Analyses a query: focus (question vs context, frames removed), words, concepts, typo
   * corrections. Each distinct word becomes a unit; a word the knowledge base does not know
   * weighs in the coverage only when it stands in the question itself, and then as a fraction
   * of a rare word (`UNKNOWN_WORD_SHARE`): a natural question's extra words are not held
   * against an answer, but an off-topic subject still lowers the confidence.
   */
  plan(query: string): QueryPlan {
    const focus = focusQuestion(query);
    const units: QueryUnit[] = [];
    const words: QueryPlan['words'] = [];
    const byStem = new Map<string, number>();
    const usedTerms = new Map<number, number>();
    /** Per unit: its everyday-French informativeness raised to RANKING_INFORMATIVENESS. */
    const rankFactors: number[] = [];
    const askedStem = focus.asked ? this.analyzer.analyze(focus.asked)[0]?.stem : undefined;
    let totalMass = 0;
    let asked: number | undefined;
    for (const piece of focus.pieces) {
      const analysed = this.analyzer.analyze(piece.text);
      const named = namedWords(piece.text, this.analyzer);
      const conceptsAt: number[][] = analysed.map(() => []);
      for (const m of this.concepts.match(analysed)) {
        const termId = this.index.termId(conceptTerm(this.concepts.concepts[m.concept]!.id));
        if (termId < 0) continue; // no entry answers this concept
        for (let i = m.start; i < m.end; i++) if (!conceptsAt[i]!.includes(termId)) conceptsAt[i]!.push(termId);
      }
      analysed.forEach(({ word, stem }, i) => {
        const weight = (isWeakStem(stem) ? WEAK_WORD_WEIGHT : 1) * piece.weight;
        const seen = byStem.get(stem);
        if (seen !== undefined) {
          // The same word again (e.g. in the context, then in the question): keep the stronger weight.
          const u = units[seen]!;
          const prior = weight * (rankFactors[seen] as number);
          if (prior > u.scale && u.scale > 0) {
            const f = prior / u.scale;
            totalMass += u.miss * (f - 1);
            u.mass *= f;
            u.miss *= f;
            u.scale = prior;
          }
          return;
        }
        if (byStem.size >= MAX_QUERY_WORDS) return;
        const concepts = conceptsAt[i]!;
        let termId = this.index.termId(stem);
        let distance = 0;
        if (termId < 0 && concepts.length === 0) [termId, distance] = this.correct(word);
        if (termId === -2) return; // a misspelt stop word
        // How informative the word is in everyday French: a typo weighs what the word it stands
        // for weighs; a name the knowledge base does not know (« le Journal officiel »,
        // « Copilot ») is a subject of its own, however common its words are.
        const unknownName = termId < 0 && concepts.length === 0 && named.has(word);
        const info = unknownName ? 1 : informativeness(termId >= 0 ? (this.index.term(termId) ?? stem) : stem);
        const rankFactor = info ** RANKING_INFORMATIVENESS;
        const prior = weight * rankFactor;
        const alts: QueryAlt[] = [];
        if (termId >= 0 && !usedTerms.has(termId)) alts.push({ termId, quality: FUZZY_WEIGHTS[distance] ?? 0 });
        for (const c of concepts) alts.push({ termId: c, quality: CONCEPT_QUALITY });
        words.push({
          word,
          term: termId >= 0 ? (this.index.term(termId) ?? stem) : null,
          distance,
          concepts: concepts.map((c) => this.index.term(c)?.slice(1) ?? ''),
          weight: piece.weight,
        });
        if (stem === askedStem && asked === undefined) asked = units.length;
        byStem.set(stem, units.length);
        rankFactors.push(rankFactor);
        if (termId < 0 && concepts.length === 0) {
          // Unknown word: information the knowledge base cannot cover, counted only in the question.
          const miss = piece.weight >= 1 ? this.unknownMass * UNKNOWN_WORD_SHARE * prior * info : 0;
          units.push({ alts: [], scale: prior, mass: 0, miss });
          totalMass += miss;
          return;
        }
        if (alts.length === 0) {
          // A typo of a word already in the query.
          units.push({ alts: [], scale: prior, mass: 0, miss: 0 });
          return;
        }
        if (termId >= 0) usedTerms.set(termId, units.length);
        const base = Math.max(...alts.map((a) => this.index.idf(a.termId)));
        // A known word of a context sentence still counts for the entry that covers it, but
        // nothing against the others.
        const mass = base * prior * info;
        const miss = piece.weight >= 1 ? mass * KNOWN_MISS_FACTOR : 0;
        units.push({ alts, scale: prior, mass, miss });
        totalMass += miss;
      });
    }
    return { units, totalMass, words, focus, asked };
  }

  /** Closest vocabulary term to an unknown word: [termId, distance]; [-1, 0] if none, [-2, 0] for a misspelt stop word. */
  private correct(word: string): [number, number] {
    if (/\d/.test(word) || maxDistanceFor(word.length) === 0) return [-1, 0];
    if (isEverydayWord(word)) return [-1, 0];
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
    if (!plan.units.some((u) => u.alts.length > 0) || k <= 0) return [];
    // One more hit than returned: the margin of the top hit needs the next one, even when k = 1.
    const scored = this.alignKinds(this.index.score(plan.units, k + 1 + KIND_CANDIDATES), plan.focus.kind).slice(0, k + 1);
    const ideal = this.index.idealScore(plan.units);
    const askedAlts = plan.asked === undefined ? undefined : plan.units[plan.asked]?.alts;
    const typeTest = plan.focus.kind === 'when' ? HAS_DATE : plan.focus.kind === 'quantity' ? HAS_NUMBER : undefined;
    return scored.slice(0, k).map((hit, rank) => {
      const entry = this.entries[hit.doc] as KbEntry;
      let factor = 1;
      if (askedAlts && askedAlts.length === 0) factor *= ASKED_UNKNOWN_FACTOR;
      else if (askedAlts && !askedAlts.some((a) => this.index.isSubject(hit.doc, a.termId))) factor *= ASKED_MISS_FACTOR;
      if (typeTest && !typeTest.test(entry.body)) factor *= ANSWER_TYPE_FACTOR;
      return { entry, score: hit.score, confidence: combineConfidence(hitSignals(scored, rank, plan.totalMass, ideal)) * factor };
    });
  }

  /** Applies the kind bonus (KIND_ALIGNMENT) and re-sorts; hits unchanged for other kinds. */
  private alignKinds(hits: ScoredEntry[], kind: QuestionKind): ScoredEntry[] {
    if (!ALIGNED_KINDS.has(kind) || !(KIND_ALIGNMENT > 0)) return hits;
    return hits.map((h) => ({ ...h, score: h.score * (1 + KIND_ALIGNMENT * this.kindShare(h.doc, kind)) })).sort((a, b) => b.score - a.score);
  }

  private kindShare(doc: number, kind: QuestionKind): number {
    let shares = this.kindShares[doc];
    if (!shares) {
      shares = new Map();
      const entry = this.entries[doc] as KbEntry;
      const questions = [entry.title, ...entry.questions];
      for (const q of questions) {
        const k = focusQuestion(q).kind;
        shares.set(k, (shares.get(k) ?? 0) + 1 / questions.length);
      }
      this.kindShares[doc] = shares;
    }
    return shares.get(kind) ?? 0;
  }

  override async _getRelevantDocuments(query: string): Promise<Document<Record<string, unknown>>[]> {
    return this.search(query).map(({ entry, score, confidence }) => {
      const metadata: CharterDocumentMetadata = { id: entry.id, title: entry.title, score, confidence, sources: entry.sources };
      return new Document<Record<string, unknown>>({ id: entry.id, pageContent: entry.body, metadata: { ...metadata } });
    });
  }
}
