/**
 * Stemming of folded words: Snowball French on the accent-free form, so that "données" and
 * "donnees" get the same stem. A few accents that Snowball needs are restored first.
 */
import { frenchStem } from './french-stemmer.js';
import { fold } from './tokenizer.js';

/** Restores the accent of a few suffixes Snowball needs ("donnees" → "données") before stemming. */
function restoreSuffix(word: string): string {
  if (word.length >= 4 && word.endsWith('ee')) return word.slice(0, -2) + 'ée';
  if (word.length >= 5 && word.endsWith('ees')) return word.slice(0, -3) + 'ées';
  if (word.length >= 6 && word.endsWith('ite')) return word.slice(0, -3) + 'ité';
  if (word.length >= 7 && word.endsWith('ites')) return word.slice(0, -4) + 'ités';
  return word;
}

const DIGIT = /\d/;

/** Stem of a folded word, accent-free; words with digits are kept as they are. */
export function stemWord(word: string): string {
  return DIGIT.test(word) ? word : fold(frenchStem(restoreSuffix(word)));
}

const cache = new Map<string, string>();

/** `stemWord` with a bounded cache, for words seen again and again. */
export function stem(word: string): string {
  const cached = cache.get(word);
  if (cached !== undefined) return cached;
  const result = stemWord(word);
  if (cache.size >= 200_000) cache.clear();
  cache.set(word, result);
  return result;
}
