import type { TurnContext } from '../src/dialog.js';
import type { Reply } from '../src/types.js';
import { askAmbassador } from '../src/replies.js';

/** 👍 / 👎 on an answer: recorded (no text), and a 👎 offers a human (a contested answer). */
export async function handleFeedback(ctx: TurnContext): Promise<Reply[] | undefined> {
  const a = ctx.message.action;
  if (a?.type !== 'feedback' || (a.value !== 'up' && a.value !== 'down')) return undefined;
  const subject = String(a.data?.entryId ?? a.data?.rule ?? a.data?.ticket ?? 'inconnu').slice(0, 100);
  await ctx.services.stores.feedback.add({ channel: ctx.message.channel, userId: ctx.message.user.id, subject, value: a.value, at: ctx.services.now() });
  if (a.value === 'up') return [{ text: 'Merci pour votre retour !', meta: { escalate: false } }];
  const entry = ctx.services.knowledge().byId.get(String(a.data?.entryId ?? ''));
  if (entry) ctx.state.lastAnswer = `réponse contestée par l’agent : « ${entry.title} »`;
  return [
    {
      text: 'Merci, votre avis est noté. Si la réponse ne vous convient pas, un ambassadeur IA peut reprendre votre question.',
      choices: [askAmbassador('contested')],
      meta: { escalate: true },
    },
  ];
}
