import type { Intent } from './types.js';
import { matchTopic, type OutOfScopeTopic } from './knowledge/topics.js';
import {
  AI_AS_SUBJECT,
  AI_TASK,
  ASK_PERSON,
  CHARTER_ASK,
  CONTACT,
  CONTESTED,
  DEFINITION,
  DIRECT_ASK,
  FIRST_PERSON,
  FORWARD,
  GENERIC,
  GENERIC_SUBJECT,
  GENERIC_TOOL_SUBJECT,
  HUMAN,
  IMPERATIVE_HUMAN,
  INCIDENT,
  INCIDENT_QUESTION,
  PERMISSION,
  REPORT,
  REVIEW_ASK,
  REVIEWED_BY,
  RULE_ABOUT_USE,
  TASK,
  THIRD_PERSON,
  TOOL_AS_SUBJECT,
  TOOL_CONTEXT,
  USE_VERB,
  WANT_HUMAN,
  WH_START,
  WHO_START,
  WISH,
  WISH_FOR_PERSON,
  WISH_TO_USE,
} from './intent-patterns.js';

/**
 * Intent detection: readable rules over folded text (lower case, no accents), applied in order.
 * Each rule names why it fired, so logs and tests can tell which rule decided.
 */

export interface IntentSignals {
  /** The policy engine recognised a named tool (ChatGPT, MIRAI, "une appli gratuite"…). */
  toolNamed: boolean;
  /** Confidence of the best knowledge-base hit (0..1). */
  kbConfidence: number;
  /** Threshold above which the KB answers. */
  kbThreshold: number;
  topics: OutOfScopeTopic[];
  /** The text describes a decision left to an AI. */
  automated?: boolean;
}

export interface IntentResult {
  intent: Intent;
  rule: string;
  topic?: OutOfScopeTopic;
}

const GREETING = /^(?:bonjour|bonsoir|salut|hello|hi|coucou|hey|bjr|slt|re|yo|allo)(?: (?:a tous|tout le monde|a vous|l'assistant|le bot|charte ia))?[ !.,?]*$/;
const THANKS = /^(?:merci|mci|thanks|super|parfait|ok merci|d'accord|top)(?: (?:beaucoup|bcp|bien|a vous|pour tout|pour votre aide|pour la reponse))*[ !.,]*$/;
const HELP = /^(?:aide|help|menu|\?+|sos|commandes?|options?)[ !.?]*$|que (?:sais|peux|savez|pouvez)[- ](?:tu|vous) faire|comment (?:ca marche|tu marches|vous fonctionnez|t'utiliser|vous utiliser|utiliser (?:ce|cet) (?:bot|assistant))|a quoi (?:tu sers|sers-tu|servez-vous|vous servez)|qui es[- ]tu|qui etes[- ]vous|(?:^|\W)tu (?:fais|sais faire) quoi/;

/** Another ministry or institution's own rules are out of scope. */
const OTHER_MINISTRY = /(?:^|\W)ministere (?:des |de la |de l'|du )?(?:armees|defense|justice|sante|education|economie|finances|culture|agriculture|travail|affaires etrangeres|europe|transition|ecologie|sports|solidarites|enseignement|outre-mer|comptes publics)(?:$|\W)|(?:^|\W)(?:education nationale|au ministere de la justice|a bercy|au quai d'orsay)(?:$|\W)/;

/**
 * Another organisation's own obligations ("une entreprise privée", "les communes"), or commercial
 * uses of personal data, with nothing of the ministry in the question: out of scope.
 */
const OTHER_ORGANISATION =
  /(?:^|\W)(?:(?:les|des|aux|une|un|la|d'une|d'un|leurs?) (?:entreprises?|societes?|communes?|collectivites?|mairies?|employeurs?|associations?|start-?ups?|pme|commercants?|bailleurs?|clubs?|federations?|cabinets?|hopital|hopitaux|cliniques?|ecoles?|universites?|commerces?|boutiques?|restaurants?|coproprietes?|syndics?|particuliers?)|secteur prive|prospection commerciale|marketing|donnees clients|fichiers? clients?|e-commerce)(?:$|\W)/;
const OBLIGATION_WORDS =
  /(?:^|\W)(?:obligations?|regles?|recommande\w*|conseille\w*|autorise\w*|interdi\w*|permet\w*|doi(?:t|vent)(?:-elle|-il|-elles|-ils)?|s'appliquent|s'applique|sanction\w*|inflige\w*|exige\w*|impose\w*|droits?|sont-elles|est-elle)(?:$|\W)/;
const MINISTRY_ANCHOR =
  /(?:^|\W)(?:ministere|prefecture|sous-prefecture|agents?|charte|circulaire|mirai|dtnum|police|gendarmerie|commissariat|interieur|notre|nos|mon|ma|mes|je|j'|nous|on)(?:$|\W)/;

/** Words that tie a message to the bot's domain: AI, the charter, its actors, in French or English. */
const DOMAIN = /(?:^|\W)(?:(?:utiliser|recourir a|deployer|tester) (?:un|une|des|l'|le|la|cet|cette) (?:outil|logiciel|appli|application|service|solution|plateforme)|dictee vocale|transcription|traduction automatique|reconnaissance (?:vocale|faciale)|chatbot|assistant virtuel|agent conversationnel|ia|i\.a\.|intelligence artificielle|charte|circulaire|mirai|ambassadeu\w*|for-?mi|dtnum|chatgpt|chat gpt|gpt\w*|gemini|copilot|mistral|claude|deepl|llm|algorithm\w*|automatis\w*|donnees? personnelles?|rgpd|cnil|ethique\w*|outils? (?:d'ia|numerique\w*)|grand public|artificial intelligence|charter|circular|gdpr|generative|(?:le|ce) texte (?:ne |n')?(?:a ete|avait ete|aurait ete|a|avait|aurait|est|etait|serait|sera|dit|prevoit|parle|precise|mentionne|indique|impose|exige|recommande|s'applique|concerne)|(?:signe|ecrit|redige|elabore|adopte|valide|approuve|presente|diffuse|concerte) (?:ce|le) texte)(?:$|\W)|(?:^|[^\w'])ai(?!-)(?:$|\W)/;

export function isGreeting(folded: string): boolean {
  return GREETING.test(folded) || THANKS.test(folded);
}

export function isThanks(folded: string): boolean {
  return THANKS.test(folded);
}

export function isHelp(folded: string): boolean {
  return HELP.test(folded);
}

export function wantsHuman(folded: string): boolean {
  if (REPORT.test(folded) || CONTESTED.test(folded)) return true;
  // "Qui contacter pour… ?" asks who the contacts are: a charter question.
  if (WHO_START.test(folded)) return false;
  // The ask names the person ("je veux un conseiller", "can I get a real person", "une personne
  // compétente pourrait regarder le dossier ?", "qu'elle soit revue par un agent").
  if (DIRECT_ASK.test(folded) || WISH_FOR_PERSON.test(folded) || REVIEW_ASK.test(folded) || ASK_PERSON.test(folded)) return true;
  const request = WANT_HUMAN.test(folded) || IMPERATIVE_HUMAN.test(folded);
  if (request && (REVIEWED_BY.test(folded) || FORWARD.test(folded))) return true;
  // « J'ai entendu parler d'un réseau de référents » says what one heard of, not whom to talk to.
  const contact = folded.replace(/\b(?:entendu|entendre|entends|entend|entendent|oui-dire) parler\b/g, ' ');
  if (!HUMAN.test(folded) || !CONTACT.test(contact)) return false;
  return request || !WH_START.test(folded);
}

/** Signals of the policy engine that intent detection reads. */
export interface ToolSignals {
  toolNamed: boolean;
  /** The text describes a decision left to an AI (policy/automation.ts). */
  automated?: boolean;
}

/**
 * A concrete "may I / may we / may an agent do X with tool Y" is a tool question; what the text
 * says, the rule in general, a definition or an incident are not.
 */
export function isToolCheck(folded: string, { toolNamed, automated = false }: ToolSignals): boolean {
  if (WH_START.test(folded)) return false;
  if (CHARTER_ASK.test(folded) || GENERIC.test(folded) || DEFINITION.test(folded) || RULE_ABOUT_USE.test(folded)) return false;
  if ((GENERIC_SUBJECT.test(folded) || GENERIC_TOOL_SUBJECT.test(folded)) && !FIRST_PERSON.test(folded)) return false;
  if (INCIDENT.test(folded) && INCIDENT_QUESTION.test(folded)) return false;
  // "Une IA peut-elle…": a question about the rules, unless the AI is given a concrete task.
  if (AI_AS_SUBJECT.test(folded)) return AI_TASK.test(folded);
  const permission =
    PERMISSION.test(folded) ||
    WISH_TO_USE.test(folded) ||
    (THIRD_PERSON.test(folded) && (toolNamed || automated || USE_VERB.test(folded)));
  // A named tool with a task, a wish or a permission word; alone, only a bare "ChatGPT ?" counts.
  if (toolNamed) {
    return permission || WISH.test(folded) || TASK.test(folded) || TOOL_AS_SUBJECT.test(folded) || (folded.includes('?') && folded.split(/\s+/).length <= 3);
  }
  return permission && TOOL_CONTEXT.test(folded);
}

/** Words of the domain (AI, the charter, its actors), in French or English. */
export function mentionsDomain(folded: string): boolean {
  return DOMAIN.test(folded);
}

/** Another organisation's obligations (a company, the communes…) with nothing of the ministry. */
export function isOtherOrganisation(folded: string): boolean {
  return OTHER_ORGANISATION.test(folded) && OBLIGATION_WORDS.test(folded) && !MINISTRY_ANCHOR.test(folded);
}

/** Strips a leading greeting ("Bonjour, puis-je…") so that it does not hide the question. */
export function stripGreeting(folded: string): string {
  return folded.replace(/^(?:bonjour|bonsoir|salut|hello|coucou|bjr|slt)(?: (?:a tous|madame|monsieur))?[ ,!.:-]+/, '').trim();
}

/** "Et si c'est anonymisé ?", "Et pour un article déjà publié ?": a precision on the previous question. */
const FOLLOW_UP = /^(?:et|mais|ok et|d'accord et|et donc)(?: (?:si|avec|pour|dans|sur|en|quand|s'il|s'ils|s'il s'agit|sans|le|la|les|un|une|des|du|si c'est))? /;

export function isFollowUp(folded: string): boolean {
  const text = stripGreeting(folded);
  return FOLLOW_UP.test(text) && text.split(/\s+/).length <= 25 && !wantsHuman(text);
}

export function classifyIntent(foldedText: string, s: IntentSignals): IntentResult {
  const folded = stripGreeting(foldedText);
  if (!folded || isGreeting(folded)) return { intent: 'greeting', rule: 'greeting' };
  if (isHelp(folded)) return { intent: 'help', rule: 'help' };
  if (wantsHuman(folded)) return { intent: 'escalation_request', rule: 'wants-human' };
  if (OTHER_MINISTRY.test(folded)) return { intent: 'out_of_scope', rule: 'other-ministry' };
  if (isOtherOrganisation(folded)) return { intent: 'out_of_scope', rule: 'other-organisation' };
  if (isToolCheck(folded, s)) return { intent: 'tool_check', rule: s.toolNamed ? 'tool-named' : 'permission+tool-context' };
  const inDomain = DOMAIN.test(folded);
  const topic = inDomain ? undefined : matchTopic(folded, s.topics);
  if (topic) return { intent: 'out_of_scope', rule: `topic:${topic.id}`, topic };
  if (s.kbConfidence >= s.kbThreshold) return { intent: 'charter_question', rule: 'kb-confident' };
  if (inDomain) return { intent: 'charter_question', rule: 'domain-low-confidence' };
  // Charter vocabulary without the usual domain words ("le signataire du texte"): still a charter
  // question, answered with "not sure" and a human if the confidence stays low.
  if (s.kbConfidence >= s.kbThreshold / 2) return { intent: 'charter_question', rule: 'kb-partial' };
  return { intent: 'out_of_scope', rule: 'no-domain-word' };
}
