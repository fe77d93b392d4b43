import { describe, expect, it } from 'vitest';
import { found, valuesOf } from './helpers.js';

describe('email recognizer', () => {
  it('finds addresses with dots, dashes, sub-domains and accents', () => {
    expect(valuesOf('email', 'Écrire à claire.fontaine@interieur.gouv.fr pour FOR-MI.')).toEqual(['claire.fontaine@interieur.gouv.fr']);
    expect(valuesOf('email', 'Contact : Jean.DUPONT-martin@Sub.Domaine.gouv.fr.')).toEqual(['Jean.DUPONT-martin@Sub.Domaine.gouv.fr']);
    expect(valuesOf('email', 'mail élodie+test@exemple.fr, merci')).toEqual(['élodie+test@exemple.fr']);
    expect(valuesOf('email', 'deux : a@b.fr et c_d@e-f.org')).toEqual(['a@b.fr', 'c_d@e-f.org']);
  });

  it('ignores handles and incomplete addresses', () => {
    expect(valuesOf('email', 'Suivez @interieur_gouv sur les réseaux')).toEqual([]);
    expect(valuesOf('email', 'adresse incomplète jean@localhost ou jean@')).toEqual([]);
    expect(valuesOf('email', 'prix @ 12.5')).toEqual([]);
  });
});

describe('phone recognizer', () => {
  it('finds French numbers in the usual formats', () => {
    expect(valuesOf('phone', 'au 06 12 48 73 90 concernant')).toEqual(['06 12 48 73 90']);
    expect(valuesOf('phone', 'le numéro 01.45.67.89.12 de')).toEqual(['01.45.67.89.12']);
    expect(valuesOf('phone', 'joignable au +33 6 71 22 45 18 ou')).toEqual(['+33 6 71 22 45 18']);
    expect(valuesOf('phone', 'son numéro est le 0298765432.')).toEqual(['0298765432']);
    expect(valuesOf('phone', 'tél. 06-33-21-87-54')).toEqual(['06-33-21-87-54']);
    expect(valuesOf('phone', 'appeler le 0033 6 12 48 73 90')).toEqual(['0033 6 12 48 73 90']);
    expect(valuesOf('phone', 'standard +33 (0)1 45 67 89 12')).toEqual(['+33 (0)1 45 67 89 12']);
    expect(valuesOf('phone', 'portable +33612487390')).toEqual(['+33612487390']);
    expect(valuesOf('phone', 'numéro vert 0 800 123 456')).toEqual(['0 800 123 456']);
  });

  it('does not take digits inside longer numbers or figures', () => {
    expect(valuesOf('phone', 'dossier 2026061248739012 enregistré')).toEqual([]);
    expect(valuesOf('phone', 'référence 1 06 12 48 73 90 5')).toEqual([]);
    expect(valuesOf('phone', 'budget de 1 250 000 € et 0 612 487 390 €')).toEqual([]);
    expect(valuesOf('phone', 'le 05/05/2026 à 14h30, salle 204')).toEqual([]);
    expect(valuesOf('phone', 'SIRET 130 007 669 00019')).toEqual([]);
    expect(valuesOf('phone', 'appelez le 3917 ou le 17')).toEqual([]);
    expect(valuesOf('phone', 'séparateurs mélangés 01.45-67 89.12')).toEqual([]);
  });
});

describe('IP address recognizer', () => {
  it('finds IPv4 and IPv6 addresses', () => {
    expect(valuesOf('ip_address', 'Adresse IP du poste suspect : 192.168.14.27, connexion à 03h12.')).toEqual(['192.168.14.27']);
    expect(valuesOf('ip_address', 'accessible en 10.20.3.45 ; ne pas communiquer')).toEqual(['10.20.3.45']);
    expect(valuesOf('ip_address', 'serveur 8.8.8.8:53 et 172.16.8.201/24')).toEqual(['8.8.8.8', '172.16.8.201']);
    expect(valuesOf('ip_address', 'IPv6 2001:db8:85a3::8a2e:370:7334 et fe80::1ff:fe23:4567:890a.')).toEqual([
      '2001:db8:85a3::8a2e:370:7334',
      'fe80::1ff:fe23:4567:890a',
    ]);
  });

  it('rejects invalid octets, version numbers and longer dotted runs', () => {
    expect(valuesOf('ip_address', 'adresse 192.168.1.300')).toEqual([]);
    expect(valuesOf('ip_address', 'version 1.2.3.4 installée')).toEqual([]);
    expect(valuesOf('ip_address', 'logiciel v10.2.3.4')).toEqual([]);
    expect(valuesOf('ip_address', 'paragraphe 1.2.3.4.5 du guide')).toEqual([]);
    expect(valuesOf('ip_address', 'réunion à 14:30:00, date 05.05.2026')).toEqual([]);
  });

  it('labels each kind with its own type in a log line', () => {
    expect(found('Logs : accès refusé depuis 172.16.8.201 pour a.petit@interieur.gouv.fr.')).toEqual([
      'ip_address:172.16.8.201',
      'email:a.petit@interieur.gouv.fr',
    ]);
  });
});
