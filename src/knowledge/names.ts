/**
 * Names of the knowledge base (« FOR-MI », « MIRAI », « DTNUM »…): words the entries write in
 * capitals that are not words of everyday French. The stemmer, built for French words, would cut
 * them into the stem of an unrelated word (« formi » → « form », the stem of « forme » and
 * « former »; « mirai » → « mir », that of « mire »), so « sous quelle forme ? » would find the
 * training platform. The analyzer keeps these names whole, in the entries and in the questions.
 */
import { isEverydayWord } from './general-french.js';
import { stemWord } from './stem.js';
import { fold } from './tokenizer.js';

/** A run of capitals and digits, hyphenated parts included (« FOR-MI », « RGPD », « SG »). */
const CAPITALS = /(?<![\p{L}\p{N}])\p{Lu}[\p{Lu}\p{N}]+(?:-[\p{Lu}\p{N}]+)*(?![\p{L}\p{N}])/gu;

/** The names found in `texts`, folded and without hyphens, that the stemmer would change. */
export function namesOf(texts: Iterable<string>): Set<string> {
  const names = new Set<string>();
  for (const text of texts) {
    for (const m of text.matchAll(CAPITALS)) {
      const word = fold(m[0]).replace(/-/g, '');
      if (word.length < 3 || /^\d+$/.test(word) || names.has(word)) continue;
      if (isEverydayWord(word) || stemWord(word) === word) continue;
      names.add(word);
    }
  }
  return names;
}
