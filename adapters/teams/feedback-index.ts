import type { Reply } from '../../src/types.js';

/**
 * Remembers which answer a sent Teams message was, so a reaction (👍 "like") on that message can
 * become the same feedback as the card's 👍 button. Bounded: the oldest entries are forgotten.
 */
export class FeedbackIndex {
  private readonly byMessage = new Map<string, Record<string, string | number | boolean>>();

  constructor(private readonly capacity = 5_000) {}

  remember(messageId: string, reply: Reply): void {
    const button = [...(reply.card?.actions ?? []), ...(reply.choices ?? [])].find((c) => c.action?.type === 'feedback');
    if (!button?.action?.data) return;
    this.byMessage.delete(messageId);
    this.byMessage.set(messageId, { ...button.action.data });
    if (this.byMessage.size > this.capacity) this.byMessage.delete(this.byMessage.keys().next().value!);
  }

  get(messageId: string): Record<string, string | number | boolean> | undefined {
    return this.byMessage.get(messageId);
  }
}
