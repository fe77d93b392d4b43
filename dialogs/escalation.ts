import type { Dialog, TurnContext, DialogResult } from '../src/dialog.js';
import { done, waitFor } from '../src/dialog.js';
import type { ActionPayload } from '../src/types.js';
import type { TicketTrigger } from '../src/store/escalation-types.js';
import { fold } from '../src/text.js';
import { readUnit, resolveUnit, UNKNOWN_UNIT, type UnitReading, type UnitRef } from '../src/escalation/units.js';
import { caseWords, handoffWords, looksLikeCase, looksLikeNoise, maskedCount, MIN_CASE_WORDS } from '../src/escalation/case-text.js';
import {
  askQuestion,
  askUnit,
  CANCEL,
  CANCELLED,
  confirmation,
  MAX_QUESTION,
  NOISE_NOTE,
  onlyMaskedNote,
  opened,
  reply,
  tooLongNote,
  unitNoted,
  unitNotUnderstood,
} from './escalation-prompts.js';

/**
 * Agent side of a hand-off. The case and the unit are collected, in whichever order the agent gives
 * them: a bare request for a person (« je veux un ambassadeur ») asks for the case, a case written
 * while the unit is awaited is kept (and the unit asked again), every message about the case before
 * confirmation is kept, in order. The confirmation shows exactly the masked text that will be sent;
 * the ticket is opened only then. Only redacted text ever reaches this dialog.
 */

type Step = 'question' | 'unit' | 'confirm';

interface EscalationState extends Record<string, unknown> {
  step: Step;
  /** The agent's messages about the case (redacted), in the order they were written. */
  parts: string[];
  context: string;
  trigger: TicketTrigger;
  unit?: UnitRef;
  /** The question asked just before a typed request: offered, used only if the agent says so. */
  previous?: { question: string; context: string };
}

const TRIGGERS: TicketTrigger[] = ['explicit', 'low_confidence', 'contested', 'tool_case', 'out_of_scope'];
/** The whole message is a yes (« oui », « ok, envoyez »), not « oui mais… ? ». */
const YES = /^(?:oui|ok|d'accord|envoyer|envoie|envoyez|confirmer|confirme|je confirme|vas-y|allez-y|go|c'est bon|parfait|c'est parfait)(?:[\s,.!]+(?:oui|ok|merci|envoyez|envoyer|envoie|vas-y|allez-y|c'est bon|parfait))*[\s.!]*$/;
/** The whole message is a no: the hand-off is abandoned (« annuler » and « stop » are commands of the bot). */
const NO = /^(?:non|non merci|annule|annulez|pas maintenant|finalement non|tant pis|laissez tomber|rien)[\s.!]*$/;
const EDIT_WORDS = /^(?:modifier|corriger|changer|reformuler)(?: la| ma)? (?:question|demande)\b/;
const UNIT_WORDS = /^changer (?:de|la|ma) structure\b/;

function triggerOf(ctx: TurnContext): TicketTrigger {
  const t = ctx.message.action?.data?.trigger;
  return typeof t === 'string' && (TRIGGERS as string[]).includes(t) ? (t as TicketTrigger) : 'explicit';
}

/** States saved before the case was collected in parts (`question: string`) still continue. */
function load(raw: Record<string, unknown>): EscalationState {
  const s = raw as Partial<EscalationState> & { question?: string };
  const parts = Array.isArray(s.parts) ? s.parts.filter((p): p is string => typeof p === 'string') : s.question ? [s.question] : [];
  return { step: s.step ?? 'question', parts, context: s.context ?? '', trigger: s.trigger ?? 'explicit', unit: s.unit, previous: s.previous };
}

const questionOf = (s: EscalationState) => s.parts.join('\n');
/** Enough to work on: the messages, with the answer they follow (a button under an answer), say what the case is. */
const hasCase = (s: EscalationState) => s.parts.length > 0 && caseWords(handoffWords(`${questionOf(s)}\n${s.context}`)).length >= MIN_CASE_WORDS;

/** Asks for what is still missing (the case, then the unit), else shows the confirmation. */
async function next(ctx: TurnContext, s: EscalationState, note?: string): Promise<DialogResult> {
  if (!hasCase(s)) return waitFor({ ...s, step: 'question' }, askQuestion({ started: s.parts.length > 0, previous: s.previous?.question, note }));
  const unit = s.unit ?? (await ctx.services.escalation.unitOf(ctx.message.channel, ctx.message.user.id));
  if (!unit) return waitFor({ ...s, step: 'unit' }, askUnit(ctx, note));
  const route = ctx.services.escalation.routeOf(unit);
  return waitFor({ ...s, unit, step: 'confirm', previous: undefined }, confirmation(ctx, questionOf(s), s.context, route, note));
}

/** The unit is set (and remembered, unless the agent does not know it); then whatever is missing. */
async function withUnit(ctx: TurnContext, s: EscalationState, ref: UnitRef): Promise<DialogResult> {
  if (ref !== UNKNOWN_UNIT) await ctx.services.escalation.setUnit(ctx.message.channel, ctx.message.user.id, ref);
  return next(ctx, { ...s, unit: ref }, unitNoted(ctx.services.escalation.routeOf(ref)));
}

const totalWith = (s: EscalationState, text: string) => [...s.parts, text].join('\n').length;

/** Adds a message to the case, within the length limit. */
function addPart(ctx: TurnContext, s: EscalationState, note?: string): Promise<DialogResult> | DialogResult {
  const total = totalWith(s, ctx.text);
  if (total > MAX_QUESTION) return waitFor(s, reply(tooLongNote(total), [CANCEL]));
  return next(ctx, { ...s, parts: [...s.parts, ctx.text], previous: undefined }, note);
}

async function open(ctx: TurnContext, s: EscalationState): Promise<DialogResult> {
  const { message } = ctx;
  const { ticket, route } = await ctx.services.escalation.open(
    { channel: message.channel, userId: message.user.id, conversationId: message.conversationId, name: message.user.name },
    s.unit ?? UNKNOWN_UNIT,
    questionOf(s),
    s.context,
    s.trigger,
  );
  return done(opened(ticket.id, route));
}

async function onAction(ctx: TurnContext, s: EscalationState, action: ActionPayload): Promise<DialogResult> {
  if (action.type === 'escalation.unit') {
    const ref = action.value === UNKNOWN_UNIT ? UNKNOWN_UNIT : resolveUnit(ctx.services.knowledge().directory, action.value ?? '')?.ref;
    return ref ? withUnit(ctx, s, ref) : waitFor(s, askUnit(ctx));
  }
  if (action.type !== 'escalation.confirm') return { handled: false };
  switch (action.value) {
    case 'cancel':
      return done(reply(CANCELLED));
    case 'send':
      return s.step === 'confirm' && hasCase(s) ? open(ctx, s) : next(ctx, s);
    case 'edit':
      return waitFor({ ...s, step: 'question', parts: [] }, askQuestion({ started: false, note: 'D’accord, j’efface le texte ci-dessus.' }));
    case 'unit':
      return waitFor({ ...s, step: 'unit' }, askUnit(ctx));
    case 'previous':
      return s.previous ? next(ctx, { ...s, parts: [s.previous.question], context: s.previous.context, previous: undefined }) : next(ctx, s);
    default:
      return next(ctx, s);
  }
}

/** Begins from the message that asked for a person, or from the button under an answer. */
async function start(ctx: TurnContext): Promise<DialogResult> {
  const s: EscalationState = { step: 'question', parts: [], context: '', trigger: triggerOf(ctx) };
  const last = ctx.state.lastQuestion;
  // The question is handed over once: a later request does not pick it up again.
  delete ctx.state.lastQuestion;
  if (ctx.message.action) return next(ctx, last ? { ...s, parts: [last], context: ctx.state.lastAnswer ?? '' } : s);
  const r = readUnit(ctx.services.knowledge().directory, ctx.text);
  // « je voudrais un ambassadeur de la préfecture du Rhône »: a unit and no case.
  if (r.ref && !r.tooLong && r.leftover.length === 0) return withUnit(ctx, s, r.ref);
  if (r.leftover.length > 0 && !looksLikeNoise(ctx.text)) return addPart(ctx, s);
  return next(ctx, last ? { ...s, previous: { question: last, context: ctx.state.lastAnswer ?? '' } } : s);
}

/** A typed message while the dialog waits: a unit, a case, a yes/no, or nothing usable. */
async function onText(ctx: TurnContext, s: EscalationState): Promise<DialogResult> {
  const f = fold(ctx.text).trim();
  if (NO.test(f)) return done(reply(CANCELLED));
  if (s.step === 'confirm' && YES.test(f)) return open(ctx, s);
  if (s.step === 'question' && s.previous && YES.test(f)) return onAction(ctx, s, { type: 'escalation.confirm', value: 'previous' });
  if (s.step === 'confirm' && EDIT_WORDS.test(f)) return onAction(ctx, s, { type: 'escalation.confirm', value: 'edit' });
  if (UNIT_WORDS.test(f)) return onAction(ctx, s, { type: 'escalation.confirm', value: 'unit' });

  const r: UnitReading = readUnit(ctx.services.knowledge().directory, ctx.text);
  const asked = s.step === 'unit';
  const isCase = asked ? looksLikeCase(r.leftover, ctx.text) : r.leftover.length > 0 && !looksLikeNoise(ctx.text);
  if (asked && r.dontKnow) return withUnit(ctx, s, UNKNOWN_UNIT);
  // A unit answer: when asked, anything that is not a case (its other words are kept with the case,
  // shown before sending); otherwise only a message that is nothing else.
  if (r.ref && !r.tooLong && !isCase && (asked || r.leftover.length === 0)) {
    const keep = r.leftover.length >= MIN_CASE_WORDS && totalWith(s, ctx.text) <= MAX_QUESTION;
    return withUnit(ctx, keep ? { ...s, parts: [...s.parts, ctx.text] } : s, r.ref);
  }
  if (isCase) return addPart(ctx, s, asked ? 'J’ai ajouté ce message à votre question.' : s.step === 'confirm' ? 'J’ai ajouté ce message à votre demande.' : undefined);

  const note =
    r.leftover.length === 0 && maskedCount(ctx.text) > 0 ? onlyMaskedNote(ctx.piiTypes) : looksLikeNoise(ctx.text) && !asked ? NOISE_NOTE : undefined;
  // Nothing but filler (« humain », « ok »): the question is asked again, without « not recognised ».
  const unclear = r.leftover.length > 0 || r.ambiguous || r.missingPlace || r.tooLong;
  if (asked) return waitFor(s, note || !unclear ? askUnit(ctx, note) : unitNotUnderstood(ctx, ctx.text, r));
  return next(ctx, s, note);
}

export const escalationDialog: Dialog = {
  id: 'escalation',
  begin: start,
  async continue(ctx: TurnContext, raw: Record<string, unknown>): Promise<DialogResult> {
    const s = load(raw);
    return ctx.message.action ? onAction(ctx, s, ctx.message.action) : onText(ctx, s);
  },
};
