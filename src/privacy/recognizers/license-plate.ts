import { PRIORITY, type Recognizer, type ScoredFinding } from '../types.js';

/** SIV letters exclude I, O and U. */
const SIV_L = '[A-HJ-NP-TV-Z]';

/** SIV plates since 2009: AB-123-CD, also with spaces or no separator (separators consistent). */
const SIV_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}\-])${SIV_L}{2}(?<sep>[\- ]?)(?!000)\d{3}\k<sep>${SIV_L}{2}(?![\p{L}\p{N}]|-\p{N})`,
  'gu',
);

/** Département codes closing an FNI plate: 01-95, 2A/2B, 971-976. */
const FNI_DEPT = '(?:0[1-9]|[1-8]\\d|9[0-5]|2[AB]|97[1-6])';

/** Old FNI plates: 123 ABC 75, 1234 AB 2A, 45-AZ-69. */
const FNI_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}\-,.])(?<num>\d{1,4})(?<sep>[\- ]?)(?<letters>[A-HJ-NP-Z]{1,3})\k<sep>${FNI_DEPT}(?![\p{L}\p{N}]|[.,]\d)`,
  'gu',
);

/**
 * Letter groups that make an FNI-shaped sequence something else (units, acronyms):
 * "3 ETP 75", "12 RN 34", "10 PV 13".
 */
const FNI_STOP = new Set([
  'H', 'M', 'K', 'G', 'T', 'ETP', 'RN', 'RD', 'PV', 'CSA', 'DRH', 'CNI', 'NIR', 'TTC', 'HT', 'KM', 'MB', 'GB',
  'KB', 'TB', 'MW', 'KW', 'CV', 'EUR', 'ME', 'MD', 'BD', 'AV', 'RUE', 'CE', 'CM', 'MM', 'DB', 'HZ', 'MHZ',
]);

export function findLicensePlates(text: string): ScoredFinding[] {
  const out: ScoredFinding[] = [];
  SIV_RE.lastIndex = 0;
  for (let m = SIV_RE.exec(text); m !== null; m = SIV_RE.exec(text)) {
    out.push({ type: 'license_plate', start: m.index, end: m.index + m[0].length, priority: PRIORITY.license_plate });
  }
  FNI_RE.lastIndex = 0;
  for (let m = FNI_RE.exec(text); m !== null; m = FNI_RE.exec(text)) {
    const letters = m.groups?.['letters'] ?? '';
    const num = m.groups?.['num'] ?? '';
    if (FNI_STOP.has(letters) || num.startsWith('0')) continue;
    out.push({ type: 'license_plate', start: m.index, end: m.index + m[0].length, priority: PRIORITY.license_plate });
  }
  return out;
}

export const licensePlateRecognizer: Recognizer = { types: ['license_plate'], find: findLicensePlates };
