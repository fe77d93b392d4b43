import { describe, it, expect, afterEach } from 'vitest';
import { World, BOT, AMBASSADOR } from './helpers/world.js';
import { bodyOf, htmlOf, waitUntil } from './helpers/agent.js';
import { openTicket } from './helpers/flows.js';

/** The escalation flow entirely on Matrix: agent in a direct chat, ambassadors in their room. */

let w: World;
afterEach(async () => w?.close());

const ALICE = '@alice.dupont:tchap.test';

describe('escalation on Matrix', () => {
  it('notice in the ambassadors’ room, claimed and answered there with !commands, edited in place, answer and rating reach the agent', async () => {
    w = await World.create();
    const ambRoom = w.ambassadorsRoom();
    await w.startBot();
    expect(w.double.model.membership(ambRoom, BOT)).toBe('join');
    const camille = await w.agent(AMBASSADOR);
    const alice = await w.agent(ALICE, 'Alice Dupont');
    const dm = await alice.directChat(w.double, BOT);

    // Camille has talked to the bot in the room only: the core also reaches her there.
    expect(bodyOf((await w.turn(camille, ambRoom, '!liste'))[0]!)).toMatch(/Aucune demande en cours/);

    const id = await openTicket(w, alice, dm, 'Notre service voudrait tester un outil de transcription automatique des réunions : est-ce possible ?');
    const [notice] = await camille.waitFor(ambRoom, BOT, (s) => new RegExp(`Demande #${id}`).test(htmlOf(s)));
    expect(htmlOf(notice!)).toContain(`<code>!prendre ${id}</code>`);
    expect(bodyOf(notice!)).toMatch(/En attente d’un ambassadeur/);

    const command = await camille.say(ambRoom, `!prendre ${id}`);
    await w.settled(command);
    const [claimed] = await camille.waitFor(ambRoom, BOT, (s) => new RegExp(`Vous avez pris en charge la demande #${id}`).test(bodyOf(s)));
    expect(claimed!.content['m.relates_to']).toEqual({ 'm.in_reply_to': { event_id: command } });
    const edit = await camille.waitFor(ambRoom, BOT, (s) => (s.content['m.relates_to'] as { rel_type?: string } | undefined)?.rel_type === 'm.replace');
    expect(edit[0]!.content['m.relates_to']).toEqual({ rel_type: 'm.replace', event_id: notice!.eventId });
    expect(bodyOf(edit[0]!)).toMatch(/^\* /);
    expect(String((edit[0]!.content['m.new_content'] as { body: string }).body)).toMatch(/Prise en charge par Camille Martin/);
    await alice.waitFor(dm, BOT, (s) => /Camille Martin, ambassadeur IA, a pris en charge votre demande/.test(bodyOf(s)));
    // One notice and one edit in the room, although the core addressed both the room and Camille.
    const roomEvents = () => w.double.model.events(ambRoom, { sender: BOT, type: 'm.room.message' });
    expect(roomEvents().filter((e) => !e.content['m.relates_to'] && String(e.content.body).includes(`Nouvelle demande #${id}`))).toHaveLength(1);
    expect(roomEvents().filter((e) => (e.content['m.relates_to'] as { event_id?: string } | undefined)?.event_id === notice!.eventId)).toHaveLength(1);

    await w.turn(camille, ambRoom, `!répondre ${id} Oui, via MIRAI : utilisez l’outil de transcription proposé sur le portail.`);
    const [answer] = await alice.waitFor(dm, BOT, (s) => /Réponse de votre ambassadeur IA/.test(bodyOf(s)));
    expect(bodyOf(answer!)).toMatch(/via MIRAI[\s\S]*— Camille Martin/);

    await w.turn(camille, ambRoom, `!fermer ${id}`);
    await waitUntil(() => camille.messagesFrom(ambRoom, BOT).some((s) => /État : Close/.test(String((s.content['m.new_content'] as { body?: string } | undefined)?.body))), 'notice edited to closed');
    const [rating] = await alice.waitFor(dm, BOT, (s) => /Notez-la de 1 à 5/.test(bodyOf(s)));
    expect(bodyOf(rating!)).toMatch(/1\. ★☆☆☆☆[\s\S]*5\. ★★★★★/);
    expect(bodyOf((await w.turn(alice, dm, '5'))[0]!)).toMatch(/5\/5/);
    expect((await w.app.stores.tickets.get(id))?.rating).toBe(5);
  });

  it('refuses ambassador commands from non-members in the ambassadors’ room', async () => {
    w = await World.create();
    const ambRoom = w.ambassadorsRoom();
    await w.startBot();
    const alice = await w.agent(ALICE, 'Alice Dupont');
    w.double.model.invite(ambRoom, AMBASSADOR, ALICE);
    await alice.client.joinRoom(ambRoom);
    const [r] = await w.turn(alice, ambRoom, '!prendre 1');
    expect(bodyOf(r!)).toMatch(/réservée aux ambassadeurs IA/);
  });
});
