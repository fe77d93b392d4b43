import type { Logger } from 'pino';
import type { AppConfig } from '../config.js';
import type { Metrics } from '../metrics.js';
import type { PrivacyShield } from '../privacy/shield.js';
import { OpenAiCompatibleClient, type LlmClient } from './client.js';
import { LlmLayer } from './layer.js';

export { LlmLayer, TurnBudget } from './layer.js';
export type { GroundedSentence } from './grounded.js';

/** Deadline of one embeddings request at knowledge load (in the background, so generous). */
const LOAD_TIMEOUT_MS = 60_000;

/**
 * The generative layer configured by LLM_BASE_URL, LLM_MODEL, EMBEDDINGS_MODEL… or undefined when
 * LLM_BASE_URL is unset (the default): the bot then works exactly as without it.
 */
export function createLlmLayer(
  config: AppConfig,
  deps: { logger: Logger; metrics: Metrics; shield: () => PrivacyShield; client?: LlmClient },
): LlmLayer | undefined {
  if (!config.LLM_BASE_URL) return undefined;
  const logger = deps.logger.child({ component: 'llm' });
  const client =
    deps.client ??
    new OpenAiCompatibleClient({
      baseURL: config.LLM_BASE_URL,
      apiKey: config.LLM_API_KEY,
      chatModel: config.LLM_MODEL,
      embeddingsModel: config.EMBEDDINGS_MODEL,
      shield: deps.shield,
      requestTimeoutMs: Math.max(config.LLM_TIMEOUT_MS, LOAD_TIMEOUT_MS),
      onMasked: (findings) => {
        deps.metrics.llm?.('outgoing', 'masked');
        logger.error({ llm: 'outgoing', findings }, 'personal data reached the LLM guard and was masked there: a text was not redacted upstream');
      },
    });
  logger.info({ chat: !!config.LLM_MODEL, embeddings: !!config.EMBEDDINGS_MODEL, timeoutMs: config.LLM_TIMEOUT_MS }, 'generative layer on');
  return new LlmLayer({
    client,
    logger,
    metrics: deps.metrics,
    cacheDir: config.LLM_CACHE_DIR,
    turnBudgetMs: config.LLM_TIMEOUT_MS,
    rewriteMinChars: config.LLM_REWRITE_MIN_CHARS,
    loadTimeoutMs: LOAD_TIMEOUT_MS,
  });
}
