import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cpuTimer } from '../helpers/cpu-time.js';
import { createAnalyzer } from '../../src/knowledge/analyzer.js';
import { loadSynonyms } from '../../src/knowledge/synonyms.js';

const analyzer = createAnalyzer({
  synonyms: [
    ['intelligence artificielle', 'ia', 'i.a.'],
    ['données personnelles', 'données perso', 'infos perso'],
    ['qu est-ce que', "c'est quoi", 'c koi'],
  ],
});

/** Inputs built to hurt a tokenizer: long runs, many separators, nested apostrophes and hyphens… */
function adversarial(length: number): Record<string, string> {
  const rep = (unit: string): string => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
  let binary = '';
  let seed = 7;
  for (let i = 0; i < length; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    binary += String.fromCharCode(seed >>> 16);
  }
  return {
    prose: rep("L'intelligence artificielle, c'est quoi ? Les agents du ministère utilisent des infos perso… "),
    oneWord: rep('a'),
    apostrophes: rep("l'"),
    hyphens: rep('a-'),
    elisionChain: rep("qu'l'd'"),
    synonymPrefixes: rep('données '),
    accents: rep('éèêëàâîïôûùç '),
    binary,
  };
}

function timeOf(text: string, repeat = 1): number {
  const elapsed = cpuTimer();
  for (let i = 0; i < repeat; i++) analyzer.tokens(text);
  return elapsed();
}

describe('analyzer cost', () => {
  it('analyses 50,000-character adversarial inputs quickly', () => {
    for (const [name, text] of Object.entries(adversarial(50_000))) {
      timeOf(text); // warm-up
      const ms = timeOf(text);
      expect(ms, name).toBeLessThan(500);
    }
  });

  it('grows linearly: 4× the input costs far less than 16× the time', () => {
    const small = adversarial(50_000);
    const large = adversarial(200_000);
    for (const name of Object.keys(small)) {
      // The same number of characters on both sides (4 small inputs, 1 large), best of three:
      // linear work gives a ratio near 1, quadratic work near 4.
      const best = (text: string, repeat: number): number => Math.min(...Array.from({ length: 3 }, () => timeOf(text, repeat)));
      const ratio = best(large[name] as string, 1) / Math.max(best(small[name] as string, 4), 1);
      expect(ratio, name).toBeLessThan(2.5);
    }
  });

  const realTable = fileURLToPath(new URL('../../knowledge/synonyms.yaml', import.meta.url));
  it.skipIf(!existsSync(realTable))('stays fast with the real synonyms table (knowledge/synonyms.yaml)', () => {
    const withTable = createAnalyzer({ synonyms: loadSynonyms(realTable) });
    const text = adversarial(50_000).prose as string;
    const elapsed = cpuTimer();
    withTable.tokens(text);
    expect(elapsed()).toBeLessThan(500);
  });
});
