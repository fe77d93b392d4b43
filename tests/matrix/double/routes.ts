import type { HomeserverModel, User } from './model.js';
import { buildSync, parseSince } from './sync.js';

/**
 * Client-server API endpoints of the double (paths after /_matrix/client/v3). Each handler returns
 * [status, body]; errors use the spec's { errcode, error } bodies.
 */

type Json = Record<string, unknown>;
export type Result = [number, Json];
export interface Ctx {
  model: HomeserverModel;
  user: User;
  token: string;
  method: string;
  path: string;
  query: URLSearchParams;
  body: Json;
  /** performance.now() at arrival. */
  at: number;
  /** Resolves a long poll: waits for a model change or the timeout. */
  waitForChange(ms: number): Promise<void>;
}

const err = (status: number, errcode: string, error: string): Result => [status, { errcode, error }];
const ok = (body: Json = {}): Result => [200, body];

function roomOr404(ctx: Ctx, roomId: string): Result | undefined {
  return ctx.model.rooms.has(roomId) ? undefined : err(404, 'M_NOT_FOUND', 'Unknown room');
}

function mustBeJoined(ctx: Ctx, roomId: string): Result | undefined {
  return roomOr404(ctx, roomId) ?? (ctx.model.membership(roomId, ctx.user.id) === 'join' ? undefined : err(403, 'M_FORBIDDEN', `User ${ctx.user.id} not in room ${roomId}`));
}

function join(ctx: Ctx, target: string): Result {
  const roomId = target.startsWith('#') ? ctx.model.aliases.get(target) : target;
  if (!roomId || !ctx.model.rooms.has(roomId)) return err(404, 'M_NOT_FOUND', 'No known servers');
  const m = ctx.model.membership(roomId, ctx.user.id);
  const rule = ctx.model.rooms.get(roomId)!.state.get('m.room.join_rules\u0000')?.content.join_rule;
  if (m !== 'join' && m !== 'invite' && rule !== 'public') return err(403, 'M_FORBIDDEN', 'You are not invited to this room.');
  if (m !== 'join') ctx.model.join(roomId, ctx.user.id);
  return ok({ room_id: roomId });
}

async function sync(ctx: Ctx): Promise<Result> {
  const since = parseSince(ctx.query.get('since'));
  if (since === 'invalid') return err(400, 'M_INVALID_PARAM', 'Invalid since token');
  const timeout = Math.min(Number(ctx.query.get('timeout') ?? 0) || 0, 30_000);
  const deadline = Date.now() + timeout;
  for (;;) {
    const r = buildSync(ctx.model, ctx.user.id, since, ctx.query.get('filter'));
    if (!r.empty || Date.now() >= deadline) return ok(r.body);
    await ctx.waitForChange(deadline - Date.now());
  }
}

type Handler = (ctx: Ctx, m: string[]) => Result | Promise<Result>;
const routes: [string, RegExp, Handler][] = [
  ['GET', /^\/account\/whoami$/, (c) => ok({ user_id: c.user.id, device_id: c.user.deviceId, is_guest: false })],
  ['GET', /^\/capabilities$/, () => ok({ capabilities: { 'm.change_password': { enabled: false }, 'm.room_versions': { default: '10', available: { '10': 'stable' } } } })],
  ['GET', /^\/pushrules\/?$/, () => ok({ global: { override: [], content: [], room: [], sender: [], underride: [] } })],
  ['GET', /^\/sync$/, (c) => sync(c)],
  ['POST', /^\/user\/([^/]+)\/filter$/, (c) => {
    const id = String(c.model.filters.size + 1);
    c.model.filters.set(id, c.body);
    return ok({ filter_id: id });
  }],
  ['GET', /^\/user\/([^/]+)\/filter\/([^/]+)$/, (c, [, , id]) => (c.model.filters.has(id!) ? ok(c.model.filters.get(id!) as Json) : err(404, 'M_NOT_FOUND', 'No such filter'))],
  ['GET', /^\/user\/([^/]+)\/account_data\/([^/]+)$/, (c, [, , type]) => {
    const v = c.user.accountData.get(type!);
    return v ? ok(v.content) : err(404, 'M_NOT_FOUND', 'Account data not found');
  }],
  ['PUT', /^\/user\/([^/]+)\/account_data\/([^/]+)$/, (c, [, , type]) => {
    c.model.setAccountData(c.user.id, type!, c.body);
    return ok();
  }],
  ['PUT', /^\/user\/([^/]+)\/rooms\/([^/]+)\/account_data\/([^/]+)$/, () => ok()],
  ['GET', /^\/joined_rooms$/, (c) => ok({ joined_rooms: c.model.joinedRooms(c.user.id) })],
  ['POST', /^\/createRoom$/, (c) => {
    const b = c.body as { name?: string; is_direct?: boolean; invite?: string[]; initial_state?: { type: string; state_key?: string; content: Json }[]; room_alias_name?: string; preset?: string };
    const roomId = c.model.createRoom(c.user.id, { name: b.name, isDirect: b.is_direct, invite: b.invite, initialState: b.initial_state, alias: b.room_alias_name, preset: b.preset });
    return ok({ room_id: roomId });
  }],
  ['POST', /^\/join\/([^/]+)$/, (c, [, target]) => join(c, target!)],
  ['POST', /^\/rooms\/([^/]+)\/join$/, (c, [, target]) => join(c, target!)],
  ['POST', /^\/rooms\/([^/]+)\/leave$/, (c, [, roomId]) => {
    const e = roomOr404(c, roomId!);
    if (e) return e;
    if (c.model.membership(roomId!, c.user.id)) c.model.leave(roomId!, c.user.id);
    return ok();
  }],
  ['POST', /^\/rooms\/([^/]+)\/invite$/, (c, [, roomId]) => {
    const e = mustBeJoined(c, roomId!);
    if (e) return e;
    const target = c.body.user_id;
    if (typeof target !== 'string') return err(400, 'M_MISSING_PARAM', 'user_id required');
    c.model.invite(roomId!, c.user.id, target);
    return ok();
  }],
  ['PUT', /^\/rooms\/([^/]+)\/send\/([^/]+)\/([^/]+)$/, (c, [, roomId, type, txnId]) => {
    const key = `${c.token}|${roomId}|${type}|${txnId}`;
    const known = c.model.txns.get(key);
    if (known) return ok({ event_id: known });
    const e = mustBeJoined(c, roomId!);
    if (e) return e;
    const ev = c.model.append(roomId!, { type: type!, sender: c.user.id, content: c.body });
    c.model.txns.set(key, ev.event_id);
    c.model.sent.push({ roomId: roomId!, sender: c.user.id, type: type!, content: c.body, eventId: ev.event_id, at: c.at });
    return ok({ event_id: ev.event_id });
  }],
  ['GET', /^\/rooms\/([^/]+)\/state$/, (c, [, roomId]) => {
    const e = mustBeJoined(c, roomId!);
    return e ?? [200, [...c.model.rooms.get(roomId!)!.state.values()] as unknown as Json];
  }],
  ['GET', /^\/rooms\/([^/]+)\/state\/([^/]+)(?:\/([^/]*))?$/, (c, [, roomId, type, key]) => {
    const e = mustBeJoined(c, roomId!);
    if (e) return e;
    const ev = c.model.rooms.get(roomId!)!.state.get(`${type}\u0000${key ?? ''}`);
    return ev ? ok(ev.content) : err(404, 'M_NOT_FOUND', 'Event not found.');
  }],
  ['PUT', /^\/rooms\/([^/]+)\/state\/([^/]+)(?:\/([^/]*))?$/, (c, [, roomId, type, key]) => {
    const e = mustBeJoined(c, roomId!);
    if (e) return e;
    return ok({ event_id: c.model.append(roomId!, { type: type!, sender: c.user.id, state_key: key ?? '', content: c.body }).event_id });
  }],
  ['GET', /^\/rooms\/([^/]+)\/event\/([^/]+)$/, (c, [, roomId, eventId]) => {
    const e = mustBeJoined(c, roomId!);
    if (e) return e;
    const ev = c.model.findEvent(roomId!, eventId!);
    return ev ? ok(ev as unknown as Json) : err(404, 'M_NOT_FOUND', 'Event not found');
  }],
  ['GET', /^\/rooms\/([^/]+)\/joined_members$/, (c, [, roomId]) => {
    const e = mustBeJoined(c, roomId!);
    if (e) return e;
    const joined: Json = {};
    for (const u of c.model.joinedMembers(roomId!)) joined[u] = { display_name: c.model.users.get(u)?.displayname ?? null, avatar_url: null };
    return ok({ joined });
  }],
  ['GET', /^\/rooms\/([^/]+)\/members$/, (c, [, roomId]) => {
    const e = mustBeJoined(c, roomId!);
    return e ?? ok({ chunk: [...c.model.rooms.get(roomId!)!.state.values()].filter((s) => s.type === 'm.room.member') });
  }],
  ['GET', /^\/rooms\/([^/]+)\/messages$/, (c, [, roomId]) => roomOr404(c, roomId!) ?? ok({ chunk: [], start: c.query.get('from') ?? 's0' })],
  ['POST', /^\/rooms\/([^/]+)\/receipt\/([^/]+)\/([^/]+)$/, (c, [, roomId]) => mustBeJoined(c, roomId!) ?? ok()],
  ['POST', /^\/rooms\/([^/]+)\/read_markers$/, (c, [, roomId]) => mustBeJoined(c, roomId!) ?? ok()],
  ['PUT', /^\/rooms\/([^/]+)\/typing\/([^/]+)$/, (c, [, roomId]) => mustBeJoined(c, roomId!) ?? ok()],
  ['PUT', /^\/presence\/([^/]+)\/status$/, () => ok()],
  ['GET', /^\/presence\/([^/]+)\/status$/, () => ok({ presence: 'online' })],
  ['GET', /^\/directory\/room\/([^/]+)$/, (c, [, alias]) => {
    const roomId = c.model.aliases.get(alias!);
    return roomId ? ok({ room_id: roomId, servers: [c.model.serverName] }) : err(404, 'M_NOT_FOUND', 'Room alias not found');
  }],
  ['GET', /^\/profile\/([^/]+)$/, (c, [, userId]) => {
    const u = c.model.users.get(userId!);
    return u ? ok({ displayname: u.displayname }) : err(404, 'M_NOT_FOUND', 'Profile not found');
  }],
  ['GET', /^\/profile\/([^/]+)\/displayname$/, (c, [, userId]) => {
    const u = c.model.users.get(userId!);
    return u ? ok({ displayname: u.displayname }) : err(404, 'M_NOT_FOUND', 'Profile not found');
  }],
  ['PUT', /^\/profile\/([^/]+)\/displayname$/, (c, [, userId]) => {
    if (userId !== c.user.id) return err(403, 'M_FORBIDDEN', 'Cannot set another user’s display name');
    c.model.setDisplayName(c.user.id, String(c.body.displayname ?? ''));
    return ok();
  }],
];

export async function route(ctx: Ctx): Promise<Result | undefined> {
  for (const [method, re, handler] of routes) {
    if (method !== ctx.method) continue;
    const m = re.exec(ctx.path);
    if (m) return handler(ctx, m.map((s) => (s === undefined ? s : decodeURIComponent(s))) as string[]);
  }
  return undefined;
}
