import type { RawValue } from './support/scanner.js';

/**
 * Escalations as agents write them (fictitious people and numbers), each with the raw personal
 * values it holds. Several identifiers fail their checksum on purpose, as typos do, right after
 * their label (NIR, sécu, IBAN, RIB, carte, AGDREF…): they must be masked all the same.
 */
export interface EscalationCase {
  id: string;
  /** The case as the agent types it. */
  text: string;
  /** How the agent names their unit when asked (a button is pressed when absent). */
  unit?: string;
  /** A later message of the agent, added to the open ticket. */
  followUp?: string;
  /** The ambassador's answer (it may repeat the data: it goes through the shield too). */
  answer: string;
  /** Closed with « fermer N faq » (the answer is kept as a FAQ draft). */
  faq?: boolean;
  pii: RawValue[];
}

export const ESCALATIONS: EscalationCase[] = [
  {
    id: 'esc-01',
    text: 'Un usager m’a envoyé par courriel son NIR 1 75 03 75 123 456 78 pour accélérer son dossier. Puis-je le coller dans ChatGPT pour rédiger la réponse ?',
    unit: 'préfecture du Rhône',
    answer: 'Non : ne collez jamais le NIR 1 75 03 75 123 456 78 dans un outil grand public. Utilisez l’application métier.',
    faq: true,
    pii: [{ type: 'nir', value: '1 75 03 75 123 456 78' }],
  },
  {
    id: 'esc-02',
    text: 'Mon collègue a saisi le numéro de sécu 2 84 12 69 387 012 11 de Mme Nathalie Caron dans un outil d’IA en ligne pour remplir un formulaire. Que faut-il faire maintenant ?',
    followUp: 'Précision : Mme Nathalie Caron est joignable au 06 23 45 67 81 si besoin.',
    answer: 'Prévenez votre délégué à la protection des données ; le numéro de sécu 2 84 12 69 387 012 11 ne doit plus circuler.',
    pii: [
      { type: 'nir', value: '2 84 12 69 387 012 11' },
      { type: 'person_name', value: 'Nathalie Caron' },
      { type: 'phone', value: '06 23 45 67 81' },
    ],
  },
  {
    id: 'esc-03',
    text: 'Pour un remboursement, la régie me transmet l’IBAN FR77 3000 4008 1900 0123 4567 879 de M. Olivier Fabre. Peut-on faire vérifier le dossier complet par Copilot ?',
    unit: 'DGPN',
    answer: 'Pas avec l’IBAN FR77 3000 4008 1900 0123 4567 879 dedans : retirez les coordonnées bancaires avant tout usage.',
    pii: [
      { type: 'iban', value: 'FR77 3000 4008 1900 0123 4567 879' },
      { type: 'person_name', value: 'Olivier Fabre' },
    ],
  },
  {
    id: 'esc-04',
    text: 'RIB reçu : FR76 1027 8060 7600 0219 7530 159 au nom de l’association des parents. Est-ce que je peux demander à une IA de préremplir l’ordre de virement ?',
    answer: 'Non, un ordre de virement se prépare dans l’application financière, sans IA grand public.',
    faq: true,
    pii: [{ type: 'iban', value: 'FR76 1027 8060 7600 0219 7530 159' }],
  },
  {
    id: 'esc-05',
    text: 'Une usagère, Mme Élodie Marchand, joignable au 06 23 45 67 80, demande si sa demande de titre de séjour a été examinée par une IA. Que dois-je lui répondre ?',
    unit: 'pref 69',
    answer: 'Répondez à Mme Élodie Marchand qu’aucune décision n’est prise par une IA seule : un agent instruit et valide.',
    pii: [
      { type: 'person_name', value: 'Élodie Marchand' },
      { type: 'phone', value: '06 23 45 67 80' },
    ],
  },
  {
    id: 'esc-06',
    text: 'Le demandeur M. Rachid Haddad, n° étranger 7503123456, titre de séjour n° 1302156780, conteste un refus : peut-on utiliser une IA pour résumer son recours ?',
    answer: 'Avec MIRAI seulement, et sans le n° étranger 7503123456 : un agent relit et décide.',
    pii: [
      { type: 'person_name', value: 'Rachid Haddad' },
      { type: 'id_document', value: '7503123456' },
      { type: 'id_document', value: '1302156780' },
    ],
  },
  {
    id: 'esc-07',
    text: 'Une carte bancaire 4970 1012 3456 7890 a été oubliée au guichet par M. Bruno Tessier. Je voudrais utiliser une IA pour rédiger le courrier de restitution, est-ce autorisé ?',
    unit: 'je ne sais pas',
    answer: 'Oui pour le modèle de courrier, sans le numéro de carte 4970 1012 3456 7890 ni le nom.',
    pii: [
      { type: 'payment_card', value: '4970 1012 3456 7890' },
      { type: 'person_name', value: 'Bruno Tessier' },
    ],
  },
  {
    id: 'esc-08',
    text: 'J’ai la CNI n° 880692310284 et le passeport 19KD48214 de M. Antoine Vidal : puis-je les faire lire par un outil d’OCR gratuit en ligne pour gagner du temps ?',
    answer: 'Non : une pièce d’identité ne va jamais dans un outil grand public.',
    pii: [
      { type: 'id_document', value: '880692310284' },
      { type: 'id_document', value: '19KD48214' },
      { type: 'person_name', value: 'Antoine Vidal' },
    ],
  },
  {
    id: 'esc-09',
    text: 'Numéro de sécurité sociale 1750375123456 (l’usager n’a pas donné la clé) : je dois l’intégrer à un tableau, puis-je utiliser une IA pour le mettre en forme ?',
    unit: 'Bretagne',
    answer: 'Utilisez le tableur du poste, hors IA grand public, pour le NIR 1750375123456.',
    pii: [{ type: 'nir', value: '1750375123456' }],
  },
  {
    id: 'esc-10',
    text: 'n° SS : 184127538701211, c’est celui d’un agent de mon service. On me demande de le transmettre à un prestataire qui utilise une IA, est-ce possible ?',
    answer: 'Non, pas sans l’accord du délégué à la protection des données.',
    pii: [{ type: 'nir', value: '184127538701211' }],
  },
  {
    id: 'esc-11',
    text: 'Un usager, jean-luc.moreau@gmail.com, domicilié 8 rue Victor Hugo, 33000 Bordeaux, se plaint d’une réponse automatique. Une IA a-t-elle le droit de répondre seule ?',
    unit: 'préfecture de la Gironde',
    answer: 'Non : la réponse à jean-luc.moreau@gmail.com doit être validée par un agent.',
    faq: true,
    pii: [
      { type: 'email', value: 'jean-luc.moreau@gmail.com' },
      { type: 'address', value: '8 rue Victor Hugo, 33000 Bordeaux' },
    ],
  },
  {
    id: 'esc-12',
    text: 'Permis de conduire n° 120675101235 de Mme Sandrine Aubert retrouvé dans un scan : peut-on demander à Mistral de classer ces scans automatiquement ?',
    answer: 'Avec MIRAI et une relecture par un agent, oui ; jamais avec un outil grand public.',
    pii: [
      { type: 'id_document', value: '120675101235' },
      { type: 'person_name', value: 'Sandrine Aubert' },
    ],
  },
  {
    id: 'esc-13',
    text: 'Le requérant a laissé son tél : 07 56 43 21 8 (il manque sans doute un chiffre). Puis-je utiliser une IA pour retrouver le bon numéro dans nos fichiers ?',
    answer: 'Non : une IA ne doit pas croiser des fichiers de personnes pour deviner un numéro.',
    pii: [{ type: 'phone', value: '07 56 43 21 8' }],
  },
  {
    id: 'esc-14',
    text: 'Sur la feuille de soins, numéro de carte vitale 2 69 05 49 588 157 81 : un collègue veut la faire analyser par ChatGPT. Je dois lui dire quoi ?',
    unit: 'DGPN',
    answer: 'Dites-lui que c’est interdit : le numéro 2 69 05 49 588 157 81 est une donnée personnelle.',
    pii: [{ type: 'nir', value: '2 69 05 49 588 157 81' }],
  },
  {
    id: 'esc-15',
    text: 'AGDREF 9912345678 et récépissé en cours : le dossier de M. Mamadou Keita peut-il être pré-instruit par un outil d’IA du ministère ?',
    answer: 'Une pré-instruction par IA reste possible avec un outil validé, sous le contrôle d’un agent.',
    pii: [
      { type: 'id_document', value: '9912345678' },
      { type: 'person_name', value: 'Mamadou Keita' },
    ],
  },
  {
    id: 'esc-16',
    text: 'Code insee 1 90 09 75 056 212 13 mentionné dans un courrier de Mme Karine Dubois, née le 12/05/1984 : peut-on l’anonymiser avec un outil en ligne ?',
    answer: 'Utilisez l’outil d’anonymisation du ministère, pas un service en ligne.',
    faq: true,
    pii: [
      { type: 'nir', value: '1 90 09 75 056 212 13' },
      { type: 'person_name', value: 'Karine Dubois' },
      { type: 'birth_date', value: '12/05/1984' },
    ],
  },
  {
    id: 'esc-17',
    text: 'IBAN : FR14 2004 1010 0505 0001 3M02 607 pour le versement de l’indemnité de M. Paul-Henri Legrand. Puis-je faire générer le courrier par une IA ?',
    unit: 'je ne sais pas',
    answer: 'Oui pour un modèle de courrier sans l’IBAN FR14 2004 1010 0505 0001 3M02 607 ni le nom.',
    pii: [
      { type: 'iban', value: 'FR14 2004 1010 0505 0001 3M02 607' },
      { type: 'person_name', value: 'Paul-Henri Legrand' },
    ],
  },
  {
    id: 'esc-18',
    text: 'numero secu 1 85 05 2A 004 023 58 d’un agent corse, sans accent ni clé vérifiée : je voudrais l’envoyer à un chatbot pour vérifier la clé, est-ce permis ?',
    answer: 'Non, et la clé se vérifie dans l’application RH.',
    pii: [{ type: 'nir', value: '1 85 05 2A 004 023 58' }],
  },
  {
    id: 'esc-19',
    text: 'Coordonnées bancaires FR7630004008190001234567870 à saisir pour un fournisseur : une IA peut-elle remplir le bon de commande à ma place ?',
    answer: 'Non, le bon de commande se remplit dans Chorus, sans IA.',
    pii: [{ type: 'iban', value: 'FR7630004008190001234567870' }],
  },
  {
    id: 'esc-20',
    text: 'Paiement refusé avec la CB 5355 2233 4455 6674 d’une usagère, Mme Leïla Benchekroun, 09 81 22 33 47 : peut-on faire analyser le litige par une IA ?',
    unit: 'pref 69',
    followUp: 'Elle a aussi donné un autre numéro, 01 44 55 66 78, et son adresse 27 boulevard Voltaire, 75011 Paris.',
    answer: 'Par un outil du ministère seulement, et sans le numéro de CB 5355 2233 4455 6674.',
    pii: [
      { type: 'payment_card', value: '5355 2233 4455 6674' },
      { type: 'person_name', value: 'Leïla Benchekroun' },
      { type: 'phone', value: '09 81 22 33 47' },
      { type: 'phone', value: '01 44 55 66 78' },
      { type: 'address', value: '27 boulevard Voltaire, 75011 Paris' },
    ],
  },
  {
    id: 'esc-21',
    text: 'Un compte allemand DE89 3704 0044 0532 0130 01 figure dans le dossier de M. Lukas Schneider : puis-je traduire le dossier avec DeepL ?',
    answer: 'Pas avec les coordonnées bancaires : retirez-les avant toute traduction.',
    pii: [
      { type: 'iban', value: 'DE89 3704 0044 0532 0130 01' },
      { type: 'person_name', value: 'Lukas Schneider' },
    ],
  },
];
