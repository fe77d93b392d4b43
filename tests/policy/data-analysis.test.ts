import { describe, expect, it } from 'vitest';
import { analyzeData } from '../../src/policy/data-analysis.js';
import type { DataCategory } from '../../src/policy/types.js';
import { policy } from './helpers.js';

const cats = (text: string, piiTypes?: string[]): DataCategory[] => analyzeData(text, { lexicon: policy().lexicon, piiTypes }).categories;

describe('data categories', () => {
  it.each<[string, DataCategory[]]>([
    ['la liste nominative des agents du bureau', ['personal']],
    ['le passeport et la plaque d’immatriculation du conducteur', ['personal']],
    ['le courriel d’une usagère qui demande un rendez-vous', ['personal']],
    ['les copies d’examen des candidats', ['personal']],
    ['l’évaluation annuelle de mon collaborateur', ['personal']],
    ['les journaux de connexion avec les adresses IP', ['personal', 'confidential']],
    ['le certificat médical d’un agent', ['sensitive', 'personal']],
    ['son appartenance syndicale', ['sensitive', 'personal']],
    ['une condamnation inscrite au casier', ['sensitive']],
    ['la procédure disciplinaire visant un agent', ['sensitive', 'personal']],
    ['les empreintes digitales relevées', ['sensitive']],
    ['le récit d’un demandeur d’asile', ['sensitive', 'personal']],
    ['un mineur non accompagné', ['sensitive', 'personal']],
    ['une note Diffusion Restreinte', ['protected', 'sensitive', 'confidential']],
    ['la liste des fichés S du département', ['protected', 'sensitive', 'confidential']],
    ['le plan de sécurisation du sommet', ['protected', 'sensitive', 'confidential']],
    ["l'itinéraire du cortège présidentiel", ['protected', 'sensitive', 'confidential']],
    ['le rapport d’inspection sur le service', ['confidential']],
    ['les notes de la cellule de crise', ['confidential']],
    ['le mot de passe du serveur et la clé d’API dans le code', ['confidential']],
    ['un projet de décret pas encore publié', ['confidential']],
    ['une note de service interne', ['internal']],
    ['l’ordre du jour de la réunion de service', ['internal']],
    ['un communiqué de presse déjà publié', ['public']],
    ['une offre d’emploi publique', ['public']],
    ['un modèle de courrier type', ['public']],
    ['sans aucune donnée', ['public']],
    ['sans aucun document interne', ['public']],
    // Situations of people, named as such.
    ['une réunion où sont évoquées des situations individuelles d’agents', ['personal']],
    ['les cas individuels de plusieurs collègues', ['personal']],
    // English wording.
    ['a scanned ID card of a user', ['personal']],
    ['the list of applicants with their home addresses', ['personal']],
    ['the medical file of a colleague', ['sensitive', 'personal']],
    ['the criminal record of a candidate', ['sensitive', 'personal']],
    ['a press release already published', ['public']],
    ['our internal procedure guide', ['internal']],
    ['les courriers reçus d’usagers étrangers', ['personal']],
    ['le fonctionnement interne du service', ['internal']],
    // The agent who acts or speaks is not data about a person.
    ['un agent peut-il rédiger un discours générique', ['public']],
    ['un agent m’a dit que c’était interdit', []],
    ['le dossier d’un agent', ['personal']],
  ])('%s → %j', (text, expected) => {
    expect(cats(text)).toEqual(expected);
  });

  it('reports nothing when the text says nothing about data', () => {
    const a = analyzeData('Est-ce que je peux utiliser cet outil pour traiter nos données ?', { lexicon: policy().lexicon });
    expect(a).toEqual({ categories: [], evidence: [], unknown: true });
  });

  it('sorts by severity and keeps only restricted categories when there are some', () => {
    expect(cats('le communiqué de presse et la liste nominative des victimes')).toEqual(['sensitive', 'personal']);
    expect(cats('la note interne et le communiqué de presse déjà publié')).toEqual(['internal']);
  });
});

describe('negations and qualifiers', () => {
  it.each<[string, DataCategory[]]>([
    ['une note qui ne contient aucune donnée personnelle', []],
    ['un texte sans aucun nom', []],
    ['des statistiques non nominatives', []],
    ['sans y mettre aucune donnée', ['public']],
    ['un tableau anonymisé des demandes d’asile', []],
    ['un cas fictif de demandeur d’asile', ['public']],
    ['le rapport d’inspection déjà publié sur le site du ministère', ['public']],
    ['un document non public', ['confidential']],
    ['le rapport n’est pas public', ['internal']],
    ['sans aucune donnée de santé', []],
  ])('%s → %j', (text, expected) => {
    expect(cats(text)).toEqual(expected);
  });

  it('negation does not reach across unrelated words or clauses', () => {
    expect(cats('sans problème, les noms des usagers')).toEqual(['personal']);
    expect(cats('sans relecture et avec les noms des candidats')).toEqual(['personal']);
    expect(cats('je ne sais pas si je peux y mettre les noms des agents')).toEqual(['personal']);
  });

  it('a negated qualifier does not cancel ("non anonymisées")', () => {
    expect(cats('des données de santé non anonymisées')).toEqual(['sensitive']);
  });

  it('publication does not make personal data public', () => {
    expect(cats('la liste nominative déjà publiée')).toEqual(['personal']);
  });
});

describe('privacy shield findings', () => {
  it('any PII type means personal data', () => {
    expect(cats('Pouvez-vous résumer ce texte ?', ['phone'])).toEqual(['personal']);
    const a = analyzeData('Résumer ce texte', { lexicon: policy().lexicon, piiTypes: ['nir', 'email'] });
    expect(a.evidence).toEqual([
      { category: 'personal', term: 'pii:nir' },
      { category: 'personal', term: 'pii:email' },
    ]);
  });
  it('evidence never carries free text from the message, only lexicon words', () => {
    const a = analyzeData('la liste de Karim Benali et autres noms', { lexicon: policy().lexicon });
    expect(a.evidence.map((e) => e.term).join(' ')).not.toMatch(/karim|benali/);
  });
});

describe('performance', () => {
  it('is linear on a 50,000-character input', () => {
    const chunk = 'Je voudrais mettre la liste nominative des usagers, sans aucun nom, dans un outil. ';
    const long = chunk.repeat(Math.ceil(50_000 / chunk.length));
    const t0 = performance.now();
    const a = analyzeData(long, { lexicon: policy().lexicon });
    const elapsed = performance.now() - t0;
    expect(a.categories).toContain('personal');
    expect(elapsed).toBeLessThan(1500);
  });
});
