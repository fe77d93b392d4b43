import type { IFilterInfo, IStorageProvider } from 'matrix-bot-sdk';
import type { Choice, ActionPayload } from '../../src/types.js';
import type { KeyValueStore } from '../../src/store/escalation-types.js';

/**
 * What the Matrix adapter keeps across restarts, in the project's durable key-value store:
 * the sync token (and when it was saved), processed event ids, events received but not yet answered
 * (ids only, never their text), the last numbered choices per room and user, the feedback actions of
 * the bot's answers (for 👍 / 👎 reactions), users' direct rooms, and encryption notices already posted.
 */

const NS = {
  sync: 'matrix-sync',
  values: 'matrix-values',
  processed: 'matrix-processed',
  pending: 'matrix-pending',
  choices: 'matrix-choices',
  feedback: 'matrix-feedback',
  dm: 'matrix-dm',
  notices: 'matrix-notices',
  sent: 'matrix-sent',
} as const;

const DAY = 24 * 60 * 60 * 1000;

/** matrix-bot-sdk storage provider over the key-value store (sync token, filter, misc values). */
export class KvStorageProvider implements IStorageProvider {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly now: () => number,
  ) {}

  async setSyncToken(token: string | null): Promise<void> {
    if (token === null) {
      await this.kv.delete(NS.sync, 'token');
      return;
    }
    await this.kv.set(NS.sync, 'token', token, this.now());
    await this.kv.set(NS.sync, 'at', String(this.now()), this.now());
  }

  async getSyncToken(): Promise<string | null> {
    return (await this.kv.get(NS.sync, 'token')) ?? null;
  }

  /** When the last sync batch was fully handled (epoch ms), or undefined before the first one. */
  async lastSyncAt(): Promise<number | undefined> {
    const v = Number(await this.kv.get(NS.sync, 'at'));
    return Number.isFinite(v) && v > 0 ? v : undefined;
  }

  async setFilter(filter: IFilterInfo): Promise<void> {
    await this.kv.set(NS.sync, 'filter', JSON.stringify(filter), this.now());
  }

  async getFilter(): Promise<IFilterInfo> {
    const raw = await this.kv.get(NS.sync, 'filter');
    return (raw ? JSON.parse(raw) : null) as IFilterInfo;
  }

  async storeValue(key: string, value: string): Promise<void> {
    await this.kv.set(NS.values, key, value, this.now());
  }

  async readValue(key: string): Promise<string | undefined> {
    return this.kv.get(NS.values, key);
  }
}

export interface FeedbackActions {
  roomId: string;
  up?: ActionPayload;
  down?: ActionPayload;
}

/** The adapter's own durable memory. */
export class MatrixState {
  private pending = new Map<string, string>();

  constructor(
    private readonly kv: KeyValueStore,
    private readonly now: () => number,
  ) {}

  /** origin_server_ts of a processed event, or undefined when it was never processed. */
  async processedAt(eventId: string): Promise<number | undefined> {
    const v = await this.kv.get(NS.processed, eventId);
    return v === undefined ? undefined : Number(v);
  }

  async markProcessed(eventId: string, originTs: number): Promise<void> {
    await this.kv.set(NS.processed, eventId, String(originTs), this.now());
    if (this.pending.delete(eventId)) await this.savePending();
  }

  /** Records an event accepted for handling (its id only), so a crash before its answer does not lose it. */
  async addPending(roomId: string, eventId: string): Promise<void> {
    this.pending.set(eventId, roomId);
    await this.savePending();
  }

  /** True while an event is accepted and not yet answered. */
  isPending(eventId: string): boolean {
    return this.pending.has(eventId);
  }

  /** Events accepted by a previous run but never answered: event id → room id. */
  async loadPending(): Promise<Map<string, string>> {
    const raw = await this.kv.get(NS.pending, 'index');
    const entries = raw ? (JSON.parse(raw) as [string, string][]) : [];
    this.pending = new Map(entries.filter((e) => Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'string'));
    return new Map(this.pending);
  }

  private async savePending(): Promise<void> {
    if (this.pending.size) await this.kv.set(NS.pending, 'index', JSON.stringify([...this.pending].slice(-500)), this.now());
    else await this.kv.delete(NS.pending, 'index');
  }

  async choices(roomId: string, userId: string): Promise<Choice[]> {
    const raw = await this.kv.get(NS.choices, `${roomId}|${userId}`);
    return raw ? (JSON.parse(raw) as Choice[]) : [];
  }

  async setChoices(roomId: string, userId: string, choices: Choice[]): Promise<void> {
    if (choices.length) await this.kv.set(NS.choices, `${roomId}|${userId}`, JSON.stringify(choices), this.now());
    else await this.kv.delete(NS.choices, `${roomId}|${userId}`);
  }

  async feedbackFor(eventId: string): Promise<FeedbackActions | undefined> {
    const raw = await this.kv.get(NS.feedback, eventId);
    return raw ? (JSON.parse(raw) as FeedbackActions) : undefined;
  }

  async setFeedback(eventId: string, actions: FeedbackActions): Promise<void> {
    await this.kv.set(NS.feedback, eventId, JSON.stringify(actions), this.now());
  }

  /** The room a bot message went to (proactive messages may be redirected to a direct chat). */
  async sentRoomOf(eventId: string): Promise<string | undefined> {
    return this.kv.get(NS.sent, eventId);
  }

  async setSentRoom(eventId: string, roomId: string): Promise<void> {
    await this.kv.set(NS.sent, eventId, roomId, this.now());
  }

  async dmRoomOf(userId: string): Promise<string | undefined> {
    return this.kv.get(NS.dm, userId);
  }

  async setDmRoom(userId: string, roomId: string): Promise<void> {
    await this.kv.set(NS.dm, userId, roomId, this.now());
  }

  /** True the first time a notice of this kind is claimed for a room (then remembered). */
  async claimNotice(kind: string, roomId: string): Promise<boolean> {
    const key = `${kind}|${roomId}`;
    if (await this.kv.get(NS.notices, key)) return false;
    await this.kv.set(NS.notices, key, String(this.now()), this.now());
    return true;
  }

  async releaseNotice(kind: string, roomId: string): Promise<void> {
    await this.kv.delete(NS.notices, `${kind}|${roomId}`);
  }

  /** Retention of the adapter's memory. */
  async purge(): Promise<void> {
    const now = this.now();
    await this.kv.purge(NS.processed, now - 14 * DAY);
    await this.kv.purge(NS.choices, now - 7 * DAY);
    await this.kv.purge(NS.feedback, now - 30 * DAY);
    await this.kv.purge(NS.sent, now - 120 * DAY);
  }
}
