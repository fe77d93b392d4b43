import { describe, expect, it } from 'vitest';
import { valuesOf } from './helpers.js';

describe('NIR recognizer', () => {
  it('finds spaced and compact NIRs with a valid key', () => {
    expect(valuesOf('nir', "Le NIR de l'agent est 1 78 06 92 063 157 35, merci.")).toEqual(['1 78 06 92 063 157 35']);
    expect(valuesOf('nir', 'numéro de sécurité sociale 190097505621212, déposé')).toEqual(['190097505621212']);
    expect(valuesOf('nir', 'NIR 2 91 12 75 114 023 59')).toEqual(['2 91 12 75 114 023 59']);
    expect(valuesOf('nir', 'sécu 2911275114023 59')).toEqual(['2911275114023 59']);
  });

  it('handles Corsican départements 2A / 2B', () => {
    expect(valuesOf('nir', 'NIR 1 85 05 2A 004 023 59 et 185052A00402359')).toEqual(['1 85 05 2A 004 023 59', '185052A00402359']);
  });

  it('masks a wrong key (a typo) after a label or in the exact layout of a NIR', () => {
    expect(valuesOf('nir', 'NIR 1 78 06 92 063 157 36')).toEqual(['1 78 06 92 063 157 36']);
    expect(valuesOf('nir', 'NIR 269054958815781')).toEqual(['269054958815781']);
    expect(valuesOf('nir', 'le 1 75 03 75 123 456 78 et 2 84 12 69 387 012 11')).toEqual(['1 75 03 75 123 456 78', '2 84 12 69 387 012 11']);
    expect(valuesOf('nir', '2840312693870 11 puis 284031269387011')).toEqual(['2840312693870 11', '284031269387011']);
  });

  it('leaves a wrong key alone without a label or the exact shape, and numbers glued to other digits', () => {
    expect(valuesOf('nir', 'code 1 7806 9206 3157 36')).toEqual([]);
    expect(valuesOf('nir', 'référence 2 24 40 11 500 001 23')).toEqual([]);
    expect(valuesOf('nir', 'code 9178069206315735')).toEqual([]);
  });
});

describe('IBAN recognizer', () => {
  it('finds spaced and compact IBANs of several countries', () => {
    expect(valuesOf('iban', "sur l'IBAN FR76 3000 4008 1900 0123 4567 879 au nom de")).toEqual(['FR76 3000 4008 1900 0123 4567 879']);
    expect(valuesOf('iban', 'RIB : FR7610278060760002197530158.')).toEqual(['FR7610278060760002197530158']);
    expect(valuesOf('iban', 'compte BE68 5390 0754 7034 ; ES91 2100 0418 4502 0005 1332')).toEqual([
      'BE68 5390 0754 7034',
      'ES91 2100 0418 4502 0005 1332',
    ]);
    expect(valuesOf('iban', 'IBAN FR14 2004 1010 0505 0001 3M02 606 BIC PSSTFRPPXXX')).toEqual(['FR14 2004 1010 0505 0001 3M02 606']);
  });

  it('masks bad check digits after a label or in the exact layout of an IBAN, and a truncated one after its label', () => {
    expect(valuesOf('iban', 'IBAN FR77 3000 4008 1900 0123 4567 879')).toEqual(['FR77 3000 4008 1900 0123 4567 879']);
    expect(valuesOf('iban', 'IBAN FR76 3000 4008 1900 0123 4567 87')).toEqual(['FR76 3000 4008 1900 0123 4567 87']);
    expect(valuesOf('iban', 'réf. FR77 3000 4008 1900 0123 4567 879')).toEqual(['FR77 3000 4008 1900 0123 4567 879']);
  });

  it('leaves bad check digits alone without a label or the exact shape', () => {
    expect(valuesOf('iban', 'code FR76 ABCD')).toEqual([]);
    expect(valuesOf('iban', 'réf FR77-30-0040-0819-0001-2345-6787-9')).toEqual([]);
    expect(valuesOf('iban', 'code FR77 3000 4008 1900 0123 4567 8790 12')).toEqual([]);
  });
});

describe('payment card recognizer', () => {
  it('finds Luhn-valid cards of known networks, grouped or not', () => {
    expect(valuesOf('payment_card', 'carte 4970 1012 3456 7893 expirant 12/27')).toEqual(['4970 1012 3456 7893']);
    expect(valuesOf('payment_card', 'MC 5355-2233-4455-6673.')).toEqual(['5355-2233-4455-6673']);
    expect(valuesOf('payment_card', 'Amex 3782 822463 10005')).toEqual(['3782 822463 10005']);
    expect(valuesOf('payment_card', 'CB 4111111111111111')).toEqual(['4111111111111111']);
  });

  it('masks a Luhn failure after a label or written in four groups of four', () => {
    expect(valuesOf('payment_card', 'carte 4970 1012 3456 7890')).toEqual(['4970 1012 3456 7890']);
    expect(valuesOf('payment_card', 'paiement 4970 1012 3456 7890')).toEqual(['4970 1012 3456 7890']);
  });

  it('leaves Luhn failures without label or card layout, unknown prefixes and long digit runs alone', () => {
    expect(valuesOf('payment_card', 'référence 4970101234567890')).toEqual([]);
    expect(valuesOf('payment_card', 'lot 4970 1012 3456 789')).toEqual([]);
    expect(valuesOf('payment_card', 'numéro 1000 0000 0000 0008')).toEqual([]);
    expect(valuesOf('payment_card', 'suite 41111111111111114111111')).toEqual([]);
  });
});

describe('identity document recognizer', () => {
  it('finds passport numbers alone or in context', () => {
    expect(valuesOf('id_document', 'Passeport n° 19KD48213 présenté')).toEqual(['19KD48213']);
    expect(valuesOf('id_document', 'Le candidat (passeport 21FR90417) sera reçu')).toEqual(['21FR90417']);
    expect(valuesOf('id_document', 'document 20XY35791 joint')).toEqual(['20XY35791']);
  });

  it('finds 12-digit CNI numbers only after an identity or number cue', () => {
    expect(valuesOf('id_document', 'CNI n° 880692310285 au nom de')).toEqual(['880692310285']);
    expect(valuesOf('id_document', "sa carte d'identité n° 930475218846.")).toEqual(['930475218846']);
    expect(valuesOf('id_document', "pièce d'identité : 0512 6910 2345")).toEqual(['0512 6910 2345']);
    expect(valuesOf('id_document', 'Numéro de permis de conduire : 120675101234.')).toEqual(['120675101234']);
    expect(valuesOf('id_document', 'lot 880692310285 livré')).toEqual([]);
    expect(valuesOf('id_document', 'facture n° 880692310285')).toEqual([]);
  });

  it('finds new CNI numbers and residence permits in context', () => {
    expect(valuesOf('id_document', 'Nouvelle CNI n° X4RTBPFW4 délivrée')).toEqual(['X4RTBPFW4']);
    expect(valuesOf('id_document', 'titre de séjour n° 1302156789 expiré')).toEqual(['1302156789']);
    expect(valuesOf('id_document', 'référence X4RTBPFW4')).toEqual([]);
    expect(valuesOf('id_document', 'commande 1302156789')).toEqual([]);
  });
});

describe('licence plate recognizer', () => {
  it('finds SIV plates with dashes, spaces or no separator', () => {
    expect(valuesOf('license_plate', 'Véhicule immatriculé GH-417-KT contrôlé')).toEqual(['GH-417-KT']);
    expect(valuesOf('license_plate', 'plaque GH 417 KT et AB123CD')).toEqual(['GH 417 KT', 'AB123CD']);
    expect(valuesOf('license_plate', 'M. Moreau (AB-582-QF) a été')).toEqual(['AB-582-QF']);
  });

  it('finds old FNI plates', () => {
    expect(valuesOf('license_plate', 'ancienne plaque 123 ABC 75 et 1234 AB 2A')).toEqual(['123 ABC 75', '1234 AB 2A']);
    expect(valuesOf('license_plate', 'immatriculé 4521 TR 69')).toEqual(['4521 TR 69']);
  });

  it('rejects SIV letters I, O, U, mixed separators and unit-like sequences', () => {
    expect(valuesOf('license_plate', 'code IO-123-UA')).toEqual([]);
    expect(valuesOf('license_plate', 'code AB-123 CD')).toEqual([]);
    expect(valuesOf('license_plate', 'soit 3 ETP 75 et 12 RN 34')).toEqual([]);
    expect(valuesOf('license_plate', 'sur la RN 7 à 14 H 30')).toEqual([]);
  });
});
