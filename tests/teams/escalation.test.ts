import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { AGENT, AMBASSADOR, cardSubmit, channelMessage, personalConversation, personalInstall, personalMessage, type TeamsUser } from './support/activities.js';
import { buttonData, cardOf, cardProblems, cardText } from './support/cards.js';
import { teamsRig, type TeamsRig } from './support/teams-app.js';
import type { ConnectorCall } from './support/fake-connector.js';
import { DeliveryError } from '../../src/types.js';

/**
 * An agent asks for a human in Teams; the ambassador (directory identity = AAD object id) gets the
 * notice in their personal chat, claims it with the card button, answers with the card's reply box;
 * the answer reaches the agent proactively and the notice changes in place.
 */

let rig: TeamsRig;
let url: string;
const agentChat = personalConversation(AGENT).id;
const ambassadorChat = personalConversation(AMBASSADOR).id;

const last = (calls: ConnectorCall[]) => calls.at(-1)!;
const textOf = (call: ConnectorCall) => cardText(cardOf(call.body));

async function press(user: TeamsUser, call: ConnectorCall, title: RegExp, extra: Record<string, unknown> = {}): Promise<number> {
  const data = buttonData(cardOf(call.body), title);
  if (!data) throw new Error(`no button ${title} in: ${textOf(call)}`);
  return (await rig.post(cardSubmit(url, user, { ...data, ...extra }, call.id))).status;
}

async function openTicket(agent: TeamsUser, question: string, unit: RegExp): Promise<number> {
  const chat = personalConversation(agent).id;
  await rig.post(personalMessage(url, agent, 'Je veux parler à un humain'));
  await rig.post(personalMessage(url, agent, question));
  // The unit is asked once per agent, then remembered.
  if (/de quelle structure/.test(textOf(last(rig.connector.posted(chat))))) expect(await press(agent, last(rig.connector.posted(chat)), unit)).toBe(200);
  expect(textOf(last(rig.connector.posted(chat)))).toMatch(/Voici ce qui sera transmis/);
  expect(await press(agent, last(rig.connector.posted(chat)), /^Envoyer$/)).toBe(200);
  const m = /#(\d+)/.exec(textOf(last(rig.connector.posted(chat))));
  if (!m) throw new Error('no ticket');
  return Number(m[1]);
}

beforeAll(async () => {
  rig = await teamsRig();
  url = rig.connector.url;
  // The ambassador installed the app: the bot now knows their personal chat.
  expect((await rig.post(personalInstall(url, AMBASSADOR))).status).toBe(200);
});
afterAll(async () => rig.close());

describe('Teams escalation, end to end over HTTP', () => {
  it('notice → claim (updated in place) → reply delivered proactively → close (updated again) → rating', async () => {
    const id = await openTicket(AGENT, 'Puis-je faire résumer par une IA les comptes rendus de réunion de mon service ?', /Pool national/);

    const notice = rig.connector.posted(ambassadorChat).find((c) => /Demande #/.test(textOf(c)))!;
    expect(notice.activityId).toBeUndefined();
    expect(cardProblems(cardOf(notice.body))).toEqual([]);
    expect(textOf(notice)).toMatch(new RegExp(`Demande #${id}[\\s\\S]*En attente d’un ambassadeur`));

    expect(await press(AMBASSADOR, notice, /^Prendre$/)).toBe(200);
    const claimed = last(rig.connector.updates(ambassadorChat));
    expect(claimed.id).toBe(notice.id);
    expect(textOf(claimed)).toMatch(/Prise en charge par Paul Bernard/);
    expect(buttonData(cardOf(claimed.body), /^Prendre$/)).toBeUndefined();
    expect(textOf(last(rig.connector.posted(ambassadorChat)))).toMatch(new RegExp(`Vous avez pris en charge la demande #${id}`));
    expect(textOf(last(rig.connector.posted(agentChat)))).toMatch(/a pris en charge votre demande/);

    expect(await press(AMBASSADOR, claimed, /Envoyer la réponse/, { charteIaText: 'Utilisez MIRAI, le portail du ministère, sans données personnelles.' })).toBe(200);
    const answer = last(rig.connector.posted(agentChat));
    expect(answer.activityId).toBeUndefined();
    expect(answer.body.replyToId).toBeUndefined();
    expect(textOf(answer)).toMatch(/Réponse de votre ambassadeur IA[\s\S]*Utilisez MIRAI/);
    expect(textOf(last(rig.connector.posted(ambassadorChat)))).toMatch(/Réponse transmise à l’agent/);

    expect(await press(AMBASSADOR, claimed, /^Fermer$/)).toBe(200);
    const closed = last(rig.connector.updates(ambassadorChat));
    expect(closed.id).toBe(notice.id);
    expect(textOf(closed)).toMatch(/État: Close/);
    expect(cardOf(closed.body).actions).toBeUndefined();
    const rating = last(rig.connector.posted(agentChat));
    expect(textOf(rating)).toMatch(/Notez-la de 1 à 5/);
    expect(await press(AGENT, rating, /★★★★★/)).toBe(200);
    expect((await rig.app.stores.tickets.get(id))?.rating).toBe(5);
  });

  it('refuses forged card actions politely: a non-ambassador claiming, an unknown ticket', async () => {
    const id = await openTicket(AGENT, 'Un prestataire nous propose un outil de transcription, que faire ?', /Pool national/);
    await rig.post(cardSubmit(url, AGENT, { charteIa: { type: 'ticket.claim', value: String(id) } }));
    expect(textOf(last(rig.connector.posted(agentChat)))).toMatch(/réservée aux ambassadeurs/);
    await rig.post(cardSubmit(url, AMBASSADOR, { charteIa: { type: 'ticket.claim', value: '9999' } }));
    expect(textOf(last(rig.connector.posted(ambassadorChat)))).toMatch(/n’existe pas/);
    await rig.post(cardSubmit(url, AGENT, { charteIa: { type: 'ticket.rate', value: String(id), data: { rating: 1 } } }));
    expect(textOf(last(rig.connector.posted(agentChat)))).toMatch(/n’est pas encore close|Je ne trouve pas/);
    expect((await rig.app.stores.tickets.get(id))?.status).toBe('open');
  });

  it('records a 403 from the connector on the ticket instead of retrying', async () => {
    const gone: TeamsUser = { id: '29:1agent-gone', name: 'Agent Parti', aadObjectId: 'd2b6f1a0-0000-4000-8000-000000000403' };
    const id = await openTicket(gone, 'Peut-on évaluer un outil d’aide à la rédaction des courriers ?', /Pool national/);
    const notice = rig.connector.posted(ambassadorChat).filter((c) => new RegExp(`Demande #${id}`).test(textOf(c))).at(-1)!;
    await press(AMBASSADOR, notice, /^Prendre$/);
    const claimed = last(rig.connector.updates(ambassadorChat).filter((u) => u.id === notice.id));
    rig.connector.failing.set(personalConversation(gone).id, 403);
    const before = rig.connector.calls.length;
    await press(AMBASSADOR, claimed, /Envoyer la réponse/, { charteIaText: 'Voici ma réponse.' });
    expect(textOf(last(rig.connector.posted(ambassadorChat)))).toMatch(/n’a pas pu être remise/);
    expect((await rig.app.stores.tickets.get(id))?.deliveryError).toMatch(/^teams 403: /);
    // One attempt only, refused, never retried.
    const attempts = rig.connector.calls.slice(before).filter((c) => c.conversationId === personalConversation(gone).id);
    expect(attempts.map((c) => c.refused)).toEqual([403]);
  });

  it('posts the notice in the scope’s Teams channel once the bot has been mentioned there', async () => {
    const room = '19:ambassadeurs-dgpn@thread.tacv2';
    await rig.post(channelMessage(url, AMBASSADOR, 'aide', true, room));
    const agent: TeamsUser = { id: '29:1agent-police', name: 'Lucie Petit', aadObjectId: 'e3c7a2b1-0000-4000-8000-0000000000aa' };
    const id = await openTicket(agent, 'Peut-on utiliser une IA pour trier les mains courantes anonymisées ?', /police nationale/);
    const inRoom = rig.connector.posted(room);
    expect(inRoom).toHaveLength(1);
    expect(textOf(inRoom[0]!)).toMatch(new RegExp(`Demande #${id} — Direction générale de la police nationale`));
    expect(inRoom[0]!.body.conversation).toMatchObject({ id: room, conversationType: 'channel' });
    expect(JSON.stringify(inRoom[0]!.body)).not.toMatch(/Paul Bernard|aadObjectId/);
  });

  it('turns connector refusals and unknown conversations into DeliveryError (no retry)', async () => {
    const ref = (await rig.app.stores.refs.get('teams', AGENT.aadObjectId!))!;
    rig.connector.failing.set(ref.conversationId, 404);
    const gone = rig.teams.send(ref, { text: 'Message de test.' });
    await expect(gone).rejects.toBeInstanceOf(DeliveryError);
    await expect(gone).rejects.toMatchObject({ status: 404 });
    await expect(rig.teams.update(ref, 'activity-1', { text: 'Message de test.' })).rejects.toMatchObject({ status: 404 });
    rig.connector.failing.delete(ref.conversationId);
    await expect(rig.teams.send({ channel: 'teams', conversationId: '19:inconnu@thread.tacv2' }, { text: 'x' })).rejects.toThrow(/no reference for conversation/);
    expect(await rig.teams.send(ref, { text: 'Message de test.' })).toMatch(/^activity-\d+$/);
  });
});
