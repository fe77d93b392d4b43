import type { Logger } from 'pino';
import type { BotLike, ChannelAdapter, ChannelStatus, Choice, ConversationRef, Reply } from '../../src/types.js';
import type { KeyValueStore } from '../../src/store/escalation-types.js';
import { ConfigError } from '../../src/config.js';
import type { MatrixConfig } from './config.js';
import { AccessPolicy } from './access.js';
import { KvStorageProvider, MatrixState } from './state.js';
import { SyncingMatrixClient, type SyncOptions } from './sync-client.js';
import { SendQueue, type MessageKind } from './send-queue.js';
import { RoomInfo } from './rooms.js';
import { Inbound, type ReplyTarget } from './inbound.js';
import { editContent, renderReply, type Rendered } from './render.js';
import { cryptoStoreFor, type NativeCrypto } from './encryption.js';
import { backoffMs, describeFailure, patiently, Sleeper } from './errors.js';
import { bridgeSdkLogs } from './sdk-logs.js';
import type { Lease } from '../../src/ops/lease.js';

/**
 * The Tchap / Matrix channel: matrix-bot-sdk client, a durable sync position, an outgoing queue that
 * follows Tchap's rate rules, rendering of Replies as HTML notices, and proactive messages/edits
 * for the escalation flow. See adapters/matrix/README-section.md.
 */

export interface MatrixAdapterDeps {
  kv: KeyValueStore;
  logger: Logger;
  /** Ambassadors' rooms (ids or aliases) from the directory: joined at start when the bot may. */
  ambassadorRooms?: () => string[];
  /**
   * Replicas: only the holder of this lease syncs (one replica answers each event); the others stand
   * by, send proactive messages, and take over the sync when the holder dies. Absent: always syncs.
   */
  lease?: Lease;
}

export interface MatrixAdapterOptions {
  sync?: SyncOptions;
  /** Events up to this long before start-up still count as new (default 30 s). */
  startupMarginMs?: number;
  sendRetryBaseMs?: number;
  sendMaxRetryMs?: number;
  /** Overrides the detection of the native crypto module (tests). */
  nativeCrypto?: NativeCrypto;
  /** How long stop() waits for events being answered and queued messages (default 2 s). */
  stopGraceMs?: number;
  /** Called for every outgoing message refused because the queue was full (metrics). */
  onDrop?: (kind: MessageKind) => void;
}

const FILTER = {
  presence: { types: [] as string[] },
  account_data: { types: ['m.direct'] },
  room: { ephemeral: { types: [] as string[] }, account_data: { types: [] as string[] }, timeline: { limit: 100 } },
};

const HOUR = 60 * 60_000;

export class MatrixAdapter implements ChannelAdapter {
  readonly name = 'matrix';
  private client?: SyncingMatrixClient;
  private queue?: SendQueue;
  private inbound?: Inbound;
  private rooms?: RoomInfo;
  private readonly state: MatrixState;
  private readonly botMessages = new Set<string>();
  private readonly fanout = new WeakMap<Reply, Map<string, { posting: Promise<string>; at: number }>>();
  private readonly fanoutEdits = new WeakMap<Reply, Map<string, number>>();
  private readonly encrypted = new Map<string, { type: string; content: Record<string, unknown> }>();
  private purgeTimer?: NodeJS.Timeout;
  private encryptionActive = false;
  private bot?: BotLike;
  private names: string[] = [];
  /** The sync is running (always once started, without a lease). */
  private syncing = false;
  /** Start or stop of the sync in progress, so that lease changes apply one after the other. */
  private syncChange: Promise<void> = Promise.resolve();
  private unsubscribe?: () => void;
  private stopping = false;

  constructor(
    readonly config: MatrixConfig,
    private readonly deps: MatrixAdapterDeps,
    private readonly options: MatrixAdapterOptions = {},
  ) {
    this.state = new MatrixState(deps.kv, Date.now);
  }

  async start(bot: BotLike): Promise<void> {
    const { config, deps } = this;
    const logger = deps.logger;
    bridgeSdkLogs(logger);
    const storage = new KvStorageProvider(deps.kv, Date.now);
    const cryptoStore = cryptoStoreFor(config, logger, this.options.nativeCrypto);
    this.encryptionActive = !!cryptoStore;
    const client = new SyncingMatrixClient(
      config.homeserverUrl,
      config.accessToken,
      storage,
      cryptoStore,
      (kind, roomId, event) => this.inbound?.accept(kind, roomId, event) ?? Promise.resolve(),
      logger,
      this.options.sync,
    );
    this.client = client;
    await this.checkIdentity(client);
    const names = await client
      .getUserProfile(config.botUserId)
      .then((p: { displayname?: unknown }) => (typeof p?.displayname === 'string' ? [p.displayname] : []))
      .catch(() => [] as string[]);
    this.rooms = new RoomInfo(client, logger);
    this.queue = new SendQueue((roomId, type, content, txnId) => this.rawSend(roomId, type, content, txnId), {
      ratePerSecond: config.ratePerSecond,
      logger,
      retryBaseMs: this.options.sendRetryBaseMs,
      maxRetryMs: this.options.sendMaxRetryMs,
      maxQueued: config.queueMax,
      onDrop: this.options.onDrop,
    });
    this.bot = bot;
    this.names = names;
    const lease = deps.lease;
    if (!lease) {
      await this.beginSync();
      return;
    }
    await lease.start();
    const apply = (held: boolean): void => {
      this.syncChange = this.syncChange
        .then(() => (held ? this.beginSync() : this.endSync()))
        .catch((e: Error) => {
          logger.error({ err: e.message }, held ? 'matrix: sync could not start after taking the lease, retried in 30 s' : 'matrix: sync did not stop cleanly');
          if (held) setTimeout(() => lease.held && !this.syncing && apply(true), 30_000).unref();
        });
    };
    this.unsubscribe = lease.onChange(apply);
    if (lease.held) await this.beginSync();
    else logger.info({ holder: lease.currentHolder }, 'matrix channel on standby: another replica syncs; this one sends proactive messages and takes over if it stops');
  }

  /** Starts answering: events since the last sync token of the deployment, and those left pending. */
  private async beginSync(): Promise<void> {
    if (this.syncing || this.stopping || !this.client || !this.bot) return;
    const { config, deps } = this;
    const logger = deps.logger;
    const client = this.client;
    const storage = new KvStorageProvider(deps.kv, Date.now);
    const lastSync = (await storage.getSyncToken()) ? await storage.lastSyncAt() : undefined;
    const cutoff = Math.min(lastSync ?? Date.now(), Date.now()) - (this.options.startupMarginMs ?? 30_000);
    this.inbound = new Inbound({
      client,
      bot: this.bot,
      state: this.state,
      rooms: this.rooms!,
      access: new AccessPolicy(config.allowedDomains, config.allowedUsers),
      identity: { userId: config.botUserId, names: [...this.names, config.botUserId.slice(1).split(':')[0]!] },
      logger,
      cutoff,
      encryptionActive: this.encryptionActive,
      isBotMessage: (id) => this.botMessages.has(id),
      reply: (target, replies) => this.replyTo(target, replies),
      noticeOnce: (kind, roomId, reply) => this.noticeOnce(kind, roomId, reply),
    });
    this.syncing = true;
    try {
      const pending = await this.state.loadPending();
      await this.joinAmbassadorRooms();
      await this.retrying('first sync set-up', () => client.start(FILTER));
      await this.inbound.recover(pending);
    } catch (e) {
      this.syncing = false;
      throw e;
    }
    this.purgeTimer = setInterval(() => void this.state.purge().catch(() => undefined), HOUR);
    this.purgeTimer.unref();
    logger.info({ user: config.botUserId, encryption: this.encryptionActive, ratePerSecond: config.ratePerSecond }, 'matrix channel syncing');
  }

  /** Stops taking events (lease lost or shutdown); accepted ones stay pending for the next holder. */
  private async endSync(): Promise<void> {
    if (this.purgeTimer) clearInterval(this.purgeTimer);
    this.inbound?.stop();
    await this.client?.halt();
    if (this.syncing && this.deps.lease) this.deps.logger.info('matrix channel stopped syncing');
    this.syncing = false;
  }

  /**
   * Stops syncing (no new events; those accepted but not answered stay pending for the next start),
   * then waits up to `stopGraceMs` for the events being answered and the queued messages to leave.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    this.unsubscribe?.();
    await this.syncChange;
    await this.endSync();
    const deadline = performance.now() + (this.options.stopGraceMs ?? 2_000);
    const idle = this.inbound?.idle() ?? Promise.resolve();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([idle, new Promise((r) => (timer = setTimeout(r, deadline - performance.now())))]);
    clearTimeout(timer);
    const left = await this.queue?.drained(Math.max(0, deadline - performance.now()));
    if (left === false) this.deps.logger.warn({ queued: this.queue?.length }, 'matrix: messages still queued at shutdown were not sent');
    this.queue?.stop();
  }

  /** Ready once the first sync batch was processed; the queue length for /metrics. */
  status(): ChannelStatus {
    // A standby replica serves (Teams, proactive messages) while another one syncs.
    if (this.deps.lease && !this.syncing) return { ready: true, detail: `standby: Matrix sync held by ${this.deps.lease.currentHolder ?? 'another replica'}`, queued: this.queue?.length ?? 0 };
    const syncedAt = this.client?.syncedAt;
    const failures = this.client?.syncFailures ?? 0;
    const detail = syncedAt
      ? `last sync ${new Date(syncedAt).toISOString()}${failures ? `, ${failures} failed sync(s) since` : ''}`
      : `first sync not done yet${failures ? ` (${failures} failed)` : ''}`;
    return { ready: syncedAt !== undefined, detail, queued: this.queue?.length ?? 0 };
  }

  /** Resolves when every accepted event has been answered (tests, clean shutdown). */
  async idle(): Promise<void> {
    await this.inbound?.idle();
  }

  async send(ref: ConversationRef, reply: Reply): Promise<string | undefined> {
    const { rooms } = this.ready();
    const target = await this.target(ref);
    // The core fans one notice out to a scope's room and to each ambassador; when several of those
    // land in the same room (ambassadors who talk to the bot only there), post it once.
    // (Same Reply object, same room, within a minute: one fan-out, not a later deliberate resend.)
    const sent = this.fanout.get(reply) ?? new Map<string, { posting: Promise<string>; at: number }>();
    this.fanout.set(reply, sent);
    const earlier = sent.get(target.roomId);
    if (earlier && Date.now() - earlier.at < 60_000) return earlier.posting;
    const posting = this.deliver(target, ref.userId, reply, rooms);
    sent.set(target.roomId, { posting, at: Date.now() });
    posting.catch(() => sent.delete(target.roomId));
    return posting;
  }

  private async target(ref: ConversationRef): Promise<{ roomId: string; dm: boolean }> {
    let roomId = await this.ready().rooms.resolve(this.roomOf(ref));
    let dm = ref.data?.dm === true;
    if (ref.userId && !dm) {
      // A message for one person goes to their direct chat with the bot when there is one.
      const direct = await this.state.dmRoomOf(ref.userId);
      if (direct) [roomId, dm] = [direct, true];
    }
    return { roomId, dm };
  }

  private async deliver({ roomId, dm }: { roomId: string; dm: boolean }, userId: string | undefined, reply: Reply, rooms: RoomInfo): Promise<string> {
    const mention = userId && !dm ? { userId, name: await rooms.displayName(roomId, userId) } : undefined;
    const rendered = renderReply(reply, { mention, broadcast: !userId });
    const eventId = await this.post(roomId, rendered.content, 'proactive', rendered.feedback);
    await this.state.setSentRoom(eventId, roomId);
    if (userId && rendered.choices.length) await this.state.setChoices(roomId, userId, rendered.choices);
    return eventId;
  }

  /** Edits a message sent earlier (`m.replace`), e.g. a ticket notice once claimed or closed. */
  async update(ref: ConversationRef, messageId: string, reply: Reply): Promise<void> {
    const { queue, rooms } = this.ready();
    const edited = this.fanoutEdits.get(reply) ?? new Map<string, number>();
    this.fanoutEdits.set(reply, edited);
    if (Date.now() - (edited.get(messageId) ?? -Infinity) < 60_000) return;
    edited.set(messageId, Date.now());
    const roomId = (await this.state.sentRoomOf(messageId)) ?? (await rooms.resolve(this.roomOf(ref)));
    const rendered = renderReply(reply, { broadcast: !ref.userId });
    await queue.enqueue(roomId, 'm.room.message', editContent(messageId, rendered.content), 'proactive');
  }

  private ready(): { client: SyncingMatrixClient; queue: SendQueue; rooms: RoomInfo } {
    if (!this.client || !this.queue || !this.rooms) throw new Error('the Matrix adapter is not started');
    return { client: this.client, queue: this.queue, rooms: this.rooms };
  }

  private roomOf(ref: ConversationRef): string {
    const fromData = ref.data?.roomId;
    return typeof fromData === 'string' ? fromData : ref.conversationId.split('|')[0]!;
  }

  private async post(roomId: string, content: Record<string, unknown>, kind: MessageKind, feedback?: Rendered['feedback'], txnId?: string): Promise<string> {
    const eventId = await this.ready().queue.enqueue(roomId, 'm.room.message', content, kind, txnId);
    this.botMessages.add(eventId);
    if (this.botMessages.size > 5_000) this.botMessages.delete(this.botMessages.values().next().value!);
    if (feedback) await this.state.setFeedback(eventId, { roomId, ...feedback });
    return eventId;
  }

  /** Answers of one turn: in group rooms, replies to the message, the first one naming its author. */
  private async replyTo(target: ReplyTarget, replies: Reply[]): Promise<void> {
    let choices: Choice[] = [];
    for (const [i, reply] of replies.entries()) {
      const mention = !target.dm && i === 0 ? { userId: target.userId, name: target.name } : undefined;
      const rendered = renderReply(reply, { mention });
      const content: Record<string, unknown> = { ...rendered.content };
      if (!target.dm && target.inReplyTo) content['m.relates_to'] = { 'm.in_reply_to': { event_id: target.inReplyTo } };
      try {
        // Named after the event answered: if this replica dies after sending and another one answers
        // the event again, the homeserver recognises the transaction and posts nothing twice.
        const txnId = target.answering ? `answer.${target.answering}.${i}` : undefined;
        await this.post(target.roomId, content, 'reply', rendered.feedback, txnId);
      } catch (e) {
        this.deps.logger.warn({ room: target.roomId, err: (e as Error).message }, 'matrix answer not delivered');
        return;
      }
      if (rendered.choices.length) choices = rendered.choices;
    }
    await this.state.setChoices(target.roomId, target.userId, choices);
  }

  private async noticeOnce(kind: string, roomId: string, reply: Reply): Promise<void> {
    if (!(await this.state.claimNotice(kind, roomId))) return;
    try {
      await this.post(roomId, renderReply(reply, { broadcast: true }).content, 'notice');
    } catch (e) {
      await this.state.releaseNotice(kind, roomId);
      this.deps.logger.warn({ room: roomId, kind, err: (e as Error).message }, 'matrix notice not delivered');
    }
  }

  /** PUT /rooms/{id}/send/{type}/{txnId}; encrypted first when the room and the bot use encryption. */
  private async rawSend(roomId: string, type: string, content: Record<string, unknown>, txnId: string): Promise<string> {
    const client = this.ready().client;
    let payload = this.encrypted.get(txnId) ?? { type, content };
    if (!this.encrypted.has(txnId) && this.encryptionActive && client.crypto && (await client.crypto.isRoomEncrypted(roomId))) {
      payload = { type: 'm.room.encrypted', content: await client.crypto.encryptRoomEvent(roomId, type, content) as unknown as Record<string, unknown> };
      this.encrypted.set(txnId, payload);
    }
    const path = `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/${encodeURIComponent(payload.type)}/${encodeURIComponent(txnId)}`;
    const res = (await client.doRequest('PUT', path, null, payload.content)) as { event_id?: unknown };
    this.encrypted.delete(txnId);
    if (typeof res?.event_id !== 'string') throw new Error('homeserver answered a send without event_id');
    return res.event_id;
  }

  /** whoami: a refused token or a token of another account stops start-up with a ConfigError. */
  private async checkIdentity(client: SyncingMatrixClient): Promise<void> {
    let who: { user_id?: string };
    try {
      who = (await this.retrying('whoami', () => client.getWhoAmI())) as { user_id?: string };
    } catch (e) {
      const f = describeFailure(e);
      if (f.kind === 'permanent') throw new ConfigError([`MATRIX_ACCESS_TOKEN="***": refused by ${this.config.homeserverUrl} (${f.message})`]);
      throw e;
    }
    if (who.user_id !== this.config.botUserId) {
      throw new ConfigError([`MATRIX_BOT_USER_ID="${this.config.botUserId}": MATRIX_ACCESS_TOKEN belongs to ${String(who.user_id)}`]);
    }
    client.ownUserId = who.user_id;
  }

  /** Start-up calls, retried a few times while the homeserver is unreachable. */
  private async retrying<T>(what: string, work: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await work();
      } catch (e) {
        const f = describeFailure(e);
        if (f.kind === 'permanent') throw e;
        if (attempt >= 4) throw new Error(`Matrix homeserver ${this.config.homeserverUrl} unreachable at start-up (${what}): ${f.message}`);
        this.deps.logger.warn({ err: f.message, step: what }, 'matrix homeserver unreachable at start-up, retrying');
        await new Promise((r) => setTimeout(r, backoffMs(attempt, this.options.sync?.backoffBaseMs ?? 1000, 10_000)));
      }
    }
  }

  private async joinAmbassadorRooms(): Promise<void> {
    const { client, rooms } = this.ready();
    const wanted = [...new Set(this.deps.ambassadorRooms?.() ?? [])];
    if (!wanted.length) return;
    const joined = new Set(await client.getJoinedRooms().catch(() => [] as string[]));
    const sleeper = new Sleeper();
    for (const room of wanted) {
      try {
        const roomId = await rooms.resolve(room);
        // A 429 (joins count against the message rate) is waited out, briefly: start-up goes on.
        if (!joined.has(roomId)) await patiently(() => client.joinRoom(roomId), { sleeper, maxMs: 30_000, baseMs: this.options.sync?.backoffBaseMs ?? 1000 });
      } catch (e) {
        const f = describeFailure(e);
        if (f.kind === 'permanent') this.deps.logger.warn({ room, err: f.message }, 'matrix: cannot join an ambassadors’ room of the directory; invite the bot there');
        else this.deps.logger.warn({ room, err: f.message }, 'matrix: could not join an ambassadors’ room of the directory now (homeserver busy or unreachable); retried at the next start');
      }
    }
  }
}
