import { priorityOf, type Recognizer, type ScoredFinding } from '../types.js';
import { IBAN_LENGTHS, isValidIban } from '../checksums.js';
import { isAlnum } from '../text.js';

/**
 * IBAN candidates: country code + 2 check digits, then up to 30 alphanumerics grouped by
 * spaces or dashes. The candidate is cut to the country's length and must end on a group
 * boundary; it is an IBAN when it passes mod-97, or, when its check digits are wrong (a typo),
 * when it has the exact shape of one (see `hasIbanShape`). After a label (« IBAN », « RIB »)
 * the labelled recognizer is more lenient still.
 */
const IBAN_RE = /(?<![\p{L}\p{N}])[A-Z]{2}\d{2}(?:[ \u00A0\-]?[A-Za-z0-9]){8,30}/gu;

export function findIbans(text: string): ScoredFinding[] {
  const out: ScoredFinding[] = [];
  IBAN_RE.lastIndex = 0;
  for (let m = IBAN_RE.exec(text); m !== null; m = IBAN_RE.exec(text)) {
    const raw = m[0];
    const length = IBAN_LENGTHS[raw.slice(0, 2)];
    if (length === undefined) continue;
    let count = 0;
    let cut = -1;
    for (let i = 0; i < raw.length; i++) {
      if (isAlnum(raw[i]) && ++count === length) {
        cut = i + 1;
        break;
      }
    }
    if (cut === -1) continue;
    const end = m.index + cut;
    if (isAlnum(text[end])) continue;
    const candidate = raw.slice(0, cut);
    const basis = isValidIban(candidate) ? 'checksum' : hasIbanShape(candidate) ? 'shape' : undefined;
    if (basis === undefined) continue;
    out.push({ type: 'iban', start: m.index, end, priority: priorityOf('iban', basis) });
    IBAN_RE.lastIndex = end;
  }
  return out;
}

/**
 * The exact shape of an IBAN, check digits aside: upper case, written in one block or in groups of
 * four, and a national part mostly of digits (a French one: bank and branch codes in digits, an
 * 11-character account, a 2-digit RIB key).
 */
export function hasIbanShape(candidate: string): boolean {
  const groups = candidate.split(/[ \u00A0\-]/);
  const grouped = groups.length === 1 || groups.every((g, i) => g.length === 4 || (i === groups.length - 1 && g.length > 0 && g.length < 4));
  if (!grouped) return false;
  const compact = groups.join('');
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(compact)) return false;
  const country = compact.slice(0, 2);
  if (country === 'FR' || country === 'MC') return /^\d{10}[A-Z0-9]{11}\d{2}$/.test(compact.slice(4));
  const bban = compact.slice(4);
  return (bban.match(/\d/g)?.length ?? 0) * 2 >= bban.length;
}

export const ibanRecognizer: Recognizer = { types: ['iban'], find: findIbans };
