import { describe, it, expect, afterEach } from 'vitest';
import { World, BOT } from './helpers/world.js';
import { bodyOf, htmlOf, waitUntil } from './helpers/agent.js';

/** Agents talking to the bot through matrix-js-sdk, against the homeserver double. */

let w: World;
afterEach(async () => w?.close());

const ALICE = '@alice.dupont:tchap.test';

describe('direct chats', () => {
  it('answers a tool question with a verdict as an HTML notice; numbered choices and 👍/👎 reactions become feedback', async () => {
    w = await World.create();
    await w.startBot();
    const alice = await w.agent(ALICE, 'Alice Dupont');
    const room = await alice.directChat(w.double, BOT);

    const [verdict, ...rest] = await w.turn(alice, room, 'Puis-je utiliser ChatGPT pour résumer un article de presse déjà publié ?');
    expect(rest).toEqual([]);
    expect(verdict!.content).toMatchObject({ msgtype: 'm.notice', format: 'org.matrix.custom.html' });
    expect(verdict!.content['m.relates_to']).toBeUndefined();
    expect(htmlOf(verdict!)).toMatch(/^<h4>.*Autorisé sous conditions.*ChatGPT<\/h4>/);
    expect(bodyOf(verdict!)).toMatch(/Autorisé sous conditions[\s\S]*\d\. 👍 Utile\n\d\. 👎 Pas utile/);
    expect(htmlOf(verdict!)).not.toMatch(/\*\*/);

    const up = bodyOf(verdict!).match(/(\d)\. 👍 Utile/)![1]!;
    expect(bodyOf((await w.turn(alice, room, up))[0]!)).toMatch(/Merci pour votre retour/);

    await alice.react(room, verdict!.eventId, '👎');
    await waitUntil(() => alice.messagesFrom(room, BOT).length === 3, 'answer to the reaction');
    expect(bodyOf(alice.messagesFrom(room, BOT)[2]!)).toMatch(/votre avis est noté[\s\S]*1\. Poser la question à un ambassadeur/);
    const summary = await w.app.stores.feedback.summary();
    expect(summary).toHaveLength(1);
    expect(summary[0]).toMatchObject({ up: 1, down: 1 });

    // A reaction on a message that is not a bot answer, or with another emoji, is ignored.
    await alice.react(room, verdict!.eventId, '🎉');
    const mine = await alice.say(room, 'merci');
    await w.settled(mine);
    await alice.react(room, mine, '👍');
    await w.delivered(alice, room);
    expect((await w.app.stores.feedback.summary())[0]).toMatchObject({ up: 1, down: 1 });
  });

  it('answers the label of a choice as well as its number, and escapes what the agent typed', async () => {
    w = await World.create();
    w.ambassadorsRoom();
    await w.startBot();
    const alice = await w.agent(ALICE, 'Alice Dupont');
    const room = await alice.directChat(w.double, BOT);
    await w.turn(alice, room, 'Je veux parler à un humain');
    await w.turn(alice, room, 'Peut-on utiliser <b>un outil</b> de transcription <script>alert(1)</script> pour nos réunions ?');
    const confirm = await w.turn(alice, room, '1');
    expect(htmlOf(confirm[0]!)).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(htmlOf(confirm[0]!)).not.toMatch(/<script|<b>/);
    const sent = await w.turn(alice, room, 'envoyer');
    expect(bodyOf(sent[0]!)).toMatch(/votre demande #1/);
  });
});

describe('group rooms', () => {
  it('answers only mentions (pill, name), !commands and replies to its messages — as replies naming the author', async () => {
    w = await World.create();
    await w.startBot();
    const alice = await w.agent(ALICE, 'Alice Dupont');
    const bob = await w.agent('@bob.martin:tchap.test', 'Bob Martin');
    const { room_id: room } = await alice.client.createRoom({ name: 'Équipe projet', invite: [BOT, bob.userId] });
    await bob.client.joinRoom(room);
    await waitUntil(() => w.double.model.membership(room, BOT) === 'join', 'bot joins');

    expect(await w.turn(alice, room, 'Bob, tu as vu la note sur MIRAI ?')).toEqual([]);

    const pill = await w.turn(alice, room, 'Assistant IA: Qu’est-ce que MIRAI ?', {
      format: 'org.matrix.custom.html',
      formatted_body: `<a href="https://matrix.to/#/${BOT}">Assistant IA</a>: Qu’est-ce que MIRAI ?`,
    });
    expect(pill.length).toBeGreaterThan(0);
    const question = w.double.model.events(room, { sender: ALICE }).at(-1)!;
    expect(pill[0]!.content['m.relates_to']).toEqual({ 'm.in_reply_to': { event_id: question.event_id } });
    expect(htmlOf(pill[0]!)).toMatch(new RegExp(`^<p><a href="https://matrix.to/#/${ALICE}">Alice Dupont</a> :</p>`));
    expect(pill[0]!.content['m.mentions']).toEqual({ user_ids: [ALICE] });
    expect(bodyOf(pill[0]!)).toMatch(/MIRAI/);

    expect((await w.turn(bob, room, 'assistant ia, quels outils faut-il privilégier ?')).length).toBeGreaterThan(0);
    expect(bodyOf((await w.turn(bob, room, '!aide'))[0]!)).toMatch(/Je suis l’assistant de la charte/);
    expect(bodyOf((await w.turn(bob, room, '!météo demain'))[0]!)).toMatch(/Je ne connais pas cette commande/);
    const reply = await w.turn(alice, room, 'Et pour DeepL ?', { 'm.relates_to': { 'm.in_reply_to': { event_id: pill[0]!.eventId } } });
    expect(reply.length).toBeGreaterThan(0);
    // Per-person conversations in a room: Bob's pending choices are not Alice's.
    expect(await w.turn(alice, room, 'ok merci Bob')).toEqual([]);
  });

  it('escapes HTML injected through a display name', async () => {
    w = await World.create();
    await w.startBot();
    const mallory = await w.agent('@mallory:tchap.test', '<img src=x onerror=alert(1)>Mallory');
    const alice = await w.agent(ALICE, 'Alice');
    const { room_id: room } = await mallory.client.createRoom({ invite: [BOT, ALICE] });
    await alice.client.joinRoom(room);
    await waitUntil(() => w.double.model.membership(room, BOT) === 'join', 'bot joins');
    const [answer] = await w.turn(mallory, room, '!aide');
    expect(htmlOf(answer!)).toContain('&lt;img src=x onerror=alert(1)&gt;Mallory</a>');
    expect(htmlOf(answer!)).not.toContain('<img');
  });
});

describe('invitations and bad input', () => {
  it('declines invitations from foreign domains, accepts allowed ones and MATRIX_ALLOWED_USERS patterns', async () => {
    w = await World.create();
    await w.startBot({ MATRIX_ALLOWED_USERS: '@*:partenaire.test' });
    const intruder = await w.agent('@intrus:example.org', 'Intrus');
    const partner = await w.agent('@paul:partenaire.test', 'Paul');
    const { room_id: foreign } = await intruder.client.createRoom({ is_direct: true, invite: [BOT] });
    const { room_id: allowed } = await partner.client.createRoom({ is_direct: true, invite: [BOT] });
    await waitUntil(() => w.double.model.membership(allowed, BOT) === 'join', 'allowed invitation accepted');
    await waitUntil(() => w.double.model.membership(foreign, BOT) === 'leave', 'foreign invitation declined');
    expect(w.double.model.events(foreign, { sender: BOT }).map((e) => e.content.membership)).toEqual(['leave']);
  });

  it('survives malformed events, odd types and huge bodies, then answers normally', async () => {
    w = await World.create();
    await w.startBot();
    const alice = await w.agent(ALICE, 'Alice Dupont');
    const room = await alice.directChat(w.double, BOT);
    const bad: Record<string, unknown>[] = [
      { msgtype: 'm.text', body: 42 },
      { msgtype: 'm.text' },
      { body: 'sans msgtype' },
      { msgtype: 'm.text', body: 'x', 'm.relates_to': 'pas un objet', 'm.new_content': 7 },
      { msgtype: 'm.text', body: 'modif', 'm.relates_to': { rel_type: 'm.replace', event_id: '$inconnu' }, 'm.new_content': { msgtype: 'm.text', body: 'modif' } },
      { msgtype: 'm.notice', body: 'un autre robot' },
    ];
    for (const content of bad) w.double.inject(room, ALICE, 'm.room.message', content);
    w.double.inject(room, ALICE, 'm.reaction', { 'm.relates_to': { rel_type: 'm.annotation', event_id: 42, key: '👍' } });
    w.double.inject(room, ALICE, 'org.example.custom', { anything: [1, 2, 3] });
    (w.double.model.rooms.get(room)!.timeline as { pos: number; ev: unknown }[]).push({ pos: w.double.model.pos + 1, ev: { type: 'm.room.message', content: 'brisé' } as unknown });
    w.double.inject(room, ALICE, 'm.room.message', { msgtype: 'm.image', body: 'photo.png', url: 'mxc://tchap.test/abc' });
    const image = await alice.waitFor(room, BOT, (s) => /messages écrits/.test(bodyOf(s)));
    expect(image).toHaveLength(1);

    const huge = await w.turn(alice, room, `Puis-je utiliser ChatGPT ? ${'Contexte du service. '.repeat(3_000)}`);
    expect(bodyOf(huge[0]!)).toMatch(/très long/);
    const normal = await w.turn(alice, room, 'Qu’est-ce que MIRAI ?');
    expect(bodyOf(normal[0]!)).toMatch(/MIRAI/);
    // Answered: the well-formed "x" (despite its odd relation), the image, the huge message, the question.
    const answers = w.double.model.events(room, { sender: BOT, type: 'm.room.message' }).map((e) => String(e.content.body));
    expect(answers).toHaveLength(2 + huge.length + normal.length);
  });

  it('ignores history from before its first start, and edits of old messages', async () => {
    w = await World.create();
    const alice = w.double.registerUser(ALICE, 'Alice Dupont');
    const room = w.double.model.createRoom(ALICE, { isDirect: true, invite: [BOT] });
    w.double.model.join(room, BOT);
    w.double.model.setAccountData(BOT, 'm.direct', { [ALICE]: [room] });
    const old = w.double.model.append(room, { type: 'm.room.message', sender: alice.id, content: { msgtype: 'm.text', body: 'Qu’est-ce que MIRAI ?' }, origin_server_ts: Date.now() - 3_600_000 });
    await w.startBot();
    const agent = await w.agent(ALICE);
    const edit = await agent.say(room, '* Qu’est-ce que MIRAI exactement ?', {
      'm.new_content': { msgtype: 'm.text', body: 'Qu’est-ce que MIRAI exactement ?' },
      'm.relates_to': { rel_type: 'm.replace', event_id: old.event_id },
    });
    const fresh = await w.turn(agent, room, 'Quels outils faut-il privilégier ?');
    expect(fresh.length).toBeGreaterThan(0);
    expect(await w.app.stores.kv.get('matrix-processed', edit)).toBeDefined();
    expect(w.double.model.events(room, { sender: BOT, type: 'm.room.message' })).toHaveLength(fresh.length);
  });
});
