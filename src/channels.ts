import type { ChannelAdapter, ConversationRef, Reply } from './types.js';

/** Proactive delivery, as the core sees it: one call, whatever the channel. */
export interface Outbox {
  send(ref: ConversationRef, reply: Reply): Promise<string | undefined>;
  update(ref: ConversationRef, messageId: string, reply: Reply): Promise<void>;
  /** True when an adapter can deliver on this channel. */
  has(channel: string): boolean;
}

/**
 * Routes proactive messages to the adapter that owns the reference's channel. Adapters register
 * under their name and any alias (the console adapter also serves "transcript" and "cli").
 */
export class ChannelRouter implements Outbox {
  private readonly adapters = new Map<string, ChannelAdapter>();

  register(adapter: ChannelAdapter, ...aliases: string[]): void {
    for (const name of [adapter.name, ...aliases]) this.adapters.set(name, adapter);
  }

  has(channel: string): boolean {
    return this.adapters.has(channel);
  }

  async send(ref: ConversationRef, reply: Reply): Promise<string | undefined> {
    return this.adapter(ref).send(ref, reply);
  }

  async update(ref: ConversationRef, messageId: string, reply: Reply): Promise<void> {
    const adapter = this.adapter(ref);
    if (adapter.update) await adapter.update(ref, messageId, reply);
    else await adapter.send(ref, reply);
  }

  private adapter(ref: ConversationRef): ChannelAdapter {
    const adapter = this.adapters.get(ref.channel);
    if (!adapter) throw new Error(`no adapter registered for channel "${ref.channel}"`);
    return adapter;
  }
}
