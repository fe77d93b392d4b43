import { TeamsActivityHandler, type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { BotLike, IncomingMessage, Reply } from '../../src/types.js';
import { greetingReply } from '../../dialogs/small-talk.js';
import { CHANNEL, conversationKind, fromButton, fromMessage, incomingMessage, reactionValue } from './mapping.js';
import { readExecute } from './payload.js';
import { renderActivity } from './render.js';
import type { FeedbackIndex } from './feedback-index.js';

/**
 * Teams events → core turns → replies in the same conversation. The handler never decides
 * anything itself: it maps, calls the core, renders.
 */

export interface HandlerDeps {
  bot: BotLike;
  logger: Logger;
  feedback: FeedbackIndex;
  /** Called with every activity of a team channel (the adapter keeps its reference for notices). */
  onChannelActivity?: (context: TurnContext) => Promise<void>;
}

/** Added to the greeting in teams and group chats, where the bot only hears @mentions. */
export const GROUP_HINT = 'Dans une équipe ou une conversation de groupe, mentionnez-moi (@) au début de votre message pour me poser une question.';

export class CharteTeamsHandler extends TeamsActivityHandler {
  constructor(private readonly deps: HandlerDeps) {
    super();
    this.onMessage(async (context, next) => {
      await this.onChannel(context);
      const mapped = fromMessage(context.activity);
      if (mapped.kind === 'ignored') this.deps.logger.debug({ channel: CHANNEL, reason: mapped.reason }, 'teams message ignored');
      else await this.turn(context, mapped.message);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      await this.onChannel(context);
      const botId = context.activity.recipient?.id;
      if (botId && context.activity.membersAdded?.some((m) => m.id === botId)) await this.welcome(context);
      await next();
    });
    this.onReactionsAdded(async (context, next) => {
      const value = reactionValue(context.activity.reactionsAdded?.[0]?.type);
      const about = context.activity.replyToId ? this.deps.feedback.get(context.activity.replyToId) : undefined;
      if (value && about) await this.turn(context, incomingMessage(context.activity, '', { type: 'feedback', value, data: about }));
      await next();
    });
  }

  /** Action.Execute (Universal Actions): the verb and data become the core's action. */
  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const intent = readExecute(invokeValue.action?.verb, invokeValue.action?.data);
    const message = intent && intent !== 'invalid' ? fromButton(context.activity, intent) : incomingMessage(context.activity, '');
    await this.turn(context, message);
    return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Action reçue.' } as unknown as AdaptiveCardInvokeResponse;
  }

  private async onChannel(context: TurnContext): Promise<void> {
    if (conversationKind(context.activity) === 'channel') await this.deps.onChannelActivity?.(context);
  }

  /** Personal install: the core's own greeting (its turn also saves where to reach the user). */
  private async welcome(context: TurnContext): Promise<void> {
    if (conversationKind(context.activity) === 'personal') {
      const from = context.activity.from;
      const installer = from && from.id !== context.activity.recipient?.id ? from : undefined;
      if (installer) {
        await this.turn(context, incomingMessage({ ...context.activity, from: installer }, 'Bonjour'));
        return;
      }
    }
    const hello = greetingReply();
    await this.send(context, [{ ...hello, text: `${hello.text}\n\n${GROUP_HINT}` }]);
  }

  private async turn(context: TurnContext, message: IncomingMessage): Promise<void> {
    const replies = await this.deps.bot.handle(message);
    await this.send(context, replies);
  }

  private async send(context: TurnContext, replies: Reply[]): Promise<void> {
    for (const reply of replies) {
      const sent = await context.sendActivity(renderActivity(reply));
      if (sent?.id) this.deps.feedback.remember(sent.id, reply);
    }
  }
}
