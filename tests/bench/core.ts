import { join } from 'node:path';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import { CharterRetriever } from '../../src/knowledge/retriever.js';
import type { KbEntry } from '../../src/knowledge/types.js';
import { readJsonl, type EvalItem } from '../eval/scoring.js';
import { EVAL_DIR } from '../eval/evaluate.js';
import { summarise, ms } from './stats.js';
import { focusQuestion } from '../../src/knowledge/focus.js';

function devQuestions(): string[] {
  return ['dev.jsonl', 'dev-2.jsonl'].flatMap((f) => readJsonl<EvalItem>(join(EVAL_DIR, f)).map((i) => i.q));
}

/** Cost of the question-understanding steps on the real knowledge base, per question. */
export async function benchUnderstanding(n = 10_000): Promise<[string, string][]> {
  const app = createApp({ config: loadConfig({}), logger: silentLogger(), watch: false, databasePath: ':memory:' });
  const retriever = app.knowledge.current().retriever;
  const questions = devQuestions();
  const time = (f: (q: string) => unknown, count = n): ReturnType<typeof summarise> => {
    const samples: number[] = [];
    for (let i = 0; i < count; i++) {
      const q = questions[i % questions.length]!;
      const t = performance.now();
      f(q);
      samples.push(performance.now() - t);
    }
    return summarise(samples);
  };
  const focus = time((q) => focusQuestion(q));
  const plan = time((q) => retriever.plan(q));
  const search = time((q) => retriever.search(q, 4));
  const email = `${'Bonjour, suite à notre réunion de ce matin, mon chef m’a dit que la charte s’applique à tous. '.repeat(60)}Qui l’a signée ?`;
  const long = Array.from({ length: 50 }, () => email).join('\n');
  const big = time(() => retriever.search(long.slice(0, 2_000), 4), 500);
  const words = long.split(/\s+/).length;
  const bigFocus = time(() => focusQuestion(long), 50);
  await app.close();
  const row = (label: string, st: ReturnType<typeof summarise>): [string, string] => [label, `p50 ${ms(st.p50)}   p99 ${ms(st.p99)}`];
  return [
    row(`question focus (${n.toLocaleString('en')} dev questions)`, focus),
    row('focus + analysis + concepts (query plan)', plan),
    row('full search (plan, BM25F, confidence)', search),
    row('search on a 2,000-character e-mail thread', big),
    row(`focus on a ${words.toLocaleString('en')}-word message`, bigFocus),
  ];
}

/** Per-turn latency of the whole core (shield, routing, retrieval, policy, dialogs) over N questions. */
export async function benchTurns(n = 10_000): Promise<[string, string][]> {
  const app = createApp({ config: loadConfig({}), logger: silentLogger(), watch: false, databasePath: ':memory:' });
  const questions = devQuestions();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const q = questions[i % questions.length]!;
    const t = performance.now();
    await app.bot.handle({ channel: 'bench', conversationId: `c${i}`, user: { id: `u${i % 50}` }, text: q });
    samples.push(performance.now() - t);
  }
  await app.close();
  const s = summarise(samples);
  return [[`core turn latency (${n.toLocaleString('en')} dev and dev-2 questions)`, `p50 ${ms(s.p50)}   p99 ${ms(s.p99)}   max ${ms(s.max)}`]];
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
