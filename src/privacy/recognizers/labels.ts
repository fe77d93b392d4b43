import type { PiiType } from '../types.js';

/**
 * The labels French agents write just before an identifier, matched on text folded to lower case
 * without accents (`foldSameLength`): « NIR », « n° de sécu », « numero secu », « sécurité sociale »,
 * « IBAN », « RIB », « CB », « carte bancaire », « CNI », « passeport », « titre de séjour »,
 * « n° étranger », « AGDREF », « permis de conduire », « tél. »… A value that follows its label is
 * masked whatever its check digits say: a typo breaks a checksum, not the privacy of the number.
 */

export type LabelledType = Extract<PiiType, 'nir' | 'iban' | 'payment_card' | 'id_document' | 'phone'>;

/** "n°", "nº", "no", "num", "numero", "#" (folded). */
const NUM = String.raw`(?:n\s?[°º˚o]\.?|num\.?|numero|#)`;
const B = String.raw`(?<![\p{L}\p{N}])`;
const E = String.raw`(?![\p{L}\p{N}])`;

function label(body: string): RegExp {
  return new RegExp(`${B}(?:${body})${E}`, 'gu');
}

export const LABELS: Readonly<Record<LabelledType, RegExp>> = {
  nir: label(
    [
      String.raw`nir(?:pp)?`,
      String.raw`insee`,
      String.raw`secu(?:rite)?(?:\s{1,3}sociale?)?`,
      String.raw`s\.?s\.?(?=\s{0,3}(?::|\d))`,
      String.raw`${NUM}\s{0,3}(?:de\s{1,3})?ss`,
      String.raw`carte\s{1,3}vitale`,
      String.raw`assure\s{1,3}social`,
      String.raw`${NUM}\s{0,3}d'\s?assure`,
    ].join('|'),
  ),
  iban: label(
    [
      String.raw`iban`,
      String.raw`r\.?i\.?b\.?`,
      String.raw`releve\s{1,3}d'\s?identite\s{1,3}bancaire`,
      String.raw`coordonnees\s{1,3}bancaires?`,
      String.raw`compte(?:\s{1,3}(?:bancaire|courant|postal))?`,
      String.raw`virement`,
    ].join('|'),
  ),
  payment_card: label(
    [
      String.raw`carte(?:\s{1,3}(?:bancaire|bleue|de\s{1,3}credit|de\s{1,3}paiement))?(?!\s{1,3}(?:vitale|d'|nationale|de\s{1,3}sejour|de\s{1,3}resident|grise))`,
      String.raw`c\.?b\.?`,
      String.raw`visa`,
      String.raw`master\s?card`,
      String.raw`amex`,
      String.raw`american\s{1,3}express`,
    ].join('|'),
  ),
  id_document: label(
    [
      String.raw`c\.?n\.?i\.?`,
      String.raw`carte\s{1,3}(?:nationale\s{1,3})?d'\s?identite`,
      String.raw`piece\s{1,3}d'\s?identite`,
      String.raw`passeport|passport`,
      String.raw`titre\s{1,3}(?:de\s{1,3})?sejour`,
      String.raw`carte\s{1,3}de\s{1,3}(?:sejour|resident)`,
      String.raw`recepisse`,
      String.raw`agdref`,
      String.raw`${NUM}\s{0,3}(?:d'\s?)?etranger`,
      String.raw`permis\s{1,3}de\s{1,3}conduire`,
      String.raw`permis(?=\s{0,3}(?:${NUM}|:))`,
      String.raw`ts(?=\s{0,3}(?:${NUM}|:))`,
    ].join('|'),
  ),
  phone: label(
    [
      String.raw`tel\.?`,
      String.raw`telephone`,
      String.raw`portable`,
      String.raw`mobile`,
      String.raw`gsm`,
      String.raw`fax`,
      String.raw`joignable(?:\s{1,3}au)?`,
      String.raw`(?:r?appeler|contacter|appelez|rappelez)\s{1,3}au`,
      String.raw`ligne\s{1,3}directe`,
    ].join('|'),
  ),
};

/**
 * What may stand between a label and its value: words and signs without digits, within the
 * sentence and the clause (« NIR de l'agent est », « IBAN : », « n° d'étranger »), 30 characters
 * at most.
 */
export const GAP_RE = /^[\p{L}\s'°º˚:=#(«»"\-–.]{0,30}/u;

/** Words in the gap that announce another kind of number (a reference, a law, an amount). */
export const OTHER_NUMBER_IN_GAP =
  /(?<![\p{L}])(?:decret|loi|arrete|article|art\.|ordonnance|circulaire|instruction|dossier|facture|commande|ticket|affaire|page|version|reference|ref\.?|siret|siren|lot|contrat|montant|somme|total)(?![\p{L}])/u;
