/**
 * Core contracts, channel-neutral. Nothing here knows Teams, Matrix or the console:
 * adapters turn platform events into an IncomingMessage and render a Reply their own way.
 */

/** A button press, a card submit or a numbered choice, as the core understands it. */
export interface ActionPayload {
  /** What the action does, e.g. "choice", "escalate", "feedback", "ticket.claim". */
  type: string;
  /** Free value carried by the action (a choice value, a ticket number…). */
  value?: string;
  /** Extra fields (kept small, validated by whoever consumes them). */
  data?: Record<string, string | number | boolean>;
}

export interface UserRef {
  /** Stable identity on the channel (Teams AAD object id, Matrix user id, console name). */
  id: string;
  /** Display name, for greetings only; never used for authorisation. */
  name?: string;
}

export interface IncomingMessage {
  /** Channel name: "console", "transcript", "cli", "teams", "matrix"… */
  channel: string;
  /** Conversation id on that channel; with `channel` it identifies the conversation. */
  conversationId: string;
  user: UserRef;
  /** What the user typed (may be empty when only an action is sent). */
  text: string;
  /** Present when the user pressed a button or submitted a card. */
  action?: ActionPayload;
  /** True in group rooms / team channels (the adapter already filtered mentions). */
  isGroup?: boolean;
  /** Adapter-specific serialised conversation reference, saved for proactive messages. */
  ref?: Record<string, unknown>;
}

/** A suggested answer or button; `value` is what the user "says" when pressing it. */
export interface Choice {
  label: string;
  value: string;
  /** When set, pressing the button sends this action rather than the value as text. */
  action?: ActionPayload;
}

export interface SourceRef {
  /** Knowledge entry id, or a document id for external references. */
  id: string;
  title: string;
  /** Human citation, e.g. "Circulaire de diffusion de la charte, § 2". */
  citation?: string;
}

export type CardTone = 'default' | 'good' | 'warning' | 'attention' | 'accent';

export interface CardFact {
  label: string;
  value: string;
}

/** A rich answer. Channels that cannot draw cards show `fallbackText`. */
export interface Card {
  title: string;
  /** Colour of the header, e.g. the verdict's. */
  tone?: CardTone;
  /** Markdown body. */
  body?: string;
  facts?: CardFact[];
  sources?: SourceRef[];
  actions?: Choice[];
  /** Always present: the whole card as readable plain text. */
  fallbackText: string;
}

export type Intent =
  | 'charter_question'
  | 'tool_check'
  | 'escalation_request'
  | 'greeting'
  | 'help'
  | 'out_of_scope';

export const INTENTS: readonly Intent[] = [
  'charter_question',
  'tool_check',
  'escalation_request',
  'greeting',
  'help',
  'out_of_scope',
];

export type Verdict = 'allowed' | 'allowed_with_conditions' | 'not_allowed' | 'needs_more_info';
export type ToolTier = 'business_app' | 'mirai' | 'public_ai';

/** Machine-readable facts about a reply, read by `charte-ia ask`, eval and feedback. */
export interface ReplyMeta {
  intent?: Intent;
  verdict?: Verdict | null;
  tier?: ToolTier | 'unknown' | null;
  confidence?: number;
  sources?: SourceRef[];
  /** True when the reply offers or opens a hand-off to a human ambassador. */
  escalate?: boolean;
  /** Types of personal data found in the user's message (never the values). */
  privacyFindings?: string[];
  /** Data categories the tool check saw, for eval and logs. */
  data?: string[];
  /** Escalation ticket the reply is about. */
  ticket?: number;
  /** A charter answer given with a caveat: the closest passage, below the confidence threshold. */
  hedged?: boolean;
  /** The wording was phrased by the optional generative layer (src/llm/), checked against the entries or the verdict. */
  generated?: boolean;
}

/** The single outgoing message type. Adapters render it; the core never builds platform markup. */
export interface Reply {
  /** Markdown text (short paragraphs, **bold**, lists, links). */
  text: string;
  choices?: Choice[];
  card?: Card;
  meta?: ReplyMeta;
}

/** Where a proactive message goes: enough for the adapter that owns the channel. */
export interface ConversationRef {
  channel: string;
  conversationId: string;
  userId?: string;
  /** Adapter-specific serialised reference (Teams ConversationReference, Matrix room…). */
  data?: Record<string, unknown>;
}

export interface BotLike {
  handle(message: IncomingMessage): Promise<Reply[]>;
}

/** How a running channel is doing, for /readyz and /metrics. */
export interface ChannelStatus {
  /** False while the channel cannot take work yet (e.g. Matrix before its first sync). */
  ready: boolean;
  /** A short operator-facing explanation (English, no personal data). */
  detail?: string;
  /** Outgoing messages waiting to be sent. */
  queued?: number;
}

/** Hubot-sized adapter contract. */
export interface ChannelAdapter {
  readonly name: string;
  start(bot: BotLike): Promise<void>;
  /** Stops taking new work, finishes what is in progress (bounded), then releases its resources. */
  stop(): Promise<void>;
  status?(): ChannelStatus;
  /** Proactive send (escalation answers, reminders); returns the platform's message id when it has one. */
  send(ref: ConversationRef, reply: Reply): Promise<string | undefined>;
  /** Replaces a message sent earlier (escalation notices updated when claimed or closed). */
  update?(ref: ConversationRef, messageId: string, reply: Reply): Promise<void>;
}

/** A delivery failure the platform reported (user uninstalled the app, room left…): not retried. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    /** HTTP-like status when known (403, 404…). */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}
