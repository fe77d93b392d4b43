/**
 * Folding and tokenisation shared by every policy matcher.
 *
 * A message is folded (lower case, no accents, ligatures expanded, apostrophes as spaces) and cut
 * into word tokens made of [a-z0-9]. Each token remembers its offsets in the original text and
 * whether a clause boundary (, ; : ! ? ( ) « » quotes, line break, sentence dot) precedes it:
 * matches never span a boundary, and negation scopes stop there.
 */

import { fold as foldText } from '../text.js';

export interface Token {
  /** Folded word. */
  w: string;
  /** Offsets in the original text (end exclusive). */
  start: number;
  end: number;
  /** True when a clause boundary lies between the previous token and this one. */
  boundary: boolean;
}

export interface TokenizedText {
  readonly text: string;
  readonly tokens: readonly Token[];
}

const LIGATURES: Record<string, string> = { œ: 'oe', Œ: 'oe', æ: 'ae', Æ: 'ae', ß: 'ss' };

/** Lower case, strip diacritics, expand ligatures. Keeps the string length stable per char. */
function foldChar(ch: string): string {
  const lig = LIGATURES[ch];
  if (lig) return lig;
  return ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** Fold a whole string (for configuration terms and comparisons); apostrophes become spaces. */
export function fold(s: string): string {
  return foldText(s).replace(/'/g, ' ');
}

const BOUNDARY_CHARS = new Set([',', '!', '?', '(', ')', '[', ']', '«', '»', '"', '“', '”', '\n', '…', '|']);

function isWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
}

/**
 * Cut `text` into folded tokens. Linear in the text length: each character is visited once
 * (folding is done per character so that offsets map back to the original).
 */
export function tokenize(text: string): TokenizedText {
  const tokens: Token[] = [];
  let cur = '';
  let curStart = -1;
  let pendingBoundary = false;
  const flush = (end: number): void => {
    if (cur) {
      tokens.push({ w: cur, start: curStart, end, boundary: pendingBoundary && tokens.length > 0 });
      pendingBoundary = false;
    }
    cur = '';
    curStart = -1;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    const code = ch.charCodeAt(0);
    // Fast path for ASCII letters/digits.
    if (code < 128) {
      const lower = code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : ch;
      if (isWordChar(lower.charCodeAt(0))) {
        if (!cur) curStart = i;
        cur += lower;
        continue;
      }
      flush(i);
      if (BOUNDARY_CHARS.has(ch)) pendingBoundary = true;
      else if (ch === '.' || ch === ';' || ch === ':') {
        const next = text.charCodeAt(i + 1);
        // Followed by a space / end of text it ends a clause; "you.com", "3.5", "tl;dv" do not.
        if (Number.isNaN(next) || next === 32 || next === 10 || next === 9 || next === 13) pendingBoundary = true;
      }
      continue;
    }
    const folded = foldChar(ch);
    let wordy = folded.length > 0;
    for (let k = 0; k < folded.length && wordy; k++) wordy = isWordChar(folded.charCodeAt(k));
    if (wordy) {
      if (!cur) curStart = i;
      cur += folded;
    } else {
      flush(i);
      if (BOUNDARY_CHARS.has(ch)) pendingBoundary = true;
    }
  }
  flush(text.length);
  return { text, tokens };
}

/** Accept either raw text or an already tokenised text (to tokenise a message only once). */
export function asTokenized(input: string | TokenizedText): TokenizedText {
  return typeof input === 'string' ? tokenize(input) : input;
}

/** True when a clause boundary lies strictly inside tokens [from, to] (i.e. before tokens from+1..to). */
export function boundaryBetween(tokens: readonly Token[], from: number, to: number): boolean {
  for (let i = from + 1; i <= to; i++) if (tokens[i]?.boundary) return true;
  return false;
}
