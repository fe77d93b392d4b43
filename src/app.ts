import type { Logger } from 'pino';
import { loadConfig, type AppConfig } from './config.js';
import { createLogger } from './logger.js';
import { LiveKnowledge } from './knowledge/snapshot.js';
import { Bot, type DialogRegistry } from './bot.js';
import type { ConversationStore } from './store/types.js';
import { MemoryConversationStore } from './store/memory.js';
import type { BotServices } from './services.js';
import { charterAnswerDialog } from '../dialogs/charter-answer.js';
import { greetingDialog, helpDialog } from '../dialogs/small-talk.js';
import { outOfScopeDialog } from '../dialogs/out-of-scope.js';
import { escalationDialog } from '../dialogs/escalation.js';
import { toolCheckDialog } from '../dialogs/tool-check.js';

export function defaultDialogs(): DialogRegistry {
  return {
    byIntent: {
      charter_question: charterAnswerDialog,
      tool_check: toolCheckDialog,
      escalation_request: escalationDialog,
      greeting: greetingDialog,
      help: helpDialog,
      out_of_scope: outOfScopeDialog,
    },
    all: [charterAnswerDialog, toolCheckDialog, escalationDialog, greetingDialog, helpDialog, outOfScopeDialog],
  };
}

export interface AppOptions {
  config?: AppConfig;
  logger?: Logger;
  store?: ConversationStore;
  /** Overrides KNOWLEDGE_DIR. */
  knowledgeDir?: string;
  /** Watch knowledge files and reload them live (default: config.KNOWLEDGE_WATCH). */
  watch?: boolean;
  now?: () => number;
}

export interface App {
  bot: Bot;
  knowledge: LiveKnowledge;
  services: BotServices;
  store: ConversationStore;
  close(): Promise<void>;
}

/** Wires the core: configuration, knowledge (validated, fail-fast), store, dialogs. */
export function createApp(opts: AppOptions = {}): App {
  const config = opts.config ?? loadConfig();
  const logger = opts.logger ?? createLogger({ level: config.LOG_LEVEL, format: config.LOG_FORMAT });
  const knowledge = new LiveKnowledge(opts.knowledgeDir ?? config.KNOWLEDGE_DIR, logger, config.CONFIDENCE_THRESHOLD);
  if (opts.watch ?? config.KNOWLEDGE_WATCH) knowledge.watch();
  const store = opts.store ?? new MemoryConversationStore();
  const services: BotServices = { config, logger, knowledge: () => knowledge.current(), now: opts.now ?? Date.now };
  const bot = new Bot(services, store, defaultDialogs());
  return {
    bot,
    knowledge,
    services,
    store,
    async close() {
      knowledge.close();
    },
  };
}
