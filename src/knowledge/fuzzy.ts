/**
 * Typo tolerance with a symmetric-deletion index (SymSpell): every vocabulary word is stored
 * under the hashes of its deletions (up to 1 deletion for short words, 2 for words of 6+
 * letters); a query word is looked up under the hashes of its own deletions and the candidates
 * are checked with the true (optimal string alignment) Damerau-Levenshtein distance.
 *
 * Allowed distance: 1 for words of 4 to 7 letters, 2 for words of 8 letters or more, none below.
 * Keys are packed as `hash * 2^21 + wordId` in one sorted Float64Array (exact up to 2^53), so the
 * index stays compact and fast to build on large vocabularies; hash collisions are harmless
 * because every candidate is verified. Second-level deletions are added in the order of the word
 * list (give the most frequent words first) within a key budget, so a huge vocabulary degrades
 * to distance-1 tolerance for its rarest words instead of exhausting memory.
 */

const ID_BITS = 2 ** 21;
/** Vocabulary words beyond this count are not indexed for typo tolerance. */
export const MAX_FUZZY_WORDS = ID_BITS - 1;
/** Shortest vocabulary word indexed (a 4-letter query at distance 1 can match 3 letters). */
const MIN_WORD = 3;
const MAX_WORD = 40;
/** Default key budget (8 bytes each): ample for a real knowledge base (~100k keys). */
export const DEFAULT_MAX_KEYS = 3_000_000;

/** Allowed edit distance for a query word of this length. */
export function maxDistanceFor(length: number): number {
  if (length >= 8) return 2;
  if (length >= 4) return 1;
  return 0;
}

/** FNV-1a hash of `word` without the characters at positions `skip1` and `skip2` (-1: none). */
function hashWithout(word: string, skip1: number, skip2: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    if (i === skip1 || i === skip2) continue;
    h ^= word.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Hashes of `word` and of its deletions up to `depth` (1 or 2); duplicates are possible. */
function deletionHashes(word: string, depth: number, out: number[]): void {
  out.push(hashWithout(word, -1, -1));
  if (depth < 1) return;
  for (let i = 0; i < word.length; i++) {
    out.push(hashWithout(word, i, -1));
    if (depth < 2) continue;
    for (let j = i + 1; j < word.length; j++) out.push(hashWithout(word, i, j));
  }
}

/**
 * Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions), with an
 * early exit: returns `max + 1` as soon as the distance is known to exceed `max`.
 */
export function damerauLevenshtein(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (prev2[j - 2] as number) + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n] as number;
}

export interface FuzzyMatch {
  /** The vocabulary word matched. */
  word: string;
  /** Its index in the word list given to `FuzzyIndex.build`. */
  index: number;
  distance: number;
}

export class FuzzyIndex {
  private constructor(
    private readonly words: readonly string[],
    private readonly keys: Float64Array,
  ) {}

  /**
   * Indexes `words` (folded, unique, most important first). Words with digits or outside 3–40
   * letters are skipped; words of 6+ letters get second-level deletions while the budget lasts.
   */
  static build(words: readonly string[], maxKeys = DEFAULT_MAX_KEYS): FuzzyIndex {
    const keys: number[] = [];
    const hashes: number[] = [];
    const count = Math.min(words.length, MAX_FUZZY_WORDS);
    const eligible = (w: string): boolean => w.length >= MIN_WORD && w.length <= MAX_WORD && !/\d/.test(w);
    for (let id = 0; id < count; id++) {
      const w = words[id] as string;
      if (!eligible(w)) continue;
      hashes.length = 0;
      deletionHashes(w, 1, hashes);
      for (const h of hashes) keys.push(h * ID_BITS + id);
    }
    for (let id = 0; id < count && keys.length < maxKeys; id++) {
      const w = words[id] as string;
      if (w.length < 6 || !eligible(w)) continue;
      for (let i = 0; i < w.length; i++) {
        for (let j = i + 1; j < w.length; j++) keys.push(hashWithout(w, i, j) * ID_BITS + id);
      }
    }
    const sorted = Float64Array.from(keys);
    sorted.sort();
    return new FuzzyIndex(words, sorted);
  }

  get size(): number {
    return this.keys.length;
  }

  /** First position whose key is >= `key`. */
  private lowerBound(key: number): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.keys[mid] as number) < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Vocabulary words within the allowed distance of `word` (see `maxDistanceFor`), closest first.
   * The word itself (distance 0) is returned when it is in the vocabulary.
   */
  lookup(word: string, maxDistance = maxDistanceFor(word.length)): FuzzyMatch[] {
    if (word.length > MAX_WORD || maxDistance <= 0) return [];
    const hashes: number[] = [];
    deletionHashes(word, Math.min(maxDistance, 2), hashes);
    const seen = new Set<number>();
    const matches: FuzzyMatch[] = [];
    for (const h of hashes) {
      const base = h * ID_BITS;
      for (let p = this.lowerBound(base); p < this.keys.length; p++) {
        const key = this.keys[p] as number;
        if (key >= base + ID_BITS) break;
        const id = key - base;
        if (seen.has(id)) continue;
        seen.add(id);
        const candidate = this.words[id] as string;
        const distance = damerauLevenshtein(word, candidate, maxDistance);
        if (distance <= maxDistance) matches.push({ word: candidate, index: id, distance });
      }
    }
    return matches.sort((x, y) => x.distance - y.distance);
  }
}
