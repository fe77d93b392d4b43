/**
 * How informative a word is in everyday French, from two frequency-ranked word lists shipped by
 * the `@zxcvbn-ts/language-fr` package (28,000 words of spoken French from OpenSubtitles 2024 via
 * OPUS, ODC-BY, see its NOTICE.md; 38,000 words of French Wikipedia). A knowledge base of a few dozen entries cannot tell "plutôt",
 * "montre" or "connaissent" (rare in the entries, so a high idf) from "budget" or "télétravail"
 * (a subject of their own): everyday French can. A question's word that an entry does not cover
 * counts against that entry in proportion to this informativeness: missing "plutôt" says nothing,
 * missing "budget" says the entry is about something else.
 *
 * Read once, offline, from the installed package; stems are compared (stem.ts), so every
 * inflection of a listed word shares its best rank.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { stemWord } from './stem.js';
import { fold } from './tokenizer.js';

/** Ranks at and above which a word counts as everyday (floor) or as specific (full weight). */
const COMMON_RANK = 200;
const SPECIFIC_RANK = 20_000;
/** Informativeness of the most common words: never zero, a question made only of them still has a topic. */
export const MIN_INFORMATIVENESS = 0.1;

/**
 * Spoken French (subtitles) and written French (Wikipedia): a word's rank is its best in either,
 * so administrative vocabulary ("modalités", "dispositions") is not mistaken for a rare subject.
 */
const LISTS = ['commonWords.json', 'wikipedia.json'];

/** Stem → informativeness, computed once from its best rank in either list. */
let table: Map<string, number> | undefined;
/** Every listed word, folded: a real French word is not a typo of another. */
let surface: Set<string> | undefined;
let failed = false;

function fromRank(rank: number): number {
  const x = (Math.log(rank) - Math.log(COMMON_RANK)) / (Math.log(SPECIFIC_RANK) - Math.log(COMMON_RANK));
  return Math.min(1, Math.max(MIN_INFORMATIVENESS, x));
}

function load(): Map<string, number> {
  if (table) return table;
  const ranks = new Map<string, number>();
  surface = new Set<string>();
  if (!failed) {
    try {
      const require = createRequire(import.meta.url);
      for (const list of LISTS) {
        const words = JSON.parse(readFileSync(require.resolve(`@zxcvbn-ts/language-fr/src/${list}`), 'utf8')) as unknown;
        if (!Array.isArray(words)) continue;
        words.forEach((w, rank) => {
          if (typeof w !== 'string') return;
          const folded = fold(w).replace(/'$/, '');
          surface!.add(folded);
          const key = stemWord(folded);
          if (key && (ranks.get(key) ?? Infinity) > rank + 1) ranks.set(key, rank + 1);
        });
      }
    } catch {
      failed = true; // without the lists every word is informative: the previous behaviour
    }
  }
  table = new Map([...ranks].map(([stem, rank]) => [stem, fromRank(rank)]));
  return table;
}

/** Reads the lists now (about 0.3 s, once per process) rather than on the first question. */
export function preloadGeneralFrench(): void {
  load();
}

/** Informativeness of a stem in [MIN_INFORMATIVENESS, 1]: 1 for words absent from everyday French. */
export function informativeness(stem: string): number {
  return load().get(stem) ?? 1;
}

/**
 * True when `word` (folded) is a word of everyday French. Typo correction leaves such words
 * alone: « crois » is not a typo of « trois », nor « poste » of « porte », nor « année » of
 * « annexe »; a word of the question the knowledge base does not know is simply unknown.
 */
export function isEverydayWord(word: string): boolean {
  load();
  return surface?.has(word) ?? false;
}
