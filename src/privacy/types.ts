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

/** A recognizer scans the whole text once and returns candidate spans. */
export interface Recognizer {
  readonly type: PiiType;
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
