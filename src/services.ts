import type { Logger } from 'pino';
import type { AppConfig } from './config.js';
import type { KnowledgeSnapshot } from './knowledge/snapshot.js';
import type { Stores } from './store/escalation-types.js';
import type { EscalationService } from './escalation/service.js';
import type { FaqDrafts } from './kb-drafts/service.js';
import type { LlmLayer } from './llm/layer.js';

/** What dialogs may use. Built once at start-up; knowledge is read per turn so live reloads apply. */
export interface BotServices {
  config: AppConfig;
  logger: Logger;
  knowledge: () => KnowledgeSnapshot;
  /** Epoch milliseconds; tests pass a fake clock. */
  now: () => number;
  stores: Stores;
  escalation: EscalationService;
  /** FAQ drafts and the DTNUM admins' commands (absent in tests that do not need them). */
  faqDrafts?: FaqDrafts;
  /** The optional generative layer (LLM_BASE_URL set); absent, the dialogs answer from the knowledge alone. */
  llm?: LlmLayer;
}
