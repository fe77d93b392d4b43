import type { Prng } from './prng.js';
import { hugeString, message, randomUnicode } from './strings.js';
import { jsonObject, jsonValue } from './payloads.js';

/**
 * Room events as a homeserver would deliver them to the bot (through the double's /sync): text
 * messages with hostile bodies and HTML, mentions, replies and edits of real events, reactions on
 * the bot's answers, redactions, wrong or missing msgtype, body and content, garbage relations,
 * unknown event types, membership noise, and envelopes with fields of the wrong type.
 */

export interface MatrixRoomEvent {
  type: string;
  sender: string;
  content: unknown;
  origin_server_ts?: unknown;
  state_key?: unknown;
  redacts?: unknown;
}

export interface MatrixFuzzContext {
  bot: string;
  botName: string;
  /** Allowed senders (agents) and one from outside the allowed domains. */
  senders: string[];
  outsider: string;
  /** Event ids seen so far in this room (any sender), and the bot's own. */
  recent: string[];
  botEvents: string[];
  /** Whether the room is a direct chat (everything is for the bot) or a group room. */
  dm: boolean;
}

const MSGTYPES = ['m.text', 'm.text', 'm.text', 'm.emote', 'm.notice', 'm.image', 'm.file', 'm.audio', 'm.video', 'm.location', 'm.bad', 'M.TEXT', ''];

function text(r: Prng, c: MatrixFuzzContext): string {
  const body = message(r, 0.01);
  if (c.dm || r.chance(0.2)) return body;
  // Group rooms: most messages address the bot (its name, its id, a "!command"), some do not.
  return r.weighted<string>([
    [4, () => `${c.botName} : ${body}`],
    [2, () => `${c.bot} ${body}`],
    [2, () => `!${body}`],
    [1, () => `${body} ${c.botName.toLowerCase()}`],
  ]);
}

function formatted(r: Prng, c: MatrixFuzzContext, body: string): Record<string, unknown> {
  return r.weighted<Record<string, unknown>>([
    [4, () => ({})],
    [2, () => ({ format: 'org.matrix.custom.html', formatted_body: `<a href="https://matrix.to/#/${c.bot}">${c.botName}</a> : ${body.slice(0, 500)}` })],
    [1, () => ({ format: 'org.matrix.custom.html', formatted_body: `<script>alert(1)</script><img src=x onerror=alert(1)>${randomUnicode(r, 50)}` })],
    [1, () => ({ format: 'org.matrix.custom.html', formatted_body: hugeString(r) })],
    [1, () => ({ format: r.pick([42, null, 'text/html']), formatted_body: jsonValue(r, 1) })],
  ]);
}

function relation(r: Prng, c: MatrixFuzzContext): Record<string, unknown> {
  const target = () => (r.chance(0.5) && c.botEvents.length ? r.pick(c.botEvents) : c.recent.length ? r.pick(c.recent) : '$inconnu');
  return r.weighted<Record<string, unknown>>([
    [6, () => ({})],
    [2, () => ({ 'm.relates_to': { 'm.in_reply_to': { event_id: target() } } })],
    [2, () => ({ 'm.relates_to': { rel_type: 'm.replace', event_id: target() }, 'm.new_content': r.chance(0.8) ? { msgtype: 'm.text', body: message(r) } : jsonValue(r, 2) })],
    [1, () => ({ 'm.relates_to': { rel_type: 'm.thread', event_id: target(), is_falling_back: true, 'm.in_reply_to': { event_id: target() } } })],
    [1, () => ({ 'm.relates_to': r.pick<unknown>(['x', 42, null, [], { rel_type: 'm.replace', event_id: 7 }, { 'm.in_reply_to': 'x' }, { 'm.in_reply_to': { event_id: {} } }, jsonObject(r, 2)]) })],
    [1, () => ({ 'm.mentions': r.pick<unknown>([{ user_ids: [c.bot] }, { user_ids: c.bot }, { user_ids: [42, null, c.bot] }, 'x', { room: true }]) })],
  ]);
}

function messageContent(r: Prng, c: MatrixFuzzContext): unknown {
  const body = text(r, c);
  return r.weighted<unknown>([
    [14, () => ({ msgtype: 'm.text', body, ...formatted(r, c, body), ...relation(r, c) })],
    [3, () => ({ msgtype: r.pick(MSGTYPES), body, ...relation(r, c) })],
    [1, () => ({ msgtype: r.pick<unknown>([42, null, {}, ['m.text']]), body })],
    [1, () => ({ msgtype: 'm.text', body: r.pick<unknown>([undefined, null, 42, {}, ['a'], true]) })],
    [1, () => r.pick<unknown>([undefined, null, 'texte', 42, [], {}])],
    [1, () => ({ msgtype: 'm.image', body: 'photo.png', url: 'mxc://tchap.test/abc', info: jsonValue(r, 2) })],
    [1, () => jsonObject(r, 3)],
  ]);
}

/** One event in a room whose recent history is described by `c`. */
export function matrixEvent(r: Prng, c: MatrixFuzzContext): MatrixRoomEvent {
  const sender = r.chance(0.05) ? c.outsider : r.pick(c.senders);
  const event = r.weighted<MatrixRoomEvent>([
    [70, () => ({ type: 'm.room.message', sender, content: messageContent(r, c) })],
    [9, () => ({
      type: 'm.reaction',
      sender,
      content: r.chance(0.8)
        ? { 'm.relates_to': { rel_type: 'm.annotation', event_id: c.botEvents.length ? r.pick(c.botEvents) : '$x', key: r.pick(['👍', '👎', '👍🏽', '👎️', '+1', '-1', ':+1:', '🎉', '', randomUnicode(r, 6)]) } }
        : { 'm.relates_to': jsonValue(r, 2) },
    })],
    [4, () => {
      const redacts = r.chance(0.8) && c.recent.length ? r.pick(c.recent) : r.pick<unknown>(['$inconnu', 42, null]);
      return { type: 'm.room.redaction', sender, redacts, content: { reason: message(r), redacts } };
    }],
    [3, () => ({ type: 'm.room.member', sender, state_key: sender, content: { membership: r.pick<unknown>(['join', 'leave', 42, null]), displayname: r.pick<unknown>([randomUnicode(r, 100), hugeString(r).slice(0, 5_000), 7, null]) } })],
    [3, () => ({ type: r.pick(['m.sticker', 'm.call.invite', 'org.example.custom', 'm.room.topic', 'm.poll.start', 'm.room.message ', 'M.ROOM.MESSAGE']), sender, content: jsonObject(r, 2) })],
    [1, () => ({ type: 'm.room.encrypted', sender, content: { algorithm: 'm.megolm.v1.aes-sha2', ciphertext: randomUnicode(r, 100) } })],
  ]);
  // A third member turns a direct chat into a group room (as it should): direct chats keep their two.
  if (c.dm && event.type === 'm.room.member') return { ...event, sender: c.senders[0]!, state_key: c.senders[0]! };
  // Envelopes with fields of the wrong type (a homeserver bug, a hostile federation peer).
  if (r.chance(0.06)) {
    const field = r.pick(['origin_server_ts', 'sender', 'state_key', 'type']);
    (event as unknown as Record<string, unknown>)[field] = r.pick<unknown>([null, '1700000000000', -1, 1e300, {}, [], 42, '']);
  }
  if (r.chance(0.02)) event.origin_server_ts = Date.now() - r.int(1, 30) * 86_400_000;
  return event;
}
