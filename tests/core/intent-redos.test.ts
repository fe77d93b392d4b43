import { describe, it, expect } from 'vitest';
import { classifyIntent, isFollowUp, wantsHuman } from '../../src/intents.js';
import { looksForeign } from '../../src/language.js';
import * as patterns from '../../src/intent-patterns.js';

/** Generous budget so the test does not flake on a loaded 2-core machine. */
const BUDGET_MS = 1500;

// Repeated fragments of the patterns' own words: what would make a backtracking pattern explode.
const FRAGMENTS = [
  'je voudrais ',
  'un agent peut ',
  "quelqu'un de la ",
  'is there anyone at the ',
  'les donnees dites ',
  'la charte ',
  "l'ia peut-elle ",
  'tout seul ',
  'je veux parler a un ',
  'can i get a ',
  'faire ',
  'a ',
  "l'",
  '-t-elle ',
  'ai ',
  'est-ce qu ',
  'des entreprises ',
  'le logiciel de la plateforme ',
  'les outils gratuits ',
  'quelqu un de la ',
  'un responsable pourrait ',
];

describe('intent patterns stay linear', () => {
  for (const fragment of FRAGMENTS) {
    const text = fragment.repeat(Math.ceil(30_000 / fragment.length));
    it(`« ${fragment.trim()} » × ${Math.ceil(30_000 / fragment.length)} in < ${BUDGET_MS} ms`, () => {
      const started = performance.now();
      classifyIntent(text, { toolNamed: true, automated: true, kbConfidence: 0, kbThreshold: 0.35, topics: [] });
      classifyIntent(text, { toolNamed: false, kbConfidence: 0, kbThreshold: 0.35, topics: [] });
      wantsHuman(text);
      isFollowUp(text);
      looksForeign(text);
      for (const value of Object.values(patterns)) if (value instanceof RegExp) value.test(`${text}!`);
      expect(performance.now() - started).toBeLessThan(BUDGET_MS);
    });
  }

  it('a 5,000-word message is classified quickly', () => {
    const words = 'bonjour je voudrais savoir si un agent peut utiliser une ia pour traiter les dossiers des usagers de la prefecture sans que personne ne les relise'.split(' ');
    const text = Array.from({ length: 5_000 }, (_, i) => words[i % words.length]).join(' ');
    const started = performance.now();
    classifyIntent(text, { toolNamed: false, kbConfidence: 0, kbThreshold: 0.35, topics: [] });
    expect(performance.now() - started).toBeLessThan(200);
  });
});
