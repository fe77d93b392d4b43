/**
 * Small knowledge base for retrieval tests, written for the tests (independent of
 * knowledge/faq/*.md, which evolves): a dozen entries in the charter's domain.
 */
import type { KbEntry } from '../../src/knowledge/types.js';

type Fixture = Pick<KbEntry, 'id' | 'title' | 'questions' | 'tags' | 'body'>;

const FIXTURES: Fixture[] = [
  {
    id: 'ambassadeurs',
    title: 'Qui sont les ambassadeurs IA ?',
    questions: ['À quoi sert le réseau des ambassadeurs ?', 'Que fait un ambassadeur IA dans un service ?', 'Quel est le rôle des ambassadeurs ?'],
    tags: ['ambassadeurs', 'réseau'],
    body: "Le réseau des **ambassadeurs IA**, animé par la DTNUM, a pour missions de diffuser les bonnes pratiques, d'accompagner les services et d'aider à la montée en compétence des agents.",
  },
  {
    id: 'contact-ambassadeur',
    title: 'Comment joindre un ambassadeur IA ?',
    questions: ['Où trouver la liste des ambassadeurs ?', 'Qui est le référent IA de ma direction ?'],
    tags: ['ambassadeurs', 'contact'],
    body: "La liste des ambassadeurs est publiée sur l'intranet ; vous pouvez aussi écrire à la boîte fonctionnelle de la DTNUM.",
  },
  {
    id: 'formation',
    title: "Où se former à l'intelligence artificielle ?",
    questions: ['Existe-t-il une formation sur l’IA pour les agents ?', 'Comment suivre le parcours FOR-MI ?'],
    tags: ['formation', 'for-mi'],
    body: 'Un parcours de formation est proposé sur la plateforme FOR-MI, pilotée par la DRH. Il couvre les enjeux éthiques, juridiques et pratiques.',
  },
  {
    id: 'mirai',
    title: "Qu'est-ce que MIRAI ?",
    questions: ['À quoi sert le portail MIRAI ?', 'Quels outils propose MIRAI ?'],
    tags: ['mirai', 'outils'],
    body: "MIRAI est le portail ministériel qui donne accès à des outils d'IA sécurisés, à utiliser quand aucune application métier ne répond au besoin.",
  },
  {
    id: 'grand-public',
    title: "Quelles règles pour les outils d'IA grand public ?",
    questions: ['Puis-je utiliser ChatGPT au travail ?', 'Que ne faut-il jamais saisir dans une IA gratuite ?', 'A-t-on le droit de recourir à une IA en ligne ?'],
    tags: ['grand public', 'règles'],
    body: "L'usage d'un outil grand public n'est admis qu'à défaut d'outil ministériel. Ne saisissez jamais de données personnelles, d'informations sensibles ni de documents internes. Relisez toujours le résultat.",
  },
  {
    id: 'donnees-sensibles',
    title: "Qu'est-ce qu'une donnée sensible ?",
    questions: ['Quelles données sont dites sensibles ?', 'Les données de santé sont-elles sensibles ?'],
    tags: ['données', 'rgpd'],
    body: "Le RGPD qualifie de sensibles les données révélant l'origine, les opinions, la santé ou l'orientation sexuelle. Ne confiez jamais non plus vos identifiants ni vos mots de passe à un outil d'IA.",
  },
  {
    id: 'decision',
    title: 'Une IA peut-elle décider à la place d’un agent ?',
    questions: ['Une décision peut-elle être entièrement automatisée ?', 'Qui valide une décision préparée avec une IA ?', "L'IA peut-elle traiter seule une demande ?"],
    tags: ['décision', 'responsabilité'],
    body: "Non : toute décision concernant un usager est validée par un agent, qui examine le dossier et en reste responsable. L'IA n'est qu'une aide.",
  },
  {
    id: 'transparence',
    title: "Faut-il signaler l'usage de l'IA ?",
    questions: ['Dois-je mentionner qu’un texte a été rédigé avec une IA ?', 'Faut-il prévenir le lecteur quand une IA a aidé à écrire ?'],
    tags: ['transparence'],
    body: "Oui, soyez transparent : indiquez dans le document qu'un contenu a été produit ou reformulé avec un outil d'IA lorsqu'il est diffusé.",
  },
  {
    id: 'signataire',
    title: 'Qui a signé la circulaire ?',
    questions: ['Quel est le signataire de la circulaire sur la charte ?'],
    tags: ['circulaire'],
    body: 'La circulaire est signée par le secrétaire général du ministère.',
  },
  {
    id: 'kit-accueil',
    title: "La charte est-elle remise aux nouveaux arrivants ?",
    questions: ["La charte fait-elle partie du kit d'accueil ?"],
    tags: ['accueil'],
    body: "Oui, la charte est intégrée au kit d'accueil remis aux nouveaux arrivants, pour une acculturation progressive.",
  },
  {
    id: 'csa',
    title: 'La charte a-t-elle été présentée au CSA ministériel ?',
    questions: ['Les représentants du personnel ont-ils été consultés ?'],
    tags: ['csa', 'dialogue social'],
    body: 'La charte a été présentée pour information au comité social d’administration ministériel le 10 février 2026.',
  },
  {
    id: 'erreur-saisie',
    title: "J'ai saisi des données personnelles dans un outil grand public, que faire ?",
    questions: ['Que faire après une erreur de saisie dans ChatGPT ?'],
    tags: ['incident', 'données'],
    body: "Supprimez la conversation si possible, prévenez votre hiérarchie et le délégué à la protection des données sans attendre.",
  },
];

export function fixtureEntries(): KbEntry[] {
  return FIXTURES.map((f) => ({
    ...f,
    sources: [{ doc: 'test', label: `Fiche de test ${f.id}` }],
    updated: '2026-01-01',
    related: [],
    file: `${f.id}.md`,
  }));
}

/** A synonyms table in the format of knowledge/synonyms.yaml, for the tests. */
export const FIXTURE_SYNONYMS: string[][] = [
  ['intelligence artificielle', 'ia', 'i.a.'],
  ['ambassadeur ia', 'ambassadeur', 'référent ia', 'référent'],
  ['grand public', 'gratuit', 'gratuite'],
  ['données personnelles', 'données perso', 'infos perso'],
  ['chatgpt', 'chat gpt'],
  ['for-mi', 'formi'],
  ['travail', 'boulot', 'taf'],
  ['utiliser', 'se servir', 'employer'],
  ['pourquoi', 'pk', 'pq'],
  ["qu'est-ce que", "c'est quoi", 'c koi'],
  ['comité social d’administration', 'csa'],
  ['organisations syndicales', 'syndicats', 'représentants du personnel'],
];

/** Questions worded differently from the entries: other words, inflections, accents, SMS, synonyms. */
export const PARAPHRASES: [string, string][] = [
  ['Quelle est la mission des ambassadeurs IA ?', 'ambassadeurs'],
  ['Comment contacter mon référent IA ?', 'contact-ambassadeur'],
  ["Je voudrais me former à l'IA, c'est où ?", 'formation'],
  ['mirai ça sert à quoi', 'mirai'],
  ['Ai-je le droit de me servir de ChatGPT pour mon boulot ?', 'grand-public'],
  ["Qu'appelle-t-on une donnée sensible ?", 'donnees-sensibles'],
  ['Une IA a-t-elle le droit de prendre seule une décision sur un dossier ?', 'decision'],
  ["Dois-je indiquer qu'un document a été rédigé par une IA ?", 'transparence'],
  ['Par qui la circulaire a-t-elle été signée ?', 'signataire'],
  ['Les nouveaux agents reçoivent-ils la charte à leur arrivée ?', 'kit-accueil'],
  ['Les syndicats ont-ils été informés de la charte ?', 'csa'],
  ["J'ai mis des infos perso dans chat gpt par erreur", 'erreur-saisie'],
  ['DONNEES SENSIBLES RGPD', 'donnees-sensibles'],
  ['formation for mi', 'formation'],
];

/** Questions the charter knowledge base cannot answer. */
export const OFF_TOPIC: string[] = [
  'Quel temps fera-t-il demain ?',
  'recette de blanquette',
  'score du match',
  'mot de passe oublié',
  "J'ai oublié mon mot de passe, comment le réinitialiser ?",
  'Comment poser des congés ?',
  'Quand est versée la prime de fin d’année ?',
  'Où se trouve la cantine ?',
  'Mon imprimante ne marche plus',
  'Qui a gagné la coupe du monde ?',
  'Horaires de la piscine municipale',
  'Comment renouveler mon passeport ?',
];
