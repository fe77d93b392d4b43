import { describe, it, expect, afterEach } from 'vitest';
import { Writable } from 'node:stream';
import pino from 'pino';
import { World, BOT, makeApp } from './helpers/world.js';
import { bodyOf, waitUntil } from './helpers/agent.js';
import type { User } from './double/model.js';
import { ConfigError } from '../../src/config.js';
import { DeliveryError } from '../../src/types.js';

/** Tchap's rules and homeserver trouble: rate limits, 429, outages, restarts, lost responses. */

let w: World;
afterEach(async () => w?.close());

const ALICE = '@alice.dupont:tchap.test';
const botSend = (method: string, path: string, user?: User) => method === 'PUT' && path.includes('/send/m.room.message/') && user?.id === BOT;
const botMessages = (roomId: string) => w.double.model.events(roomId, { sender: BOT, type: 'm.room.message' });

describe('outgoing rate and 429', () => {
  it('spaces a burst of 20 answers per room at the configured rate, without holding up other rooms', async () => {
    w = await World.create();
    await w.startBot({ MATRIX_RATE_PER_SECOND: '20' });
    const alice = await w.agent(ALICE, 'Alice Dupont');
    const bob = await w.agent('@bob.martin:tchap.test', 'Bob Martin');
    const burstRoom = await alice.directChat(w.double, BOT);
    const otherRoom = await bob.directChat(w.double, BOT);
    const questions = Array.from({ length: 20 }, (_, i) => alice.say(burstRoom, `Question ${i + 1} : qu’est-ce que MIRAI ?`));
    const ids = await Promise.all(questions);
    const bobAsked = await bob.say(otherRoom, 'Quels outils faut-il privilégier ?');
    for (const id of [...ids, bobAsked]) await w.settled(id, 20_000);

    const sends = w.double.model.sent.filter((s) => s.roomId === burstRoom && s.sender === BOT);
    const gaps = sends.slice(1).map((s, i) => s.at - sends[i]!.at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(49);
    // The other room did not wait for the burst to drain.
    const bobFirst = w.double.model.sent.find((s) => s.roomId === otherRoom && s.sender === BOT)!;
    expect(bobFirst.at).toBeLessThan(sends.at(-1)!.at);
    // Each question was answered exactly once: one answer per question, all distinct events.
    expect(sends).toHaveLength(20);
    expect(new Set(sends.map((s) => s.eventId)).size).toBe(20);
  });

  it('honours M_LIMIT_EXCEEDED retry_after_ms and delivers the message once', async () => {
    w = await World.create();
    await w.startBot();
    const alice = await w.agent(ALICE, 'Alice Dupont');
    const room = await alice.directChat(w.double, BOT);
    w.double.rateLimit(botSend, 400, 2);
    const answers = await w.turn(alice, room, 'Qu’est-ce que MIRAI ?');
    expect(answers).toHaveLength(1);
    const attempts = w.double.log.filter((l) => l.method === 'PUT' && l.user === BOT && l.path.includes('/send/'));
    expect(attempts.map((a) => a.status)).toEqual([429, 429, 200]);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(395);
    expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(395);
  });
  it('accepts (or declines) an invitation whose join (or leave) gets M_LIMIT_EXCEEDED, as Synapse answers after a burst', async () => {
    w = await World.create();
    await w.startBot();
    const intruder = await w.agent('@intrus:example.org', 'Intrus');
    w.double.rateLimit((method, path, user) => method === 'POST' && /^\/rooms\/[^/]+\/leave$/.test(path) && user?.id === BOT, 300, 2);
    const { room_id: foreign } = await intruder.client.createRoom({ is_direct: true, invite: [BOT] });
    await waitUntil(() => w.double.model.membership(foreign, BOT) === 'leave', 'foreign invitation declined');
    expect(w.double.log.filter((l) => l.method === 'POST' && l.user === BOT && /leave/.test(l.path)).map((l) => l.status)).toEqual([429, 429, 200]);

    const alice = await w.agent(ALICE, 'Alice Dupont');
    w.double.rateLimit((method, path, user) => method === 'POST' && /^\/(?:join\/|rooms\/[^/]+\/join$)/.test(path) && user?.id === BOT, 300, 2);
    const room = await alice.directChat(w.double, BOT);
    const joins = w.double.log.filter((l) => l.method === 'POST' && l.user === BOT && /join/.test(l.path));
    expect(joins.map((j) => j.status)).toEqual([429, 429, 200]);
    expect(bodyOf((await w.turn(alice, room, 'Qu’est-ce que MIRAI ?'))[0]!)).toMatch(/MIRAI/);
  });
});

describe('homeserver trouble', () => {
  it('loses and duplicates nothing across a lost response, a restart and an outage mid-conversation', async () => {
    w = await World.create();
    await w.startBot();
    const alice = await w.agent(ALICE, 'Alice Dupont');
    const room = await alice.directChat(w.double, BOT);

    expect(bodyOf((await w.turn(alice, room, 'Puis-je utiliser DeepL pour traduire un communiqué déjà publié ?'))[0]!)).toMatch(/DeepL/);

    // The homeserver commits the bot's answer but the response never arrives: the retry reuses the
    // transaction id, so the answer exists once.
    w.double.dropResponse(botSend);
    const second = await w.turn(alice, room, 'Puis-je utiliser ChatGPT pour résumer un article de presse publié ?');
    expect(second).toHaveLength(1);
    expect(w.double.log.filter((l) => l.user === BOT && l.method === 'PUT' && l.path.includes('/send/')).map((l) => l.status)).toEqual([200, 0, 200]);

    // Restart while the bot long-polls: it backs off and resumes from its sync token.
    await w.double.restart(400);
    alice.client.retryImmediately(); // the agent's app would retry on its own, only slower
    expect(bodyOf((await w.turn(alice, room, 'Qu’est-ce que MIRAI ?'))[0]!)).toMatch(/MIRAI/);

    // Outage behind a proxy (502): a message reaches the homeserver meanwhile (federation).
    w.double.outage(true);
    const during = w.double.inject(room, ALICE, 'm.room.message', { msgtype: 'm.text', body: 'Quels outils faut-il privilégier ?' });
    await new Promise((r) => setTimeout(r, 600));
    expect(botMessages(room)).toHaveLength(3);
    w.double.outage(false);
    alice.client.retryImmediately();
    await w.settled(during.event_id, 15_000);
    await w.delivered(alice, room);

    const answers = botMessages(room);
    expect(answers).toHaveLength(4);
    expect(alice.messagesFrom(room, BOT).map((s) => s.eventId)).toEqual(answers.map((e) => e.event_id));
  });

  it('after a bot restart: answers what arrived while it was down, replays nothing, recovers accepted-but-unanswered events', async () => {
    w = await World.create();
    await w.startBot();
    const alice = await w.agent(ALICE, 'Alice Dupont');
    const room = await alice.directChat(w.double, BOT);
    await w.turn(alice, room, 'Qu’est-ce que MIRAI ?');
    await w.adapter!.stop();

    // An event the previous run had accepted (recorded as pending, its sync batch saved) but not
    // answered when it died.
    const orphan = w.double.inject(room, ALICE, 'm.room.message', { msgtype: 'm.text', body: 'Puis-je utiliser ChatGPT pour résumer un article de presse déjà publié ?' });
    await w.app.stores.kv.set('matrix-pending', 'index', JSON.stringify([[orphan.event_id, room]]), Date.now());
    await w.app.stores.kv.set('matrix-sync', 'token', `s${w.double.model.pos}`, Date.now());
    const whileDown = await alice.say(room, 'Quels outils faut-il privilégier ?');

    await w.startBot();
    await w.settled(orphan.event_id);
    await waitUntil(() => botMessages(room).length >= 3, 'answers after restart');
    await w.adapter!.idle();
    await new Promise((r) => setTimeout(r, 300));
    const bodies = botMessages(room).map((e) => String(e.content.body));
    expect(bodies).toHaveLength(3);
    expect(bodies.filter((b) => /Autorisé sous conditions — ChatGPT/.test(b))).toHaveLength(1);
    expect(await w.app.stores.kv.get('matrix-processed', whileDown)).toBeDefined();
    expect(await w.app.stores.kv.get('matrix-pending', 'index')).toBeUndefined();
  });
});

describe('start-up and refusals', () => {
  it('stops start-up with an error naming the variable when the token is refused or belongs to another account', async () => {
    w = await World.create();
    await expect(w.startBot({ MATRIX_ACCESS_TOKEN: 'tok_revoked_token' })).rejects.toThrow(ConfigError);
    await expect(w.startBot({ MATRIX_ACCESS_TOKEN: 'tok_revoked_token' })).rejects.toThrow(/MATRIX_ACCESS_TOKEN="\*\*\*": refused .*M_UNKNOWN_TOKEN/);
    const other = w.double.registerUser('@quelquun:tchap.test');
    await expect(w.startBot({ MATRIX_ACCESS_TOKEN: other.token })).rejects.toThrow(/MATRIX_BOT_USER_ID="@assistant-ia:tchap.test": MATRIX_ACCESS_TOKEN belongs to @quelquun:tchap.test/);
  });

  it('turns M_FORBIDDEN (bot not in the room) into a DeliveryError, without retrying', async () => {
    w = await World.create();
    await w.startBot();
    const alice = await w.agent(ALICE, 'Alice Dupont');
    const { room_id: closed } = await alice.client.createRoom({ name: 'Sans le robot' });
    const failure = await w.adapter!.send({ channel: 'matrix', conversationId: closed }, { text: 'Bonjour' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DeliveryError);
    expect(failure).toMatchObject({ status: 403, message: expect.stringMatching(/M_FORBIDDEN/) });
    expect(w.double.log.filter((l) => l.user === BOT && l.path.includes(encodeURIComponent(closed)) && l.path.includes('/send/'))).toHaveLength(1);
  });
});

describe('sync gaps', () => {
  const GAP = /matrix sync skipped older events of this room \(long absence\)/;

  it('warns about skipped events only after a real absence, never for a room the bot has just joined', async () => {
    const lines: { level: number; msg: string; room?: string }[] = [];
    const app = makeApp();
    (app.services as { logger: pino.Logger }).logger = pino({ level: 'info' }, new Writable({ write: (c, _e, cb) => (lines.push(JSON.parse(String(c))), cb()) }));
    w = await World.create({ app });
    const ambRoom = w.ambassadorsRoom();
    await w.startBot();
    const alice = await w.agent(ALICE, 'Alice Dupont');
    // A direct chat created seconds ago, a group room and the ambassadors' room: first timelines
    // of newly joined rooms, which Synapse (and the double) mark as limited.
    const dm = await alice.directChat(w.double, BOT);
    expect(await w.turn(alice, dm, 'Qu’est-ce que MIRAI ?')).toHaveLength(1);
    const { room_id: group } = await alice.client.createRoom({ name: 'Équipe', invite: [BOT] });
    await waitUntil(() => w.double.model.membership(group, BOT) === 'join', 'bot joins the group room');
    expect(lines.filter((l) => GAP.test(l.msg))).toEqual([]);

    // Restarted after more than a timeline's worth (100) of events in a room: a real gap.
    await w.adapter!.stop();
    for (let i = 0; i < 101; i++) w.double.inject(group, ALICE, 'org.example.noise', { i });
    const late = w.double.inject(dm, ALICE, 'm.room.message', { msgtype: 'm.text', body: 'Quels outils faut-il privilégier ?' });
    await w.startBot();
    await w.settled(late.event_id);
    expect(lines.filter((l) => GAP.test(l.msg)).map((l) => l.room)).toEqual([group]);
    expect(w.double.model.membership(ambRoom, BOT)).toBe('join');
  });
});
