import { join } from 'node:path';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import { CharterRetriever } from '../../src/knowledge/retriever.js';
import type { KbEntry } from '../../src/knowledge/types.js';
import { readJsonl, type EvalItem } from '../eval/scoring.js';
import { EVAL_DIR } from '../eval/evaluate.js';
import { summarise, ms } from './stats.js';

/** Per-turn latency of the whole core (shield, routing, retrieval, policy, dialogs) over N questions. */
export async function benchTurns(n = 10_000): Promise<[string, string][]> {
  const app = createApp({ config: loadConfig({}), logger: silentLogger(), watch: false, databasePath: ':memory:' });
  const questions = readJsonl<EvalItem>(join(EVAL_DIR, 'dev.jsonl')).map((i) => i.q);
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const q = questions[i % questions.length]!;
    const t = performance.now();
    await app.bot.handle({ channel: 'bench', conversationId: `c${i}`, user: { id: `u${i % 50}` }, text: q });
    samples.push(performance.now() - t);
  }
  await app.close();
  const s = summarise(samples);
  return [[`core turn latency (${n.toLocaleString('en')} questions)`, `p50 ${ms(s.p50)}   p99 ${ms(s.p99)}   max ${ms(s.max)}`]];
}

const WORDS = 'agent usager donnée outil application portail sécurité formation charte préfecture dossier courrier note rapport service direction réunion projet analyse traduction résumé image données personnelles confidentialité risque cyber éthique validation décision ambassadeur réseau culture pratique innovation efficacité'.split(' ');

function syntheticEntries(n: number): KbEntry[] {
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const phrase = (k: number) => Array.from({ length: k }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join(' ') + ` terme${Math.floor(rnd() * n)}`;
  return Array.from({ length: n }, (_, i) => ({
    id: `synth-${i}`,
    title: phrase(6),
    questions: [phrase(8), phrase(8), phrase(8)],
    tags: [WORDS[i % WORDS.length]!],
    sources: [{ doc: 'bench', label: 'bench' }],
    updated: '2026-11-28',
    related: [],
    body: phrase(60),
    file: `synth-${i}.md`,
  }));
}

/** Index build time and query latency on a synthetic 10,000-entry knowledge base. */
export function benchIndex(n = 10_000, queries = 2_000): [string, string][] {
  const entries = syntheticEntries(n);
  const t0 = performance.now();
  const retriever = CharterRetriever.fromEntries(entries, { synonyms: [] });
  const build = performance.now() - t0;
  const samples: number[] = [];
  for (let i = 0; i < queries; i++) {
    const q = `${entries[(i * 7919) % n]!.questions[0]} ${i % 3 === 0 ? 'formaton' : ''}`;
    const t = performance.now();
    retriever.search(q, 4);
    samples.push(performance.now() - t);
  }
  const s = summarise(samples);
  return [
    [`index build (${n.toLocaleString('en')} entries)`, ms(build)],
    [`query latency (${queries.toLocaleString('en')} queries)`, `p50 ${ms(s.p50)}   p99 ${ms(s.p99)}`],
  ];
}
