import type { Dialog, TurnContext, DialogResult } from '../src/dialog.js';
import { done, waitFor } from '../src/dialog.js';
import type { Choice, Reply } from '../src/types.js';
import type { TicketTrigger } from '../src/store/escalation-types.js';
import { fold } from '../src/text.js';
import { readUnit, resolveUnit, UNKNOWN_UNIT, type UnitRef } from '../src/escalation/units.js';
import { toScope } from '../src/escalation/notices.js';

/**
 * Agent side of a hand-off: which question (redacted), which unit (asked once, remembered), then
 * shows exactly what will be shared and asks for confirmation before opening the ticket.
 */

type Step = 'question' | 'unit' | 'confirm';

interface EscalationState extends Record<string, unknown> {
  step: Step;
  question: string;
  context: string;
  trigger: TicketTrigger;
  unit?: UnitRef;
  retries: number;
}

const TRIGGERS: TicketTrigger[] = ['explicit', 'low_confidence', 'contested', 'tool_case', 'out_of_scope'];
const SEND: Choice = { label: 'Envoyer', value: 'Envoyer', action: { type: 'escalation.confirm', value: 'send' } };
const EDIT: Choice = { label: 'Modifier la question', value: 'Modifier la question', action: { type: 'escalation.confirm', value: 'edit' } };
const CANCEL: Choice = { label: 'Annuler', value: 'Annuler', action: { type: 'escalation.confirm', value: 'cancel' } };
const MAX_QUESTION = 4_000;
const YES = /^(?:oui|ok|d'accord|envoyer|envoie|envoyez|confirmer|confirme|je confirme|vas-y|allez-y|go|c'est bon)\b/;
const NO = /^(?:non|annuler|annule|stop|laisse tomber|pas maintenant)\b/;

function reply(text: string, choices?: Choice[]): Reply {
  return { text, choices, meta: { intent: 'escalation_request', escalate: true } };
}

function askQuestion(): Reply {
  return reply(
    'Je peux transmettre votre question à un ambassadeur IA, qui vous répondra ici même. Quelle question souhaitez-vous lui poser ? Décrivez la situation sans nom ni numéro de dossier.',
    [CANCEL],
  );
}

function askUnit(ctx: TurnContext, again: boolean): Reply {
  const dir = ctx.services.knowledge().directory;
  const choices = dir
    .allScopes()
    .filter((s) => s.kind !== 'departement' && s.kind !== 'service')
    .slice(0, 7)
    .map((s) => ({ label: s.label, value: s.label, action: { type: 'escalation.unit', value: s.id } }))
    .concat({ label: 'Je ne sais pas', value: 'Je ne sais pas', action: { type: 'escalation.unit', value: UNKNOWN_UNIT } });
  const text = again
    ? 'Je n’ai pas reconnu cette structure. Choisissez-la dans la liste, ou indiquez votre direction, votre région ou votre département (nom ou numéro, par exemple « préfecture du Rhône » ou « 69 »). Si vous ne savez pas, répondez « je ne sais pas » : votre question ira au pool national.'
    : 'Pour transmettre votre question aux bons ambassadeurs, de quelle structure dépendez-vous ? Choisissez-la, ou écrivez-la comme vous la nommez (« préfecture du Rhône », « pref 69 », « DGEF »…). Si vous ne savez pas, répondez « je ne sais pas ». Je m’en souviendrai.';
  return reply(text, choices);
}

function confirm(ctx: TurnContext, s: EscalationState): Reply {
  const route = ctx.services.escalation.routeOf(s.unit ?? UNKNOWN_UNIT);
  const lines = [
    `Voici ce qui sera transmis aux ambassadeurs IA (${route.scope.label}) :`,
    '',
    ...s.question.split('\n').map((l) => `> ${l}`),
  ];
  if (s.context) lines.push('', `_Contexte : ${s.context}_`);
  if (!route.unit.known) lines.push('', 'Structure non précisée : votre demande ira au pool national des ambassadeurs IA.');
  else if (route.fallback) lines.push('', `**Votre structure** : ${route.unit.label}. Aucun ambassadeur n’y est disponible pour l’instant : votre demande ira ${toScope(route.scope, route.scope.id)}.`);
  else lines.push('', `**Votre structure** : ${route.unit.label}.`);
  lines.push('', 'Les données personnelles éventuelles ont été masquées. Confirmez-vous l’envoi ?');
  return reply(lines.join('\n'), [SEND, EDIT, CANCEL]);
}

function triggerOf(ctx: TurnContext): TicketTrigger {
  const t = ctx.message.action?.data?.trigger;
  return typeof t === 'string' && (TRIGGERS as string[]).includes(t) ? (t as TicketTrigger) : 'explicit';
}

/** The explicit request may carry the question itself ("… j'aimerais qu'un expert examine notre projet de …"). */
function questionFrom(ctx: TurnContext): string | undefined {
  if (!ctx.message.action && ctx.text.split(/\s+/).length >= 10 && ctx.text.length <= MAX_QUESTION) return ctx.text;
  return ctx.state.lastQuestion && ctx.state.lastQuestion !== ctx.text ? ctx.state.lastQuestion : undefined;
}

async function next(ctx: TurnContext, s: EscalationState): Promise<DialogResult> {
  if (!s.question) return waitFor({ ...s, step: 'question' }, askQuestion());
  if (!s.unit) {
    const unit = await ctx.services.escalation.unitOf(ctx.message.channel, ctx.message.user.id);
    if (unit) s = { ...s, unit };
    else return waitFor({ ...s, step: 'unit', retries: 0 }, askUnit(ctx, false));
  }
  return waitFor({ ...s, step: 'confirm' }, confirm(ctx, s));
}

async function open(ctx: TurnContext, s: EscalationState): Promise<DialogResult> {
  const { message } = ctx;
  const { ticket, route } = await ctx.services.escalation.open(
    { channel: message.channel, userId: message.user.id, conversationId: message.conversationId, name: message.user.name },
    s.unit ?? UNKNOWN_UNIT,
    s.question,
    s.context,
    s.trigger,
  );
  return done({
    text: `C’est transmis : votre demande **#${ticket.id}** est entre les mains des ambassadeurs IA (${route.scope.label}). Leur réponse arrivera dans cette conversation. Tapez « mes demandes » pour suivre son état.`,
    meta: { intent: 'escalation_request', escalate: true, ticket: ticket.id },
  });
}

export const escalationDialog: Dialog = {
  id: 'escalation',
  async begin(ctx: TurnContext): Promise<DialogResult> {
    const question = questionFrom(ctx);
    const context = question && question === ctx.state.lastQuestion ? (ctx.state.lastAnswer ?? '') : '';
    return next(ctx, { step: 'question', question: question ?? '', context, trigger: triggerOf(ctx), retries: 0 });
  },

  async continue(ctx: TurnContext, raw: Record<string, unknown>): Promise<DialogResult> {
    const s = raw as EscalationState;
    const action = ctx.message.action;
    const f = fold(ctx.text).trim();
    if (s.step === 'question') {
      if (action?.type === 'escalation.confirm' && action.value === 'cancel') return done(reply('Entendu, je ne transmets rien.'));
      if (action || f.length < 3) return waitFor(s, askQuestion());
      if (ctx.text.length > MAX_QUESTION) {
        return waitFor(s, reply(`Votre question est trop longue (${ctx.text.length} caractères, ${MAX_QUESTION} au plus) : résumez-la en quelques phrases.`, [CANCEL]));
      }
      return next(ctx, { ...s, question: ctx.text });
    }
    if (s.step === 'unit') {
      const dir = ctx.services.knowledge().directory;
      const reading = action ? undefined : readUnit(dir, ctx.text);
      const ref =
        action?.type === 'escalation.unit'
          ? action.value === UNKNOWN_UNIT
            ? UNKNOWN_UNIT
            : resolveUnit(dir, action.value ?? '')?.ref
          : reading?.dontKnow
            ? UNKNOWN_UNIT
            : reading?.tooLong
              ? undefined
              : reading?.ref;
      if (!ref) {
        if (s.retries >= 1 && !action) return { handled: false };
        return waitFor({ ...s, retries: s.retries + 1 }, askUnit(ctx, true));
      }
      if (ref !== UNKNOWN_UNIT) await ctx.services.escalation.setUnit(ctx.message.channel, ctx.message.user.id, ref);
      return next(ctx, { ...s, unit: ref });
    }
    const choice = action?.type === 'escalation.confirm' ? action.value : YES.test(f) ? 'send' : NO.test(f) ? 'cancel' : /modifier/.test(f) ? 'edit' : undefined;
    if (choice === 'send') return open(ctx, s);
    if (choice === 'cancel') return done(reply('Entendu, je ne transmets rien. Vous pouvez me poser une autre question.'));
    if (choice === 'edit') return waitFor({ ...s, step: 'question', question: '' }, askQuestion());
    if (action || ctx.text.split(/\s+/).length > 3) return { handled: false };
    return waitFor(s, confirm(ctx, s));
  },
};
