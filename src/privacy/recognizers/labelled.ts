import { priorityOf, type Recognizer, type ScoredFinding } from '../types.js';
import { IBAN_LENGTHS } from '../checksums.js';
import { foldSameLength, isAlnum } from '../text.js';
import { DATE_RE } from './dates.js';
import { GAP_RE, LABELS, OTHER_NUMBER_IN_GAP, type LabelledType } from './labels.js';

/**
 * Identifiers announced by their label: « NIR 1 75 03 75 123 456 78 », « numéro de sécu … »,
 * « IBAN : FR77 … », « CB 5355 … », « n° étranger 7503123456 », « tél : 07 56 43 21 8 ». The value
 * right after the label is masked when it has the rough shape of that identifier (length, digits),
 * whatever its check digits: agents make typos, and a typo does not make a number less personal.
 */

interface Group {
  start: number;
  end: number;
  text: string;
}

const SEPARATOR = /[ \u00A0\u202F.\-]/;
const MAX_GROUPS = 12;

/** Runs of letters and digits from `start`, joined by single separators (bounded: linear scan). */
function groupsAt(text: string, start: number): Group[] {
  const groups: Group[] = [];
  let i = start;
  while (groups.length < MAX_GROUPS && isAlnum(text[i])) {
    const s = i;
    while (i - s < 34 && isAlnum(text[i])) i++;
    groups.push({ start: s, end: i, text: text.slice(s, i) });
    if (!SEPARATOR.test(text[i] ?? '') || !isAlnum(text[i + 1])) break;
    i++;
  }
  return groups;
}

type Span = [number, number];

/** The longest run of leading groups that `ok` accepts (by their joined text), if any. */
function longestPrefix(groups: Group[], keep: (g: Group) => boolean, ok: (compact: string) => boolean): Span | undefined {
  let compact = '';
  let best: Span | undefined;
  for (const g of groups) {
    if (!keep(g)) break;
    compact += g.text;
    if (ok(compact)) best = [groups[0]!.start, g.end];
  }
  return best;
}

const DIGITS = /^\d+$/;

function readNir(groups: Group[]): Span | undefined {
  return longestPrefix(
    groups,
    (g) => /^(?:\d|2[AB])+$/i.test(g.text),
    (c) => /^(?:\d{13,15}|\d{5}2[AB]\d{6,8})$/i.test(c),
  );
}

function readCard(groups: Group[]): Span | undefined {
  return longestPrefix(groups, (g) => DIGITS.test(g.text), (c) => c.length >= 13 && c.length <= 19);
}

function readPhone(groups: Group[], plus: boolean): Span | undefined {
  const digits: Group[] = [];
  for (const g of groups) {
    if (!DIGITS.test(g.text)) break;
    digits.push(g);
  }
  if (!digits.length) return undefined;
  const all = digits.map((g) => g.text).join('');
  // A French number is ten digits: a longer run after them is something else (« tél 06 … 90 12 rue »).
  if (all.startsWith('0') && !plus) {
    const ten = longestPrefix(digits, () => true, (c) => c.length === 10);
    if (ten) return ten;
  }
  if (all.length < 8 || all.length > 13) return undefined;
  return [digits[0]!.start - (plus ? 1 : 0), digits.at(-1)!.end];
}

function readIban(groups: Group[]): Span | undefined {
  const first = groups[0]!;
  if (/^[A-Za-z]{2}\d{2}/.test(first.text)) {
    const expected = IBAN_LENGTHS[first.text.slice(0, 2).toUpperCase()] ?? 27;
    let total = 0;
    let best: Span | undefined;
    for (const [i, g] of groups.entries()) {
      if (i > 0 && !/^[A-Z0-9]+$/.test(g.text)) break;
      if (total + g.text.length > expected + 2) break;
      total += g.text.length;
      if (total >= Math.max(15, expected - 4)) best = [first.start, g.end];
    }
    return best;
  }
  // A French RIB without its country prefix: bank, branch, account, key (23 characters).
  return longestPrefix(
    groups,
    (g) => /^[A-Z0-9]+$/.test(g.text),
    (c) => c.length >= 21 && c.length <= 25 && /^\d{10}/.test(c) && (c.match(/\d/g)?.length ?? 0) >= 15,
  );
}

function readIdDocument(groups: Group[]): Span | undefined {
  const first = groups[0]!;
  const idLike = (s: string) => /^[A-Z0-9]+$/.test(s) && (s.match(/\d/g)?.length ?? 0) >= 2;
  if (first.text.length >= 8) return first.text.length <= 20 && idLike(first.text) ? [first.start, first.end] : undefined;
  return longestPrefix(
    groups,
    (g) => g.text.length <= 5 && /^[A-Z0-9]+$/.test(g.text),
    (c) => c.length >= 8 && c.length <= 14 && idLike(c),
  );
}

function readValue(type: LabelledType, text: string, start: number): Span | undefined {
  const plus = type === 'phone' && text[start] === '+';
  const groups = groupsAt(text, plus ? start + 1 : start);
  if (!groups.length) return undefined;
  switch (type) {
    case 'nir':
      return readNir(groups);
    case 'payment_card':
      return readCard(groups);
    case 'phone':
      return readPhone(groups, plus);
    case 'iban':
      return readIban(groups);
    case 'id_document':
      return readIdDocument(groups);
  }
}

/** Amounts (« 25 000 000 », « 1 250 000 € »), percentages, dates and dated references (« 2024-123 ») are not identifiers. */
function isOtherNumber(text: string, [start, end]: Span): boolean {
  const value = text.slice(start, end);
  if (/^\s?(?:€|%|euros?\b|eur\b|k€|m€)/i.test(text.slice(end, end + 7))) return true;
  if (/^\d{1,3}(?:[ \u00A0\u202F.]\d{3})+$/.test(value)) return true;
  if (/^(?:19|20)\d\d-\d/.test(value)) return true;
  DATE_RE.lastIndex = 0;
  return DATE_RE.test(value);
}

/** Start positions worth trying after a label: the end of the gap, and word starts inside it (« IBAN FR76… »). */
function valueStarts(folded: string, from: number, gapEnd: number): number[] {
  const starts: number[] = [];
  for (let p = from; p < gapEnd; p++) if (isAlnum(folded[p]) && !isAlnum(folded[p - 1])) starts.push(p);
  starts.push(gapEnd);
  return starts;
}

export function findLabelled(text: string): ScoredFinding[] {
  const folded = foldSameLength(text);
  const out: ScoredFinding[] = [];
  for (const [type, re] of Object.entries(LABELS) as [LabelledType, RegExp][]) {
    re.lastIndex = 0;
    for (let m = re.exec(folded); m !== null; m = re.exec(folded)) {
      const from = m.index + m[0].length;
      const gapEnd = from + (GAP_RE.exec(folded.slice(from, from + 40))?.[0].length ?? 0);
      for (const p of valueStarts(folded, from, gapEnd)) {
        if (OTHER_NUMBER_IN_GAP.test(folded.slice(from, p))) break;
        const span = readValue(type, text, p);
        if (!span || isOtherNumber(text, span)) continue;
        out.push({ type, start: span[0], end: span[1], priority: priorityOf(type, 'label') });
        break;
      }
    }
  }
  return out;
}

export const labelledRecognizer: Recognizer = { types: ['nir', 'iban', 'payment_card', 'id_document', 'phone'], find: findLabelled };
