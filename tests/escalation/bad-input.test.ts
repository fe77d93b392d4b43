import { describe, it, expect } from 'vitest';
import { escalationHarness, text, type EscalationHarness } from '../helpers/escalation-app.js';

/**
 * What agents and ambassadors do wrong during a hand-off: a clear French answer every time, nothing
 * the agent wrote about the case is lost, no raw personal data ever reaches an ambassador.
 */

const NATIONAL = 'ambassadeur-national';
const QUESTION = 'Peut-on faire transcrire les réunions du service par une IA en ligne ?';

async function untilUnit(h: EscalationHarness, user: string): Promise<void> {
  await h.say(user, 'je veux un ambassadeur');
  expect(text(await h.say(user, QUESTION))).toMatch(/de quelle structure/);
}

const storedText = async (h: EscalationHarness) => JSON.stringify(await h.app.stores.tickets.listActive());

describe('a unit answer of 2,000 characters', () => {
  it('is never read as a unit, says why without echoing it, and keeps the question', async () => {
    const h = escalationHarness();
    await untilUnit(h, 'agent-1');
    const pasted = 'préfecture du Rhône, '.repeat(100).slice(0, 2_000);
    const r = await h.say('agent-1', pasted);
    expect(text(r)).toMatch(/trop long pour être un nom de structure \(2\s000 caractères\)/);
    expect(text(r)).not.toContain(pasted.slice(0, 100));
    expect(r[0]!.choices?.map((c) => c.label)).toContain('Je ne sais pas');
    const confirm = await h.say('agent-1', '69');
    expect(text(confirm)).toContain(`> ${QUESTION}`);
    expect(text(confirm)).not.toContain('préfecture du Rhône, préfecture');
    await h.app.close();
  });

  it('is kept with the case when it is one (and the unit asked again)', async () => {
    const h = escalationHarness();
    await untilUnit(h, 'agent-2');
    const described = [
      'Le prestataire propose de stocker les enregistrements des réunions pendant un an sur ses serveurs, situés hors de France,',
      'et de les réutiliser pour améliorer son modèle de reconnaissance vocale. Notre chef de service souhaite signer rapidement',
      'parce que la transcription manuelle des comités prend deux jours par mois à une secrétaire. Les réunions concernées sont',
      'les comités de direction, les réunions avec les associations partenaires et parfois des entretiens de recrutement, où les',
      'candidats parlent de leur parcours, de leur santé ou de leur situation familiale. Le contrat type ne mentionne ni la durée',
      'de conservation exacte, ni la possibilité de supprimer un enregistrement à la demande, ni le lieu précis d’hébergement.',
      'Le prestataire affirme que ses serveurs sont certifiés, sans préciser par quel organisme. Aucune analyse d’impact n’a été',
      'faite, et le délégué à la protection des données n’a pas encore été consulté. Un collègue suggère d’utiliser plutôt l’outil',
      'de transcription proposé sur le portail du ministère, mais personne ne sait s’il accepte des fichiers audio de plus d’une',
      'heure, ni s’il sait distinguer les intervenants. Nous voudrions savoir si ce projet est compatible avec la charte, quelles',
      'précautions prendre si nous le poursuivons, à qui présenter le dossier avant la signature, et s’il existe déjà dans un autre',
      'service une solution validée que nous pourrions reprendre. Faut-il exclure les entretiens de recrutement du périmètre, et',
      'comment informer les participants que la réunion est enregistrée puis transcrite automatiquement par un logiciel externe ?',
      'Enfin, que faire des enregistrements déjà réalisés pendant la période d’essai gratuite proposée par ce prestataire le mois dernier ?',
      'Nous avons aussi reçu une offre concurrente, moins chère, dont l’hébergement serait en France mais qui demande un accès',
      'permanent à notre messagerie pour planifier les réunions : cela change-t-il l’analyse, et faut-il en parler au comité social ?',
    ].join(' ');
    expect(described.length).toBeGreaterThan(1_950);
    const r = await h.say('agent-2', described);
    expect(text(r)).toMatch(/J’ai ajouté ce message à votre question\.[\s\S]*de quelle structure/);
    const confirm = await h.say('agent-2', 'DGEF');
    expect(text(confirm)).toContain(`> ${QUESTION}\n> ${described}`);
    await h.app.close();
  });
});

describe('a case that is only a phone number', () => {
  it('is masked, not kept, and the case asked again', async () => {
    const h = escalationHarness();
    await h.say('agent-3', 'je veux un ambassadeur');
    const r = await h.say('agent-3', '06 12 48 73 90');
    expect(text(r)).toMatch(/ne contenait que des données personnelles \(un numéro de téléphone\), que j’ai masquées : il n’y a rien à transmettre/);
    expect(text(r)).toMatch(/Décrivez votre question ou votre situation/);
    expect(text(r)).not.toMatch(/06 12 48/);
    await h.say('agent-3', QUESTION);
    const confirm = await h.say('agent-3', 'national');
    expect(text(confirm)).not.toContain('[TÉLÉPHONE]');
    await h.say('agent-3', 'Envoyer');
    expect(await storedText(h)).not.toMatch(/TÉLÉPHONE|06 12 48/);
    await h.app.close();
  });

  it('given as the unit, gets the same answer and the unit asked again', async () => {
    const h = escalationHarness();
    await untilUnit(h, 'agent-4');
    const r = await h.say('agent-4', 'Mon numéro : 06 12 48 73 90');
    expect(text(r)).toMatch(/ne contenait que des données personnelles[\s\S]*de quelle structure/);
    await h.app.close();
  });
});

describe('an agent who cancels midway and starts again', () => {
  it.each(['annuler', 'non', 'laisse tomber'])('« %s » drops the hand-off; the next one starts afresh', async (word) => {
    const h = escalationHarness();
    await untilUnit(h, 'agent-5');
    expect(text(await h.say('agent-5', word))).toMatch(/je ne transmets rien|j’abandonne la question en cours/);
    expect(await h.app.stores.tickets.listByAgent('test', 'agent-5')).toEqual([]);
    const again = await h.say('agent-5', 'je veux un ambassadeur');
    expect(text(again)).toMatch(/Décrivez votre question ou votre situation/);
    expect(text(again)).not.toContain(QUESTION);
    await h.say('agent-5', 'Un outil de traduction automatique pour l’accueil des usagers, est-ce possible ?');
    const confirm = await h.say('agent-5', 'DGEF');
    expect(text(confirm)).not.toContain(QUESTION);
    await h.app.close();
  });

  it('the Annuler button works at every step, and a stale Envoyer button opens nothing', async () => {
    const h = escalationHarness();
    const ask = await h.say('agent-6', 'je veux un ambassadeur');
    const cancel = ask[0]!.choices!.find((c) => c.label === 'Annuler')!.action!;
    expect(text(await h.press('agent-6', cancel))).toMatch(/je ne transmets rien/);
    await untilUnit(h, 'agent-6');
    const confirm = await h.say('agent-6', 'DGEF');
    const sendButton = confirm.at(-1)!.choices!.find((c) => c.label === 'Envoyer')!.action!;
    await h.press('agent-6', confirm.at(-1)!.choices!.find((c) => c.label === 'Annuler')!.action!);
    expect(text(await h.press('agent-6', sendButton))).toMatch(/n’est plus actif/);
    expect(await h.app.stores.tickets.listByAgent('test', 'agent-6')).toEqual([]);
    await h.app.close();
  });
});

describe('an ambassador replying to a ticket closed meanwhile', () => {
  it('is told who closed it and when, gets the answer back, and the agent receives nothing', async () => {
    const h = escalationHarness();
    const id = await h.openTicket('agent-7', QUESTION);
    await h.say(NATIONAL, `prendre ${id}`);
    await h.say(NATIONAL, `fermer ${id}`);
    const before = h.channel.to('agent-7').length;
    const r = await h.say(NATIONAL, `répondre ${id} Oui, avec l’outil de transcription validé par le ministère.`);
    expect(text(r)).toMatch(new RegExp(`La demande #${id} a été close entre-temps par vous le 28 novembre à 10:00 : votre réponse n’a pas été transmise à l’agent`));
    expect(text(r)).toContain('> Oui, avec l’outil de transcription validé par le ministère.');
    expect(h.channel.to('agent-7')).toHaveLength(before);
    expect((await h.app.stores.tickets.messages(id)).filter((m) => m.author === 'ambassador')).toEqual([]);
    expect(text(await h.say('ambassadeur-national-2', `répondre ${id} Je complète.`))).toMatch(/close entre-temps par Camille Exemple/);
    await h.app.close();
  });

  it('erased meanwhile at the agent’s request: the same, without a ticket', async () => {
    const h = escalationHarness();
    const id = await h.openTicket('agent-8', QUESTION);
    await h.say(NATIONAL, `prendre ${id}`);
    await h.say('agent-8', 'supprimer mes données');
    await h.say('agent-8', 'oui');
    const r = await h.say(NATIONAL, `répondre ${id} Voici ma réponse.`);
    expect(text(r)).toMatch(new RegExp(`La demande #${id} n’existe pas ou a été effacée[\\s\\S]*> Voici ma réponse\\.`));
    await h.app.close();
  });
});

describe('no raw personal data reaches an ambassador', () => {
  it('across a hand-off with names and numbers in every message', async () => {
    const h = escalationHarness();
    await h.say('agent-9', 'je veux un ambassadeur, je suis M. Julien Roux');
    await h.say('agent-9', 'Mme Sophie Leroy (06 12 48 73 90, sophie.leroy@example.fr) demande si on peut utiliser ChatGPT pour son dossier.');
    await h.say('agent-9', 'Elle est née le 12/03/1980.');
    await h.say('agent-9', 'préfecture du Rhône');
    await h.say('agent-9', 'Envoyer');
    await h.say(NATIONAL, 'prendre 1');
    const sent = JSON.stringify([h.channel.sent, h.channel.updates, await storedText(h)]);
    expect(sent).toMatch(/\[NOM\]/);
    expect(sent).not.toMatch(/Roux|Leroy|06 12 48|sophie\.leroy|12\/03\/1980/);
    await h.app.close();
  });
});
