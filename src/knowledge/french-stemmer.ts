/**
 * The Snowball French stemmer (the classic algorithm, as shipped by `snowball-stemmers` 0.6),
 * re-implemented on plain strings. The package's transpiled code costs ~35 µs per word, which
 * makes indexing a large vocabulary take seconds; this version gives the same stems (checked
 * word for word against the package in tests/knowledge/analyzer-stemmer.test.ts) ~50× faster.
 * Reference: https://snowballstem.org/algorithms/french/stemmer.html
 */

const VOWELS = 'aeiouyâàëéêèïîôûù';
const KEEP_WITH_S = 'aiouès';
function isV(ch: string | undefined): boolean {
  return ch !== undefined && ch !== '' && VOWELS.includes(ch);
}

/** Suffix tables: suffix → action number, as in the Snowball source. */
interface Table {
  actions: Map<string, number>;
  maxLen: number;
  /** Last letters of the suffixes: a quick rejection test. */
  last: Set<string>;
}
const table = (groups: Record<number, string>): Table => {
  const actions = new Map<string, number>();
  for (const [action, list] of Object.entries(groups)) for (const s of list.split(' ')) actions.set(s, Number(action));
  const keys = [...actions.keys()];
  return { actions, maxLen: Math.max(...keys.map((k) => k.length)), last: new Set(keys.map((k) => k.slice(-1))) };
};
const STANDARD = table({
  1: 'ance iqUe isme able iste eux ances iqUes ismes ables istes',
  2: 'atrice ateur ation atrices ateurs ations',
  3: 'logie logies',
  4: 'usion ution usions utions',
  5: 'ence ences',
  6: 'ement ements',
  7: 'ité ités',
  8: 'if ive ifs ives',
  9: 'eaux',
  10: 'aux',
  11: 'euse euses',
  12: 'issement issements',
  13: 'amment',
  14: 'emment',
  15: 'ment ments',
});
const AFTER_EMENT = table({ 1: 'iv', 2: 'eus', 3: 'abl iqU', 4: 'ièr Ièr' });
const AFTER_ITE = table({ 1: 'abil', 2: 'ic', 3: 'iv' });
const I_VERB = table({
  1:
    'îmes ît îtes i ie ies ir ira irai iraIent irais irait iras irent irez iriez irions irons iront is ' +
    'issaIent issais issait issant issante issantes issants isse issent isses issez issiez issions issons it',
});
const VERB = table({
  1: 'ions',
  2: 'é ée ées és èrent er era erai eraIent erais erait eras erez eriez erions erons eront ez iez',
  3: 'âmes ât âtes a ai aIent ais ait ant ante antes ants as asse assent asses assiez assions',
});
const RESIDUAL = table({ 1: 'ion', 2: 'ier ière Ier Ière', 3: 'e', 4: 'ë' });
const UNDOUBLE = ['enn', 'onn', 'ett', 'ell', 'eill'];

/** Longest suffix of `w` in `t` starting at or after `limit`: [suffix start, action], or null. */
function longestSuffix(w: string, t: Table, limit = 0): [number, number] | null {
  if (!t.last.has(w.slice(-1))) return null;
  for (let start = Math.max(limit, w.length - t.maxLen); start < w.length; start++) {
    const action = t.actions.get(w.slice(start));
    if (action !== undefined) return [start, action];
  }
  return null;
}

/** Marks u/i between vowels, y next to a vowel and u after q as consonants (U, I, Y). */
function prelude(word: string): string {
  if (!/[uiyq]/.test(word)) return word;
  const c = word.split('');
  for (let p = 0; p < c.length; p++) {
    const ch = c[p];
    const next = c[p + 1];
    if (isV(ch) && (next === 'u' || next === 'i') && isV(c[p + 2])) c[p + 1] = next.toUpperCase();
    else if (isV(ch) && next === 'y') c[p + 1] = 'Y';
    else if (ch === 'y' && isV(next)) c[p] = 'Y';
    else if (ch === 'q' && next === 'u') c[p + 1] = 'U';
  }
  return c.join('');
}

/** Start of the regions RV, R1 and R2 (the word length when empty). */
function regions(w: string): { pV: number; p1: number; p2: number } {
  const n = w.length;
  let pV = n;
  if (n >= 3 && isV(w[0]) && isV(w[1])) pV = 3;
  else if (/^(?:par|col|tap)/.test(w)) pV = 3;
  else {
    for (let i = 1; i < n; i++) {
      if (isV(w[i])) {
        pV = i + 1;
        break;
      }
    }
  }
  const p1 = afterVowelConsonant(w, 0);
  const p2 = p1 < n ? afterVowelConsonant(w, p1) : n;
  return { pV, p1, p2 };
}

/** Position after the first non-vowel following a vowel, from `from` (or the word length). */
function afterVowelConsonant(w: string, from: number): number {
  const n = w.length;
  let i = from;
  while (i < n && !isV(w[i])) i++;
  while (i < n && isV(w[i])) i++;
  return i < n ? i + 1 : n;
}

interface State {
  w: string;
  pV: number;
  p1: number;
  p2: number;
}

function cut(s: State, start: number, by = ''): void {
  s.w = s.w.slice(0, start) + by;
}

/** Start of `suffix` when the word ends with it at or after `region`, else -1. */
function endsAt(s: State, suffix: string, region: number): number {
  const at = s.w.length - suffix.length;
  return at >= 0 && at >= region && s.w.endsWith(suffix) ? at : -1;
}

/** "-ic" left before a removed suffix: deleted in R2, else marked "iqU". */
function icRule(s: State): void {
  const at = endsAt(s, 'ic', 0);
  if (at >= 0) cut(s, at, at >= s.p2 ? '' : 'iqU');
}

/** Step 1. Returns true on success; may modify the word and still fail ("-amment", "-ment"). */
function standardSuffix(s: State): boolean {
  const m = longestSuffix(s.w, STANDARD);
  if (!m) return false;
  const [start, action] = m;
  const r2 = start >= s.p2;
  switch (action) {
    case 1: if (!r2) return false; cut(s, start); return true;
    case 2: if (!r2) return false; cut(s, start); icRule(s); return true;
    case 3: if (!r2) return false; cut(s, start, 'log'); return true;
    case 4: if (!r2) return false; cut(s, start, 'u'); return true;
    case 5: if (!r2) return false; cut(s, start, 'ent'); return true;
    case 6: {
      if (start < s.pV) return false;
      cut(s, start);
      const n = longestSuffix(s.w, AFTER_EMENT);
      if (!n) return true;
      const [at, sub] = n;
      if (sub === 1 && at >= s.p2) {
        cut(s, at);
        const a = endsAt(s, 'at', s.p2);
        if (a >= 0) cut(s, a);
      } else if (sub === 2) {
        if (at >= s.p2) cut(s, at);
        else if (at >= s.p1) cut(s, at, 'eux');
      } else if (sub === 3 && at >= s.p2) cut(s, at);
      else if (sub === 4 && at >= s.pV) cut(s, at, 'i');
      return true;
    }
    case 7: {
      if (!r2) return false;
      cut(s, start);
      const n = longestSuffix(s.w, AFTER_ITE);
      if (n) {
        const [at, sub] = n;
        if (sub === 1) cut(s, at, at >= s.p2 ? '' : 'abl');
        else if (sub === 2) cut(s, at, at >= s.p2 ? '' : 'iqU');
        else if (at >= s.p2) cut(s, at);
      }
      return true;
    }
    case 8: {
      if (!r2) return false;
      cut(s, start);
      const a = endsAt(s, 'at', s.p2);
      if (a >= 0) {
        cut(s, a);
        icRule(s);
      }
      return true;
    }
    case 9: cut(s, start, 'eau'); return true;
    case 10: if (start < s.p1) return false; cut(s, start, 'al'); return true;
    case 11:
      if (r2) cut(s, start);
      else if (start >= s.p1) cut(s, start, 'eux');
      else return false;
      return true;
    case 12:
      if (start < s.p1 || start - 1 < 0 || isV(s.w[start - 1])) return false;
      cut(s, start);
      return true;
    case 13: if (start >= s.pV) cut(s, start, 'ant'); return false;
    case 14: if (start >= s.pV) cut(s, start, 'ent'); return false;
    default: // 15: -ment(s) after a vowel of RV
      if (start - 1 >= s.pV && isV(s.w[start - 1])) cut(s, start);
      return false;
  }
}

/** Step 2a: verb suffixes beginning with i, inside RV, after a non-vowel. */
function iVerbSuffix(s: State): boolean {
  const m = longestSuffix(s.w, I_VERB, s.pV);
  if (!m || m[0] - 1 < s.pV || isV(s.w[m[0] - 1])) return false;
  cut(s, m[0]);
  return true;
}

/** Step 2b: other verb suffixes, inside RV. */
function verbSuffix(s: State): boolean {
  const m = longestSuffix(s.w, VERB, s.pV);
  if (!m) return false;
  const [start, action] = m;
  if (action === 1 && start < s.p2) return false;
  cut(s, start);
  if (action === 3 && s.w.endsWith('e') && s.w.length - 1 >= s.pV) cut(s, s.w.length - 1);
  return true;
}

/** Step 4: residual suffixes. */
function residualSuffix(s: State): void {
  const n = s.w.length;
  if (n >= 2 && s.w[n - 1] === 's' && !KEEP_WITH_S.includes(s.w[n - 2] as string)) cut(s, n - 1);
  if (s.w.length < s.pV) return;
  const m = longestSuffix(s.w, RESIDUAL, s.pV);
  if (!m) return;
  const [start, action] = m;
  if (action === 1) {
    const before = s.w[start - 1];
    if (start >= s.p2 && start - 1 >= s.pV && (before === 's' || before === 't')) cut(s, start);
  } else if (action === 2) cut(s, start, 'i');
  else if (action === 3) cut(s, start);
  else if (start - 2 >= s.pV && s.w.slice(start - 2, start) === 'gu') cut(s, start);
}

/** Snowball French stem of a lower-case word. */
export function frenchStem(word: string): string {
  const w = prelude(word);
  const { pV, p1, p2 } = regions(w);
  const s: State = { w, pV, p1, p2 };
  const step1 = standardSuffix(s) || iVerbSuffix(s) || verbSuffix(s);
  if (step1) {
    if (s.w.endsWith('Y')) cut(s, s.w.length - 1, 'i');
    else if (s.w.endsWith('ç')) cut(s, s.w.length - 1, 'c');
  } else {
    residualSuffix(s);
  }
  for (const d of UNDOUBLE) {
    if (s.w.endsWith(d)) {
      cut(s, s.w.length - 1);
      break;
    }
  }
  let i = s.w.length;
  while (i > 0 && !isV(s.w[i - 1])) i--;
  if (i < s.w.length && i > 0 && (s.w[i - 1] === 'é' || s.w[i - 1] === 'è')) cut(s, i - 1, 'e' + s.w.slice(i));
  return /[IUY]/.test(s.w) ? s.w.replace(/I/g, 'i').replace(/U/g, 'u').replace(/Y/g, 'y') : s.w;
}
