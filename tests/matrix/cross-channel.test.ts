import { describe, it, expect, afterEach } from 'vitest';
import { World, BOT, AMBASSADOR } from './helpers/world.js';
import { bodyOf, htmlOf, waitUntil } from './helpers/agent.js';
import { RecordingAdapter } from '../helpers/recording-adapter.js';
import { openTicket } from './helpers/flows.js';
import type { Reply } from '../../src/types.js';

/**
 * One ticket, two channels: opened on Matrix and answered from another channel (the core's test
 * channel, standing in for Teams: same ChannelAdapter contract, ambassador known by their
 * "console" identity), and the reverse.
 */

let w: World;
afterEach(async () => w?.close());

const ALICE = '@alice.dupont:tchap.test';
const CONSOLE_AMBASSADOR = 'ambassadeur-console';
const text = (replies: Reply[]) => replies.map((r) => r.text).join('\n\n');

function testChannel(world: World): { channel: RecordingAdapter; say(user: string, text: string): Promise<Reply[]> } {
  const channel = new RecordingAdapter('test');
  world.app.router.register(channel);
  return {
    channel,
    say: (user, t) => world.app.bot.handle({ channel: 'test', conversationId: user, user: { id: user, name: user }, text: t }),
  };
}

describe('cross-channel escalation', () => {
  it('a ticket opened on Matrix is claimed and answered from the other channel; the Matrix agent gets everything', async () => {
    w = await World.create();
    const ambRoom = w.ambassadorsRoom();
    const other = testChannel(w);
    await w.startBot();
    const alice = await w.agent(ALICE, 'Alice Dupont');
    const dm = await alice.directChat(w.double, BOT);
    const id = await openTicket(w, alice, dm, 'Un éditeur nous propose un assistant de rédaction pour les courriers : à qui demander ?');
    await waitUntil(() => w.double.model.events(ambRoom, { sender: BOT, type: 'm.room.message' }).some((e) => String(e.content.body).includes(`#${id}`)), 'notice in the Matrix ambassadors’ room');

    expect(text(await other.say(CONSOLE_AMBASSADOR, `prendre ${id}`))).toMatch(new RegExp(`Vous avez pris en charge la demande #${id}`));
    await alice.waitFor(dm, BOT, (s) => /Dominique Bernard, ambassadeur IA, a pris en charge votre demande/.test(bodyOf(s)));
    await waitUntil(
      () => w.double.model.events(ambRoom, { sender: BOT }).some((e) => /Prise en charge par Dominique Bernard/.test(String((e.content['m.new_content'] as { body?: string } | undefined)?.body))),
      'Matrix notice edited',
    );

    expect(text(await other.say(CONSOLE_AMBASSADOR, `répondre ${id} Passez par MIRAI, et demandez l’avis de votre RSSI.`))).toMatch(/Réponse transmise/);
    const [answer] = await alice.waitFor(dm, BOT, (s) => /Réponse de votre ambassadeur IA/.test(bodyOf(s)));
    expect(bodyOf(answer!)).toMatch(/Passez par MIRAI[\s\S]*— Dominique Bernard/);
    expect(htmlOf(answer!)).toMatch(/<blockquote>Passez par MIRAI/);
  });

  it('a ticket opened on the other channel is claimed and answered by an ambassador on Matrix', async () => {
    w = await World.create();
    const ambRoom = w.ambassadorsRoom();
    const other = testChannel(w);
    await w.startBot();
    const camille = await w.agent(AMBASSADOR);

    await other.say('agent-teams', 'Je veux parler à un humain');
    let r = await other.say('agent-teams', 'Peut-on faire relire nos notes internes par un outil d’IA proposé par un prestataire ?');
    if (/de quelle structure/.test(text(r))) r = await other.say('agent-teams', 'national');
    r = await other.say('agent-teams', 'Envoyer');
    const id = Number(/#\*\*(\d+)|\*\*#(\d+)\*\*/.exec(text(r))!.slice(1).find(Boolean));

    const [notice] = await camille.waitFor(ambRoom, BOT, (s) => bodyOf(s).includes(`Nouvelle demande #${id}`));
    expect(htmlOf(notice!)).toContain(`!prendre ${id}`);
    await w.turn(camille, ambRoom, `!prendre ${id}`);
    expect(text(other.channel.to('agent-teams'))).toMatch(/Camille Martin, ambassadeur IA, a pris en charge votre demande/);

    await w.turn(camille, ambRoom, `!répondre ${id} Non : ces notes sont internes, utilisez un outil validé par le ministère.`);
    const answer = other.channel.to('agent-teams').at(-1)!;
    expect(answer.text).toMatch(/Réponse de votre ambassadeur IA[\s\S]*ces notes sont internes[\s\S]*— Camille Martin/);
    expect(bodyOf(camille.messagesFrom(ambRoom, BOT).at(-1)!)).toMatch(/Réponse transmise à l’agent/);
  });
});
