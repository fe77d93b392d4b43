import { priorityOf, type Recognizer, type ScoredFinding } from '../types.js';
import { isValidNir } from '../checksums.js';

const SEP = '[ \\u00A0\\u202F.\\-]';

/**
 * NIR (numéro de sécurité sociale): sex digit, year, month, département (2 digits or 2A/2B),
 * commune, order number, 2-digit key; spaced or not. A candidate with a valid key is a NIR; one
 * whose key fails (a typo) is still a NIR when it has the exact shape of one (see `hasNirShape`).
 * A label before it (« NIR », « sécu »…) is handled by the labelled recognizer.
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
    const basis = isValidNir(compact) ? 'checksum' : hasNirShape(m[0], compact) ? 'shape' : undefined;
    if (basis === undefined) continue;
    out.push({ type: 'nir', start: m.index, end: m.index + m[0].length, priority: priorityOf('nir', basis) });
  }
  return out;
}

/** Written as one block, as 13 + 2, or in the 1-2-2-2-3-3-2 groups of the carte Vitale (one kind of separator). */
const NIR_LAYOUTS = [
  /^[12]\d{4}(?:\d{2}|2[AB])\d{8}$/i,
  /^[12]\d{4}(?:\d{2}|2[AB])\d{6}[ \u00A0\u202F.\-]\d{2}$/i,
  /^[12](?<s>[ \u00A0\u202F.\-])\d{2}\k<s>\d{2}\k<s>(?:\d{2}|2[AB])\k<s>\d{3}\k<s>\d{3}\k<s>\d{2}$/i,
];

/**
 * The exact shape of a NIR, key aside: sex 1 or 2, a calendar month (the special months INSEE
 * also issues need a valid key or a label: without them, « 2024… » references would look alike),
 * a département that exists (01–95, 2A/2B, 97–99), and one of the layouts people write.
 */
export function hasNirShape(raw: string, compact: string): boolean {
  if (!NIR_LAYOUTS.some((re) => re.test(raw))) return false;
  const month = Number(compact.slice(3, 5));
  if (month < 1 || month > 12) return false;
  const dept = compact.slice(5, 7).toUpperCase();
  return dept === '2A' || dept === '2B' || (Number(dept) >= 1 && Number(dept) <= 95) || (Number(dept) >= 97 && Number(dept) <= 99);
}

export const nirRecognizer: Recognizer = { types: ['nir'], find: findNirs };
