import type { HomeserverModel, MatrixEvent, Room } from './model.js';

/**
 * GET /sync for the double, per the client-server spec: `since` (a previous next_batch),
 * `timeout` (long poll), `filter` (an id from POST /user/{id}/filter or inline JSON; only
 * room.timeline.limit is honoured: more new events than that give the last ones, "limited", as
 * after a long absence; a room joined since `since` is "limited" too, as Synapse sends it).
 * Joined rooms get state + timeline, invited rooms their stripped state, left rooms the leave
 * event; global account data that changed is included.
 */

type Json = Record<string, unknown>;

function clientEvent(ev: MatrixEvent): Json {
  const out: Json = { ...ev, unsigned: { ...(ev.unsigned ?? {}), age: Date.now() - ev.origin_server_ts } };
  delete out.room_id;
  return out;
}

function stripped(ev: MatrixEvent): Json {
  return { type: ev.type, state_key: ev.state_key, content: ev.content, sender: ev.sender };
}

function timelineLimit(model: HomeserverModel, filterParam: string | null): number {
  if (!filterParam) return 20;
  let filter: unknown = model.filters.get(filterParam);
  if (filter === undefined && filterParam.startsWith('{')) {
    try {
      filter = JSON.parse(filterParam);
    } catch {
      filter = undefined;
    }
  }
  const limit = (filter as { room?: { timeline?: { limit?: unknown } } } | undefined)?.room?.timeline?.limit;
  return typeof limit === 'number' && limit > 0 ? Math.min(limit, 200) : 20;
}

/** Position where the user's current membership started. */
function membershipPos(room: Room, userId: string): number {
  for (let i = room.timeline.length - 1; i >= 0; i--) {
    const t = room.timeline[i]!;
    if (t.ev.type === 'm.room.member' && t.ev.state_key === userId) return t.pos;
  }
  return 0;
}

export function parseSince(since: string | null): number | undefined | 'invalid' {
  if (since === null || since === '') return undefined;
  const m = /^s(\d{1,12})$/.exec(since);
  return m ? Number(m[1]) : 'invalid';
}

/** Builds a sync response; `empty` is true when nothing happened since `since`. */
export function buildSync(model: HomeserverModel, userId: string, since: number | undefined, filterParam: string | null): { body: Json; empty: boolean } {
  const limit = timelineLimit(model, filterParam);
  const join: Json = {};
  const invite: Json = {};
  const leave: Json = {};
  let empty = true;
  for (const room of model.rooms.values()) {
    const membership = model.membership(room.id, userId);
    if (!membership) continue;
    const startedAt = membershipPos(room, userId);
    const fresh = since === undefined || startedAt > since;
    if (membership === 'join') {
      const visible = room.timeline.filter((t) => t.pos >= startedAt || since === undefined);
      const unseen = fresh ? visible : visible.filter((t) => t.pos > since!);
      const news = unseen.slice(-limit);
      if (!news.length && !fresh) continue;
      const inTimeline = new Set(news.map((t) => t.ev.event_id));
      const state = fresh ? [...room.state.values()].filter((e) => !inTimeline.has(e.event_id)).map(clientEvent) : [];
      join[room.id] = {
        state: { events: state },
        // Synapse marks the first timeline of a room joined since `since` as limited, whatever its size.
        timeline: { events: news.map((t) => clientEvent(t.ev)), limited: unseen.length > news.length || (fresh && since !== undefined), prev_batch: `s${(news[0]?.pos ?? 1) - 1}` },
        ephemeral: { events: [] },
        account_data: { events: [] },
        unread_notifications: { highlight_count: 0, notification_count: 0 },
        summary: {},
      };
      empty = false;
    } else if (membership === 'invite' && fresh) {
      const keep = ['m.room.create', 'm.room.name', 'm.room.join_rules', 'm.room.encryption', 'm.room.canonical_alias'];
      const events = [...room.state.values()].filter((e) => keep.includes(e.type) || (e.type === 'm.room.member' && e.state_key === userId)).map(stripped);
      invite[room.id] = { invite_state: { events } };
      empty = false;
    } else if ((membership === 'leave' || membership === 'ban') && since !== undefined && startedAt > since) {
      const ev = room.state.get(`m.room.member\u0000${userId}`)!;
      leave[room.id] = { timeline: { events: [clientEvent(ev)] }, state: { events: [] } };
      empty = false;
    }
  }
  const user = model.users.get(userId);
  const accountData = [...(user?.accountData ?? new Map()).entries()]
    .filter(([, v]) => since === undefined || v.pos > since)
    .map(([type, v]) => ({ type, content: v.content }));
  if (accountData.length) empty = false;
  return {
    body: {
      next_batch: `s${model.pos}`,
      rooms: { join, invite, leave },
      account_data: { events: accountData },
      presence: { events: [] },
      to_device: { events: [] },
      device_lists: { changed: [], left: [] },
      device_one_time_keys_count: {},
    },
    empty: empty && since !== undefined,
  };
}
