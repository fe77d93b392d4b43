import type { ConversationState, ConversationStore } from './types.js';

/** In-memory conversation store: a real store (copies on the way in and out), for tests and the CLI. */
export class MemoryConversationStore implements ConversationStore {
  private readonly states = new Map<string, string>();

  async get(key: string): Promise<ConversationState | undefined> {
    const raw = this.states.get(key);
    return raw === undefined ? undefined : (JSON.parse(raw) as ConversationState);
  }

  async set(key: string, state: ConversationState): Promise<void> {
    this.states.set(key, JSON.stringify(state));
  }

  async delete(key: string): Promise<void> {
    this.states.delete(key);
  }

  get size(): number {
    return this.states.size;
  }
}
