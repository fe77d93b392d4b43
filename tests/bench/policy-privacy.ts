import { join } from 'node:path';
import { loadKnowledge } from '../../src/knowledge/snapshot.js';
import { assessToolQuestion } from '../../src/policy/index.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { readJsonl, type EvalItem } from '../eval/scoring.js';
import { EVAL_DIR } from '../eval/evaluate.js';
import { summarise, ms } from './stats.js';

/** Redaction throughput (messages/s, MB/s) and tool-check latency. */
export function benchPolicyPrivacy(rounds = 400): [string, string][] {
  const kb = loadKnowledge(join(PROJECT_ROOT, 'knowledge'));
  const pii = readJsonl<{ text: string }>(join(EVAL_DIR, 'pii-dev.jsonl')).map((c) => c.text);
  const dev = readJsonl<EvalItem>(join(EVAL_DIR, 'dev.jsonl'));
  const messages = [...pii, ...dev.map((d) => d.q)];
  const bytes = messages.reduce((n, m) => n + Buffer.byteLength(m), 0);
  for (const m of messages) kb.shield.redact(m); // warm-up
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) for (const m of messages) kb.shield.redact(m);
  const seconds = (performance.now() - t0) / 1000;
  const count = rounds * messages.length;

  const toolQuestions = dev.filter((d) => d.intent === 'tool_check').map((d) => d.q);
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of toolQuestions) {
      const t = performance.now();
      assessToolQuestion(q, { policy: kb.policy, piiTypes: [] });
      samples.push(performance.now() - t);
    }
  }
  const s = summarise(samples);
  return [
    [`redaction (${count.toLocaleString('en')} messages)`, `${Math.round(count / seconds).toLocaleString('en')} messages/s   ${((bytes * rounds) / 1e6 / seconds).toFixed(2)} MB/s`],
    [`tool check (${samples.length.toLocaleString('en')} assessments)`, `p50 ${ms(s.p50)}   p99 ${ms(s.p99)}`],
  ];
}
