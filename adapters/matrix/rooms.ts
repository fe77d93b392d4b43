import type { MatrixClient } from 'matrix-bot-sdk';
import type { Logger } from 'pino';

/**
 * What the adapter needs to know about rooms, cached and refreshed from membership events:
 * direct chat or group room, members' display names, encryption, alias resolution.
 */

const TTL_MS = 10 * 60_000;

interface Cached<T> {
  value: T;
  at: number;
}

function localpart(userId: string): string {
  return userId.replace(/^@/, '').split(':')[0] ?? userId;
}

/** Display names are free text: keep them short and printable (they are HTML-escaped when rendered). */
export function cleanName(name: unknown, fallback: string): string {
  if (typeof name !== 'string') return fallback;
  const clean = name
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '')
    // Half of a surrogate pair is not text: it would make the whole message invalid Unicode.
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .trim();
  // At most 80 UTF-16 units, never ending on the first half of an emoji.
  const end = /[\uD800-\uDBFF]/.test(clean[79] ?? '') ? 79 : 80;
  return clean.slice(0, end) || fallback;
}

export class RoomInfo {
  private readonly memberCounts = new Map<string, Cached<number>>();
  private readonly names = new Map<string, Cached<string>>();
  private readonly encrypted = new Map<string, boolean>();
  private readonly aliases = new Map<string, string>();

  constructor(
    private readonly client: MatrixClient,
    private readonly logger: Logger,
  ) {}

  /**
   * A direct chat: marked as such (`is_direct` invitation, kept in the bot's m.direct account data)
   * and still just the bot and one person. Any other room is a group room, even with two members.
   */
  async isDirect(roomId: string): Promise<boolean> {
    if (!this.client.dms.isDm(roomId)) return false;
    const cached = this.memberCounts.get(roomId);
    if (cached && Date.now() - cached.at < TTL_MS) return cached.value <= 2;
    try {
      const members = await this.client.getJoinedRoomMembers(roomId);
      this.memberCounts.set(roomId, { value: members.length, at: Date.now() });
      return members.length <= 2;
    } catch (e) {
      this.logger.debug({ room: roomId, err: (e as Error).message }, 'matrix joined_members failed');
      return true;
    }
  }

  async displayName(roomId: string, userId: string): Promise<string> {
    const key = `${roomId}|${userId}`;
    const cached = this.names.get(key);
    if (cached && Date.now() - cached.at < TTL_MS) return cached.value;
    let name: unknown;
    try {
      name = (await this.client.getRoomStateEvent(roomId, 'm.room.member', userId))?.displayname;
    } catch {
      try {
        name = (await this.client.getUserProfile(userId))?.displayname;
      } catch {
        name = undefined;
      }
    }
    const value = cleanName(name, localpart(userId));
    this.names.set(key, { value, at: Date.now() });
    return value;
  }

  /** Membership changes: refresh counts and names lazily. */
  onMember(roomId: string, userId: string | undefined, content: Record<string, unknown>): void {
    this.memberCounts.delete(roomId);
    if (!userId) return;
    if (content.membership === 'join') this.names.set(`${roomId}|${userId}`, { value: cleanName(content.displayname, localpart(userId)), at: Date.now() });
    else this.names.delete(`${roomId}|${userId}`);
  }

  markEncrypted(roomId: string): void {
    this.encrypted.set(roomId, true);
  }

  async isEncrypted(roomId: string): Promise<boolean> {
    const known = this.encrypted.get(roomId);
    if (known !== undefined) return known;
    try {
      const content = await this.client.getRoomStateEvent(roomId, 'm.room.encryption', '');
      const yes = !!content && typeof content === 'object' && typeof (content as Record<string, unknown>).algorithm === 'string';
      this.encrypted.set(roomId, yes);
      return yes;
    } catch (e) {
      const status = (e as { statusCode?: number }).statusCode;
      if (status === 404) this.encrypted.set(roomId, false);
      return false;
    }
  }

  /** Room id for a room id or an alias (#name:server), cached. */
  async resolve(roomIdOrAlias: string): Promise<string> {
    if (!roomIdOrAlias.startsWith('#')) return roomIdOrAlias;
    const known = this.aliases.get(roomIdOrAlias);
    if (known) return known;
    const roomId = await this.client.resolveRoom(roomIdOrAlias);
    this.aliases.set(roomIdOrAlias, roomId);
    return roomId;
  }

  forget(roomId: string): void {
    this.memberCounts.delete(roomId);
    this.encrypted.delete(roomId);
    for (const key of [...this.names.keys()]) if (key.startsWith(`${roomId}|`)) this.names.delete(key);
  }
}
