import type { BotLike, ChannelAdapter, ConversationRef, Reply } from '../../src/types.js';
import { DeliveryError } from '../../src/types.js';

/** A channel double that records proactive messages and updates (and can be told to fail). */
export class RecordingAdapter implements ChannelAdapter {
  readonly sent: { ref: ConversationRef; reply: Reply; id: string }[] = [];
  readonly updates: { ref: ConversationRef; id: string; reply: Reply }[] = [];
  /** Conversation ids whose delivery fails with this status. */
  readonly failing = new Map<string, number>();
  private n = 0;

  constructor(readonly name = 'test') {}

  async start(_bot: BotLike): Promise<void> {}
  async stop(): Promise<void> {}

  async send(ref: ConversationRef, reply: Reply): Promise<string> {
    const status = this.failing.get(ref.conversationId);
    if (status) throw new DeliveryError(status === 403 ? 'Forbidden: the bot was removed' : 'Not found', status);
    const id = `m${++this.n}`;
    this.sent.push({ ref, reply, id });
    return id;
  }

  async update(ref: ConversationRef, id: string, reply: Reply): Promise<void> {
    this.updates.push({ ref, id, reply });
  }

  to(conversationId: string): Reply[] {
    return this.sent.filter((s) => s.ref.conversationId === conversationId).map((s) => s.reply);
  }
}
