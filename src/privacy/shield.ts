import type { PiiFinding, Recognizer, ScoredFinding } from './types.js';
import { applyRedaction, resolveOverlaps } from './resolve.js';
import { defaultPrivacyLists, loadPrivacyLists } from './lists.js';
import { normalizeWord } from './text.js';
import { emailRecognizer } from './recognizers/email.js';
import { phoneRecognizer } from './recognizers/phone.js';
import { nirRecognizer } from './recognizers/nir.js';
import { ibanRecognizer } from './recognizers/iban.js';
import { paymentCardRecognizer } from './recognizers/payment-card.js';
import { ipAddressRecognizer } from './recognizers/ip-address.js';
import { licensePlateRecognizer } from './recognizers/license-plate.js';
import { idDocumentRecognizer } from './recognizers/id-document.js';
import { birthDateRecognizer } from './recognizers/birth-date.js';
import { addressRecognizer } from './recognizers/address.js';
import { createPersonNameRecognizer } from './recognizers/person-name.js';
import { labelledRecognizer } from './recognizers/labelled.js';

export type { PiiFinding, PiiType } from './types.js';

export interface PrivacyShield {
  /** Personal-data spans, sorted by start, non-overlapping. */
  findings(text: string): PiiFinding[];
  /** The text with each span replaced by its typed placeholder ("[NOM]", "[TÉLÉPHONE]"…). */
  redact(text: string): { redacted: string; findings: PiiFinding[] };
}

export interface PrivacyShieldOptions {
  /** First names used to spot "Prénom Nom"; defaults to knowledge/privacy/first-names.txt. */
  firstNames?: Set<string>;
  /** Public officials never redacted; defaults to knowledge/privacy/public-officials.txt. */
  publicOfficials?: string[];
}

/** Builds a shield from in-memory lists (missing lists come from the shipped data files). */
export function createPrivacyShield(opts: PrivacyShieldOptions = {}): PrivacyShield {
  const needDefaults = opts.firstNames === undefined || opts.publicOfficials === undefined;
  const defaults = needDefaults ? defaultPrivacyLists() : undefined;
  const firstNames = new Set<string>();
  for (const n of opts.firstNames ?? defaults?.firstNames ?? []) firstNames.add(normalizeWord(n.trim()));
  const publicOfficials = opts.publicOfficials ?? defaults?.publicOfficials ?? [];

  const recognizers: Recognizer[] = [
    ibanRecognizer,
    nirRecognizer,
    labelledRecognizer,
    paymentCardRecognizer,
    emailRecognizer,
    ipAddressRecognizer,
    idDocumentRecognizer,
    phoneRecognizer,
    birthDateRecognizer,
    addressRecognizer,
    licensePlateRecognizer,
    createPersonNameRecognizer({ firstNames, publicOfficials }),
  ];

  function findings(text: string): PiiFinding[] {
    if (text.length === 0) return [];
    const candidates: ScoredFinding[] = [];
    for (const r of recognizers) for (const f of r.find(text)) candidates.push(f);
    return resolveOverlaps(candidates);
  }

  return {
    findings,
    redact(text: string) {
      const found = findings(text);
      return { redacted: applyRedaction(text, found), findings: found };
    },
  };
}

/**
 * Builds a shield from the data files of a knowledge directory (`<dir>/privacy/first-names.txt`,
 * `<dir>/privacy/public-officials.txt`). Throws a PrivacyDataError naming the faulty file.
 */
export function loadPrivacyShield(knowledgeDir: string): PrivacyShield {
  const lists = loadPrivacyLists(knowledgeDir);
  return createPrivacyShield({ firstNames: lists.firstNames, publicOfficials: lists.publicOfficials });
}
