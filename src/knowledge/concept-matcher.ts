/**
 * Finds the concepts of `concepts.yaml` in an analysed text. Each concept word or expression is
 * analysed like the text (folding, synonyms, stop words, stemming), so "représentants du
 * personnel" and "les représentants du personnel" give the same stems, and matched as a run of
 * consecutive stems. A trie keyed by stems keeps the scan linear: at each position it walks at
 * most the length of the longest expression.
 */
import type { Analyzer, AnalyzedWord } from './analyzer.js';
import type { Concept } from './concepts.js';

interface Node {
  next: Map<string, Node>;
  /** Concepts whose expression ends here. */
  concepts?: number[];
}

export interface ConceptMatch {
  concept: number;
  /** Word positions [start, end) in the analysed text. */
  start: number;
  end: number;
}

export class ConceptMatcher {
  private readonly root: Node = { next: new Map() };
  /** Expressions that analyse to nothing (only stop words), for `kb check`. */
  readonly emptyWords: { concept: string; word: string }[] = [];

  constructor(
    readonly concepts: readonly Concept[],
    analyzer: Analyzer,
  ) {
    concepts.forEach((c, ci) => {
      for (const word of c.words) {
        const stems = analyzer.analyze(word).map((w) => w.stem);
        if (stems.length === 0) {
          this.emptyWords.push({ concept: c.id, word });
          continue;
        }
        let node = this.root;
        for (const s of stems) {
          let child = node.next.get(s);
          if (!child) {
            child = { next: new Map() };
            node.next.set(s, child);
          }
          node = child;
        }
        node.concepts ??= [];
        if (!node.concepts.includes(ci)) node.concepts.push(ci);
      }
    });
  }

  get size(): number {
    return this.concepts.length;
  }

  /**
   * The concept expressions found in `words`: at each position the longest expression wins
   * (« consulter la charte » over « consulter »); a word listed by several concepts points to
   * all of them.
   */
  match(words: readonly AnalyzedWord[]): ConceptMatch[] {
    const out: ConceptMatch[] = [];
    if (this.root.next.size === 0) return out;
    for (let i = 0; i < words.length; i++) {
      let node: Node | undefined = this.root;
      let best: number[] | undefined;
      let bestEnd = i;
      for (let j = i; j < words.length && node; j++) {
        node = node.next.get((words[j] as AnalyzedWord).stem);
        if (node?.concepts) {
          best = node.concepts;
          bestEnd = j + 1;
        }
      }
      if (best) for (const concept of best) out.push({ concept, start: i, end: bestEnd });
    }
    return out;
  }
}
