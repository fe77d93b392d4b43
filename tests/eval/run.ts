/** `npm run eval`: scores the bot on the dev sets and prints per-category metrics with the misses. */
import { evaluate } from './evaluate.js';
import { pct, type Miss, type Ratio } from './scoring.js';

const fmt = (r: Ratio) => `${(pct(r) * 100).toFixed(1).padStart(5)} %  (${r.ok}/${r.total})`;

function printMisses(title: string, misses: Miss[]): void {
  if (!misses.length) return;
  console.log(`\n  ${title}:`);
  for (const m of misses) console.log(`    - ${m.id} « ${m.q.slice(0, 90)} » → ${m.detail}`);
}

const started = performance.now();
const { dev, retrieval, pii, paraphrases, unanswerable } = await evaluate();
const rows: [string, string][] = [
  ['Intent accuracy', fmt(dev.intent)],
  ['Charter facts found (per fact)', fmt(dev.charterFacts)],
  ['Charter questions with every fact', fmt(dev.charterQuestions)],
  ['Out-of-scope handled', fmt(dev.outOfScope)],
  ['Escalation requests escalated', fmt(dev.escalation)],
  ['Tool verdict accuracy', fmt(dev.verdicts)],
  ['Unsafe allows', `${String(dev.unsafeAllows.length).padStart(5)}`],
  ['Safer alternative mentioned', fmt(dev.alternative)],
  ['PII recall (span overlap)', `${(pii.recall * 100).toFixed(1).padStart(5)} %  (${pii.tp} found, ${pii.fn} missed)`],
  ['PII precision', `${(pii.precision * 100).toFixed(1).padStart(5)} %  (${pii.fp} false positives)`],
];
console.log('charte-ia-bot — dev-set evaluation\n');
for (const [k, v] of rows) console.log(`  ${k.padEnd(36)} ${v}`);

console.log('\n  Retrieval only — top entry holds every required fact:');
console.log(`    ${'charte-ia retriever (French analysis)'.padEnd(40)} ${fmt(retrieval.ours)}`);
console.log(`    ${'langchain stock BM25Retriever'.padEnd(40)} ${fmt(retrieval.stock)}`);

console.log('\n  Own held-out checks (not the dev set):');
console.log(`    ${'paraphrased charter questions, every fact'.padEnd(44)} ${fmt(paraphrases.charterQuestions)}`);
console.log(`    ${'paraphrased charter questions, intent'.padEnd(44)} ${fmt(paraphrases.intent)}`);
console.log(`    ${'unanswerable questions: says so / offers a human'.padEnd(44)} ${fmt(unanswerable)}`);

console.log('\nMisses');
printMisses('Intent', dev.intent.misses);
printMisses('Charter facts', dev.charterQuestions.misses);
printMisses('Out of scope', dev.outOfScope.misses);
printMisses('Escalation', dev.escalation.misses);
printMisses('Verdicts', dev.verdicts.misses);
printMisses('UNSAFE ALLOWS', dev.unsafeAllows);
printMisses('Alternative', dev.alternative.misses);
printMisses('Paraphrases (own set)', [...paraphrases.intent.misses, ...paraphrases.charterQuestions.misses]);
printMisses('Unanswerable (own set)', unanswerable.misses);
printMisses('PII missed', pii.misses.map((m: { id?: string; type: string; value: string }) => ({ id: m.id ?? '', q: m.value, detail: m.type })));
printMisses('PII false positives', pii.falsePositives.map((m: { id?: string; type: string; value: string }) => ({ id: m.id ?? '', q: m.value, detail: m.type })));
console.log(`\n(${((performance.now() - started) / 1000).toFixed(1)} s)`);
