import { describe, it, expect, afterEach } from 'vitest';
import type { Agent, Seen } from '../matrix/helpers/agent.js';
import { SynapseWorld, AGENT, BOT, bodyOf, choicesOf, htmlOf, looksFrench, relation } from './helpers/world.js';

/** The hand-off to a human entirely on Synapse: agent in a direct chat, ambassador in the ambassadors' room. */

let w: SynapseWorld;
afterEach(async () => w?.close());

/**
 * Asks for a human and follows the bot's numbered choices (send, the scope) until a ticket exists,
 * whatever the wording of the dialog; returns the ticket number.
 */
async function handOff(world: SynapseWorld, agent: Agent, room: string, question: string): Promise<number> {
  let replies: Seen[] = await world.turn(agent, room, 'Je veux parler à un humain');
  for (let step = 0; step < 6; step++) {
    const tickets = await world.app.stores.tickets.listByAgent('matrix', AGENT);
    if (tickets.length) return tickets[0]!.id;
    const choices = replies.flatMap(choicesOf);
    const send = choices.findIndex((c) => /envoyer/i.test(c));
    const others = choices.map((c, i) => [c, i] as const).filter(([c]) => !/annuler|modifier/i.test(c));
    const answer = send >= 0 ? String(send + 1) : others.length ? String((others.find(([c]) => /national/i.test(c)) ?? others[0]!)[1] + 1) : question;
    replies = await world.turn(agent, room, answer);
  }
  throw new Error(`no ticket after the hand-off dialog: ${replies.map(bodyOf).join(' | ')}`);
}

describe('on Synapse: hand-off to an ambassador', () => {
  it('ticket notice in the ambassadors’ room, !prendre and !répondre there, the answer reaches the agent’s direct chat', async () => {
    w = new SynapseWorld();
    const camille = await w.agent('ambassadeur');
    const ambRoom = await w.ambassadorsRoom(camille); // the bot is invited, and joins it at start-up
    await w.startBot();
    await w.joined(camille, ambRoom);
    const alice = await w.agent('agent');
    const dm = await w.directChat(alice);

    const id = await handOff(w, alice, dm, 'Notre service voudrait tester un outil de transcription automatique des réunions : est-ce possible ?');
    const [notice] = await camille.waitFor(ambRoom, BOT, (s) => htmlOf(s).includes(`!prendre ${id}`), 1, 60_000);
    expect(notice!.content.msgtype).toBe('m.notice');
    expect(bodyOf(notice!)).toContain('transcription automatique');
    expect(looksFrench(bodyOf(notice!))).toBe(true);

    const before = alice.messagesFrom(dm, BOT).length;
    const claim = await camille.say(ambRoom, `!prendre ${id}`);
    await w.settled(claim);
    await w.delivered(camille, ambRoom);
    const inRoom = camille.messagesFrom(ambRoom, BOT);
    expect(inRoom.filter((s) => relation(s)?.['m.in_reply_to']?.event_id === claim)).toHaveLength(1); // the confirmation
    expect(inRoom.filter((s) => relation(s)?.rel_type === 'm.replace' && relation(s)?.event_id === notice!.eventId)).toHaveLength(1); // the notice, edited
    await alice.waitFor(dm, BOT, () => true, before + 1, 60_000); // « … a pris en charge votre demande »

    const words = 'Oui, via MIRAI : utilisez l’outil de transcription proposé sur le portail, sans enregistrer de données sensibles.';
    const answered = await camille.say(ambRoom, `!répondre ${id} ${words}`);
    await w.settled(answered);
    const [answer] = await alice.waitFor(dm, BOT, (s) => bodyOf(s).includes('sans enregistrer de données sensibles'), 1, 60_000);
    expect(answer!.content).toMatchObject({ msgtype: 'm.notice', format: 'org.matrix.custom.html' });
    expect(htmlOf(answer!)).toContain('<blockquote>');
    expect(relation(answer!)).toBeUndefined();
    expect((await w.app.stores.tickets.get(id))?.status).not.toBe('open');
  });
});
