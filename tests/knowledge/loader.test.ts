import { describe, it, expect } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFaqFile, readKnowledgeBase, loadKnowledgeBase, KnowledgeError } from '../../src/knowledge/loader.js';

const GOOD = `---
id: exemple
title: Une question d'exemple ?
questions:
  - Comment poser une question ?
tags: [exemple]
sources:
  - doc: circulaire
    section: "§ 2"
    label: "Circulaire de diffusion de la charte, § 2"
updated: 2026-11-28
---
Une réponse.
`;

describe('FAQ file parsing', () => {
  it('parses a valid entry', () => {
    const { entry, problems } = parseFaqFile('faq/exemple.md', GOOD);
    expect(problems).toEqual([]);
    expect(entry).toMatchObject({ id: 'exemple', questions: ['Comment poser une question ?'], updated: '2026-11-28', body: 'Une réponse.' });
  });

  it('names the line of invalid YAML', () => {
    const { problems } = parseFaqFile('faq/exemple.md', GOOD.replace('tags: [exemple]', 'tags: [exemple'));
    expect(problems[0]).toMatchObject({ file: 'faq/exemple.md' });
    expect(problems[0]!.message).toMatch(/invalid YAML/);
    expect(problems[0]!.line).toBeGreaterThan(1);
  });

  it('rejects unknown fields with the field name, line and the allowed list', () => {
    const { problems } = parseFaqFile('faq/exemple.md', GOOD.replace('tags:', 'tag: [x]\ntags:'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ field: 'tag', line: 6 });
    expect(problems[0]!.fix).toMatch(/allowed fields/);
  });

  it('reports a missing source and an empty answer together', () => {
    const text = GOOD.replace(/sources:\n(?:  .*\n)+/, '').replace('Une réponse.', '');
    const { problems } = parseFaqFile('faq/exemple.md', text);
    expect(problems.map((p) => p.field ?? p.message)).toEqual(expect.arrayContaining(['sources', expect.stringMatching(/answer/)]));
  });

  it('requires the id to match the file name', () => {
    const { problems } = parseFaqFile('faq/autre.md', GOOD);
    expect(problems[0]).toMatchObject({ field: 'id' });
    expect(problems[0]!.fix).toMatch(/exemple\.md/);
  });

  it('rejects a file without front matter', () => {
    expect(parseFaqFile('faq/x.md', 'Juste du texte').problems[0]!.message).toMatch(/---/);
  });
});

describe('knowledge base loading', () => {
  function dirWith(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'kb-'));
    mkdirSync(join(dir, 'faq'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'faq', name), text);
    return dir;
  }

  it('reports duplicate ids and dangling related entries, all at once', () => {
    const dup = GOOD.replace('tags: [exemple]', 'tags: [exemple]\nrelated: [inconnue]');
    const dir = dirWith({ 'exemple.md': dup, 'zzz.md': GOOD.replace('id: exemple', 'id: zzz'), 'bad.md': 'rien' });
    const { problems, entries } = readKnowledgeBase(dir);
    expect(entries.map((e) => e.id)).toEqual(['exemple', 'zzz']);
    expect(problems.map((p) => p.file)).toEqual(expect.arrayContaining(['faq/bad.md', 'faq/exemple.md']));
    expect(problems.some((p) => /inconnue/.test(p.message))).toBe(true);
  });

  it('throws a KnowledgeError listing every problem', () => {
    const dir = dirWith({ 'a.md': 'rien', 'b.md': 'rien non plus' });
    expect(() => loadKnowledgeBase(dir)).toThrow(KnowledgeError);
    try {
      loadKnowledgeBase(dir);
    } catch (e) {
      expect((e as KnowledgeError).problems).toHaveLength(2);
      expect((e as Error).message).toMatch(/faq\/a\.md.*\n.*faq\/b\.md/);
    }
  });
});
