import type { TurnContext } from '../src/dialog.js';
import type { Reply } from '../src/types.js';
import { EscalationRefusal } from '../src/escalation/service.js';
import { parseAmbassadorCommand, ambassadorHelp, type AmbassadorCommand } from '../src/escalation/commands.js';
import { quote, ticketLine } from '../src/escalation/notices.js';
import type { Ambassador } from '../src/escalation/directory.js';

/**
 * Ambassador commands and ticket buttons. Parsed in the core, so they work on every channel.
 * Only directory members may use them; every refusal is a clear French message.
 */

/** « liste » shows the oldest active tickets (the most urgent) and counts the others: one readable message on every channel. */
export const MAX_LISTED_TICKETS = 30;

function say(text: string, ticket?: number): Reply {
  return { text, meta: { escalate: false, ticket } };
}

/** Maps a ticket button to the command it stands for. */
function fromAction(ctx: TurnContext): AmbassadorCommand | undefined {
  const a = ctx.message.action;
  if (!a?.type.startsWith('ticket.') || !/^\d{1,9}$/.test(a.value ?? '')) return undefined;
  const id = Number(a.value);
  switch (a.type) {
    case 'ticket.claim':
      return { name: 'prendre', id };
    case 'ticket.close':
      return { name: 'fermer', id, faq: a.data?.faq === true };
    case 'ticket.reply':
      return { name: 'repondre', id, text: typeof a.data?.text === 'string' ? a.data.text : ctx.text };
    default:
      return undefined;
  }
}

async function run(ctx: TurnContext, amb: Ambassador, cmd: AmbassadorCommand): Promise<Reply> {
  const esc = ctx.services.escalation;
  switch (cmd.name) {
    case 'aide':
      return say(ambassadorHelp());
    case 'liste': {
      const tickets = await esc.listFor(amb);
      if (!tickets.length) return say('Aucune demande en cours dans votre périmètre. 🎉');
      const more = tickets.length - MAX_LISTED_TICKETS;
      const lines = [`${tickets.length} demande(s) en cours${more > 0 ? `, les ${MAX_LISTED_TICKETS} plus anciennes` : ''} :`, ...tickets.slice(0, MAX_LISTED_TICKETS).map(ticketLine)];
      if (more > 0) lines.push(`… et ${more} demande(s) plus récente(s), non affichée(s) : elles apparaîtront ici quand les premières seront traitées.`);
      return say([...lines, '', 'Pour en prendre une : « prendre N ».'].join('\n'));
    }
    case 'prendre': {
      const { ticket, earlier } = await esc.claim(amb, cmd.id);
      const lines = [`Vous avez pris en charge la demande #${ticket.id}. L’agent en est informé.`, '', '**Question** :', quote(ticket.question)];
      if (ticket.context) lines.push('', `_Contexte : ${ticket.context}_`);
      for (const m of earlier) lines.push('', '**Précision de l’agent** :', quote(m));
      lines.push('', `Pour répondre : « répondre ${ticket.id} votre réponse ».`);
      return say(lines.join('\n'), ticket.id);
    }
    case 'repondre': {
      // No ticket in meta: this number was typed, not looked up.
      if (!cmd.text.trim()) return say(`Écrivez votre réponse après le numéro : « répondre ${cmd.id} votre réponse ».`);
      const { ticket, delivered } = await esc.reply(amb, cmd.id, cmd.text);
      return say(
        delivered
          ? `Réponse transmise à l’agent (demande #${ticket.id}). Quand l’échange est terminé : « fermer ${ticket.id} » (ou « fermer ${ticket.id} faq »).`
          : `Votre réponse est enregistrée sur la demande #${ticket.id}, mais elle n’a pas pu être remise à l’agent pour l’instant (canal indisponible). Elle reste consultable.`,
        ticket.id,
      );
    }
    case 'fermer': {
      const t = await esc.close(amb, cmd.id, cmd.faq);
      return say(`Demande #${t.id} close.${cmd.faq ? ' Votre réponse est proposée à la DTNUM comme brouillon de FAQ.' : ''} L’agent est invité à noter la réponse.`, t.id);
    }
    case 'transferer': {
      const { ticket, scope } = await esc.transfer(amb, cmd.id, cmd.scope);
      return say(`Demande #${ticket.id} transférée à ${scope.label}.`, ticket.id);
    }
  }
}

/**
 * Handles the turn when it is an ambassador command or ticket button; returns undefined to let the
 * message follow the normal route.
 */
export async function handleAmbassadorTurn(ctx: TurnContext): Promise<Reply[] | undefined> {
  const amb = ctx.services.escalation.ambassadorFor(ctx.message.channel, ctx.message.user.id);
  const fromButton = fromAction(ctx);
  const parsed = fromButton ?? (ctx.message.action ? undefined : parseAmbassadorCommand(ctx.text, !amb));
  if (parsed === undefined) return undefined;
  if (!amb) return [say('Cette commande est réservée aux ambassadeurs IA inscrits dans l’annuaire. Si vous êtes ambassadeur, demandez à la DTNUM de vous y ajouter.')];
  if (typeof parsed === 'string') return [say(`${parsed}\n\n${ambassadorHelp()}`)];
  try {
    return [await run(ctx, amb, parsed)];
  } catch (e) {
    if (e instanceof EscalationRefusal) return [say(e.message)];
    throw e;
  }
}
