import { PRIORITY, type Recognizer, type ScoredFinding } from '../types.js';

/** Separators seen in phone numbers: space, no-break spaces, dot, dash. */
const SEP = '[ \\u00A0\\u202F.\\-]';

/**
 * French numbers: 0X + 8 digits, +33 / 0033 + 9 digits (optional "(0)"), overseas and a few
 * neighbouring international prefixes. Digits may be grouped freely with single separators.
 * The number must not touch another digit run (directly or across one separator), so digits
 * inside longer numbers (NIR, IBAN, budget figures) are not taken for phones.
 */
const PHONE_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}_+]|\d${SEP})` +
    String.raw`(?:` +
    String.raw`(?:\+|00)33${SEP}?(?:\(0\)${SEP}?|0)?[1-9](?:${SEP}?\d){8}` +
    String.raw`|(?:\+|00)(?:32|34|39|41|44|49|212|213|216|221|225|237|351|352|262|269|590|594|596|687|689)${SEP}?(?:\(0\)${SEP}?)?[1-9](?:${SEP}?\d){7,9}` +
    String.raw`|0${SEP}?[1-9](?:${SEP}?\d){8}` +
    String.raw`)` +
    String.raw`(?![\p{N}]|${SEP}\d|\s?[€%])`,
  'gu',
);

export function findPhones(text: string): ScoredFinding[] {
  const out: ScoredFinding[] = [];
  PHONE_RE.lastIndex = 0;
  for (let m = PHONE_RE.exec(text); m !== null; m = PHONE_RE.exec(text)) {
    if (!hasConsistentGrouping(m[0])) continue;
    out.push({ type: 'phone', start: m.index, end: m.index + m[0].length, priority: PRIORITY.phone });
  }
  return out;
}

/**
 * Rejects mixes of separator kinds ("01.45-67 89") that are more often references than
 * phone numbers; a single kind of separator (or none) is what people write.
 */
function hasConsistentGrouping(s: string): boolean {
  const body = s.replace(/^(?:\+|00)\d{2,3}[ \u00A0\u202F.-]?/, '').replace(/\(0\)[ \u00A0\u202F.-]?/, '');
  const seps = new Set<string>();
  for (const c of body) if (c === '.' || c === '-' || c === ' ' || c === '\u00A0' || c === '\u202F') seps.add(c === '\u00A0' || c === '\u202F' ? ' ' : c);
  return seps.size <= 1;
}

export const phoneRecognizer: Recognizer = { types: ['phone'], find: findPhones };
