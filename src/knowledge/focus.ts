/**
 * Question understanding before retrieval: isolates what is asked from how it is asked.
 *
 * Agents write « Bonjour, je suis nouvelle en préfecture. Mon chef m'a dit que l'IA c'est bien
 * mais pas n'importe comment. Concrètement, quelles garanties la circulaire exige-t-elle ? ».
 * The greeting, the politeness, the request frame (« je voudrais savoir si », « d'après la
 * circulaire ») and the reported-speech frame (« mon chef m'a dit que ») carry no subject: they
 * are removed. The question sentence weighs fully; the sentences around it (context about the
 * asker, the claim being checked) weigh less, and their words that the knowledge base does not
 * know are not held against an answer. The kind of question (definition, who, when, list…) is
 * detected on the question sentence.
 *
 * Everything is a bounded pass over the text: sentences are cut at punctuation in one scan, and
 * each frame pattern is a fixed alternation tried at word starts, so the cost stays linear in the
 * input (a 5,000-word e-mail thread included). Nothing here logs or keeps the text.
 */
import { FRENCH_STOP_WORDS } from './stopwords.js';

export type QuestionKind = 'definition' | 'who' | 'when' | 'where' | 'quantity' | 'why' | 'how' | 'list' | 'yes_no' | 'statement';

export interface FocusPiece {
  /** A slice of the original text (frames blanked out). */
  text: string;
  /** 1 for the question itself, CONTEXT_WEIGHT for the sentences around it. */
  weight: number;
}

export interface QuestionFocus {
  pieces: FocusPiece[];
  kind: QuestionKind;
  /** A broad question ("les enjeux", "les points clés", "en résumé") that may span several entries. */
  broad: boolean;
  /**
   * The word naming what is asked for, right after the question word: « quel **budget** »,
   * « combien de **réunions** », « avant quelle **échéance** ». An answer must cover it.
   */
  asked?: string;
}

/** Weight of a context sentence (not the question) in retrieval. */
export const CONTEXT_WEIGHT = 0.5;
/** Longest text examined; the retriever reads no further anyway. */
const MAX_FOCUS_CHARS = 20_000;
/** Fewer content words than this in the question sentence ("Il a raison ?"): the sentence before it is part of the question. */
const MIN_CONTENT_WORDS = 1;

const foldCache = new Map<number, string>();
/** Lower case without accents, one UTF-16 unit for one, so offsets match the original text. */
export function foldSameLength(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 128) {
      out += code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : text[i];
      continue;
    }
    let f = foldCache.get(code);
    if (f === undefined) {
      const ch = String.fromCharCode(code);
      const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
      f = code === 0x2019 || code === 0x2018 || code === 0x02bc ? "'" : base.length === 1 ? base : ch;
      if (foldCache.size < 4096) foldCache.set(code, f);
    }
    out += f;
  }
  return out;
}

// Frames: removed wherever they start a word. Each is a plain alternation (no nested quantifiers).
const W = "(?:^|(?<=[^a-z0-9']))";
const FRAMES: readonly RegExp[] = [
  // greetings and politeness
  new RegExp(`${W}(?:bonjour|bonsoir|salut|hello|hi|hey|coucou|yo|bjr|slt|re|madame|monsieur|mesdames|messieurs|chers? collegues?)(?= |,|!|\\.|$)`, 'g'),
  new RegExp(`${W}(?:merci (?:d'avance|par avance|beaucoup|bcp|a vous|pour (?:votre|ta) (?:aide|reponse))|merci|mrc|svp|stp|s'il vous plait|s'il te plait|please|cordialement|bien a vous|bonne journee|bonne soiree|d'avance)(?= |,|!|\\.|$)`, 'g'),
  // request frames
  new RegExp(
    `${W}(?:je (?:voudrais|voulais|veux|souhaiterais|souhaite|aimerais|cherche a|me demandais|me demande|me permets de vous solliciter afin de|me permets de vous demander|ne sais pas|sais pas)(?: bien)? (?:savoir|comprendre|connaitre|verifier|confirmer|demander)?|j'aimerais (?:savoir|comprendre|connaitre|verifier)|j'ai (?:une|deux) questions?|une question|petite question|question rapide|(?:pouvez|pourriez|peux|pourrais)[- ](?:vous|tu) (?:me )?(?:dire|rappeler|expliquer|indiquer|confirmer|preciser|resumer|donner)|(?:vous pouvez|tu peux|tu pourrais|vous pourriez) (?:me )?(?:dire|rappeler|expliquer|indiquer|confirmer|preciser|resumer|donner)|(?:dites|dis)[- ]moi|tu me (?:donnes|dis|rappelles|resumes)|vous me (?:donnez|dites|rappelez|resumez)|est-ce que vous savez|savez-vous|sais-tu|afin de savoir|(?:vous pouvez|pouvez-vous|pourriez-vous|tu peux|peux-tu|tu pourrais) m'aider|(?:merci de|pour) m'aider)(?= |,|$)`,
    'g',
  ),
  // source frames: "d'après la circulaire", "selon le texte", "que dit la charte sur"
  new RegExp(
    `${W}(?:d'apres|selon|dans|d'apres ce que dit|au sens de) (?:la circulaire|le texte|la charte|ce texte|cette circulaire|cette charte|la note|le document)|(?:qu'est-ce que|que|ce que) (?:dit|prevoit|indique|raconte) (?:exactement |precisement |vraiment )?(?:la circulaire|le texte|la charte|ce texte)(?: (?:la-dessus|a ce sujet|sur ce point|sur le sujet|sur|a propos de|concernant|au sujet de|de))?|(?:la circulaire|le texte|la charte|ce texte) (?:dit|prevoit|indique) quoi(?: (?:sur|a propos de|concernant|de))?|what does the (?:circular|text|charter) say(?: about)?`,
    'g',
  ),
  // reported speech: "mon chef m'a dit que", "un collègue prétend que"
  new RegExp(
    `${W}(?:mon|ma|mes|un|une|des|le|la|les|nos|notre|votre|on|quelqu'un)(?: (?:chef|cheffe|collegue|collegues|directeur|directrice|superieur|superieure|responsable|manager|n\\+1|n\\+2|n\\+3|boss|patron|patronne|hierarchie|formateur|formatrice|binome|equipe|service|syndicat|delegue|prefet|adjoint|adjointe|voisin|voisine|entourage)(?: (?:de service|de bureau|syndique|syndiquee|direct|directe))?)? (?:m'a dit|m'a explique|m'a affirme|nous a dit|nous a explique|a dit|dit|affirme|pretend|soutient|assure|pense|croit|raconte|explique|m'assure|me dit|nous dit|repete|m'a parle|me demande|m'a demande|nous demande|nous a demande|veut savoir|voudrait savoir|aimerait savoir|se demande|se demandait)(?: (?:que|qu'|si|ce matin que|hier que|en reunion que))?`,
    'g',
  ),
  // discourse fillers
  new RegExp(
    `${W}(?:concretement|franchement|en fait|du coup|alors voila|voila|bref|au fait|en gros|en vrai|justement|exactement|vraiment|tout simplement|la-dessus|la dessus|s'il vous plait|svp|en bref|au juste|donc|alors|ok|okay|euh|bah|ben|hum|pour faire simple|en resume|pour resumer)(?= |,|\\?|!|\\.|$)`,
    'g',
  ),
];

/** A leading self-introduction or purpose ("je suis nouvelle en préfecture,", "pour un article de l'intranet,"): context. */
const SELF_INTRO = /^(?:moi,? )?(?:je suis|jsuis|j'suis|chui|je bosse|je travaille|je viens d'arriver|je suis arrive|je suis arrivee|je debute|nouveau|nouvelle|en poste|agent|agente|pour (?:un|une|mon|ma|mes|notre|nos) |dans le cadre d(?:e |')|en vue d(?:e |'))(?: [^,.;:?!]{0,120}?)?(?:[,:]| et | mais | donc ) */;
/** A run-on question sentence of this many words or more is split at its commas: the last clause asks, the others tell. */
const LONG_SENTENCE_WORDS = 25;

const KIND_RULES: readonly [QuestionKind, RegExp][] = [
  ['definition', /(?:^|\W)(?:c'est quoi|c quoi|ckoi|qu'est[- ]ce que c'est|qu'est[- ]ce qu(?:e|'on appelle|'une?)|que (?:signifie|veut dire|designe)|ca veut dire|definition|definir|ca designe|what is)(?:$|\W)/],
  ['who', /(?:^|\W)(?:qui|a qui|aupres de qui|par qui|c'est a qui|quel(?:le)?s? (?:service|entite|direction|interlocuteur|organisme|personne|acteur|instance|structure)s?|who)(?:$|\W)/],
  // Not a bare « quand »: « quand utiliser MIRAI ? » asks in which case, not for a date.
  ['when', /(?:^|\W)(?:quand (?:a|ont|aura|auront|sera|seront|etait|est-ce que la|est-ce que le)(?: \S+)? (?:eu lieu|ete|lieu)|a quelle date|quelle date|en quelle annee|quelle annee|a quel moment|depuis quand|jusqu'a quand|quelle echeance|quel delai|quelle date limite|what date|when)(?:$|\W)/],
  ['quantity', /(?:^|\W)(?:combien|quel (?:budget|montant|cout|prix|nombre|effectif|pourcentage|taux|volume)|quelle (?:somme|part|proportion|duree|quantite)|how (?:much|many))(?:$|\W)/],
  ['where', /(?:^|\W)(?:ou (?:trouver|se trouve|est|sont|consulter|puis-je|peut-on)|where)(?:$|\W)/],
  ['why', /(?:^|\W)(?:pourquoi|pk|pq|dans quel but|a quoi (?:sert|servent|bon)|why)(?:$|\W)/],
  ['how', /(?:^|\W)(?:comment|de quelle (?:maniere|facon)|how)(?:$|\W)/],
  ['list', /(?:^|\W)(?:quel(?:le)?s (?:sont|garanties|regles|principes|points|enjeux|objectifs|conditions|exigences|benefices|avantages|apports|missions|etapes|elements)|lesquel(?:le)?s|points? cles?|grandes lignes|les principaux|les principales|liste|en resume|resume|l'essentiel)(?:$|\W)/],
  ['yes_no', /(?:^|\W)(?:est-ce que|est ce que|esk|-t-(?:il|elle|on)|(?:est|sont|a|ont|peut|doit|faut)-(?:il|elle|ils|elles|on)|c'est (?:vrai|exact|juste)|vrai ou faux|il a raison|elle a raison|ou pas)(?:$|\W)/],
];

/** Broad questions: the gist of several entries ("les enjeux", "les règles", "pourquoi l'IA"). */
const BROAD = /(?:^|\W)(?:points? cles?|grandes lignes|en quelques lignes|en quelques mots|en deux mots|l'essentiel|en resume|resume[rz]?|synthese|les enjeux|enjeux|les regles|les principes|tout ce qu|vue d'ensemble|panorama|principaux messages|messages cles|ce qu'il faut retenir|a retenir|en bref|pourquoi l'ia|pour une slide|pour ma slide|une slide)(?:$|\W)/;

/** Words that only say "give me the gist": dropped from a broad question that names its topic. */
const GIST = new RegExp(
  `${W}(?:les |des |quels sont les |quelles sont les )?(?:points? cles?|grandes lignes|l'essentiel|en resume|resumer|resume|synthese|vue d'ensemble|panorama|principaux messages|messages cles|ce qu'il faut retenir|a retenir|en bref|pour une slide|pour ma slide|une slide|sur une slide|en quelques lignes|en quelques mots|en deux mots|en trois mots|en une phrase|en une ligne|en bref|rapidement|brievement|synthetiquement)(?= |,|\\?|!|\\.|$)`,
  'g',
);
/** Words that name the document rather than a topic. */
const DOCUMENT_WORDS = /(?:^|[^a-z])(?:la |le |cette |ce )?(?:circulaire|charte|texte|note|document)(?=[^a-z]|$)/g;

const CONTENT_WORD = /[a-z0-9]{4,}/g;
const GENERIC_WORDS = new Set(['sont', 'est-ce', 'cela', 'cette', 'celle', 'celui', 'ceux', 'elle', 'elles', 'leur', 'leurs', 'quoi', 'quel', 'quelle', 'quels', 'quelles', 'lesquels', 'lesquelles', 'exact', 'vrai', 'raison', 'faux', 'juste', 'alors', 'donc', 'aussi', 'avoir', 'etre', 'fait', 'faire', 'dire', 'peut', 'peux', 'doit', 'faut', 'comment', 'pourquoi', 'quand']);

function wordCount(folded: string): number {
  let n = 0;
  for (const _ of folded.matchAll(/[a-z0-9]+/g)) n++;
  return n;
}

/**
 * Start of the clause that asks, in a run-on sentence: the last comma clause with a content
 * word, extended back to the clause holding the question word when there is one. 0 when the
 * sentence has a single clause.
 */
function askingClauseStart(folded: string): number {
  const starts = [0];
  for (let i = 0; i < folded.length; i++) if (folded[i] === ',') starts.push(i + 1);
  if (starts.length < 3) return 0;
  let cut = 0;
  for (let k = starts.length - 1; k >= 0; k--) {
    const clause = folded.slice(starts[k] as number, k + 1 < starts.length ? (starts[k + 1] as number) : folded.length);
    if (QUESTION_START.test(clause.trimStart() ? ` ${clause.trimStart()}` : clause) || contentWords(clause) >= MIN_CONTENT_WORDS) {
      cut = starts[k] as number;
      break;
    }
  }
  return cut;
}

/** Content words the analyzer keeps too (not « autre », « toutes »): what a piece is about. */
function topicWords(folded: string): number {
  let n = 0;
  for (const m of folded.matchAll(CONTENT_WORD)) if (!GENERIC_WORDS.has(m[0]) && !FRENCH_STOP_WORDS.has(m[0])) n++;
  return n;
}

function contentWords(folded: string): number {
  let n = 0;
  for (const m of folded.matchAll(CONTENT_WORD)) if (!GENERIC_WORDS.has(m[0])) n++;
  return n;
}

/**
 * Blanks every match of `patterns` (run on the same-length folded text) in both forms: the folded
 * text and the original, whose characters are kept wherever the folded text survived.
 */
function blank(folded: string, original: string, patterns: readonly RegExp[]): { folded: string; text: string } {
  let f = folded;
  for (const re of patterns) f = f.replace(re, (m) => ' '.repeat(m.length));
  let text = '';
  for (let i = 0; i < original.length; i++) text += f[i] === ' ' && folded[i] !== ' ' ? ' ' : original[i];
  return { folded: f, text };
}

interface Sentence {
  text: string;
  folded: string;
  question: boolean;
}

/** Cuts the text into sentences at . ! ? ; : and line breaks (one pass). */
function sentences(text: string): Sentence[] {
  const folded = foldSameLength(text);
  const out: Sentence[] = [];
  let start = 0;
  const push = (end: number, question: boolean) => {
    const t = text.slice(start, end);
    const f = folded.slice(start, end);
    if (/[a-z0-9]/.test(f)) out.push({ text: t, folded: f, question });
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '?' || c === '!' || c === ';' || c === '\n' || c === ':' || (c === '.' && !/\d/.test(text[i + 1] ?? '') && text[i + 1] !== '.')) {
      push(i, c === '?');
      start = i + 1;
    }
  }
  push(text.length, false);
  return out;
}

const QUESTION_START = /^ *(?:et |mais |alors )?(?:qu'est|quel|quelle|quels|quelles|lequel|laquelle|lesquel|qui|quoi|comment|pourquoi|quand|ou |combien|que |est-ce|est ce|a qui|a quoi|a quel|de quel|dans quel|pour quel|par qui|c'est quoi|c quoi|y a-t-il|peut-on|puis-je|dois-je|faut-il|what|who|how|why|when|can|is there|does|do )/;

/** « quel budget », « quelle est la durée », « combien de réunions », « à quelle entité »: the asked word. */
const ASKED = /(?:^|[^a-z0-9'])(?:quel|quelle|quels|quelles|combien|lequel|laquelle)(?: (?:est|sont|etait|serait|seront|sera))?(?: (?:le|la|les|l'|de|d'|du|des))?(?: |')([a-z][a-z-]{2,30})/;
/** Heads that say nothing of what is asked (« quel type de », « quelle est la place de »). */
const EMPTY_HEADS = new Set(['type', 'types', 'sorte', 'genre', 'forme', 'maniere', 'facon', 'moyen', 'chose', 'choses', 'place', 'role', 'sont', 'est', 'part', 'niveau', 'point', 'points', 'cas', 'difference', 'lien', 'rapport', 'interet', 'sens', 'fois', 'autres', 'elements', 'element', 'aspect', 'aspects', 'partie', 'parties']);

function askedWord(folded: string): string | undefined {
  const m = ASKED.exec(folded);
  const head = m?.[1];
  return head && !EMPTY_HEADS.has(head) ? head : undefined;
}

function kindOf(folded: string): QuestionKind {
  for (const [kind, re] of KIND_RULES) if (re.test(folded)) return kind;
  return folded.includes('?') ? 'yes_no' : 'statement';
}

/**
 * « Les points clés sur pourquoi l'IA au ministère » asks for the gist of a topic: the gist words
 * are dropped so that the topic is searched. Without a topic (« les points clés de la
 * circulaire »), they stay: they then point to the entries that sum the circular up.
 */
function dropGist(pieces: FocusPiece[]): void {
  const stripped = pieces.map((p) => {
    const { folded, text } = blank(foldSameLength(p.text), p.text, [GIST]);
    return { piece: p, text, topic: contentWords(folded.replace(DOCUMENT_WORDS, ' ')) };
  });
  // The topic must be asked about: « résumé … pour la newsletter de la préfecture, les grandes
  // lignes ? » asks for the gist of the document, the newsletter is only context.
  if (stripped.reduce((n, s) => n + (s.piece.weight === 1 ? s.topic : 0), 0) === 0) return;
  for (const s of stripped) s.piece.text = s.text;
}

/**
 * « … un cadre maîtrisé, sécurisé et… quoi d'autre ? », « tu peux me donner les grandes lignes ? »:
 * when nothing of the question itself is left (frames, gist words), the sentences around it are
 * what is asked about (self-introductions aside).
 */
function promoteContextWhenQuestionIsEmpty(pieces: FocusPiece[], intro: ReadonlySet<FocusPiece>): void {
  const topic = (p: FocusPiece) => topicWords(foldSameLength(p.text));
  const asked = pieces.filter((p) => p.weight === 1).reduce((n, p) => n + topic(p), 0);
  if (asked >= MIN_CONTENT_WORDS) return;
  const others = pieces.filter((p) => !intro.has(p));
  // The self-introduction itself (« je suis en train de faire un résumé du texte IA… ») when nothing else says anything.
  const promoted = others.some((p) => topic(p) > 0) ? others : pieces;
  for (const p of promoted) p.weight = 1;
}

/** Splits a question into weighted pieces for retrieval, with its kind. Never throws. */
export function focusQuestion(input: string): QuestionFocus {
  const text = input.length > MAX_FOCUS_CHARS ? input.slice(0, MAX_FOCUS_CHARS) : input;
  const all = sentences(text);
  if (all.length === 0) return { pieces: [{ text, weight: 1 }], kind: 'statement', broad: false };
  let questionIdx = all.map((s, i) => (s.question || QUESTION_START.test(s.folded) ? i : -1)).filter((i) => i >= 0);
  if (questionIdx.length === 0) questionIdx = all.map((_, i) => i);
  const weights = all.map((_, i) => (questionIdx.includes(i) ? 1 : CONTEXT_WEIGHT));
  const cleaned = all.map((s) => blank(s.folded, s.text, FRAMES));
  // "Il a raison ?", "lesquels sont-ils ?": the sentence before holds the subject of the question.
  const askedFirst = questionIdx.map((i) => (cleaned[i] as { folded: string }).folded).join(' ');
  if (contentWords(askedFirst) < MIN_CONTENT_WORDS) {
    const first = questionIdx[0] as number;
    if (first > 0) weights[first - 1] = 1;
  }
  // A self-introduction opening a sentence is context, even inside the question sentence.
  const pieces: FocusPiece[] = [];
  const intro = new Set<FocusPiece>();
  cleaned.forEach((c, i) => {
    const m = SELF_INTRO.exec(c.folded.trimStart());
    if (m) {
      const offset = c.folded.length - c.folded.trimStart().length + m[0].length;
      const piece = { text: c.text.slice(0, offset), weight: Math.min(weights[i] as number, CONTEXT_WEIGHT) };
      pieces.push(piece);
      intro.add(piece);
      cleaned[i] = { folded: c.folded.slice(offset), text: c.text.slice(offset) };
    }
  });
  cleaned.forEach((c, i) => {
    if (!/[a-z0-9]/.test(c.folded)) return;
    const weight = weights[i] as number;
    if (weight === 1 && questionIdx.length === 1 && wordCount(c.folded) >= LONG_SENTENCE_WORDS) {
      // A run-on sentence ("je suis au service des étrangers depuis peu, en réunion mon chef a
      // parlé de…, vous pouvez me rappeler le nom ?"): the clauses before the asking one are context.
      const cut = askingClauseStart(c.folded);
      if (cut > 0) {
        pieces.push({ text: c.text.slice(0, cut), weight: CONTEXT_WEIGHT });
        pieces.push({ text: c.text.slice(cut), weight });
        return;
      }
    }
    pieces.push({ text: c.text, weight });
  });
  const questionText = questionIdx.map((i) => (all[i] as Sentence).folded).join(' ');
  const broad = BROAD.test(foldSameLength(text));
  if (broad) dropGist(pieces);
  promoteContextWhenQuestionIsEmpty(pieces, intro);
  return {
    pieces: pieces.length ? pieces : [{ text, weight: 1 }],
    kind: kindOf(questionText),
    broad,
    asked: askedWord(questionText),
  };
}
