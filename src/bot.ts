import type { BotLike, IncomingMessage, Reply } from './types.js';
import type { ConversationState, ConversationStore } from './store/types.js';
import { conversationKey } from './store/types.js';
import type { BotServices } from './services.js';
import type { Dialog, TurnContext } from './dialog.js';
import { classifyIntent, isFollowUp, mentionsDomain, type IntentResult } from './intents.js';
import { matchCommand, type CommandSpec } from './commands.js';
import { fold, hasWords, sanitize } from './text.js';
import { KeyedMutex } from './mutex.js';
import { looksForeign } from './language.js';
import { usageOf } from './usage-record.js';
import { cancelledReply, emptyReply, errorReply, frenchAnswerNote, longMessageNote, privacyNotice, staleActionReply } from './notices.js';

/** Longest part of a message the bot analyses; the shield still reads all of it. */
export const MAX_ANALYSED_CHARS = 2_000;
/** Intents whose message is a question an ambassador could be asked (not a greeting or a request for help). */
const QUESTION_INTENTS: ReadonlySet<IntentResult['intent']> = new Set(['charter_question', 'tool_check', 'out_of_scope']);
/** How long a tool question can be followed by "Et si…". */
const FOLLOW_UP_MS = 30 * 60_000;

/** Handles a turn before routing (buttons, commands of a role) or returns undefined. */
export type TurnHandler = (ctx: TurnContext) => Promise<Reply[] | undefined>;

export interface DialogRegistry {
  /** Dialog started for each intent. */
  byIntent: Record<IntentResult['intent'], Dialog>;
  /** Dialog started by the user commands that are not interruptions (mes demandes, supprimer mes données). */
  byCommand: Partial<Record<CommandSpec['id'], Dialog>>;
  /** Tried in order before anything else (feedback, ticket buttons, ambassador commands). */
  handlers: TurnHandler[];
  /** Runs after a new question was answered (e.g. offer to attach it to an open ticket). */
  afterAnswer?: (ctx: TurnContext, replies: Reply[]) => Promise<void>;
  /** Extra help lines for a user (e.g. the ambassador commands). */
  extraHelp?: (ctx: TurnContext) => Reply | undefined;
  /** Every dialog that can be active, by id (to continue it on the next turn). */
  all: Dialog[];
}

/**
 * Routes one turn: shield → interruptions (aide, annuler, humain) → active dialog → intent → dialog.
 * Only the redacted text travels past the shield.
 */
export class Bot implements BotLike {
  private readonly mutex = new KeyedMutex();
  private readonly dialogsById: Map<string, Dialog>;

  constructor(
    private readonly services: BotServices,
    private readonly store: ConversationStore,
    private readonly dialogs: DialogRegistry,
  ) {
    this.dialogsById = new Map(dialogs.all.map((d) => [d.id, d]));
  }

  async handle(message: IncomingMessage): Promise<Reply[]> {
    const key = conversationKey(message.channel, message.conversationId);
    return this.mutex.run(key, async () => {
      const started = performance.now();
      try {
        // Across replicas too, when the store can lock a conversation (PostgreSQL).
        const { replies, log } = this.store.exclusive ? await this.store.exclusive(key, () => this.turn(message, key)) : await this.turn(message, key);
        this.services.logger.info({ channel: message.channel, ...log, ms: Math.round(performance.now() - started) }, 'turn');
        await this.recordUsage(message.channel, replies);
        return replies;
      } catch (e) {
        // Never show a stack trace to the user; never log what they typed.
        this.services.logger.error({ channel: message.channel, err: (e as Error).message, stack: (e as Error).stack }, 'turn failed');
        return [errorReply()];
      }
    });
  }

  /** One usage row per turn (no text, no user) for `charte-ia report`; one-shot `ask` turns (cli) are not counted. */
  private async recordUsage(channel: string, replies: Reply[]): Promise<void> {
    if (channel === 'cli') return;
    try {
      await this.services.stores.usage.record(usageOf(channel, replies, this.services.now()));
    } catch (e) {
      // The user still gets the answer; the statistics miss one turn.
      this.services.logger.warn({ channel, err: (e as Error).message }, 'usage not recorded');
    }
  }

  private async turn(message: IncomingMessage, key: string): Promise<{ replies: Reply[]; log: Record<string, unknown> }> {
    // A generic button carries its text as its value (channels with buttons send no text).
    const typed = typeof message.text === 'string' ? message.text : '';
    const raw = sanitize(!typed && message.action?.type === 'choice' ? (message.action.value ?? '') : typed);
    if (!message.action && !hasWords(raw)) return { replies: [emptyReply(raw.length > 0)], log: { intent: 'empty' } };

    const kb = this.services.knowledge();
    const { redacted, findings } = kb.shield.redact(raw);
    // Text typed in a card's input (the Teams reply box) goes through the shield like typed text.
    let action = message.action;
    if (typeof action?.data?.text === 'string') {
      const boxed = kb.shield.redact(sanitize(action.data.text));
      findings.push(...boxed.findings);
      action = { ...action, data: { ...action.data, text: boxed.redacted } };
    }
    const piiTypes = [...new Set(findings.map((f) => f.type))];
    const text = redacted;

    const state: ConversationState = (await this.store.get(key)) ?? {};
    const ctx: TurnContext = { message: { ...message, text, ...(action ? { action } : {}) }, text, piiTypes, state, services: this.services };
    const replies: Reply[] = [];
    if (piiTypes.length && !state.privacyNoticeShown) {
      replies.push(privacyNotice(piiTypes, this.services.config.RETENTION_DAYS));
      state.privacyNoticeShown = true;
    }

    const log: Record<string, unknown> = { pii: piiTypes };
    if (message.channel !== 'cli') {
      await this.services.escalation.rememberConversation({ channel: message.channel, conversationId: message.conversationId, userId: message.user.id, data: message.ref });
    }
    replies.push(...(await this.route(ctx, log)));
    for (const r of replies) r.meta = { ...r.meta, privacyFindings: piiTypes };
    state.updatedAt = this.services.now();
    await this.store.set(key, state);
    return { replies, log };
  }

  private async route(ctx: TurnContext, log: Record<string, unknown>): Promise<Reply[]> {
    const { state } = ctx;
    for (const handler of this.dialogs.handlers) {
      const handled = await handler(ctx);
      if (handled) {
        log.intent = 'handler';
        return handled;
      }
    }
    const command = ctx.message.action ? undefined : matchCommand(ctx.text);
    if (command?.id === 'cancel') {
      const had = !!state.dialog;
      delete state.dialog;
      log.intent = 'cancel';
      return [cancelledReply(had)];
    }
    // « humain » while the hand-off is already collecting the case: the dialog goes on, nothing is dropped.
    const handingOff = command?.id === 'human' && state.dialog?.id === this.dialogs.byIntent.escalation_request.id;
    if (!handingOff && (command?.id === 'help' || command?.id === 'human')) {
      delete state.dialog;
      const intent = command.id === 'help' ? 'help' : 'escalation_request';
      log.intent = intent;
      const replies = await this.begin(this.dialogs.byIntent[intent], { ...ctx, intent: { intent, rule: `command:${command.id}` } });
      const extra = intent === 'help' ? this.dialogs.extraHelp?.(ctx) : undefined;
      return extra ? [...replies, extra] : replies;
    }
    const commandDialog = command ? this.dialogs.byCommand[command.id] : undefined;
    if (commandDialog) {
      delete state.dialog;
      log.intent = `command:${command!.id}`;
      return this.begin(commandDialog, ctx);
    }

    if (state.dialog) {
      const active = this.dialogsById.get(state.dialog.id);
      if (active) {
        const result = await active.continue(ctx, state.dialog.data);
        if (result.handled) {
          log.intent = `continue:${active.id}`;
          if (result.state) state.dialog = { id: active.id, data: result.state };
          else delete state.dialog;
          return result.replies;
        }
      }
      delete state.dialog;
    }

    // Only the analysis reads a bounded prefix; commands and dialogs above saw the whole text.
    if (ctx.text.length > MAX_ANALYSED_CHARS) {
      const full = ctx.text.length;
      ctx = { ...ctx, text: ctx.text.slice(0, MAX_ANALYSED_CHARS), message: { ...ctx.message, text: ctx.text.slice(0, MAX_ANALYSED_CHARS) } };
      return [longMessageNote(full), ...(await this.route(ctx, log))];
    }
    const action = ctx.message.action;
    if (action?.type === 'kb.show') return this.begin(this.dialogs.byIntent.charter_question, ctx);
    if (action?.type === 'escalate') return this.begin(this.dialogs.byIntent.escalation_request, ctx);
    if (action && action.type !== 'choice') {
      // A button whose conversation step is over (or a forged payload): say so, do nothing else.
      log.intent = 'stale-action';
      return [staleActionReply()];
    }

    const kb = this.services.knowledge();
    const folded = fold(ctx.text);
    const hits = kb.retriever.search(ctx.text, 4);
    const toolNamed = kb.policy.mentionsTool(ctx.text);
    const automated = kb.policy.describesAutomatedDecision(ctx.text);
    let intent = classifyIntent(folded, { toolNamed, automated, kbConfidence: hits[0]?.confidence ?? 0, kbThreshold: kb.threshold, topics: kb.topics });
    const previous = state.lastToolCheck;
    if (previous && !toolNamed && this.services.now() - previous.at < FOLLOW_UP_MS && isFollowUp(folded) && intent.intent !== 'escalation_request') {
      // A precision on the previous tool question: assess both together (same tool, more about the data).
      intent = { intent: 'tool_check', rule: 'follow-up' };
      ctx = { ...ctx, text: `${previous.question}\n${ctx.text}` };
    }
    // No French at all: answered (in French) only when it names a tool or the charter, or asks for a person.
    const foreign = !ctx.message.action && looksForeign(folded);
    if (foreign && intent.intent !== 'escalation_request' && !toolNamed && !mentionsDomain(folded)) {
      log.intent = 'foreign';
      return this.begin(this.dialogs.byIntent.out_of_scope, { ...ctx, intent: { intent: 'out_of_scope', rule: 'foreign-language' } });
    }
    log.intent = intent.intent;
    log.rule = intent.rule;
    log.confidence = Number((hits[0]?.confidence ?? 0).toFixed(3));
    // What a hand-off may carry over: the last question and its answer, never a greeting or a stale answer.
    if (intent.intent !== 'escalation_request') delete state.lastAnswer;
    const replies = await this.begin(this.dialogs.byIntent[intent.intent], { ...ctx, intent, hits });
    if (foreign) replies.unshift(frenchAnswerNote());
    if (intent.intent !== 'escalation_request') {
      if (QUESTION_INTENTS.has(intent.intent)) state.lastQuestion = ctx.text;
      else delete state.lastQuestion;
      await this.dialogs.afterAnswer?.(ctx, replies);
    }
    return replies;
  }

  private async begin(dialog: Dialog, ctx: TurnContext): Promise<Reply[]> {
    const result = await dialog.begin(ctx);
    if (!result.handled) return [errorReply()];
    if (result.state) ctx.state.dialog = { id: dialog.id, data: result.state };
    return result.replies;
  }
}
