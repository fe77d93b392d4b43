/** Small text helpers shared by the core (no French analysis here: see knowledge/analyzer.ts). */

/** Lower case, accents removed, ligatures expanded, typographic apostrophes and dashes normalised. */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/[œ]/g, 'oe')
    .replace(/[æ]/g, 'ae')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘`´]/g, "'")
    .replace(/[‐‑‒–—]/g, '-');
}

/** Control characters and lone surrogates (binary junk) removed; whitespace collapsed. */
export function sanitize(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD\uFFFE\uFFFF]/g, ' ')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, ' ')
    .replace(/[ \t\u00A0\u202F]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}

/** True when the text holds at least one letter or digit (not only emoji, punctuation or junk). */
export function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/** Escapes a string for use inside a RegExp. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
