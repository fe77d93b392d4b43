import { fold } from './text.js';

/**
 * Commands are declared once: the bot's interruption matcher and the generated help both read
 * this table, so the help can never drift from what the bot understands.
 */
export interface CommandSpec {
  id: 'help' | 'cancel' | 'human' | 'my_requests' | 'delete_my_data';
  /** What the user types (folded, without a leading ! or /). First one is shown in the help. */
  words: string[];
  /** French description for the help. */
  description: string;
}

export const USER_COMMANDS: CommandSpec[] = [
  { id: 'help', words: ['aide', 'help', 'menu', '?'], description: 'ce que je sais faire et des exemples de questions' },
  { id: 'cancel', words: ['annuler', 'stop', 'recommencer', 'laisse tomber', 'on arrete'], description: 'abandonner la question en cours' },
  { id: 'human', words: ['humain', 'parler a un humain', 'ambassadeur', 'parler a un ambassadeur', 'un humain'], description: 'transmettre votre question à un ambassadeur IA' },
  { id: 'my_requests', words: ['mes demandes', 'mes tickets', 'mes questions', 'suivi de mes demandes'], description: 'l’état de vos demandes aux ambassadeurs' },
  { id: 'delete_my_data', words: ['supprimer mes donnees', 'effacer mes donnees', 'oublie-moi', 'supprimer mes informations'], description: 'effacer tout ce que je garde sur vous' },
];

/** Without its trailing spaces and . ! ? — a loop, as /[\s.!?]+$/ is quadratic on a long run of dots. */
function trimEndPunctuation(text: string): string {
  let end = text.length;
  while (end > 0 && /[\s.!?]/.test(text[end - 1]!)) end--;
  return text.slice(0, end);
}

/** Matches a whole message against the declared commands ("!aide", "/annuler", "Aide."). */
export function matchCommand(text: string, commands: CommandSpec[] = USER_COMMANDS): CommandSpec | undefined {
  const t = trimEndPunctuation(fold(text).replace(/^[!/]\s*/, '')).trim();
  if (!t) return undefined;
  return commands.find((c) => c.words.includes(t));
}

/** Help lines generated from the declarations. */
export function commandHelp(commands: CommandSpec[] = USER_COMMANDS): string[] {
  return commands.map((c) => `- « ${c.words[0]} » : ${c.description}`);
}
