import { fold } from '../text.js';

/**
 * Ambassador commands, declared once: the parser and the help are generated from this table, and
 * they work on every channel, with or without a leading "!" or "/".
 */
export type AmbassadorCommand =
  | { name: 'liste' }
  | { name: 'prendre'; id: number }
  | { name: 'repondre'; id: number; text: string }
  | { name: 'fermer'; id: number; faq: boolean }
  | { name: 'transferer'; id: number; scope: string }
  | { name: 'aide' };

interface CommandSpec {
  /** Folded keywords (first one shown in the help). */
  words: string[];
  usage: string;
  description: string;
  parse(rest: string): AmbassadorCommand | string;
}

const NUMBER = /^#?(\d{1,9})\b\s*/;

function withId(rest: string, usage: string, then: (id: number, tail: string) => AmbassadorCommand | string): AmbassadorCommand | string {
  const m = NUMBER.exec(rest);
  if (!m) return `Il manque le numéro de la demande. Usage : « ${usage} ».`;
  return then(Number(m[1]), rest.slice(m[0].length));
}

export const AMBASSADOR_COMMANDS: CommandSpec[] = [
  { words: ['liste', 'list', 'demandes'], usage: 'liste', description: 'les demandes en cours de votre périmètre', parse: () => ({ name: 'liste' }) },
  {
    words: ['prendre', 'prends', 'claim'],
    usage: 'prendre N',
    description: 'prendre en charge la demande N',
    parse: (rest) => withId(rest, 'prendre N', (id) => ({ name: 'prendre', id })),
  },
  {
    words: ['repondre', 'reponds', 'reponse'],
    usage: 'répondre N votre texte',
    description: 'envoyer votre réponse à l’agent de la demande N',
    parse: (rest) => withId(rest, 'répondre N votre texte', (id, text) => ({ name: 'repondre', id, text: text.replace(/^[:\s-]+/, '') })),
  },
  {
    words: ['fermer', 'clore', 'close'],
    usage: 'fermer N [faq]',
    description: 'clore la demande N (ajoutez « faq » pour proposer la réponse en FAQ à la DTNUM)',
    parse: (rest) => withId(rest, 'fermer N', (id, tail) => ({ name: 'fermer', id, faq: /\bfaq\b/.test(fold(tail)) })),
  },
  {
    words: ['transferer', 'transfere'],
    usage: 'transférer N périmètre',
    description: 'confier la demande N à un autre périmètre (ex. « transférer 12 national »)',
    parse: (rest) =>
      withId(rest, 'transférer N périmètre', (id, tail) => (tail.trim() ? { name: 'transferer', id, scope: tail.trim() } : 'Indiquez le périmètre : « transférer N national ».')),
  },
  { words: ['aide', 'help'], usage: 'aide', description: 'cette aide', parse: () => ({ name: 'aide' }) },
];

/**
 * Parses an ambassador command. Returns undefined when the text is not one (so the message follows
 * the normal route), a command, or a French error string when the syntax is wrong.
 * `strict` (for non-ambassadors): only the unmistakable forms "prendre 12", "répondre 12 …"… count.
 */
export function parseAmbassadorCommand(text: string, strict = false): AmbassadorCommand | string | undefined {
  const raw = text.trim().replace(/^[!/]\s*/, '');
  const m = /^(\S+)\s*([\s\S]*)$/.exec(raw);
  if (!m) return undefined;
  const word = fold(m[1]!).replace(/[.:!?]+$/, '');
  const rest = m[2]!;
  const spec = AMBASSADOR_COMMANDS.find((c) => c.words.includes(word));
  if (!spec) return undefined;
  const takesId = spec.usage.includes('N');
  if (takesId && !NUMBER.test(rest)) return strict || rest.trim().split(/\s+/).length > 3 ? undefined : spec.parse(rest);
  if (!takesId && rest.trim() && !/^[.!?]*$/.test(rest.trim())) return undefined;
  if (strict && !takesId) return undefined;
  // For non-ambassadors only the unmistakable forms count ("prendre 12", not "prendre 3 jours de congé").
  if (strict && spec.words[0] !== 'repondre' && !/^#?\d{1,9}\s*(?:faq)?\s*$/i.test(rest.trim()) && spec.words[0] !== 'transferer') return undefined;
  return spec.parse(rest);
}

export function ambassadorHelp(): string {
  return [
    'Commandes des ambassadeurs IA (avec ou sans « ! » devant) :',
    ...AMBASSADOR_COMMANDS.map((c) => `- « ${c.usage} » : ${c.description}`),
  ].join('\n');
}
