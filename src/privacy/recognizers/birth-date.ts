import { PRIORITY, type Recognizer, type ScoredFinding } from '../types.js';
import { DATE_RE } from './dates.js';

/**
 * Words announcing a birth date: "né le", "née le", "né(e) le", "nés", "date de naissance",
 * "DDN", "date naiss.". "acte/extrait de naissance" announce a document date instead.
 */
const TRIGGER_RE =
  /(?<![\p{L}])(?:(?<born>n[ée]{1,2}s?)(?<suffix>\s?\(e\)|\.e|\(s\)|\(es\))?|naissance|naiss\.|d\.?d\.?n\.?)(?![\p{L}])/giu;

const DOCUMENT_BEFORE = /(?:acte|extrait|certificat|copie)\s{1,3}(?:int[ée]gral\s{1,3})?(?:d['’]\s?acte\s{1,3})?de\s{1,3}$/i;

/** Maximum distance between the trigger and the date ("né à Saint-Martin-d'Hères le 2 juin 1988"). */
const MAX_GAP = 48;

export function findBirthDates(text: string): ScoredFinding[] {
  const out: ScoredFinding[] = [];
  let minStart = 0;
  TRIGGER_RE.lastIndex = 0;
  for (let t = TRIGGER_RE.exec(text); t !== null; t = TRIGGER_RE.exec(text)) {
    const word = t[0].toLowerCase();
    if (word.startsWith('naiss') && DOCUMENT_BEFORE.test(text.slice(Math.max(0, t.index - 40), t.index))) continue;
    const born = t.groups?.['born'];
    if (born !== undefined && !acceptBornWord(born, t.groups?.['suffix'], text.slice(t.index + t[0].length, t.index + t[0].length + 6))) {
      continue;
    }
    // Dates are searched in a bounded window so that many triggers cannot make the scan quadratic.
    const base = Math.max(t.index + t[0].length, minStart);
    const windowText = text.slice(base, base + MAX_GAP * 2 + 40);
    let pos = 0;
    DATE_RE.lastIndex = 0;
    // Several dates after one trigger: "nés respectivement le 01/02/1980 et le 03/04/1985".
    for (let count = 0; count < 3; count++) {
      const d = DATE_RE.exec(windowText);
      if (d === null || d.index - pos > MAX_GAP || !isSameClause(windowText.slice(pos, d.index), count > 0)) break;
      const end = d.index + d[0].length;
      out.push({ type: 'birth_date', start: base + d.index, end: base + end, priority: PRIORITY.birth_date });
      minStart = base + end;
      pos = end;
      DATE_RE.lastIndex = end;
    }
    if (TRIGGER_RE.lastIndex < minStart) TRIGGER_RE.lastIndex = minStart;
  }
  return out;
}

/**
 * "né", "née", "nés" are unambiguous; without accents only "nee le" / "ne(e) le" count
 * ("ne" alone is the negation).
 */
function acceptBornWord(born: string, suffix: string | undefined, after: string): boolean {
  const form = born.toLowerCase();
  if (/[é]/.test(form)) return true;
  if (form === 'ne' && suffix === undefined) return false;
  return /^\s+le\s/i.test(after);
}

/**
 * The text between the trigger and the date stays in one clause (no sentence end, no other
 * number); after a first date, only connectors ("et le", ", ", "ou") may separate the next one.
 */
function isSameClause(gap: string, afterDate: boolean): boolean {
  if (afterDate) return /^\s{0,3}(?:,|et|ou|;)?\s{0,3}(?:respectivement\s{1,3})?(?:le\s{1,3})?$/i.test(gap);
  if (/[;!?\n\d]/.test(gap)) return false;
  if (/\.\s+\p{Lu}/u.test(gap)) return false;
  return true;
}

export const birthDateRecognizer: Recognizer = { types: ['birth_date'], find: findBirthDates };
