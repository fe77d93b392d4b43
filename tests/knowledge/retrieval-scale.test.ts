import { describe, expect, it } from 'vitest';
import { cpuTimer } from '../helpers/cpu-time.js';
import { CharterRetriever } from '../../src/knowledge/retriever.js';
import type { KbEntry } from '../../src/knowledge/types.js';
import { fixtureEntries, FIXTURE_SYNONYMS } from './retrieval-fixtures.js';

/** Deterministic pseudo-random generator. */
function generator(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 4294967296;
  };
}

/**
 * 10,000 synthetic entries: sentences drawn from a vocabulary of 20,000 word forms (real French
 * words of the fixtures plus generated ones), about 1.5 KB of text each, plus the fixture entries.
 */
function syntheticBase(count: number): KbEntry[] {
  const random = generator(42);
  const seedWords = fixtureEntries()
    .flatMap((e) => `${e.title} ${e.body}`.toLowerCase().match(/\p{L}{3,}/gu) ?? []);
  const syllables = ['ra', 'to', 'mi', 'ne', 'ka', 'lu', 'po', 'vi', 'sé', 'dor', 'ban', 'tir', 'ment', 'tion', 'eur'];
  const vocabulary = [...new Set(seedWords)];
  while (vocabulary.length < 20_000) {
    let w = '';
    const n = 2 + Math.floor(random() * 3);
    for (let i = 0; i < n; i++) w += syllables[Math.floor(random() * syllables.length)];
    vocabulary.push(w);
  }
  const sentence = (n: number): string => Array.from({ length: n }, () => vocabulary[Math.floor(random() * vocabulary.length)]).join(' ');
  const entries: KbEntry[] = [];
  for (let i = 0; i < count; i++) {
    entries.push({
      id: `synth-${i}`,
      title: `${sentence(7)} ?`,
      questions: [`${sentence(9)} ?`, `${sentence(8)} ?`, `${sentence(10)} ?`],
      tags: [sentence(1), sentence(1)],
      sources: [{ doc: 'test', label: 'test' }],
      updated: '2026-01-01',
      related: [],
      body: `${sentence(90)}.\n\n${sentence(90)}.`,
      file: `synth-${i}.md`,
    });
  }
  return [...entries, ...fixtureEntries()];
}

describe('retrieval at scale (10,000 entries)', () => {
  const entries = syntheticBase(10_000);
  let retriever: CharterRetriever;

  it('builds the index in reasonable time', () => {
    const elapsed = cpuTimer();
    retriever = CharterRetriever.fromEntries(entries, { synonyms: FIXTURE_SYNONYMS });
    const ms = elapsed();
    expect(retriever.size).toBe(entries.length);
    expect(ms).toBeLessThan(10_000); // generous: the bench (npm run bench) tracks the real goal
  });

  it('still finds the right entries among 10,000', () => {
    expect(retriever.search('Qui a signé la circulaire ?')[0]?.entry.id).toBe('signataire');
    expect(retriever.search('formaton for-mi')[0]?.entry.id).toBe('formation');
    const synth = entries[1234]!;
    expect(retriever.search(synth.title)[0]?.entry.id).toBe(synth.id);
  });

  it('answers queries fast', () => {
    const random = generator(7);
    const queries = Array.from({ length: 300 }, (_, i) => {
      const e = entries[Math.floor(random() * entries.length)]!;
      const words = e.body.split(' ');
      const start = Math.floor(random() * Math.max(1, words.length - 8));
      return words.slice(start, start + 2 + (i % 7)).join(' ');
    });
    const times = queries.map((q) => {
      const elapsed = cpuTimer();
      retriever.search(q);
      return elapsed();
    });
    times.sort((a, b) => a - b);
    expect(times[Math.floor(times.length * 0.99)]).toBeLessThan(100); // generous; the bench aims at < 20 ms
  });
});
