/** Small, allocation-light text helpers shared by the recognizers. */

const LETTER = /\p{L}|\p{M}/u;
const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;

export function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

export function isLetter(ch: string | undefined): boolean {
  if (ch === undefined || ch === '') return false;
  if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')) return true;
  if (ch < '\u00C0') return false;
  return LETTER.test(ch);
}

export function isUpper(ch: string | undefined): boolean {
  return ch !== undefined && ch !== '' && UPPER.test(ch);
}

export function isLower(ch: string | undefined): boolean {
  return ch !== undefined && ch !== '' && LOWER.test(ch);
}

export function isAlnum(ch: string | undefined): boolean {
  return isDigit(ch) || isLetter(ch);
}

/** Lower-case and strip diacritics: "Chloé" → "chloe", "Anne-Marie" → "anne-marie". */
export function normalizeWord(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/’/g, "'");
}

/**
 * Lower case, diacritics stripped, typographic apostrophes and no-break spaces made plain, one
 * UTF-16 unit for one: indices in the result are indices in the input ("Sécu N°" → "secu n°").
 */
export function foldSameLength(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c < '\u0080') {
      out += c >= 'A' && c <= 'Z' ? String.fromCharCode(c.charCodeAt(0) + 32) : c;
      continue;
    }
    if (c === '’' || c === '‘') {
      out += "'";
      continue;
    }
    if (c === '\u00A0' || c === '\u202F') {
      out += ' ';
      continue;
    }
    const base = c.normalize('NFD')[0]!.toLowerCase();
    out += base.length === 1 ? base : c;
  }
  return out;
}

/** Only digits of a string, in order. */
export function digitsOf(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== undefined && c >= '0' && c <= '9') out += c;
  }
  return out;
}

/** Letters and digits of a string, upper-cased (IBAN / NIR style). */
export function alnumOf(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== undefined && /[0-9A-Za-z]/.test(c)) out += c.toUpperCase();
  }
  return out;
}

export interface Token {
  /** Token text as written (elided articles removed: "l'usager" → "usager"). */
  text: string;
  /** Normalised text: lower case, no diacritics. */
  norm: string;
  start: number;
  end: number;
}

/** Characters that may appear inside a word token (between letters). */
function isInnerJoin(ch: string | undefined): boolean {
  return ch === '-' || ch === "'" || ch === '’';
}

/**
 * Splits text into word tokens by a single linear scan. A token is a run of letters, possibly
 * joined by hyphens or apostrophes ("Anne-Marie", "N'Diaye"). Elided articles are split off
 * ("l'usager" → "l'" dropped, "usager" kept; "d'Artagnan" stays whole only when the prefix is
 * upper-case, as in a surname).
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isLetter(text[i])) {
      i++;
      continue;
    }
    const start = i;
    i++;
    while (i < n) {
      const c = text[i];
      if (isLetter(c)) {
        i++;
      } else if (isInnerJoin(c) && isLetter(text[i + 1])) {
        i += 2;
      } else {
        break;
      }
    }
    pushWord(tokens, text, start, i);
  }
  return tokens;
}

const ELISION = /^(?:[ldjmnstcLDJMNSTC]|[qQ]u|[jJ]usqu|[lL]orsqu|[pP]uisqu)['’]/;

function pushWord(tokens: Token[], text: string, start: number, end: number): void {
  let s = start;
  const raw = text.slice(start, end);
  const m = ELISION.exec(raw);
  if (m) {
    const rest = raw.slice(m[0].length);
    const prefixLower = isLower(raw[0]);
    if (rest.length > 0 && (prefixLower || isLower(rest[0]))) s = start + m[0].length;
  }
  const word = text.slice(s, end);
  tokens.push({ text: word, norm: normalizeWord(word), start: s, end });
}

/** True when the text between two tokens is only horizontal whitespace (1..3 chars). */
export function isTightGap(text: string, from: number, to: number): boolean {
  const len = to - from;
  if (len < 1 || len > 3) return false;
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c !== ' ' && c !== '\u00A0' && c !== '\u202F' && c !== '\t') return false;
  }
  return true;
}

/** True for a token written with an upper-case initial ("Leroy", "BENALI", "Anne-Marie"). */
export function isCapitalized(token: Token): boolean {
  return isUpper(token.text[0]);
}

/** True for an all-capitals token of two letters or more ("BENALI", "DRH"). */
export function isAllCaps(token: Token): boolean {
  let letters = 0;
  for (const c of token.text) {
    if (isLower(c)) return false;
    if (isLetter(c)) letters++;
  }
  return letters >= 2;
}
