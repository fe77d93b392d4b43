import { fileURLToPath } from 'node:url';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import { World, BOT, AMBASSADOR as CAMILLE_ID } from '../matrix/helpers/world.js';
import { bodyOf, htmlOf, waitUntil, type Agent } from '../matrix/helpers/agent.js';
import { openTicket } from '../matrix/helpers/flows.js';
import { AGENT as CLAIRE, AMBASSADOR as PAUL, personalConversation } from '../teams/support/activities.js';
import { TeamsSide, textOf } from './support/teams-side.js';

/**
 * One core, two real channels: the Teams adapter (local mode, fake Bot Connector) and the Matrix
 * adapter (homeserver double, matrix-js-sdk clients). Paul Bernard is an ambassador on Teams only,
 * Camille Martin on Matrix only; a ticket opened on one channel is claimed and answered from the other.
 */

const DIRECTORY = fileURLToPath(new URL('./fixtures/ambassadors.yaml', import.meta.url));
const ALICE_ID = '@alice.dupont:tchap.test';
/** A third party named in the agents' questions: only « [NOM] » may ever leave the agent's side. */
const RAW_NAME = /Karim|BENALI/i;

let w: World;
let teams: TeamsSide;
let alice: Agent;
let aliceDm: string;
let camille: Agent;
let camilleDm: string;

const paulChat = personalConversation(PAUL).id;
const claireChat = personalConversation(CLAIRE).id;
const editedBody = (content: Record<string, unknown>) => String((content['m.new_content'] as { body?: string } | undefined)?.body ?? '');

/** Everything the bot sent on the homeserver, in every room. */
const botEventsOnMatrix = () => [...w.double.model.rooms.keys()].flatMap((room) => w.double.model.events(room, { sender: BOT }));

beforeAll(async () => {
  const app = createApp({ config: loadConfig({}), logger: silentLogger(), watch: false, databasePath: ':memory:', directoryFile: DIRECTORY });
  w = await World.create({ app });
  teams = await TeamsSide.start(app);
  await w.startBot();
  expect(app.router.has('teams') && app.router.has('matrix')).toBe(true);

  // Paul has written once to the bot on Teams: the bot now knows his personal chat.
  expect(await teams.say(PAUL, 'liste')).toBe(200);
  expect(textOf(teams.last(PAUL))).toMatch(/Aucune demande en cours/);
  // Camille has a direct chat with the bot on Matrix and has written there once.
  camille = await w.agent(CAMILLE_ID, 'Camille Martin');
  camilleDm = await camille.directChat(w.double, BOT);
  expect(bodyOf((await w.turn(camille, camilleDm, '!liste'))[0]!)).toMatch(/Aucune demande en cours/);

  alice = await w.agent(ALICE_ID, 'Alice Dupont');
  aliceDm = await alice.directChat(w.double, BOT);
});

afterAll(async () => {
  await teams?.close();
  await w?.close();
});

describe('Teams ↔ Matrix escalation on one core', () => {
  it('a ticket opened by an agent on Matrix is claimed and answered by an ambassador on Teams', async () => {
    const id = await openTicket(w, alice, aliceDm, 'Mon collègue M. Karim BENALI voudrait faire résumer par une IA les comptes rendus de nos réunions de service : est-ce permis ?');
    const ticket = await w.app.stores.tickets.get(id);
    expect(ticket?.agent).toMatchObject({ channel: 'matrix', userId: ALICE_ID, conversationId: aliceDm });
    expect(ticket?.question).toContain('[NOM]');
    // The name really was typed on the agent's side (so the checks below are meaningful).
    expect(JSON.stringify(w.double.model.events(aliceDm, { sender: ALICE_ID }))).toMatch(RAW_NAME);

    // The notice reaches Paul's personal Teams chat, as a new message (not a reply), redacted.
    const isNotice = (text: string) => new RegExp(`Demande #${id}\\b[\\s\\S]*En attente d’un ambassadeur`).test(text);
    await waitUntil(() => teams.chat(PAUL).some((c) => isNotice(textOf(c))), 'notice in Paul’s Teams chat');
    const notice = teams.chat(PAUL).find((c) => isNotice(textOf(c)))!;
    expect(notice.activityId).toBeUndefined();
    expect(textOf(notice)).toContain('[NOM]');
    expect(JSON.stringify(notice.body)).not.toMatch(RAW_NAME);

    // Paul claims it with a Teams message: confirmation to him, notice updated in place (PUT).
    expect(await teams.say(PAUL, `prendre ${id}`)).toBe(200);
    expect(textOf(teams.last(PAUL))).toMatch(new RegExp(`Vous avez pris en charge la demande #${id}`));
    const claimed = teams.connector.updates(paulChat).filter((u) => u.id === notice.id);
    expect(claimed).toHaveLength(1);
    expect(textOf(claimed[0]!)).toMatch(/Prise en charge par Paul Bernard/);
    await alice.waitFor(aliceDm, BOT, (s) => /Paul Bernard, ambassadeur IA, a pris en charge votre demande/.test(bodyOf(s)));
    // Camille, also in the national pool, sees on Matrix that the ticket is taken (her notice edited).
    await waitUntil(() => camille.messagesFrom(camilleDm, BOT).some((s) => /Prise en charge par Paul Bernard/.test(editedBody(s.content))), 'Camille’s notice edited');

    // Paul answers with a Teams message; the answer arrives in Alice's Matrix direct chat.
    expect(await teams.say(PAUL, `répondre ${id} Oui, via MIRAI, le portail du ministère, sans aucune donnée personnelle dans les comptes rendus.`)).toBe(200);
    expect(textOf(teams.last(PAUL))).toMatch(/Réponse transmise à l’agent/);
    const [answer] = await alice.waitFor(aliceDm, BOT, (s) => /Réponse de votre ambassadeur IA/.test(bodyOf(s)));
    expect(bodyOf(answer!)).toMatch(/via MIRAI, le portail du ministère[\s\S]*— Paul Bernard/);
    expect(htmlOf(answer!)).toMatch(/<blockquote>Oui, via MIRAI/);
    const after = await w.app.stores.tickets.get(id);
    expect(after).toMatchObject({ status: 'claimed', claimedBy: 'paul-bernard' });
    expect(after?.deliveryError).toBeUndefined();

    // No raw personal data ever left for Teams (the fake connector saw every byte the bot sent there).
    expect(teams.connector.calls.length).toBeGreaterThan(0);
    expect(JSON.stringify(teams.connector.calls)).not.toMatch(RAW_NAME);
  });

  it('a ticket opened by an agent on Teams is claimed and answered by an ambassador on Matrix', async () => {
    const id = await teams.openTicket(CLAIRE, 'Un prestataire propose d’analyser par IA le dossier disciplinaire de M. Karim BENALI avant la commission : est-ce permis ?', /Pool national/);
    const ticket = await w.app.stores.tickets.get(id);
    expect(ticket?.agent).toMatchObject({ channel: 'teams', userId: CLAIRE.aadObjectId, conversationId: claireChat });
    expect(ticket?.question).toContain('[NOM]');

    // The notice reaches Camille's direct chat on Matrix, redacted, with the command to claim it.
    const [notice] = await camille.waitFor(camilleDm, BOT, (s) => bodyOf(s).includes(`Nouvelle demande #${id}`));
    expect(bodyOf(notice!)).toContain('[NOM]');
    expect(bodyOf(notice!)).toMatch(/En attente d’un ambassadeur/);

    const claim = await w.turn(camille, camilleDm, `!prendre ${id}`);
    expect(claim.map(bodyOf).join('\n')).toMatch(new RegExp(`Vous avez pris en charge la demande #${id}`));
    await waitUntil(() => camille.messagesFrom(camilleDm, BOT).some((s) => /Prise en charge par Camille Martin/.test(editedBody(s.content)) && (s.content['m.relates_to'] as { event_id?: string } | undefined)?.event_id === notice!.eventId), 'Matrix notice edited in place');
    await waitUntil(() => teams.chat(CLAIRE).some((c) => /Camille Martin, ambassadeur IA, a pris en charge votre demande/.test(textOf(c))), 'claim notice to Claire on Teams');
    // Paul's Teams notice of this ticket was updated in place as well.
    const paulNotice = teams.chat(PAUL).find((c) => new RegExp(`Demande #${id}\\b`).test(textOf(c)))!;
    expect(teams.connector.updates(paulChat).some((u) => u.id === paulNotice.id && /Prise en charge par Camille Martin/.test(textOf(u)))).toBe(true);

    const reply = await w.turn(camille, camilleDm, `!répondre ${id} Non : un dossier disciplinaire ne doit jamais être confié à un outil externe ; parlez-en à votre RSSI.`);
    expect(reply.map(bodyOf).join('\n')).toMatch(/Réponse transmise à l’agent/);
    await waitUntil(() => teams.chat(CLAIRE).some((c) => /Réponse de votre ambassadeur IA/.test(textOf(c))), 'answer to Claire on Teams');
    const answer = teams.chat(CLAIRE).filter((c) => /Réponse de votre ambassadeur IA/.test(textOf(c))).at(-1)!;
    expect(answer.activityId).toBeUndefined();
    expect(answer.body.replyToId).toBeUndefined();
    expect(textOf(answer)).toMatch(/jamais être confié à un outil externe[\s\S]*— Camille Martin/);
    const after = await w.app.stores.tickets.get(id);
    expect(after).toMatchObject({ status: 'claimed', claimedBy: 'camille-martin' });
    expect(after?.deliveryError).toBeUndefined();

    // No raw personal data ever left for Matrix: nothing the bot posted there, nothing Camille saw.
    expect(botEventsOnMatrix().length).toBeGreaterThan(0);
    expect(JSON.stringify(botEventsOnMatrix())).not.toMatch(RAW_NAME);
    expect(JSON.stringify([...camille.seen.values()])).not.toMatch(RAW_NAME);
  });
});
