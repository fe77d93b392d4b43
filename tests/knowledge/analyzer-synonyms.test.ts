import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSynonyms, parseSynonyms, SynonymsError } from '../../src/knowledge/synonyms.js';

const dir = mkdtempSync(join(tmpdir(), 'charte-synonyms-'));
const write = (name: string, content: string): string => {
  const file = join(dir, name);
  writeFileSync(file, content, 'utf8');
  return file;
};

describe('loadSynonyms', () => {
  it('loads groups, first variant first', () => {
    const file = write('ok.yaml', 'groups:\n  - [intelligence artificielle, ia, i.a.]   # comment\n  - [application, appli]\n');
    expect(loadSynonyms(file)).toEqual([
      ['intelligence artificielle', 'ia', 'i.a.'],
      ['application', 'appli'],
    ]);
  });

  it('merges a variant repeated inside one group (case and accents ignored)', () => {
    expect(parseSynonyms({ groups: [['Données', 'donnees', 'data']] }, 'f.yaml')).toEqual([['Données', 'data']]);
  });

  const invalid: [string, unknown, RegExp][] = [
    ['not a mapping', ['a', 'b'], /f\.yaml.*mapping/],
    ['groups not a list', { groups: 'ia' }, /f\.yaml/],
    ['a group that is not a list', { groups: [['ia'], 'appli'] }, /f\.yaml: group 1: a group must be a list/],
    ['an empty group', { groups: [['ia'], []] }, /group 1: a group must not be empty/],
    ['a non-string variant', { groups: [['ia', 3]] }, /group 0: every variant must be a string/],
    ['an empty variant', { groups: [['ia', '  ']] }, /group 0: empty variant/],
    ['a variant in two groups', { groups: [['ia', 'IA générative'], ['outil', 'ia']] }, /group 1: variant "ia" already appears in group 0/],
    ['a variant in two groups, accents differing', { groups: [['données'], ['data', 'DONNEES']] }, /group 1: variant "DONNEES" already appears in group 0/],
  ];
  for (const [what, content, message] of invalid) {
    it(`rejects ${what} with a clear message naming the file and group`, () => {
      expect(() => parseSynonyms(content, 'f.yaml')).toThrow(SynonymsError);
      expect(() => parseSynonyms(content, 'f.yaml')).toThrow(message);
    });
  }

  it('reports YAML syntax errors and missing files with the file name', () => {
    const bad = write('bad.yaml', 'groups:\n  - [ia, "unterminated\n');
    expect(() => loadSynonyms(bad)).toThrow(/bad\.yaml: YAML syntax error/);
    expect(() => loadSynonyms(join(dir, 'missing.yaml'))).toThrow(/missing\.yaml: cannot read the file/);
  });

  it('reports an empty file', () => {
    expect(() => loadSynonyms(write('empty.yaml', ''))).toThrow(/empty\.yaml/);
  });
});
