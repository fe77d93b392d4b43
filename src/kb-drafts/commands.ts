import { fold } from '../text.js';
import type { DraftEdit } from './draft-text.js';

/**
 * Chat commands of the DTNUM knowledge admins, declared once (parser and help come from this table).
 * They start with « faq » and work on every channel, with or without a leading « ! » or « / ».
 * ID is a draft's identifier (its file name) or the number of the ticket it came from.
 */
export type FaqAdminCommand =
  | { name: 'brouillons' }
  | { name: 'voir'; ref: string }
  | { name: 'modifier'; ref: string; edit: DraftEdit }
  | { name: 'publier'; ref: string }
  | { name: 'rejeter'; ref: string }
  | { name: 'aide' };

export const SOURCE_SYNTAX = '« faq modifier ID source circulaire | § 2 | Circulaire de diffusion de la charte, § 2 » (document | section, facultative | libellé cité aux agents)';

interface Spec {
  words: string[];
  usage: string;
  description: string;
  takesRef: boolean;
}

export const FAQ_ADMIN_COMMANDS: Spec[] = [
  { words: ['brouillons', 'brouillon', 'liste'], usage: 'faq brouillons', description: 'les brouillons de FAQ à relire (identifiant, question, demande, date)', takesRef: false },
  { words: ['voir', 'afficher'], usage: 'faq voir ID', description: 'le brouillon complet et ce qu’il manque pour le publier', takesRef: true },
  { words: ['modifier', 'editer', 'corriger'], usage: 'faq modifier ID champ valeur', description: 'modifier un brouillon (voir ci-dessous)', takesRef: true },
  { words: ['publier'], usage: 'faq publier ID', description: 'vérifier le brouillon puis le publier dans la FAQ (le bot y répond aussitôt)', takesRef: true },
  { words: ['rejeter', 'supprimer'], usage: 'faq rejeter ID', description: 'écarter le brouillon (il est archivé dans drafts/rejetes/)', takesRef: true },
  { words: ['aide', 'help'], usage: 'faq aide', description: 'cette aide', takesRef: false },
];

const EDIT_HELP = [
  'Pour « faq modifier ID … » :',
  '- « faq modifier ID titre Votre question ? » : remplacer le titre',
  `- ${SOURCE_SYNTAX} : ajouter une source`,
  '- « faq modifier ID réponse Votre texte » : remplacer la réponse (plusieurs lignes possibles)',
  '- « faq modifier ID question Une autre formulation ? » : ajouter une façon de poser la question',
  '- « faq modifier ID id nouvel-identifiant » : renommer (lettres minuscules, chiffres, tirets)',
];

export function faqAdminHelp(): string {
  return [
    'Commandes de la DTNUM pour les brouillons de FAQ (ID : identifiant du brouillon ou numéro de la demande) :',
    ...FAQ_ADMIN_COMMANDS.map((c) => `- « ${c.usage} » : ${c.description}`),
    '',
    ...EDIT_HELP,
  ].join('\n');
}

const FIELDS: Record<string, 'title' | 'source' | 'body' | 'question' | 'id'> = {
  titre: 'title',
  title: 'title',
  source: 'source',
  reponse: 'body',
  texte: 'body',
  corps: 'body',
  question: 'question',
  formulation: 'question',
  id: 'id',
  identifiant: 'id',
};

function parseEdit(ref: string, rest: string): FaqAdminCommand | string {
  const m = /^(\S+)\s*([\s\S]*)$/.exec(rest.trim());
  const kind = m ? FIELDS[fold(m[1]!).replace(/[:.]+$/, '')] : undefined;
  if (!m || !kind) return `Que faut-il modifier ? Champs possibles : titre, source, réponse, question, id.\n\n${EDIT_HELP.join('\n')}`;
  const value = m[2]!.replace(/^[:\s-]+/, '').trim();
  if (!value) return `Il manque la valeur après « ${m[1]} ».\n\n${EDIT_HELP.join('\n')}`;
  if (kind === 'source') {
    const parts = value.split('|').map((p) => p.trim());
    if (parts.length < 2 || parts.length > 3 || parts.some((p) => !p)) return `Une source s’écrit ainsi : ${SOURCE_SYNTAX.replace('ID', ref)}.`;
    const [doc, section, label] = parts.length === 3 ? parts : [parts[0], undefined, parts[1]];
    if ((label ?? '').length < 3) return 'Le libellé de la source doit compter au moins 3 caractères : c’est la citation montrée aux agents.';
    return { name: 'modifier', ref, edit: { kind: 'source', doc: doc!, section, label: label! } };
  }
  if (kind === 'id') return { name: 'modifier', ref, edit: { kind: 'id', value: fold(value) } };
  // A title or a phrasing is one line; the answer keeps its line breaks.
  return { name: 'modifier', ref, edit: { kind, value: kind === 'body' ? value : value.replace(/\s+/g, ' ') } };
}

const REF = /^(#?\d{1,9}|[a-z0-9]+(?:-[a-z0-9]+)*)(?:\.md)?(?=\s|$)\s*/i;

/**
 * Parses a « faq … » command. Returns undefined when the text is not one (it follows the normal
 * route: « faq sur MIRAI ? » is a question), a command, or a French error for a wrong syntax.
 * `strict` (for non-admins): only the exact forms count, so an agent's question is never taken for one.
 */
export function parseFaqAdminCommand(text: string, strict = false): FaqAdminCommand | string | undefined {
  const m = /^[!/]?\s*faq\s+(\S+)\s*([\s\S]*)$/i.exec(text.trim());
  if (!m) return /^[!/]?\s*faq\s*[.!?]*$/i.test(text.trim()) && !strict ? { name: 'aide' } : undefined;
  const word = fold(m[1]!).replace(/[.:!?]+$/, '');
  const spec = FAQ_ADMIN_COMMANDS.find((c) => c.words.includes(word));
  if (!spec) return undefined;
  const rest = m[2]!;
  if (!spec.takesRef) return rest.trim() && !/^[.!?]*$/.test(rest.trim()) ? undefined : spec.words[0] === 'aide' ? { name: 'aide' } : { name: 'brouillons' };
  const r = REF.exec(rest.trim());
  if (!r) return strict ? undefined : `Il manque l’identifiant du brouillon. Usage : « ${spec.usage} » (« faq brouillons » les liste).`;
  const ref = r[1]!.toLowerCase();
  const tail = rest.trim().slice(r[0].length);
  switch (spec.words[0]) {
    case 'voir':
    case 'publier':
    case 'rejeter':
      if (tail.trim()) return strict ? undefined : `« ${spec.usage} » ne prend rien après l’identifiant.`;
      return { name: spec.words[0], ref };
    default:
      return parseEdit(ref, tail);
  }
}
