import { PRIORITY, type Recognizer, type ScoredFinding } from '../types.js';
import { isDigit, isLetter, isLower, isUpper, normalizeWord } from '../text.js';
import { windowBefore } from './context.js';

/** Street types that almost always introduce an address after a number. */
const STRONG_TYPES =
  'rue|avenue|av\\.?|ave\\.?|bd\\.?|bld\\.?|blvd\\.?|bvd\\.?|boulevard|impasse|imp\\.|all[ée]es?|chemin|ch\\.|route|rte\\.?|quai|' +
  'lieu-dit|lieu dit|lieudit|r[ée]sidence|lotissement|ruelle|venelle|sente|sentier|traverse|faubourg|fbg\\.?|hameau';
/** Street types that are also common nouns ("2 cours de Python", "10 place de parking"). */
const WEAK_TYPES =
  'place|pl\\.|cours|square|voie|passage|mail|clos|parc|domaine|villa|carrefour|chauss[ée]e|c[ôo]te|mont[ée]e|promenade|' +
  'esplanade|parvis|rond-point|port|quartier|zone|za|zi|zac|cit[ée]';

const NUMBERED_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N},.\-/])(?<num>\d{1,4}(?:-\d{1,4})?)(?:[ \u00A0]?(?<ext>bis|ter|quater|[a-d])(?![\p{L}\p{N}]))?,?[ \u00A0]{1,3}` +
    String.raw`(?:(?<strong>${STRONG_TYPES})|(?<weak>${WEAK_TYPES}))(?![\p{L}\-])`,
  'giu',
);

/** A street type with no number, accepted only after an address word or before a postcode. */
const BARE_RE = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${STRONG_TYPES}|${WEAK_TYPES})(?![\p{L}\-])`, 'giu');

const ADDRESS_TRIGGER =
  /(?:demeurant|demeure|domicili[ée]e?s?|domicile|habite|habitent|habitant|r[ée]side|r[ée]sidant|adresse|sise?|situ[ée]e?s?|install[ée]e?s?|h[ée]berg[ée]e?s?)(?:\s{1,3}(?:au|à|a))?\s{0,3}:?\s{0,3}$/iu;

const PARTICLES = new Set(['de', 'du', 'des', 'la', 'le', 'les', 'l', 'd', 'aux', 'au', 'en', 'sur', 'sous', 'lès', 'les', 'et']);
const CITY_PARTICLES = new Set(['de', 'du', 'des', 'la', 'le', 'les', 'en', 'sur', 'sous', 'lès', 'lez', 'd', 'l', 'aux', 'et']);

interface Word {
  start: number;
  end: number;
  text: string;
  isNumber: boolean;
}

/** Reads one word or number after 1-3 spaces (no other punctuation) from `pos`. */
function readWord(text: string, pos: number, allowComma: boolean): Word | null {
  let i = pos;
  if (allowComma && text[i] === ',') i++;
  let spaces = 0;
  while (spaces < 4 && (text[i] === ' ' || text[i] === '\u00A0')) {
    i++;
    spaces++;
  }
  if (spaces === 0 || spaces > 3) return null;
  const start = i;
  if (isDigit(text[i])) {
    while (i < text.length && i - start < 6 && isDigit(text[i])) i++;
    if (isLetter(text[i]) || isDigit(text[i])) {
      // ordinal such as "11e" in "Paris 11e" or "8ème": accept letters glued to a short number
      if (i - start > 2) return null;
      while (i < text.length && i - start < 6 && isLetter(text[i])) i++;
    }
    return { start, end: i, text: text.slice(start, i), isNumber: true };
  }
  if (!isLetter(text[i])) return null;
  while (i < text.length && i - start < 40) {
    const c = text[i];
    if (isLetter(c)) i++;
    else if ((c === '-' || c === "'" || c === '’') && isLetter(text[i + 1])) i += 2;
    else break;
  }
  return { start, end: i, text: text.slice(start, i), isNumber: false };
}

/** Street name after the type: particles, then words; ends before lower-case words and "à". */
function readStreetName(text: string, pos: number, anyCaseCore: boolean): number {
  let cursor = pos;
  let lastGood = -1;
  let coreSeen = false;
  for (let k = 0; k < 8; k++) {
    const w = readWord(text, cursor, false);
    if (w === null) break;
    const norm = normalizeWord(w.text);
    if (w.isNumber) {
      // "rue du 8 Mai 1945": a day before the core word, a year after it; nothing else.
      if (!coreSeen && /^\d{1,2}(?:er)?$/.test(w.text)) {
        cursor = w.end;
        continue;
      }
      if (coreSeen && /^[12]\d{3}$/.test(w.text)) {
        cursor = w.end;
        lastGood = w.end;
        continue;
      }
      break;
    }
    if (PARTICLES.has(norm) && isLower(w.text[0]) && norm !== 'et') {
      cursor = w.end;
      continue;
    }
    const elided = /^[ldLD]['’]/.test(w.text);
    const capital = isUpper(w.text[0]) || (elided && isUpper(w.text[2]));
    if (capital || (!coreSeen && anyCaseCore && norm !== 'a' && norm !== 'et')) {
      coreSeen = true;
      cursor = w.end;
      lastGood = w.end;
      continue;
    }
    break;
  }
  return coreSeen ? lastGood : -1;
}

/** ", 69003 Lyon", " 75011 Paris", " 13001 Marseille Cedex 01": returns the end, or -1. */
function readPostcodeCity(text: string, pos: number): number {
  const pc = readWord(text, pos, true);
  if (pc === null || !pc.isNumber || !/^\d{5}$/.test(pc.text)) {
    // also "69 003"
    return -1;
  }
  let end = pc.end;
  let cursor = pc.end;
  let cityWords = 0;
  let previous = '';
  for (let k = 0; k < 6; k++) {
    const w = readWord(text, cursor, false);
    if (w === null) break;
    const norm = normalizeWord(w.text);
    if (w.isNumber) {
      // "Cedex 01", "Paris 11e": a short number after "Cedex", or an ordinal.
      if (cityWords > 0 && (/^\d{1,2}(?:e|er|ème|eme)$/i.test(w.text) || (previous === 'cedex' && /^\d{1,3}$/.test(w.text)))) {
        end = w.end;
        cursor = w.end;
        previous = norm;
        continue;
      }
      break;
    }
    if (cityWords > 0 && CITY_PARTICLES.has(norm) && isLower(w.text[0])) {
      cursor = w.end;
      continue;
    }
    if (cityWords === 0 || isUpper(w.text[0])) {
      cityWords++;
      previous = norm;
      end = w.end;
      cursor = w.end;
      continue;
    }
    break;
  }
  return end;
}

function finish(text: string, start: number, nameEnd: number, out: ScoredFinding[]): number {
  const cityEnd = readPostcodeCity(text, nameEnd);
  const end = cityEnd > 0 ? cityEnd : nameEnd;
  out.push({ type: 'address', start, end, priority: PRIORITY.address });
  return end;
}

export function findAddresses(text: string): ScoredFinding[] {
  const out: ScoredFinding[] = [];
  NUMBERED_RE.lastIndex = 0;
  for (let m = NUMBERED_RE.exec(text); m !== null; m = NUMBERED_RE.exec(text)) {
    const strong = m.groups?.['strong'] !== undefined;
    const typeEnd = m.index + m[0].length;
    const nameEnd = readStreetName(text, typeEnd, strong);
    if (nameEnd < 0) continue;
    if (!strong && !ADDRESS_TRIGGER.test(windowBefore(text, m.index, 40)) && readPostcodeCity(text, nameEnd) < 0) continue;
    NUMBERED_RE.lastIndex = finish(text, m.index, nameEnd, out);
  }
  const numbered = out.length;
  let j = 0;
  BARE_RE.lastIndex = 0;
  for (let m = BARE_RE.exec(text); m !== null; m = BARE_RE.exec(text)) {
    while (j < numbered && (out[j]?.end ?? 0) <= m.index) j++;
    if (j < numbered && (out[j]?.start ?? Infinity) <= m.index) continue;
    const nameEnd = readStreetName(text, m.index + m[0].length, false);
    if (nameEnd < 0) continue;
    const triggered = ADDRESS_TRIGGER.test(windowBefore(text, m.index, 40));
    if (!triggered && readPostcodeCity(text, nameEnd) < 0) continue;
    const end = finish(text, m.index, nameEnd, out);
    BARE_RE.lastIndex = end;
  }
  return out;
}

export const addressRecognizer: Recognizer = { types: ['address'], find: findAddresses };
