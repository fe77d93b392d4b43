import { PRIORITY, type Recognizer, type ScoredFinding } from '../types.js';
import { windowBefore } from './context.js';

/** Passport (and new driving licence) numbers: 2 digits, 2 letters, 5 digits — distinctive enough alone. */
const PASSPORT_RE = /(?<![\p{L}\p{N}\-])\d{2}[A-Z]{2}\d{5}(?![\p{L}\p{N}]|-\p{N})/gu;

/** Old CNI / driving licence numbers: 12 digits, contiguous or grouped 4-4-4 / 4-3-5. */
const TWELVE_RE = /(?<![\p{L}\p{N}]|\d[ .\-])(?:\d{12}|\d{4} \d{4} \d{4}|\d{4} \d{3} \d{5})(?![\p{L}\p{N}]|[ .\-]\d)/gu;

/** New CNI (2021) numbers: 9 letters/digits with at least one of each. */
const NINE_ALNUM_RE = /(?<![\p{L}\p{N}\-])[A-Z0-9]{9}(?![\p{L}\p{N}]|-\p{N})/gu;

/** Residence permit (AGDREF) numbers: 10 digits. */
const TEN_RE = /(?<![\p{L}\p{N}]|\d[ .\-])\d{10}(?![\p{L}\p{N}]|[ .\-]\d)/gu;

const IDENTITY_TRIGGER =
  /(?:^|[^\p{L}])(?:cni|carte\s{1,3}(?:nationale\s{1,3})?d['’]\s?identit[ée]|pi[èe]ce\s{1,3}d['’]\s?identit[ée]|identit[ée]|passeport|passport|permis(?:\s{1,3}de\s{1,3}conduire)?)(?![\p{L}])/iu;
const NUMBER_TRIGGER = /(?:^|[^\p{L}])(?:n°|n[º˚o]\.?|num[ée]ro|num\.)\s{0,3}:?\s{0,3}$/iu;
const NON_IDENTITY_NUMBER =
  /(?:d[ée]cret|loi|arr[êe]t[ée]|article|ordonnance|circulaire|siret|siren|facture|commande|dossier|t[ée]l[ée]phone|t[ée]l\.|portable|fax|ticket|contrat|compte|bon|lot|police|sinistre|affaire|proc[èe]s|pv|rib|iban)(?![\p{L}])/iu;
const RESIDENCE_TRIGGER =
  /(?:^|[^\p{L}])(?:titre\s{1,3}de\s{1,3}s[ée]jour|carte\s{1,3}de\s{1,3}s[ée]jour|r[ée]c[ée]piss[ée]|agdref|(?:n°|num[ée]ro)\s{1,3}(?:d['’]\s?)?[ée]tranger|ts)(?![\p{L}])/iu;

function push(out: ScoredFinding[], start: number, end: number): void {
  out.push({ type: 'id_document', start, end, priority: PRIORITY.id_document });
}

export function findIdDocuments(text: string): ScoredFinding[] {
  const out: ScoredFinding[] = [];
  PASSPORT_RE.lastIndex = 0;
  for (let m = PASSPORT_RE.exec(text); m !== null; m = PASSPORT_RE.exec(text)) push(out, m.index, m.index + m[0].length);

  TWELVE_RE.lastIndex = 0;
  for (let m = TWELVE_RE.exec(text); m !== null; m = TWELVE_RE.exec(text)) {
    const before = windowBefore(text, m.index, 50);
    const identity = IDENTITY_TRIGGER.test(before);
    const numbered = NUMBER_TRIGGER.test(before) && !NON_IDENTITY_NUMBER.test(before);
    if (identity || numbered) push(out, m.index, m.index + m[0].length);
  }

  NINE_ALNUM_RE.lastIndex = 0;
  for (let m = NINE_ALNUM_RE.exec(text); m !== null; m = NINE_ALNUM_RE.exec(text)) {
    if (!/\d/.test(m[0]) || !/[A-Z]/.test(m[0])) continue;
    if (IDENTITY_TRIGGER.test(windowBefore(text, m.index, 50))) push(out, m.index, m.index + m[0].length);
  }

  TEN_RE.lastIndex = 0;
  for (let m = TEN_RE.exec(text); m !== null; m = TEN_RE.exec(text)) {
    if (RESIDENCE_TRIGGER.test(windowBefore(text, m.index, 50))) push(out, m.index, m.index + m[0].length);
  }
  return out;
}

export const idDocumentRecognizer: Recognizer = { types: ['id_document'], find: findIdDocuments };
