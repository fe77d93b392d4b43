/** Kinds of personal data the privacy shield recognises. */
export type PiiType =
  | 'email'
  | 'phone'
  | 'nir'
  | 'iban'
  | 'payment_card'
  | 'person_name'
  | 'birth_date'
  | 'address'
  | 'license_plate'
  | 'id_document'
  | 'ip_address';

export const PII_TYPES: readonly PiiType[] = [
  'email',
  'phone',
  'nir',
  'iban',
  'payment_card',
  'person_name',
  'birth_date',
  'address',
  'license_plate',
  'id_document',
  'ip_address',
];

/** One personal-data span: JS string indices in the input, `end` exclusive. */
export interface PiiFinding {
  type: PiiType;
  start: number;
  end: number;
}

/** A finding before overlap resolution: the priority decides which span wins. */
export interface ScoredFinding extends PiiFinding {
  priority: number;
}

/** A recognizer scans the whole text once and returns candidate spans (of the types it declares). */
export interface Recognizer {
  readonly types: readonly PiiType[];
  find(text: string): ScoredFinding[];
}

/** Typed placeholders used by redaction (French, shown to users and in logs). */
export const PLACEHOLDERS: Readonly<Record<PiiType, string>> = {
  email: '[EMAIL]',
  phone: '[TÉLÉPHONE]',
  nir: '[NIR]',
  iban: '[IBAN]',
  payment_card: '[CARTE BANCAIRE]',
  person_name: '[NOM]',
  birth_date: '[DATE DE NAISSANCE]',
  address: '[ADRESSE]',
  license_plate: '[PLAQUE]',
  id_document: "[PIÈCE D'IDENTITÉ]",
  ip_address: '[ADRESSE IP]',
};

/**
 * Priorities used when spans overlap: checksum-validated identifiers first,
 * then strongly-shaped ones, person names last (they are the fuzziest).
 */
export const PRIORITY: Readonly<Record<PiiType, number>> = {
  iban: 100,
  nir: 95,
  payment_card: 90,
  email: 85,
  ip_address: 80,
  id_document: 75,
  phone: 70,
  birth_date: 65,
  address: 60,
  license_plate: 55,
  person_name: 40,
};

/**
 * What a finding of an identifier rests on: a valid check digit (the surest), a label written just
 * before it (« NIR », « IBAN », « n° étranger »…), or only its exact shape. A failed checksum never
 * lets a labelled or exactly-shaped value through: it only lowers the finding's priority.
 */
export type Basis = 'checksum' | 'label' | 'shape';

const BASIS_BONUS: Readonly<Record<Basis, number>> = { checksum: 2, label: 1, shape: 0 };

/** Overlap priority of a finding: its type's, raised by what it rests on (stays below the next type). */
export function priorityOf(type: PiiType, basis: Basis): number {
  return PRIORITY[type] + BASIS_BONUS[basis];
}
