import { describe, expect, it } from 'vitest';
import { found, shield } from './helpers.js';

/**
 * Labels gate identifiers, not checksums: right after « NIR », « sécu », « IBAN », « RIB », « CB »,
 * « n° étranger », « AGDREF », « tél. »… a value with the rough shape of that identifier is masked
 * even when its key fails, is a digit short or is written without accents. The other direction:
 * ordinary numbers after the same words (amounts, dates, references, articles) are left alone.
 */

/** Text → findings ("type:value"). Keys, check digits and lengths are wrong on purpose in most. */
const LABELLED: [string, string[]][] = [
  ["NIR 1 75 03 75 123 456 78, à saisir", ["nir:1 75 03 75 123 456 78"]],
  ["numéro de sécu 2 84 12 69 387 012 11", ["nir:2 84 12 69 387 012 11"]],
  ["n° de sécu 2 84 12 69 387 012 11", ["nir:2 84 12 69 387 012 11"]],
  ["N° SS 1 84 12 75 387 012 11", ["nir:1 84 12 75 387 012 11"]],
  ["num secu : 184127538701211", ["nir:184127538701211"]],
  ["no secu 1 84 12 75 387 012 11", ["nir:1 84 12 75 387 012 11"]],
  ["numero de securite sociale 1 84 12 75 387 012 11", ["nir:1 84 12 75 387 012 11"]],
  ["sécurité social 1 84 12 75 387 012 11", ["nir:1 84 12 75 387 012 11"]],
  ["numéro INSEE 1 84 12 75 387 012 11", ["nir:1 84 12 75 387 012 11"]],
  ["carte vitale : 2 69 05 49 588 157 81", ["nir:2 69 05 49 588 157 81"]],
  ["NIR: 175037512345678", ["nir:175037512345678"]],
  ["NIR 1750375123456 (sans clé)", ["nir:1750375123456"]],
  ["nir 1 75 03 75 123 456 7", ["nir:1 75 03 75 123 456 7"]],
  ["Le NIR de l'agent est 1 78 06 92 063 157 36.", ["nir:1 78 06 92 063 157 36"]],
  ["son numéro de sécurité sociale est le 2 84 12 69 387 012 11.", ["nir:2 84 12 69 387 012 11"]],
  ["numero secu 1 85 05 2A 004 023 58", ["nir:1 85 05 2A 004 023 58"]],
  ["iban fr77 3000 4008 1900 0123 4567 879", ["iban:fr77 3000 4008 1900 0123 4567 879"]],
  ["RIB : FR7630004008190001234567870", ["iban:FR7630004008190001234567870"]],
  ["RIB 30004 00819 00012345678 79", ["iban:30004 00819 00012345678 79"]],
  ["coordonnées bancaires : FR76 1027 8060 7600 0219 7530 159", ["iban:FR76 1027 8060 7600 0219 7530 159"]],
  ["IBAN au nom de Julien Roux : FR76 1027 8060 7600 0219 7530 159.", ["person_name:Julien Roux", "iban:FR76 1027 8060 7600 0219 7530 159"]],
  ["compte DE89 3704 0044 0532 0130 01", ["iban:DE89 3704 0044 0532 0130 01"]],
  ["carte bancaire 4970 1012 3456 7890", ["payment_card:4970 1012 3456 7890"]],
  ["CB 5355-2233-4455-6674", ["payment_card:5355-2233-4455-6674"]],
  ["numéro de carte : 4970101234567890", ["payment_card:4970101234567890"]],
  ["Visa 4970 1012 3456 789", ["payment_card:4970 1012 3456 789"]],
  ["n° étranger 7503123456", ["id_document:7503123456"]],
  ["n°étranger 7503123456", ["id_document:7503123456"]],
  ["numéro d'étranger : 7503123456", ["id_document:7503123456"]],
  ["no etranger 7503123456", ["id_document:7503123456"]],
  ["AGDREF 9912345678", ["id_document:9912345678"]],
  ["titre de sejour 1302156780", ["id_document:1302156780"]],
  ["passeport 19KD4821", ["id_document:19KD4821"]],
  ["permis de conduire 12067510123", ["id_document:12067510123"]],
  ["CNI 88069231028", ["id_document:88069231028"]],
  ["carte d'identité n° 0512 6910 234", ["id_document:0512 6910 234"]],
  ["Nouvelle CNI n° X4RTBPFW4 délivrée", ["id_document:X4RTBPFW4"]],
  ["tél : 07 56 43 21 8", ["phone:07 56 43 21 8"]],
  ["tel. 06 12 48 73 9", ["phone:06 12 48 73 9"]],
  ["portable 06 12 48 73 901", ["phone:06 12 48 73 901"]],
  ["joignable au 6 12 48 73 90", ["phone:6 12 48 73 90"]],
  ["Tél. +33 6 71 22 45 1", ["phone:+33 6 71 22 45 1"]],
  ["tél 06 12 48 73 90 12 rue des Lilas", ["phone:06 12 48 73 90", "address:12 rue des Lilas"]],
];

/** Ordinary numbers after the same labels or near them: nothing to mask. */
const ORDINARY: string[] = [
  "Voir l'article 22 de la circulaire n° 2024-123 du 3 mars 2024.",
  "La circulaire n° 2024-123 s'applique aux titres de séjour délivrés depuis 2019.",
  "Le titre de séjour, selon la circulaire n° 2024-1234, est renouvelable.",
  "Titre de séjour : voir l'instruction n° 2024-12345 du ministère.",
  "Le montant du virement est de 1 250 000 € pour 2025.",
  "Virement de 12 345 678 € prévu en 2026.",
  "Virement de 12 345 678 euros prévu en 2026.",
  "Le compte rendu de la réunion n° 12 du 14/03/2026.",
  "Carte grise n° 2024AB12345 du véhicule de service.",
  "Le téléphone sonne 3 fois par jour, 250 appels par mois.",
  "Tél. : voir l'annuaire.",
  "Téléphoner au 3939 (Allô Service Public).",
  "Téléphoné le 12.03.2026 à 10 h 30.",
  "La sécurité sociale représente 2 000 000 000 000 d'euros de dépenses.",
  "Le numéro INSEE de la commune est 69123, code INSEE 2A004 pour Ajaccio.",
  "Le passeport talent est valable 4 ans depuis 2016.",
  "Permis de conduire : 12 points, obtenu le 12.03.2005.",
  "La CB est refusée depuis le 12/03/2026.",
  "Le RIB de la régie est sur l'intranet, référence 2024-00123.",
  "Paiement par carte de 1 234,56 € le 14/04/2026.",
  "Le décret n° 2019-1088 du 25 octobre 2019 relatif aux titres de séjour.",
  "Le compte SIRET 130 007 669 00019 de la préfecture.",
  "Visa du chef de service n° 2024-0012.",
  "NIR : à demander à l'usager.",
  "Ordinateur portable 15 pouces, 2 écrans, 16 Go.",
  "Application mobile version 2.4.1, forfait 100 Go.",
  "Commande 202401150000123 livrée, facture 2025-000456.",
  "Est-il permis de traiter 12 000 dossiers par an avec une IA ?",
  "Le dossier n° 2024-123 sur les cartes de séjour et l'article 22.",
  "Les titres de séjour délivrés en 2024 : 12 345 678 au total.",
  "Un tel outil peut traiter 25 000 000 de pages en 2025 ?",
  "Le compte de résultat 2025 s'élève à 12 345 678 901 234 €.",
  "La sécurité des données de 123 456 agents est en jeu depuis 2024.",
  "Référence 987654321012345 et lot 1234567890123.",
  "Le passeport est valable jusqu'au 14 07 2031.",
  "Le titre de séjour expire le 01.02.2027.",
  "Appeler au 17 ou au 112 en cas d'urgence.",
];

describe('identifiers after their label, checksum or not', () => {
  for (const [text, expected] of LABELLED) {
    it(`masks: ${text}`, () => {
      expect(found(text)).toEqual(expected);
    });
  }
});

describe('ordinary numbers after the same words', () => {
  for (const text of ORDINARY) {
    it(`leaves alone: ${text}`, () => {
      expect(found(text)).toEqual([]);
    });
  }
});

describe('the masked text stays readable', () => {
  it('keeps the label and puts the typed placeholder in place of the value', () => {
    expect(shield().redact('NIR 1 75 03 75 123 456 78 et IBAN FR77 3000 4008 1900 0123 4567 879, merci.').redacted).toBe('NIR [NIR] et IBAN [IBAN], merci.');
    expect(shield().redact('numéro de sécu 2 84 12 69 387 012 11 ; n° étranger 7503123456.').redacted).toBe('numéro de sécu [NIR] ; n° étranger [PIÈCE D\'IDENTITÉ].');
  });
});
