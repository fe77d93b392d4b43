import { PRIORITY, type Recognizer, type ScoredFinding } from '../types.js';
import { IBAN_LENGTHS, isValidIban } from '../checksums.js';
import { isAlnum } from '../text.js';

/**
 * IBAN candidates: country code + 2 check digits, then up to 30 alphanumerics grouped by
 * spaces or dashes. The candidate is cut to the country's length, must end on a group
 * boundary and pass mod-97.
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
    if (!isValidIban(raw.slice(0, cut))) continue;
    out.push({ type: 'iban', start: m.index, end, priority: PRIORITY.iban });
    IBAN_RE.lastIndex = end;
  }
  return out;
}

export const ibanRecognizer: Recognizer = { type: 'iban', find: findIbans };
