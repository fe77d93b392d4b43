import { describe, expect, it } from 'vitest';
import { CharterRetriever } from '../../src/knowledge/retriever.js';
import type { KbEntry } from '../../src/knowledge/types.js';

function entry(id: string, title: string, questions: string[], body: string): KbEntry {
  return { id, title, questions, tags: [], body, sources: [{ doc: 'test', label: `Fiche ${id}` }], updated: '2026-01-01', related: [], file: `${id}.md` };
}

// Two entries on the same subject: one states the rules, the other says why they exist.
const RULES = entry(
  'regles',
  'Quelles règles pour les outils gratuits ?',
  ['Quelles sont les règles pour les outils gratuits ?', 'Que faut-il respecter avec un outil gratuit ?', 'Les outils gratuits sont-ils encadrés ?'],
  'Aucune donnée personnelle ni information confidentielle dans un outil gratuit.',
);
const REASONS = entry(
  'raisons',
  'Pourquoi ces règles ?',
  ['Pourquoi ces précautions ?', 'Pourquoi encadrer les outils gratuits ?', 'À quoi servent ces interdictions ?'],
  'Elles protègent la sécurité des informations et les données.',
);
describe('question kind alignment', () => {
  const retriever = new CharterRetriever([RULES, REASONS]);

  it('ranks the entry whose phrasings ask « pourquoi » first for a why-question', () => {
    expect(retriever.search('Pourquoi tant de règles sur les outils gratuits ?', 2)[0]?.entry.id).toBe('raisons');
  });

  it('leaves other kinds of questions to the words alone', () => {
    expect(retriever.search('Quelles règles pour les outils gratuits ?', 2)[0]?.entry.id).toBe('regles');
  });
});
