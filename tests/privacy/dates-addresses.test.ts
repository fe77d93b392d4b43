import { describe, expect, it } from 'vitest';
import { valuesOf } from './helpers.js';

const births = (text: string): string[] => valuesOf('birth_date', text);
const addresses = (text: string): string[] => valuesOf('address', text);

describe('birth date recognizer', () => {
  it('finds the date only, in numeric and written forms', () => {
    expect(births('Mme Sophie Leroy, née le 14/07/1979, demeurant')).toEqual(['14/07/1979']);
    expect(births('Chloé Barbier, née le 08.04.1983, contient')).toEqual(['08.04.1983']);
    expect(births('Nadia HAMDI, née le 2 juin 1988 à Marseille.')).toEqual(['2 juin 1988']);
    expect(births('né le 1er mars 1990 à Nantes')).toEqual(['1er mars 1990']);
    expect(births('Le demandeur, né le 23/09/1990, numéro')).toEqual(['23/09/1990']);
    expect(births('Théo Vasseur, né le 5/9/1998.')).toEqual(['5/9/1998']);
  });

  it('accepts the usual cues', () => {
    expect(births('Né(e) le : 02/06/1988 à Lille')).toEqual(['02/06/1988']);
    expect(births('Date de naissance : 14 juillet 1986')).toEqual(['14 juillet 1986']);
    expect(births('DDN 03/08/2002, tél.')).toEqual(['03/08/2002']);
    expect(births('date de naissance 14 07 1979')).toEqual(['14 07 1979']);
    expect(births('né à Saint-Martin-d’Hères le 12 décembre 1975')).toEqual(['12 décembre 1975']);
    expect(births('NÉE LE 30-01-1995')).toEqual(['30-01-1995']);
    expect(births('nés respectivement le 01/02/1980 et le 03/04/1985')).toEqual(['01/02/1980', '03/04/1985']);
  });

  it('ignores other dates', () => {
    expect(births('Réunion le 10 février 2026 à 14h30, salle 204.')).toEqual([]);
    expect(births('décret n° 2019-1088 du 25 octobre 2019')).toEqual([]);
    expect(births('session FOR-MI le 05/05/2026 à 14h.')).toEqual([]);
    expect(births('Il est né le 12 décembre 1975 et s’est marié le 12/06/2001.')).toEqual(['12 décembre 1975']);
    expect(births('Il ne sera reçu que le 12/03/2026.')).toEqual([]);
    expect(births('acte de naissance délivré le 05/01/2026')).toEqual([]);
    expect(births('Le demandeur est né. La réunion a lieu le 12/03/2026.')).toEqual([]);
  });
});

describe('address recognizer', () => {
  it('includes the postcode and city when they follow', () => {
    expect(addresses('demeurant 12 rue des Lilas, 69003 Lyon, sollicite')).toEqual(['12 rue des Lilas, 69003 Lyon']);
    expect(addresses('son adresse : 4 bis avenue Jean Jaurès, 31000 Toulouse.')).toEqual(['4 bis avenue Jean Jaurès, 31000 Toulouse']);
    expect(addresses('domicilié 27 boulevard Voltaire 75011 Paris, né le')).toEqual(['27 boulevard Voltaire 75011 Paris']);
    expect(addresses('lieu-dit Les Granges, 24200 Sarlat-la-Canéda.')).toEqual(['lieu-dit Les Granges, 24200 Sarlat-la-Canéda']);
    expect(addresses('au 18 avenue Foch, 75116 Paris Cedex 16.')).toEqual(['18 avenue Foch, 75116 Paris Cedex 16']);
  });

  it('stops before "à <city>" and lower-case words', () => {
    expect(addresses("L'usager habite 3 impasse des Tilleuls à Rennes et son numéro")).toEqual(['3 impasse des Tilleuls']);
    expect(addresses('Il habite 14 rue du 8 Mai 1945 à Villeurbanne.')).toEqual(['14 rue du 8 Mai 1945']);
    expect(addresses('au 9 ter rue Pasteur pour le dossier')).toEqual(['9 ter rue Pasteur']);
    expect(addresses('demeurant 12 rue de la paix depuis 2010')).toEqual(['12 rue de la paix']);
    expect(addresses('au 38 bd Haussmann, 75009 Paris')).toEqual(['38 bd Haussmann, 75009 Paris']);
  });

  it('needs a cue or a postcode for street words that are common nouns', () => {
    expect(addresses('domicilié au 3, place du Marché, 26000 Valence')).toEqual(['3, place du Marché, 26000 Valence']);
    expect(addresses('habite 7 place Bellecour')).toEqual(['7 place Bellecour']);
    expect(addresses('Il reste 2 places et 2 cours de Python.')).toEqual([]);
    expect(addresses('Réserver 10 place de parking.')).toEqual([]);
  });

  it('does not treat rooms, articles or amounts as addresses', () => {
    expect(addresses('salle 204, bâtiment Lumière')).toEqual([]);
    expect(addresses("l'article 9 du RGPD")).toEqual([]);
    expect(addresses('3 routes départementales')).toEqual([]);
  });
});
