import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { found } from './helpers.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CIRCULAR = [join(ROOT, '..', 'shared', 'sources', 'circulaire-charte-ia.txt'), '/work/shared/sources/circulaire-charte-ia.txt'].find(
  (p) => existsSync(p),
);

/** Messages with no personal data at all: the shield must leave them untouched. */
const CLEAN = [
  'Réunion du groupe de travail charte IA le 10 février 2026 à 14h30, salle 204, bâtiment Lumière.',
  "Conformément à l'article L. 121-1 du code des relations entre le public et l'administration, la procédure s'applique.",
  "Voir l'art. R. 312-5 et l'article 6 de la loi n° 78-17 du 6 janvier 1978.",
  'La circulaire signée par Hugues Moutouh, secrétaire général, est diffusée aux préfets de région et de département.',
  'La préfecture de la Gironde et la DRH ministérielle organisent une session FOR-MI le 05/05/2026 à 14h.',
  'Voir le décret n° 2019-1088 du 25 octobre 2019 et l’article 9 du RGPD sur les catégories particulières de données.',
  'Le budget de 1 250 000 € représente 3,5 M€ soit 12,5 % du total ; 45 000 € en 2025.',
  'Le SIRET 130 007 669 00019 et le SIREN 130 007 669 de la préfecture.',
  'La DTNUM développe MIRAI avec la DRH, le CSA ministériel et la plateforme FOR-MI.',
  'Puis-je utiliser ChatGPT, Mistral Le Chat, Claude Code ou Copilot Microsoft 365 pour résumer une note ?',
  'Peut-on utiliser Albert API pour la préfecture du Rhône à Lyon ?',
  'Le numéro de dossier 2026-000123 et la référence AB12 ne sont pas personnels.',
  'Rendez-vous 10 h 30 le 12.03.2026 à Marseille, porte B, 3e étage, bureau 312.',
  'Le lundi 3 mars et le jeudi 12 juin, les ambassadeurs IA se réunissent.',
  'La version 2.4.1 de l’application et le paragraphe 1.2.3.4.5 du guide.',
  'Commande n° 2026-0457 du 14/04/2026, montant 1 234,56 € TTC.',
  'Le préfet de Bretagne et le ministre de l’Intérieur ont signé la charte.',
  'Mesdames et Messieurs les Préfets de région et de département.',
];

describe('false positives', () => {
  for (const text of CLEAN) {
    it(`finds nothing in: ${text.slice(0, 60)}…`, () => {
      expect(found(text)).toEqual([]);
    });
  }

  it.skipIf(CIRCULAR === undefined)('finds no personal data in the circular (its signatory is a public official)', () => {
    expect(found(readFileSync(CIRCULAR ?? '', 'utf8'))).toEqual([]);
  });
});
