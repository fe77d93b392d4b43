/**
 * Checks against the real knowledge base (knowledge/faq/*.md and knowledge/synonyms.yaml).
 * Runs only when the FAQ folder exists; the other retrieval tests use fixtures and always run.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readKnowledgeBase } from '../../src/knowledge/loader.js';
import { DEFAULT_CONFIDENCE_THRESHOLD } from '../../src/knowledge/confidence.js';
import { CharterRetriever } from '../../src/knowledge/retriever.js';
import { loadSynonyms } from '../../src/knowledge/synonyms.js';
import { OFF_TOPIC } from './retrieval-fixtures.js';

const dir = fileURLToPath(new URL('../../knowledge/', import.meta.url));
const hasKb = existsSync(`${dir}faq`);

describe.skipIf(!hasKb)('retrieval on the real knowledge base', () => {
  const { entries } = readKnowledgeBase(dir);
  const synonymsFile = `${dir}synonyms.yaml`;
  const synonyms = existsSync(synonymsFile) ? loadSynonyms(synonymsFile) : [];
  const retriever = CharterRetriever.fromEntries(entries, { synonyms });

  it('has entries to search', () => {
    expect(entries.length).toBeGreaterThan(0);
  });

  it('finds each entry from its own title, confidently', () => {
    const misses = entries
      .filter((e) => {
        const hits = retriever.search(e.title, 3);
        return !hits.some((h) => h.entry.id === e.id) || (hits[0]?.confidence ?? 0) < DEFAULT_CONFIDENCE_THRESHOLD;
      })
      .map((e) => e.id);
    expect(misses).toEqual([]);
  });

  it('finds each entry from its alternative phrasings (top 3, at least 90 %)', () => {
    const phrasings = entries.flatMap((e) => e.questions.map((q) => [q, e.id] as const));
    const found = phrasings.filter(([q, id]) => retriever.search(q, 3).some((h) => h.entry.id === id));
    expect(found.length / Math.max(1, phrasings.length)).toBeGreaterThanOrEqual(0.9);
  });

  it('keeps off-topic questions below the threshold', () => {
    const high = OFF_TOPIC.filter((q) => (retriever.search(q)[0]?.confidence ?? 0) >= DEFAULT_CONFIDENCE_THRESHOLD);
    expect(high).toEqual([]);
  });
});
