import { describe, expect, it } from 'vitest';
import { PolicyConfigError } from '../../src/policy/config-error.js';
import { parseLexicon } from '../../src/policy/lexicon.js';
import { analyzeData } from '../../src/policy/data-analysis.js';
import { policy } from './helpers.js';

const HEAD = `version: 1
piiTypes: { default: [personal] }
negation: { window: 4, cues: [sans] }
`;

const errorsOf = (yaml: string): string[] => {
  try {
    parseLexicon(yaml, 'knowledge/data-lexicon.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(PolicyConfigError);
    expect((err as Error).message.startsWith('knowledge/data-lexicon.yaml')).toBe(true);
    return (err as PolicyConfigError).problems;
  }
  throw new Error('expected a PolicyConfigError');
};

describe('knowledge/data-lexicon.yaml', () => {
  it('loads and covers every category', () => {
    const { lexicon } = policy();
    const cats = new Set(lexicon.entries.flatMap((e) => e.categories));
    for (const c of ['personal', 'sensitive', 'protected', 'confidential', 'public', 'internal']) expect(cats.has(c as never)).toBe(true);
    expect(lexicon.implies.protected).toContain('confidential');
  });
});

describe('lexicon validation errors name the file, the entry and the field', () => {
  it('unknown category', () => {
    const problems = errorsOf(`${HEAD}entries:\n  - id: a\n    categories: [secret]\n    terms: [x]\n`);
    expect(problems[0]).toMatch(/entries\[0\] \(id « a »\), champ categories\[0\] : valeur « secret » invalide/);
  });
  it('entry that can produce nothing', () => {
    const problems = errorsOf(`${HEAD}entries:\n  - id: a\n    categories: []\n    terms: [x]\n`);
    expect(problems[0]).toMatch(/entries\[0\] \(id « a »\), champ categories : vide/);
  });
  it('bad term pattern', () => {
    const problems = errorsOf(`${HEAD}entries:\n  - id: a\n    categories: [personal]\n    terms: [ok, "x .."]\n`);
    expect(problems[0]).toMatch(/entries\[0\] \(id « a »\), champ terms\[1\] :/);
  });
  it('duplicate ids', () => {
    const entry = '  - id: a\n    categories: [public]\n    terms: [x]\n';
    expect(errorsOf(`${HEAD}entries:\n${entry}${entry}`)[0]).toMatch(/entries\[1\] \(id « a »\) : identifiant déjà utilisé/);
  });
  it('missing negation section', () => {
    const problems = errorsOf(`version: 1\npiiTypes: { default: [personal] }\nentries:\n  - id: a\n    categories: [public]\n    terms: [x]\n`);
    expect(problems[0]).toMatch(/champ negation : champ obligatoire manquant/);
  });
  it('bad qualifier window', () => {
    const yaml = `${HEAD}qualifiers:\n  - id: q\n    terms: [anonymise]\n    cancels: [personal]\n    window: 50\nentries:\n  - id: a\n    categories: [public]\n    terms: [x]\n`;
    expect(errorsOf(yaml)[0]).toMatch(/qualifiers\[0\] \(id « q »\), champ window/);
  });
  it('qualifier limited to an unknown entry', () => {
    const yaml = `${HEAD}qualifiers:\n  - id: q\n    terms: [presse]\n    cancels: [personal]\n    entries: [b]\nentries:\n  - id: a\n    categories: [public]\n    terms: [x]\n`;
    expect(errorsOf(yaml)[0]).toMatch(/qualifiers\[0\] \(id « q »\), champ entries\[0\] : entrée « b » inconnue/);
  });
  it('a qualifier limited to some entries leaves the others alone', () => {
    const yaml = `${HEAD}qualifiers:\n  - id: q\n    terms: [presse]\n    cancels: [personal]\n    entries: [topic]\nentries:\n  - id: topic\n    categories: [personal]\n    terms: [camera]\n  - id: people\n    categories: [personal]\n    terms: [victime]\n`;
    const lexicon = parseLexicon(yaml);
    expect(analyzeData('presse sur la camera', { lexicon }).categories).toEqual([]);
    expect(analyzeData('presse sur la victime', { lexicon }).categories).toEqual(['personal']);
  });
  it('accepts a minimal valid lexicon', () => {
    const lex = parseLexicon(`${HEAD}entries:\n  - id: a\n    categories: [public]\n    terms: [x]\n`);
    expect(lex.entries).toHaveLength(1);
  });
});
