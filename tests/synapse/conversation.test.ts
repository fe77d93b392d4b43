import { describe, it, expect, afterEach } from 'vitest';
import { waitUntil } from '../matrix/helpers/agent.js';
import { SynapseWorld, AGENT, AMBASSADOR, BOT, bodyOf, choicesOf, htmlOf, looksFrench, relation } from './helpers/world.js';

/** Agents on matrix-js-sdk talking to the bot through a real Synapse (scripts/synapse-local.sh). */

let w: SynapseWorld;
afterEach(async () => w?.close());

const GAP = /matrix sync skipped older events of this room/;

describe('on Synapse: direct chats and group rooms', () => {
  it('a direct chat gets a verdict card; neither it nor a new group room is taken for a long absence', async () => {
    w = new SynapseWorld();
    await w.startBot();
    const alice = await w.agent('agent');
    const dm = await w.directChat(alice);

    const [verdict, ...rest] = await w.turn(alice, dm, 'Puis-je utiliser ChatGPT pour résumer un article de presse déjà publié ?');
    expect(rest).toEqual([]);
    expect(verdict!.content).toMatchObject({ msgtype: 'm.notice', format: 'org.matrix.custom.html' });
    expect(htmlOf(verdict!)).toMatch(/^<h4>[^<]+<\/h4>/); // a card: its title first
    expect(bodyOf(verdict!)).toContain('ChatGPT');
    expect(looksFrench(bodyOf(verdict!))).toBe(true);
    expect(choicesOf(verdict!).length).toBeGreaterThan(0); // numbered choices (feedback at least)
    expect(relation(verdict!)).toBeUndefined(); // a direct chat: no reply, no pill
    expect(verdict!.content['m.mentions']).toEqual({});

    // Seen on Synapse: the first sync of a newly joined room is "limited"; that is no absence.
    const group = await alice.createRoom({ name: 'Équipe projet (e2e)', invite: [BOT] });
    await w.joined(alice, group);
    expect(await w.turn(alice, group, '!aide')).toHaveLength(1);
    expect(w.warnings(GAP)).toEqual([]);
  });

  it('in a group room, answers a mention as a reply to it naming its author, and ignores the rest', async () => {
    w = new SynapseWorld();
    await w.startBot();
    const alice = await w.agent('agent');
    const camille = await w.agent('ambassadeur');
    const room = await alice.createRoom({ name: 'Équipe (e2e)', invite: [BOT, AMBASSADOR] });
    await camille.joinRoom(room);
    await w.joined(alice, room);

    expect(await w.turn(alice, room, 'Camille, tu as vu la note sur MIRAI ?')).toEqual([]);

    const question = 'Assistant IA : qu’est-ce que MIRAI ?';
    const asked = await alice.say(room, question, {
      format: 'org.matrix.custom.html',
      formatted_body: `<a href="https://matrix.to/#/${BOT}">Assistant IA</a> : qu’est-ce que MIRAI ?`,
      'm.mentions': { user_ids: [BOT] },
    });
    await w.settled(asked);
    await w.delivered(alice, room);
    const answers = alice.messagesFrom(room, BOT);
    expect(answers.length).toBeGreaterThan(0);
    expect(relation(answers[0]!)).toEqual({ 'm.in_reply_to': { event_id: asked } });
    expect(htmlOf(answers[0]!)).toMatch(new RegExp(`^<p><a href="https://matrix.to/#/${AGENT}">[^<]+</a> :</p>`));
    expect(answers[0]!.content['m.mentions']).toEqual({ user_ids: [AGENT] });
    expect(looksFrench(bodyOf(answers[0]!))).toBe(true);
    // Camille's view is the same room history.
    await waitUntil(() => camille.messagesFrom(room, BOT).length === answers.length, 'Camille sees the answer');
  });
});

describe('on Synapse: invitations', () => {
  it('declines an invitation from a user outside the allowed domains and users, accepts an allowed one', async () => {
    w = new SynapseWorld();
    // One homeserver means one server name for everybody: "outside" is made by allowing another
    // domain and, by name, only the agent (federation is not exercised here).
    await w.startBot({ MATRIX_ALLOWED_DOMAINS: 'agent.interieur.gouv.fr', MATRIX_ALLOWED_USERS: AGENT });
    const intruder = await w.agent('intrus');
    const foreign = await intruder.createRoom({ is_direct: true, invite: [BOT], preset: 'trusted_private_chat' as never });
    await waitUntil(() => intruder.client.getRoom(foreign)?.getMember(BOT)?.membership === 'leave', 'bot declines the invitation', 30_000);
    expect(w.warnings(/invitation from outside the allowed domains declined/)).toHaveLength(1);
    expect(intruder.client.getRoom(foreign)?.getMember(BOT)?.events.member?.getSender()).toBe(BOT);

    const alice = await w.agent('agent');
    const dm = await w.directChat(alice);
    expect((await w.turn(alice, dm, 'Qu’est-ce que MIRAI ?')).length).toBeGreaterThan(0);
  });
});
