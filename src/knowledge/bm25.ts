/**
 * BM25F index over knowledge entries, with six weighted fields (title, questions, tags, body, the
 * key facts the editors wrote in **bold**, and the concepts the entry answers: one pseudo-term
 * `@id` per concept, never analysed).
 *
 * For a term t and an entry d, the field frequencies are merged before saturation (BM25F):
 *   tf~(t,d) = Σ_f  w_f · tf_f(t,d) / (1 − b_f + b_f · len_f(d) / avglen_f)
 *   score(q,d) = Σ_{t∈q}  weight_t · idf(t) · tf~ / (k1 + tf~)
 *   idf(t) = ln(1 + (N − df + 0.5) / (df + 0.5))
 * `tf~ / (k1 + tf~)` does not depend on the query, so it is computed once per posting at build
 * time: a query only adds precomputed numbers along the postings of its terms.
 */
import type { KbEntry } from './types.js';
import type { Analyzer } from './analyzer.js';

export type Field = 'title' | 'questions' | 'tags' | 'body' | 'keys' | 'concepts';
export type FieldWeights = Record<Field, number>;

export const DEFAULT_FIELD_WEIGHTS: Readonly<FieldWeights> = { title: 1.5, questions: 2.0, tags: 1.0, body: 1.0, keys: 0.8, concepts: 2.5 };
export const DEFAULT_FIELD_B: Readonly<FieldWeights> = { title: 0.5, questions: 0.6, tags: 0.3, body: 0.75, keys: 0.3, concepts: 0 };
export const DEFAULT_K1 = 1.2;
const FIELDS: readonly Field[] = ['title', 'questions', 'tags', 'body', 'keys', 'concepts'];
/** Index term of a concept: not a word the analyser can produce. */
export const conceptTerm = (id: string): string => `@${id}`;

export interface Bm25Options {
  k1?: number;
  weights?: Partial<FieldWeights>;
  b?: Partial<FieldWeights>;
}

/** One way an entry can match a query word: an index term and the quality of that match. */
export interface QueryAlt {
  termId: number;
  /** 1 for an exact match; < 1 for a typo-tolerant match or a match through a concept. */
  quality: number;
}

/**
 * One query word and the ways an entry can match it (its own term, a typo correction, the
 * concepts it belongs to). An entry scores a unit once, through its best matching alternative.
 */
export interface QueryUnit {
  alts: QueryAlt[];
  /** Multiplies the score of the unit (general words, context sentences weigh less). */
  scale: number;
  /** The unit's share of the query's information, credited to an entry that matches it. */
  mass: number;
  /**
   * What the unit weighs against an entry that does not match it: its mass times its
   * informativeness in everyday French (missing "plutôt" says little, missing "budget" a lot).
   */
  miss: number;
}

export interface ScoredEntry {
  doc: number;
  score: number;
  /** Sum of `mass · quality` over the units this entry matches. */
  matchedMass: number;
  /** Sum of `miss · quality` over the units this entry matches. */
  matchedMiss: number;
  /** Part of `matchedMass` matched in the fields that state the entry's subject (not the body alone). */
  subjectMass: number;
}

/** The key facts of an answer: what its editors wrote in **bold**. */
export function keyFacts(md: string): string[] {
  return [...md.matchAll(/\*\*([^*\n]{1,300})\*\*/g)].map((m) => m[1] as string);
}

/**
 * Removes Markdown link targets and HTML tags, keeping the visible text. Each attempt stops at
 * the next bracket, so the scan stays linear whatever the body contains.
 */
function markdownText(md: string): string {
  return md.replace(/\]\([^()\s\]]{0,500}\)/g, ']').replace(/<[^<>]{0,200}>/g, ' ');
}

export class Bm25Index {
  readonly k1: number;
  readonly size: number;
  /** Index term (stem) → term id, and back. */
  private readonly vocab = new Map<string, number>();
  private readonly terms: string[] = [];
  /** Folded surface word → term id, for typo tolerance. */
  readonly surface = new Map<string, number>();
  // Postings in compressed sparse rows: term t owns positions offsets[t] .. offsets[t+1]-1.
  private offsets: Int32Array = new Int32Array(1);
  private postingDocs: Int32Array = new Int32Array(0);
  /** tf~/(k1+tf~) of the term in the entry. */
  private postingVals: Float32Array = new Float32Array(0);
  /** 1 when the term stands in a field that states the entry's subject (not the body alone). */
  private postingSubject: Uint8Array = new Uint8Array(0);
  private idfs: Float64Array = new Float64Array(0);
  /** tf~/(k1+tf~) of a term found once in the title and once in the questions, average lengths. */
  readonly idealSaturation: number;
  /** tf~/(k1+tf~) of a concept listed by an entry. */
  readonly conceptSaturation: number;
  // Scratch buffers reused by `score` (searches are synchronous, so never shared concurrently).
  private readonly scores: Float64Array;
  private readonly matched: Float64Array;
  private readonly unitBest: Float64Array;
  private readonly missed: Float64Array;
  private readonly subjectMatched: Float64Array;
  private readonly unitQuality: Float64Array;
  private readonly unitSubject: Uint8Array;
  private readonly unitStamp: Int32Array;
  private stamp = 0;

  private constructor(size: number, k1: number, weights: FieldWeights) {
    this.size = size;
    this.k1 = k1;
    const ideal = weights.title + weights.questions;
    this.idealSaturation = ideal / (k1 + ideal);
    this.conceptSaturation = weights.concepts / (k1 + weights.concepts);
    this.scores = new Float64Array(size);
    this.matched = new Float64Array(size);
    this.unitBest = new Float64Array(size);
    this.missed = new Float64Array(size);
    this.subjectMatched = new Float64Array(size);
    this.unitQuality = new Float64Array(size);
    this.unitSubject = new Uint8Array(size);
    this.unitStamp = new Int32Array(size);
  }

  static build(entries: readonly KbEntry[], analyzer: Analyzer, opts: Bm25Options = {}): Bm25Index {
    const weights: FieldWeights = { ...DEFAULT_FIELD_WEIGHTS, ...opts.weights };
    const b: FieldWeights = { ...DEFAULT_FIELD_B, ...opts.b };
    const index = new Bm25Index(entries.length, opts.k1 ?? DEFAULT_K1, weights);
    // Pass 1: analyse every field into term ids, count lengths.
    const docTerms: Int32Array[][] = [];
    /** Per entry, at build time only: the terms of the fields that state its subject (not the body). */
    const subjects: Set<number>[] = [];
    const totalLen: FieldWeights = { title: 0, questions: 0, tags: 0, body: 0, keys: 0, concepts: 0 };
    const ids: number[] = [];
    for (const entry of entries) {
      const texts: Record<Field, readonly string[]> = {
        title: [entry.title],
        questions: entry.questions,
        tags: entry.tags,
        body: [markdownText(entry.body)],
        keys: keyFacts(entry.body),
        concepts: [],
      };
      const perField: Int32Array[] = [];
      const subject = new Set<number>();
      subjects.push(subject);
      for (const field of FIELDS) {
        ids.length = 0;
        if (field === 'concepts') {
          for (const c of new Set(entry.concepts ?? [])) ids.push(index.intern(conceptTerm(c)));
        }
        for (const text of texts[field]) {
          for (const word of analyzer.words(text)) {
            let id = index.surface.get(word);
            if (id === undefined) {
              const term = analyzer.stem(word);
              id = index.vocab.get(term);
              if (id === undefined) {
                id = index.terms.length;
                index.vocab.set(term, id);
                index.terms.push(term);
              }
              index.surface.set(word, id);
            }
            ids.push(id);
          }
        }
        if (field !== 'body') for (const id of ids) subject.add(id);
        totalLen[field] += ids.length;
        perField.push(Int32Array.from(ids));
      }
      docTerms.push(perField);
    }

    // Pass 2: BM25F pseudo-frequency of each (entry, term), saturated.
    const n = Math.max(1, entries.length);
    const avg = FIELDS.map((f) => Math.max(1, totalLen[f] / n));
    const norms = FIELDS.map((f, i) => (len: number): number => weights[f] / (1 - b[f] + (b[f] * len) / (avg[i] as number)));
    const vocabSize = index.vocab.size;
    const tf = new Float64Array(vocabSize);
    const df = new Int32Array(vocabSize);
    const pairTerms: number[] = [];
    const pairVals: number[] = [];
    const docStarts = new Int32Array(entries.length + 1);
    const inDoc: number[] = [];
    docTerms.forEach((perField, doc) => {
      perField.forEach((fieldIds, f) => {
        const norm = (norms[f] as (len: number) => number)(fieldIds.length);
        for (const id of fieldIds) {
          if (tf[id] === 0) inDoc.push(id);
          tf[id] = (tf[id] as number) + norm;
        }
      });
      for (const id of inDoc) {
        const pseudo = tf[id] as number;
        pairTerms.push(id);
        pairVals.push(pseudo / (index.k1 + pseudo));
        df[id] = (df[id] as number) + 1;
        tf[id] = 0;
      }
      inDoc.length = 0;
      docStarts[doc + 1] = pairTerms.length;
    });

    // Pass 3: counting sort of the (entry, term) pairs by term.
    const offsets = new Int32Array(vocabSize + 1);
    for (let t = 0; t < vocabSize; t++) offsets[t + 1] = (offsets[t] as number) + (df[t] as number);
    const fill = offsets.slice(0, vocabSize);
    const postingDocs = new Int32Array(pairTerms.length);
    const postingVals = new Float32Array(pairTerms.length);
    const postingSubject = new Uint8Array(pairTerms.length);
    for (let doc = 0; doc < entries.length; doc++) {
      for (let p = docStarts[doc] as number; p < (docStarts[doc + 1] as number); p++) {
        const t = pairTerms[p] as number;
        const at = fill[t] as number;
        postingDocs[at] = doc;
        postingVals[at] = pairVals[p] as number;
        postingSubject[at] = subjects[doc]?.has(t) ? 1 : 0;
        fill[t] = at + 1;
      }
    }
    index.offsets = offsets;
    index.postingDocs = postingDocs;
    index.postingVals = postingVals;
    index.postingSubject = postingSubject;
    index.idfs = Float64Array.from(df, (d) => Math.log(1 + (entries.length - d + 0.5) / (d + 0.5)));
    return index;
  }

  /** Term id of a term, created if new (build time only). */
  private intern(term: string): number {
    let id = this.vocab.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.vocab.set(term, id);
      this.terms.push(term);
    }
    return id;
  }

  /** True when the entry states the term in its title, questions, tags or concepts (not only its body). */
  isSubject(doc: number, termId: number): boolean {
    if (termId < 0 || termId >= this.idfs.length) return false;
    // Postings of a term are sorted by entry: a binary search finds the entry's posting.
    let lo = this.offsets[termId] as number;
    let hi = (this.offsets[termId + 1] as number) - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const d = this.postingDocs[mid] as number;
      if (d === doc) return this.postingSubject[mid] === 1;
      if (d < doc) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }


  /** Term id of an index term (stem), or -1. */
  termId(stem: string): number {
    return this.vocab.get(stem) ?? -1;
  }

  /** Index term (stem) of a term id. */
  term(termId: number): string | undefined {
    return this.terms[termId];
  }

  /** Number of entries containing the term. */
  df(termId: number): number {
    if (termId < 0 || termId >= this.idfs.length) return 0;
    return (this.offsets[termId + 1] as number) - (this.offsets[termId] as number);
  }

  idf(termId: number): number {
    return this.idfs[termId] ?? this.maxIdf;
  }

  /** idf of a term found in no entry. */
  get maxIdf(): number {
    return Math.log(1 + (this.size + 0.5) / 0.5);
  }

  /** Best contribution of one alternative: the term in title and questions (a concept: listed). */
  private idealOf(alt: QueryAlt): number {
    const term = this.terms[alt.termId] ?? '';
    return alt.quality * this.idf(alt.termId) * (term.startsWith('@') ? this.conceptSaturation : this.idealSaturation);
  }

  /** Best score an entry could reach on these units (each through its best alternative, ideally placed). */
  idealScore(units: readonly QueryUnit[]): number {
    let total = 0;
    for (const u of units) {
      let best = 0;
      for (const a of u.alts) if (a.termId >= 0 && a.termId < this.idfs.length) best = Math.max(best, this.idealOf(a));
      total += u.scale * best;
    }
    return total;
  }

  /**
   * Scores every entry matching at least one unit; returns the `k` best, best first. An entry
   * scores each unit through its best alternative only, so a word matched both by its own term
   * and by a concept counts once.
   */
  score(units: readonly QueryUnit[], k: number): ScoredEntry[] {
    const touched: number[] = [];
    const inUnit: number[] = [];
    for (const u of units) {
      if (!(u.scale > 0)) continue;
      const stamp = ++this.stamp;
      inUnit.length = 0;
      for (const a of u.alts) {
        if (a.termId < 0 || a.termId >= this.idfs.length || !(a.quality > 0)) continue;
        const idf = a.quality * u.scale * (this.idfs[a.termId] as number);
        const end = this.offsets[a.termId + 1] as number;
        for (let p = this.offsets[a.termId] as number; p < end; p++) {
          const d = this.postingDocs[p] as number;
          const val = idf * (this.postingVals[p] as number);
          if (this.unitStamp[d] !== stamp) {
            this.unitStamp[d] = stamp;
            this.unitBest[d] = val;
            this.unitQuality[d] = a.quality;
            this.unitSubject[d] = this.postingSubject[p] as number;
            inUnit.push(d);
          } else if (val > (this.unitBest[d] as number)) {
            this.unitBest[d] = val;
            this.unitQuality[d] = Math.max(this.unitQuality[d] as number, a.quality);
            if (this.postingSubject[p] === 1) this.unitSubject[d] = 1;
          }
        }
      }
      for (const d of inUnit) {
        if (this.scores[d] === 0 && this.matched[d] === 0) touched.push(d);
        this.scores[d] = (this.scores[d] as number) + (this.unitBest[d] as number);
        const q = this.unitQuality[d] as number;
        this.matched[d] = (this.matched[d] as number) + q * u.mass;
        this.missed[d] = (this.missed[d] as number) + q * u.miss;
        if (this.unitSubject[d] === 1) this.subjectMatched[d] = (this.subjectMatched[d] as number) + q * u.mass;
      }
    }
    const top: ScoredEntry[] = [];
    for (const d of touched) {
      const score = this.scores[d] as number;
      if (score > 0 && k > 0 && (top.length < k || score > (top[top.length - 1] as ScoredEntry).score)) {
        let i = Math.min(top.length, k - 1);
        top[i] = { doc: d, score, matchedMass: this.matched[d] as number, matchedMiss: this.missed[d] as number, subjectMass: this.subjectMatched[d] as number };
        while (i > 0 && (top[i - 1] as ScoredEntry).score < score) {
          [top[i - 1], top[i]] = [top[i] as ScoredEntry, top[i - 1] as ScoredEntry];
          i--;
        }
      }
      this.scores[d] = 0;
      this.matched[d] = 0;
      this.missed[d] = 0;
      this.subjectMatched[d] = 0;
    }
    if (this.stamp > 2_000_000_000) {
      this.stamp = 0;
      this.unitStamp.fill(0);
    }
    return top;
  }
}
