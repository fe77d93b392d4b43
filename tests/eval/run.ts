/**
 * `npm run eval`: scores the bot on the dev sets side by side, on our own held-out sets, and
 * prints the precision/recall trade-off of the confidence threshold, then the misses.
 * `npm run eval -- --misses=dev-2` limits the misses printed to one set (`own`, `set-3`, `holdout`, or
 * `none` for none; the holdout's misses are never printed by default).
 * `npm run eval -- --llm` scores with the optional generative layer on (hybrid retrieval, rewriting,
 * grounded wording), on the endpoint of LLM_BASE_URL / LLM_MODEL / EMBEDDINGS_MODEL (environment or
 * `.env`); without LLM_BASE_URL it says so and exits with code 2, scoring nothing. The threshold
 * sweep is lexical (the layer never changes whether the bot declines), so it is skipped.
 */
import { evaluate, LLM_VARS, type HoldoutReport, type SetReport } from './evaluate.js';
import { applyEnvFile } from '../../src/env-file.js';
import { presentEnv } from '../../src/config.js';
import { pct, type EvalReport, type Miss, type Ratio } from './scoring.js';

const fmt = (r: Ratio) => `${(pct(r) * 100).toFixed(1).padStart(5)} % ${`(${r.ok}/${r.total})`.padEnd(9)}`;
const arg = process.argv.find((a) => a.startsWith('--misses='))?.slice('--misses='.length);

function printMisses(title: string, misses: Miss[]): void {
  if (!misses.length) return;
  console.log(`\n  ${title}:`);
  for (const m of misses) console.log(`    - ${m.id} « ${m.q.slice(0, 110)} » → ${m.detail}`);
}

const withLlm = process.argv.includes('--llm');
let llmEnv: Record<string, string> | undefined;
if (withLlm) {
  applyEnvFile(process.env);
  llmEnv = presentEnv(LLM_VARS, process.env);
  if (!llmEnv.LLM_BASE_URL) {
    console.error('--llm: LLM_BASE_URL is not set (environment or .env), so there is no endpoint to score the generative layer with; nothing scored.');
    console.error('Set LLM_BASE_URL and LLM_MODEL and/or EMBEDDINGS_MODEL (see README, « Optional generative answers »), or run `npm run eval` without --llm.');
    process.exit(2);
  }
}

const started = performance.now();
const { sets, pii, own, thresholds, llmSteps } = await evaluate(llmEnv ? { llm: llmEnv, thresholds: [] } : {});

const metrics: [string, (r: EvalReport, s: SetReport) => string][] = [
  ['Intent accuracy', (r) => fmt(r.intent)],
  ['Charter facts found (per fact)', (r) => fmt(r.charterFacts)],
  ['Charter questions with every fact', (r) => fmt(r.charterQuestions)],
  ['Out-of-scope handled', (r) => fmt(r.outOfScope)],
  ['Escalation requests escalated', (r) => fmt(r.escalation)],
  ['Tool verdict accuracy', (r) => fmt(r.verdicts)],
  ['Unsafe allows', (r) => `${String(r.unsafeAllows.length).padStart(5)}`.padEnd(17)],
  ['Safer alternative mentioned', (r) => fmt(r.alternative)],
  ['Retrieval only: charte-ia retriever', (_, s) => fmt(s.retrieval.ours)],
  ['Retrieval only: langchain stock BM25', (_, s) => fmt(s.retrieval.stock)],
];
console.log(`charte-ia-bot — evaluation${llmEnv ? ` with the generative layer (chat: ${llmEnv.LLM_MODEL ?? 'none'}, embeddings: ${llmEnv.EMBEDDINGS_MODEL ?? 'none'})` : ''}\n`);
console.log(`  ${''.padEnd(38)} ${sets.map((s) => s.name.padEnd(18)).join(' ')}`);
for (const [label, get] of metrics) console.log(`  ${label.padEnd(38)} ${sets.map((s) => get(s.report, s).padEnd(18)).join(' ')}`);
console.log('  (retrieval only: the top entry alone holds every required fact)');
console.log(`\n  PII recall (span overlap)      ${(pii.recall * 100).toFixed(1).padStart(5)} %  (${pii.tp} found, ${pii.fn} missed)`);
console.log(`  PII precision                  ${(pii.precision * 100).toFixed(1).padStart(5)} %  (${pii.fp} false positives)`);

console.log('\n  Own held-out sets (written from the circular, not from the dev sets):');
console.log(`    ${'charter paraphrases, every fact'.padEnd(46)} ${fmt(own.paraphrases.charterQuestions)}`);
console.log(`    ${'charter paraphrases, intent'.padEnd(46)} ${fmt(own.paraphrases.intent)}`);
console.log(`    ${'unanswerable: declines or offers a human'.padEnd(46)} ${fmt(own.unanswerable)} (${own.unanswerable.hedged} with a hedged passage)`);
console.log(`    ${'out of scope: declines or offers a human'.padEnd(46)} ${fmt(own.outOfScope)} (${own.outOfScope.hedged} with a hedged passage)`);

function printHoldout(title: string, h: HoldoutReport): void {
  console.log(`\n  ${title}:`);
  console.log(`    ${'charter questions, every fact'.padEnd(46)} ${fmt(h.charter.charterQuestions)}`);
  console.log(`    ${'intent'.padEnd(46)} ${fmt(h.charter.intent)}`);
  console.log(`    ${'unanswerable: declines or offers a human'.padEnd(46)} ${fmt(h.unanswerable)} (${h.unanswerable.hedged} with a hedged passage)`);
  console.log(`    ${'out of scope: declines or offers a human'.padEnd(46)} ${fmt(h.outOfScope)}`);
}
printHoldout('Set 3 (own/holdout-3.jsonl, the previous holdout, studied since)', own.set3);
printHoldout('Last holdout (own/holdout-4.jsonl: scores only, misses not studied)', own.holdout);

if (llmSteps) {
  console.log('\n  Generative layer steps (ok, or why the lexical path answered):');
  for (const [stage, outcomes] of Object.entries(llmSteps)) {
    console.log(`    ${stage.padEnd(16)} ${Object.entries(outcomes).map(([o, n]) => `${o} ${n}`).join(', ')}`);
  }
  console.log('\n  (threshold sweep skipped with --llm: the layer never changes whether the bot declines; run without --llm for it)');
}

if (thresholds.length) {
  console.log('\n  Confidence threshold trade-off (all sets; answerable = charter questions with facts to find):');
  console.log('    threshold | answerable: correct (hedged)   wrong      declined   | unanswerable/out-of-scope: declined (hedged)   answered');
  for (const r of thresholds) {
    const n = r.correct + r.wrong + r.declined;
    const m = r.rejected + r.answered;
    const p = (x: number, t: number) => `${String(x).padStart(4)} (${((x / Math.max(1, t)) * 100).toFixed(0).padStart(3)} %)`;
    console.log(`    ${r.threshold.toFixed(2).padStart(9)} | ${p(r.correct, n)} ${String(r.correctHedged).padStart(4)}  ${p(r.wrong, n)} ${p(r.declined, n)} | ${p(r.rejected, m)} ${String(r.rejectedHedged).padStart(4)}  ${p(r.answered, m)}`);
  }
  console.log('    (hedged: the closest passage shown with « je ne suis pas certain » and the offer of an ambassador)');
}

if (arg !== 'none') {
  console.log('\nMisses');
  for (const s of sets) {
    if (arg && arg !== s.name && arg !== 'own') continue;
    const r = s.report;
    printMisses(`${s.name} — intent`, r.intent.misses);
    printMisses(`${s.name} — charter facts`, r.charterQuestions.misses);
    printMisses(`${s.name} — out of scope`, r.outOfScope.misses);
    printMisses(`${s.name} — escalation`, r.escalation.misses);
    printMisses(`${s.name} — verdicts`, r.verdicts.misses);
    printMisses(`${s.name} — UNSAFE ALLOWS`, r.unsafeAllows);
    printMisses(`${s.name} — alternative`, r.alternative.misses);
  }
  if (arg === 'holdout') {
    printMisses('holdout — charter', own.holdout.charter.charterQuestions.misses);
    printMisses('holdout — unanswerable', own.holdout.unanswerable.misses);
    printMisses('holdout — out of scope', own.holdout.outOfScope.misses);
  }
  if (!arg || arg === 'own' || arg === 'set-3') {
    printMisses('set 3 — charter', [...own.set3.charter.intent.misses, ...own.set3.charter.charterQuestions.misses]);
    printMisses('set 3 — unanswerable', own.set3.unanswerable.misses);
    printMisses('set 3 — out of scope', own.set3.outOfScope.misses);
  }
  if (!arg || arg === 'own') {
    printMisses('own — paraphrases', [...own.paraphrases.intent.misses, ...own.paraphrases.charterQuestions.misses]);
    printMisses('own — unanswerable', own.unanswerable.misses);
    printMisses('own — out of scope', own.outOfScope.misses);
  }
  if (!arg) {
    printMisses('PII missed', pii.misses.map((m: { id?: string; type: string; value: string }) => ({ id: m.id ?? '', q: m.value, detail: m.type })));
    printMisses('PII false positives', pii.falsePositives.map((m: { id?: string; type: string; value: string }) => ({ id: m.id ?? '', q: m.value, detail: m.type })));
  }
}
console.log(`\n(${((performance.now() - started) / 1000).toFixed(1)} s)`);
