import { describe, expect, it } from 'vitest';
import { createAnalyzer, fold, stem } from '../../src/knowledge/analyzer.js';

const plain = createAnalyzer();
const words = (text: string): string[] => plain.words(text);

describe('fold', () => {
  it('lower-cases and removes accents, cedillas and ligatures', () => {
    expect(fold('Œuvre d’Intérêt GÉNÉRAL, français, Ælia, naïf, où')).toBe("oeuvre d'interet general, francais, aelia, naif, ou");
  });

  it('handles decomposed input (letter + combining accent)', () => {
    expect(fold('donne\u0301es')).toBe('donnees');
  });
});

describe('tokenisation', () => {
  it('drops elided articles and pronouns (straight and typographic apostrophes)', () => {
    expect(words("l'intelligence d’un agent qu'il j'utilise jusqu'à lorsqu'on s'il")).toEqual([
      'intelligence',
      'agent',
      'utilise',
    ]);
  });

  it('joins a word-internal apostrophe that is not an elision', () => {
    expect(words("aujourd'hui")).toEqual(['aujourdhui']);
  });

  it('keeps hyphenated compounds both joined and split', () => {
    expect(words('la plateforme FOR-MI')).toEqual(['plateforme', 'formi', 'mi']); // « for » alone is an English grammar word
    expect(words('une plate-forme')).toEqual(['plateforme', 'plate', 'forme']);
  });

  it('drops the clitics of verb inversions', () => {
    expect(words('Peut-on utiliser MIRAI ? A-t-il le droit ? Donnez-moi la charte')).toEqual([
      'utiliser',
      'mirai',
      'droit',
      'donnez',
      'charte',
    ]);
  });

  it('keeps numbers, drops one-letter words', () => {
    expect(words('le 10 février 2026, 3 réunions, x y z')).toEqual(['10', 'fevrier', '2026', '3', 'reunions']);
  });
});

describe('stop words', () => {
  it('removes grammar words and question words', () => {
    expect(words('Quels sont les outils que je peux utiliser dans mon service ?')).toEqual(['outils', 'utiliser', 'service']);
  });

  it('keeps the meaningful words of the domain', () => {
    expect(words('IA donnée agent outil jamais sans')).toEqual(['ia', 'donnee', 'agent', 'outil', 'jamais', 'sans']);
  });
});

describe('stemming', () => {
  it('gives singular and plural, masculine and feminine the same stem', () => {
    expect(stem('ambassadeurs')).toBe(stem('ambassadeur'));
    expect(stem('donnees')).toBe(stem('donnee'));
    expect(stem('personnelles')).toBe(stem('personnel'));
    expect(stem('formations')).toBe(stem('formation'));
  });

  it('is insensitive to accents: typed with or without them, same tokens', () => {
    expect(plain.tokens('Données sensibles, sécurité, éthique, préfecture')).toEqual(
      plain.tokens('donnees sensibles, securite, ethique, prefecture'),
    );
  });

  it('conflates verb and noun forms the Snowball algorithm conflates', () => {
    expect(stem('utiliser')).toBe(stem('utilisation'));
    expect(stem('utilisee')).toBe(stem('utilise'));
  });
});

describe('synonyms', () => {
  const analyzer = createAnalyzer({
    synonyms: [
      ['intelligence artificielle', 'ia', 'i.a.', 'ai'],
      ['application', 'appli', 'app', 'logiciel'],
      ['ambassadeur ia', 'ambassadeur', 'référent ia'],
      ['données personnelles', 'données perso', 'infos perso'],
      ['personnel', 'perso'],
      ['données', 'data'],
      ['pourquoi', 'pk', 'pq'],
      ['je peux', 'jpeux', 'jpe'],
      ['travail', 'boulot', 'taf'],
    ],
  });
  const tokens = (text: string): string[] => analyzer.tokens(text);

  it('replaces single-word variants by the canonical form', () => {
    expect(tokens("l'IA")).toEqual(tokens('intelligence artificielle'));
    expect(tokens('une appli')).toEqual(tokens('une application'));
    expect(tokens('le logiciel')).toEqual(tokens('application'));
  });

  it('matches variants with punctuation inside (i.a.)', () => {
    expect(tokens("l'I.A. générative")).toEqual(tokens('intelligence artificielle générative'));
  });

  it('replaces multi-word variants, longest first', () => {
    expect(tokens('des infos perso')).toEqual(tokens('données personnelles'));
    expect(tokens('des données perso')).toEqual(tokens('données personnelles'));
    expect(tokens('des data')).toEqual(tokens('données'));
  });

  it('matches variants through plural and accent differences (stem matching)', () => {
    expect(tokens('les référents IA')).toEqual(tokens('ambassadeur ia'));
    expect(tokens('des logiciels')).toEqual(tokens('application'));
  });

  it('normalises canonical forms that contain another variant', () => {
    // "ambassadeur ia" is written with the variant "ia": both spellings must give the same tokens.
    expect(tokens('les ambassadeurs IA')).toEqual(tokens('un référent IA'));
    expect(tokens('ambassadeur ia')).toEqual(['ambassadeur', ...tokens('intelligence artificielle')]);
  });

  it('handles SMS spellings through the same table', () => {
    expect(tokens('pk jpeux pas utiliser l appli au taf')).toEqual(tokens('pourquoi je ne peux pas utiliser l application au travail'));
  });

  it('applies a variant that is also a French word ("ai") only when written in capitals', () => {
    expect(tokens("J'ai une question")).toEqual(tokens('une question'));
    expect(tokens("outils d'AI")).toEqual(tokens("outils d'intelligence artificielle"));
  });

  it('does not match a variant inside a longer word', () => {
    expect(tokens('apprendre')).toEqual(plain.tokens('apprendre'));
    expect(tokens('iatrogène')).toEqual(plain.tokens('iatrogène'));
  });
});

describe('junk and large input', () => {
  it('survives binary junk, emoji, control characters and lone surrogates', () => {
    const junk = '\u0000\u0001\u0002\uFFFE\uD800\uDC00\uDBFF 🤖💥 ÿþ\u202E abc ‮ \\x00 ' + String.fromCharCode(...Array.from({ length: 500 }, (_, i) => (i * 7919) % 65536));
    const out = plain.tokens(junk);
    expect(Array.isArray(out)).toBe(true);
    expect(out).toContain('abc');
    for (const t of out) expect(t.length).toBeLessThanOrEqual(40);
  });

  it('drops runs too long to be words (base64, hashes)', () => {
    expect(plain.tokens('a'.repeat(5000) + ' charte')).toEqual([stem('charte')]);
  });

  it('returns nothing for empty or punctuation-only input', () => {
    expect(plain.tokens('')).toEqual([]);
    expect(plain.tokens(' ?!… -- \'\' ')).toEqual([]);
  });
});
