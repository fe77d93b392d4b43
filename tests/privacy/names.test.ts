import { describe, expect, it } from 'vitest';
import { createPrivacyShield } from '../../src/privacy/shield.js';
import { valuesOf } from './helpers.js';

const names = (text: string): string[] => valuesOf('person_name', text);

describe('person names after a civility', () => {
  it('keeps the civility outside the span', () => {
    expect(names('Bonjour, pouvez-vous rappeler M. Karim BENALI au 06 12 48 73 90 ?')).toEqual(['Karim BENALI']);
    expect(names('Monsieur Dupuis a contesté l’amende.')).toEqual(['Dupuis']);
    expect(names('Mme Rousseau (NIR 2 83 01 31 555 048 42) demande')).toEqual(['Rousseau']);
    expect(names('Transmettre à madame Isabelle Garnier, 06.45.78.12.03, la convocation')).toEqual(['Isabelle Garnier']);
  });

  it('accepts every civility form, hyphens, particles and initials', () => {
    expect(names('Pour Mme Anne-Marie Perrin, prévoir un accès PMR')).toEqual(['Anne-Marie Perrin']);
    expect(names('M. Jean-Pierre de La Fontaine a écrit')).toEqual(['Jean-Pierre de La Fontaine']);
    expect(names('Mlle Léa Nguyen et Melle Chloé Barbier')).toEqual(['Léa Nguyen', 'Chloé Barbier']);
    expect(names('Appeler Maître Dubois-Ferrand puis Me Lefort')).toEqual(['Dubois-Ferrand', 'Lefort']);
    expect(names('Le Dr Wojciech Kowalski et le Pr. Zhang')).toEqual(['Wojciech Kowalski', 'Zhang']);
    expect(names('Mr Smith, M Karim BENALI et M. J. Dupont')).toEqual(['Smith', 'Karim BENALI', 'J. Dupont']);
    expect(names('Merci de rappeler M Dupont demain, pas le lot 3 M Durand.')).toEqual(['Dupont']);
    expect(names('Demande de Monsieur Jean-Baptiste N’Diaye concernant sa carte grise.')).toEqual(['Jean-Baptiste N’Diaye']);
  });

  it('does not take roles, letter greetings or lower-case words for names', () => {
    expect(names('Monsieur le Préfet, j’ai l’honneur de vous informer.')).toEqual([]);
    expect(names('Madame, Monsieur, veuillez trouver ci-joint le dossier.')).toEqual([]);
    expect(names('M. et Mme Durand sont venus.')).toEqual(['Durand']);
    expect(names('Madame la Directrice a validé.')).toEqual([]);
  });
});

describe('person names from the first-name list', () => {
  it('finds "Prénom Nom", "Prénom NOM" and "NOM Prénom"', () => {
    expect(names('Le conducteur, Yanis Mercier, né le 30/01/1995, circulait')).toEqual(['Yanis Mercier']);
    expect(names('Hier, Julie a transmis à Lucas Bernard le fichier.')).toEqual(['Lucas Bernard']);
    expect(names('Signé : Julien ROUX, agent de la préfecture')).toEqual(['Julien ROUX']);
    expect(names('BENALI Karim a déposé plainte contre MARTIN Julie.')).toEqual(['BENALI Karim', 'MARTIN Julie']);
    expect(names('Fatima Zahra OUALI et Gwendal Le Goff ont écrit.')).toEqual(['Fatima Zahra OUALI', 'Gwendal Le Goff']);
  });

  it('ignores single first names, products and institutions named after people', () => {
    expect(names('Merci à Thomas pour son aide. Bonjour Mehdi,')).toEqual([]);
    expect(names('Peut-on utiliser Claude Code ou Albert API ?')).toEqual([]);
    expect(names('Rendez-vous salle Jean Moulin puis au lycée Victor Hugo.')).toEqual([]);
    expect(names('4 bis avenue Jean Jaurès, 31000 Toulouse')).toEqual([]);
    expect(names('La réunion à Florence Nightingale Hall')).toEqual([]);
    expect(names('Le centre hospitalier Jean Verdier et le CHU Jean Minjoz.')).toEqual([]);
  });

  it('uses the first-name list given to the shield', () => {
    const custom = createPrivacyShield({ firstNames: new Set(['zorglub']), publicOfficials: [] });
    expect(valuesOf('person_name', 'Zorglub Martin a appelé', custom)).toEqual(['Zorglub Martin']);
    expect(valuesOf('person_name', 'Karim Benali a appelé', custom)).toEqual([]);
  });
});

describe('person names introduced by context words', () => {
  it('finds names after case words and form labels', () => {
    expect(names('Virement au nom de Julien Roux.')).toEqual(['Julien Roux']);
    expect(names("Le numéro de l'usager Thomas Girard.")).toEqual(['Thomas Girard']);
    expect(names('Le candidat Mehdi Chaouch (passeport 21FR90417)')).toEqual(['Mehdi Chaouch']);
    expect(names('Signalement concernant Kevin Lambert, domicilié')).toEqual(['Kevin Lambert']);
    expect(names("L'usager Dupont s'est présenté.")).toEqual(['Dupont']);
    expect(names('Mme Marie-Claire Dubois épouse Lefèvre a appelé.')).toEqual(['Marie-Claire Dubois', 'Lefèvre']);
    expect(names('Nom : MERCIER\nPrénom : Pauline')).toEqual(['MERCIER', 'Pauline']);
    expect(names('concernant Xu Zhang et le dossier de Wang Lei')).toEqual(['Xu Zhang', 'Wang Lei']);
  });

  it('does not turn labels and weak cues before ordinary words into names', () => {
    expect(names('Trésorière : jeanne.blanc@asso-entraide.fr, 07 68 12 34 55.')).toEqual([]);
    expect(names('Une note concernant Lyon a été publiée.')).toEqual([]);
    expect(names("L'agent IA de la DTNUM et l'agent d'accueil.")).toEqual([]);
  });
});

describe('public officials', () => {
  it('does not redact the signatory of the circular, listed or in role', () => {
    expect(names('La circulaire signée par Hugues Moutouh, secrétaire général, est diffusée.')).toEqual([]);
    expect(names('Signé : Hugues MOUTOUH')).toEqual([]);
    expect(names('La circulaire est signée par le secrétaire général, M. Hugues Moutouh.')).toEqual([]);
  });

  it('does not redact names next to a public role', () => {
    expect(names('Le préfet de la Gironde, Étienne Guyot, a signé l’arrêté.')).toEqual([]);
    expect(names('Mme la préfète Fabienne Buccio a présidé la séance.')).toEqual([]);
    expect(names('Intervention du ministre Gérald Darmanin.')).toEqual([]);
    expect(names('Julien Roux, directeur général des services, a répondu.')).toEqual([]);
  });

  it('still redacts ordinary people next to ordinary jobs', () => {
    expect(names('Karim Benali, agent de la préfecture, a répondu.')).toEqual(['Karim Benali']);
    expect(names('Le préfet a reçu Mme Sophie Leroy.')).toEqual(['Sophie Leroy']);
  });

  it('reads the allow-list given to the shield', () => {
    const custom = createPrivacyShield({ publicOfficials: ['Camille Laurent'] });
    expect(valuesOf('person_name', 'Réponse de Camille Laurent et de Sophie Martin.', custom)).toEqual(['Sophie Martin']);
  });
});
