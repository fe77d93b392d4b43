import { ClientEvent, createClient, MatrixEventEvent, RoomEvent, type MatrixClient, type MatrixEvent } from 'matrix-js-sdk';
import { logger } from 'matrix-js-sdk/lib/logger.js';
import { LoggerLevel, Tracing } from '@matrix-org/matrix-sdk-crypto-wasm';
import type { HomeserverDouble } from '../double/server.js';

/**
 * An agent (or ambassador) using a real Matrix client library, matrix-js-sdk, against the double.
 * It records every timeline event it receives, so tests check what the person would see.
 */

// Quiet matrix-js-sdk: its loggers (and the child loggers each client creates) print nothing.
const quiet = logger as unknown as { methodFactory: unknown; rebuild(): void; setLevel(l: string): void };
quiet.methodFactory = () => () => undefined;
quiet.rebuild();

/**
 * The Rust crypto (WebAssembly, shared by every client of the process) traces to the console, and
 * matrix-js-sdk turns it on at debug level: errors only, unless MATRIX_TEST_LOG is set.
 */
export function quietRustCrypto(): void {
  if (Tracing.isAvailable()) new Tracing(process.env.MATRIX_TEST_LOG ? LoggerLevel.Debug : LoggerLevel.Error).turnOn();
}

export interface Seen {
  eventId: string;
  sender: string;
  type: string;
  content: Record<string, unknown>;
  /** Sent encrypted (content is the decrypted one once the client could decrypt it). */
  encrypted?: boolean;
}

export class Agent {
  readonly seen = new Map<string, Seen[]>();

  private constructor(
    readonly userId: string,
    readonly client: MatrixClient,
  ) {}

  static async start(double: HomeserverDouble, userId: string, displayname?: string): Promise<Agent> {
    const user = double.model.users.get(userId) ?? double.registerUser(userId, displayname);
    return Agent.connect({ baseUrl: double.url, userId, accessToken: user.token, deviceId: user.deviceId });
  }

  /**
   * A client for any homeserver, with an access token obtained once (never a login here).
   * `crypto: true` turns on matrix-js-sdk's Rust crypto (WebAssembly, in-memory store): the client
   * then encrypts in encrypted rooms and decrypts what it receives, like Tchap's apps.
   */
  static async connect(opts: { baseUrl: string; userId: string; accessToken: string; deviceId: string; crypto?: boolean }): Promise<Agent> {
    const client = createClient({ baseUrl: opts.baseUrl, accessToken: opts.accessToken, userId: opts.userId, deviceId: opts.deviceId });
    if (opts.crypto) {
      const debug = console.debug;
      if (!process.env.MATRIX_TEST_LOG) console.debug = () => undefined; // its start-up tracing
      try {
        await client.initRustCrypto({ useIndexedDB: false });
      } finally {
        console.debug = debug;
      }
      quietRustCrypto();
    }
    const agent = new Agent(opts.userId, client);
    const record = (ev: MatrixEvent, roomId: string | undefined) => {
      if (!roomId || !ev.getId()) return;
      const list = agent.seen.get(roomId) ?? [];
      const at = list.findIndex((s) => s.eventId === ev.getId());
      const seen = { eventId: ev.getId()!, sender: ev.getSender() ?? '', type: ev.getType(), content: ev.getContent(), encrypted: ev.isEncrypted() };
      if (at >= 0) list[at] = seen; // decrypted later: the clear event replaces the ciphertext
      else list.push(seen);
      agent.seen.set(roomId, list);
    };
    client.on(RoomEvent.Timeline, (ev: MatrixEvent, room) => record(ev, room?.roomId ?? ev.getRoomId()));
    client.on(MatrixEventEvent.Decrypted, (ev: MatrixEvent) => record(ev, ev.getRoomId()));
    const prepared = new Promise<void>((resolve) => {
      const onSync = (state: string) => {
        if (state === 'PREPARED') {
          client.off(ClientEvent.Sync, onSync);
          resolve();
        }
      };
      client.on(ClientEvent.Sync, onSync);
    });
    await client.startClient({ initialSyncLimit: 20, disablePresence: true, pollTimeout: 1_000, threadSupport: false });
    await prepared;
    return agent;
  }

  /** Opens a direct chat with the bot and waits until the bot has joined it. */
  async directChat(double: HomeserverDouble, botId: string): Promise<string> {
    const { room_id } = await this.client.createRoom({ is_direct: true, invite: [botId], preset: 'trusted_private_chat' as never });
    await waitUntil(() => double.model.membership(room_id, botId) === 'join', `bot joins ${room_id}`);
    return room_id;
  }

  /**
   * createRoom and joinRoom, waiting out 429 M_LIMIT_EXCEEDED as a user's app retries (matrix-js-sdk
   * retries sends on its own, not these). Synapse's default limits answer 429 to a busy account.
   */
  async createRoom(opts: Parameters<MatrixClient['createRoom']>[0]): Promise<string> {
    return (await patient(() => this.client.createRoom(opts))).room_id;
  }

  async joinRoom(roomId: string): Promise<void> {
    await patient(() => this.client.joinRoom(roomId));
  }

  async say(roomId: string, body: string, extra: Record<string, unknown> = {}): Promise<string> {
    const res = await this.client.sendEvent(roomId, 'm.room.message' as never, { msgtype: 'm.text', body, ...extra } as never);
    return res.event_id;
  }

  async react(roomId: string, eventId: string, key: string): Promise<string> {
    const res = await this.client.sendEvent(roomId, 'm.reaction' as never, { 'm.relates_to': { rel_type: 'm.annotation', event_id: eventId, key } } as never);
    return res.event_id;
  }

  /** Messages from `sender` this client received in a room. */
  messagesFrom(roomId: string, sender: string): Seen[] {
    return (this.seen.get(roomId) ?? []).filter((s) => s.sender === sender && s.type === 'm.room.message');
  }

  /** Waits until this client received at least `count` messages from `sender` matching `pred`. */
  async waitFor(roomId: string, sender: string, pred: (s: Seen) => boolean = () => true, count = 1, timeoutMs = 10_000): Promise<Seen[]> {
    let found: Seen[] = [];
    await waitUntil(
      () => {
        found = this.messagesFrom(roomId, sender).filter(pred);
        return found.length >= count;
      },
      `${count} message(s) from ${sender} in ${roomId}`,
      timeoutMs,
    );
    return found;
  }

  stop(): void {
    this.client.stopClient();
    this.client.removeAllListeners();
  }
}

async function patient<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (e) {
      const err = e as { errcode?: string; data?: { retry_after_ms?: number } };
      if (err.errcode !== 'M_LIMIT_EXCEEDED' || attempt >= 30) throw e;
      await new Promise((r) => setTimeout(r, Math.min(err.data?.retry_after_ms ?? 1000, 30_000) + 50));
    }
  }
}

export async function waitUntil(cond: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const bodyOf = (s: Seen) => String(s.content.body ?? '');
export const htmlOf = (s: Seen) => String(s.content.formatted_body ?? '');
