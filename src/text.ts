/** Small text helpers shared by the core (no French analysis here: see knowledge/analyzer.ts). */

/** Combining marks left by NFKD (accents, cedillas…); a plain class, cheaper than \p{M}. */
const COMBINING_MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+/g;
const LIGATURES: Record<string, string> = { 'œ': 'oe', 'Œ': 'OE', 'æ': 'ae', 'Æ': 'AE', 'ß': 'ss' };
const LIGATURE_RE = /[œŒæÆß]/g;
const APOSTROPHES = /[\u2019\u2018\u02bc\u0060\u00b4\u2032\u02b9]/g;
const HYPHENS = /[\u2010\u2011\u2012\u2013\u2014]/g;
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;

/** Removes accents (NFKD + combining marks), keeping the case; ASCII text is returned as is. */
export function stripMarks(text: string): string {
  return NON_ASCII.test(text) ? text.normalize('NFKD').replace(COMBINING_MARKS, '') : text;
}

/** Lower case + accent/ligature folding, typographic apostrophes and dashes normalised: "Œuvre d’Intérêt" → "oeuvre d'interet". */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower;
  return stripMarks(lower.replace(LIGATURE_RE, (c) => LIGATURES[c] ?? c))
    .replace(APOSTROPHES, "'")
    .replace(HYPHENS, '-')
    .toLowerCase();
}

/**
 * Whitespace around line breaks removed and blank lines dropped, in one pass per line. A regex
 * (whitespace-star, newline, whitespace-star) did this before, but it is quadratic on a long run of
 * whitespace without a line break: 100,000 « \r » or ideographic spaces held the event loop for
 * tens of seconds.
 */
function joinTrimmedLines(text: string): string {
  if (!text.includes('\n')) return text.trim();
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .join('\n');
}

/** Control characters and lone surrogates (binary junk) removed; whitespace collapsed. */
export function sanitize(text: string): string {
  return joinTrimmedLines(
    text
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD\uFFFE\uFFFF]/g, ' ')
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, ' ')
      .replace(/[ \t\u00A0\u202F]+/g, ' '),
  );
}

/** At most `max` UTF-16 units, the end replaced by "…", never cutting an emoji (surrogate pair) in half. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/** True when the text holds at least one letter or digit (not only emoji, punctuation or junk). */
export function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/** Escapes a string for use inside a RegExp. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
