import { describe, it, expect } from 'vitest';
import { escalationHarness, text } from '../helpers/escalation-app.js';

const NATIONAL = 'ambassadeur-national';
const NATIONAL_2 = 'ambassadeur-national-2';

describe('escalation lifecycle', () => {
  it('ask → confirm → ticket → claim → reply reaches the agent → follow-up → close → rating', async () => {
    const h = escalationHarness();
    await h.say('agent-1', 'Je veux parler à un humain');
    const unit = await h.say('agent-1', 'Puis-je faire analyser par IA les signalements de M. Karim BENALI, joignable au 06 12 48 73 90 ?');
    expect(text(unit)).toMatch(/de quelle structure/);
    const confirm = await h.say('agent-1', 'national');
    expect(text(confirm)).toMatch(/Voici ce qui sera transmis/);
    expect(text(confirm)).toContain('[NOM]');
    expect(text(confirm)).not.toMatch(/BENALI|06 12 48/);
    const opened = await h.say('agent-1', 'Envoyer');
    expect(text(opened)).toMatch(/demande \*\*#1\*\*/);

    const notices = h.channel.sent.filter((s) => s.ref.conversationId === NATIONAL || s.ref.conversationId === NATIONAL_2);
    expect(notices).toHaveLength(2);
    expect(notices[0]!.reply.card?.actions?.map((a) => a.action?.type)).toEqual(['ticket.claim']);
    expect(JSON.stringify(notices)).not.toMatch(/BENALI|06 12 48/);

    expect(text(await h.say(NATIONAL, '/prendre 1'))).toMatch(/Vous avez pris en charge la demande #1/);
    expect(h.channel.updates.filter((u) => /Prise en charge par/.test(u.reply.text))).toHaveLength(2);
    expect(text(h.channel.to('agent-1'))).toMatch(/a pris en charge votre demande #1/);

    await h.say(NATIONAL, 'répondre 1 Passez par une application métier ; un agent valide chaque décision.');
    const answer = h.channel.to('agent-1').at(-1)!;
    expect(answer.text).toMatch(/Réponse de votre ambassadeur IA/);
    expect(answer.text).toMatch(/application métier/);

    const next = await h.say('agent-1', 'Et si les signalements concernent des mineurs, est-ce la même chose ?');
    const attach = next.at(-1)!.choices!.find((c) => c.action?.type === 'ticket.attach');
    expect(attach?.label).toMatch(/#1/);
    expect(text(await h.press('agent-1', attach!.action!))).toMatch(/ajouté à la demande #1/);
    expect(h.channel.to(NATIONAL).at(-1)!.text).toMatch(/Message de l’agent.*#1/s);

    expect(text(await h.say(NATIONAL, 'fermer 1 faq'))).toMatch(/close.*FAQ/s);
    expect(await h.app.stores.drafts.list()).toEqual([expect.objectContaining({ ticketId: 1, answer: expect.stringMatching(/application métier/) })]);
    const rating = h.channel.to('agent-1').at(-1)!;
    expect(rating.choices).toHaveLength(5);
    expect(text(await h.press('agent-1', rating.choices![4]!.action!))).toMatch(/5\/5/);
    expect((await h.app.stores.tickets.get(1))?.rating).toBe(5);
    expect(text(await h.say('agent-1', 'mes demandes'))).toMatch(/#1 — Close/);
    await h.app.close();
  });

  it('lets exactly one of two racing ambassadors claim', async () => {
    const h = escalationHarness();
    const id = await h.openTicket('agent-2', 'Notre direction veut tester un assistant de rédaction, à qui demander ?');
    const [a, b] = await Promise.all([h.say(NATIONAL, `prendre ${id}`), h.say(NATIONAL_2, `prendre ${id}`)]);
    const wins = [a, b].filter((r) => /Vous avez pris en charge/.test(text(r)));
    const losses = [a, b].filter((r) => /déjà prise en charge par/.test(text(r)));
    expect(wins).toHaveLength(1);
    expect(losses).toHaveLength(1);
    await h.app.close();
  });

  it('refuses ambassador commands to non-members, and lets an agent see only their own tickets', async () => {
    const h = escalationHarness();
    const id = await h.openTicket('agent-3', 'Un prestataire propose un outil de transcription, que faire ?');
    expect(text(await h.say('agent-4', `prendre ${id}`))).toMatch(/réservée aux ambassadeurs/);
    expect(text(await h.say('agent-4', 'mes demandes'))).toMatch(/aucune demande/);
    expect(text(await h.press('agent-4', { type: 'ticket.rate', value: String(id), data: { rating: 1 } }))).toMatch(/Je ne trouve pas de demande/);
    expect(text(await h.press('agent-4', { type: 'ticket.claim', value: String(id) }))).toMatch(/réservée aux ambassadeurs/);
    await h.app.close();
  });

  it('answers bad ticket commands with clear messages', async () => {
    const h = escalationHarness();
    const id = await h.openTicket('agent-5', 'Comment évaluer un outil de traduction proposé par un éditeur ?');
    expect(text(await h.say(NATIONAL, 'prendre 999'))).toMatch(/n’existe pas/);
    expect(text(await h.say(NATIONAL, `répondre ${id} Bonjour`))).toMatch(/Prenez d’abord/);
    expect(text(await h.say(NATIONAL, 'prendre'))).toMatch(/Il manque le numéro/);
    await h.say(NATIONAL, `prendre ${id}`);
    expect(text(await h.say(NATIONAL_2, `répondre ${id} Je réponds aussi`))).toMatch(/seul cet ambassadeur peut y répondre/);
    expect(text(await h.say(NATIONAL, `répondre ${id}`))).toMatch(/Écrivez votre réponse/);
    expect(text(await h.say(NATIONAL, `répondre ${id} ${'x'.repeat(20_000)}`))).toMatch(/trop longue \(20000 caractères/);
    expect((await h.app.stores.tickets.messages(id)).filter((m) => m.author === 'ambassador')).toHaveLength(0);
    expect(text(await h.say(NATIONAL, `transférer ${id} atlantide`))).toMatch(/Je ne connais pas le périmètre « atlantide »/);
    expect(text(await h.say(NATIONAL, `fermer ${id}`))).toMatch(/close/);
    expect(text(await h.say(NATIONAL_2, `prendre ${id}`))).toMatch(/déjà close/);
    expect(text(await h.say(NATIONAL, `fermer ${id}`))).toMatch(/déjà close/);
    await h.app.close();
  });

  it('records a delivery failure on the ticket instead of retrying, and tells the ambassador', async () => {
    const h = escalationHarness();
    const id = await h.openTicket('agent-gone', 'Peut-on évaluer un outil d’aide à la rédaction des courriers ?');
    await h.say(NATIONAL, `prendre ${id}`);
    h.channel.failing.set('agent-gone', 403);
    expect(text(await h.say(NATIONAL, `répondre ${id} Voici ma réponse.`))).toMatch(/n’a pas pu être remise/);
    expect((await h.app.stores.tickets.get(id))?.deliveryError).toMatch(/test 403/);
    await h.app.close();
  });

  it('erases an agent’s data after confirmation', async () => {
    const h = escalationHarness();
    await h.openTicket('agent-6', 'Une question sur un projet d’IA de mon service, à examiner.');
    expect(text(await h.say('agent-6', 'supprimer mes données'))).toMatch(/Confirmez-vous/);
    expect(text(await h.say('agent-6', 'oui'))).toMatch(/effacées \(1 demande/);
    expect(await h.app.stores.tickets.listByAgent('test', 'agent-6')).toEqual([]);
    expect(await h.app.escalation.unitOf('test', 'agent-6')).toBeUndefined();
    await h.app.close();
  });
});
