import type { Logger } from 'pino';
import type { KnowledgeSnapshot } from '../knowledge/snapshot.js';
import type { KbEntry, KbHit } from '../knowledge/types.js';
import type { Assessment } from '../policy/types.js';
import type { LlmOutcome, LlmStage, Metrics } from '../metrics.js';
import { LlmTimeoutError, type LlmClient } from './client.js';
import { DenseIndex, InvalidVectorsError } from './dense-index.js';
import { authoritativeOrder, FUSION_DEPTH, HybridRetriever } from './hybrid-retriever.js';
import { parseRewrite, rewritePrompt } from './rewrite.js';
import { groundedPrompt, verifyGrounded, type GroundedSentence } from './grounded.js';
import { phrasable, verdictPrompt, verifyVerdict } from './verdict-phrasing.js';

/**
 * The optional generative layer, as the dialogs see it: hybrid retrieval, rewriting of long
 * questions, grounded wording of answers and of verdict explanations. Every step has a deadline
 * taken from one budget per turn; any failure (timeout, HTTP error, unusable answer, a check that
 * fails) gives `undefined` or the lexical hits unchanged, and is counted and logged — never with
 * a text. The dialogs then answer exactly as without the layer.
 */

/** Below this much time left, a step is not even started. */
const MIN_STEP_MS = 50;
/** After a failed build of the entry embeddings, how long before trying again. */
const REBUILD_AFTER_MS = 60_000;

/** The time the layer may still spend in this turn. */
export class TurnBudget {
  private readonly deadline: number;
  constructor(ms: number) {
    this.deadline = performance.now() + ms;
  }
  remaining(): number {
    return Math.max(0, Math.round(this.deadline - performance.now()));
  }
}

export interface LlmLayerOptions {
  client: LlmClient;
  logger: Logger;
  metrics: Metrics;
  /** Folder of the entry embeddings cache. */
  cacheDir: string;
  /** Most time the layer may add to one turn (LLM_TIMEOUT_MS). */
  turnBudgetMs: number;
  /** Questions longer than this are rewritten for retrieval (LLM_REWRITE_MIN_CHARS). */
  rewriteMinChars: number;
  /** Deadline of embedding every entry at load, in the background. */
  loadTimeoutMs?: number;
}

interface DenseState {
  index?: DenseIndex;
  building?: Promise<void>;
  failedAt?: number;
}

function outcomeOf(e: unknown): LlmOutcome {
  if (e instanceof LlmTimeoutError) return 'timeout';
  const name = (e as Error | undefined)?.name ?? '';
  if (/Timeout|Abort/i.test(name)) return 'timeout';
  if (e instanceof InvalidVectorsError || e instanceof TypeError || e instanceof SyntaxError) return 'invalid';
  return 'error';
}

export class LlmLayer {
  private readonly dense = new WeakMap<readonly KbEntry[], DenseState>();

  constructor(private readonly opts: LlmLayerOptions) {}

  get embeddings(): boolean {
    return !!this.opts.client.embeddingsModel;
  }

  get chat(): boolean {
    return !!this.opts.client.chatModel;
  }

  budget(): TurnBudget {
    return new TurnBudget(this.opts.turnBudgetMs);
  }

  private record(stage: LlmStage, outcome: LlmOutcome, started: number, extra: Record<string, unknown> = {}): void {
    this.opts.metrics.llm?.(stage, outcome);
    const ms = Math.round(performance.now() - started);
    if (outcome === 'ok') this.opts.logger.debug({ llm: stage, outcome, ms, ...extra }, 'llm step done');
    else this.opts.logger.warn({ llm: stage, outcome, ms, ...extra }, 'llm step fell back to the lexical path');
  }

  /** Starts computing the entries' embeddings of `kb` in the background (once per knowledge). */
  warm(kb: KnowledgeSnapshot): void {
    if (!this.embeddings) return;
    const state = this.dense.get(kb.entries) ?? {};
    this.dense.set(kb.entries, state);
    if (state.index || state.building) return;
    if (state.failedAt !== undefined && performance.now() - state.failedAt < REBUILD_AFTER_MS) return;
    const started = performance.now();
    state.building = DenseIndex.build(kb.entries, this.opts.client, this.opts.cacheDir, this.opts.loadTimeoutMs ?? 60_000)
      .then((built) => {
        state.index = built.index;
        delete state.failedAt;
        this.record('embed_entries', 'ok', started);
        this.opts.logger.info({ entries: built.index.size, cached: built.cached, embedded: built.embedded, cache: built.cache, ms: Math.round(performance.now() - started) }, 'entry embeddings ready: hybrid retrieval on');
        if (built.writeError) this.opts.logger.warn({ code: built.writeError, dir: this.opts.cacheDir }, 'cannot write the entry embeddings cache (LLM_CACHE_DIR): they will be computed again at the next start');
      })
      .catch((e: unknown) => {
        state.failedAt = performance.now();
        this.record('embed_entries', outcomeOf(e), started, { status: (e as { status?: number }).status });
      })
      .finally(() => {
        delete state.building;
      });
  }

  /** Resolves once the embeddings of `kb` are built or failed (tests, eval). */
  async ready(kb: KnowledgeSnapshot): Promise<boolean> {
    this.warm(kb);
    await this.dense.get(kb.entries)?.building;
    return !!this.dense.get(kb.entries)?.index;
  }

  /** A long question rewritten into one search question, or undefined. */
  async rewrite(question: string, budget: TurnBudget): Promise<string | undefined> {
    if (!this.chat || question.length <= this.opts.rewriteMinChars) return undefined;
    const started = performance.now();
    const ms = budget.remaining();
    if (ms < MIN_STEP_MS) return void this.record('rewrite', 'timeout', started);
    try {
      const rewritten = parseRewrite(await this.opts.client.chat(rewritePrompt(question), ms));
      this.record('rewrite', rewritten ? 'ok' : 'invalid', started);
      return rewritten;
    } catch (e) {
      return void this.record('rewrite', outcomeOf(e), started, { status: (e as { status?: number }).status });
    }
  }

  /**
   * The charter dialog's hits: the lexical hits (confidences unchanged) in the order of the hybrid
   * ranking among the confident ones (`authoritativeOrder`); the lexical hits as they are when
   * nothing is available in time.
   */
  async retrieve(kb: KnowledgeSnapshot, question: string, lexicalHits: KbHit[], budget: TurnBudget): Promise<KbHit[]> {
    if (!lexicalHits.length) return lexicalHits;
    const rewrite = await this.rewrite(question, budget);
    if (!this.embeddings && !rewrite) return lexicalHits;
    this.warm(kb);
    const state = this.dense.get(kb.entries);
    const started = performance.now();
    const hybrid = new HybridRetriever({
      lexical: kb.retriever,
      ...(this.embeddings
        ? {
            dense: () => state?.index,
            embedQuery: async (text: string) => {
              const ms = budget.remaining();
              if (ms < MIN_STEP_MS) throw new LlmTimeoutError(ms);
              const [v] = await this.opts.client.embed([text], ms);
              return v as number[];
            },
          }
        : {}),
    });
    const { hits, dense, error } = await hybrid.search(question, { lexicalHits, k: FUSION_DEPTH, ...(rewrite ? { rewrite } : {}) });
    if (dense === 'ok') this.record('embed_query', 'ok', started);
    else if (dense === 'failed') this.record('embed_query', outcomeOf(error), started, { status: (error as { status?: number }).status });
    else if (dense === 'not_ready') this.opts.logger.debug({ llm: 'embed_query' }, 'entry embeddings not ready yet: lexical retrieval');
    return authoritativeOrder(lexicalHits, hits, kb.threshold);
  }

  /** The answer phrased from `entries` only, each sentence checked against its entry; undefined to keep the lexical answer. */
  async phraseAnswer(question: string, entries: readonly KbEntry[], budget: TurnBudget): Promise<GroundedSentence[] | undefined> {
    if (!this.chat || !entries.length) return undefined;
    const started = performance.now();
    const ms = budget.remaining();
    if (ms < MIN_STEP_MS) return void this.record('phrase_answer', 'timeout', started);
    try {
      const result = verifyGrounded(await this.opts.client.chat(groundedPrompt(question, entries), ms), entries);
      this.record('phrase_answer', result.ok ? 'ok' : result.reason, started, { dropped: result.dropped });
      return result.ok ? result.sentences : undefined;
    } catch (e) {
      return void this.record('phrase_answer', outcomeOf(e), started, { status: (e as { status?: number }).status });
    }
  }

  /** The verdict's explanation phrased, never contradicting it; undefined to keep the engine's text. */
  async phraseVerdict(question: string, a: Assessment, budget: TurnBudget): Promise<string | undefined> {
    if (!this.chat || !phrasable(a)) return undefined;
    const started = performance.now();
    const ms = budget.remaining();
    if (ms < MIN_STEP_MS) return void this.record('phrase_verdict', 'timeout', started);
    try {
      const result = verifyVerdict(await this.opts.client.chat(verdictPrompt(question, a), ms), a);
      this.record('phrase_verdict', result.ok ? 'ok' : result.reason, started);
      return result.ok ? result.explanation : undefined;
    } catch (e) {
      return void this.record('phrase_verdict', outcomeOf(e), started, { status: (e as { status?: number }).status });
    }
  }
}
