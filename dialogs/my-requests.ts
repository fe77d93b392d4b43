import type { Dialog, TurnContext, DialogResult } from '../src/dialog.js';
import { done, waitFor } from '../src/dialog.js';
import type { Reply } from '../src/types.js';
import { EscalationRefusal } from '../src/escalation/service.js';
import { ticketLine } from '../src/escalation/notices.js';
import { conversationKey } from '../src/store/types.js';
import { fold } from '../src/text.js';

/** The agent's side of tickets: "mes demandes", attaching a message, rating, "supprimer mes données". */

function say(text: string, choices?: Reply['choices']): Reply {
  return { text, choices, meta: { escalate: false } };
}

export const myRequestsDialog: Dialog = {
  id: 'my-requests',
  async begin(ctx: TurnContext): Promise<DialogResult> {
    const tickets = await ctx.services.escalation.ticketsOf(ctx.message.channel, ctx.message.user.id);
    if (!tickets.length) return done(say('Vous n’avez aucune demande auprès des ambassadeurs IA. Tapez « humain » pour en créer une.'));
    return done(say([`Vos demandes (${tickets.length}) :`, ...tickets.slice(0, 20).map(ticketLine)].join('\n')));
  },
  async continue(): Promise<DialogResult> {
    return { handled: false };
  },
};

const CONFIRM = { label: 'Oui, tout supprimer', value: 'Oui, tout supprimer', action: { type: 'erase.confirm', value: 'yes' } };
const KEEP = { label: 'Non, garder', value: 'Non, garder', action: { type: 'erase.confirm', value: 'no' } };

export const eraseDataDialog: Dialog = {
  id: 'erase-data',
  async begin(): Promise<DialogResult> {
    return waitFor(
      {},
      say(
        'Je peux effacer tout ce que je garde sur vous : vos demandes aux ambassadeurs (et leurs échanges), vos avis, votre structure et l’état de nos conversations. ' +
          'Les messages déjà remis aux ambassadeurs (textes masqués) restent dans leur messagerie, et les brouillons de FAQ tirés de vos demandes, masqués et sans votre nom, restent à la DTNUM. ' +
          'C’est définitif. Confirmez-vous ?',
        [CONFIRM, KEEP],
      ),
    );
  },
  async continue(ctx: TurnContext): Promise<DialogResult> {
    const a = ctx.message.action;
    const f = fold(ctx.text).trim();
    const yes = a?.type === 'erase.confirm' ? a.value === 'yes' : /^(?:oui|confirm|supprim|ok\b)/.test(f);
    const no = a?.type === 'erase.confirm' ? a.value === 'no' : /^(?:non|annul|garder|stop)/.test(f);
    if (!yes && !no) return { handled: false };
    if (no) return done(say('Entendu, je ne supprime rien.'));
    const { channel, user, conversationId } = ctx.message;
    const { tickets, conversations } = await ctx.services.escalation.eraseUser(channel, user.id);
    for (const c of new Set([...conversations, conversationId])) await ctx.services.stores.conversations.delete(conversationKey(channel, c));
    for (const key of Object.keys(ctx.state)) delete (ctx.state as Record<string, unknown>)[key];
    return done(say(`C’est fait : vos données ont été effacées (${tickets} demande(s)). Vous pouvez continuer à me poser des questions.`));
  },
};

/** Agent buttons on tickets: rating after close, attaching a message to an open ticket. */
export async function handleAgentTicketAction(ctx: TurnContext): Promise<Reply[] | undefined> {
  const a = ctx.message.action;
  if (!a || !/^\d{1,9}$/.test(a.value ?? '')) return undefined;
  const id = Number(a.value);
  const { channel, user } = ctx.message;
  try {
    if (a.type === 'ticket.rate') {
      const rating = Number(a.data?.rating);
      await ctx.services.escalation.rate(channel, user.id, id, rating);
      return [say(`Merci pour votre note (${rating}/5) : elle aide le réseau des ambassadeurs à s’améliorer.`)];
    }
    if (a.type === 'ticket.attach') {
      const text = ctx.state.pendingAttach;
      if (!text) return [say('Il n’y a pas de message à ajouter. Écrivez votre précision, puis choisissez de l’ajouter à la demande.')];
      await ctx.services.escalation.followUp(channel, user.id, id, text);
      delete ctx.state.pendingAttach;
      return [say(`Votre message est ajouté à la demande #${id} : l’ambassadeur le verra.`)];
    }
  } catch (e) {
    if (e instanceof EscalationRefusal) return [say(e.message)];
    throw e;
  }
  return undefined;
}

/**
 * While an agent has an active ticket, a new message is answered as usual, and the bot offers to
 * attach it to the ticket: nothing is swallowed silently, nothing is answered twice.
 */
export async function offerAttach(ctx: TurnContext, replies: Reply[]): Promise<void> {
  if (ctx.message.action || !ctx.text || replies.length === 0) return;
  const active = await ctx.services.escalation.activeTicketsOf(ctx.message.channel, ctx.message.user.id);
  const t = active[0];
  if (!t) return;
  ctx.state.pendingAttach = ctx.text;
  const last = replies[replies.length - 1]!;
  last.choices = [
    ...(last.choices ?? []).slice(0, 3),
    { label: `Ajouter ce message à ma demande #${t.id}`, value: `Ajouter à la demande #${t.id}`, action: { type: 'ticket.attach', value: String(t.id) } },
  ];
}
