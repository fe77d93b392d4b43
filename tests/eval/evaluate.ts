import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import { askOne, type AskResult } from '../../src/ask.js';
import { stockBm25Search } from '../../src/knowledge/stock-bm25.js';
import { scorePii } from '../../src/privacy/score.js';
import { readJsonl, scoreDev, mentions, type EvalItem, type EvalReport, type Ratio } from './scoring.js';

export const EVAL_DIR = dirname(fileURLToPath(import.meta.url));

export interface RetrieverComparison {
  ours: Ratio;
  stock: Ratio;
}

export interface FullReport {
  dev: EvalReport;
  results: AskResult[];
  retrieval: RetrieverComparison;
  pii: ReturnType<typeof scorePii>;
  items: EvalItem[];
  /** Our own paraphrases of the circular's facts (other wording than the dev set). */
  paraphrases: EvalReport;
  /** In-domain questions the circular does not answer: the bot must say so or offer a human. */
  unanswerable: Ratio;
}

const HONEST = /ne (?:précise|detaille|détaille|dit|mentionne|prévoit|fixe|donne|indique|cite|parle)|je ne trouve pas|pas de réponse sûre/i;

/** Runs the dev sets through the real bot (the `ask` machine interface) and scores them. */
export async function evaluate(devFile = join(EVAL_DIR, 'dev.jsonl'), piiFile = join(EVAL_DIR, 'pii-dev.jsonl')): Promise<FullReport> {
  const app = createApp({ config: loadConfig({}), logger: silentLogger(), watch: false, databasePath: ':memory:' });
  try {
    const items = readJsonl<EvalItem>(devFile);
    const results: AskResult[] = [];
    for (const item of items) results.push(await askOne(app.bot, item.q, item.id));
    const dev = scoreDev(items, results);

    // Retrieval alone: is every required fact in the top entry, ours vs langchain's stock BM25?
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

    const piiCases = readJsonl<{ id: string; text: string; pii: { type: string; value: string }[] }>(piiFile);
    const pii = scorePii(piiCases, kb.shield);
    const paraItems = readJsonl<EvalItem>(join(EVAL_DIR, 'paraphrases.jsonl'));
    const paraResults: AskResult[] = [];
    for (const item of paraItems) paraResults.push(await askOne(app.bot, item.q, item.id));
    const paraphrases = scoreDev(paraItems, paraResults);

    const unanswerable: Ratio = { ok: 0, total: 0, misses: [] };
    for (const item of readJsonl<EvalItem>(join(EVAL_DIR, 'unanswerable.jsonl'))) {
      const res = await askOne(app.bot, item.q, item.id);
      unanswerable.total++;
      if (res.escalate || HONEST.test(res.answer)) unanswerable.ok++;
      else unanswerable.misses.push({ id: item.id, q: item.q, detail: `answered from ${res.sources.map((x) => x.id).join(', ')} (${res.confidence})` });
    }
    return { dev, results, retrieval: { ours, stock }, pii, items, paraphrases, unanswerable };
  } finally {
    await app.close();
  }
}
