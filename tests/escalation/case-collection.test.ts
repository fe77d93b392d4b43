import { describe, it, expect } from 'vitest';
import { escalationHarness, text, type EscalationHarness } from '../helpers/escalation-app.js';
import type { Reply } from '../../src/types.js';

/**
 * The case is collected, not assumed: whatever the agent writes about it before confirming is kept,
 * in order, and the confirmation quotes exactly the masked text the ticket will hold.
 */

const NATIONAL = 'ambassadeur-national';
const CASE = 'Mme Sophie Martin m’a appelé au 06 12 48 73 90 : elle demande si le service peut utiliser ChatGPT pour rédiger la réponse à son recours.';
const MASKED = 'Mme [NOM] m’a appelé au [TÉLÉPHONE] : elle demande si le service peut utiliser ChatGPT pour rédiger la réponse à son recours.';
const RAW = /Sophie|Martin|06 12 48|73 90/;

/** The quoted lines of the confirmation: what will be sent. */
function quoted(replies: Reply[]): string {
  const confirm = replies.find((r) => /Voici ce qui sera transmis/.test(r.text))!;
  return confirm.text
    .split('\n')
    .filter((l) => l.startsWith('> '))
    .map((l) => l.slice(2))
    .join('\n');
}

async function send(h: EscalationHarness, user: string): Promise<number> {
  const r = await h.say(user, 'Envoyer');
  const m = /\*\*#(\d+)\*\*/.exec(text(r));
  if (!m) throw new Error(`no ticket: ${text(r)}`);
  return Number(m[1]);
}

function everythingSent(h: EscalationHarness): string {
  return JSON.stringify([h.channel.sent, h.channel.updates]);
}

describe('a bare request for a person asks for the case', () => {
  it.each([
    'j’aimerais l’avis d’un ambassadeur IA sur un cas précis',
    'Bonjour, j’aimerais avoir l’avis d’un ambassadeur IA sur un cas précis',
    'je veux un ambassadeur',
    'Je souhaiterais être mis en relation avec un ambassadeur IA, s’il vous plaît',
  ])('« %s » → « Décrivez votre question ou votre situation », then the case is the question', async (request) => {
    const h = escalationHarness();
    const first = await h.say('agent-a', request);
    expect(text(first)).toMatch(/Décrivez votre question ou votre situation/);
    expect(text(first)).not.toMatch(/de quelle structure/);
    const unit = await h.say('agent-a', CASE);
    expect(text(unit)).toMatch(/de quelle structure/);
    const confirm = await h.say('agent-a', 'préfecture du Rhône');
    expect(quoted(confirm)).toBe(MASKED);
    expect(text(confirm)).toMatch(/Votre structure\*\* : Préfecture du Rhône\. Aucun ambassadeur n’y est disponible.*pool national/);
    const id = await send(h, 'agent-a');
    const ticket = await h.app.stores.tickets.get(id);
    expect(ticket).toMatchObject({ question: MASKED, scope: 'national', unit: 'Préfecture du Rhône', routing: 'fallback' });
    expect(h.channel.to(NATIONAL).at(-1)!.text).toContain('Préfecture du Rhône, transmis au pool national faute d’ambassadeur disponible');
    expect(everythingSent(h)).not.toMatch(RAW);
    await h.app.close();
  });

  it('a greeting before the request is not taken for the question', async () => {
    const h = escalationHarness();
    await h.say('agent-b', 'Bonjour');
    const r = text(await h.say('agent-b', 'je veux un ambassadeur'));
    expect(r).toMatch(/Décrivez votre question ou votre situation/);
    expect(r).not.toMatch(/question précédente|> Bonjour/);
    await h.app.close();
  });

  it('offers the question asked just before, and uses it only if the agent says so', async () => {
    const h = escalationHarness();
    await h.say('agent-c', 'Puis-je utiliser ChatGPT pour rédiger une note interne ?');
    const offer = await h.say('agent-c', 'je veux parler à un humain');
    expect(text(offer)).toMatch(/S’agit-il de votre question précédente \?\n\n> Puis-je utiliser ChatGPT pour rédiger une note interne \?/);
    const other = await h.say('agent-c', 'En fait, c’est pour la transcription automatique des réunions de mon service.');
    expect(text(other)).toMatch(/de quelle structure/);
    expect(quoted(await h.say('agent-c', 'DGEF'))).toBe('En fait, c’est pour la transcription automatique des réunions de mon service.');

    await h.say('agent-d', 'Puis-je utiliser ChatGPT pour rédiger une note interne ?');
    const offered = await h.say('agent-d', 'je veux parler à un humain');
    await h.press('agent-d', offered[0]!.choices!.find((c) => c.label === 'Transmettre cette question')!.action!);
    const confirm = await h.say('agent-d', 'DGEF');
    expect(quoted(confirm)).toBe('Puis-je utiliser ChatGPT pour rédiger une note interne ?');
    expect(text(confirm)).toMatch(/_Contexte : verdict de l’assistant/);
    await h.app.close();
  });
});

describe('the unit and the case, in whichever order the agent gives them', () => {
  it('the unit first: noted, then the case is asked', async () => {
    const h = escalationHarness();
    await h.say('agent-e', 'je veux un ambassadeur');
    const noted = await h.say('agent-e', 'pref 69');
    expect(text(noted)).toMatch(/C’est noté : Préfecture du Rhône\.[\s\S]*Décrivez votre question ou votre situation/);
    const confirm = await h.say('agent-e', CASE);
    expect(text(confirm)).not.toMatch(/de quelle structure/);
    expect(quoted(confirm)).toBe(MASKED);
    await h.app.close();
  });

  it('a unit named with the request itself', async () => {
    const h = escalationHarness();
    const r = await h.say('agent-f', 'Bonjour, je voudrais parler à un ambassadeur de la préfecture d’Ille-et-Vilaine');
    expect(text(r)).toMatch(/C’est noté : Préfecture d'Ille-et-Vilaine\.[\s\S]*Décrivez votre question/);
    await h.app.close();
  });

  it('a case written while the unit is awaited is kept as the question, and the unit asked again', async () => {
    const h = escalationHarness();
    await h.say('agent-g', 'Je veux parler à un humain');
    await h.say('agent-g', 'Notre service veut tester un outil de transcription des réunions.');
    const again = await h.say('agent-g', 'Il serait fourni par un prestataire, avec un hébergement hors de l’Union européenne : est-ce possible ?');
    expect(text(again)).toMatch(/J’ai ajouté ce message à votre question\.[\s\S]*de quelle structure/);
    const confirm = await h.say('agent-g', 'DDETS du Rhône');
    expect(quoted(confirm)).toBe(
      'Notre service veut tester un outil de transcription des réunions.\nIl serait fourni par un prestataire, avec un hébergement hors de l’Union européenne : est-ce possible ?',
    );
    const id = await send(h, 'agent-g');
    expect((await h.app.stores.tickets.get(id))?.question).toBe(quoted(confirm));
    await h.app.close();
  });

  it('keeps every message before confirmation, in order, the confirmation showing exactly the ticket', async () => {
    const h = escalationHarness();
    await h.say('agent-h', 'je veux un ambassadeur');
    expect(text(await h.say('agent-h', 'DeepL'))).toMatch(/Pouvez-vous préciser/);
    await h.say('agent-h', 'pour traduire le courrier d’un usager, est-ce autorisé ?');
    await h.say('agent-h', '35');
    const more = await h.say('agent-h', 'Le courrier contient aussi l’adresse de M. Paul Girard.');
    expect(text(more)).toMatch(/J’ai ajouté ce message à votre demande/);
    const shown = quoted(more);
    expect(shown.split('\n')).toEqual(['DeepL', 'pour traduire le courrier d’un usager, est-ce autorisé ?', 'Le courrier contient aussi l’adresse de M. [NOM].']);
    const id = await send(h, 'agent-h');
    expect((await h.app.stores.tickets.get(id))?.question).toBe(shown);
    expect(h.channel.to('ambassadeur-bretagne').at(-1)!.text).toContain(shown.split('\n').map((l) => `> ${l}`).join('\n'));
    await h.app.close();
  });

  it('« humain » typed while the case is collected does not start over', async () => {
    const h = escalationHarness();
    await h.say('agent-i', 'je veux un ambassadeur');
    await h.say('agent-i', 'Un collègue veut faire résumer ses comptes rendus par une IA en ligne.');
    expect(text(await h.say('agent-i', 'humain'))).toMatch(/de quelle structure/);
    expect(quoted(await h.say('agent-i', 'national'))).toBe('Un collègue veut faire résumer ses comptes rendus par une IA en ligne.');
    await h.app.close();
  });

  it('changes the unit at the confirmation, and starts the question over on « Modifier la question »', async () => {
    const h = escalationHarness();
    await h.say('agent-j', 'je veux un ambassadeur');
    await h.say('agent-j', 'Peut-on utiliser un outil d’IA pour classer les mails du service ?');
    await h.say('agent-j', 'DGEF');
    const moved = await h.say('agent-j', 'je suis à la préfecture d’Ille-et-Vilaine');
    expect(text(moved)).toMatch(/C’est noté : Préfecture d'Ille-et-Vilaine[\s\S]*Voici ce qui sera transmis aux ambassadeurs IA \(Préfecture d'Ille-et-Vilaine\)/);
    expect(text(await h.say('agent-j', 'Modifier la question'))).toMatch(/j’efface le texte ci-dessus[\s\S]*Décrivez votre question/);
    expect(quoted(await h.say('agent-j', 'Peut-on utiliser un outil d’IA pour trier les courriels entrants ?'))).toBe('Peut-on utiliser un outil d’IA pour trier les courriels entrants ?');
    await h.app.close();
  });

  it('« je ne sais pas » goes to the national pool, says so on the ticket, and is not remembered', async () => {
    const h = escalationHarness();
    await h.say('agent-k', 'je veux un ambassadeur');
    await h.say('agent-k', 'Peut-on utiliser un outil d’IA pour préparer les comptes rendus de réunion ?');
    const confirm = await h.say('agent-k', 'je ne sais pas');
    expect(text(confirm)).toMatch(/Structure non précisée : votre demande ira au pool national/);
    const id = await send(h, 'agent-k');
    expect(await h.app.stores.tickets.get(id)).toMatchObject({ scope: 'national', routing: 'unknown' });
    expect(h.channel.to(NATIONAL).at(-1)!.text).toMatch(/Structure de l’agent\*\* : non précisée par l’agent, transmis au pool national/);
    await h.say('agent-k', 'je veux un ambassadeur');
    expect(text(await h.say('agent-k', 'Une autre question : un outil de traduction pour l’accueil des usagers ?'))).toMatch(/de quelle structure/);
    await h.app.close();
  });
});
