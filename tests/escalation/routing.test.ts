import { describe, it, expect } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { escalationHarness, text } from '../helpers/escalation-app.js';
import { parseDirectory, DirectoryError } from '../../src/escalation/directory.js';

const MINUTE = 60_000;

describe('routing by scope', () => {
  it('routes to the ambassadors of the agent’s unit, asked once and remembered', async () => {
    const h = escalationHarness();
    const id = await h.openTicket('agent-rennes', 'Un outil de synthèse vocale pour l’accueil, est-ce possible ?', '35');
    expect((await h.app.stores.tickets.get(id))?.scope).toBe('dept-35');
    expect(h.channel.to('ambassadeur-bretagne').map((r) => r.text).join()).toMatch(new RegExp(`demande #${id}`));
    expect(h.channel.to('ambassadeur-national')).toHaveLength(0);
    // Second request: the unit is not asked again.
    await h.say('agent-rennes', 'Je veux parler à un humain');
    const r = await h.say('agent-rennes', 'Autre question : un outil de traduction pour les usagers étrangers à l’accueil ?');
    expect(text(r)).not.toMatch(/de quelle structure/);
    expect(text(r)).toMatch(/Voici ce qui sera transmis.*Préfecture d'Ille-et-Vilaine/s);
    await h.app.close();
  });

  it('falls back to the national pool when nobody covers the unit (or its region)', async () => {
    const h = escalationHarness();
    const id = await h.openTicket('agent-lyon', 'Un assistant IA pour les rendez-vous en préfecture, est-ce conforme ?', 'Lyon');
    expect((await h.app.stores.tickets.get(id))?.scope).toBe('national');
    expect(h.channel.to('ambassadeur-national').length).toBeGreaterThan(0);
    await h.app.close();
  });

  it('routes a department the directory does not declare through its region, and shows the fallback on the ticket', async () => {
    const h = escalationHarness();
    const id = await h.openTicket('agent-quimper', 'Un outil d’IA pour répondre aux demandes de titres de séjour, est-ce possible ?', 'préfecture du Finistère');
    expect(await h.app.stores.tickets.get(id)).toMatchObject({ scope: 'region-bretagne', unit: 'Préfecture du Finistère', routing: 'fallback' });
    expect(h.channel.to('ambassadeur-bretagne').at(-1)!.text).toContain('Préfecture du Finistère, transmis à Région Bretagne (préfectures) faute d’ambassadeur disponible');
    // An ambassador's transfer is a choice, not a fallback: the ticket then just names the unit.
    await h.say('ambassadeur-bretagne', `transférer ${id} Gironde`);
    expect(await h.app.stores.tickets.get(id)).toMatchObject({ scope: 'national', routing: 'direct' });
    expect(h.channel.to('ambassadeur-national').at(-1)!.text).toMatch(/Structure de l’agent\*\* : Préfecture du Finistère\n/);
    await h.app.close();
  });

  it('skips unavailable ambassadors', async () => {
    const h = escalationHarness();
    const id = await h.openTicket('agent-police', 'Un outil d’aide à la rédaction des procès-verbaux, est-ce envisageable ?', 'police nationale');
    expect((await h.app.stores.tickets.get(id))?.scope).toBe('national');
    expect(h.channel.to('ambassadeur-police')).toHaveLength(0);
    await h.app.close();
  });
});

describe('reminders and hand-over (fake clock)', () => {
  it('reminds the scope after the delay, then hands the ticket over to the national pool', async () => {
    const h = escalationHarness();
    const id = await h.openTicket('agent-35', 'Un logiciel d’IA pour trier les demandes de titres, que dit la charte ?', '35');
    expect(await h.app.escalation.tick()).toEqual({ reminded: 0, handedOver: 0 });
    h.clock.now += 61 * MINUTE;
    expect(await h.app.escalation.tick()).toEqual({ reminded: 1, handedOver: 0 });
    expect(h.channel.to('ambassadeur-bretagne').at(-1)!.text).toMatch(/Rappel/);
    expect(await h.app.escalation.tick()).toEqual({ reminded: 0, handedOver: 0 });
    h.clock.now += 121 * MINUTE;
    expect(await h.app.escalation.tick()).toEqual({ reminded: 0, handedOver: 1 });
    const t = await h.app.stores.tickets.get(id);
    expect(t?.scope).toBe('national');
    expect(t?.escalatedToNational).toBe(true);
    expect(h.channel.to('ambassadeur-national').at(-1)!.text).toMatch(new RegExp(`#${id}`));
    expect(h.channel.to('ambassadeur-national').at(-1)!.text).toContain('Préfecture d\'Ille-et-Vilaine, transmis au pool national faute de prise en charge dans le délai');
    expect(h.channel.to('agent-35').at(-1)!.text).toMatch(/transmise au Pool national/);
    h.clock.now += 500 * MINUTE;
    await h.app.escalation.tick();
    expect((await h.app.stores.tickets.get(id))?.scope).toBe('national');
    await h.app.close();
  });

  it('purges closed tickets after the retention period', async () => {
    const h = escalationHarness({ env: { RETENTION_DAYS: '90' } });
    const id = await h.openTicket('agent-old', 'Une vieille question sur un outil de résumé automatique.');
    await h.say('ambassadeur-national', `prendre ${id}`);
    await h.say('ambassadeur-national', `fermer ${id}`);
    h.clock.now += 89 * 24 * 60 * MINUTE;
    expect((await h.app.escalation.purge()).tickets).toBe(0);
    h.clock.now += 2 * 24 * 60 * MINUTE;
    expect((await h.app.escalation.purge()).tickets).toBe(1);
    expect(await h.app.stores.tickets.get(id)).toBeUndefined();
    await h.app.close();
  });
});

describe('restart', () => {
  it('keeps open tickets across a restart: claim and reply still reach the agent', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'charte-ia-')), 'restart.db');
    const first = escalationHarness({ databasePath: file });
    const id = await first.openTicket('agent-r', 'Notre projet de tri des courriers par IA respecte-t-il la charte ?');
    await first.app.close();

    const second = escalationHarness({ databasePath: file });
    expect(text(await second.say('ambassadeur-national', 'liste'))).toMatch(new RegExp(`#${id}`));
    expect(text(await second.say('ambassadeur-national', `prendre ${id}`))).toMatch(/pris en charge/);
    await second.say('ambassadeur-national', `répondre ${id} Oui, si un agent valide chaque tri.`);
    expect(second.channel.to('agent-r').at(-1)!.text).toMatch(/Réponse de votre ambassadeur IA.*si un agent valide/s);
    await second.app.close();
  });
});

describe('ambassador directory', () => {
  const base = `
national_scope: national
scopes:
  - { id: national, label: Pool national, kind: national }
ambassadors:
  - { id: a, name: A Exemple, identities: { console: amb-a }, scopes: [national] }
`;
  it('loads a valid file', () => {
    expect(parseDirectory(base, 'dir.yaml').ambassadorFor('console', 'amb-a')?.id).toBe('a');
  });
  it('rejects a duplicate identity, an unknown scope and a missing national pool, all at once', () => {
    const bad = `${base}  - { id: b, name: B Exemple, identities: { console: amb-a }, scopes: [nulle-part] }\n`.replace('national_scope: national', 'national_scope: pool');
    try {
      parseDirectory(bad, 'dir.yaml');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DirectoryError);
      const msg = (e as Error).message;
      expect(msg).toMatch(/"amb-a" is already the identity of a/);
      expect(msg).toMatch(/unknown scope "nulle-part"/);
      expect(msg).toMatch(/national_scope: scope "pool" is not declared/);
    }
  });
  it('rejects unknown fields with their path', () => {
    expect(() => parseDirectory(base.replace('kind: national', 'kind: national, salle: 12'), 'dir.yaml')).toThrow(/scopes\.0: Unrecognized key/);
  });
});
