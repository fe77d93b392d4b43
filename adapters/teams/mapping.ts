import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { ActionPayload, IncomingMessage } from '../../src/types.js';
import { readSubmit, type ButtonIntent } from './payload.js';

/**
 * Teams activities → the core's IncomingMessage. Rules:
 * - personal chat: every message;
 * - team channel and group chat: only messages that @mention the bot (mention stripped) and card
 *   submits (Teams sends those without a mention);
 * - the user is their Entra ID (AAD) object id when Teams gives it, else the channel account id
 *   ("29:…"); the directory's `teams` identity of an ambassador is that AAD object id;
 * - `ref` is the serialised ConversationReference, saved by the core for proactive messages.
 */

export const CHANNEL = 'teams';

export type ConversationKind = 'personal' | 'groupChat' | 'channel';

export function conversationKind(activity: Partial<Activity>): ConversationKind {
  const type = activity.conversation?.conversationType;
  if (type === 'channel' || type === 'groupChat' || type === 'personal') return type;
  return activity.conversation?.isGroup ? 'groupChat' : 'personal';
}

export function isGroup(activity: Partial<Activity>): boolean {
  return conversationKind(activity) !== 'personal';
}

/** Stable user id: Entra ID object id when present (what the ambassador directory holds), else from.id. */
export function userIdOf(activity: Partial<Activity>): string {
  return activity.from?.aadObjectId || activity.from?.id || 'inconnu';
}

export function mentionsBot(activity: Partial<Activity>): boolean {
  const botId = activity.recipient?.id;
  return !!botId && TurnContext.getMentions(activity).some((m) => m.mentioned?.id === botId);
}

/** Spaces and tabs at the end of each line removed, in one pass (`/[ \t]+\n/` is quadratic on a long run of spaces). */
function trimLineEnds(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      let end = line.length;
      while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
      return line.slice(0, end);
    })
    .join('\n');
}

/** Text without the bot's mention, other mentions reduced to the name, Teams' spaces normalised. */
export function cleanText(activity: Partial<Activity>): string {
  const raw = typeof activity.text === 'string' ? activity.text : '';
  const withoutBot = activity.recipient?.id && raw ? TurnContext.removeRecipientMention({ ...activity, text: raw }) : raw;
  return trimLineEnds((withoutBot ?? raw).replace(/<at>([^<]{0,200})<\/at>/g, '$1').replace(/&nbsp;|\u00a0/g, ' ')).trim();
}

/** The reference the core stores for proactive messages (plain JSON). */
export function referenceOf(activity: Partial<Activity>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(TurnContext.getConversationReference(activity))) as Record<string, unknown>;
}

/** A channel-level reference (no thread, no message) to post new threads in a team channel. */
export function channelReference(ref: Partial<ConversationReference>, channelId: string): Partial<ConversationReference> {
  const { activityId: _unused, ...rest } = ref;
  return { ...rest, conversation: { ...ref.conversation!, id: channelId, isGroup: true, conversationType: 'channel' } };
}

/** Base id of a channel conversation ("19:…@thread.tacv2;messageid=…" → "19:…@thread.tacv2"). */
export function baseConversationId(id: string): string {
  const i = id.indexOf(';');
  return i > 0 ? id.slice(0, i) : id;
}

function base(activity: Partial<Activity>, text: string, action?: ActionPayload): IncomingMessage {
  const msg: IncomingMessage = {
    channel: CHANNEL,
    conversationId: activity.conversation?.id ?? '',
    user: { id: userIdOf(activity), name: activity.from?.name || undefined },
    text,
    isGroup: isGroup(activity),
    ref: referenceOf(activity),
  };
  if (action) msg.action = action;
  return msg;
}

export type MappedMessage = { kind: 'message'; message: IncomingMessage } | { kind: 'ignored'; reason: string };

/** Maps a button intent (card submit or Action.Execute) to the core message. */
export function fromButton(activity: Partial<Activity>, intent: ButtonIntent): IncomingMessage {
  return 'say' in intent ? base(activity, intent.say) : base(activity, '', intent.action);
}

/** A `message` activity → the core's message, or why it is ignored. */
export function fromMessage(activity: Partial<Activity>): MappedMessage {
  const submitted = readSubmit(activity.value);
  if (submitted === 'invalid') return { kind: 'message', message: base(activity, '') };
  if (submitted) return { kind: 'message', message: fromButton(activity, submitted) };
  if (isGroup(activity) && !mentionsBot(activity)) return { kind: 'ignored', reason: 'group message without mention' };
  // Attachments-only messages (images, files) arrive with an empty text: the core answers politely.
  return { kind: 'message', message: base(activity, cleanText(activity)) };
}

/** A like / heart on a bot message is a 👍, sad / angry a 👎; other reactions are ignored. */
export function reactionValue(type: string | undefined): 'up' | 'down' | undefined {
  if (type === 'like' || type === 'heart') return 'up';
  if (type === 'sad' || type === 'angry') return 'down';
  return undefined;
}

export { base as incomingMessage };
