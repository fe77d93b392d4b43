/**
 * Does the agent want an AI to decide alone about a person or a case? The circular (§ 1) requires
 * validation / decision-making by an agent of the ministry (see also GDPR art. 22). An AI that
 * assists (pre-fills, sorts before an agent instructs, drafts for review) is not an automated
 * decision.
 *
 * Two kinds of phrases:
 *  - strong: say by themselves that no human decides ("sans relecture", "sans intervention
 *    humaine", "décide à ma place", "l'IA tranche");
 *  - weak: an automatic decision verb ("refuser automatiquement", "publier directement les
 *    résultats", "appliquer telle quelle"); ignored when the text says an agent checks or decides
 *    ("avant validation par un agent", "l'agent valide ensuite").
 * Negated phrases ("je ne veux pas que l'IA décide automatiquement") do not count.
 */
import { PhraseMatcher, type PatternMatch } from './matcher.js';
import { asTokenized, type Token, type TokenizedText } from './text.js';
import type { AutomationDetection } from './types.js';

const DECISION_VERBS =
  'accorder|accorde|accordee|accordes|accordees|refuser|refuse|refusee|refuses|refusees|rejeter|rejette|rejete|rejetee|rejetes|rejetees|' +
  'valider|valide|validee|valides|validees|decider|decide|decidee|decident|statuer|statue|trancher|tranche|attribuer|attribue|attribuee|' +
  'octroyer|octroie|sanctionner|sanctionne|sanctionnee|radier|radie|noter|notee|notees|eliminer|elimine|selectionner|selectionne|' +
  'recruter|recrute|delivrer|delivre|signer|signe|approuver|approuve|autoriser|autorise|instruire|juger|evaluer|ecarter|ecarte|ecartee|exclure|exclu|exclue|' +
  'cloturer|cloture|cloturee|clore';

/** Past participles saying who decided ("les attributions décidées par l'IA"). */
const DECIDED = 'decide|decides|decidee|decidees|tranche|tranches|tranchee|tranchees|arrete|arretes|arretee|arretees|fixe|fixes|fixee|fixees';

const DECISION_NOUNS = 'decision*|refus|rejet*|attribution*|sanction*|notation*|selection*|validation*|octroi|radiation*|admission*|recrutement*';

const AI_SUBJECTS = 'ia|ai|algorithme*|robot*|machine*|logiciel*|outil*|systeme*|modele*|chatgpt|gemini|claude|mirai|copilot';

const STRONG: string[] = [
  'sans relecture|relire|relu|relecteur',
  'sans ..2 validation|verification|controle|supervision|intervention|relecture|examen humaine*|humain*',
  'sans ..2 validation|verification|controle|supervision|intervention|relecture|regard|examen par|d|de un|une|l agent*|humain*|personne|instructeur*|responsable*|collegue*|hierarchie',
  'sans qu un|une|aucun agent*|humain*|instructeur*|collegue*|responsable*|personne',
  'sans que personne|quiconque ..3 verifie|relise|valide|controle|regarde|lise|intervienne|examine',
  'sans que un|l agent*|humain*',
  'sans ..2 lire|relire',
  'sign* ..3 sans lire|relire|verifier',
  'sans humain*',
  'hors de tout controle humain',
  `${DECISION_VERBS}|choisir|choisisse|repondre|reponde|repond ..2 a ma|notre place`,
  'a ma|notre place .. decid*|tranch*|statu*|sign*|valid*|jug*',
  'a la place d|de un|une|l agent*|humain*|instructeur*|fonctionnaire*',
  'a la place des agent*|humain*|instructeur*|fonctionnaire*',
  `${AI_SUBJECTS} decide|decident|decidera|decideront|tranche|tranchera|statue|statuera`,
  `${AI_SUBJECTS} qui|le|la|les decide|decident|decidera|tranche|statue`,
  `${AI_SUBJECTS} prenne|prend|prendra|prennent la|les decision*`,
  `${AI_SUBJECTS} peut|pourrait|peuvent|pourraient|doit|va ..2 decider|trancher|statuer`,
  `laiss* ..3 ${AI_SUBJECTS} decider|trancher|statuer`,
  `laiss* ..2 ${AI_SUBJECTS} ${DECISION_VERBS}`,
  // "écarter tout seul les profils", "clôture toute seule celles qu'elle juge sans suite".
  `${DECISION_VERBS} ..2 tout|toute seul|seule|seuls|seules`,
  `${DECISION_VERBS} lui|elle meme`,
  `${DECIDED} par l|la|le|un|une|cet|cette ${AI_SUBJECTS}`,
  `entierement|totalement|completement|purement|100 automatis*|automatique* ..4 ${DECISION_NOUNS}|demande*|dossier*|candidature*|recours|contestation*|copie*`,
  `${DECISION_NOUNS}|traitement* ..4 entierement|totalement|completement|purement|uniquement automatis*|automatique*`,
  'decision* individuelle* automatis*|automatique*',
  'remplac* ..3 agent*|instructeur*|humain* ..4 decision*|decider',
];

const WEAK: string[] = [
  `${DECISION_VERBS} ..3 automatiquement`,
  `automatiquement ..3 ${DECISION_VERBS}`,
  `${DECISION_NOUNS} automatique*|automatis*`,
  `automatis* ..3 ${DECISION_NOUNS}`,
  'classe*|classement* sans suite ..3 automatiquement|automatique*',
  'automatiquement ..3 classe*|classement* sans suite',
  'publi*|diffus*|envoy*|transmet*|transmis*|notifi*|communiqu*|appliqu* ..2 directement|automatiquement ..3 resultat*|decision*|reponse*|sanction*|refus|notation*|avis',
  'appliqu*|sign*|valid*|notifi* ..3 tel|telle|tels|telles quel|quelle|quels|quelles',
  'sign*|notifi* ..2 directement',
  'noter|notez|corriger|evaluer ..4 copie*|candidat*|epreuve* ..5 publi*|diffus*|afficher',
];

/** The text says a human checks or decides: weak phrases are then assistance, not automation. */
const HUMAN_IN_THE_LOOP: string[] = [
  'avant validation|relecture|verification|controle|instruction|signature|decision',
  'avant de ..2 instruire|valider|verifier|relire|controler|signer|traiter|decider|examiner',
  'agent*|humain*|instructeur*|moi|je|nous ..2 valide|valident|verifie|verifient|controle|relit|relis|relisons|decide|decident|tranche|signe|instruit|instruis|examine',
  'par un|une|l agent*|humain*|instructeur* ..3 valid*|verifi*|control*|reli*|decid*',
  'valid*|verifi*|control*|reli*|decid*|instrui*|tranch* ..3 par un|une|l agent*|humain*|instructeur*',
  'sous ..2 controle humain',
  'sous ..2 controle d|de un|l agent*|humain*',
  'pre rempli*|remplissage|tri|selection*',
  'prerempli*|preremplissage|pretri|preselection*',
];

interface CompiledAutomation {
  strong: PhraseMatcher<string>;
  weak: PhraseMatcher<string>;
  human: PhraseMatcher<string>;
}

let compiled: CompiledAutomation | undefined;

function matchers(): CompiledAutomation {
  compiled ??= {
    strong: new PhraseMatcher(STRONG.map((source) => ({ source, payload: 'strong' }))),
    weak: new PhraseMatcher(WEAK.map((source) => ({ source, payload: 'weak' }))),
    human: new PhraseMatcher(HUMAN_IN_THE_LOOP.map((source) => ({ source, payload: 'human' }))),
  };
  return compiled;
}

const NEGATION_CUES = new Set(['pas', 'jamais', 'aucunement', 'aucune', 'aucun', 'non', 'ni']);
/** Words allowed between a cue and the phrase: "je ne veux pas que l'IA décide…". */
const NEGATION_BRIDGE = new Set([
  'veux', 'voudrais', 'voulons', 'souhaite', 'souhaiterais', 'souhaitons', 'faut', 'faudrait', 'doit', 'doivent',
  'dois', 'devrait', 'peut', 'peux', 'pourra', 'va', 'vais', 'que', 'qu', 'l', 'la', 'le', 'les', 'il', 'elle', 'on',
  'ce', 'cette', 'de', 'd', 's', 'agit', 'surtout', 'question', 'y', 'a', 'en', 'aucun', 'cas',
  'ia', 'ai', 'outil', 'logiciel', 'algorithme', 'machine', 'systeme', 'modele', 'application', 'chatgpt', 'mirai',
]);

/** True when the phrase is negated ("pas de décision automatique", "l'IA ne doit pas décider…"). */
function negated(tokens: readonly Token[], hit: PatternMatch<unknown>): boolean {
  for (let j = hit.start - 1, steps = 0; j >= 0 && steps < 6; j--, steps++) {
    if ((tokens[j + 1] as Token).boundary) return false;
    const w = (tokens[j] as Token).w;
    if (NEGATION_CUES.has(w)) return true;
    if (!NEGATION_BRIDGE.has(w)) return false;
  }
  return false;
}

/** Detect a decision left to an AI. Strong phrases starting with "sans"/"hors" carry their own negation. */
export function detectAutomatedDecision(input: string | TokenizedText): AutomationDetection {
  const { tokens } = asTokenized(input);
  const m = matchers();
  const words = (hit: PatternMatch<string>): string => hit.wordTokens.map((t) => tokens[t]?.w ?? '').join(' ');
  const kept = (hit: PatternMatch<string>): boolean => {
    const first = tokens[hit.start]?.w;
    return first === 'sans' || first === 'hors' || !negated(tokens, hit);
  };

  const strong = m.strong.matchAll(tokens).filter(kept);
  if (strong.length) return { automated: true, evidence: strong.map(words) };

  const weak = m.weak.matchAll(tokens).filter(kept);
  if (weak.length === 0) return { automated: false, evidence: [] };
  const human = m.human.matchAll(tokens).filter((h) => !negated(tokens, h));
  if (human.length) return { automated: false, evidence: [] };
  return { automated: true, evidence: weak.map(words) };
}
