/** What the bot remembers about one conversation between turns. Only redacted text is ever kept. */
export interface ActiveDialog {
  id: string;
  /** Dialog-owned state, JSON-serialisable. */
  data: Record<string, unknown>;
}

export interface ConversationState {
  dialog?: ActiveDialog;
  /** The privacy reminder is shown once per conversation. */
  privacyNoticeShown?: boolean;
  /** Last question asked (redacted), for "poser la question à un ambassadeur". */
  lastQuestion?: string;
  /** Last KB entry answered, for feedback and follow-ups. */
  lastEntryId?: string;
  /** One line describing the bot's last answer (title or verdict), shared as context in a hand-off. */
  lastAnswer?: string;
  /** Redacted text of the last message, offered to be attached to an open ticket. */
  pendingAttach?: string;
  /** The last tool question answered (redacted), so that "Et si c'est déjà publié ?" can follow it. */
  lastToolCheck?: { question: string; at: number };
  /** Epoch ms of the last update (retention purges use it). */
  updatedAt?: number;
}

/**
 * Dialog state per conversation. Async so that a networked database can implement it too;
 * keys are `${channel}:${conversationId}`.
 */
export interface ConversationStore {
  get(key: string): Promise<ConversationState | undefined>;
  set(key: string, state: ConversationState): Promise<void>;
  delete(key: string): Promise<void>;
  /** Deletes states not updated since `before` (retention); returns how many. */
  purge?(before: number): Promise<number>;
  /**
   * Runs `work` while no other process runs work for the same key (a turn reads, changes and writes
   * the state: two replicas must not interleave on one conversation). Absent: one process only.
   */
  exclusive?<T>(key: string, work: () => Promise<T>): Promise<T>;
}

export function conversationKey(channel: string, conversationId: string): string {
  return `${channel}:${conversationId}`;
}
