/**
 * Shows how the retriever understands a question: the focus (question vs context), each word's
 * index term, typo correction and concepts, and the best entries with their confidence.
 * For KB editors and developers: `npm run explain -- "qui a signé la circulaire ?"`.
 */
import { fileURLToPath } from 'node:url';
import { loadKnowledge } from '../src/knowledge/snapshot.js';
import type { Bm25Index } from '../src/knowledge/bm25.js';

const dir = process.env.KNOWLEDGE_DIR ?? fileURLToPath(new URL('../knowledge/', import.meta.url));
const questions = process.argv.slice(2).filter((a) => a !== '--');
if (questions.length === 0) {
  console.error('usage: npm run explain -- "question" ["question"…]');
  process.exit(2);
}
const snapshot = loadKnowledge(dir);
for (const q of questions) {
  const plan = snapshot.retriever.plan(q);
  console.log(`\n« ${q} »`);
  console.log(`  kind: ${plan.focus.kind}${plan.focus.broad ? ' (broad)' : ''}${plan.focus.asked ? `, asked: ${plan.focus.asked}` : ''}`);
  for (const p of plan.focus.pieces) console.log(`  piece ×${p.weight}: ${p.text.replace(/\s+/g, ' ').trim()}`);
  const words = plan.words.map((w) => {
    const term = w.term === null ? '∅' : w.distance ? `${w.term}~${w.distance}` : w.term;
    const concepts = w.concepts.length ? `{${w.concepts.join(',')}}` : '';
    return `${w.word}→${term}${concepts}${w.weight < 1 ? '·' : ''}`;
  });
  console.log(`  words: ${words.join('  ')}`);
  // Per hit, what each query word brought (scored one unit at a time).
  const index = (snapshot.retriever as unknown as { index: Bm25Index }).index;
  const perUnit = plan.units.map((u) => index.score([u], snapshot.entries.length));
  const docOf = new Map(snapshot.entries.map((e, i) => [e.id, i]));
  for (const hit of snapshot.retriever.search(q, 5)) {
    const mark = hit.confidence >= snapshot.threshold ? '✔' : ' ';
    const doc = docOf.get(hit.entry.id);
    const parts = perUnit
      .map((scored, i) => {
        const s = scored.find((x) => x.doc === doc);
        return s ? `${plan.words[i]?.word ?? '?'}${s.subjectMass > 0 ? '*' : ''} ${s.score.toFixed(2)}` : '';
      })
      .filter(Boolean);
    console.log(`  ${mark} ${hit.confidence.toFixed(3)}  ${hit.score.toFixed(2)}  ${hit.entry.id.padEnd(36)} ${parts.join(', ')}`);
  }
}
