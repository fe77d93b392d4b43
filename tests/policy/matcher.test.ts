import { describe, expect, it } from 'vitest';
import { cpuTimer } from '../helpers/cpu-time.js';
import { PatternSyntaxError, PhraseMatcher, WordSet, canonicalPattern, parsePattern } from '../../src/policy/matcher.js';
import { fold, tokenize } from '../../src/policy/text.js';

const spans = (pattern: string, text: string): string[] => {
  const { tokens } = tokenize(text);
  return new PhraseMatcher([{ source: pattern, payload: 0 }])
    .matchAll(tokens)
    .map((m) => tokens.slice(m.start, m.end).map((t) => t.w).join(' '));
};

describe('text folding and tokenisation', () => {
  it('folds accents, case, ligatures and apostrophes', () => {
    expect(fold("L'Œuvre ÉTÉ déjà")).toBe('l oeuvre ete deja');
    expect(tokenize('Dossier d’un usager').tokens.map((t) => t.w)).toEqual(['dossier', 'd', 'un', 'usager']);
  });
  it('marks clause boundaries but not dots inside names', () => {
    const { tokens } = tokenize('you.com, puis. Fin');
    expect(tokens.map((t) => [t.w, t.boundary])).toEqual([
      ['you', false],
      ['com', false],
      ['puis', true],
      ['fin', true],
    ]);
  });
  it('keeps offsets on the original text', () => {
    const text = 'Éléphant rosé';
    const t = tokenize(text).tokens[1];
    expect(text.slice(t?.start, t?.end)).toBe('rosé');
  });
});

describe('phrase patterns', () => {
  it('matches words, prefixes and alternatives', () => {
    expect(spans('casier judiciaire', 'Un extrait de CASIER judiciaire')).toEqual(['casier judiciaire']);
    expect(spans('nominati*', 'une liste nominative')).toEqual(['nominative']);
    expect(spans('noms|prenom*', 'les prénoms et les noms')).toEqual(['prenoms', 'noms']);
  });
  it('skips a bounded number of words with ..', () => {
    expect(spans('liste* .. noms', 'une liste de tous les noms')).toEqual(['liste de tous les noms']);
    expect(spans('liste* .. noms', 'une liste de vraiment tous les noms')).toEqual([]);
    expect(spans('liste* ..5 noms', 'une liste de vraiment tous les noms')).toEqual(['liste de vraiment tous les noms']);
  });
  it('never crosses a clause boundary', () => {
    expect(spans('liste* .. noms', 'une liste, des noms')).toEqual([]);
    expect(spans('casier judiciaire', 'casier. Judiciaire')).toEqual([]);
  });
  it('splits punctuation inside a word like the tokenizer does', () => {
    expect(parsePattern('gpt-4o').length).toBe(2);
    expect(spans('you.com', 'Sur You.com ?')).toEqual(['you com']);
  });
  it('rejects malformed patterns with a French message', () => {
    expect(() => parsePattern('.. noms')).toThrow(PatternSyntaxError);
    expect(() => parsePattern('noms ..')).toThrow(/finir par un mot/);
    expect(() => parsePattern('a* noms')).toThrow(/trop court/);
    expect(() => parsePattern('noms ..9 adresses')).toThrow(/saut/);
    expect(() => parsePattern('x|d un y')).not.toThrow();
    expect(() => parsePattern('x|d-un y')).toThrow(/alternative/);
  });
  it('gives one canonical form per pattern', () => {
    expect(canonicalPattern('Chat GPT')).toBe(canonicalPattern('chat gpt'));
    expect(canonicalPattern('b|a x')).toBe(canonicalPattern('a|b x'));
  });
  it('word sets accept prefixes', () => {
    const set = new WordSet(['aucun*', 'sans']);
    expect(set.has('aucune')).toBe(true);
    expect(set.has('sans')).toBe(true);
    expect(set.has('san')).toBe(false);
  });
  it('matches in linear time on long inputs', () => {
    const matcher = new PhraseMatcher([
      { source: 'aa* ..6 ab* ..6 zz*', payload: 0 },
      { source: 'aa|ab|ac ..3 aa|ab ..3 zz', payload: 1 },
    ]);
    const long = tokenize('aa ab ac '.repeat(6000));
    const elapsed = cpuTimer();
    matcher.matchAll(long.tokens);
    expect(elapsed()).toBeLessThan(1500);
  });
});
