/**
 * `node --import tsx tests/eval/compare.ts [devFile…]`: routing figures (intent, verdicts, unsafe
 * allows, escalation, out of scope) per dev set, with the misses. Defaults to dev.jsonl and, when
 * present, dev-2.jsonl. VERBOSE=1 lists every item's intent and verdict.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate, EVAL_DIR } from './evaluate.js';
import { pct, type Ratio } from './scoring.js';

const fmt = (r: Ratio) => `${(pct(r) * 100).toFixed(1).padStart(5)} %  (${r.ok}/${r.total})`;
const files = process.argv.slice(2);
const defaults = [join(EVAL_DIR, 'dev.jsonl'), join(EVAL_DIR, 'dev-2.jsonl')].filter((f) => existsSync(f));
for (const file of files.length ? files : defaults) {
  const { dev, results, items } = await evaluate(file);
  console.log(`\n== ${file}`);
  console.log(`  intent       ${fmt(dev.intent)}`);
  console.log(`  verdicts     ${fmt(dev.verdicts)}`);
  console.log(`  unsafe       ${dev.unsafeAllows.length}`);
  console.log(`  escalation   ${fmt(dev.escalation)}`);
  console.log(`  out of scope ${fmt(dev.outOfScope)}`);
  console.log(`  charter q    ${fmt(dev.charterQuestions)}`);
  const byId = new Map(items.map((it, i) => [it.id, results[i]!]));
  for (const [name, r] of [['intent', dev.intent], ['verdicts', dev.verdicts], ['escalation', dev.escalation], ['out of scope', dev.outOfScope]] as const) {
    for (const m of r.misses) console.log(`  [${name}] ${m.id} « ${m.q.slice(0, 160)} » → ${m.detail}`);
  }
  for (const m of dev.unsafeAllows) console.log(`  [UNSAFE] ${m.id} « ${m.q.slice(0, 160)} » → ${m.detail}`);
  if (process.env.VERBOSE) for (const [id, res] of byId) console.log(`  ${id} ${res.intent} ${res.verdict ?? ''}`);
}
