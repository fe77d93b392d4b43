/**
 * How informative a word is in everyday French, from a frequency-ranked list of 28,000 words of
 * spoken French (OpenSubtitles 2024 via OPUS, ODC-BY, shipped by the `@zxcvbn-ts/language-fr`
 * package; see its NOTICE.md). A knowledge base of a few dozen entries cannot tell "plutôt",
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

let ranks: Map<string, number> | undefined;
let failed = false;

function load(): Map<string, number> {
  if (ranks) return ranks;
  const map = new Map<string, number>();
  if (!failed) {
    try {
      const require = createRequire(import.meta.url);
      const words = JSON.parse(readFileSync(require.resolve('@zxcvbn-ts/language-fr/src/commonWords.json'), 'utf8')) as unknown;
      if (Array.isArray(words)) {
        words.forEach((w, rank) => {
          if (typeof w !== 'string') return;
          const key = stemWord(fold(w).replace(/'$/, ''));
          if (key && !map.has(key)) map.set(key, rank + 1);
        });
      }
    } catch {
      failed = true; // without the list every word is informative: the previous behaviour
    }
  }
  ranks = map;
  return map;
}

/** Rank of a stem in everyday French (1 = most frequent), or undefined when not listed. */
export function frenchRank(stem: string): number | undefined {
  return load().get(stem);
}

/** Informativeness of a stem in [MIN_INFORMATIVENESS, 1]: 1 for words absent from everyday French. */
export function informativeness(stem: string): number {
  const rank = load().get(stem);
  if (rank === undefined) return 1;
  const x = (Math.log(rank) - Math.log(COMMON_RANK)) / (Math.log(SPECIFIC_RANK) - Math.log(COMMON_RANK));
  return Math.min(1, Math.max(MIN_INFORMATIVENESS, x));
}
