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

  it('erasing one’s data says what stays elsewhere', async () => {
    const h = escalationHarness();
    expect(text(await h.say('agent-s', 'supprimer mes données'))).toMatch(/Les messages déjà remis aux ambassadeurs \(textes masqués\) restent dans leur messagerie/);
    await h.app.close();
  });
});
