import { randomBytes } from 'node:crypto';

/**
 * State of the homeserver double: users, rooms with their timelines and current state, aliases,
 * account data, one global stream position (sync tokens are "s<position>"). In memory, kept across
 * restarts of the HTTP server.
 */

export interface MatrixEvent {
  event_id: string;
  room_id: string;
  type: string;
  sender: string;
  content: Record<string, unknown>;
  origin_server_ts: number;
  state_key?: string;
  unsigned?: Record<string, unknown>;
}

export interface Room {
  id: string;
  timeline: { pos: number; ev: MatrixEvent }[];
  state: Map<string, MatrixEvent>;
}

export interface User {
  id: string;
  token: string;
  deviceId: string;
  displayname?: string;
  accountData: Map<string, { pos: number; content: Record<string, unknown> }>;
}

export interface Sent {
  roomId: string;
  sender: string;
  type: string;
  content: Record<string, unknown>;
  eventId: string;
  /** performance.now() when the request reached the double. */
  at: number;
}

const rand = (n = 9) => randomBytes(n).toString('base64url');

export class HomeserverModel {
  pos = 0;
  readonly users = new Map<string, User>();
  readonly tokens = new Map<string, User>();
  readonly rooms = new Map<string, Room>();
  readonly aliases = new Map<string, string>();
  readonly txns = new Map<string, string>();
  readonly filters = new Map<string, unknown>();
  /** Every event a client sent through /send, in arrival order. */
  readonly sent: Sent[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(readonly serverName = 'tchap.test') {}

  registerUser(id: string, displayname?: string): User {
    const user: User = { id, token: `tok_${rand()}`, deviceId: `DEV${rand(4).toUpperCase()}`, displayname, accountData: new Map() };
    this.users.set(id, user);
    this.tokens.set(user.token, user);
    return user;
  }

  /** Wakes long-polling /sync requests. */
  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private bump(): number {
    this.pos++;
    for (const fn of [...this.listeners]) fn();
    return this.pos;
  }

  append(roomId: string, partial: Omit<MatrixEvent, 'event_id' | 'room_id' | 'origin_server_ts'> & { origin_server_ts?: number }): MatrixEvent {
    const room = this.rooms.get(roomId);
    if (!room) throw new Error(`no room ${roomId}`);
    const ev: MatrixEvent = { origin_server_ts: Date.now(), ...partial, room_id: roomId, event_id: `$${rand(12)}` };
    if (ev.state_key !== undefined) {
      // As Synapse does: a state event tells what it replaced (unsigned.prev_content).
      const prev = room.state.get(`${ev.type}\u0000${ev.state_key}`);
      if (prev) ev.unsigned = { ...(ev.unsigned ?? {}), prev_content: prev.content };
      room.state.set(`${ev.type}\u0000${ev.state_key}`, ev);
    }
    room.timeline.push({ pos: this.pos + 1, ev });
    this.bump();
    return ev;
  }

  setAccountData(userId: string, type: string, content: Record<string, unknown>): void {
    const user = this.users.get(userId);
    if (!user) return;
    user.accountData.set(type, { pos: this.pos + 1, content });
    this.bump();
  }

  createRoom(creator: string, opts: { name?: string; isDirect?: boolean; invite?: string[]; initialState?: { type: string; state_key?: string; content: Record<string, unknown> }[]; alias?: string; preset?: string } = {}): string {
    const id = `!${rand(10)}:${this.serverName}`;
    this.rooms.set(id, { id, timeline: [], state: new Map() });
    const state = (type: string, content: Record<string, unknown>, key = '') => this.append(id, { type, sender: creator, state_key: key, content });
    state('m.room.create', { creator, room_version: '10' });
    state('m.room.member', { membership: 'join', displayname: this.users.get(creator)?.displayname }, creator);
    state('m.room.power_levels', { users: { [creator]: 100 }, users_default: 0, events_default: 0, state_default: 50, invite: 0 });
    state('m.room.join_rules', { join_rule: opts.preset === 'public_chat' ? 'public' : 'invite' });
    state('m.room.history_visibility', { history_visibility: 'shared' });
    if (opts.name) state('m.room.name', { name: opts.name });
    for (const s of opts.initialState ?? []) state(s.type, s.content, s.state_key ?? '');
    if (opts.alias) {
      const alias = `#${opts.alias}:${this.serverName}`;
      this.aliases.set(alias, id);
      state('m.room.canonical_alias', { alias });
    }
    for (const u of opts.invite ?? []) this.invite(id, creator, u, opts.isDirect);
    return id;
  }

  membership(roomId: string, userId: string): string | undefined {
    const m = this.rooms.get(roomId)?.state.get(`m.room.member\u0000${userId}`)?.content.membership;
    return typeof m === 'string' ? m : undefined;
  }

  invite(roomId: string, sender: string, userId: string, isDirect = false): MatrixEvent {
    return this.append(roomId, { type: 'm.room.member', sender, state_key: userId, content: { membership: 'invite', is_direct: isDirect, displayname: this.users.get(userId)?.displayname } });
  }

  join(roomId: string, userId: string): MatrixEvent {
    return this.append(roomId, { type: 'm.room.member', sender: userId, state_key: userId, content: { membership: 'join', displayname: this.users.get(userId)?.displayname } });
  }

  leave(roomId: string, userId: string): MatrixEvent {
    return this.append(roomId, { type: 'm.room.member', sender: userId, state_key: userId, content: { membership: 'leave' } });
  }

  joinedMembers(roomId: string): string[] {
    const room = this.rooms.get(roomId);
    if (!room) return [];
    return [...room.state.values()].filter((e) => e.type === 'm.room.member' && e.content.membership === 'join').map((e) => e.state_key!);
  }

  joinedRooms(userId: string): string[] {
    return [...this.rooms.keys()].filter((r) => this.membership(r, userId) === 'join');
  }

  /** Sets a display name and, as a homeserver does, updates the member events of the user's rooms. */
  setDisplayName(userId: string, name: string): void {
    const user = this.users.get(userId);
    if (!user) return;
    user.displayname = name;
    for (const roomId of this.joinedRooms(userId)) {
      this.append(roomId, { type: 'm.room.member', sender: userId, state_key: userId, content: { membership: 'join', displayname: name } });
    }
  }

  findEvent(roomId: string, eventId: string): MatrixEvent | undefined {
    return this.rooms.get(roomId)?.timeline.find((t) => t.ev.event_id === eventId)?.ev;
  }

  /** Events of a room, optionally only those of a sender / type. */
  events(roomId: string, filter: { sender?: string; type?: string } = {}): MatrixEvent[] {
    return (this.rooms.get(roomId)?.timeline ?? [])
      .map((t) => t.ev)
      .filter((e) => (!filter.sender || e.sender === filter.sender) && (!filter.type || e.type === filter.type));
  }
}
