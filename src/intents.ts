import type { Intent } from './types.js';
import { matchTopic, type OutOfScopeTopic } from './knowledge/topics.js';

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
}

export interface IntentResult {
  intent: Intent;
  rule: string;
  topic?: OutOfScopeTopic;
}

const GREETING = /^(?:bonjour|bonsoir|salut|hello|hi|coucou|hey|bjr|slt|re|yo|allo)(?: (?:a tous|tout le monde|a vous|l'assistant|le bot|charte ia))?[ !.,?]*$/;
const THANKS = /^(?:merci|mci|thanks|super|parfait|ok merci|d'accord|top)(?: (?:beaucoup|bcp|bien|a vous|pour tout|pour votre aide|pour la reponse))*[ !.,]*$/;
const HELP = /^(?:aide|help|menu|\?+|sos|commandes?|options?)[ !.?]*$|que (?:sais|peux|savez|pouvez)[- ](?:tu|vous) faire|comment (?:ca marche|tu marches|vous fonctionnez|t'utiliser|vous utiliser|utiliser (?:ce|cet) (?:bot|assistant))|a quoi (?:tu sers|sers-tu|servez-vous|vous servez)|qui es[- ]tu|qui etes[- ]vous|(?:^|\W)tu (?:fais|sais faire) quoi/;

/** Wh-questions ask for information; yes/no questions ask for permission. */
const WH_START = /^(?:(?:mais|alors|et|donc|au fait|dites|bonjour|svp)[ ,]+)?(?:qu'est[- ]ce|qu'est ce|quel(?:le)?s?|lequel|laquelle|lesquel(?:le)?s|dans (?:quel|quelle|quels|quelles)|a (?:quel|quelle|quels|quelles|qui|quoi)|de (?:quel|quelle|quels|quelles|qui|quoi)|par qui|pour qui|pour quoi|pourquoi|qui|quoi|comment|ou|quand|combien|que|c'est quoi|c quoi|ca veut dire|ca sert a quoi|explique(?:z)?[- ]moi|definition)(?=[\s',?-]|$)/;

const HUMAN = /(?:^|\W)(?:humain(?:e|s)?|(?:une|une vraie|un vrai|vraie|vrai) personne|quelqu'un|ambassadeu(?:r|se)s?|referent(?:e|s)?|conseill(?:er|ere)s?|expert(?:e|s)?|responsable|interlocut(?:eur|rice)|correspondant(?:e)?|specialiste|juriste|un agent|dpo|delegue a la protection|la drh|la dtnum|la delegation|un collegue|un etre humain)(?:$|\W)/;
const CONTACT = /(?:^|\W)(?:parler|echanger|discuter|contacter|contact|coordonnees|joindre|appeler|m'appeler|m'appelle|rappel(?:le|ler|er)?|m'aide|m'aider|aide[rz]?[- ]moi|aide|conseil|conseils|avis|me conseille|me conseiller|me reponde|me repondre|m'accompagne|m'accompagner|m'ecrive|mis(?:e)? en (?:relation|contact)|mettre en (?:relation|contact)|mettez[- ]moi|transmet(?:tre|tez|s)|transfer(?:er|ez|e)|faire suivre|relayer|faire remonter|remonter|rendez[- ]vous|rdv|rencontrer|examine|examiner|etudie|etudier|escalader|passez[- ]moi|passe[- ]moi|orientez[- ]moi|poser (?:ma|la|une|cette) question|repondre a ma question|prenne le relais)(?:$|\W)/;
const WANT_HUMAN = /(?:^|\W)(?:je (?:veux|voudrais|souhaite|souhaiterais|aimerais|desire|prefere|prefererais)|j'aimerais|j'ai besoin|besoin d|pouvez[- ]vous|pourriez[- ]vous|peux[- ]tu|est[- ]il possible|est-ce possible|est-ce que (?:quelqu'un|un|une)|merci de|mettez[- ]moi|transferez|passez[- ]moi|orientez[- ]moi)(?:$|\W)/;
const REPORT = /(?:^|\W)(?:je (?:veux|voudrais|souhaite|dois|souhaiterais) (?:signaler|declarer|denoncer|alerter)|signaler un (?:usage|incident|probleme|abus)|lancer une alerte)(?:$|\W)/;
const CONTESTED = /(?:ne me (?:suffit|convient|satisfait) pas|ne repond pas a (?:ma|notre|mon) (?:question|cas|besoin)|pas (?:satisfait|convaincu) (?:de|par) (?:votre|ta) reponse|ne couvre pas notre cas)/;

const PERMISSION = /(?:^|\W)(?:(?:veut|veulent|souhaite|souhaitent|envisage|envisagent|voudrait|voudraient|aimerait|aimeraient|compte|comptent|prevoit|prevoient) (?:d'|de )?(?:utiliser|recourir|deployer|tester|installer|mettre en place|employer|se servir|acheter|adopter)|puis[- ]je|je peux|je pourrais|peut[- ]on|on peut|pourrait[- ]on|on pourrait|est-ce que (?:je|j'|on|nous) (?:peux|peut|pouvons|pourrais|pourrait|ai|a|avons)|ai[- ]je le droit|j'ai le droit|a[- ]t[- ]on le droit|avons[- ]nous le droit|pouvons[- ]nous|nous pouvons|est[- ]il possible|c'est (?:ok|bon|possible|autorise|permis|interdit|grave|legal|risque)|ca passe|(?:est|c'est|serait) autorise|autorise(?:e)?s?|valide(?:e)?s?|homologue(?:e)?s?|agree(?:e)?s?|interdit|permis|ok pour|possible de|je (?:voudrais|veux|souhaite|souhaiterais|compte|vais|dois)|j'aimerais|je pense (?:utiliser|passer))(?:$|\W|\?)/;
const TOOL_CONTEXT = /(?:^|\W)(?:ia|i\.a\.|intelligence artificielle|outil|outils|logiciel|appli|application|chatbot|robot conversationnel|assistant (?:ia|virtuel)|traducteur|generateur|transcription automatique|llm|algorithme)(?:$|\W)/;
/** "Une IA peut-elle…": the AI, not the agent, is the subject — a question about the rules. */
const AI_AS_SUBJECT = /(?:^|\W)(?:une ia|l'ia|un outil d'ia|l'intelligence artificielle|un algorithme|une machine) (?:peut[- ]elle|peut[- ]il|a[- ]t[- ]elle|a[- ]t[- ]il|doit[- ]elle|peut|a le droit|doit)(?:$|\W)/;
/** Generic quantifiers make a permission question a question about the rule. */
const GENERIC = /(?:^|\W)(?:n'importe (?:quel|quelle|quels|quelles|quoi)|toutes? les donnees|tous types? de|en general|de maniere generale|en principe)(?:$|\W)/;
/** "MIRAI, c'est quoi ?": a definition, not a permission. */
const DEFINITION = /(?:c'est quoi|ca sert a quoi|qu'est[- ]ce que c'est|ca veut dire quoi)(?:$|\W)/;
/** "J'ai collé par erreur… que faire ?": an incident to handle, not a permission to ask. */
const INCIDENT = /(?:^|\W)j'ai (?:deja |peut-etre )?(?:mis|colle|saisi|envoye|entre|copie|transmis|partage|donne|televerse|charge|utilise)(?:$|\W)/;
const INCIDENT_QUESTION = /par erreur|par megarde|sans faire expres|que (?:dois|faut|faire)|quoi faire|comment (?:faire|reagir|corriger)|est-ce grave|c'est grave/;
const TASK = /(?:^|\W)(?:pour|afin de|en vue de)(?:$|\W)/;

/** Another ministry or institution's own rules are out of scope. */
const OTHER_MINISTRY = /(?:^|\W)ministere (?:des |de la |de l'|du )?(?:armees|defense|justice|sante|education|economie|finances|culture|agriculture|travail|affaires etrangeres|europe|transition|ecologie|sports|solidarites|enseignement|outre-mer|comptes publics)(?:$|\W)|(?:^|\W)(?:education nationale|au ministere de la justice|a bercy|au quai d'orsay)(?:$|\W)/;

/** Words that tie a message to the bot's domain: AI, the charter, its actors. */
const DOMAIN = /(?:^|\W)(?:(?:utiliser|recourir a|deployer|tester) (?:un|une|des|l'|le|la|cet|cette) (?:outil|logiciel|appli|application|service|solution|plateforme)|dictee vocale|transcription|traduction automatique|reconnaissance (?:vocale|faciale)|chatbot|assistant virtuel|agent conversationnel|ia|i\.a\.|intelligence artificielle|charte|circulaire|mirai|ambassadeu\w*|for-?mi|dtnum|chatgpt|chat gpt|gpt\w*|gemini|copilot|mistral|claude|deepl|llm|algorithm\w*|automatis\w*|donnees? personnelles?|rgpd|cnil|ethique\w*|outils? (?:d'ia|numerique\w*)|grand public)(?:$|\W)/;

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
  if (!HUMAN.test(folded) || !CONTACT.test(folded)) return false;
  // "Qui contacter pour… ?" asks who the contacts are: a charter question.
  if (/^(?:qui|quel(?:le)?s?|a qui) /.test(folded)) return false;
  return WANT_HUMAN.test(folded) || /(?:^|\W)(?:passez|passe|orientez|mettez)[- ]moi/.test(folded) || !WH_START.test(folded);
}

export function isToolCheck(folded: string, toolNamed: boolean): boolean {
  if (WH_START.test(folded)) return false;
  if (AI_AS_SUBJECT.test(folded) || GENERIC.test(folded) || DEFINITION.test(folded)) return false;
  if (INCIDENT.test(folded) && INCIDENT_QUESTION.test(folded)) return false;
  const permission = PERMISSION.test(folded);
  // A named tool with a task or a permission word; alone, only a bare "ChatGPT ?" counts.
  if (toolNamed) return permission || TASK.test(folded) || (folded.includes('?') && folded.split(/\s+/).length <= 3);
  return permission && TOOL_CONTEXT.test(folded);
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
  if (isToolCheck(folded, s.toolNamed)) return { intent: 'tool_check', rule: s.toolNamed ? 'tool-named' : 'permission+tool-context' };
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
