import type { Dialog, TurnContext, DialogResult } from '../src/dialog.js';
import { done } from '../src/dialog.js';
import type { Choice, Reply } from '../src/types.js';
import { commandHelp } from '../src/commands.js';
import { fold } from '../src/text.js';
import { isThanks } from '../src/intents.js';

/** Greetings, thanks and help. The help text is generated from the declared commands. */

export const EXAMPLE_QUESTIONS: Choice[] = [
  { label: 'Quels outils d’IA faut-il privilégier ?', value: 'Quels outils d’IA faut-il privilégier ?' },
  { label: 'Puis-je utiliser DeepL pour traduire un communiqué déjà publié ?', value: 'Puis-je utiliser DeepL pour traduire un communiqué de presse déjà publié ?' },
  { label: 'Qu’est-ce que MIRAI ?', value: 'Qu’est-ce que MIRAI ?' },
];

const INTRO =
  "Je suis l’assistant de la **charte des usages éthiques de l’intelligence artificielle** du ministère de l’Intérieur. Je peux :\n" +
  '- répondre à vos questions sur la charte et la circulaire qui la diffuse, en citant mes sources ;\n' +
  '- vous dire si un outil d’IA convient à une tâche (« Puis-je utiliser ChatGPT pour résumer un article de presse ? ») et vers quel outil plus sûr vous tourner ;\n' +
  '- transmettre votre question à un ambassadeur IA quand il faut un avis humain.';

const PRIVACY_TIP = 'Inutile de me donner des noms ou des numéros de dossier : décrivez la situation, cela suffit.';

export function helpReply(): Reply {
  return {
    text: `${INTRO}\n\nCommandes utiles :\n${commandHelp().join('\n')}\n\n${PRIVACY_TIP}`,
    choices: EXAMPLE_QUESTIONS,
    meta: { intent: 'help', escalate: false },
  };
}

export function greetingReply(name?: string): Reply {
  const hello = name ? `Bonjour ${name} !` : 'Bonjour !';
  return {
    text: `${hello} ${INTRO}\n\nPosez-moi votre question, ou choisissez un exemple.`,
    choices: EXAMPLE_QUESTIONS,
    meta: { intent: 'greeting', escalate: false },
  };
}

export function thanksReply(): Reply {
  return {
    text: 'Avec plaisir ! Si vous avez une autre question sur la charte ou sur un outil d’IA, je suis là.',
    meta: { intent: 'greeting', escalate: false },
  };
}

/** First names are only used when they look like one (never an id or an e-mail). */
function displayName(name: string | undefined): string | undefined {
  const first = name?.trim().split(/\s+/)[0];
  return first && /^[\p{L}][\p{L}'-]{1,30}$/u.test(first) ? first : undefined;
}

export const greetingDialog: Dialog = {
  id: 'greeting',
  async begin(ctx: TurnContext): Promise<DialogResult> {
    return done(isThanks(fold(ctx.text)) ? thanksReply() : greetingReply(displayName(ctx.message.user.name)));
  },
  async continue(): Promise<DialogResult> {
    return { handled: false };
  },
};

export const helpDialog: Dialog = {
  id: 'help',
  async begin(): Promise<DialogResult> {
    return done(helpReply());
  },
  async continue(): Promise<DialogResult> {
    return { handled: false };
  },
};
