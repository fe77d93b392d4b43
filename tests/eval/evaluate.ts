import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, type App } from '../../src/app.js';
import { loadConfig, type Env } from '../../src/config.js';
import { NO_METRICS, type Metrics } from '../../src/metrics.js';
import { silentLogger } from '../../src/logger.js';
import { askOne, type AskResult } from '../../src/ask.js';
import { stockBm25Search } from '../../src/knowledge/stock-bm25.js';
import { scorePii } from '../../src/privacy/score.js';
import { readJsonl, scoreDev, mentions, type EvalItem, type EvalReport, type Ratio } from './scoring.js';

export const EVAL_DIR = dirname(fileURLToPath(import.meta.url));
/** Our own sets, written from the circular without reading the dev sets. */
export const OWN_DIR = join(EVAL_DIR, 'own');

export interface RetrieverComparison {
  ours: Ratio;
  stock: Ratio;
}

export interface SetReport {
  name: string;
  items: EvalItem[];
  results: AskResult[];
  report: EvalReport;
  retrieval: RetrieverComparison;
}

/** One row of the precision/recall trade-off: what the bot does at a given confidence threshold. */
export interface ThresholdRow {
  threshold: number;
  /** Answerable charter questions (dev, dev-2, own). */
  correct: number;
  /** Of `correct`: shown as the closest passage with a caveat (below the threshold). */
  correctHedged: number;
  wrong: number;
  declined: number;
  /** Unanswerable and out-of-scope questions: declined (or a human offered) vs answered. */
  rejected: number;
  /** Of `rejected`: a passage was shown with a caveat and the offer of a human. */
  rejectedHedged: number;
  answered: number;
}

export interface FullReport {
  /** The first dev set (dev.jsonl), kept as `dev` for the floors. */
  dev: EvalReport;
  sets: SetReport[];
  pii: ReturnType<typeof scorePii>;
  own: {
    /** Our paraphrases of the circular's facts (other wording than the dev sets). */
    paraphrases: EvalReport;
    /** In-domain questions the circular does not answer: the bot must say so or offer a human. */
    unanswerable: Rejection;
    /** Questions outside the bot's scope: declined or handed to a human. */
    outOfScope: Rejection;
    /**
     * The previous holdout (own/holdout-3.jsonl), written from the circular alone by someone who
     * saw nothing else; studied since holdout-4 replaced it (`--misses=set-3`).
     */
    set3: HoldoutReport;
    /**
     * The last set written from the circular alone, late, by someone who saw nothing else
     * (own/holdout-4.jsonl): its score is read, its misses are not studied (`--misses=holdout`
     * prints them, for the record).
     */
    holdout: HoldoutReport;
  };
  thresholds: ThresholdRow[];
  /** With `llm`: what the generative layer did (ok, or why the lexical answer was kept). */
  llmSteps?: LlmSteps;
}

export interface HoldoutReport {
  charter: EvalReport;
  unanswerable: Rejection;
  outOfScope: Rejection;
}

const HONEST = /ne (?:précise|detaille|détaille|dit|mentionne|prévoit|fixe|donne|indique|cite|parle|dresse|nomme|liste)|je ne trouve pas|pas de réponse sûre/i;

/** The closest passage shown with a caveat (dialogs/charter-answer.ts, `hedgedReply`). */
export function hedged(res: AskResult): boolean {
  return res.answer.startsWith('Je ne suis pas certain d’avoir bien compris votre question.');
}

/** True when the bot declined: said it does not know, handed over to a human, or said it is out of scope. */
export function declined(res: AskResult): boolean {
  return res.escalate || res.intent === 'out_of_scope' || HONEST.test(res.answer);
}

export const DEV_SETS = [
  { name: 'dev', file: join(EVAL_DIR, 'dev.jsonl') },
  { name: 'dev-2', file: join(EVAL_DIR, 'dev-2.jsonl') },
];

/** The variables of the generative layer, read from the environment for `--llm`. */
export const LLM_VARS = ['LLM_BASE_URL', 'LLM_API_KEY', 'LLM_MODEL', 'EMBEDDINGS_MODEL', 'LLM_TIMEOUT_MS', 'LLM_REWRITE_MIN_CHARS', 'LLM_CACHE_DIR'] as const;

/** Steps of the generative layer during a run: stage → outcome → count. */
export type LlmSteps = Record<string, Record<string, number>>;

function newApp(threshold?: number, llm?: { env: Env; steps: LlmSteps }): App {
  const env: Env = { ...(threshold === undefined ? {} : { CONFIDENCE_THRESHOLD: String(threshold) }), ...(llm?.env ?? {}) };
  const metrics: Metrics | undefined = llm
    ? {
        ...NO_METRICS,
        llm(stage, outcome) {
          const row = (llm.steps[stage] ??= {});
          row[outcome] = (row[outcome] ?? 0) + 1;
        },
      }
    : undefined;
  return createApp({ config: loadConfig(env), logger: silentLogger(), watch: false, databasePath: ':memory:', ...(metrics ? { metrics } : {}) });
}

async function askAll(app: App, items: readonly { id: string; q: string }[]): Promise<AskResult[]> {
  const out: AskResult[] = [];
  for (const item of items) out.push(await askOne(app.bot, item.q, item.id));
  return out;
}

async function compareRetrievers(app: App, items: readonly EvalItem[]): Promise<RetrieverComparison> {
  const kb = app.knowledge.current();
  const ours: Ratio = { ok: 0, total: 0, misses: [] };
  const stock: Ratio = { ok: 0, total: 0, misses: [] };
  for (const item of items.filter((i) => i.must_mention)) {
    const top = kb.retriever.search(item.q, 1)[0]?.entry;
    const stockTop = kb.byId.get((await stockBm25Search(kb.entries, item.q, 1))[0] ?? '');
    for (const [target, entry] of [[ours, top], [stock, stockTop]] as const) {
      target.total++;
      const body = entry ? `${entry.title}\n${entry.body}` : '';
      if (item.must_mention!.every((fact) => fact.some((s) => mentions(body, s)))) target.ok++;
      else target.misses.push({ id: item.id, q: item.q, detail: `top entry ${entry?.id ?? 'none'}` });
    }
  }
  return { ours, stock };
}

export interface Rejection extends Ratio {
  /** Of `ok`: the closest passage was shown with a caveat and the offer of a human. */
  hedged: number;
}

function rejection(items: readonly EvalItem[], results: readonly AskResult[]): Rejection {
  const r: Rejection = { ok: 0, total: 0, misses: [], hedged: 0 };
  items.forEach((item, i) => {
    const res = results[i]!;
    r.total++;
    if (hedged(res)) r.hedged++;
    if (declined(res)) r.ok++;
    else r.misses.push({ id: item.id, q: item.q, detail: `answered from ${res.sources.map((x) => x.id).join(', ') || res.intent} (${res.confidence})` });
  });
  return r;
}

const ownFile = (name: string) => join(OWN_DIR, name);
const readAll = (...files: string[]): EvalItem[] => files.flatMap((f) => readJsonl<EvalItem>(f));

function splitHoldout(items: EvalItem[]): { charter: EvalItem[]; unanswerable: EvalItem[]; outOfScope: EvalItem[] } {
  return {
    charter: items.filter((i) => i.must_mention),
    unanswerable: items.filter((i) => (i as { unanswerable?: boolean }).unanswerable),
    outOfScope: items.filter((i) => i.escalate_or_decline || i.intent === 'out_of_scope'),
  };
}

async function scoreHoldout(app: App, parts: ReturnType<typeof splitHoldout>): Promise<HoldoutReport> {
  return {
    charter: scoreDev(parts.charter, await askAll(app, parts.charter)),
    unanswerable: rejection(parts.unanswerable, await askAll(app, parts.unanswerable)),
    outOfScope: rejection(parts.outOfScope, await askAll(app, parts.outOfScope)),
  };
}

/** Runs the dev sets, our own sets and the threshold sweep through the real bot (the `ask` interface). */
export async function evaluate(
  opts: { sets?: { name: string; file: string }[]; piiFile?: string; thresholds?: number[]; llm?: Env } = {},
): Promise<FullReport> {
  const llm = opts.llm ? { env: opts.llm, steps: {} as LlmSteps } : undefined;
  const app = newApp(undefined, llm);
  // With the layer: wait for the entry embeddings (built in the background) so that every question is scored hybrid.
  if (app.services.llm) await app.services.llm.ready(app.knowledge.current());
  try {
    const sets: SetReport[] = [];
    for (const { name, file } of opts.sets ?? DEV_SETS) {
      const items = readJsonl<EvalItem>(file);
      const results = await askAll(app, items);
      sets.push({ name, items, results, report: scoreDev(items, results), retrieval: await compareRetrievers(app, items) });
    }
    const kb = app.knowledge.current();
    const piiCases = readJsonl<{ id: string; text: string; pii: { type: string; value: string }[] }>(opts.piiFile ?? join(EVAL_DIR, 'pii-dev.jsonl'));
    const pii = scorePii(piiCases, kb.shield);

    const paraItems = readAll(ownFile('paraphrases.jsonl'), ownFile('charter-2.jsonl'));
    const paraphrases = scoreDev(paraItems, await askAll(app, paraItems));
    const unkItems = readAll(ownFile('unanswerable.jsonl'), ownFile('unanswerable-2.jsonl'));
    const unanswerable = rejection(unkItems, await askAll(app, unkItems));
    const oosItems = readAll(ownFile('out-of-scope-2.jsonl'));
    const outOfScope = rejection(oosItems, await askAll(app, oosItems));

    const set3Items = splitHoldout(readAll(ownFile('holdout-3.jsonl')));
    const set3 = await scoreHoldout(app, set3Items);
    const holdout = await scoreHoldout(app, splitHoldout(readAll(ownFile('holdout-4.jsonl'))));

    // The sweep calibrates on every studied set (never on the last holdout).
    const answerable = [...sets.flatMap((s) => s.items), ...paraItems, ...set3Items.charter].filter((i) => i.must_mention);
    const rejectable = [...unkItems, ...oosItems, ...set3Items.unanswerable, ...set3Items.outOfScope, ...sets.flatMap((s) => s.items).filter((i) => i.escalate_or_decline)];
    const thresholds: ThresholdRow[] = [];
    for (const threshold of opts.thresholds ?? [0.05, 0.07, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5]) {
      const swept = newApp(threshold);
      try {
        const row: ThresholdRow = { threshold, correct: 0, correctHedged: 0, wrong: 0, declined: 0, rejected: 0, rejectedHedged: 0, answered: 0 };
        const answers = await askAll(swept, answerable);
        answerable.forEach((item, i) => {
          const res = answers[i]!;
          if (item.must_mention!.every((fact) => fact.some((s) => mentions(res.answer, s)))) {
            row.correct++;
            if (hedged(res)) row.correctHedged++;
          }
          else if (res.sources.length === 0 || declined(res)) row.declined++;
          else row.wrong++;
        });
        for (const res of await askAll(swept, rejectable)) {
          if (declined(res)) {
            row.rejected++;
            if (hedged(res)) row.rejectedHedged++;
          } else row.answered++;
        }
        thresholds.push(row);
      } finally {
        await swept.close();
      }
    }
    return { dev: sets[0]!.report, sets, pii, own: { paraphrases, unanswerable, outOfScope, set3, holdout }, thresholds, ...(llm ? { llmSteps: llm.steps } : {}) };
  } finally {
    await app.close();
  }
}
