/**
 * Folding and low-level word scanning for the French analyser. A hand-written scanner over
 * character codes: one pass, constant work per character, no regex backtracking, so it stays
 * linear on 50,000+ character messages and on binary junk.
 */

import { fold, stripMarks } from '../text.js';

export { fold, stripMarks };

/** A word part: lower-cased folded text, whether written in capitals, hyphen link. */
export interface Part {
  text: string;
  upper: boolean;
  /** True when joined to the previous part by a hyphen ("for-mi" → "for", "mi"). */
  hyphen: boolean;
}

/** Elided words dropped before an apostrophe; "i" covers OCR text where "l'" reads "I'". */
const ELISIONS = new Set(['l', 'd', 'j', 'm', 'n', 's', 't', 'c', 'qu', 'jusqu', 'lorsqu', 'puisqu', 'quoiqu', 'presqu', 'i']);

// Character classes of UTF-16 code units; ASCII is filled here, the rest lazily.
const NOT_WORD = 1;
const LOWER = 2;
const UPPER = 3;
const OTHER_WORD = 4; // digits, caseless letters, combining marks
const APOSTROPHE = 5;
const HYPHEN = 6;
const classes = new Uint8Array(65536);
const NON_ASCII_WORD = /^[\p{L}\p{N}\p{M}]$/u;
for (let c = 0; c < 128; c++) {
  if (c >= 97 && c <= 122) classes[c] = LOWER;
  else if (c >= 65 && c <= 90) classes[c] = UPPER;
  else if (c >= 48 && c <= 57) classes[c] = OTHER_WORD;
  else classes[c] = NOT_WORD;
}
for (const c of "'\u2019\u2018\u02bc\u0060\u00b4\u2032\u02b9") classes[c.charCodeAt(0)] = APOSTROPHE;
for (const c of '-\u2010\u2011') classes[c.charCodeAt(0)] = HYPHEN;

function classOf(code: number): number {
  const known = classes[code] as number;
  if (known !== 0) return known;
  const ch = String.fromCharCode(code);
  let k: number;
  if (code >= 0xd800 && code <= 0xdfff) k = NOT_WORD; // surrogate halves: astral symbols, not words
  else if (!NON_ASCII_WORD.test(ch)) k = NOT_WORD;
  else if (ch.toLowerCase() !== ch) k = UPPER;
  else if (ch.toUpperCase() !== ch) k = LOWER;
  else k = OTHER_WORD;
  classes[code] = k;
  return k;
}

/** Folded form of each UTF-16 code unit, filled lazily ("É" → "e", "œ" → "oe", a mark → ""). */
const foldedChars: (string | undefined)[] = [];

function foldChar(code: number): string {
  let f = foldedChars[code];
  if (f === undefined) {
    const ch = String.fromCharCode(code);
    if (code >= 0xd800 && code <= 0xdfff) f = ch;
    else {
      const lower = ch.toLowerCase();
      f = fold(lower);
    }
    foldedChars[code] = f;
  }
  return f;
}

/** Folds one scanned word that contains non-ASCII characters, character by character. */
function foldPart(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    out += c < 128 ? (c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : raw[i]) : foldChar(c);
  }
  return out;
}

/**
 * Splits raw text into folded word parts: runs of letters/digits (accents are folded per word,
 * so ASCII words cost nothing extra); an apostrophe after an elided word drops it ("l'ia" →
 * "ia"), other apostrophes inside a word join ("aujourd'hui" → "aujourdhui"); a hyphen links
 * two parts ("FOR-MI"). One pass over the character codes.
 */
export function scan(s: string): Part[] {
  const parts: Part[] = [];
  const n = s.length;
  let i = 0;
  let acc = ''; // text joined across word-internal apostrophes
  let hasUpper = false;
  let hasLower = false;
  let nonAscii = false;
  let hyphen = false;
  while (i < n) {
    let code = s.charCodeAt(i);
    let k = code < 128 ? (classes[code] as number) : classOf(code);
    if (k < LOWER || k > OTHER_WORD) {
      i++;
      continue;
    }
    const start = i;
    do {
      if (code >= 128) nonAscii = true;
      if (k === UPPER) hasUpper = true;
      else if (k === LOWER) hasLower = true;
      if (++i >= n) break;
      code = s.charCodeAt(i);
      k = code < 128 ? (classes[code] as number) : classOf(code);
    } while (k >= LOWER && k <= OTHER_WORD);
    acc = acc === '' ? s.slice(start, i) : acc + s.slice(start, i);
    let linked = false;
    if (i + 1 < n && (k === APOSTROPHE || k === HYPHEN)) {
      const next = s.charCodeAt(i + 1);
      const nk = next < 128 ? (classes[next] as number) : classOf(next);
      linked = nk >= LOWER && nk <= OTHER_WORD;
    }
    if (linked && k === APOSTROPHE) {
      i++; // the next run continues this word, or replaces it after an elision
      if (ELISIONS.has(hasUpper ? acc.toLowerCase() : acc)) {
        acc = '';
        hasUpper = hasLower = nonAscii = false;
      }
      continue;
    }
    const text = nonAscii ? foldPart(acc) : hasUpper ? acc.toLowerCase() : acc;
    parts.push({ text, upper: hasUpper && !hasLower, hyphen });
    acc = '';
    hasUpper = hasLower = nonAscii = false;
    hyphen = linked; // linked here means a hyphen
    if (linked) i++;
  }
  return parts;
}
