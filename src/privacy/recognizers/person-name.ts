import { PRIORITY, type Recognizer, type ScoredFinding } from '../types.js';
import { isAllCaps, isCapitalized, isTightGap, isUpper, normalizeWord, tokenize, type Token } from '../text.js';
import { windowBefore } from './context.js';
import {
  CIVILITIES,
  COMMON_WORDS,
  CONTEXT_CUES,
  DOTTED_CIVILITIES,
  INSTITUTION_BEFORE,
  MONTHS,
  ORGANISATIONS,
  PARTICLES,
  PLACE_BEFORE,
  PLACE_LIKE_FIRST_NAMES,
  PRODUCT_FIRST_NAMES,
  PRODUCT_WORDS,
  PUBLIC_ROLE,
  ROLE_WORDS,
  WEEKDAYS,
  type ContextCue,
} from './name-lexicon.js';

export interface NameLexicon {
  /** Normalised first names (lower case, no diacritics). */
  firstNames: ReadonlySet<string>;
  /** Public officials named in their role: never redacted ("Hugues Moutouh"). */
  publicOfficials: readonly string[];
}

interface NameMatch {
  first: number;
  last: number;
  words: number;
  /** Where the cue (civility, context word) starts, for the public-role check. */
  cueStart: number;
}

const ROLE_AFTER = new RegExp(
  String.raw`^\s{0,3}(?:,|\(|–|—|-)?\s{0,3}(?:(?:le|la|l'|notre|votre|ancien|ancienne|actuel|actuelle)\s{0,3})?(?:${PUBLIC_ROLE})(?![a-z])`,
);
const ROLE_BEFORE_DIRECT = new RegExp(String.raw`(?:^|[^a-z-])(?:${PUBLIC_ROLE})\s{1,3}$`);
const ROLE_BEFORE_APPOSITION = new RegExp(
  String.raw`(?:^|[^a-z-])(?:${PUBLIC_ROLE})\s{1,3}(?:de|du|des|d'|chargee? d[eu']|aupres d[eu'])[^,;:]{0,60},\s{0,3}$`,
);

const CUES_BY_LAST_WORD = new Map<string, ContextCue[]>();
for (const cue of CONTEXT_CUES) {
  const last = cue.words[cue.words.length - 1] ?? '';
  const list = CUES_BY_LAST_WORD.get(last) ?? [];
  list.push(cue);
  CUES_BY_LAST_WORD.set(last, list);
}

function normalizeName(s: string): string {
  return normalizeWord(s).replace(/[\s\u00A0]+/g, ' ').trim();
}

export function createPersonNameRecognizer(lexicon: NameLexicon): Recognizer {
  const firstNames = lexicon.firstNames;
  const officials = new Set(lexicon.publicOfficials.map(normalizeName));
  const officialSurnames = new Set<string>();
  for (const o of officials) {
    const parts = o.split(' ');
    if (parts.length > 1) officialSurnames.add(parts.slice(1).join(' '));
  }

  function isStopWord(norm: string): boolean {
    return (
      MONTHS.has(norm) ||
      WEEKDAYS.has(norm) ||
      ORGANISATIONS.has(norm) ||
      COMMON_WORDS.has(norm) ||
      ROLE_WORDS.has(norm) ||
      CIVILITIES.has(norm)
    );
  }

  function isFirstName(tok: Token): boolean {
    if (!isCapitalized(tok) || isStopWord(tok.norm)) return false;
    if (firstNames.has(tok.norm)) return true;
    if (!tok.norm.includes('-')) return false;
    return tok.norm.split('-').every((p) => firstNames.has(p));
  }

  function find(text: string): ScoredFinding[] {
    const tokens = tokenize(text);
    const out: ScoredFinding[] = [];

    const isInitial = (tok: Token): boolean => tok.text.length === 1 && isUpper(tok.text) && text[tok.end] === '.';

    const isNameWord = (tok: Token): boolean =>
      tok.text.length >= 2 && isCapitalized(tok) && !isStopWord(tok.norm) && !tok.norm.split('-').some((p) => isStopWord(p) && p.length > 3);

    const gapOk = (prev: Token, next: Token): boolean => {
      if (isTightGap(text, prev.end, next.start)) return true;
      return isInitial(prev) && /^\.[ \u00A0]{0,2}$/.test(text.slice(prev.end, next.start));
    };

    /** Up to 3 name words (plus particles) from token `from`. */
    const collect = (from: number, leadingParticle: boolean): NameMatch | null => {
      let words = 0;
      let last = -1;
      let pending = 0;
      let j = from;
      for (; j < tokens.length && words < 3; j++) {
        const tok = tokens[j];
        if (tok === undefined) break;
        if (j > from) {
          const prev = tokens[j - 1];
          if (prev === undefined || !gapOk(prev, tok)) break;
        }
        if (PARTICLES.has(tok.norm) && !(words > 0 && isAllCaps(tok) && tok.norm.length > 2)) {
          if ((words === 0 && !leadingParticle) || pending >= 2) break;
          pending++;
          continue;
        }
        if (isCivility(tok)) break;
        if (isInitial(tok) || isNameWord(tok)) {
          words++;
          last = j;
          pending = 0;
          continue;
        }
        break;
      }
      if (words === 0) return null;
      return { first: from, last, words, cueStart: tokens[from]?.start ?? 0 };
    };

    const isCivility = (tok: Token): boolean => {
      if (tok.text === 'Me') return true;
      if (DOTTED_CIVILITIES.has(tok.norm)) {
        if (tok.text !== 'M' && tok.text !== 'MM') return false;
        if (text[tok.end] === '.') return true;
        // "M Dupont" without the dot, but not "3 M Dupont" (millions, sizes).
        return text[tok.end] === ' ' && !/\p{N}[ \u00A0]?$/u.test(text.slice(Math.max(0, tok.start - 2), tok.start));
      }
      return CIVILITIES.has(tok.norm);
    };

    const tryCivility = (i: number): NameMatch | null => {
      const civ = tokens[i];
      const next = tokens[i + 1];
      if (civ === undefined || next === undefined || !isCivility(civ)) return null;
      if (!/^\.?[ \u00A0]{1,3}$|^\.$/.test(text.slice(civ.end, next.start))) return null;
      const m = collect(i + 1, true);
      return m === null ? null : { ...m, cueStart: civ.start };
    };

    const tryContext = (i: number): NameMatch | null => {
      const tok = tokens[i];
      const next = tokens[i + 1];
      if (tok === undefined || next === undefined) return null;
      const cues = CUES_BY_LAST_WORD.get(tok.norm);
      if (cues === undefined) return null;
      const gap = text.slice(tok.end, next.start);
      if (!/^[\s,:]{1,4}$/.test(gap)) return null;
      for (const cue of cues) {
        if (cue.label === true && !gap.includes(':')) continue;
        const k = cue.words.length;
        let ok = true;
        for (let w = 0; w < k - 1; w++) if (tokens[i - (k - 1) + w]?.norm !== cue.words[w]) ok = false;
        if (!ok) continue;
        const m = collect(i + 1, false);
        if (m === null) return null;
        if (m.words < (cue.strong ? 1 : 2)) return null;
        if (m.words === 1 && PRODUCT_FIRST_NAMES.has(next.norm)) return null;
        if (m.words === 1 && isAllCaps(next) && next.text.length <= 3) return null;
        return { ...m, cueStart: tokens[i - (k - 1)]?.start ?? tok.start };
      }
      return null;
    };

    const excludedByPlace = (i: number, tok: Token): boolean => {
      const prev = tokens[i - 1];
      if (prev === undefined || tok.start - prev.end > 3) return false;
      if (INSTITUTION_BEFORE.has(prev.norm)) return true;
      return PLACE_BEFORE.has(prev.norm) && PLACE_LIKE_FIRST_NAMES.has(tok.norm);
    };

    const tryFirstName = (i: number): NameMatch | null => {
      const tok = tokens[i];
      const next = tokens[i + 1];
      if (tok === undefined || next === undefined || !isFirstName(tok)) return null;
      if (PRODUCT_WORDS.has(next.norm) || excludedByPlace(i, tok)) return null;
      const m = collect(i, false);
      return m !== null && m.words >= 2 ? m : null;
    };

    /** "BENALI Karim": an all-capitals surname followed by a first name. */
    const tryReverse = (i: number): NameMatch | null => {
      const tok = tokens[i];
      const next = tokens[i + 1];
      if (tok === undefined || next === undefined) return null;
      if (!isAllCaps(tok) || !isNameWord(tok) || !isTightGap(text, tok.end, next.start) || !isFirstName(next)) return null;
      if (INSTITUTION_BEFORE.has(tok.norm) || excludedByPlace(i, tok)) return null;
      let last = i + 1;
      const third = tokens[i + 2];
      if (third !== undefined && isTightGap(text, next.end, third.start) && isFirstName(third)) last = i + 2;
      return { first: i, last, words: last - i + 1, cueStart: tok.start };
    };

    const isPublicOfficial = (m: NameMatch, start: number, end: number): boolean => {
      const name = normalizeName(text.slice(start, end));
      if (officials.has(name) || (m.words === 1 && officialSurnames.has(name))) return true;
      if (ROLE_AFTER.test(normalizeWord(text.slice(end, end + 60)))) return true;
      const before = normalizeWord(windowBefore(text, m.cueStart, 90));
      return ROLE_BEFORE_DIRECT.test(before) || ROLE_BEFORE_APPOSITION.test(before);
    };

    let i = 0;
    while (i < tokens.length) {
      const m = tryCivility(i) ?? tryContext(i) ?? tryFirstName(i) ?? tryReverse(i);
      if (m === null) {
        i++;
        continue;
      }
      const start = tokens[m.first]?.start ?? 0;
      const end = tokens[m.last]?.end ?? start;
      if (!isPublicOfficial(m, start, end)) {
        out.push({ type: 'person_name', start, end, priority: PRIORITY.person_name });
      }
      i = m.last + 1;
    }
    return out;
  }

  return { types: ['person_name'], find };
}
