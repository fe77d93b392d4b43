import { ClientEvent, createClient, RoomEvent, type MatrixClient, type MatrixEvent } from 'matrix-js-sdk';
import { logger } from 'matrix-js-sdk/lib/logger.js';
import type { HomeserverDouble } from '../double/server.js';

/**
 * An agent (or ambassador) using a real Matrix client library, matrix-js-sdk, against the double.
 * It records every timeline event it receives, so tests check what the person would see.
 */

// Quiet matrix-js-sdk: its loggers (and the child loggers each client creates) print nothing.
const quiet = logger as unknown as { methodFactory: unknown; rebuild(): void; setLevel(l: string): void };
quiet.methodFactory = () => () => undefined;
quiet.rebuild();

export interface Seen {
  eventId: string;
  sender: string;
  type: string;
  content: Record<string, unknown>;
}

export class Agent {
  readonly seen = new Map<string, Seen[]>();

  private constructor(
    readonly userId: string,
    readonly client: MatrixClient,
  ) {}

  static async start(double: HomeserverDouble, userId: string, displayname?: string): Promise<Agent> {
    const user = double.model.users.get(userId) ?? double.registerUser(userId, displayname);
    const client = createClient({ baseUrl: double.url, accessToken: user.token, userId, deviceId: user.deviceId });
    const agent = new Agent(userId, client);
    client.on(RoomEvent.Timeline, (ev: MatrixEvent, room) => {
      const roomId = room?.roomId ?? ev.getRoomId();
      if (!roomId || !ev.getId()) return;
      const list = agent.seen.get(roomId) ?? [];
      if (list.some((s) => s.eventId === ev.getId())) return;
      list.push({ eventId: ev.getId()!, sender: ev.getSender() ?? '', type: ev.getType(), content: ev.getContent() });
      agent.seen.set(roomId, list);
    });
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

export async function waitUntil(cond: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const bodyOf = (s: Seen) => String(s.content.body ?? '');
export const htmlOf = (s: Seen) => String(s.content.formatted_body ?? '');
