import { PRIORITY, type Recognizer, type ScoredFinding } from '../types.js';
import { isValidNir } from '../checksums.js';

const SEP = '[ \\u00A0\\u202F.\\-]';

/**
 * NIR (numéro de sécurité sociale): sex digit, year, month, département (2 digits or 2A/2B),
 * commune, order number, 2-digit key; spaced or not. Every candidate must pass the key check.
 */
const NIR_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])[1234578](?:${SEP}?\d){4}${SEP}?(?:\d${SEP}?\d|2${SEP}?[ABab])(?:${SEP}?\d){8}(?![\p{L}\p{N}])`,
  'gu',
);

export function findNirs(text: string): ScoredFinding[] {
  const out: ScoredFinding[] = [];
  NIR_RE.lastIndex = 0;
  for (let m = NIR_RE.exec(text); m !== null; m = NIR_RE.exec(text)) {
    const compact = m[0].replace(/[ \u00A0\u202F.\-]/g, '');
    if (!isValidNir(compact)) continue;
    out.push({ type: 'nir', start: m.index, end: m.index + m[0].length, priority: PRIORITY.nir });
  }
  return out;
}

export const nirRecognizer: Recognizer = { type: 'nir', find: findNirs };
