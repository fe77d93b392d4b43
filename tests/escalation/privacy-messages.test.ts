import { describe, it, expect } from 'vitest';
import { escalationHarness, text } from '../helpers/escalation-app.js';

/** What the agent is told about their personal data matches what happens to it (RETENTION_DAYS included). */

describe('privacy messages', () => {
  it('the notice says the data is masked, the raw text neither kept nor forwarded, the masked text kept N days and read by the ambassador', async () => {
    const h = escalationHarness({ env: { RETENTION_DAYS: '30' } });
    const r = text(await h.say('agent-p', 'Puis-je mettre le dossier de Mme Sophie Leroy, 06 12 48 73 90, dans ChatGPT ?'));
    expect(r).toMatch(/je les ai masquées dès réception/);
    expect(r).toMatch(/Le texte d’origine n’est ni enregistré ni transmis/);
    expect(r).toMatch(/Seule la version masquée est gardée, 30 jours au plus/);
    expect(r).toMatch(/c’est elle seule qu’un ambassadeur IA lirait/);
    expect(r).not.toMatch(/je ne les conserve pas/);
    await h.app.close();
  });

  it('the confirmation names the placeholders the ambassadors will read and how long the ticket is kept', async () => {
    const h = escalationHarness({ env: { RETENTION_DAYS: '30' } });
    await h.say('agent-q', 'je veux un ambassadeur');
    await h.say('agent-q', 'M. Karim Benali, joignable au 06 12 48 73 90, voudrait savoir si on peut traiter sa demande avec une IA.');
    const confirm = text(await h.say('agent-q', 'DGEF'));
    expect(confirm).toMatch(/remplacées par \[NOM\], \[TÉLÉPHONE\] : les ambassadeurs ne liront que ce texte masqué/);
    expect(confirm).toMatch(/conservé avec votre demande jusqu’à 30 jours après sa clôture/);
    await h.say('agent-q', 'Envoyer');
    await h.say('ambassadeur-national', 'prendre 1');
    await h.say('ambassadeur-national', 'fermer 1');
    h.clock.now += 31 * 24 * 3_600_000;
    expect((await h.app.escalation.purge()).tickets).toBe(1);
    await h.app.close();
  });

  it('a case with nothing personal is not said to be masked', async () => {
    const h = escalationHarness();
    await h.say('agent-r', 'je veux un ambassadeur');
    await h.say('agent-r', 'Peut-on utiliser un outil de traduction en ligne pour un communiqué déjà publié ?');
    expect(text(await h.say('agent-r', 'DGEF'))).toMatch(/Je n’ai repéré aucune donnée personnelle : relisez/);
    await h.app.close();
  });

  it('erasing one’s data says what stays elsewhere', async () => {
    const h = escalationHarness();
    expect(text(await h.say('agent-s', 'supprimer mes données'))).toMatch(/Les messages déjà remis aux ambassadeurs \(textes masqués\) restent dans leur messagerie/);
    await h.app.close();
  });
});
