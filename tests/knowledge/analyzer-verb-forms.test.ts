import { describe, expect, it } from 'vitest';
import { createAnalyzer, fold, stem } from '../../src/knowledge/analyzer.js';
import { frenchStem } from '../../src/knowledge/french-stemmer.js';
import { verbFormOfNous } from '../../src/knowledge/stem.js';
import { isWeakStem } from '../../src/knowledge/weak-words.js';
import { CharterRetriever } from '../../src/knowledge/retriever.js';
import type { KbEntry } from '../../src/knowledge/types.js';

const plain = createAnalyzer();
const stemOf = (word: string): string => stem(fold(word));
/** Distinct stems of the given forms. */
const stems = (forms: string): string[] => [...new Set(forms.split(' ').map(stemOf))];
/** The plain Snowball stem of a word, accent-free, as before the verb-form rules. */
const snowball = (word: string): string => fold(frenchStem(fold(word)));

describe('verb forms: third-person plurals in -ent', () => {
  it('gives a plural the stem of the other forms of its verb', () => {
    expect(stems('utiliser utilise utilisent utilisez utilisé utilisées utilisaient utilisant utilisation')).toHaveLength(1);
    expect(stems('concerner concerne concernent concerné concernée')).toHaveLength(1);
    expect(stems('aider aide aident aidez aidé')).toHaveLength(1);
    expect(stems('respecter respecte respectent respectez respecté')).toHaveLength(1);
    expect(stems('protéger protège protègent protégé')).toHaveLength(1);
    expect(stems('gérer gère gèrent géré')).toHaveLength(1);
    expect(stems('créer crée créent créé créée')).toHaveLength(1);
    expect(stems('payer paie paient payent payez')).toHaveLength(1);
    expect(stems('déployer déploie déploient déploiement')).toHaveLength(1);
    expect(stems('continuer continue continuent')).toHaveLength(1);
    expect(stems('former forme forment formé')).toHaveLength(1);
    expect(stems('servir servent servez')).toHaveLength(1);
  });

  it('leaves nouns and adjectives in -ent as Snowball stems them', () => {
    const words =
      'agent agents client moment document parent accident argent talent président urgent intelligent ' +
      'transparent référent souvent patient différent compétent adolescent incident permanent pertinent ' +
      'équivalent excellent violent fréquent conscient segment élément récemment évidemment gouvernement ' +
      'département traitement événement argument instrument comment';
    for (const w of words.split(' ')) expect(stemOf(w), w).toBe(snowball(w));
  });

  it('keeps the link Snowball makes between an adjective in -ent and its noun in -ence', () => {
    expect(stemOf('intelligent')).toBe(stemOf('intelligence'));
    expect(stemOf('transparent')).toBe(stemOf('transparence'));
    expect(stemOf('compétent')).toBe(stemOf('compétence'));
    // Except « référent » (a person: the AI referent) and « référence » (a frame of reference).
    expect(stemOf('référent')).not.toBe(stemOf('référence'));
  });

  it('does not confuse a noun with a verb of a similar stem', () => {
    expect(stemOf('agent')).not.toBe(stemOf('agir'));
    expect(stemOf('argent')).not.toBe(stemOf('agent'));
    expect(stemOf('client')).not.toBe(stemOf('clic'));
  });

  it('leaves singulars of -enir verbs alone', () => {
    for (const w of ['vient', 'contient', 'obtient', 'devient', 'appartient', 'convient']) expect(stemOf(w), w).toBe(snowball(w));
  });
});

describe('verb forms: verbs in -ier', () => {
  it('gives every form of a -ier verb one stem', () => {
    expect(stems('vérifier vérifie vérifient vérifiez vérifié vérifiée vérifiées vérifiait vérifiant vérifiera vérification')).toHaveLength(1);
    expect(stems('copier copie copient copiez copié copiée')).toHaveLength(1);
    expect(stems('publier publie publient publié publiée publiées')).toHaveLength(1);
    expect(stems('confier confie confient confié confiée')).toHaveLength(1);
    expect(stems('étudier étudie étudient étudié étude étudiant')).toHaveLength(1);
    expect(stems('privilégier privilégie privilégient privilégiez privilégié')).toHaveLength(1);
  });

  it('recognises any verb in -ifier', () => {
    expect(stems('identifier identifie identifiée identifiable identification')).toHaveLength(1);
    expect(stems('simplifier simplifie simplifiée simplification')).toHaveLength(1);
  });

  it('leaves nouns and adjectives in -ier alone', () => {
    for (const w of ['métier', 'métiers', 'dossier', 'dossiers', 'premier', 'dernier', 'particulier', 'courrier', 'fichier', 'papier', 'officier', 'biais']) {
      expect(stemOf(w), w).toBe(snowball(w));
    }
    expect(stemOf('métier')).not.toBe(stemOf('met'));
  });
});

describe('verb forms: first-person plurals in -ons', () => {
  it('reads a word in -ons as a verb after "nous" or before "-nous"', () => {
    expect(plain.tokens('Que risquons-nous ?')).toEqual(plain.tokens('risquer'));
    expect(plain.tokens('si nous ne respectons pas la charte')).toEqual(plain.tokens('respecter charte'));
    expect(plain.tokens('nous les partageons')).toEqual(plain.tokens('partager'));
    expect(plain.tokens('Nous utilisons ChatGPT')).toEqual(plain.tokens('utiliser ChatGPT'));
  });

  it('leaves nouns in -ons and the forms Snowball handles alone', () => {
    expect(plain.tokens('les raisons et les leçons')).toEqual([snowball('raisons'), snowball('lecons')]);
    expect(plain.tokens('nous choisissons')).toEqual(plain.tokens('choisir'));
    expect(verbFormOfNous('questions')).toBe('questions');
    expect(verbFormOfNous('mangeons')).toBe('manger');
  });

  it('still drops modal verbs as stop words', () => {
    expect(plain.words('Pouvons-nous utiliser MIRAI ?')).toEqual(['utiliser', 'mirai']);
    expect(plain.words('Devons-nous le signaler ?')).toEqual(['signaler']);
  });
});

describe('question words', () => {
  it('keeps "pourquoi" as a weak word rather than a stop word', () => {
    expect(plain.words('Pourquoi une charte ?')).toEqual(['pourquoi', 'charte']);
    expect(isWeakStem(stemOf('pourquoi'))).toBe(true);
    expect(plain.words('Comment et quand utiliser MIRAI ?')).toEqual(['utiliser', 'mirai']);
  });

  it('drops "pourquoi" when the text has no other word: it is no topic by itself', () => {
    expect(plain.words('Pourquoi ?')).toEqual([]);
    expect(plain.words('Pourquoi pas ?')).toEqual([]);
    expect(plain.words('Et pourquoi je dois faire ça ?')).toEqual([]);
  });
});

describe('retrieval across verb forms', () => {
  const entry = (id: string, title: string, body: string): KbEntry => ({
    id,
    title,
    questions: [],
    tags: [],
    body,
    sources: [{ doc: 'test', label: 'test' }],
    updated: '2026-11-28',
    related: [],
    file: `${id}.md`,
  });
  // Each pair differs only by its verb; the distractor comes first, so a tie ranks it first.
  const retriever = CharterRetriever.fromEntries([
    entry('relire-textes', 'Textes des directions', "Les directions relisent les textes sur l'intranet."),
    entry('publier-textes', 'Textes des directions', "Les directions publient les textes sur l'intranet."),
    entry('recevoir-agents', 'Ambassadeurs et agents', 'Les ambassadeurs reçoivent les agents du service.'),
    entry('aider-agents', 'Ambassadeurs et agents', 'Les ambassadeurs peuvent aider les agents du service.'),
    entry('lire-conditions', 'Conditions du portail', 'Lisez les conditions du portail.'),
    entry('verifier-conditions', 'Conditions du portail', 'Vérifiez les conditions du portail.'),
    entry('agent', 'Rôle des agents', 'Chaque agent reste responsable de ses usages.'),
  ]);

  it('finds an entry worded with another form of the same verb', () => {
    expect(retriever.search('Les directions doivent-elles publier les textes ?')[0]?.entry.id).toBe('publier-textes');
    expect(retriever.search('Les ambassadeurs aident-ils les agents du service ?')[0]?.entry.id).toBe('aider-agents');
    expect(retriever.search('En vérifiant les conditions du portail ?')[0]?.entry.id).toBe('verifier-conditions');
  });

  it('does not turn a noun in -ent into a verb', () => {
    expect(retriever.search('Un agent est-il responsable ?')[0]?.entry.id).toBe('agent');
  });
});
