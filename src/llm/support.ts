import { createAnalyzer } from '../knowledge/analyzer.js';
import { fold } from '../text.js';

/**
 * Checks of generated French text against the text it must come from: a simple lexical support
 * test (the sentence's content words, stemmed, must be found in the source; its numbers exactly)
 * and the polarity cues a sentence carries (negation, ban, permission, obligation), so that a
 * sentence cannot turn « interdit » into « autorisé » while reusing the source's words.
 */

const analyzer = createAnalyzer();

/** Share of a sentence's content words that must be found in its source. */
export const MIN_SUPPORT = 0.8;

/** Stems of the meaningful words of `text` (stop words removed). */
export function contentStems(text: string): string[] {
  return analyzer.tokens(text);
}

/** Folded word tokens, apostrophes split (« n'est » → n, est). */
function foldedTokens(text: string): string[] {
  return fold(text)
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function numbersOf(text: string): string[] {
  return [...text.matchAll(/\d+(?:[.,]\d+)?/g)].map((m) => m[0].replace(',', '.'));
}

export interface Support {
  supported: boolean;
  /** Share of content words found in the source. */
  share: number;
  /** Content words (stems) and numbers not found in the source. */
  missing: string[];
}

/** Source side of the check, computed once per source text. */
export class SupportSource {
  readonly stems: Set<string>;
  readonly numbers: Set<string>;
  readonly cues: Set<Cue>;
  readonly affirmativeAllow: boolean;

  constructor(readonly text: string) {
    this.stems = new Set(contentStems(text));
    this.numbers = new Set(numbersOf(text));
    const c = cuesOf(text);
    this.cues = c.cues;
    this.affirmativeAllow = c.affirmativeAllow;
  }

  /** Whether `sentence` says only what this source says, by its words, numbers and polarity cues. */
  check(sentence: string, minShare: number = MIN_SUPPORT): Support {
    const stems = contentStems(sentence);
    const missing = [...new Set(stems.filter((s) => !this.stems.has(s)))];
    const found = stems.filter((s) => this.stems.has(s)).length;
    const share = stems.length ? found / stems.length : 0;
    for (const n of numbersOf(sentence)) if (!this.numbers.has(n)) missing.push(n);
    const cues = cuesOf(sentence);
    const foreignCue = [...cues.cues].some((c) => !this.cues.has(c)) || (cues.affirmativeAllow && !this.affirmativeAllow);
    const numbersOk = numbersOf(sentence).every((n) => this.numbers.has(n));
    return { supported: stems.length >= 2 && share >= minShare && numbersOk && !foreignCue, share, missing };
  }
}

export type Cue = 'negation' | 'ban' | 'permission' | 'obligation';

const NEGATION = new Set(['ne', 'n', 'pas', 'jamais', 'aucun', 'aucune', 'nul', 'nulle', 'ni', 'non', 'sans', 'rien', 'guere']);
const BAN = /^(?:interdi|prohib|proscri|defend)/;
const PERMISSION = /^(?:autoris|permis|permise|permet|peut|peuvent|pouvez|pouvons|possible|libre|librement|admis|admise)/;
const OBLIGATION = /^(?:doit|doivent|devez|devons|oblig|imperati|impos|exig)/;
/** How far back a negation word reaches (« ne sont en aucun cas autorisées »). */
const NEGATION_REACH = 4;

export interface Cues {
  cues: Set<Cue>;
  /** A permission not negated: « est autorisé », « vous pouvez » (not « n'est pas autorisé »). */
  affirmativeAllow: boolean;
  /** A permission negated: « n'est pas autorisé », « ne pouvez pas », « non autorisé ». */
  negatedAllow: boolean;
}

/** The polarity cues of a text. */
export function cuesOf(text: string): Cues {
  const tokens = foldedTokens(text);
  const cues = new Set<Cue>();
  let affirmativeAllow = false;
  let negatedAllow = false;
  tokens.forEach((t, i) => {
    if (NEGATION.has(t)) cues.add('negation');
    if (BAN.test(t)) cues.add('ban');
    if (OBLIGATION.test(t)) cues.add('obligation');
    if (PERMISSION.test(t)) {
      cues.add('permission');
      const before = tokens.slice(Math.max(0, i - NEGATION_REACH), i);
      const after = tokens.slice(i + 1, i + 3);
      if (before.some((w) => NEGATION.has(w)) || after.some((w) => w === 'pas' || w === 'jamais' || w === 'plus')) negatedAllow = true;
      else affirmativeAllow = true;
    }
  });
  return { cues, affirmativeAllow, negatedAllow };
}
