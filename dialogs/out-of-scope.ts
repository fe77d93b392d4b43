import type { Dialog, TurnContext, DialogResult } from '../src/dialog.js';
import { done } from '../src/dialog.js';
import type { Reply } from '../src/types.js';
import type { OutOfScopeTopic } from '../src/knowledge/topics.js';
import { askAmbassador } from '../src/replies.js';
import { EXAMPLE_QUESTIONS } from './small-talk.js';

/** Says what the bot covers, points to the right kind of interlocutor, offers an ambassador. Never invents. */

const SCOPE =
  'Je suis l’assistant de la charte IA du ministère de l’Intérieur : je réponds sur la charte des usages éthiques de l’intelligence artificielle et sur l’usage des outils d’IA dans votre travail.';

export function outOfScopeReply(topic?: OutOfScopeTopic, otherMinistry = false): Reply {
  let first: string;
  if (otherMinistry) {
    first = 'Je ne connais que la charte du ministère de l’Intérieur : je ne peux pas vous renseigner sur les règles d’un autre ministère, qui a ses propres référents.';
  } else if (topic) {
    first = `Votre question porte sur ${topic.label}, qui sort de mon domaine : je ne peux pas y répondre. Adressez-vous plutôt à ${topic.redirect}.`;
  } else {
    first = 'Cette question sort de mon domaine et je préfère ne pas y répondre plutôt que de vous induire en erreur.';
  }
  return {
    text: `${first}\n\n${SCOPE} Si votre question concerne bien l’IA, un ambassadeur IA peut vous aider.`,
    choices: [askAmbassador('out_of_scope'), EXAMPLE_QUESTIONS[0]!],
    meta: { intent: 'out_of_scope', escalate: true },
  };
}

export function otherLanguageReply(): Reply {
  return {
    text: 'Je réponds uniquement en français. Pourriez-vous reformuler votre question en français ? Par exemple : « Puis-je utiliser ChatGPT pour résumer un article de presse ? »',
    choices: EXAMPLE_QUESTIONS,
    meta: { intent: 'out_of_scope', escalate: false },
  };
}

export const outOfScopeDialog: Dialog = {
  id: 'out-of-scope',
  async begin(ctx: TurnContext): Promise<DialogResult> {
    if (ctx.intent?.rule === 'foreign-language') return done(otherLanguageReply());
    return done(outOfScopeReply(ctx.intent?.topic, ctx.intent?.rule === 'other-ministry'));
  },
  async continue(): Promise<DialogResult> {
    return { handled: false };
  },
};
