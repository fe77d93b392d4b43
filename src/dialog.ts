import type { IncomingMessage, Reply } from './types.js';
import type { ConversationState } from './store/types.js';
import type { BotServices } from './services.js';
import type { IntentResult } from './intents.js';
import type { KbHit } from './knowledge/types.js';

/** Everything a dialog may use during one turn. Dialogs never touch a channel SDK. */
export interface TurnContext {
  /** The message as the shield left it: `text` is already redacted. */
  message: IncomingMessage;
  /** Redacted text, trimmed. */
  text: string;
  /** Types of personal data the shield found in this message (no values). */
  piiTypes: string[];
  /** Mutable conversation state, saved after the turn. */
  state: ConversationState;
  services: BotServices;
  /** How the message was classified (absent when an active dialog continues). */
  intent?: IntentResult;
  /** Knowledge-base hits already computed for this text (routing needs them too). */
  hits?: KbHit[];
}

export type DialogResult =
  /** The dialog answered; `state` keeps it active for the next turn, undefined ends it. */
  | { handled: true; replies: Reply[]; state?: Record<string, unknown> }
  /** The message is not for this dialog (e.g. a new question): the bot ends it and routes the message anew. */
  | { handled: false };

export interface Dialog {
  readonly id: string;
  begin(ctx: TurnContext): Promise<DialogResult>;
  continue(ctx: TurnContext, state: Record<string, unknown>): Promise<DialogResult>;
}

/** Convenience: a finished dialog turn. */
export function done(...replies: Reply[]): DialogResult {
  return { handled: true, replies };
}

/** Convenience: a turn that waits for the user's next message. */
export function waitFor(state: Record<string, unknown>, ...replies: Reply[]): DialogResult {
  return { handled: true, replies, state };
}
