/**
 * French text analysis for retrieval: folding, tokenisation, elisions, hyphenated compounds,
 * synonyms (incl. multi-word expressions and SMS spellings), stop words and Snowball stemming.
 *
 * Pipeline (every step is a single left-to-right pass, so the whole is linear in the input):
 *   1. scan (tokenizer.ts): runs of letters/digits, folded per word (lower case, accents removed
 *      by NFKD, œ→oe, æ→ae, ’→'); elided prefixes dropped (l' d' qu' jusqu'…); hyphen links and
 *      words written in capitals remembered;
 *   2. synonyms (synonym-matcher.ts): variants matched on stems, longest first, replaced by the
 *      group's canonical form ("infos perso" → "données personnelles", "pk" → "pourquoi");
 *   3. hyphenated compounds ("FOR-MI") give the joined word ("formi") and each part ("for", "mi"),
 *      after the clitics of inversions are removed ("peut-il", "a-t-on");
 *   4. stop words and one-letter words are dropped, and so is "pourquoi" when nothing else is
 *      left ("Pourquoi pas ?" has no topic); a word in -ons after the subject "nous" or
 *      before "-nous" is read as a verb and replaced by its infinitive ("risquons-nous" →
 *      "risquer"); `tokens` then stems each word (stem.ts, which also brings together the verb
 *      forms Snowball leaves apart: "utilisent"/"utiliser", "vérifiez"/"vérifier").
 *
 * Stems are computed from the accent-free form, so "donnees" and "données" give the same stem.
 */
import { FRENCH_STOP_WORDS } from './stopwords.js';
import { fold, scan, type Part } from './tokenizer.js';
import { stem, stemWord, verbFormOfNous } from './stem.js';
import { SynonymMatcher } from './synonym-matcher.js';

/** Longest word kept; longer runs are junk (base64, hashes…) and are dropped. */
const MAX_WORD = 40;
/** Pronouns ending verb inversions ("peut-il", "a-t-on", "donnez-moi"): not part of the compound. */
const CLITICS = new Set(['t', 'il', 'ils', 'elle', 'elles', 'on', 'je', 'tu', 'nous', 'vous', 'ce', 'le', 'la', 'les', 'lui', 'leur', 'moi', 'toi', 'y', 'en', 'ci']);

export { fold, stem, stemWord };

const DIGIT = /\d/;
/** Question words kept (as weak words): they qualify a topic, so a text made only of them has none. */
const INTERROGATIVES = new Set(['pourquoi']);
/** Object pronouns and negation that may stand between "nous" and its verb ("nous ne les utilisons"). */
const BEFORE_VERB = new Set(['ne', 'le', 'la', 'les', 'en', 'y', 'lui', 'leur', 'vous', 'se']);

/** An analysed word: its folded surface form and its stem. */
export interface AnalyzedWord {
  word: string;
  stem: string;
}

export interface AnalyzerOptions {
  /** Synonym groups; the first variant of each group is the canonical form. */
  synonyms?: readonly (readonly string[])[];
  /**
   * Names (folded, hyphens removed) kept whole instead of stemmed: the stemmer would read
   * « FOR-MI » as a form of « forme » and « MIRAI » as one of « mire » (see `namesOf`).
   */
  names?: ReadonlySet<string>;
}

export interface Analyzer {
  /** Stems of the meaningful words of `text`, in order (repeats kept). */
  tokens(text: string): string[];
  /** Meaningful folded words of `text` before stemming (`stem(w)` gives the token). */
  words(text: string): string[];
  /** Same as `tokens` with the folded surface word of each stem. */
  analyze(text: string): AnalyzedWord[];
  /** Stem of one folded word (names of the knowledge base kept whole). */
  stem(word: string): string;
  fold(text: string): string;
}

function keep(word: string): boolean {
  if (word.length > MAX_WORD) return false;
  if (word.length < 2 && !DIGIT.test(word)) return false;
  return !FRENCH_STOP_WORDS.has(word);
}

/** True when the subject "nous" comes before part `i`, object pronouns and "ne" aside. */
function afterNous(parts: readonly Part[], i: number): boolean {
  for (let j = i - 1; j >= 0 && j >= i - 4; j--) {
    const w = (parts[j] as Part).text;
    if (w === 'nous') return true;
    if (!BEFORE_VERB.has(w)) return false;
  }
  return false;
}

/** Expands hyphenated compounds and filters stop words; returns folded surface words. */
function words(parts: Part[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < parts.length) {
    let end = i + 1;
    while (end < parts.length && (parts[end] as Part).hyphen) end++;
    if (end === i + 1) {
      const w = (parts[i] as Part).text;
      if (keep(w)) out.push(w.endsWith('ons') && afterNous(parts, i) ? verbFormOfNous(w) : w);
      i = end;
      continue;
    }
    const group = parts.slice(i, end).map((p) => p.text);
    let inverted = false; // "risquons-nous": the first person plural, inverted
    while (group.length > 1 && CLITICS.has(group[group.length - 1] as string)) inverted = group.pop() === 'nous' || inverted;
    const only = group.length === 1 ? (group[0] as string) : '';
    if (only.endsWith('ons') && keep(only) && (inverted || afterNous(parts, i))) group[0] = verbFormOfNous(only);
    if (group.length > 1) {
      const joined = group.join('');
      if (keep(joined)) out.push(joined);
    }
    for (const w of group) if (keep(w)) out.push(w);
    i = end;
  }
  return out;
}

/** Creates a French analyser; build one per synonyms table and reuse it. */
export function createAnalyzer(opts: AnalyzerOptions = {}): Analyzer {
  const names = opts.names;
  const stemOf = names && names.size > 0 ? (w: string) => (names.has(w) ? w : stem(w)) : stem;
  const synonyms = new SynonymMatcher(opts.synonyms ?? [], stemOf);
  const surface = (text: string): string[] => {
    const out = words(synonyms.apply(scan(text)));
    return out.every((w) => INTERROGATIVES.has(w)) ? [] : out; // "Pourquoi ?", "Pourquoi pas ?"
  };
  return {
    words: surface,
    analyze: (text) => surface(text).map((word) => ({ word, stem: stemOf(word) })),
    tokens: (text) => surface(text).map(stemOf),
    stem: stemOf,
    fold,
  };
}
